"""The joint apparatus of a group: every witness against the base, one entry per place.

The rows are the joint rows of ``align_witnesses``. In each, every other witness's
differences from the base (``regions``) are taken in the base's coordinates, and those
that overlap, or that touch where one of them is an insertion, make one *entry*: the
place where at least one witness differs. An entry lists every reading there with the
witnesses that have it, as TEI's parallel segmentation does (``<app>``, ``<lem>``,
``<rdg wit="#B #C">``): the *lemma* is the base's reading, with every witness that agrees
with it; each other reading, the witnesses that read exactly that, its kind (``kinds``;
several differences in one reading: ``kinds.combined``) and where it starts in each.
Outside the entries every witness reads the base's text.

An entry whose readings all differ from the lemma in layout only (whitespace, character
width) belongs to the layout layer: ``GroupCollation.layout``, numbered apart; the rest
are ``GroupCollation.entries``, numbered 1… in row order. With two witnesses the entries
are the variants of ``collate``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from build_tools.analysis.collate.align import JointRow, align_witnesses
from build_tools.analysis.collate.detect import WitnessGroup
from build_tools.analysis.collate.kinds import (
    ALL_KINDS,
    KINDS,
    LAYOUT,
    NUMERAL,
    changes_value,
    combined,
)
from build_tools.analysis.collate.regions import Region, differences
from build_tools.analysis.collate.sides import Location, Side, body_blocks
from build_tools.text.model import Block, Speech

Difference = tuple[int, Region, str]  # (witness, region, kind)


@dataclass(frozen=True)
class WitnessReading:
    """One reading at one place, and the witnesses (positions in the group) that have it."""

    text: str
    witnesses: tuple[int, ...]
    locations: tuple[Location, ...]  # where it starts in each of ``witnesses``
    kind: str | None = None  # None for the lemma
    changes_value: bool = False  # numerals: it reads as another number than the lemma

    def location(self, witness: int) -> Location:
        return self.locations[self.witnesses.index(witness)]


@dataclass(frozen=True)
class Entry:
    """A place where at least one witness differs from the base."""

    number: int  # 1-based within its layer
    row: int  # index into GroupCollation.rows
    offset: int  # where the lemma starts in the row's base text (its cells[0] run together)
    lemma: WitnessReading  # the base's reading, with the witnesses that agree
    readings: tuple[WitnessReading, ...]  # the others, in order of their first witness

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(k for k in ALL_KINDS if any(r.kind == k for r in self.readings))

    @property
    def kind(self) -> str:
        return combined(list(self.kinds))

    @property
    def layout(self) -> bool:
        return self.kinds == (LAYOUT,)

    @property
    def all_readings(self) -> tuple[WitnessReading, ...]:
        return (self.lemma, *self.readings)

    def reading_of(self, witness: int) -> WitnessReading:
        return next(r for r in self.all_readings if witness in r.witnesses)


@dataclass(frozen=True)
class GroupCollation:
    """All witnesses of a group in joint rows, with the joint apparatus."""

    group: WitnessGroup | None
    members: tuple[int, ...]  # the speeches' indices, base first (labels only)
    rows: tuple[JointRow, ...]
    entries: tuple[Entry, ...]  # the readings, numbered 1…
    layout: tuple[Entry, ...]  # whitespace and width only, numbered 1… apart
    counts_by_kind: dict[str, int] = field(compare=False)  # readings per kind, KINDS order

    @property
    def sigla(self) -> tuple[str, ...]:
        """A name per witness, in group order: ``A`` (the base), ``B``, ``C`` …"""
        return tuple(siglum(k) for k in range(len(self.members)))


def siglum(position: int) -> str:
    """``A`` … ``Z``, then ``AA``, ``AB`` …: the witness at ``position`` in its group."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def collate_witnesses(witnesses: Sequence[Speech], *,
                      group: WitnessGroup | None = None) -> GroupCollation:
    """The joint collation of ``witnesses`` (in group order, base first)."""
    rows = align_witnesses(witnesses)
    blocks = [tuple(body_blocks(speech)) for speech in witnesses]
    found = [entry for index, row in enumerate(rows) for entry in _row_entries(row, index,
                                                                                blocks)]
    entries = _numbered(e for e in found if not e.layout)
    counts = Counter(r.kind for e in entries for r in e.readings)
    members = group.members if group else tuple(range(len(witnesses)))
    return GroupCollation(group, members, tuple(rows), entries,
                          _numbered(e for e in found if e.layout),
                          {kind: counts[kind] for kind in KINDS})


def _numbered(entries) -> tuple[Entry, ...]:
    return tuple(replace(e, number=k) for k, e in enumerate(entries, start=1))


def _row_entries(row: JointRow, index: int,
                 blocks: list[tuple[Block, ...]]) -> list[Entry]:
    sides = [Side.of(cell, start, witness)
             for cell, start, witness in zip(row.cells, row.starts, blocks)]
    found: list[Difference] = [
        (k, region, kind)
        for k, side in enumerate(sides[1:], start=1)
        for region, kind in differences(sides[0], side)
    ]
    return [_entry(sides, found, start, end, members, index)
            for start, end, members in _places(found)]


def _places(found: list[Difference]) -> list[tuple[int, int, list[Difference]]]:
    """Differences that overlap, or touch where one is an insertion (of two witnesses:
    one witness's own differences stay apart, as in ``collate``), as one place."""
    places: list[tuple[int, int, list[Difference]]] = []
    for difference in sorted(found, key=lambda d: (d[1].i1, d[1].i2, d[0])):
        witness, region, _ = difference
        if places:
            start, end, members = places[-1]
            touching = (region.i1 == end and (region.i1 == region.i2 or start == end)
                        and any(other != witness for other, _, _ in members))
            if region.i1 < end or touching:
                places[-1] = (start, max(end, region.i2), [*members, difference])
                continue
        places.append((region.i1, region.i2, [difference]))
    return places


def _entry(sides: list[Side], found: list[Difference], start: int, end: int,
           members: list[Difference], row: int) -> Entry:
    base = sides[0]
    lemma_text = base.text[start:end]
    groups: dict[str, list[tuple[int, Location, str | None, bool]]] = {
        lemma_text: [(0, base.location(start), None, False)]}
    for k, side in enumerate(sides[1:], start=1):
        own = [(region, kind) for witness, region, kind in members if witness == k]
        j1, j2 = _span_in(k, own, found, start, end)
        text = side.text[j1:j2]
        kind = combined([kind for _, kind in own]) if own and text != lemma_text else None
        value = any(own_kind == NUMERAL and changes_value(base.text[r.i1 : r.i2],
                                                            side.text[r.j1 : r.j2])
                    for r, own_kind in own)
        groups.setdefault(text, []).append((k, side.location(j1), kind, value))
    readings = [
        WitnessReading(text, tuple(w for w, *_ in have), tuple(loc for _, loc, *_ in have),
                       None if text == lemma_text else combined([kd for *_, kd, _ in have]),
                       any(value for *_, value in have))
        for text, have in groups.items()
    ]
    return Entry(0, row, start, readings[0], tuple(readings[1:]))


def _span_in(k: int, own: list[tuple[Region, str]], found: list[Difference], start: int,
             end: int) -> tuple[int, int]:
    """Where the base's ``start:end`` lies in witness ``k``'s text."""
    if own:
        first, last = own[0][0], own[-1][0]
        return first.j1 - (first.i1 - start), last.j2 + (end - last.i2)
    before = [region for witness, region, _ in found if witness == k and region.i2 <= start]
    shift = before[-1].j2 - before[-1].i2 if before else 0
    return start + shift, end + shift
