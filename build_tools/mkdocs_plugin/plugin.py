"""The MkDocs plugin: speech pages generated in memory from the sources.

Hooks, in build order:

- ``on_config``: find and parse the sources (a domain error becomes a ``PluginError``
  naming file and line), register the page assets;
- ``on_files``: add a generated page per speech and per collation, the home page and the
  assets (a ``docs/`` page named like a speech is its introduction): nothing is written;
- ``on_nav``: group the speeches in sections when there are many;
- ``on_page_markdown``: a page's title; a speech's body never goes through Markdown;
- ``on_page_content``: put the rendered speech in place and its table of contents;
  append the list of speeches to the home page;
- ``on_serve``: watch the sources so ``mkdocs serve`` rebuilds when one changes; with
  ``--dirty`` it rewrites only the pages whose inputs changed (see ``dirty``).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from build_tools.analysis import convert, terms
from build_tools.analysis.cache import DiskCache, code_salt
from build_tools.mkdocs_plugin.loading import SourceLoader
from build_tools.analysis.rules import rules_beside
from build_tools.analysis.script import mixed_warning, script_setting, speech_script
from build_tools.mkdocs_plugin import assets
from build_tools.mkdocs_plugin.config import ParallelTextsConfig
from build_tools.mkdocs_plugin.dirty import (
    DirtyPages,
    page_signatures,
    site_signature,
    with_page_files,
)
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
    speech_titles,
    table_of_contents,
)
from build_tools.mkdocs_plugin.pagefind import PagefindError
from build_tools.mkdocs_plugin.sources import (
    base_dir,
    glob_root,
    SpeechPage,
    no_sources,
    problems_notice,
    source_files,
    watch,
    watched_paths,
)
from build_tools.mkdocs_plugin.witnesses import (
    CollationPage,
    cached_downloads,
    collate_ahead,
    collation_pages,
    page_html,
    page_links,
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


class ParallelTextsPlugin(BasePlugin[ParallelTextsConfig]):
    def __init__(self) -> None:
        # Set by ``python -m build_tools build SOURCE…`` to publish other sources and rules.
        self.source_override: list[str] | None = None
        self.conversions_override: str | None = None
        # Sources (and the last good version of each, for ``mkdocs serve``), rendered
        # speeches and collation pages by content: the instance lives across rebuilds
        # because the plugin has ``on_startup``.
        self.loader = SourceLoader()
        self.dirty = DirtyPages()
        self.rendered_cache: DiskCache[RenderedSpeech] = DiskCache("speech")
        self.collated: DiskCache[object] = DiskCache("collation")  # joint collations, pages
        self.script_cache: DiskCache[tuple] = DiskCache("script")
        self.shown_characters: DiskCache[frozenset[str]] = DiskCache("characters")
        self.fold_table: dict[str, str] = {}
        self.pages: dict[str, SpeechPage] = {}
        self.collation_pages: dict[str, CollationPage] = {}
        self.rendered: dict[str, RenderedSpeech] = {}
        self.titles: dict[str, tuple[str, str, str]] = {}  # src_uri → ``speech_titles``
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
        self.loader.serving = command == "serve"
        self.dirty.start(dirty)

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
        self.pages, self.rendered, self.titles, self.scripts, self.collation_pages = (
            {}, {}, {}, {}, {})
        self.collections, self.stage_seconds = [], 0.0
        self.loader.start()
        # Same input, same bytes: MkDocs stamps sitemap.xml.gz with the build time unless
        # SOURCE_DATE_EPOCH names one.
        os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
        # jieba (Material's search segmenter) logs its dictionary loading at DEBUG on its own.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self.source_paths = self.source_paths_for(config)
        if not self.source_paths:
            self.loader.problem(no_sources(self.config.sources, base_dir(config)))
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
                {uri: page.speech for uri, page in self.pages.items()}, self.config,
                self.collated)
        self.stage_seconds += time.perf_counter() - stage_started
        assets.register(config)
        return config

    def _use_caches(self, config: MkDocsConfig) -> None:
        folder = base_dir(config) / self.config.cache_dir if self.config.cache_dir else None
        salt = code_salt(convert.backend())
        for cache in self._caches():
            cache.use_folder(folder, salt)

    def _caches(self) -> tuple[DiskCache, ...]:
        return (self.loader.parsed, self.rendered_cache, self.collated, self.script_cache,
                self.shown_characters)

    # ------------------------------------------------------------------------ files

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        index = install_search_index(config, self._search_record, self.config.pagefind,
                                     self.loader.serving)
        self._render_ahead(config)
        files, page_files = with_page_files(config, files,
                                            [*self.pages, *self.collation_pages, "index.md"])
        # A speech page the site's docs/ already has is the editor's introduction to it.
        self.intros = {uri for uri in self.pages if page_files[uri].abs_src_path}
        if index is not None:  # a dirty build keeps the records of pages not rebuilt only
            index.urls = {file.url for file in files.documentation_pages()}
        self.generated_home = page_files["index.md"].abs_src_path is None
        self._mark_dirty(config, files, page_files)
        stage_started = time.perf_counter()
        collate_ahead([self._members(e) for e in self.collation_pages.values()], self.collated)
        for entry in self.collation_pages.values():
            for file in cached_downloads(config, entry, self._members(entry), self.collated):
                files.append(file)
        self.fold_table = terms.character_table(self.collections, self.shown_characters)
        for file in (assets.generated_tables(config, self.collections, self.fold_table)
                     + assets.shipped(config)):
            files.append(file)
        self.stage_seconds += time.perf_counter() - stage_started
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        # Every page's name, also of pages a dirty rebuild does not read again.
        for file in files.documentation_pages():
            if file.page is not None and (file.src_uri in self.pages
                                          or file.src_uri in self.collation_pages):
                set_title(file.page, *self._titles(file.src_uri))
        return group_pages(nav, set(self.pages), set(self.collation_pages),
                           self.config.nav_group_size)

    def _mark_dirty(self, config: MkDocsConfig, files: Files, page_files: dict) -> None:
        """Which generated pages a dirty build writes again (see ``dirty``)."""
        converter = convert.current()
        names = tuple((uri, nav_label(p.speech), p.speech.title) for uri, p in self.pages.items())
        site = site_signature(config, [f.src_uri for f in files.documentation_pages()], (
            names, tuple(self.collation_pages), tuple(self.problems), converter.rules,
            converter.standard, self.segmenter_words))
        keys = {uri: self._render_key(p.speech, self.scripts[uri]) for uri, p in self.pages.items()}
        self.dirty.mark(page_files, page_signatures(keys, self.collation_pages, page_files), site)

    # ------------------------------------------------------------------------ pages

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if not self.config.enabled:
            return None
        if page.file.src_uri in self.collation_pages:
            set_title(page, *self._titles(page.file.src_uri))
            # The witnesses' own pages are indexed; their collation would only repeat them.
            page.meta["search"] = {"exclude": True}
            return ""
        entry = self.pages.get(page.file.src_uri)
        if entry is None:
            return None
        set_title(page, *self._titles(page.file.src_uri))
        return markdown if page.file.src_uri in self.intros else ""

    def _rendered(self, uri: str) -> RenderedSpeech:
        if uri not in self.rendered:
            stage_started = time.perf_counter()
            speech, script = self.pages[uri].speech, self.scripts[uri]
            self.rendered[uri] = self.rendered_cache.get(
                self._render_key(speech, script), lambda: render_speech(speech, script))
            self.stage_seconds += time.perf_counter() - stage_started
        return self.rendered[uri]

    def _titles(self, uri: str) -> tuple[str, str, str]:
        if uri in self.collation_pages:
            title = "校勘：" + " ⇄ ".join(map(witness_label, self._members(
                self.collation_pages[uri])))
            return title, convert.to_simplified(title), title
        if uri not in self.titles:
            self.titles[uri] = speech_titles(self.pages[uri].speech, self._rendered(uri),
                                             self.scripts[uri])
        return self.titles[uri]

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
            links = witness_links(page.file.src_uri, self.collation_pages,
                                  {uri: p.speech for uri, p in self.pages.items()},
                                  page_links(page, files))
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

    def _members(self, entry: CollationPage) -> list[Speech]:
        return [self.pages[uri].speech for uri in entry.members]

    def _collation_html(self, entry: CollationPage, page: Page, files: Files) -> str:
        stage_started = time.perf_counter()
        url = page_links(page, files)
        witnesses = [Witness(speech, witness_label(speech), url(uri),
                             self._rendered(uri).heading_anchors, self.scripts[uri])
                     for uri, speech in zip(entry.members, self._members(entry))]
        html = page_html(entry, witnesses, url, self.collated)
        self.stage_seconds += time.perf_counter() - stage_started
        page.toc = collation_contents(page.title)
        return html

    def _search_record(self, page: Page) -> SearchPage | None:
        """A speech page's search record (None for other pages), for the search index."""
        entry, rendered = self.pages.get(page.file.src_uri), self.rendered.get(page.file.src_uri)
        if entry is None or rendered is None:
            return None
        return speech_page(page.url, entry.speech, self.scripts[page.file.src_uri],
                           self.titles[page.file.src_uri][:2], rendered.heading_anchors)

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
        log.info("%d 篇講話，%d 個源文件，%d 頁，%.1f 秒（解析與排版 %.2f 秒；緩存重用 %d/%d 篇；%s）",
                 len(self.pages), len(self.source_paths), len(self.pages) + 1,
                 time.perf_counter() - self.started, self.stage_seconds, self.rendered_cache.hits,
                 self.rendered_cache.hits + self.rendered_cache.misses, convert.backend())
        for cache in self._caches():
            cache.sweep()
        self.dirty.built()

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Watch the folder the sources glob starts in (new, renamed and deleted files
        count, not just the files of the first build) and the conversion rules."""
        if not self.config.enabled:
            return server
        folder = (glob_root(base_dir(config), self.config.sources)
                  if self.source_override is None else None)
        return watch(server, watched_paths(self.source_paths, folder,
                                           self.rules_path_for(config)))
