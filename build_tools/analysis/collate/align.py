"""Alignment: which headings and paragraphs of the witnesses carry the same text.

Two witnesses (``align``)
-------------------------
Headings and paragraphs (``Blank`` skipped) are aligned by dynamic programming over the
moves 1:1, 1:2, 2:1 (a paragraph split or merged in one witness, a heading run into its
paragraph), 1:0 and 0:1. A row of base blocks *A* and other blocks *B* scores
``2·|F(A) ∩ F(B)| − MIN_ROW_DICE · (|F(A)| + |F(B)|)``, where *F* is the multiset of
character bigrams of each block's visible text with whitespace removed and a boundary mark
at each end (``^第``, ``。$``); one-sided rows score 0. A row is therefore worth having only
when its bigram Dice coefficient exceeds ``MIN_ROW_DICE`` (0.5: the seed pair's rows
score 0.68–1.0, while the best wrong pairing is 0.42 for two headings built alike,
``第 5,要打贏保障…`` / ``第一,要打贏搬遷…``, and 0.26 for paragraphs), and merging a block
into a row costs ``MIN_ROW_DICE`` per bigram it fails to match, so a stray block (the
seed's lone ``?`` lines) stays in a row of its own. Ties prefer 1:1, then merges, then
gaps. The cost is O(n·m) cheap multiset intersections for n and m blocks.

Any number of witnesses (``align_witnesses``)
---------------------------------------------
Each witness is aligned with the base as above; the joint rows cut the base where every
one of those alignments has a row boundary, so a paragraph that one witness merges with
the next keeps both base paragraphs in one joint row for all. Blocks a witness has and the
base lacks (0:1) go, at a cut, into a row of their own before the base's next block,
shared with any other witness's extra blocks there; elsewhere into the row around them.
With two witnesses the joint rows are the pairwise rows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from build_tools.analysis.collate.sides import body_blocks
from build_tools.text.model import Block, Speech

MIN_ROW_DICE = 0.5  # bigram Dice a row must beat to be worth aligning
BOUNDARY = "\x00"  # marks the start and end of a block for its bigrams: "^第", "。$"
# DP moves (base blocks taken, other blocks taken), in tie-break order.
MOVES = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1))


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


@dataclass(frozen=True)
class JointRow:
    """The blocks of every witness (base first) that carry the same text."""

    cells: tuple[tuple[Block, ...], ...]  # one per witness, in group order
    # Index of each cell's first block among its witness's body blocks; for an empty
    # cell, the index of the block its text would precede.
    starts: tuple[int, ...]

    @property
    def shape(self) -> str:
        return ":".join(str(len(cell)) for cell in self.cells)


@dataclass(frozen=True)
class Bigrams:
    """The bigram multiset of one block, or of two consecutive blocks, with its size."""

    counts: Counter[str]
    total: int

    @classmethod
    def of(cls, text: str) -> Bigrams:
        squeezed = BOUNDARY + "".join(text.split()) + BOUNDARY
        counts = Counter(squeezed[k : k + 2] for k in range(len(squeezed) - 1))
        return cls(counts, counts.total())

    def __add__(self, other: Bigrams) -> Bigrams:
        return Bigrams(self.counts + other.counts, self.total + other.total)

    def common(self, other: Bigrams) -> int:
        a, b = self.counts, other.counts
        return sum(min(a[gram], b[gram]) for gram in a.keys() & b.keys())


class RowFeatures:
    """Bigrams of every single block and every pair of consecutive blocks of a witness."""

    def __init__(self, blocks: Sequence[Block]):
        self.single = [Bigrams.of(block.visible) for block in blocks]
        self.double = [a + b for a, b in zip(self.single, self.single[1:])]

    def of(self, start: int, stop: int) -> Bigrams | None:
        """Blocks ``start:stop`` (none, one or two of them) as one bigram multiset."""
        if stop - start == 2:
            return self.double[start]
        return self.single[start] if stop - start == 1 else None


def align(base: Speech, other: Speech) -> list[AlignedRow]:
    """Align the headings and paragraphs of two witnesses; see the module docstring."""
    a_blocks, b_blocks = body_blocks(base), body_blocks(other)
    a_feats, b_feats = RowFeatures(a_blocks), RowFeatures(b_blocks)
    n, m = len(a_blocks), len(b_blocks)
    best = [[float("-inf")] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for di, dj in MOVES:
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
        dice = _dice(a_feats.of(i - di, i), b_feats.of(j - dj, j))
        rows.append(AlignedRow(tuple(a_blocks[i - di : i]), tuple(b_blocks[j - dj : j]),
                               dice, base_start=i - di, other_start=j - dj))
        i, j = i - di, j - dj
    rows.reverse()
    return rows


def _row_gain(a: Bigrams | None, b: Bigrams | None) -> float:
    """What a row adds to the alignment: positive when its Dice beats MIN_ROW_DICE."""
    if a is None or b is None:
        return 0.0
    return 2 * a.common(b) - MIN_ROW_DICE * (a.total + b.total)


def _dice(a: Bigrams | None, b: Bigrams | None) -> float:
    if a is None or b is None:
        return 0.0
    return round(2 * a.common(b) / (a.total + b.total), 3)


def align_witnesses(speeches: Sequence[Speech]) -> list[JointRow]:
    """Joint rows of all witnesses, ``speeches[0]`` the base; see the module docstring."""
    base_blocks = body_blocks(speeches[0])
    n = len(base_blocks)
    pairwise = [align(speeches[0], other) for other in speeches[1:]]
    cuts = set(range(n + 1))
    for rows in pairwise:
        cuts &= {row.base_start for row in rows} | {n}
    ordered = sorted(cuts)
    # Slot (c, 0): blocks only other witnesses have, at cut c; (c, 1): base blocks c:next.
    slots: dict[tuple[int, int], list[list[Block]]] = {
        (c, 0): [[] for _ in speeches] for c in ordered}
    for c, d in zip(ordered, ordered[1:]):
        slots[(c, 1)] = [list(base_blocks[c:d]), *([] for _ in speeches[1:])]
    for k, rows in enumerate(pairwise, start=1):
        for row in rows:
            if not row.base and row.base_start in cuts:
                slot = (row.base_start, 0)
            else:
                slot = (ordered[bisect_right(ordered, row.base_start) - 1], 1)
            slots[slot][k].extend(row.other)
    joint, pointers = [], [0] * len(speeches)
    for slot in sorted(slots):
        cells = slots[slot]
        if any(cells):
            joint.append(JointRow(tuple(map(tuple, cells)), tuple(pointers)))
            pointers = [p + len(cell) for p, cell in zip(pointers, cells)]
    return joint
