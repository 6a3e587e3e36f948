"""Headings of a speech's body: the numbering styles and where a heading line ends.

A heading opens with a number in one of ``HEADING_STYLES``; its level is decided per
article by the order in which the styles first appear (see ``parse``).
"""

from __future__ import annotations

import re

from build_tools.text.model import Damage, SoftBreak, Span, Text, spans_visible
from build_tools.text.numerals import parse_number

CN_SMALL = "一二三四五六七八九十"
# Heading numbering styles, in no particular order; the level of each is decided per
# article by the order in which the styles first appear.
HEADING_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("一、", re.compile(rf"^\s*([{CN_SMALL}]+)、")),  # 一、認清形勢
    ("1、", re.compile(r"^\s*([0-9０-９]{1,2})、")),  # 1、認清情勢
    ("（一）", re.compile(rf"^\s*[（(]([{CN_SMALL}]+)[)）]")),  # （一）加強領導
    ("(1)", re.compile(r"^\s*[（(]([0-9０-９]{1,2})[)）]")),  # (1)加強領導
    ("第一,", re.compile(rf"^\s*第\s*([{CN_SMALL}]+|[0-9０-９]{{1,2}})\s*[,，、]")),  # 第一, / 第 1,
)
# The ordinal style ("第一,要在…信心。經過…") opens a paragraph with a one-sentence heading.
RUN_IN_STYLES = {"第一,"}

SENTENCE_TERMINATORS = set("。!！?？;；")
MAX_HEADING_LENGTH = 60  # a longer line with a sentence end is a heading run into text


def match_heading(text: str) -> tuple[str, int, int] | None:
    """``(style, number, end of marker)`` when the line opens with a heading number."""
    for style, pattern in HEADING_STYLES:
        match = pattern.match(text)
        if match:
            return style, parse_number(match.group(1)), match.end()
    return None


def last_real_char(spans: list[Span]) -> str:
    """The last character that tells whether a line ends a sentence (damage ignored)."""
    for span in reversed(spans):
        if isinstance(span, (Damage, SoftBreak)):
            continue
        text = span.visible.rstrip()
        if text:
            return text[-1]
    return ""


def heading_split(text: str, style: str, marker_end: int, spans: tuple[Span, ...]) -> int | None:
    """Where a heading line's paragraph begins, or ``None`` if the whole line is the heading.

    Only sentence ends in plain text count: a ``?`` inside damaged text is no question mark.
    """
    last = len(text.rstrip()) - 1
    first_end = first_damage = None
    offset = 0
    for span in spans:
        if isinstance(span, Damage) and offset > marker_end and first_damage is None:
            first_damage = offset
        elif isinstance(span, Text) and first_end is None:
            for i, ch in enumerate(span.text, offset):
                if ch in SENTENCE_TERMINATORS and marker_end <= i < last:
                    first_end = i
                    break
        offset += len(span.source)
    if first_end is None:
        return None  # no sentence ends inside the line: it is all heading
    if style not in RUN_IN_STYLES and first_damage is not None and first_damage < first_end:
        # The heading lost its last character and ran into the paragraph
        # ("…摘下來 ?分部署,9 分落實。"): the damaged run opens the paragraph.
        return first_damage
    if style in RUN_IN_STYLES:
        return first_end + 1
    visible_length = len(spans_visible(spans).strip())
    return first_end + 1 if visible_length > MAX_HEADING_LENGTH or first_end < last else None
