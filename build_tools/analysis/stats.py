"""Counts per speech, shared by ``check`` and the page apparatus."""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.analysis.annotate import find_forms
from build_tools.text.model import Collection, Damage, Heading, Paragraph, Reading, Redaction, Speech

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SpeechStats:
    ordinal: int
    title: str
    kind: str | None
    articles: int
    headings: int
    paragraphs: int
    characters: int  # visible characters, whitespace left out
    readings: int
    placeholders: int
    damaged: int
    nonstandard: int  # occurrences of non-standard Traditional forms
    warnings: int


def speech_stats(speech: Speech, collection: Collection, script: str = "hant") -> SpeechStats:
    """Counts for a speech, with the warnings its collection reported inside it."""
    warnings = sum(speech.first_line <= w.line <= speech.last_line for w in collection.warnings)
    return speech_stats_of(speech, warnings, script)


def character_count(speech: Speech) -> int:
    """Visible characters of a speech, whitespace left out: its length as listed (kept
    with the speech: the home page lists every speech on every rebuild)."""
    if "_character_count" not in speech.__dict__:
        count = len(_WHITESPACE.sub("", "".join(span.visible for span in speech.spans())))
        object.__setattr__(speech, "_character_count", count)  # a frozen dataclass
    return speech.__dict__["_character_count"]


def speech_stats_of(speech: Speech, warnings: int = 0, script: str = "hant") -> SpeechStats:
    """``script`` is the one the speech is written in: non-standard Traditional forms are
    looked for in Traditional text only."""
    spans = list(speech.spans())
    blocks = list(speech.blocks())
    return SpeechStats(
        ordinal=speech.ordinal,
        title=speech.short_title,
        kind=speech.kind,
        articles=len(speech.articles),
        headings=sum(isinstance(b, Heading) for b in blocks),
        paragraphs=sum(isinstance(b, Paragraph) for b in blocks),
        characters=character_count(speech),
        readings=sum(isinstance(s, Reading) for s in spans),
        placeholders=sum(isinstance(s, Redaction) for s in spans),
        damaged=sum(isinstance(s, Damage) for s in spans),
        nonstandard=(sum(len(find_forms(group)) for group in _span_groups(speech))
                     if script == "hant" else 0),
        warnings=warnings,
    )


def _span_groups(speech: Speech):
    """The spans of each line of text the page shows, as the renderer groups them."""
    yield speech.header.spans
    for title in speech.front:
        yield title.spans
    for block in speech.blocks():
        if isinstance(block, (Heading, Paragraph)):
            yield block.spans
