"""The text of one witness in one aligned row, and where an offset in it lies.

A row holds none, one or more consecutive headings and paragraphs of a witness (see
``align``); its *side* is their visible texts run together, with the offset where each
block starts, the damaged ranges, and the word boundaries (``segment``), each block
segmented on its own. ``Location`` names a block and an offset in it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from build_tools.analysis.collate.segment import word_bounds
from build_tools.text.model import Block, Damage, Heading, Paragraph, Speech


def body_blocks(speech: Speech) -> list[Heading | Paragraph]:
    """The blocks that carry text, in order: what alignment and ``Location.block`` count."""
    return [b for b in speech.blocks() if isinstance(b, (Heading, Paragraph))]


def witness_text(speech: Speech) -> str:
    """The visible body text compared between witnesses: headings and paragraphs."""
    return "".join(block.visible for block in body_blocks(speech))


@dataclass(frozen=True)
class Location:
    """Where a reading starts: a block and a character offset in its visible text.

    ``block`` indexes ``body_blocks(speech)``; ``line`` is that block's first source line,
    which a run-in heading shares with its paragraph (第一篇 line 15: ``第 1,`` + ``經過…``).
    """

    line: int
    offset: int
    block: int

    def __str__(self) -> str:
        return f"{self.line}:{self.offset}"


@dataclass(frozen=True)
class Side:
    """One witness's part of a row: its text, where each block starts in it, its damage."""

    text: str
    first: int  # index of the row's first block in ``witness``
    witness: tuple[Block, ...]  # all body blocks of the witness, for insertion points
    starts: tuple[int, ...]  # offset in ``text`` where each block of the row starts
    damage: tuple[tuple[int, int], ...]  # [start, stop) of each Damage span in ``text``

    @classmethod
    def of(cls, blocks: tuple[Block, ...], first: int, witness: tuple[Block, ...]) -> Side:
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

    @cached_property
    def bounds(self) -> frozenset[int]:
        """Offsets where a word may start or end; every block start is one."""
        ends = (*self.starts[1:], len(self.text))
        return frozenset(start + b for start, end in zip(self.starts, ends)
                         for b in word_bounds(self.text[start:end]))
