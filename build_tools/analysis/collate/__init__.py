"""Witness collation: find speeches that are versions of one text, align them, list variants.

Pure functions over the document model: no I/O, no HTML. The stages, each usable alone:

1. ``detect``: which speeches are witnesses of one text (``find_witness_groups``), found
   through cheap candidates (``minhash``) and an exact measure;
2. ``align``: which headings and paragraphs carry the same text, for two witnesses
   (``align``) or any number (``align_witnesses``);
3. ``regions`` and ``kinds``: the differences of a row, cut on word boundaries
   (``segment``: jieba on the Simplified form) and classified;
4. ``variants``: two witnesses, the base and one other (``collate``, ``collate_group``);
   ``apparatus``: all witnesses of a group at once, each entry listing every reading with
   the witnesses that have it (``collate_witnesses``).

Differences of layout only (whitespace, character width) are a layer apart, numbered on
their own, in both.
"""

from build_tools.analysis.collate.align import (
    AlignedRow,
    JointRow,
    align,
    align_witnesses,
)
from build_tools.analysis.collate.apparatus import (
    Entry,
    GroupCollation,
    WitnessReading,
    collate_witnesses,
    siglum,
)
from build_tools.analysis.collate.detect import (
    DEFAULT_THRESHOLD,
    DetectionStats,
    UnionFind,
    WitnessGroup,
    WitnessPair,
    WitnessSearch,
    find_witness_groups,
    search_witnesses,
    similarity,
)
from build_tools.analysis.collate.kinds import (
    ADDITION,
    ALL_KINDS,
    DAMAGE,
    KINDS,
    LAYOUT,
    NUMERAL,
    OMISSION,
    PUNCTUATION,
    SUBSTITUTION,
    TRANSPOSITION,
)
from build_tools.analysis.collate.sides import Location, body_blocks, witness_text
from build_tools.analysis.collate.variants import (
    Collation,
    Variant,
    collate,
    collate_group,
)

__all__ = [
    "ADDITION", "ALL_KINDS", "DAMAGE", "DEFAULT_THRESHOLD", "KINDS", "LAYOUT", "NUMERAL",
    "OMISSION", "PUNCTUATION", "SUBSTITUTION", "TRANSPOSITION",
    "AlignedRow", "Collation", "DetectionStats", "Entry", "GroupCollation", "JointRow",
    "Location", "UnionFind", "Variant", "WitnessGroup", "WitnessPair", "WitnessReading",
    "WitnessSearch",
    "align", "align_witnesses", "body_blocks", "collate", "collate_group",
    "collate_witnesses", "find_witness_groups", "search_witnesses", "siglum", "similarity",
    "witness_text",
]
