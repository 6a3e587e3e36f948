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
import tempfile
import time
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from build_tools.analysis import convert

from build_tools.analysis import corpus_stats
from build_tools.analysis.collate import collate, find_witness_groups, similarity
from build_tools.render.collation import Witness, render_collation, witness_note
from build_tools.mkdocs_plugin.config import ParallelTextsConfig
from build_tools.analysis.cache import ContentCache
from build_tools.text.corpus import InputError, parse_bytes
from build_tools.render.home import render_home
from build_tools.text.model import Collection, Speech
from build_tools.render.speech import RenderedSpeech, TocEntry, render_speech, two_scripts
from build_tools.mkdocs_plugin.pagefind import SEARCH_PAGE, PagefindError, index_site, search_page_html
from build_tools.analysis.pinyin import PINYIN_TABLE_ASSET, pinyin_script
from build_tools.analysis.rules import RULES_FILE, RulesError, load_rules, rules_beside
from build_tools.analysis.script import HANT as HANT_SCRIPT, mixed_warning, script_setting, speech_script
from build_tools.analysis.terms import (
    QUERY_TABLE_ASSET,
    already_known,
    character_table,
    segment_for_search,
    table_script,
    user_dictionary,
)
from build_tools.render.slugs import speech_slug

log = get_plugin_logger(__name__)

ASSET_DIR = "assets/ptx"
PROGRESS_MIN_SPEECHES = 100
SEARCH_TITLE = "全文檢索"

ASSETS = ("early.js", "parallel.js", "parallel.css", "collation.css", "search-query.js", "pagefind-page.js", "iframe-worker-shim.js")


@dataclass(frozen=True)
class SpeechPage:
    src_uri: str
    speech: Speech


@dataclass(frozen=True)
class CollationPage:
    src_uri: str
    base: str  # src_uri of the base witness's page
    other: str
    similarity: float



class ParallelTextsPlugin(BasePlugin[ParallelTextsConfig]):
    def __init__(self) -> None:
        # Set by ``python -m build_tools build SOURCE…`` to publish other sources and rules.
        self.source_override: list[str] | None = None
        self.conversions_override: str | None = None
        # Under ``mkdocs serve`` a source that fails to parse must not stop the server:
        # its last good version is shown under a notice (see ``on_startup``).
        self.serving = False
        self.last_good: dict[Path, Collection] = {}
        self.problems: list[str] = []
        # Parsed sources, rendered speeches and collation pages by content; the instance
        # lives across ``mkdocs serve`` rebuilds because the plugin has ``on_startup``.
        self.parsed: ContentCache[Collection] = ContentCache()
        self.rendered_cache: ContentCache[RenderedSpeech] = ContentCache()
        self.collated: ContentCache[str] = ContentCache()
        self.pages: dict[str, SpeechPage] = {}
        self.collation_pages: dict[str, CollationPage] = {}
        self.rendered: dict[str, RenderedSpeech] = {}
        self.scripts: dict[str, str] = {}  # src_uri → the script its speech is written in
        self.source_paths: list[Path] = []
        self.collections: list[Collection] = []
        self.started = 0.0
        self.stage_seconds = 0.0  # parse, convert, render: this plugin's own work

    # ------------------------------------------------------------------ configuration

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def source_paths_for(self, config: MkDocsConfig) -> list[Path]:
        """The source files this configuration publishes."""
        if self.source_override is not None:
            return [Path(p) for p in self.source_override]
        return [Path(p) for p in sorted(glob.glob(str(_base_dir(config) / self.config.sources)))]

    def rules_path_for(self, config: MkDocsConfig) -> Path | None:
        """The conversion rules in force: named, or ``conversions.yml`` beside the sources."""
        if self.conversions_override:
            return Path(self.conversions_override)
        if self.config.conversions:
            return _base_dir(config) / self.config.conversions
        return rules_beside(self.source_paths or self.source_paths_for(config))

    def _problem(self, message: str) -> None:
        """Bad input: an error for a build; under ``mkdocs serve``, a notice on every page
        (MkDocs' server would hang every request until the file is fixed)."""
        if not self.serving:
            raise PluginError(message)
        self.problems.append(message)
        # INFO, not WARNING: with ``strict`` a warning fails the rebuild, and a failed
        # rebuild is what hangs the server.
        log.info("source error: %s (the pages show its last good version)", message)

    # Before Material's search plugin, which loads its jieba dictionary in on_config.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.started = time.perf_counter()
        # Nothing carried over from a previous build.
        self.pages, self.rendered, self.collections, self.scripts = {}, {}, [], {}
        self.collation_pages = {}
        self.problems = []
        # Same input, same bytes: MkDocs stamps sitemap.xml.gz with the build time unless
        # SOURCE_DATE_EPOCH names one.
        os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
        # jieba (Material's search segmenter) logs its dictionary loading at DEBUG on its own.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self.source_paths = self.source_paths_for(config)
        if not self.source_paths:
            self._problem(
                f"parallel-texts: no source files match {self.config.sources!r} in "
                f"{_base_dir(config)}; expected .txt files (set 'sources' in mkdocs.yml)"
            )
        stage_started = time.perf_counter()
        self._use_rules(config)
        for path in self.source_paths:
            collection = self._load(path)
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
                self.scripts[src_uri], count = speech_script(speech, setting)
                if count is not None and count.mixed:
                    log.info("%s:%d: %s", path, speech.first_line, mixed_warning(count))
        if self.config.collation:
            self._find_witnesses()
        self._give_search_the_corpus_terms(config)
        self.stage_seconds += time.perf_counter() - stage_started
        config.extra_css.append(f"{ASSET_DIR}/parallel.css")
        config.extra_css.append(f"{ASSET_DIR}/collation.css")
        config.extra_javascript.append(f"{ASSET_DIR}/parallel.js")
        if self.config.pagefind:
            config.extra_javascript.append(f"{ASSET_DIR}/pagefind-page.js")
        return config

    def _find_witnesses(self) -> None:
        uris = list(self.pages)
        index = {uri[:-3]: i for i, uri in enumerate(uris)}

        def lookup(name: str, option: str) -> int:
            if name not in index:
                raise PluginError(f"parallel-texts: {option} names {name!r}, which is no "
                                  f"speech; expected a page name such as {uris[0][:-3]!r}")
            return index[name]

        pairs = []
        for pair in self.config.collation_pairs:
            if len(pair) != 2:
                raise PluginError(f"parallel-texts: collation_pairs expects pairs of two page "
                                  f"names, got {pair!r}")
            pairs.append((lookup(pair[0], "collation_pairs"), lookup(pair[1], "collation_pairs")))
        bases = [lookup(name, "collation_bases") for name in self.config.collation_bases]
        speeches = [self.pages[uri].speech for uri in uris]
        limit = self.config.collation_max_witnesses
        for group in find_witness_groups(speeches, self.config.collation_threshold, pairs,
                                         bases=bases):
            base = uris[group.base]
            members = group.members[1:]
            if len(members) >= limit:
                log.info("%d versions of %s: collation pages for the first %d only "
                            "(raise collation_max_witnesses for more)",
                            len(members) + 1, base[:-3], limit - 1)
                members = members[: limit - 1]
            for member in members:
                other = uris[member]
                src_uri = f"collation-{base[:-3]}--{other[:-3]}.md"
                measured = group.similarity(group.base, member)
                self.collation_pages[src_uri] = CollationPage(
                    src_uri, base, other,
                    measured if measured is not None
                    else similarity(speeches[group.base], speeches[member]),
                )

    def _give_search_the_corpus_terms(self, config: MkDocsConfig) -> None:
        """Write the corpus's terms as a jieba user dictionary for Material's search,
        unless the configuration names one itself."""
        search = next((p for name, p in config.plugins.items()
                       if name in ("search", "material/search")), None)
        if search is None or getattr(search.config, "jieba_dict_user", None):
            return
        content = user_dictionary(self.collections)
        if already_known(content):
            return
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
        folder = Path(tempfile.gettempdir()) / "parallel-texts"
        folder.mkdir(exist_ok=True)
        path = folder / f"jieba-user-{digest}.txt"
        if not path.exists():
            path.write_text(content, encoding="utf-8")
        search.config.jieba_dict_user = str(path)

    def _index_terms_and_their_parts(self, config: MkDocsConfig) -> None:
        """Have Material's search index a term and its parts (see ``segment_for_search``).

        Its index object exists once its ``on_config`` has run; the segmenter is an
        internal method of it, so a Material without one is left as it is.
        """
        search = next((p for name, p in config.plugins.items()
                       if name in ("search", "material/search")), None)
        index = getattr(search, "search_index", None)
        if index is not None and hasattr(index, "_segment_chinese"):
            index._segment_chinese = segment_for_search

    def _load(self, path: Path) -> Collection | None:
        """The parsed source; under ``mkdocs serve`` its last good version if it is broken."""
        try:
            data = path.read_bytes()
            collection = self.parsed.get(
                (str(path), self.config.encoding, hashlib.sha256(data).digest()),
                lambda: parse_bytes(data, str(path), self.config.encoding),
            )
        except InputError as error:
            self._problem(str(error))
            return self.last_good.get(path)
        except OSError as error:
            self._problem(f"{path}: cannot read: {error.strerror}")
            return self.last_good.get(path)
        self.last_good[path] = collection
        return collection

    def _use_rules(self, config: MkDocsConfig) -> None:
        path = self.rules_path_for(config)
        try:
            rules = load_rules(path) if path else ()
        except RulesError as error:
            self._problem(str(error))  # serving: the rules of the last good build stay
            return
        convert.configure(rules, self.config.traditional_standard)

    # ------------------------------------------------------------------------ files

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self._index_terms_and_their_parts(config)
        for uri in [*self.pages, *self.collation_pages]:
            files.append(File.generated(config, uri, content=""))
        if self.config.pagefind:
            files.append(File.generated(config, SEARCH_PAGE, content=""))
        if files.get_file_from_path("index.md") is None:
            files.append(File.generated(config, "index.md", content=""))
        stage_started = time.perf_counter()
        table = table_script(character_table(self.collections))
        readings = pinyin_script(self.collections)
        self.stage_seconds += time.perf_counter() - stage_started
        files.append(File.generated(config, f"{ASSET_DIR}/{QUERY_TABLE_ASSET}", content=table))
        files.append(File.generated(config, f"{ASSET_DIR}/{PINYIN_TABLE_ASSET}", content=readings))
        assets = resources.files("build_tools.mkdocs_plugin") / "assets"
        for name in ASSETS:
            files.append(
                File.generated(config, f"{ASSET_DIR}/{name}",
                               content=(assets / name).read_bytes())
            )
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        collations = [p for p in nav.pages if p.file.src_uri in self.collation_pages]
        if collations:
            section = Section("校勘", collations)
            for page in collations:
                page.parent = section
            nav.items = [item for item in nav.items if item not in collations] + [section]
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
        kept = [item for item in nav.items if id(item) not in grouped]
        nav.items = [item for item in kept if not isinstance(item, Section)] + sections + [
            item for item in kept if isinstance(item, Section)]
        return nav

    # ------------------------------------------------------------------------ pages

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if not self.config.enabled:
            return None
        if self.config.pagefind and page.file.src_uri == SEARCH_PAGE:
            _set_title(page, SEARCH_TITLE, convert.to_simplified(SEARCH_TITLE))
            return ""
        collation = self.collation_pages.get(page.file.src_uri)
        if collation is not None:
            base, other = self.pages[collation.base].speech, self.pages[collation.other].speech
            label = f"校勘：{nav_label(base).strip()} ⇄ {nav_label(other).strip()}"
            _set_title(page, label, convert.to_simplified(label))
            # The witnesses' own pages are indexed; their collation would only repeat them.
            page.meta["search"] = {"exclude": True}
            return ""
        entry = self.pages.get(page.file.src_uri)
        if entry is None:
            return None
        stage_started = time.perf_counter()
        speech = entry.speech
        script = self.scripts[page.file.src_uri]
        converter = convert.current()
        key = (speech.path, speech.first_line, speech.source, converter.rules,
               converter.standard, script)
        rendered = self.rendered_cache.get(key, lambda: render_speech(speech, script))
        self.rendered[page.file.src_uri] = rendered
        self.stage_seconds += time.perf_counter() - stage_started
        self._report_progress()
        # Navigation names a speech with its ordinal: 第一篇 and 第二篇 may share a title.
        label = nav_label(entry.speech)
        label_hant = label if script == HANT_SCRIPT else convert.to_traditional(label)
        _set_title(page, f"{label_hant}{rendered.title_hant}",
                   f"{convert.to_simplified(label)}{rendered.title_hans}")
        return ""

    def _report_progress(self) -> None:
        """A line per tenth of the speeches on large builds (MkDocs shows none itself)."""
        done, total = len(self.rendered), len(self.pages)
        step = max(1, total // 10)
        if total >= PROGRESS_MIN_SPEECHES and (done % step == 0 or done == total):
            log.info("speeches rendered: %d/%d (%.0f s)", done, total,
                     time.perf_counter() - self.started)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        if not self.config.enabled:
            return None
        content = self._page_content(html, page, files)
        if self.problems:
            return problems_notice(self.problems) + (html if content is None else content)
        return content

    def _page_content(self, html: str, page: Page, files: Files) -> str | None:
        if self.config.pagefind and page.file.src_uri == SEARCH_PAGE:
            return search_page_html(page.title)
        collation_page = self.collation_pages.get(page.file.src_uri)
        if collation_page is not None:
            return self._collation_html(collation_page, page, files)
        rendered = self.rendered.get(page.file.src_uri)
        if rendered is not None:
            page.toc = _table_of_contents(rendered)
            return _with_witness_note(rendered.html, self._witness_links(page, files))
        if page.is_homepage:
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

    def _collation_html(self, entry: CollationPage, page: Page, files: Files) -> str:
        stage_started = time.perf_counter()
        base, other = self.pages[entry.base].speech, self.pages[entry.other].speech
        witnesses = (
            Witness(base, nav_label(base).strip() or base.short_title,
                    self._url(entry.base, page, files),
                    self.rendered[entry.base].heading_anchors, self.scripts[entry.base]),
            Witness(other, nav_label(other).strip() or other.short_title,
                    self._url(entry.other, page, files),
                    self.rendered[entry.other].heading_anchors, self.scripts[entry.other]),
        )
        # Keyed by everything the page shows: unchanged witnesses, unchanged page.
        key = (base.source, other.source, base.first_line, other.first_line,
               entry.similarity, convert.current().rules, convert.current().standard,
               self.scripts[entry.base], self.scripts[entry.other],
               tuple((w.label, w.url, tuple(sorted(w.heading_anchors.items())))
                     for w in witnesses))
        html = self.collated.get(key, lambda: render_collation(collate(base, other), *witnesses,
                                                          entry.similarity))
        self.stage_seconds += time.perf_counter() - stage_started
        top = AnchorLink(page.title, "collation", 1)
        top.children.append(AnchorLink(two_scripts("校勘記", "校勘记"), "apparatus", 2))
        page.toc = TableOfContents([top])
        return html

    def _witness_links(self, page: Page, files: Files) -> list[tuple[str, str, str, float]]:
        links = []
        for entry in self.collation_pages.values():
            if page.file.src_uri not in (entry.base, entry.other):
                continue
            other = entry.other if page.file.src_uri == entry.base else entry.base
            speech = self.pages[other].speech
            links.append((nav_label(speech).strip() or speech.short_title, self._url(other, page, files),
                          self._url(entry.src_uri, page, files), entry.similarity))
        return links

    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        if self.config.pagefind:
            try:
                index_site(config.site_dir)
            except PagefindError as error:
                raise PluginError(str(error)) from None
        log.info(
            "%d 篇講話，%d 個源文件，%d 頁，%.1f 秒（解析與排版 %.2f 秒；緩存重用 %d/%d 篇）",
            len(self.pages), len(self.source_paths), len(self.pages) + 1,
            time.perf_counter() - self.started, self.stage_seconds,
            self.rendered_cache.hits, self.rendered_cache.hits + self.rendered_cache.misses,
        )
        self.parsed.sweep()
        self.rendered_cache.sweep()
        self.collated.sweep()
        corpus_stats.sweep()

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Watch the folder the sources glob starts in (new, renamed and deleted files
        count, not just the files of the first build) and the conversion rules."""
        if not self.config.enabled:
            return server
        watched = {path.resolve() for path in self.source_paths}
        if self.source_override is None:
            folder = _glob_root(_base_dir(config), self.config.sources)
            if folder.is_dir():
                watched = {folder} | {p for p in watched if folder not in p.parents}
        rules = self.rules_path_for(config)
        if rules is None:
            # A conversions.yml created later beside the sources is watched too.
            rules = (self.source_paths[0].parent / RULES_FILE) if self.source_paths else None
        if rules is not None and not any(rules.resolve().is_relative_to(w) for w in watched):
            watched.add(rules.resolve().parent if not rules.exists() else rules.resolve())
        for path in sorted(watched):
            server.watch(str(path))
        return server


def _base_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


def _glob_root(base: Path, pattern: str) -> Path:
    """The folder a glob pattern starts in: its parts before the first wildcard."""
    fixed = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    root = base.joinpath(*fixed)
    return root if len(fixed) < len(Path(pattern).parts) else root.parent


def problems_notice(problems: list[str]) -> str:
    """The notice a page carries under ``mkdocs serve`` while a source is broken."""
    items = "".join(f"<li><code>{escape(p)}</code></li>" for p in problems)
    return ('<div class="admonition failure ptx-build-problem" role="alert" data-editorial>'
            '<p class="admonition-title">源文件有誤，這裏顯示上次成功的版本'
            '（源文件有误，这里显示上次成功的版本）</p>'
            f"<ul>{items}</ul></div>")


def _set_title(page: Page, hant: str, hans: str) -> None:
    """Navigation shows the title in both scripts (the toggle picks one); the search index
    and the window title get plain, escaped Traditional text (see ``on_page_context``)."""
    page.meta["title"] = escape(hant)
    page.meta["ptx_plain_title"] = hant
    page.title = two_scripts(escape(hant), escape(hans))


def _with_witness_note(html: str, links: list[tuple[str, str, str, float]]) -> str:
    """The note naming the other versions goes right under the title."""
    return html.replace("</h1>", "</h1>" + witness_note(links), 1) if links else html


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
