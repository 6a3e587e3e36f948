"""Non-standard Traditional forms: converter leftovers found by round trip.

The source was machine-converted from Simplified and keeps forms such as ``干部`` (standard
``幹部``), ``范圍`` (``範圍``), ``斗爭`` (``鬥爭``), ``于`` (``於``), ``后盾`` (``後盾``). A
block's text is sent through ``convert.to_standard`` (``t2s`` then ``s2tw``, with the
corpus's rules); where a character comes back different, the word around it is a
non-standard form, reported with its standard twin. Words come from jieba (dictionary
only) run on the Simplified text: its dictionary is Simplified, and ``t2s`` keeps
positions, so 范圍 is found as one word through 范围. A word is a form only if its own
round trip changes it: OpenCC matches phrases left to right across word boundaries, so
in 帶頭發揮 the phrase 头发 (頭髮) would otherwise report the standard 發揮 as 髮揮.

Only source text counts: readings' characters are checked, placeholders and damaged
runs are not (mojibake is not a spelling).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import jieba

from build_tools.analysis import convert
from build_tools.text.model import Reading, Span, Text

jieba.setLogLevel(logging.WARNING)

# Characters segmented on each side of a difference: longer than any word that matters.
WINDOW = 6


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
    simplified = convert.to_simplified(visible)
    words = simplified if len(simplified) == len(visible) else visible
    forms: list[Form] = []
    for start, end in _words_with_differences(words, differs):
        start, end = _shortest_word(words, start, end, differs)
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
        if forms and start < forms[-1].end:
            continue  # already inside the previous form
        word = visible[start:end]
        alone = convert.to_standard(word)
        if alone == word:
            # The difference came from a phrase across a word boundary (帶頭發揮: 头发 →
            # 頭髮 makes 髮揮): the word itself is standard.
            continue
        forms.append(Form(start, end, word, alone if len(alone) == len(word)
                          else standard[start:end]))
    return tuple(forms)


def _words_with_differences(text: str, differs: list[bool]) -> list[tuple[int, int]]:
    """The words of ``text`` holding a differing character.

    Only a window around each difference is segmented: differences are sparse, and
    segmenting whole paragraphs would cost as much as the search index does.
    """
    found: list[tuple[int, int]] = []
    positions = [i for i, d in enumerate(differs) if d]
    index = 0
    while index < len(positions):
        first = last = positions[index]
        while index + 1 < len(positions) and positions[index + 1] - last <= WINDOW:
            index += 1
            last = positions[index]
        index += 1
        window_start = max(0, first - WINDOW)
        window_end = min(len(text), last + 1 + WINDOW)
        position = window_start
        for word in jieba.cut(text[window_start:window_end], HMM=False):
            start, end = position, position + len(word)
            position = end
            if any(differs[start:end]):
                found.append((start, end))
    return found


def _shortest_word(text: str, start: int, end: int, differs: list[bool]) -> tuple[int, int]:
    """Within a long word (党员干部), the shortest dictionary word (干部) that still holds
    every differing character; the whole word if there is none."""
    first = next(i for i in range(start, end) if differs[i])
    last = max(i for i in range(start, end) if differs[i])
    jieba.dt.check_initialized()
    for length in range(max(2, last - first + 1), end - start):
        for a in range(max(start, last + 1 - length), min(first, end - length) + 1):
            if jieba.dt.FREQ.get(text[a : a + length]):
                return a, a + length
    return start, end
