"""Non-standard Traditional forms: converter leftovers found by round trip.

The source was machine-converted from Simplified and keeps forms such as ``干部`` (standard
``幹部``), ``范圍`` (``範圍``), ``斗爭`` (``鬥爭``), ``于`` (``於``), ``后盾`` (``後盾``). A
block's text is sent through ``convert.to_standard`` (``t2s`` then ``s2tw``, with the
corpus's rules); where a character comes back different, the word around it (jieba,
dictionary only) is a non-standard form, reported with its standard twin.

Only source text counts: readings' characters are checked, placeholders and damaged
runs are not (mojibake is not a spelling).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import jieba

from . import convert
from .model import Reading, Span, Text

jieba.setLogLevel(logging.WARNING)


@dataclass(frozen=True)
class Form:
    """A non-standard form at ``start:end`` of a block's visible text."""

    start: int
    end: int
    text: str
    standard: str


def find_forms(spans: tuple[Span, ...]) -> tuple[Form, ...]:
    visible = "".join(span.visible for span in spans)
    eligible = [isinstance(span, (Text, Reading)) for span in spans for _ in span.visible]
    standard = convert.to_standard(visible)
    if len(standard) != len(visible):
        return ()  # a length-changing round trip cannot be lined up; nothing is marked
    differs = [eligible[i] and visible[i] != standard[i] for i in range(len(visible))]
    if not any(differs):
        return ()
    forms: list[Form] = []
    position = 0
    for word in jieba.cut(visible, HMM=False):
        start, end = position, position + len(word)
        position = end
        if not any(differs[start:end]):
            continue
        # A word reaching into a placeholder or damaged run shrinks to its clean part.
        while not eligible[start]:
            start += 1
        while not eligible[end - 1]:
            end -= 1
        if not all(eligible[start:end]):
            first = next(i for i in range(start, end) if differs[i])
            start = end = first
            while start > 0 and eligible[start - 1] and differs[start - 1]:
                start -= 1
            while end < len(visible) and eligible[end] and differs[end]:
                end += 1
        forms.append(Form(start, end, visible[start:end], standard[start:end]))
    return tuple(forms)
