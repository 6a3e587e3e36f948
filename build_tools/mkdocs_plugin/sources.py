"""Where the sources are, what ``mkdocs serve`` watches, and the notice for a broken one."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from build_tools.analysis.rules import RULES_FILE
from build_tools.text.model import Speech


def base_dir(config: MkDocsConfig) -> Path:
    """The folder of ``mkdocs.yml``: relative paths in the plugin's options start there."""
    return Path(config.config_file_path or ".").resolve().parent


def source_files(base: Path, pattern: str) -> list[Path]:
    """The files ``pattern`` (relative to ``base``, or absolute) matches, sorted."""
    return [Path(p) for p in sorted(glob.glob(str(base / pattern)))]


def glob_root(base: Path, pattern: str) -> Path:
    """The folder a glob pattern starts in: its parts before the first wildcard."""
    fixed = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    root = base.joinpath(*fixed)
    return root if len(fixed) < len(Path(pattern).parts) else root.parent


def watched_paths(sources: list[Path], folder: Path | None, rules: Path | None) -> list[Path]:
    """What ``mkdocs serve`` watches: ``folder`` (the glob's, so new, renamed and deleted
    files count) instead of the files inside it, the other sources, and the rules file
    (or, when there is none, the folder a ``conversions.yml`` would be created in)."""
    watched = {path.resolve() for path in sources}
    if folder is not None and folder.is_dir():
        watched = {folder} | {p for p in watched if folder not in p.parents}
    if rules is None and sources:
        rules = sources[0].parent / RULES_FILE
    if rules is not None and not any(rules.resolve().is_relative_to(w) for w in watched):
        watched.add(rules.resolve() if rules.exists() else rules.resolve().parent)
    return sorted(watched)


def problems_notice(problems: list[str]) -> str:
    """The notice a page carries under ``mkdocs serve`` while a source is broken."""
    items = "".join(f"<li><code>{escape(p)}</code></li>" for p in problems)
    return ('<div class="admonition failure ptx-build-problem" role="alert" data-editorial>'
            '<p class="admonition-title">源文件有誤，這裏顯示上次成功的版本'
            '（源文件有误，这里显示上次成功的版本）</p>'
            f"<ul>{items}</ul></div>")


def no_sources(pattern: str, base: Path) -> str:
    return (f"parallel-texts: no source files match {pattern!r} in {base}; expected .txt "
            "files (set 'sources' in mkdocs.yml)")


def watch(server, paths: Iterable[Path]):
    """``mkdocs serve``'s server, told to watch ``paths`` too."""
    for path in paths:
        server.watch(str(path))
    return server


@dataclass(frozen=True)
class SpeechPage:
    src_uri: str
    speech: Speech
