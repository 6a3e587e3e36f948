"""Content-keyed caches that live across rebuilds of one process (``mkdocs serve``).

Keys are the content itself (or its hash), never time stamps: an edited speech misses,
everything else hits. ``sweep()`` after each build drops what that build did not use, so
nothing piles up across rebuilds.
"""

from __future__ import annotations

from typing import Callable, Generic, Hashable, TypeVar

V = TypeVar("V")


class ContentCache(Generic[V]):
    def __init__(self) -> None:
        self._entries: dict[Hashable, V] = {}
        self._used: set[Hashable] = set()
        self.hits = self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        self._used.add(key)
        if key in self._entries:
            self.hits += 1
            return self._entries[key]
        self.misses += 1
        value = self._entries[key] = compute()
        return value

    def get_for(self, owner: object, compute: Callable[[], V], variant: Hashable = None) -> V:
        """A value derived from ``owner`` (a parsed collection, say), keyed by identity:
        the parse cache hands back the same object while its source is unchanged."""
        key = (id(owner), variant)
        held = self.get(key, lambda: (owner, compute()))
        if held[0] is not owner:  # an id reused after the first owner was dropped
            held = self._entries[key] = (owner, compute())
        return held[1]

    def sweep(self) -> None:
        """Forget entries the last build did not ask for; reset the counters."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._used = set()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)
