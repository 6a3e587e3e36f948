"""Detection: which speeches are versions (*witnesses*) of one text.

Two speeches are witnesses of one text when the share of characters they have in common,
``2·LCS(a, b) / (len(a) + len(b))`` on their visible body texts (LCS: the longest common
subsequence; computed by ``rapidfuzz.distance.Indel.normalized_similarity``, in C++, about
70 times faster than ``difflib.SequenceMatcher.ratio()``, which approximates the same
measure; headings and paragraphs joined without separators; titles left out because
generic titles such as ``…講話`` are shared by unrelated speeches), reaches ``threshold``
(default ``DEFAULT_THRESHOLD`` = 0.8). The seed's 第一篇 and 第二篇 score 0.927.

The exact measure runs only on *candidate* pairs found cheaply (``minhash``: signatures
and LSH bands), which keeps the search near-linear in the number of speeches, and only on
candidates that pass the length filter: ``ratio() ≤ 2·min(len)/(len_a + len_b)``
(``real_quick_ratio``) and ``≤ quick_ratio()`` (shared character multiset) are upper
bounds, so a candidate failing either cannot reach the threshold. Where speeches reuse
whole sentences LSH lets more pairs through (the synthetic test corpus: 9,608 of 44,850),
and these bounds leave only the true witnesses (9) to measure.

Pairs named by hand (``pairs``) are always accepted, whatever their similarity (which is
still measured and reported). Groups are the connected components of accepted pairs, so a
group may hold any number of witnesses. The base of a group is its first member in
sequence (file) order unless ``bases`` names one; ``DetectionStats`` says how many pairs
each stage let through.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz.distance import Indel

from build_tools.analysis.collate.minhash import (
    Signature,
    agreement,
    lsh_candidates,
    shingle_hashes,
    signature,
)
from build_tools.analysis.collate.sides import witness_text
from build_tools.text.model import Speech

log = logging.getLogger(__name__)

CACHE_SIZE = 4096  # speeches (and pairs) whose detection work is kept between builds
DEFAULT_THRESHOLD = 0.8  # share of characters in common; the seed pair scores 0.927


@dataclass(frozen=True)
class WitnessPair:
    """Two speeches accepted as witnesses of one text; ``first < second`` (indices)."""

    first: int
    second: int
    similarity: float  # share of characters in common
    named: bool = False  # named by hand, accepted whatever the similarity


@dataclass(frozen=True)
class WitnessGroup:
    """Speeches that are versions of one text: ``members[0]`` is the base."""

    members: tuple[int, ...]
    pairs: tuple[WitnessPair, ...]

    @property
    def base(self) -> int:
        return self.members[0]

    def similarity(self, i: int, j: int) -> float | None:
        """The measured similarity of an accepted pair, in either order; None if not one."""
        key = (min(i, j), max(i, j))
        return next((p.similarity for p in self.pairs if (p.first, p.second) == key), None)

    def with_base(self, base: int) -> WitnessGroup:
        """The same group with ``base`` moved first, the rest in sequence order."""
        if base not in self.members:
            raise ValueError(f"speech {base} is not a member of {self.members}")
        rest = tuple(m for m in sorted(self.members) if m != base)
        return replace(self, members=(base, *rest))


@dataclass(frozen=True)
class DetectionStats:
    """How many pairs each stage of the search let through."""

    speeches: int
    all_pairs: int  # n·(n−1)/2: what comparing everything would cost
    candidates: int  # pairs sharing an LSH band
    length_rejected: int  # dropped by the length and character-count bounds of ratio()
    exact_comparisons: int  # exact measures, named pairs included
    accepted: int  # pairs in groups, named pairs included


@dataclass(frozen=True)
class WitnessSearch:
    groups: tuple[WitnessGroup, ...]
    stats: DetectionStats


class UnionFind:
    """Disjoint sets of indices, with path halving."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def root(self, i: int) -> int:
        while self.parent.setdefault(i, i) != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.root(i)] = self.root(j)

    def same(self, i: int, j: int) -> bool:
        return self.root(i) == self.root(j)

    def components(self) -> list[list[int]]:
        """Every set seen, each sorted, in order of its smallest member."""
        found: dict[int, list[int]] = {}
        for index in sorted(self.parent):
            found.setdefault(self.root(index), []).append(index)
        return sorted(found.values())


def find_witness_groups(
    speeches: Sequence[Speech],
    threshold: float = DEFAULT_THRESHOLD,
    pairs: Sequence[tuple[int, int]] = (),
    *,
    bases: Iterable[int] = (),
) -> list[WitnessGroup]:
    """Groups of speeches that are witnesses of one text; see the module docstring."""
    return list(search_witnesses(speeches, threshold, pairs, bases=bases).groups)


def search_witnesses(
    speeches: Sequence[Speech],
    threshold: float = DEFAULT_THRESHOLD,
    pairs: Sequence[tuple[int, int]] = (),
    *,
    bases: Iterable[int] = (),
) -> WitnessSearch:
    """``find_witness_groups`` with the counts of each stage, to show the filter works."""
    named = {_checked_pair(pair, len(speeches)) for pair in pairs}
    texts = [witness_text(speech) for speech in speeches]
    features = [_features(text) for text in texts]
    signatures = [sig for sig, _ in features]
    candidates = lsh_candidates(signatures) - named
    char_counts = [counts for _, counts in features]

    accepted: list[WitnessPair] = []
    length_rejected = exact = 0
    joined = UnionFind()
    # Most alike first (by signature agreement): once two speeches are in one group, a
    # further pair between them adds nothing, so a corpus of many copies of one text
    # costs about one exact comparison per copy, not one per pair.
    for i, j in sorted(candidates, key=lambda p: (-agreement(signatures[p[0]],
                                                             signatures[p[1]]), p)):
        if joined.same(i, j):
            continue
        if not _may_reach(char_counts[i], char_counts[j], threshold):
            length_rejected += 1
            continue
        exact += 1
        measured = _similarity(texts[i], texts[j])
        if measured >= threshold:
            accepted.append(WitnessPair(i, j, measured))
            joined.join(i, j)
    accepted.sort(key=lambda p: (p.first, p.second))
    for i, j in sorted(named):
        exact += 1
        accepted.append(WitnessPair(i, j, _similarity(texts[i], texts[j]), named=True))

    groups = tuple(_groups(accepted, set(bases)))
    n = len(speeches)
    stats = DetectionStats(n, n * (n - 1) // 2, len(candidates), length_rejected, exact,
                           len(accepted))
    log.debug("witness search: %s", stats)
    return WitnessSearch(groups, stats)


def _checked_pair(pair: tuple[int, int], n: int) -> tuple[int, int]:
    i, j = pair
    if i == j or not (0 <= i < n and 0 <= j < n):
        raise ValueError(f"pair {pair!r} must name two different speeches in 0..{n - 1}")
    return (min(i, j), max(i, j))


def similarity(a: Speech, b: Speech) -> float:
    """The detection measure for any two speeches (cached), e.g. a base and a member that
    joined its group through a third witness."""
    return _similarity(witness_text(a), witness_text(b))


@lru_cache(maxsize=CACHE_SIZE)
def _features(text: str) -> tuple[Signature | None, Counter[str]]:
    """A speech's signature and character counts; cached, so a rebuild after editing one
    speech computes them for that speech only."""
    return signature(shingle_hashes(text)), Counter(text)


@lru_cache(maxsize=CACHE_SIZE)
def _similarity(a: str, b: str) -> float:
    return Indel.normalized_similarity(a, b)


def _may_reach(a: Counter[str], b: Counter[str], threshold: float) -> bool:
    """False when a cheap upper bound of ``ratio()`` already falls short of ``threshold``:
    ``2·min(len)/(len_a + len_b)`` (``real_quick_ratio``), then the shared multiset of
    characters (``quick_ratio``), from character counts made once per speech."""
    size_a, size_b = a.total(), b.total()
    if 2 * min(size_a, size_b) < threshold * (size_a + size_b):
        return False
    shared = sum(min(a[ch], b[ch]) for ch in a.keys() & b.keys())
    return 2 * shared >= threshold * (size_a + size_b)


def _groups(pairs: list[WitnessPair], bases: set[int]) -> Iterable[WitnessGroup]:
    """Connected components of accepted pairs, in order of first member."""
    sets = UnionFind()
    for pair in pairs:
        sets.join(pair.first, pair.second)
    for members in sets.components():
        group = WitnessGroup(tuple(members), tuple(p for p in pairs if p.first in members))
        chosen = [b for b in sorted(bases) if b in members]
        yield group.with_base(chosen[0]) if chosen else group
