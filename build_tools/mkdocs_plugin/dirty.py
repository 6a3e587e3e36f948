"""``mkdocs serve --dirty``: rebuild only the pages whose inputs changed.

MkDocs' dirty build skips a page whose file says ``is_modified()`` is False, but a
generated file always says True, so every speech page would be rendered and written
again after any edit. The plugin's pages are ``PageFile``\\ s instead: each carries a
signature of what its HTML depends on (its speech's text, the converter, the collation
pages naming it, an editor's introduction) and is modified only when that signature
differs from the last successful build's. Whatever every page shows (the navigation:
every page's name and place, the site's configuration and templates, a notice about a
broken source) is one site-wide signature: when it changes, every page is rebuilt, so a
dirty rebuild never leaves a page with a stale navigation. The home page (it lists every
speech) is always rebuilt. Outside a dirty build every page is modified, as before.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

# MkDocs warns on every dirty build that navigation may be inaccurate; with the site-wide
# signature it is not, and under ``strict: true`` the warning would fail each rebuild.
DIRTY_WARNING = "A 'dirty' build is being performed"


class PageFile(File):
    """A generated page that says whether its inputs changed since the last build."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


def page_file(config: MkDocsConfig, src_uri: str, source: File | None = None) -> PageFile:
    """A generated page; ``source``: the editor's file in ``docs/`` it is read from."""
    if source is not None and source.abs_src_path:
        return PageFile.generated(config, src_uri, abs_src_path=source.abs_src_path)
    return PageFile.generated(config, src_uri, content="")


def with_page_files(config: MkDocsConfig, files: Files,
                    uris: Iterable[str]) -> tuple[Files, dict[str, PageFile]]:
    """``files`` with a ``PageFile`` for each of ``uris``: in place of the editor's file of
    that name (its content read from it), else added at the end."""
    made = {uri: page_file(config, uri, files.get_file_from_path(uri)) for uri in uris}
    waiting = dict(made)
    kept = [waiting.pop(file.src_uri, file) for file in files]
    return Files([*kept, *waiting.values()]), made


def file_state(path: str | os.PathLike | None) -> tuple:
    if not path:
        return ()
    try:
        stat = os.stat(path)
    except OSError:
        return (str(path),)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _tree_state(folder: str | None) -> str:
    """A digest of every file's name, time and size under ``folder`` (a theme's
    custom_dir): an edited template changes every page."""
    digest = hashlib.sha256()
    if folder and Path(folder).is_dir():
        for path in sorted(Path(folder).rglob("*")):
            digest.update(repr(file_state(path)).encode("utf-8"))
    return digest.hexdigest()


def site_signature(config: MkDocsConfig, documents: Iterable[str],
                   extra: Hashable) -> tuple:
    """What every page shows: the configuration file, the theme's custom_dir, the list of
    documents, and ``extra`` (the plugin's: names of all pages, converter, problems)."""
    return (file_state(config.config_file_path), _tree_state(config.theme.custom_dir),
            tuple(documents), extra)


def page_signatures(keys: Mapping[str, Hashable], collation_pages: Mapping[str, Hashable],
                    files: Mapping[str, File]) -> dict[str, Hashable]:
    """Per page what its HTML depends on: for a speech, its render key (``keys``), the
    collation pages naming it and its introduction's file; for a collation page, itself
    and its members' keys."""
    signatures: dict[str, tuple] = {}
    for uri, entry in collation_pages.items():
        signatures[uri] = (entry, tuple(keys[m] for m in entry.members))
        for member in entry.members:
            signatures[member] = (*signatures.get(member, ()), entry)
    for uri, key in keys.items():
        signatures[uri] = (key, signatures.get(uri), file_state(files[uri].abs_src_path))
    return signatures


class DirtyPages:
    """The signatures of the last successful build, and which pages differ from them."""

    def __init__(self) -> None:
        self.enabled = False
        self.site: Hashable = None
        self.pages: dict[str, Hashable] = {}
        self._pending: tuple[Hashable, dict[str, Hashable]] | None = None
        self.rebuilt = 0

    def start(self, dirty: bool) -> None:
        self.enabled = dirty
        logger = logging.getLogger("mkdocs.commands.build")
        # Added once per process (filters are a set in effect), removed when not dirty.
        (logger.addFilter if dirty else logger.removeFilter)(_quiet_dirty_warning)

    def mark(self, files: Mapping[str, PageFile], signatures: Mapping[str, Hashable],
             site: Hashable) -> None:
        """Set each page's ``modified``; ``signatures`` by src_uri (a page without one,
        such as the home page, is always rebuilt)."""
        # A build that failed may have written some pages: compare with nothing then.
        same_site = self.enabled and self._pending is None and site == self.site
        self.rebuilt = 0
        for uri, file in files.items():
            file.modified = not (same_site and uri in signatures
                                 and self.pages.get(uri) == signatures[uri])
            self.rebuilt += file.modified
        self._pending = (site, dict(signatures))

    def built(self) -> None:
        """The build succeeded: its signatures are what the next build compares with."""
        if self._pending is not None:
            self.site, self.pages = self._pending
            self._pending = None


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    if record.levelno == logging.WARNING and str(record.msg).startswith(DIRTY_WARNING):
        record.levelno, record.levelname = logging.INFO, "INFO"
    return True
