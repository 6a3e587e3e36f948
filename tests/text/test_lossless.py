"""The parse is lossless: the model gives back the decoded input character for character."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.text.parse import ParseError, parse

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_NAME = "sources/000_a0dc2aa1bc4bc1e3.txt"
SEED = REPO_ROOT / SEED_NAME

# The seed's tricky pieces: readings, damage seeds, placeholders, heading numbers, speech
# headers, a parenthesised non-pinyin, accented Latin, stray ASCII symbols, line breaks.
PIECES = [
    "堅", "決", "戰", "黨", "一", "二", "十", "1", "２",
    "(jiān)", "(qián)", "(xiàn)", "(lǜ)", "(n)",
    "?", "X", "XX", "*", "**.*", ".", "、", "。", ",", "，", ":", "；",
    "第一篇:", "第 1,", "第一,", "第二篇：", "（一）", "(1)", "一、", "1、", "20**年*月*日",
    "\n", "\n\n", " ", "\u3000", "\t",
    "黨委(黨組)", "F", "cè", "è", "@", ")", "(", "€", "サ", "本文",
]

texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_collection_rebuilds_the_seed(seed_text: str) -> None:
    collection = parse(seed_text, SEED_NAME)
    assert collection.source == seed_text


def test_each_speech_is_its_exact_slice_of_lines(seed_text: str) -> None:
    lines = seed_text.splitlines(keepends=True)
    assert len(lines) == 221
    speeches = parse(seed_text, SEED_NAME).speeches
    for speech in speeches:
        expected = "".join(lines[speech.first_line - 1 : speech.last_line])
        assert speech.source == expected, speech.ordinal
    # the slices tile the file: each speech starts right after the previous one ends
    assert [s.first_line for s in speeches] == [1, 67, 125, 145, 157]
    assert speeches[-1].last_line == 221


def test_articles_tile_the_party_lesson(seed_text: str) -> None:
    lines = seed_text.splitlines(keepends=True)
    fifth = parse(seed_text, SEED_NAME).speeches[4]
    starts = [a.blocks[0].line for a in fifth.articles]
    assert starts == [160, 175, 204]
    ends = [175 - 1, 204 - 1, 221]
    for article, first, last in zip(fifth.articles, starts, ends):
        assert article.source == "".join(lines[first - 1 : last])


def test_text_without_final_newline_round_trips() -> None:
    text = "第一篇:講話\n同志們:\n今天,我們召開大會。"
    collection = parse(text)
    assert collection.source == text
    last = list(collection.speeches[0].blocks())[-1]
    assert last.end == ""


def test_leading_blank_lines_are_kept_as_preamble() -> None:
    text = "\n  \n第一篇:講話\n正文。\n"
    collection = parse(text)
    assert collection.source == text
    assert [b.line for b in collection.preamble] == [1, 2]
    assert collection.speeches[0].first_line == 3


@pytest.mark.parametrize("blank", ["", "\n", "  \n\t\n", "\u3000"])
def test_blank_text_is_a_parse_error(blank: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(blank, "blank.txt")
    assert str(info.value).startswith("blank.txt:1:1: ")


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_text_round_trips(text: str) -> None:
    if text.strip():
        assert parse(text).source == text
    else:
        with pytest.raises(ParseError):
            parse(text)
