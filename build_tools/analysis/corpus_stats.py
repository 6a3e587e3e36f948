"""Corpus-wide figures: unions over the collections of a build.

Each collection computes its own share once (``Collection.characters``) and keeps it
while the parse cache hands back the same collection, so a rebuild after editing one
speech recomputes that file's share only; nothing is kept here.
"""

from __future__ import annotations

from typing import Iterable

from build_tools.text.model import Collection


def corpus_characters(collections: Iterable[Collection]) -> set[str]:
    """Every character a reader sees in the corpus (pinyin left out)."""
    chars: set[str] = set()
    for collection in collections:
        chars |= collection.characters
    return chars
