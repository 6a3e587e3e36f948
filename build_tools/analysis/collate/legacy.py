"""Witness collation: find speeches that are versions of one text, align them, list variants.

Pure functions over the document model: no I/O, no HTML. Three stages, each usable alone.

1. Detection (``find_witness_groups``)
---------------------------------------
Two speeches are *witnesses* of one text when the share of characters they have in common,
``2·LCS(a, b) / (len(a) + len(b))`` on their visible body texts (LCS: the longest common
subsequence; computed by ``rapidfuzz.distance.Indel.normalized_similarity``, in C++, about
70 times faster than ``difflib.SequenceMatcher.ratio()``, which approximates the same
measure)
(headings and paragraphs joined without separators; titles left out because generic titles
such as ``…講話`` are shared by unrelated speeches), reaches ``threshold`` (default
``DEFAULT_THRESHOLD`` = 0.8). The seed's 第一篇 and 第二篇 score 0.927.

Even so the exact measure is run only on *candidate* pairs found cheaply, which keeps the search near-linear in the number
of speeches:

* shingles: the set of ``SHINGLE_SIZE``-grams (4) of the speech's Han characters only
  (``我們在這里`` → ``我們在這``, ``們在這里``), so spacing, punctuation, Arabic numerals
  and mojibake do not break shingles; a speech with fewer Han characters than that is one
  shingle, one without any has no signature and is never a candidate;
* signature: one-permutation MinHash. Each shingle is hashed once with keyed blake2b
  (``HASH_KEY``, 64 bits: deterministic across runs, unlike the salted ``hash(str)``); the
  hash picks one of ``SIGNATURE_SIZE`` (128) bins and the bin keeps its minimum. An empty
  bin borrows the next non-empty bin to its right plus a distance offset (rotation
  densification). Two bins agree with probability ≈ the Jaccard index of the shingle
  sets, as with classic MinHash, but a speech costs O(shingles) instead of
  O(shingles × 128): about 1.5 ms instead of 60 ms for 1,500 shingles;
* LSH banding: the signature is cut into ``LSH_BANDS`` (64) bands of ``LSH_ROWS`` (2)
  values; speeches sharing any band are candidates. A pair with Jaccard *J* becomes a
  candidate with probability 1 − (1 − J²)⁶⁴. Scattered edits to a share *d* of characters
  leave about (1 − d)⁴ of 4-grams intact, so a pair right at ratio 0.8 has J ≈ 0.26 and is
  caught with p ≈ 0.99; the seed pair (J = 0.64) with p ≈ 1; unrelated speeches on the
  same subject (J ≈ 0.007 in the seed) with p ≈ 0.003;
* length filter: ``ratio() ≤ 2·min(len)/(len_a + len_b)`` (``real_quick_ratio``) and
  ``≤ quick_ratio()`` (shared character multiset) are upper bounds, so a candidate failing
  either cannot reach the threshold and is dropped before the exact measure. Where
  speeches reuse whole sentences LSH lets more pairs through (the synthetic test corpus:
  9,608 of 44,850), and these bounds leave only the true witnesses (9) to measure.

Pairs named by hand (``pairs``) are always accepted, whatever their similarity (which is
still measured and reported). Groups are the connected components of accepted pairs, so a
group may hold three or more witnesses. The base of a group is its first member in
sequence (file) order unless ``bases`` names one; ``DetectionStats`` says how many pairs
each stage let through.

2. Alignment (``align``)
------------------------
Headings and paragraphs of two witnesses (``Blank`` skipped) are aligned by dynamic
programming over the moves 1:1, 1:2, 2:1 (a paragraph split or merged in one witness, a
heading run into its paragraph), 1:0 and 0:1. A row of base blocks *A* and other blocks *B*
scores ``2·|F(A) ∩ F(B)| − MIN_ROW_DICE · (|F(A)| + |F(B)|)``, where *F* is the multiset of
character bigrams of each block's visible text with whitespace removed and a boundary mark
at each end (``^第``, ``。$``); one-sided rows score 0. A row is therefore worth having only
when its bigram Dice coefficient exceeds ``MIN_ROW_DICE`` (0.5: the seed pair's rows
score 0.68–1.0, while the best wrong pairing is 0.42 for two headings built alike,
``第 5,要打贏保障…`` / ``第一,要打贏搬遷…``, and 0.26 for paragraphs), and merging a block into a row costs
``MIN_ROW_DICE`` per bigram it fails to match, so a stray block (the seed's lone ``?``
lines) stays in a row of its own. Ties prefer 1:1, then merges, then gaps. The cost is
O(n·m) cheap multiset intersections for n and m blocks.

3. Variants (``collate``)
-------------------------
For each row with blocks on both sides, the concatenated visible texts are diffed at
character level with ``difflib.SequenceMatcher(autojunk=False)``; each non-equal opcode is
a differing region. Regions are then made readable:

* numeral merge: two regions separated by at most ``NUMERAL_MERGE_GAP`` (1) equal character
  are joined when the joined text on both sides is numeral-ish (see ``numeral`` below), so
  a numeral rewritten in pieces is one variant;
* transposition merge: a pure deletion and a pure insertion (either order) separated by
  exactly ``TRANSPOSITION_GAP`` (1) equal Han character are one change, since difflib keeps
  the shared character and reports a reordered or rebuilt word as two:
  ``展開``/``開展``, ``風格``/``作風``, ``氣力``/``力量``, ``重視``/``注重``;
* word extension: a ``substitution`` whose two sides are one Han character each takes in
  the following equal character when that is Han, since difflib splits two-character words
  on their shared character: ``大``/``群`` + ``眾`` → ``大眾``/``群眾``, ``情``/``形`` + ``勢``
  → ``情勢``/``形勢``. Without a dictionary the partner may be the preceding character
  instead (``實施`` → ``實行`` gives ``施X``/``行X``); the rule still keeps the changed
  character and its context together.

Each region is classified by the first rule that applies (``KINDS`` order):

* ``damage``: the region overlaps a ``Damage`` span on either side, or one side holds a
  ``?`` where the other side holds no question mark (``?分部署`` vs ``一分部署``);
* ``numeral``: both sides are non-empty and consist only of numerals — Chinese
  ``〇零一二三四五六七八九十百千萬兩`` or digits 0–9 (ASCII or full-width) — with optional
  whitespace: ``一``→``1``, ``十二``→`` 102 ``. ``changes_value`` tells whether the values
  differ as read by ``build_tools.text.numerals.parse_number`` (``十二`` = 12 ≠ 102 → True;
  ``十``/`` 10 `` and ``一``/``1`` → False); when a side does not parse (digits mixed with
  Chinese numerals, ``2十1``) the value counts as changed unless the texts are identical
  once whitespace is removed;
* ``spacing_punctuation``: the sides differ only by whitespace and/or punctuation (Unicode
  category P*: ``,``/``，``, ``:``/``：``, ``“``/``”``): ``第 102 次``'s spaces, ``X 書記``;
* ``omission``: the base has text, the other has none (in the seed's 第二篇 → 第一篇
  direction, the ordinal ``一`` of ``一是`` is omitted);
* ``addition``: the base has none, the other has text;
* ``substitution``: anything else (``群眾``/``大眾``, ``指示``/``唆使``, ``形勢``/``情勢``).

A one-sided row (1:0 or 0:1) is one variant for its whole text, classified the same way;
its location on the empty side is the insertion point (the start of the next block of that
witness, or the end of the last one). Variants are numbered from 1 in row order.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations
from typing import Iterable, Sequence

from rapidfuzz.distance import Indel

from build_tools.text.inline import is_han
from build_tools.text.model import Block, Damage, Heading, Paragraph, Speech
from build_tools.text.numerals import parse_number

log = logging.getLogger(__name__)

CACHE_SIZE = 4096  # speeches (and pairs) whose detection work is kept between builds

# ------------------------------------------------------------------------------ constants

DEFAULT_THRESHOLD = 0.8  # share of characters in common; the seed pair scores 0.927

SHINGLE_SIZE = 4  # Han 4-grams: "我們在這里" → {"我們在這", "們在這里"}
SIGNATURE_SIZE = 128  # MinHash bins per signature
LSH_BANDS = 64  # SIGNATURE_SIZE == LSH_BANDS * LSH_ROWS
LSH_ROWS = 2
HASH_KEY = b"build_tools.collate/minhash/v1"  # fixed blake2b key: same signatures every run
_HASH_BITS = 64
# Added per bin of distance when an empty bin borrows a neighbour's value; larger than any
# bin value (hash // SIGNATURE_SIZE), so a borrowed value never equals a genuine one.
_DENSIFY_OFFSET = (1 << _HASH_BITS) // SIGNATURE_SIZE + 1

MIN_ROW_DICE = 0.5  # bigram Dice a row must beat to be worth aligning
_BOUNDARY = "\x00"  # marks the start and end of a block for its bigrams: "^第", "。$"

NUMERAL_MERGE_GAP = 1  # "十二" vs "102" is one variant even if difflib splits it
TRANSPOSITION_GAP = 1  # "展開" vs "開展": deletion + one equal Han character + insertion
CHINESE_NUMERALS = frozenset("〇零一二三四五六七八九十百千萬兩")
DIGITS = frozenset("0123456789０１２３４５６７８９")
QUESTION_MARKS = frozenset("?？")

DAMAGE = "damage"
NUMERAL = "numeral"
SPACING_PUNCTUATION = "spacing_punctuation"
OMISSION = "omission"
ADDITION = "addition"
SUBSTITUTION = "substitution"
KINDS = (DAMAGE, NUMERAL, SPACING_PUNCTUATION, OMISSION, ADDITION, SUBSTITUTION)


# ------------------------------------------------------------------------------ detection


@dataclass(frozen=True)
class WitnessPair:
    """Two speeches accepted as witnesses of one text; ``first < second`` (indices)."""

    first: int
    second: int
    similarity: float  # SequenceMatcher ratio: share of characters in common
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
    exact_comparisons: int  # SequenceMatcher.ratio() calls, named pairs included
    accepted: int  # pairs in groups, named pairs included


@dataclass(frozen=True)
class WitnessSearch:
    groups: tuple[WitnessGroup, ...]
    stats: DetectionStats


def witness_text(speech: Speech) -> str:
    """The visible body text compared between witnesses: headings and paragraphs."""
    return "".join(block.visible for block in body_blocks(speech))


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
    signatures = [signature for signature, _ in features]
    candidates = _lsh_candidates(signatures) - named
    char_counts = [counts for _, counts in features]

    accepted: list[WitnessPair] = []
    length_rejected = exact = 0
    joined = _UnionFind()
    # Most alike first (by signature agreement): once two speeches are in one group, a
    # further pair between them adds nothing, so a corpus of many copies of one text
    # costs about one exact comparison per copy, not one per pair.
    for i, j in sorted(candidates, key=lambda p: (-_agreement(signatures[p[0]],
                                                              signatures[p[1]]), p)):
        if joined.same(i, j):
            continue
        if not _may_reach(char_counts[i], char_counts[j], threshold):
            length_rejected += 1
            continue
        exact += 1
        similarity = _similarity(texts[i], texts[j])
        if similarity >= threshold:
            accepted.append(WitnessPair(i, j, similarity))
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


class _UnionFind:
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


def _agreement(a: tuple[int, ...] | None, b: tuple[int, ...] | None) -> int:
    """How many signature values two speeches share: MinHash's estimate of likeness."""
    return sum(x == y for x, y in zip(a, b)) if a and b else 0


def similarity(a: Speech, b: Speech) -> float:
    """The detection measure for any two speeches (cached), e.g. a base and a member that
    joined its group through a third witness."""
    return _similarity(witness_text(a), witness_text(b))


@lru_cache(maxsize=CACHE_SIZE)
def _features(text: str) -> tuple[tuple[int, ...] | None, Counter[str]]:
    """A speech's signature and character counts; cached, so a rebuild after editing one
    speech computes them for that speech only."""
    return _signature(_shingle_hashes(text)), Counter(text)


@lru_cache(maxsize=CACHE_SIZE)
def _similarity(a: str, b: str) -> float:
    return Indel.normalized_similarity(a, b)


def _may_reach(a: Counter[str], b: Counter[str], threshold: float) -> bool:
    """False when a cheap upper bound of ``ratio()`` already falls short of ``threshold``.

    The bounds are difflib's own, computed from character counts made once per speech:
    ``2·min(len)/(len_a + len_b)`` (``real_quick_ratio``), then the shared multiset of
    characters (``quick_ratio``).
    """
    size_a, size_b = a.total(), b.total()
    if 2 * min(size_a, size_b) < threshold * (size_a + size_b):
        return False
    shared = sum(min(a[ch], b[ch]) for ch in a.keys() & b.keys())
    return 2 * shared >= threshold * (size_a + size_b)


def _shingle_hashes(text: str) -> set[int]:
    han = "".join(ch for ch in text if is_han(ch))
    if not han:
        return set()
    shingles = {han[i : i + SHINGLE_SIZE] for i in range(max(1, len(han) - SHINGLE_SIZE + 1))}
    return {_stable_hash(shingle) for shingle in shingles}


def _stable_hash(text: str) -> int:
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=_HASH_BITS // 8, key=HASH_KEY)
    return int.from_bytes(digest.digest(), "big")


def _signature(hashes: set[int]) -> tuple[int, ...] | None:
    """One-permutation MinHash with rotation densification; None for no shingles."""
    if not hashes:
        return None
    bins: list[int | None] = [None] * SIGNATURE_SIZE
    for h in hashes:
        value, slot = divmod(h, SIGNATURE_SIZE)
        current = bins[slot]
        if current is None or value < current:
            bins[slot] = value
    return tuple(_densified(bins, slot) for slot in range(SIGNATURE_SIZE))


def _densified(bins: list[int | None], slot: int) -> int:
    for distance in range(SIGNATURE_SIZE):
        value = bins[(slot + distance) % SIGNATURE_SIZE]
        if value is not None:
            return value + distance * _DENSIFY_OFFSET
    raise AssertionError("a signature of no shingles has no bins")  # excluded by caller


def _lsh_candidates(signatures: Sequence[tuple[int, ...] | None]) -> set[tuple[int, int]]:
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = {}
    for index, signature in enumerate(signatures):
        if signature is None:
            continue
        for band in range(LSH_BANDS):
            key = (band, signature[band * LSH_ROWS : (band + 1) * LSH_ROWS])
            buckets.setdefault(key, []).append(index)
    return {pair for members in buckets.values() for pair in combinations(members, 2)}


def _groups(pairs: list[WitnessPair], bases: set[int]) -> Iterable[WitnessGroup]:
    """Connected components of accepted pairs (union-find), in order of first member."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for pair in pairs:
        parent[root(pair.first)] = root(pair.second)
    components: dict[int, list[int]] = {}
    for index in sorted(parent):
        components.setdefault(root(index), []).append(index)
    for members in sorted(components.values()):
        group = WitnessGroup(tuple(members), tuple(p for p in pairs if p.first in members))
        chosen = [b for b in sorted(bases) if b in members]
        yield group.with_base(chosen[0]) if chosen else group


# ------------------------------------------------------------------------------ alignment


@dataclass(frozen=True)
class AlignedRow:
    """Blocks of two witnesses that carry the same text: 1:1, 1:2, 2:1, 1:0 or 0:1."""

    base: tuple[Block, ...]
    other: tuple[Block, ...]
    similarity: float = 0.0  # bigram Dice of the two sides; 0 for a one-sided row
    # Index of the row's first block among each witness's headings and paragraphs (see
    # ``body_blocks``); on an empty side, the index of the block the text would precede.
    base_start: int = 0
    other_start: int = 0

    @property
    def shape(self) -> str:
        return f"{len(self.base)}:{len(self.other)}"

    @property
    def one_sided(self) -> bool:
        return not (self.base and self.other)

    @property
    def base_text(self) -> str:
        return "".join(block.visible for block in self.base)

    @property
    def other_text(self) -> str:
        return "".join(block.visible for block in self.other)


# DP moves (base blocks taken, other blocks taken), in tie-break order.
_MOVES = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1))


@dataclass(frozen=True)
class _Bigrams:
    """The bigram multiset of one block, or of two consecutive blocks, with its size."""

    counts: Counter[str]
    total: int

    @classmethod
    def of(cls, text: str) -> _Bigrams:
        squeezed = _BOUNDARY + "".join(text.split()) + _BOUNDARY
        counts = Counter(squeezed[k : k + 2] for k in range(len(squeezed) - 1))
        return cls(counts, counts.total())

    def __add__(self, other: _Bigrams) -> _Bigrams:
        return _Bigrams(self.counts + other.counts, self.total + other.total)

    def common(self, other: _Bigrams) -> int:
        a, b = self.counts, other.counts
        return sum(min(a[gram], b[gram]) for gram in a.keys() & b.keys())


class _RowFeatures:
    """Bigrams of every single block and every pair of consecutive blocks of a witness."""

    def __init__(self, blocks: Sequence[Block]):
        self.single = [_Bigrams.of(block.visible) for block in blocks]
        self.double = [a + b for a, b in zip(self.single, self.single[1:])]

    def of(self, start: int, stop: int) -> _Bigrams | None:
        """Blocks ``start:stop`` (none, one or two of them) as one bigram multiset."""
        if stop - start == 2:
            return self.double[start]
        return self.single[start] if stop - start == 1 else None


def align(base: Speech, other: Speech) -> list[AlignedRow]:
    """Align the headings and paragraphs of two witnesses; see the module docstring."""
    a_blocks, b_blocks = body_blocks(base), body_blocks(other)
    a_feats, b_feats = _RowFeatures(a_blocks), _RowFeatures(b_blocks)
    n, m = len(a_blocks), len(b_blocks)
    best = [[float("-inf")] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for di, dj in _MOVES:
                if di > i or dj > j:
                    continue
                gain = _row_gain(a_feats.of(i - di, i), b_feats.of(j - dj, j))
                score = best[i - di][j - dj] + gain
                if score > best[i][j]:
                    best[i][j], back[i][j] = score, (di, dj)
    rows: list[AlignedRow] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        similarity = _dice(a_feats.of(i - di, i), b_feats.of(j - dj, j))
        rows.append(AlignedRow(tuple(a_blocks[i - di : i]), tuple(b_blocks[j - dj : j]),
                               similarity, base_start=i - di, other_start=j - dj))
        i, j = i - di, j - dj
    rows.reverse()
    return rows


def body_blocks(speech: Speech) -> list[Heading | Paragraph]:
    """The blocks that carry text, in order: what alignment and ``Location.block`` count."""
    return [b for b in speech.blocks() if isinstance(b, (Heading, Paragraph))]


def _row_gain(a: _Bigrams | None, b: _Bigrams | None) -> float:
    """What a row adds to the alignment: positive when its Dice beats MIN_ROW_DICE."""
    if a is None or b is None:
        return 0.0
    return 2 * a.common(b) - MIN_ROW_DICE * (a.total + b.total)


def _dice(a: _Bigrams | None, b: _Bigrams | None) -> float:
    if a is None or b is None:
        return 0.0
    return round(2 * a.common(b) / (a.total + b.total), 3)


# ------------------------------------------------------------------------------- variants


@dataclass(frozen=True)
class Location:
    """Where a variant starts: a block and a character offset in its visible text.

    ``block`` indexes ``body_blocks(speech)``; ``line`` is that block's first source line,
    which a run-in heading shares with its paragraph (第一篇 line 15: ``第 1,`` + ``經過…``).
    """

    line: int
    offset: int
    block: int

    def __str__(self) -> str:
        return f"{self.line}:{self.offset}"


@dataclass(frozen=True)
class Variant:
    """One readable difference between the base and the other witness."""

    number: int  # 1-based within the pair
    kind: str  # one of KINDS
    base_text: str
    other_text: str
    base_location: Location
    other_location: Location
    row: int  # index into Collation.rows
    changes_value: bool = False  # numeral variants only: the sides read as different numbers


@dataclass(frozen=True)
class Collation:
    """Two witnesses aligned block by block, with the variants between them."""

    group: WitnessGroup | None
    base_index: int | None
    other_index: int | None
    rows: tuple[AlignedRow, ...]
    variants: tuple[Variant, ...]
    counts_by_kind: dict[str, int] = field(compare=False)  # every kind, in KINDS order


def collate(
    base: Speech,
    other: Speech,
    *,
    group: WitnessGroup | None = None,
    base_index: int | None = None,
    other_index: int | None = None,
) -> Collation:
    """Align two witnesses and list their variants; indices only label the result."""
    rows = align(base, other)
    a_blocks, b_blocks = tuple(body_blocks(base)), tuple(body_blocks(other))
    found: list[Variant] = []
    for row_index, row in enumerate(rows):
        a = _Side.of(row.base, row.base_start, a_blocks)
        b = _Side.of(row.other, row.other_start, b_blocks)
        found += _row_variants(a, b, row_index)
    variants = tuple(replace(v, number=k) for k, v in enumerate(found, start=1))
    counts = Counter(v.kind for v in variants)
    return Collation(group, base_index, other_index, tuple(rows), variants,
                     {kind: counts[kind] for kind in KINDS})


def collate_group(speeches: Sequence[Speech], group: WitnessGroup) -> list[Collation]:
    """The group's base collated against each other member, in member order."""
    base = group.base
    return [
        collate(speeches[base], speeches[member], group=group, base_index=base,
                other_index=member)
        for member in group.members[1:]
    ]


@dataclass(frozen=True)
class _Side:
    """One side of a row: its text, where each block starts in it, its damaged ranges."""

    text: str
    first: int  # index of the row's first block in ``witness``
    witness: tuple[Block, ...]  # all body blocks of the witness, for insertion points
    starts: tuple[int, ...]  # offset in ``text`` where each block of the row starts
    damage: tuple[tuple[int, int], ...]  # [start, stop) of each Damage span in ``text``

    @classmethod
    def of(cls, blocks: tuple[Block, ...], first: int, witness: tuple[Block, ...]) -> _Side:
        text, starts, damage = "", [], []
        for block in blocks:
            starts.append(len(text))
            for span in getattr(block, "spans", ()):
                visible = span.visible
                if isinstance(span, Damage):
                    damage.append((len(text), len(text) + len(visible)))
                text += visible
        return cls(text, first, witness, tuple(starts), tuple(damage))

    def location(self, offset: int) -> Location:
        """Where ``offset`` falls; on an empty side, where the other side's text would go."""
        if not self.starts:
            return self._insertion_point()
        k = max(0, bisect_right(self.starts, offset) - 1)
        block = self.first + k
        return Location(self.witness[block].line, offset - self.starts[k], block)

    def _insertion_point(self) -> Location:
        if self.first < len(self.witness):
            return Location(self.witness[self.first].line, 0, self.first)
        if self.witness:  # after the last block
            last = len(self.witness) - 1
            return Location(self.witness[last].line, len(self.witness[last].visible), last)
        return Location(0, 0, 0)

    def damaged(self, start: int, stop: int) -> bool:
        return any(start < d_stop and d_start < stop for d_start, d_stop in self.damage)


@dataclass(frozen=True)
class _Region:
    """A differing stretch: base text[i1:i2] against other text[j1:j2]."""

    i1: int
    i2: int
    j1: int
    j2: int


def _row_variants(a: _Side, b: _Side, row_index: int) -> list[Variant]:
    """The variants of one row; a one-sided row is a single variant for its whole text."""
    if not (a.text and b.text):
        regions = [_Region(0, len(a.text), 0, len(b.text))] if a.text or b.text else []
    else:
        matcher = difflib.SequenceMatcher(None, a.text, b.text, autojunk=False)
        opcodes = matcher.get_opcodes()
        differing = [_Region(*span) for tag, *span in opcodes if tag != "equal"]
        regions = _merge_regions(differing, a.text, b.text)
    variants = []
    for region in regions:
        kind = _kind(a, b, region)
        if kind == SUBSTITUTION:
            region = _extend_word(a, b, region)
        variants.append(_variant(a, b, region, kind, row_index))
    return variants


def _merge_regions(regions: list[_Region], a: str, b: str) -> list[_Region]:
    """Join neighbouring regions that read as one change (numerals, transpositions)."""
    merged: list[_Region] = []
    for region in regions:
        if merged and _reads_as_one(merged[-1], region, a, b):
            previous = merged[-1]
            merged[-1] = _Region(previous.i1, region.i2, previous.j1, region.j2)
        else:
            merged.append(region)
    return merged


def _reads_as_one(first: _Region, second: _Region, a: str, b: str) -> bool:
    if second.i1 - first.i2 <= NUMERAL_MERGE_GAP:
        if _is_numeral(a[first.i1 : second.i2]) and _is_numeral(b[first.j1 : second.j2]):
            return True
    return _is_transposition(first, second, a)


def _is_transposition(first: _Region, second: _Region, a: str) -> bool:
    """A pure deletion and a pure insertion around one equal Han character: 展開/開展."""
    gap = a[first.i2 : second.i1]
    first_deletes, second_deletes = first.j1 == first.j2, second.j1 == second.j2
    first_inserts, second_inserts = first.i1 == first.i2, second.i1 == second.i2
    swapped = (first_deletes and second_inserts) or (first_inserts and second_deletes)
    return len(gap) == TRANSPOSITION_GAP and is_han(gap) and swapped


def _extend_word(a: _Side, b: _Side, region: _Region) -> _Region:
    """``大``/``群`` followed by an equal ``眾`` becomes ``大眾``/``群眾``.

    The wider region is kept only if it still classifies as a substitution, so a damaged
    character is never pulled into a synonym.
    """
    one_han_each = (
        region.i2 - region.i1 == 1 == region.j2 - region.j1
        and is_han(a.text[region.i1])
        and is_han(b.text[region.j1])
    )
    if one_han_each and region.i2 < len(a.text) and is_han(a.text[region.i2]):
        wider = _Region(region.i1, region.i2 + 1, region.j1, region.j2 + 1)
        if _kind(a, b, wider) == SUBSTITUTION:
            return wider
    return region


def _kind(a: _Side, b: _Side, region: _Region) -> str:
    base_text, other_text = a.text[region.i1 : region.i2], b.text[region.j1 : region.j2]
    if a.damaged(region.i1, region.i2) or b.damaged(region.j1, region.j2):
        return DAMAGE
    if _lost_question_mark(base_text, other_text) or _lost_question_mark(other_text, base_text):
        return DAMAGE
    if _is_numeral(base_text) and _is_numeral(other_text):
        return NUMERAL
    if _without_spacing_punctuation(base_text) == _without_spacing_punctuation(other_text):
        return SPACING_PUNCTUATION
    if not other_text:
        return OMISSION
    if not base_text:
        return ADDITION
    return SUBSTITUTION


def _lost_question_mark(text: str, counterpart: str) -> bool:
    return "?" in text and not QUESTION_MARKS & set(counterpart)


def _is_numeral(text: str) -> bool:
    """Numerals with optional whitespace: ``十二``, `` 102 ``; not the empty string."""
    squeezed = "".join(text.split())
    return bool(squeezed) and all(ch in CHINESE_NUMERALS or ch in DIGITS for ch in squeezed)


def _without_spacing_punctuation(text: str) -> str:
    """``第 102 次`` → ``第102次``, ``一是，二是`` → ``一是二是``: what is left to compare."""
    return "".join(ch for ch in text if not (ch.isspace() or _is_punctuation(ch)))


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")  # ",", "，", "：", "“", "”", "、", "…"


def _changes_value(base_text: str, other_text: str) -> bool:
    base_squeezed, other_squeezed = "".join(base_text.split()), "".join(other_text.split())
    try:
        return parse_number(base_squeezed) != parse_number(other_squeezed)
    except ValueError:
        return base_squeezed != other_squeezed


def _variant(a: _Side, b: _Side, region: _Region, kind: str, row_index: int) -> Variant:
    base_text, other_text = a.text[region.i1 : region.i2], b.text[region.j1 : region.j2]
    return Variant(
        number=0,  # numbered once the whole pair is collated
        kind=kind,
        base_text=base_text,
        other_text=other_text,
        base_location=a.location(region.i1),
        other_location=b.location(region.j1),
        row=row_index,
        changes_value=kind == NUMERAL and _changes_value(base_text, other_text),
    )
