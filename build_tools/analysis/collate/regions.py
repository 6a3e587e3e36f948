"""Differences between the base's side of a row and another witness's, made readable.

The two texts are diffed at character level with ``difflib.SequenceMatcher(autojunk=False)``;
each non-equal opcode is a differing *region*. Regions are then joined and cut so that
each is one change a reader recognises:

* numeral merge: two regions separated by at most ``NUMERAL_MERGE_GAP`` (1) equal character
  are joined when the joined text on both sides is numeral-ish, so a numeral rewritten in
  pieces is one variant (``二十一`` / ``2十1``);
* rebuilt words: a pure deletion and a pure insertion (either order) around exactly one
  equal Han character are one change, since difflib keeps the shared character and reports
  a reordered or rebuilt word as two: ``展開``/``開展``, ``氣力``/``力量``, ``重視``/``注重``;
* transposed words: a deletion of *x*, an equal stretch *g* and an insertion of the same
  *x* (either order) are one change when *x* is a whole word of two or more characters and
  neither part is longer than ``MAX_TRANSPOSED``: ``脫貧攻堅決戰決勝`` / ``決戰決勝脫貧攻堅``;
* word boundaries (``widen_to_words``): a substitution whose edge falls inside a word *in
  both witnesses* takes in the equal characters up to the nearest position that is a word
  boundary in both (at most ``MAX_WORD_EXTENSION`` Han characters a side); a substitution
  it reaches before any such boundary is taken in, when the whole still reads as one
  (``想`` / ``千`` and ``設法`` / ``百計`` → ``想方設法`` / ``千方百計``); a substitution
  of several whole words for as many, word for word, is one variant per word. Boundaries come
  from ``segment``: ``推動`` / ``推進`` (推 taken in, not the following 脫), ``特點`` /
  ``特色`` (not 特點產 / 特色產, though jieba reads 特色產業 as one word), while ``都`` /
  ``均`` stays one character in ``農民人都可`` / ``農民人均可``, where 都 is a word of its
  own and only the other side has the word 人均.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from build_tools.analysis.collate.kinds import SUBSTITUTION, classify, is_numeral
from build_tools.analysis.collate.sides import Side
from build_tools.text.inline import is_han

NUMERAL_MERGE_GAP = 1  # "十二" vs "102" is one variant even if difflib splits it
REBUILT_WORD_GAP = 1  # "氣力" vs "力量": deletion + one equal Han character + insertion
MAX_TRANSPOSED = 8  # the longest word, and the longest stretch it moves across
MAX_WORD_EXTENSION = 3  # equal characters a substitution takes in on a side, at most


@dataclass(frozen=True)
class Region:
    """A differing stretch: base text[i1:i2] against other text[j1:j2]."""

    i1: int
    i2: int
    j1: int
    j2: int


def region_kind(a: Side, b: Side, region: Region) -> str:
    return classify(a.text[region.i1 : region.i2], b.text[region.j1 : region.j2],
                    a.damaged(region.i1, region.i2) or b.damaged(region.j1, region.j2))


def differences(a: Side, b: Side) -> list[tuple[Region, str]]:
    """The readable differences of a row and their kinds; a one-sided row is one."""
    if not (a.text and b.text):
        regions = [Region(0, len(a.text), 0, len(b.text))] if a.text or b.text else []
    else:
        matcher = difflib.SequenceMatcher(None, a.text, b.text, autojunk=False)
        found = [Region(*span) for tag, *span in matcher.get_opcodes() if tag != "equal"]
        regions = widen_to_words(_merged(found, a, b), a, b,
                                 lambda region: region_kind(a, b, region))
    return [(region, region_kind(a, b, region)) for region in regions]


def _merged(regions: list[Region], a: Side, b: Side) -> list[Region]:
    merged: list[Region] = []
    for region in regions:
        if merged and _reads_as_one(merged[-1], region, a, b):
            previous = merged[-1]
            merged[-1] = Region(previous.i1, region.i2, previous.j1, region.j2)
        else:
            merged.append(region)
    return merged


def _reads_as_one(first: Region, second: Region, a: Side, b: Side) -> bool:
    if (second.i1 - first.i2 <= NUMERAL_MERGE_GAP
            and is_numeral(a.text[first.i1 : second.i2])
            and is_numeral(b.text[first.j1 : second.j2])):
        return True
    first_deletes, second_deletes = first.j1 == first.j2, second.j1 == second.j2
    first_inserts, second_inserts = first.i1 == first.i2, second.i1 == second.i2
    if not ((first_deletes and second_inserts) or (first_inserts and second_deletes)):
        return False
    gap = a.text[first.i2 : second.i1]
    if len(gap) == REBUILT_WORD_GAP and is_han(gap):
        return True
    deleted = a.text[first.i1 : first.i2] or a.text[second.i1 : second.i2]
    inserted = b.text[first.j1 : first.j2] or b.text[second.j1 : second.j2]
    where = first if first_deletes else second  # the word as it stands in the base
    return (deleted == inserted and 2 <= len(deleted) <= MAX_TRANSPOSED
            and len(gap) <= MAX_TRANSPOSED
            and {where.i1, where.i2} <= a.bounds)


def widen_to_words(regions: list[Region], a: Side, b: Side,
                   kind: Callable[[Region], str]) -> list[Region]:
    """Substitutions widened to the words that changed; see the module docstring."""
    out: list[Region] = []
    k = 0
    while k < len(regions):
        region = regions[k]
        k += 1
        if not _widens(region, a, b, kind):
            out.append(region)
            continue
        region, absorbed = _widen_left(region, out[-1] if out else None, a, b, kind)
        if absorbed:
            out.pop()
        absorbed = True
        while absorbed:
            following = regions[k] if k < len(regions) else None
            region, absorbed = _widen_right(region, following, a, b, kind)
            k += absorbed
        out += _split_at_words(region, a, b)
    return out


def _split_at_words(region: Region, a: Side, b: Side) -> list[Region]:
    """A substitution of several words for as many others, each of two characters or
    more and as long as its counterpart, one variant per word: ``親身催促`` / ``親自督促``
    → ``親身`` / ``親自``, ``催促`` / ``督促``."""
    length = region.i2 - region.i1
    if length != region.j2 - region.j1:
        return [region]
    cuts = [0, *(p for p in range(1, length)
                 if region.i1 + p in a.bounds and region.j1 + p in b.bounds), length]
    parts = [Region(region.i1 + p, region.i1 + q, region.j1 + p, region.j1 + q)
             for p, q in zip(cuts, cuts[1:])]
    whole_words = all(
        part.i2 - part.i1 >= 2
        and not any(part.i1 < x < part.i2 for x in a.bounds)
        and not any(part.j1 < x < part.j2 for x in b.bounds)
        and a.text[part.i1 : part.i2] != b.text[part.j1 : part.j2]
        for part in parts
    )
    return parts if len(parts) > 1 and whole_words else [region]


def _widens(region: Region, a: Side, b: Side, kind: Callable[[Region], str]) -> bool:
    a_text, b_text = a.text[region.i1 : region.i2], b.text[region.j1 : region.j2]
    return (any(map(is_han, a_text)) and any(map(is_han, b_text))
            and kind(region) == SUBSTITUTION)


def _same_han(a: Side, b: Side, i: int, j: int) -> bool:
    return (0 <= i < len(a.text) and 0 <= j < len(b.text) and a.text[i] == b.text[j]
            and is_han(a.text[i]))


def _widen_left(region: Region, previous: Region | None, a: Side, b: Side,
                kind: Callable[[Region], str]) -> tuple[Region, bool]:
    """``region`` reaching left to a common word boundary; True if it took in ``previous``."""
    if region.i1 in a.bounds or region.j1 in b.bounds:
        return region, False
    for step in range(1, MAX_WORD_EXTENSION + 1):
        i, j = region.i1 - step, region.j1 - step
        if not _same_han(a, b, i, j):
            break
        if i in a.bounds and j in b.bounds:
            return Region(i, region.i2, j, region.j2), False
        if previous is not None and i == previous.i2:
            joined = Region(previous.i1, region.i2, previous.j1, region.j2)
            return (joined, True) if _joins(previous, joined, kind) else (region, False)
    return region, False


def _widen_right(region: Region, following: Region | None, a: Side, b: Side,
                 kind: Callable[[Region], str]) -> tuple[Region, bool]:
    """``region`` reaching right to a common word boundary; True if it took in
    ``following``."""
    if region.i2 in a.bounds or region.j2 in b.bounds:
        return region, False
    for step in range(1, MAX_WORD_EXTENSION + 1):
        i, j = region.i2 + step, region.j2 + step
        if not _same_han(a, b, i - 1, j - 1):
            break
        if i in a.bounds and j in b.bounds:
            return Region(region.i1, i, region.j1, j), False
        if following is not None and i == following.i1:
            joined = Region(region.i1, following.i2, region.j1, following.j2)
            return (joined, True) if _joins(following, joined, kind) else (region, False)
    return region, False


def _joins(neighbour: Region, joined: Region, kind: Callable[[Region], str]) -> bool:
    """A substitution reached inside one word is taken in when the whole reads as one."""
    return kind(neighbour) == SUBSTITUTION and kind(joined) == SUBSTITUTION
