"""The MkDocs plugin: speech pages generated in memory from the sources.

Hooks, in build order:

- ``on_config``: find and parse the sources (a domain error becomes a ``PluginError``
  naming file and line), register the page assets;
- ``on_files``: add one generated page per speech, the home page if ``docs/`` has none,
  and the assets, all with ``File.generated``: nothing is written into ``docs/``;
- ``on_nav``: group the speeches in sections when there are many;
- ``on_page_markdown``: give a speech page its title; its Markdown stays empty, since the
  body never goes through Markdown (see ``render``);
- ``on_page_content``: put the rendered speech in place and its table of contents;
  append the list of speeches to the home page;
- ``on_serve``: watch the sources so ``mkdocs serve`` rebuilds when one changes.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
import re
import time
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from . import convert
from .config import ParallelTextsConfig
from .cache import ContentCache
from .corpus import InputError, parse_bytes
from .home import render_home
from .model import Collection, Speech
from .render import RenderedSpeech, TocEntry, render_speech, two_scripts
from .pinyin import PINYIN_TABLE_ASSET, pinyin_script
from .rules import RulesError, load_rules, rules_beside
from .search import QUERY_TABLE_ASSET, character_table, table_script
from .slugs import speech_slug

log = get_plugin_logger(__name__)

ASSET_DIR = "assets/ptx"

# Parsed sources and rendered speeches, kept across rebuilds under ``mkdocs serve``.
_PARSED: ContentCache[Collection] = ContentCache()
_RENDERED: ContentCache[RenderedSpeech] = ContentCache()
ASSETS = ("early.js", "parallel.js", "parallel.css", "search-query.js")


@dataclass(frozen=True)
class SpeechPage:
    src_uri: str
    speech: Speech


class ParallelTextsPlugin(BasePlugin[ParallelTextsConfig]):
    def __init__(self) -> None:
        # Set by ``python -m build_tools build SOURCE…`` to publish other sources.
        self.source_override: list[str] | None = None
        self.pages: dict[str, SpeechPage] = {}
        self.rendered: dict[str, RenderedSpeech] = {}
        self.source_paths: list[Path] = []
        self.collections: list[Collection] = []
        self.started = 0.0
        self.stage_seconds = 0.0  # parse, convert, render: this plugin's own work

    # ------------------------------------------------------------------ configuration

    def _source_paths(self, config: MkDocsConfig) -> list[Path]:
        if self.source_override is not None:
            return [Path(p) for p in self.source_override]
        base_dir = Path(config.config_file_path or ".").resolve().parent
        return [Path(p) for p in sorted(glob.glob(str(base_dir / self.config.sources)))]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.started = time.perf_counter()
        # Nothing carried over from a previous build.
        self.pages, self.rendered, self.collections = {}, {}, []
        # Same input, same bytes: MkDocs stamps sitemap.xml.gz with the build time unless
        # SOURCE_DATE_EPOCH names one.
        os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
        # jieba (Material's search segmenter) logs its dictionary loading at DEBUG on its own.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self.source_paths = self._source_paths(config)
        if not self.source_paths:
            raise PluginError(
                f"parallel-texts: no source files match {self.config.sources!r}; "
                "expected .txt files (set 'sources' in mkdocs.yml)"
            )
        stage_started = time.perf_counter()
        self._use_rules(config)
        for path in self.source_paths:
            try:
                data = path.read_bytes()
                collection = _PARSED.get(
                    (str(path), self.config.encoding, hashlib.sha256(data).digest()),
                    lambda: parse_bytes(data, str(path), self.config.encoding),
                )
            except InputError as error:
                raise PluginError(str(error)) from None
            except OSError as error:
                raise PluginError(f"{path}: cannot read: {error.strerror}") from None
            self.collections.append(collection)
            for warning in collection.warnings:
                log.debug("%s", warning)
            for speech in collection.speeches:
                src_uri = f"{speech_slug(str(path), speech)}.md"
                if src_uri in self.pages:
                    src_uri = f"{src_uri[:-3]}-{speech.first_line}.md"
                self.pages[src_uri] = SpeechPage(src_uri, speech)
        self.stage_seconds += time.perf_counter() - stage_started
        config.extra_css.append(f"{ASSET_DIR}/parallel.css")
        config.extra_javascript.append(f"{ASSET_DIR}/parallel.js")
        return config

    def _use_rules(self, config: MkDocsConfig) -> None:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        path = (base_dir / self.config.conversions if self.config.conversions
                else rules_beside(self.source_paths))
        try:
            rules = load_rules(path) if path else ()
        except RulesError as error:
            raise PluginError(str(error)) from None
        convert.configure(rules)

    # ------------------------------------------------------------------------ files

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        for page in self.pages.values():
            files.append(File.generated(config, page.src_uri, content=""))
        if files.get_file_from_path("index.md") is None:
            files.append(File.generated(config, "index.md", content=""))
        stage_started = time.perf_counter()
        table = table_script(character_table(self.collections))
        readings = pinyin_script(self.collections)
        self.stage_seconds += time.perf_counter() - stage_started
        files.append(File.generated(config, f"{ASSET_DIR}/{QUERY_TABLE_ASSET}", content=table))
        files.append(File.generated(config, f"{ASSET_DIR}/{PINYIN_TABLE_ASSET}", content=readings))
        assets = resources.files("build_tools") / "assets"
        for name in ASSETS:
            files.append(
                File.generated(config, f"{ASSET_DIR}/{name}",
                               content=(assets / name).read_bytes())
            )
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        size = self.config.nav_group_size
        speeches = [p for p in nav.pages if p.file.src_uri in self.pages]
        if size < 1 or len(speeches) <= size:
            return nav
        grouped = set(id(p) for p in speeches)
        sections = []
        for start in range(0, len(speeches), size):
            chunk = speeches[start : start + size]
            section = Section(f"第 {start + 1}–{start + len(chunk)} 篇", list(chunk))
            for page in chunk:
                page.parent = section
            sections.append(section)
        nav.items = [item for item in nav.items if id(item) not in grouped] + sections
        return nav

    # ------------------------------------------------------------------------ pages

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if not self.config.enabled:
            return None
        entry = self.pages.get(page.file.src_uri)
        if entry is None:
            return None
        stage_started = time.perf_counter()
        speech = entry.speech
        key = (speech.path, speech.first_line, speech.source, convert.current().rules)
        rendered = _RENDERED.get(key, lambda: render_speech(speech))
        self.rendered[page.file.src_uri] = rendered
        self.stage_seconds += time.perf_counter() - stage_started
        # Navigation names a speech with its ordinal: 第一篇 and 第二篇 may share a title.
        label = nav_label(entry.speech)
        page.meta["title"] = two_scripts(
            escape(f"{label}{rendered.title_hant}"),
            escape(f"{convert.to_simplified(label)}{rendered.title_hans}"),
        )
        page.meta["ptx_plain_title"] = f"{label}{rendered.title_hant}"
        return ""

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        if not self.config.enabled:
            return None
        rendered = self.rendered.get(page.file.src_uri)
        if rendered is not None:
            page.toc = _table_of_contents(rendered)
            return rendered.html
        if page.is_homepage:
            return html + render_home([
                (p.speech, files.get_file_from_path(p.src_uri).url_relative_to(page.file))
                for p in self.pages.values()
            ])
        return None

    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        log.info(
            "%d speeches from %d source files, %d pages, in %.1f s (%.2f s parsing and "
            "rendering; cache: %d of %d speeches reused)",
            len(self.pages), len(self.source_paths), len(self.pages) + 1,
            time.perf_counter() - self.started, self.stage_seconds,
            _RENDERED.hits, _RENDERED.hits + _RENDERED.misses,
        )
        _PARSED.sweep()
        _RENDERED.sweep()

    def on_serve(self, server, config: MkDocsConfig, builder):
        if self.config.enabled:
            for path in self.source_paths:
                server.watch(str(path))
        return server


def nav_label(speech: Speech) -> str:
    """``第一篇 `` from the header as written; a headerless speech has none."""
    prefix = getattr(speech.header, "prefix", "")
    return re.sub(r"\s+", "", prefix).rstrip(":：") + " " if prefix else ""


def _table_of_contents(rendered: RenderedSpeech) -> TableOfContents:
    top = AnchorLink(two_scripts(escape(rendered.title_hant), escape(rendered.title_hans)),
                     rendered.anchor, 1)
    stack: list[AnchorLink] = [top]
    for entry in rendered.toc:
        link = AnchorLink(two_scripts(entry.hant, entry.hans), entry.anchor, entry.level)
        while len(stack) > 1 and stack[-1].level >= entry.level:
            stack.pop()
        stack[-1].children.append(link)
        stack.append(link)
    return TableOfContents([top])


__all__ = ["ParallelTextsPlugin", "TocEntry"]
