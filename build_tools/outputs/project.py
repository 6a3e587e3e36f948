"""A collection of one's own: ``ptx new`` writes a ready project, and ``build SOURCE…``
outside a project builds with a neutral configuration of the same shape.

A project is a ``mkdocs.yml`` (the user's site name, description, author, licence line and
interface language), ``sources/`` with a short example, ``conversions.yml`` with comments,
a ``Makefile`` (``make site``, ``make serve``) and ``docs/index.md``, the home page's text
(MkDocs needs the folder; the list of speeches is added below the text). Nothing of the
sample collection goes into it.

Titles and other metadata go into ``mkdocs.yml`` as quoted YAML strings, with the few
characters that are markup (``< > & " '``) replaced by their full-width forms: Material
writes ``site_name`` into the page unescaped.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.outputs.output_dir import UnsafeOutputError

LANGUAGES = {"hant": "zh-Hant", "hans": "zh"}  # interface language → Material's theme.language
MARKUP_SAFE = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇"})
EXAMPLE_NAME = "example.txt"
EXAMPLE = """第一篇:示例講話
同志們:
這是一篇示例。把你自己的講話放進 sources/ 資料夾（每個文件一個 .txt，可含多篇，以「第一篇:」開頭），
刪去這個文件，再執行 ptx build。
一、讀音與隱去
原文的讀音照錄，如攻堅(jiān)；隱去的文字照錄，如 XX 同志、20**年。
"""
RULES = """# Conversion rules for this collection: terms OpenCC converts wrongly, fixed in both
# directions (Traditional ⇄ Simplified) and in the audit of non-standard forms.
# Each rule: hant = the Traditional form, hans = the Simplified form. For example:
#
# - hant: 發展
#   hans: 发展
[]
"""
HOME = """# {title}

{description}

<!-- 這是首頁的文字，可用 Markdown 改寫；講話的目錄列在其下。 -->
"""
# The Python that ran ``ptx new`` is the one with the package; coreutils has a ``ptx`` of
# its own, so the Makefile never relies on the name.
MAKEFILE = """# make site: build site/ (open site/index.html); make serve: a live preview.
PYTHON ?= {python}

site:
\t$(PYTHON) -m build_tools build --site-dir site

serve:
\t$(PYTHON) -m mkdocs serve --dirty

.PHONY: site serve
"""


@dataclass(frozen=True)
class Metadata:
    """What a user sets once for a collection."""

    title: str
    description: str = ""
    author: str = ""
    licence: str = ""
    language: str = "hant"  # the interface's script: hant or hans
    extra: dict[str, object] = field(default_factory=dict)


def _quoted(text: str) -> str:
    """A YAML scalar for ``text``: a JSON string is a valid double-quoted YAML scalar."""
    return json.dumps(text.translate(MARKUP_SAFE), ensure_ascii=False)


def mkdocs_yml(meta: Metadata, sources: str = "sources/*.txt", extra_plugins: str = "",
               hooks: list[str] | None = None) -> str:
    """The configuration of a collection: Material with the parallel-texts plugin."""
    lines = [f"site_name: {_quoted(meta.title)}"]
    if meta.description:
        lines.append(f"site_description: {_quoted(meta.description)}")
    if meta.author:
        lines.append(f"site_author: {_quoted(meta.author)}")
    footer = " · ".join(text for text in (meta.author, meta.licence) if text)
    if footer:  # Material shows copyright in every page's footer
        lines.append(f"copyright: {_quoted(footer)}")
    lines += [
        "# Pages as .html files, so the site also works opened from a folder (file://).",
        "use_directory_urls: false",
        "",
        "theme:",
        "  name: material",
        f"  language: {LANGUAGES[meta.language]}",
        "  # No web fonts: the site must work without network access.",
        "  font: false",
        "  features:",
        "    - navigation.prune",
        "    - navigation.top",
        "    - toc.follow",
        "    - search.highlight",
        "",
        "plugins:",
        "  - search",
        "  - parallel-texts:",
        f"      sources: {_quoted(sources)}",
    ]
    if extra_plugins:
        lines.append(extra_plugins)
    if hooks:
        lines += ["", "hooks:"] + [f"  - {_quoted(hook)}" for hook in hooks]
    lines += [
        "",
        "markdown_extensions:",
        "  - attr_list",
        "  - toc:",
        "      permalink: true",
    ]
    return "\n".join(lines) + "\n"


def offline_yml(sources: str = "sources/*.txt") -> str:
    """The offline bundle's configuration, beside ``mkdocs.yml``: Material's offline plugin,
    no instant navigation, the iframe-worker shim served by the plugin (no CDN)."""
    return "\n".join([
        "# The site for reading offline from a folder (ptx bundle).",
        "INHERIT: mkdocs.yml",
        "plugins:",
        "  - search",
        "  - parallel-texts:",
        f"      sources: {_quoted(sources)}",
        "  - offline",
        "extra:",
        "  polyfills:",
        "    - assets/ptx/iframe-worker-shim.js",
    ]) + "\n"


def print_yml(sources: str = "sources/*.txt") -> str:
    """The PDF's configuration, beside ``mkdocs.yml``: the book page, no search."""
    return "\n".join([
        "# The collection as one book page, printed to PDF (ptx pdf).",
        "INHERIT: mkdocs.yml",
        "plugins:",
        "  - parallel-texts:",
        f"      sources: {_quoted(sources)}",
        "      collation: false",
        "  - parallel-texts-book",
    ]) + "\n"


CONFIG_FILES = {"site": "mkdocs.yml", "bundle": "mkdocs-offline.yml", "pdf": "mkdocs-print.yml"}


def neutral_configs(folder: Path, meta: Metadata) -> dict[str, Path]:
    """The three configurations for sources named on the command line, outside any
    project: written into ``folder`` (a temporary one), with an empty ``docs/``."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    texts = {"site": mkdocs_yml(meta).replace("use_directory_urls: false",
                                              "use_directory_urls: false\ndocs_dir: docs"),
             "bundle": offline_yml(), "pdf": print_yml()}
    paths = {}
    for kind, text in texts.items():
        paths[kind] = folder / CONFIG_FILES[kind]
        paths[kind].write_text(text, encoding="utf-8")
    return paths


def project_files(meta: Metadata) -> dict[str, str]:
    """Every file of a new project, by its path inside the project."""
    files = {
        "mkdocs.yml": mkdocs_yml(meta),
        "mkdocs-offline.yml": offline_yml(),
        "mkdocs-print.yml": print_yml(),
        f"sources/{EXAMPLE_NAME}": EXAMPLE,
        "sources/conversions.yml": RULES,
        "Makefile": MAKEFILE.format(python=sys.executable),
        ".gitignore": "# What ptx build writes: the site and its cache of parsed speeches.\nsite/\n.cache/\n",
        "docs/index.md": HOME.format(title=meta.title, description=meta.description),
    }
    return files


def new_project(folder: Path, meta: Metadata) -> list[Path]:
    """Write a new project into ``folder`` (new or empty); returns the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UnsafeOutputError(folder.resolve(), "new",
                                "refused: the folder exists and is not empty; "
                                "choose a new or empty folder for the collection")
    written = []
    for name, content in project_files(meta).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def neutral_title(paths: list[Path], speech_titles: list[str]) -> str:
    """A collection's own name when the user gives none: the title of its one speech, or
    the name of its one file, or of the folder holding its files."""
    if len(speech_titles) == 1:
        return speech_titles[0]
    if len(paths) == 1:
        return paths[0].stem
    parents = {path.resolve().parent for path in paths}
    return parents.pop().name if len(parents) == 1 else "文集"
