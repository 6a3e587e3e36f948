"""Content-keyed caches that live across rebuilds of one process (``mkdocs serve``) and,
with a folder, across processes (a second ``make site``).

Keys are the content itself (or its hash), never time stamps: an edited speech misses,
everything else hits. ``sweep()`` after each build drops what that build did not use, so
nothing piles up across rebuilds.

On disk (``DiskCache``), an entry is a pickle named by a hash of its key and of the code
that made it (every module of the package, and the OpenCC package and version), so a
changed project or converter never reads an old entry. The folder is the project's own
(``.cache/parallel-texts`` beside ``mkdocs.yml``), is safe to delete, and holds only what
this code wrote; entries unused for ``STALE_AFTER`` seconds are removed by ``sweep()``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from pathlib import Path
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

    def sweep(self) -> None:
        """Forget entries the last build did not ask for; reset the counters."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._used = set()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)


STALE_AFTER = 7 * 24 * 3600  # an entry no build has used for a week is dropped


def code_salt(extra: str = "") -> str:
    """A hash of every module of the package (and ``extra``: the converter's name and
    version): what the cached values depend on besides their keys."""
    digest = hashlib.sha256(extra.encode("utf-8"))
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class DiskCache(ContentCache[V]):
    """A ``ContentCache`` that also keeps its values in ``folder`` (None: memory only)."""

    def __init__(self, namespace: str) -> None:
        super().__init__()
        self.namespace = namespace
        self.folder: Path | None = None
        self.salt = ""
        self.disk_hits = 0
        self._files_used: set[Path] = set()

    def use_folder(self, folder: Path | None, salt: str) -> None:
        self.folder, self.salt = folder, salt

    def _path(self, key: Hashable) -> Path:
        # repr, not pickle: pickle's bytes depend on which equal strings are one object.
        digest = hashlib.sha256(repr((self.salt, key)).encode("utf-8")).hexdigest()
        return self.folder / f"{self.namespace}-{digest[:32]}.pickle"

    def has(self, key: Hashable) -> bool:
        """Whether ``get`` would find ``key`` without computing it."""
        return key in self._entries or (self.folder is not None and self._path(key).is_file())

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        if self.folder is None or key in self._entries:
            return super().get(key, compute)
        path = self._path(key)
        self._files_used.add(path)
        try:
            # The project's own folder, written by this code only (see the module's note).
            value = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return super().get(key, lambda: self._store(path, compute()))
        os.utime(path)  # used: not stale (see ``sweep``)
        self.disk_hits += 1
        self.hits += 1
        self._used.add(key)
        self._entries[key] = value
        return value

    def _store(self, path: Path, value: V) -> V:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, partial = tempfile.mkstemp(dir=self.folder, prefix=".part-")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=5)
            os.replace(partial, path)
        except OSError:
            pass  # a cache that cannot be written is a cache that misses next time
        return value

    def sweep(self) -> None:
        super().sweep()
        self.disk_hits = 0
        if self.folder is None or not self.folder.is_dir():
            return
        cutoff = time.time() - STALE_AFTER
        for path in self.folder.glob(f"{self.namespace}-*.pickle"):
            try:
                if path not in self._files_used and path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                pass
        self._files_used = set()
