"""The joint apparatus of a group of three witnesses the test writes (see witness_support),
and of the seed pair, where it must say what the pairwise collation says."""

from __future__ import annotations

import pytest
from seed import SEED
from witness_support import write_three_witnesses

from build_tools.analysis.collate import (
    LAYOUT,
    NUMERAL,
    OMISSION,
    SUBSTITUTION,
    TRANSPOSITION,
    GroupCollation,
    align_witnesses,
    body_blocks,
    collate,
    collate_witnesses,
    find_witness_groups,
)
from build_tools.text.corpus import load_collection

A, B, C = 0, 1, 2


@pytest.fixture(scope="module")
def speeches(tmp_path_factory):
    return load_collection(write_three_witnesses(tmp_path_factory.mktemp("three"))).speeches


@pytest.fixture(scope="module")
def joint(speeches) -> GroupCollation:
    (group,) = find_witness_groups(speeches)
    assert group.members == (0, 1, 2)
    return collate_witnesses([speeches[i] for i in group.members], group=group)


def summary(entry):
    """(lemma, its witnesses, then each other reading with its witnesses and kind)."""
    return (entry.lemma.text, entry.lemma.witnesses,
            *((r.text, r.witnesses, r.kind) for r in entry.readings))


def test_joint_rows_keep_a_paragraph_merged_in_one_witness_together(joint):
    # C runs paragraphs 2 and 3 into one: that row holds two paragraphs of A and of B.
    assert [row.shape for row in joint.rows] == ["1:1:1", "2:2:1", "1:1:1", "1:1:1"]
    assert [[b.line for b in cell] for cell in joint.rows[1].cells] == [[3, 4], [9, 10], [15]]


def test_every_reading_lists_the_witnesses_that_have_it(joint):
    assert [summary(e) for e in joint.entries] == [
        ("推動", (A,), ("推進", (B, C), SUBSTITUTION)),  # B and C agree against A
        ("群眾", (A, C), ("大眾", (B,), SUBSTITUTION)),  # C agrees with the base
        ("很大", (A, B), ("", (C,), OMISSION)),
        ("開展", (A, C), ("展開", (B,), TRANSPOSITION)),
        ("十二", (A, C), (" 12 ", (B,), NUMERAL)),
        ("想方設法", (A,), ("千方百計", (B, C), SUBSTITUTION)),
        ("群眾", (A, B), ("大眾", (C,), SUBSTITUTION)),
    ]
    assert [e.number for e in joint.entries] == list(range(1, 8))
    assert joint.counts_by_kind == {"damage": 0, "numeral": 1, "transposition": 1,
                                    "punctuation": 0, "omission": 1, "addition": 0,
                                    "substitution": 4}


def test_layout_differences_are_a_layer_of_their_own(joint):
    (comma,) = joint.layout
    assert summary(comma) == ("，", (A, B), (",", (C,), LAYOUT))
    assert comma.number == 1 and comma.layout


def test_three_readings_at_one_place(speeches):
    base, other, third = speeches
    changed = with_phrase_replaced(third, "貧困群眾", "貧困民眾")
    (entry, *_) = [e for e in collate_witnesses([base, other, changed]).entries
                   if e.lemma.text == "群眾"]
    assert summary(entry) == ("群眾", (A,), ("大眾", (B,), SUBSTITUTION),
                              ("民眾", (C,), SUBSTITUTION))


def with_phrase_replaced(speech, old, new):
    """``speech`` with one phrase of its first paragraph replaced (a fourth text)."""
    from dataclasses import replace

    from build_tools.text.model import Article, Paragraph, Text

    first, *rest = body_blocks(speech)
    changed = Paragraph((Text(first.visible.replace(old, new)),), line=first.line)
    return replace(speech, articles=(Article(1, (changed, *rest)),))


def test_locations_point_into_each_witness(speeches, joint):
    blocks = [body_blocks(s) for s in speeches]
    for entry in (*joint.entries, *joint.layout):
        for reading in entry.all_readings:
            for witness, location in zip(reading.witnesses, reading.locations):
                rest = "".join(b.visible for b in blocks[witness][location.block:])
                assert rest[location.offset:].startswith(reading.text), (entry, witness)
                assert blocks[witness][location.block].line == location.line


def test_outside_the_entries_every_witness_reads_the_base(speeches, joint):
    """Rebuild each witness's text from the base's and the readings: it comes out whole."""
    for witness, speech in enumerate(speeches):
        rebuilt = []
        for index, row in enumerate(joint.rows):
            text = "".join(b.visible for b in row.cells[0])
            for entry in reversed([e for e in (*joint.entries, *joint.layout)
                                   if e.row == index]):
                offset = _row_offset(row, entry.lemma.locations[0])
                text = (text[:offset] + entry.reading_of(witness).text
                        + text[offset + len(entry.lemma.text):])
            rebuilt.append(text)
        assert "".join(rebuilt) == "".join(b.visible for b in body_blocks(speech))


def _row_offset(row, location):
    """Where a base location lies in the row's base text."""
    if not row.cells[0]:
        return 0
    before = row.cells[0][: location.block - row.starts[0]]
    return sum(len(b.visible) for b in before) + location.offset


def test_with_two_witnesses_the_entries_are_the_pairwise_variants():
    first, second = load_collection(SEED).speeches[:2]
    pairwise = collate(first, second)
    joint = collate_witnesses([first, second])
    assert len(joint.rows) == len(pairwise.rows) == len(align_witnesses([first, second]))
    for entries, variants in ((joint.entries, pairwise.variants),
                              (joint.layout, pairwise.layout)):
        assert [(e.number, e.lemma.text, e.readings[0].text, e.readings[0].kind,
                 e.lemma.locations[0], e.readings[0].locations[0],
                 e.readings[0].changes_value) for e in entries] == [
            (v.number, v.base_text, v.other_text, v.kind, v.base_location, v.other_location,
             v.changes_value) for v in variants]
    assert joint.counts_by_kind == pairwise.counts_by_kind
