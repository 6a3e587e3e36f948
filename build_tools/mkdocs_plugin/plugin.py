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

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from build_tools.analysis import convert, terms
from build_tools.analysis.cache import ContentCache, DiskCache, code_salt
from build_tools.mkdocs_plugin.loading import SourceLoader
from build_tools.analysis.rules import rules_beside
from build_tools.analysis.script import HANT as HANT_SCRIPT
from build_tools.analysis.script import mixed_warning, script_setting, speech_script
from build_tools.mkdocs_plugin import assets
from build_tools.mkdocs_plugin.config import ParallelTextsConfig
from build_tools.mkdocs_plugin.material_search import (
    install_search_index,
    write_pagefind_if_chosen,
)
from build_tools.mkdocs_plugin.segmenter import segmenter_digest
from build_tools.mkdocs_plugin.navigation import (
    collation_contents,
    group_pages,
    nav_label,
    set_title,
    table_of_contents,
)
from build_tools.mkdocs_plugin.pagefind import PagefindError
from build_tools.mkdocs_plugin.sources import (
    base_dir,
    glob_root,
    problems_notice,
    source_files,
    watched_paths,
)
from build_tools.mkdocs_plugin.witnesses import (
    CollationPage,
    collation_pages,
    downloads,
    joint_collation,
    page_html,
    witness_label,
    witness_links,
)
from build_tools.render.collation import Witness, witness_note
from build_tools.render.home import home_header, render_home
from build_tools.render.parallel import render_all, workers_available
from build_tools.render.page_parts import introduction, under_title
from build_tools.render.search_records import SearchPage, speech_page
from build_tools.render.slugs import speech_slug
from build_tools.render.speech import RenderedSpeech, render_speech
from build_tools.text.model import Collection, Speech

log = get_plugin_logger(__name__)

PROGRESS_MIN_SPEECHES = 100  # a line about rendering ahead on builds this large


@dataclass(frozen=True)
class SpeechPage:
    src_uri: str
    speech: Speech



class ParallelTextsPlugin(BasePlugin[ParallelTextsConfig]):
    def __init__(self) -> None:
        # Set by ``python -m build_tools build SOURCE…`` to publish other sources and rules.
        self.source_override: list[str] | None = None
        self.conversions_override: str | None = None
        # Sources (and the last good version of each, for ``mkdocs serve``), rendered
        # speeches and collation pages by content: the instance lives across rebuilds
        # because the plugin has ``on_startup``.
        self.loader = SourceLoader()
        self.rendered_cache: DiskCache[RenderedSpeech] = DiskCache("speech")
        self.collated: DiskCache[object] = DiskCache("collation")  # joint collations, pages
        self.script_cache: DiskCache[tuple] = DiskCache("script")
        self.shown_characters: ContentCache[frozenset[str]] = ContentCache()
        self.fold_table: dict[str, str] = {}
        self.pages: dict[str, SpeechPage] = {}
        self.collation_pages: dict[str, CollationPage] = {}
        self.rendered: dict[str, RenderedSpeech] = {}
        self.titles: dict[str, tuple[str, str]] = {}  # src_uri → the title in both scripts
        self.scripts: dict[str, str] = {}  # src_uri → the script its speech is written in
        self.intros: set[str] = set()  # speech pages with an introduction in docs/
        self.generated_home = False  # no docs/index.md: the home page says what the site is
        self.segmenter_words = ""  # a digest of the search's user dictionary for jieba
        self.source_paths: list[Path] = []
        self.collections: list[Collection] = []
        self.started = 0.0
        self.stage_seconds = 0.0  # parse, convert, render: this plugin's own work

    # ------------------------------------------------------------------ configuration

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @property
    def serving(self) -> bool:
        return self.loader.serving

    @serving.setter
    def serving(self, value: bool) -> None:
        self.loader.serving = value

    @property
    def problems(self) -> list[str]:
        return self.loader.problems

    def source_paths_for(self, config: MkDocsConfig) -> list[Path]:
        """The source files this configuration publishes."""
        if self.source_override is not None:
            return [Path(p) for p in self.source_override]
        return source_files(base_dir(config), self.config.sources)

    def rules_path_for(self, config: MkDocsConfig) -> Path | None:
        """The conversion rules in force: named, or ``conversions.yml`` beside the sources."""
        if self.conversions_override:
            return Path(self.conversions_override)
        if self.config.conversions:
            return base_dir(config) / self.config.conversions
        return rules_beside(self.source_paths or self.source_paths_for(config))

    # Before Material's search plugin, which loads its jieba dictionary in on_config.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.started = time.perf_counter()
        # Nothing carried over from a previous build.
        self.pages, self.rendered, self.collections, self.scripts = {}, {}, [], {}
        self.titles = {}
        self.collation_pages = {}
        self.loader.start()
        # Same input, same bytes: MkDocs stamps sitemap.xml.gz with the build time unless
        # SOURCE_DATE_EPOCH names one.
        os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
        # jieba (Material's search segmenter) logs its dictionary loading at DEBUG on its own.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self.source_paths = self.source_paths_for(config)
        if not self.source_paths:
            self.loader.problem(
                f"parallel-texts: no source files match {self.config.sources!r} in "
                f"{base_dir(config)}; expected .txt files (set 'sources' in mkdocs.yml)"
            )
        stage_started = time.perf_counter()
        self._use_caches(config)
        self.loader.use_rules(self.rules_path_for(config), self.config.traditional_standard)
        for path in self.source_paths:
            collection = self.loader.load(path, self.config.encoding)
            if collection is None:
                continue
            self.collections.append(collection)
            for warning in collection.warnings:
                log.debug("%s", warning)
            setting = script_setting(str(path), self.config.source_script,
                                     self.config.source_scripts)
            for speech in collection.speeches:
                src_uri = f"{speech_slug(str(path), speech)}.md"
                if src_uri in self.pages:
                    src_uri = f"{src_uri[:-3]}-{speech.first_line}.md"
                self.pages[src_uri] = SpeechPage(src_uri, speech)
                self.scripts[src_uri], count = self.script_cache.get(
                    (speech.source, setting), lambda s=speech: speech_script(s, setting))
                if count is not None and count.mixed:
                    log.info("%s:%d: %s", path, speech.first_line, mixed_warning(count))
        if self.config.collation:
            self.collation_pages = collation_pages(
                {uri: page.speech for uri, page in self.pages.items()}, self.config)
        self.stage_seconds += time.perf_counter() - stage_started
        assets.register(config)
        return config

    def _use_caches(self, config: MkDocsConfig) -> None:
        folder = base_dir(config) / self.config.cache_dir if self.config.cache_dir else None
        salt = code_salt(convert.backend())
        for cache in (self.loader.parsed, self.rendered_cache, self.collated,
                      self.script_cache):
            cache.use_folder(folder, salt)


    # ------------------------------------------------------------------------ files

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        install_search_index(config, self._search_record, self.config.pagefind)
        # A speech page the site's docs/ already has is the editor's introduction to it.
        self.intros = {uri for uri in self.pages if files.get_file_from_path(uri) is not None}
        self._render_ahead(config)
        for uri in [*self.pages, *self.collation_pages]:
            if uri not in self.intros:
                files.append(File.generated(config, uri, content=""))
        for entry in self.collation_pages.values():
            members = self._members(entry)
            for file in downloads(config, entry, joint_collation(members, self.collated),
                                  members):
                files.append(file)
        self.generated_home = files.get_file_from_path("index.md") is None
        if self.generated_home:
            files.append(File.generated(config, "index.md", content=""))
        stage_started = time.perf_counter()
        self.fold_table = terms.character_table(self.collections, self.shown_characters)
        for file in (assets.generated_tables(config, self.collections, self.fold_table)
                     + assets.shipped(config)):
            files.append(file)
        self.stage_seconds += time.perf_counter() - stage_started
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        return group_pages(nav, set(self.pages), set(self.collation_pages),
                           self.config.nav_group_size)

    # ------------------------------------------------------------------------ pages

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if not self.config.enabled:
            return None
        collation = self.collation_pages.get(page.file.src_uri)
        if collation is not None:
            title = "校勘：" + " ⇄ ".join(map(witness_label, self._members(collation)))
            set_title(page, title, convert.to_simplified(title))
            # The witnesses' own pages are indexed; their collation would only repeat them.
            page.meta["search"] = {"exclude": True}
            return ""
        entry = self.pages.get(page.file.src_uri)
        if entry is None:
            return None
        stage_started = time.perf_counter()
        speech = entry.speech
        script = self.scripts[page.file.src_uri]
        rendered = self.rendered_cache.get(self._render_key(speech, script),
                                           lambda: render_speech(speech, script))
        self.rendered[page.file.src_uri] = rendered
        self.stage_seconds += time.perf_counter() - stage_started
        # Navigation names a speech with its ordinal: 第一篇 and 第二篇 may share a title.
        label = nav_label(entry.speech)
        label_hant = label if script == HANT_SCRIPT else convert.to_traditional(label)
        hant = f"{label_hant}{rendered.title_hant}"
        hans = f"{convert.to_simplified(label)}{rendered.title_hans}"
        set_title(page, hant, hans, hant if script == HANT_SCRIPT else hans)
        self.titles[page.file.src_uri] = (hant, hans)
        return markdown if page.file.src_uri in self.intros else ""

    def _render_key(self, speech: Speech, script: str) -> tuple:
        """Everything a speech's page body depends on: its text, the converter, and the
        words the search's segmenter knows (they decide where a marked form starts)."""
        converter = convert.current()
        return (speech.path, speech.first_line, speech.source, converter.rules,
                converter.standard, script, self.segmenter_words)

    def _render_ahead(self, config: MkDocsConfig) -> None:
        """Render the speeches the cache does not have on every core (see
        ``render.parallel``), after Material's search has given jieba its dictionary."""
        self.segmenter_words = segmenter_digest(config)
        started = time.perf_counter()
        todo = [(uri, self._render_key(page.speech, self.scripts[uri]))
                for uri, page in self.pages.items()]
        todo = [(uri, key) for uri, key in todo if not self.rendered_cache.has(key)]
        if len(todo) >= PROGRESS_MIN_SPEECHES:
            log.info("rendering %d speeches on %d cores", len(todo), workers_available())
        results = render_all([(self.pages[uri].speech, self.scripts[uri]) for uri, _ in todo])
        for (uri, key), rendered in zip(todo, results):
            self.rendered_cache.get(key, lambda r=rendered: r)
        self.stage_seconds += time.perf_counter() - started

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        if not self.config.enabled:
            return None
        content = self._page_content(html, page, config, files)
        if self.problems:
            return problems_notice(self.problems) + (html if content is None else content)
        return content

    def _page_content(self, html: str, page: Page, config: MkDocsConfig,
                      files: Files) -> str | None:
        collation_page = self.collation_pages.get(page.file.src_uri)
        if collation_page is not None:
            return self._collation_html(collation_page, page, files)
        rendered = self.rendered.get(page.file.src_uri)
        if rendered is not None:
            page.toc = table_of_contents(rendered)
            links = self._witness_links(page, files)
            body = under_title(rendered.html, witness_note(links) if links else "")
            intro = html if page.file.src_uri in self.intros else ""
            return under_title(body, introduction(intro), after_origin=True)
        if page.is_homepage:
            if self.generated_home:
                html = home_header(config.site_name, config.site_description or "",
                                   config.site_author or "", config.copyright or "")
            return html + render_home([
                (p.speech, files.get_file_from_path(p.src_uri).url_relative_to(page.file),
                 self.scripts[p.src_uri])
                for p in self.pages.values()
            ])
        return None

    # After Material's search has read the plain title, before the page is rendered.
    @event_priority(-50)
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        if self.config.enabled and "ptx_plain_title" in page.meta:
            # Material's header shows meta.title: give it both scripts, like the nav.
            page.meta["title"] = page.title
        return context

    def _url(self, src_uri: str, page: Page, files: Files) -> str:
        return files.get_file_from_path(src_uri).url_relative_to(page.file)

    def _members(self, entry: CollationPage) -> list[Speech]:
        return [self.pages[uri].speech for uri in entry.members]

    def _collation_html(self, entry: CollationPage, page: Page, files: Files) -> str:
        stage_started = time.perf_counter()
        witnesses = [Witness(speech, witness_label(speech), self._url(uri, page, files),
                             self.rendered[uri].heading_anchors, self.scripts[uri])
                     for uri, speech in zip(entry.members, self._members(entry))]
        html = page_html(entry, witnesses, lambda uri: self._url(uri, page, files),
                         self.collated)
        self.stage_seconds += time.perf_counter() - stage_started
        page.toc = collation_contents(page.title)
        return html

    def _witness_links(self, page: Page, files: Files) -> list[tuple[str, str, str, float]]:
        return witness_links(page.file.src_uri, self.collation_pages,
                             {uri: entry.speech for uri, entry in self.pages.items()},
                             lambda uri: self._url(uri, page, files))

    def _search_record(self, page: Page) -> SearchPage | None:
        """A speech page's search record (None for other pages), for the search index."""
        entry, rendered = self.pages.get(page.file.src_uri), self.rendered.get(page.file.src_uri)
        if entry is None or rendered is None:
            return None
        return speech_page(page.url, entry.speech, self.scripts[page.file.src_uri],
                           self.titles[page.file.src_uri], rendered.heading_anchors)

    # After Material's search has written its index (and chosen Pagefind or not), before
    # the offline plugin copies that index into a script (-100).
    @event_priority(-50)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        try:
            write_pagefind_if_chosen(config, self.fold_table)
        except PagefindError as error:
            raise PluginError(str(error)) from None
        log.info(
            "%d 篇講話，%d 個源文件，%d 頁，%.1f 秒（解析與排版 %.2f 秒；緩存重用 %d/%d 篇；%s）",
            len(self.pages), len(self.source_paths), len(self.pages) + 1,
            time.perf_counter() - self.started, self.stage_seconds,
            self.rendered_cache.hits, self.rendered_cache.hits + self.rendered_cache.misses,
            convert.backend(),
        )
        self.loader.parsed.sweep()
        self.rendered_cache.sweep()
        self.collated.sweep()
        self.script_cache.sweep()
        self.shown_characters.sweep()

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Watch the folder the sources glob starts in (new, renamed and deleted files
        count, not just the files of the first build) and the conversion rules."""
        if not self.config.enabled:
            return server
        folder = (glob_root(base_dir(config), self.config.sources)
                  if self.source_override is None else None)
        for path in watched_paths(self.source_paths, folder, self.rules_path_for(config)):
            server.watch(str(path))
        return server
