"""The parser on the seed corpus: structure, headings, hard wraps, inline spans, warnings.

Every number here was checked by hand against ``sources/000_a0dc2aa1bc4bc1e3.txt``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from build_tools.text.inline import count_pinyin_runs, is_han
from build_tools.text.model import (
    Blank,
    Collection,
    Damage,
    Header,
    Heading,
    Paragraph,
    Reading,
    Redaction,
    SoftBreak,
    Speech,
    Text,
)
from build_tools.text.parse import parse

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_NAME = "sources/000_a0dc2aa1bc4bc1e3.txt"
SEED = REPO_ROOT / SEED_NAME

LONE_LOST = "lone '?': read as a lost character"
LONE_QUESTION = "lone '?' after a Han character: read as a question mark"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Collection:
    return parse(seed_text, SEED_NAME)


def speech(collection: Collection, ordinal: int) -> Speech:
    (found,) = [s for s in collection.speeches if s.ordinal == ordinal]
    return found


def blocks_at(collection: Collection, line: int) -> list:
    """Body blocks (headings, paragraphs, blanks) that start on source ``line``."""
    return [b for s in collection.speeches for b in s.blocks() if b.line == line]


def headings(sp: Speech, style: str | None = None) -> list[Heading]:
    return [b for b in sp.blocks() if isinstance(b, Heading) and style in (None, b.style)]


def all_spans(collection: Collection) -> list:
    return [span for s in collection.speeches for span in s.spans()]


# ------------------------------------------------------------------------------ speeches


def test_five_speeches_numbered_one_to_five(seed: Collection) -> None:
    assert [s.ordinal for s in seed.speeches] == [1, 2, 3, 4, 5]
    assert seed.preamble == ()
    assert all(isinstance(s.header, Header) for s in seed.speeches)
    assert [s.header.prefix for s in seed.speeches] == [
        "第一篇:", "第二篇:", "第三篇:", "第四篇:", "第五篇:"
    ]


@pytest.mark.parametrize(
    "ordinal, title, kind, first_line, last_line",
    [
        (1, "全縣脫貧攻堅決戰決勝誓師大會領導講話", "講話", 1, 66),
        (2, "全縣脫貧攻堅決戰決勝誓師大會領導講話", "講話", 67, 124),
        (3, "決戰決勝脫貧攻堅誓師大會發言材料", "發言材料", 125, 144),
        (4, "決戰決勝脫貧攻堅事跡材料", "事跡材料", 145, 156),
        (5, "決戰決勝脫貧攻堅-黨課", "黨課", 157, 221),
    ],
)
def test_titles_kinds_and_line_ranges(
    seed: Collection, ordinal: int, title: str, kind: str, first_line: int, last_line: int
) -> None:
    sp = speech(seed, ordinal)
    assert sp.title == title
    assert sp.kind == kind
    assert (sp.first_line, sp.last_line) == (first_line, last_line)
    assert sp.path == SEED_NAME


def test_title_keeps_its_readings_as_spans(seed: Collection) -> None:
    first = speech(seed, 1).title_spans
    assert first[:3] == (Text("全縣脫貧攻"), Reading("堅", "jiān"), Text("決"))
    assert first[1].line == 1


# ------------------------------------------------------------------------------ articles


def test_only_the_party_lesson_has_several_articles(seed: Collection) -> None:
    assert [len(s.articles) for s in seed.speeches] == [1, 1, 1, 1, 3]


def test_party_lesson_articles_start_at_their_dated_or_summary_lead(seed: Collection) -> None:
    articles = speech(seed, 5).articles
    assert [a.ordinal for a in articles] == [1, 2, 3]
    assert [a.line for a in articles] == [160, 175, 204]
    assert articles[0].blocks[0].visible.startswith("20**年*月*日,習近平總書記在決戰決勝")
    assert articles[1].blocks[0].visible.startswith("20**年*月*日,習近平總書記在專門赴湖北省")
    assert articles[2].blocks[0].visible.startswith("本文從“奪取脫貧攻堅戰全面勝利的必然性”")


@pytest.mark.parametrize(
    "article, lines",
    [(1, [161, 166, 170]), (2, [177, 181, 187]), (3, [205, 211, 215])],
)
def test_each_party_lesson_article_has_top_headings_one_two_three(
    seed: Collection, article: int, lines: list[int]
) -> None:
    blocks = speech(seed, 5).articles[article - 1].blocks
    top = [b for b in blocks if isinstance(b, Heading)]
    assert [(h.style, h.number, h.level, h.line) for h in top] == [
        ("一、", 1, 2, lines[0]),
        ("一、", 2, 2, lines[1]),
        ("一、", 3, 2, lines[2]),
    ]
    assert [h.visible[:2] for h in top] == ["一、", "二、", "三、"]


# --------------------------------------------------------------------------- title lines


@pytest.mark.parametrize(
    "ordinal, front",
    [
        (1, [(2, True)]),
        (2, [(68, True)]),
        (3, [(126, True), (127, True)]),
        (4, [(146, False)]),
        (5, [(158, False), (159, True)]),
    ],
)
def test_title_lines_under_the_header(
    seed: Collection, ordinal: int, front: list[tuple[int, bool]]
) -> None:
    assert [(t.line, t.duplicate) for t in speech(seed, ordinal).front] == front


def test_duplicate_title_line_repeats_the_header_text(seed: Collection) -> None:
    sp = speech(seed, 1)
    assert sp.front[0].visible == sp.title
    assert sp.subtitle is None


def test_fourth_speech_subtitle_is_a_redacted_name(seed: Collection) -> None:
    subtitle = speech(seed, 4).subtitle
    assert subtitle is not None
    assert subtitle.spans == (Redaction("XXX"), Text("事跡材料"))
    assert subtitle.line == 146


def test_fifth_speech_subtitle_announces_three_articles(seed: Collection) -> None:
    subtitle = speech(seed, 5).subtitle
    assert subtitle is not None
    assert subtitle.line == 158
    assert subtitle.visible == "決戰決勝脫貧攻堅|黨課3篇"


# ------------------------------------------------------------------------------ headings


def test_first_speech_heading_styles_and_levels(seed: Collection) -> None:
    sp = speech(seed, 1)
    assert {(h.style, h.level) for h in headings(sp)} == {("1、", 2), ("第一,", 3)}
    assert [(h.number, h.line) for h in headings(sp, "1、")] == [(1, 12), (2, 27), (3, 52)]
    assert [(h.number, h.line) for h in headings(sp, "第一,")] == [
        (1, 15), (2, 19), (3, 23),
        (1, 29), (2, 34), (3, 39), (4, 42), (5, 46),
        (1, 63), (2, 64), (3, 66),
    ]


def test_arabic_ordinal_heading_ends_at_its_first_sentence(seed: Collection) -> None:
    heading, paragraph = blocks_at(seed, 15)
    assert isinstance(heading, Heading)
    assert heading.visible == "第 1,要在肯定成績中堅定信心。"
    assert heading.end == ""
    assert isinstance(paragraph, Paragraph)
    assert paragraph.visible.startswith("經過 X 多年的接續奮斗")
    assert paragraph.line == paragraph.last_line == 15
    # heading + paragraph give back the source line exactly
    assert heading.source + paragraph.source == SEED.read_text("utf-8").split("\n")[14] + "\n"


def test_second_speech_heading_styles_and_levels(seed: Collection) -> None:
    sp = speech(seed, 2)
    assert {(h.style, h.level) for h in headings(sp)} == {("一、", 2), ("第一,", 3)}
    assert [(h.number, h.line) for h in headings(sp, "一、")] == [(1, 77), (2, 90), (3, 112)]
    assert [h.line for h in headings(sp, "第一,")] == [
        79, 83, 86, 92, 96, 100, 103, 106, 122, 123, 124
    ]
    first = headings(sp, "第一,")[0]
    assert (first.visible, first.end) == ("第一,要在肯定成績中堅定信心。", "")


def test_chinese_numbered_heading_is_a_whole_line(seed: Collection) -> None:
    (heading,) = blocks_at(seed, 77)
    assert heading.visible == "一、認清形勢,堅定信心,把沖鋒的號角吹起來"
    assert heading.end == "\n"


def test_heading_counts_per_speech(seed: Collection) -> None:
    assert [len(headings(s)) for s in seed.speeches] == [14, 14, 3, 3, 9]


ENUMERATION_LINES = [
    80, 81, 82, 87, 88, 89, 93, 94, 95, 97, 98, 99, 101, 102,
    107, 108, 109, 110, 114, 115, 118, 119, 121,
    131, 132, 133, 136, 137, 138, 141, 142, 143,
]


@pytest.mark.parametrize("line", ENUMERATION_LINES)
def test_yi_shi_and_er_yao_lines_are_paragraphs(seed: Collection, line: int) -> None:
    (block,) = blocks_at(seed, line)
    assert isinstance(block, Paragraph)
    assert block.visible[1] in "是要方"


# ---------------------------------------------------------------------------- hard wraps

JOINED = [(9, 10), (13, 14), (32, 33), (37, 38), (42, 43), (52, 53), (74, 75)]


def test_exactly_seven_hard_wraps_are_joined(seed: Collection) -> None:
    spanning = [
        (b.line, b.last_line)
        for s in seed.speeches
        for b in s.blocks()
        if isinstance(b, Paragraph) and b.last_line != b.line
    ]
    assert spanning == JOINED


def test_soft_breaks_are_exactly_the_joins(seed: Collection) -> None:
    breaks = [s.line for s in all_spans(seed) if isinstance(s, SoftBreak)]
    assert breaks == [first for first, _ in JOINED]


def test_wrap_inside_a_word_joins_it(seed: Collection) -> None:
    (paragraph,) = blocks_at(seed, 32)
    assert (paragraph.line, paragraph.last_line) == (32, 33)
    assert "易地搬遷" in paragraph.visible
    (index,) = [i for i, s in enumerate(paragraph.spans) if isinstance(s, SoftBreak)]
    before, soft, after = paragraph.spans[index - 1 : index + 2]
    assert before.source.endswith("易") and before.line == 32
    assert soft == SoftBreak() and soft.line == 32
    assert after.source.startswith("地搬遷") and after.line == 33


def test_finished_line_is_not_joined(seed: Collection) -> None:
    # line 8 ends with ";?": a sentence end followed by a damaged character
    (paragraph,) = blocks_at(seed, 8)
    assert (paragraph.line, paragraph.last_line) == (8, 8)
    assert paragraph.spans[-1] == Damage("?")


def test_lone_damage_lines_are_paragraphs(seed: Collection) -> None:
    for line in (3, 65):
        (paragraph,) = blocks_at(seed, line)
        assert paragraph.spans == (Damage("?"),)
        assert paragraph.spans[0].line == line


# ------------------------------------------------------------------- run-in heading (52)


def test_run_in_heading_at_line_52_is_split_and_warned(seed: Collection) -> None:
    heading, paragraph = blocks_at(seed, 52)
    assert isinstance(heading, Heading) and isinstance(paragraph, Paragraph)
    assert (heading.style, heading.number, heading.level, heading.end) == ("1、", 3, 2, "")
    assert heading.visible.startswith("3、履職盡責、攻堅克難,把貧困的帽子摘下來 ")
    assert (paragraph.line, paragraph.last_line) == (52, 53)
    assert "分部署,9 分落實。全縣黨員干部要以貧困不除愧對歷史的使命感" in paragraph.visible
    run_in = [w for w in seed.warnings if "runs into its paragraph" in w.message]
    assert [(w.line, w.message.split(":")[0]) for w in run_in] == [
        (52, "heading 1、 runs into its paragraph")
    ]


def test_run_in_heading_at_line_52_leaves_the_lost_character_to_the_paragraph(
    seed: Collection,
) -> None:
    heading, paragraph = blocks_at(seed, 52)
    assert heading.source == "3、履職盡責(zé)、攻堅(jiān)克難,把貧困的帽子摘下來(lái) "
    assert heading.visible == "3、履職盡責、攻堅克難,把貧困的帽子摘下來 "
    assert paragraph.spans[0] == Damage("?")
    assert paragraph.spans[1].source.startswith("分部署")
    (warning,) = [w for w in seed.warnings if "runs into its paragraph" in w.message]
    assert warning.column == 38


# --------------------------------------------------------------------------- inline spans

REDACTIONS = {
    ("X", None): 59,
    ("XXX", None): 10,
    ("XX", None): 8,
    ("X.X", None): 6,
    ("**.*", None): 5,
    ("*", None): 2,
    ("20**年*月*日", None): 2,
    ("***", None): 2,
    ("**", None): 1,
    ("XXXXXX", None): 1,
    ("20**", None): 1,
    ("X", "qián"): 1,
}


def test_pinyin_runs_in_the_raw_text(seed_text: str) -> None:
    assert count_pinyin_runs(seed_text) == 3959


def test_readings_follow_han_characters(seed: Collection) -> None:
    readings = [s for s in all_spans(seed) if isinstance(s, Reading)]
    assert len(readings) == 3941
    assert all(is_han(r.char) and len(r.char) == 1 for r in readings)


def test_every_pinyin_run_is_accounted_for(seed: Collection, seed_text: str) -> None:
    spans = all_spans(seed)
    readings = sum(isinstance(s, Reading) for s in spans)
    evidence = sum(len(s.evidence) for s in spans if isinstance(s, Damage))
    on_redactions = [s for s in spans if isinstance(s, Redaction) and s.pinyin]
    assert (readings, evidence, len(on_redactions)) == (3941, 17, 1)
    assert readings + evidence + len(on_redactions) == count_pinyin_runs(seed_text)


def test_reading_for_jian(seed: Collection) -> None:
    jian = [s for s in all_spans(seed) if s == Reading("堅", "jiān")]
    assert jian[0].line == 1
    assert jian[0].source == "堅(jiān)"
    assert jian[0].visible == "堅"


def test_parenthesised_han_is_not_pinyin(seed: Collection) -> None:
    spans = all_spans(seed)
    assert not any(isinstance(s, Reading) and s.pinyin == "黨組" for s in spans)
    (holder,) = [s for s in spans if isinstance(s, Text) and "黨委(黨組)" in s.text]
    assert holder.line == 216


def test_redaction_counts_by_text(seed: Collection) -> None:
    redactions = [s for s in all_spans(seed) if isinstance(s, Redaction)]
    assert Counter((r.text, r.pinyin) for r in redactions) == REDACTIONS
    assert len(redactions) == sum(REDACTIONS.values()) == 98


def test_redaction_with_a_reading(seed: Collection) -> None:
    (kept,) = [s for s in all_spans(seed) if isinstance(s, Redaction) and s.pinyin]
    assert kept == Redaction("X", "qián")
    assert kept.line == 88
    assert (kept.source, kept.visible) == ("X(qián)", "X")


def test_dated_redaction_is_one_span(seed: Collection) -> None:
    (lead,) = blocks_at(seed, 160)
    assert lead.spans[0] == Redaction("20**年*月*日")
    assert lead.spans[0].line == 160


def test_damage_count(seed: Collection) -> None:
    assert sum(isinstance(s, Damage) for s in all_spans(seed)) == 69


def test_damaged_run_at_line_5(seed: Collection) -> None:
    (paragraph,) = blocks_at(seed, 5)
    damage = [s for s in paragraph.spans if isinstance(s, Damage)]
    assert damage == [Damage("?cè)谶@")]
    assert damage[0].line == 5
    # the "(" of "(cè)" was lost with the character: no reading survives as evidence
    assert damage[0].evidence == ()
    assert paragraph.visible.startswith("今天,我們?cè)谶@里隆重召開全縣")


def test_damaged_run_carries_its_lost_reading(seed: Collection) -> None:
    runs = [s for s in all_spans(seed) if s == Damage("?,F(xiàn)")]
    assert [r.line for r in runs] == [43, 103, 152]
    assert runs[0].evidence == ("xiàn",)
    assert runs[0].visible == "?,F"


# ------------------------------------------------------------------------------ warnings


def test_numbering_gap_in_the_fourth_speech(seed: Collection) -> None:
    gaps = [w for w in seed.warnings if "gap in the numbering" in w.message]
    assert [str(w) for w in gaps] == [
        f"{SEED_NAME}:154:1: numbered heading 4 (一、) where 3 was expected: "
        "a gap in the numbering"
    ]
    assert [h.number for h in headings(speech(seed, 4))] == [1, 2, 4]


@pytest.mark.parametrize("line", [3, 65])
def test_lone_question_mark_on_its_own_line_is_a_lost_character(
    seed: Collection, line: int
) -> None:
    assert f"{SEED_NAME}:{line}:1: {LONE_LOST}" in [str(w) for w in seed.warnings]


def test_all_warning_positions(seed: Collection) -> None:
    assert [(w.line, w.column, w.message) for w in seed.warnings] == [
        (3, 1, LONE_LOST),
        (8, 110, LONE_LOST),
        (9, 164, LONE_LOST),
        (10, 79, LONE_LOST),
        (12, 49, LONE_LOST),
        (27, 44, LONE_LOST),
        (52, 38, "heading 1、 runs into its paragraph: split at column 38"),
        (52, 38, LONE_LOST),
        (56, 265, LONE_QUESTION),
        (65, 1, LONE_LOST),
        (80, 45, LONE_QUESTION),
        (116, 247, LONE_QUESTION),
        (117, 134, LONE_QUESTION),
        (151, 713, LONE_QUESTION),
        (154, 1, "numbered heading 4 (一、) where 3 was expected: a gap in the numbering"),
        (160, 253, LONE_LOST),
        (175, 205, LONE_QUESTION),
        (202, 15, LONE_QUESTION),
        (218, 23, LONE_QUESTION),
    ]
    assert all(w.path == SEED_NAME for w in seed.warnings)


def test_question_mark_after_han_stays_text(seed: Collection) -> None:
    (paragraph,) = blocks_at(seed, 56)
    assert "又怎樣辦?我想告知大家" in paragraph.visible
    assert not any(isinstance(s, Damage) for s in paragraph.spans)


def test_blank_lines_are_absent_from_the_seed(seed: Collection) -> None:
    assert not any(isinstance(b, Blank) for s in seed.speeches for b in s.blocks())
