"""Reading the sources and the rules for a build, and what a broken one does.

In a build, bad input is a ``PluginError`` naming the file and line. Under ``mkdocs
serve`` it must not stop the server (MkDocs' server then hangs every request until the
file is fixed): the source's last good version is used and the problem is kept for the
notice every page shows; broken rules keep the last good rules.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from build_tools.analysis import convert
from build_tools.analysis.cache import DiskCache
from build_tools.analysis.rules import RulesError, load_rules
from build_tools.text.corpus import InputError, parse_bytes
from build_tools.text.model import Collection

log = get_plugin_logger(__name__)


class SourceLoader:
    """Parses sources through a content cache; kept by the plugin across rebuilds."""

    def __init__(self) -> None:
        self.serving = False
        self.problems: list[str] = []
        self.last_good: dict[Path, Collection] = {}
        self.parsed: DiskCache[Collection] = DiskCache("parsed")

    def start(self) -> None:
        """A new build: no problems yet."""
        self.problems = []

    def problem(self, message: str) -> None:
        """Bad input: an error for a build; under ``mkdocs serve``, a notice."""
        if not self.serving:
            raise PluginError(message)
        self.problems.append(message)
        # INFO, not WARNING: with ``strict`` a warning fails the rebuild, and a failed
        # rebuild is what hangs the server.
        log.info("source error: %s (the pages show its last good version)", message)

    @staticmethod
    def _key(path: Path, encoding: str | None, data: bytes) -> tuple:
        return (str(path), encoding, hashlib.sha256(data).digest())

    def prime(self, collections, encoding: str | None) -> None:
        """Take sources parsed elsewhere (the command line checks them before the build)."""
        for collection in collections:
            path = Path(collection.path)
            try:
                key = self._key(path, encoding, path.read_bytes())
            except OSError:
                continue  # ``load`` will say what is wrong with it
            self.parsed.get(key, lambda c=collection: c)

    def load(self, path: Path, encoding: str | None) -> Collection | None:
        """The parsed source; serving, its last good version if it is broken."""
        try:
            data = path.read_bytes()
            collection = self.parsed.get(self._key(path, encoding, data),
                                         lambda: parse_bytes(data, str(path), encoding))
        except InputError as error:
            self.problem(str(error))
            return self.last_good.get(path)
        except OSError as error:
            self.problem(f"{path}: cannot read: {error.strerror}")
            return self.last_good.get(path)
        self.last_good[path] = collection
        return collection

    def use_rules(self, path: Path | None, standard: str) -> None:
        """Configure the converter with the rules at ``path`` (none: no rules)."""
        try:
            rules = load_rules(path) if path else ()
        except RulesError as error:
            self.problem(str(error))  # serving: the rules of the last good build stay
            return
        convert.configure(rules, standard)
