"""Variants between two witnesses: the base and one other, row by row.

Each row of ``align`` with blocks on both sides yields the differences of ``regions``,
each classified by ``kinds``. A one-sided row (1:0 or 0:1) is one variant for its whole
text, classified the same way; its location on the empty side is the insertion point
(the start of the next block of that witness, or the end of the last one).

The readings (``KINDS``) are numbered from 1 in row order; differences of layout only
(whitespace, character width: ``X 書記`` / ``X書記``, ``,`` / ``，``) are a layer apart,
``Collation.layout``, numbered on their own, so they never drown the readings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from build_tools.analysis.collate.align import AlignedRow, align
from build_tools.analysis.collate.detect import WitnessGroup
from build_tools.analysis.collate.kinds import KINDS, LAYOUT, NUMERAL, changes_value
from build_tools.analysis.collate.regions import Region, differences
from build_tools.analysis.collate.sides import Location, Side, body_blocks
from build_tools.text.model import Speech


@dataclass(frozen=True)
class Variant:
    """One readable difference between the base and the other witness."""

    number: int  # 1-based within its layer (readings, or layout)
    kind: str  # one of KINDS, or LAYOUT
    base_text: str
    other_text: str
    base_location: Location
    other_location: Location
    row: int  # index into Collation.rows
    changes_value: bool = False  # numeral variants only: the sides read as different numbers

    @property
    def layout(self) -> bool:
        return self.kind == LAYOUT


@dataclass(frozen=True)
class Collation:
    """Two witnesses aligned block by block, with the variants between them."""

    group: WitnessGroup | None
    base_index: int | None
    other_index: int | None
    rows: tuple[AlignedRow, ...]
    variants: tuple[Variant, ...]  # the readings, numbered 1…
    counts_by_kind: dict[str, int] = field(compare=False)  # every kind, in KINDS order
    layout: tuple[Variant, ...] = ()  # whitespace and width only, numbered 1… apart


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
        a = Side.of(row.base, row.base_start, a_blocks)
        b = Side.of(row.other, row.other_start, b_blocks)
        found += [variant(a, b, region, kind, row_index) for region, kind in differences(a, b)]
    readings = numbered(v for v in found if not v.layout)
    counts = Counter(v.kind for v in readings)
    return Collation(group, base_index, other_index, tuple(rows), readings,
                     {kind: counts[kind] for kind in KINDS},
                     numbered(v for v in found if v.layout))


def numbered(variants) -> tuple[Variant, ...]:
    return tuple(replace(v, number=k) for k, v in enumerate(variants, start=1))


def collate_group(speeches: Sequence[Speech], group: WitnessGroup) -> list[Collation]:
    """The group's base collated against each other member, in member order."""
    base = group.base
    return [
        collate(speeches[base], speeches[member], group=group, base_index=base,
                other_index=member)
        for member in group.members[1:]
    ]


def variant(a: Side, b: Side, region: Region, kind: str, row_index: int) -> Variant:
    base_text, other_text = a.text[region.i1 : region.i2], b.text[region.j1 : region.j2]
    return Variant(
        number=0,  # numbered once the whole pair is collated
        kind=kind,
        base_text=base_text,
        other_text=other_text,
        base_location=a.location(region.i1),
        other_location=b.location(region.j1),
        row=row_index,
        changes_value=kind == NUMERAL and changes_value(base_text, other_text),
    )
