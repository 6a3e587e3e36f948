"""Word boundaries for variants: where a word may start or end in a witness's text.

A substituted character is shown with its word only when the word is the unit that
changed (see ``regions.widen_to_words``), so the words must be real ones. jieba's
dictionary is Simplified: each text is segmented in its Simplified form (plain OpenCC
``t2s``, no corpus rules, so the result depends on the text alone) and the boundaries are
mapped back by position, which holds because the conversion keeps the length (when it
does not, character by character, a character whose form would change length kept as it
is). jieba runs
without its HMM guesser, so a boundary is a dictionary's word boundary, and with a
tokenizer of its own, so the terms other stages teach the global one never change a
collation.

A dictionary compound of two common words (``compound_split``) also has a boundary where
they join, since jieba reads 特色产业 and 圆满完成 as single words.

``word_bounds("推動脫貧")`` → ``{0, 2, 4}`` (推动 / 脱贫); ``"農民人都可"`` → ``{0, 2, 3, 4,
5}`` (农民 / 人 / 都 / 可), while ``"農民人均可"`` → ``{0, 2, 4, 5}`` (农民 / 人均 / 可).
"""

from __future__ import annotations

import logging
from functools import lru_cache

import jieba

from build_tools.analysis.convert import opencc_convert

CACHE_SIZE = 8192  # blocks whose boundaries are kept
SIMPLIFY_CONFIG = "t2s"
MIN_COMPOUND = 4  # a dictionary word this long may be a compound of two words …
MIN_PART_FREQUENCY = 100  # … each of two characters or more and at least this common

jieba.setLogLevel(logging.WARNING)
_SEGMENTER = jieba.Tokenizer()


def simplified_twin(text: str) -> str:
    """``text`` in Simplified, position for position."""
    whole = opencc_convert(text, SIMPLIFY_CONFIG)
    if len(whole) == len(text):
        return whole
    return "".join(
        converted if len(converted := opencc_convert(ch, SIMPLIFY_CONFIG)) == 1 else ch
        for ch in text
    )


@lru_cache(maxsize=CACHE_SIZE)
def word_bounds(text: str) -> frozenset[int]:
    """Offsets in ``text`` where a word starts or ends, 0 and ``len(text)`` included."""
    bounds, position = {0}, 0
    for word in _SEGMENTER.cut(simplified_twin(text), HMM=False):
        split = compound_split(word)
        if split:
            bounds.add(position + split)
        position += len(word)
        bounds.add(position)
    return frozenset(bounds)


def compound_split(word: str) -> int | None:
    """Where a compound in jieba's dictionary joins its two common words: 特色产业 → 2
    (特色 + 产业), 圆满完成 → 2; None for a word that is not one (想方设法, 千方百计, whose
    parts are rare or no words)."""
    if len(word) < MIN_COMPOUND:
        return None
    frequency = _SEGMENTER.FREQ
    best, best_score = None, 0
    for cut in range(2, len(word) - 1):
        left, right = frequency.get(word[:cut], 0), frequency.get(word[cut:], 0)
        if min(left, right) >= MIN_PART_FREQUENCY and left * right > best_score:
            best, best_score = cut, left * right
    return best
