"""Corpus-wide figures kept per source file between builds.

The query table, the pinyin table and the search terms cover the whole corpus, but each is
a union or a sum over files: a rebuild after editing one speech recomputes that file's
share only (the parse cache hands back the same ``Collection`` for every unchanged file).
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable

from build_tools.analysis.cache import ContentCache
from build_tools.text.model import Collection, collection_characters

Counts = tuple[Counter, Counter]

_CHARACTERS: ContentCache = ContentCache()
_COUNTS: ContentCache = ContentCache()


def corpus_characters(collections: Iterable[Collection]) -> set[str]:
    """Every character a reader sees in the corpus (pinyin left out)."""
    chars: set[str] = set()
    for collection in collections:
        chars |= _CHARACTERS.get_for(collection, lambda c=collection: collection_characters(c))
    return chars


def summed_counts(collections: Iterable[Collection], count: Callable[[Collection], Counts],
                  variant: object) -> Counts:
    """The sum over files of ``count(collection)``, which depends on ``variant`` too."""
    first: Counter = Counter()
    second: Counter = Counter()
    for collection in collections:
        a, b = _COUNTS.get_for(collection, lambda c=collection: count(c), variant)
        first.update(a)
        second.update(b)
    return first, second


def sweep() -> None:
    _CHARACTERS.sweep()
    _COUNTS.sweep()
