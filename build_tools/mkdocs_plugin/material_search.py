"""The adapter to Material's search: its interface kept, the index and the worker ours.

Material's search plugin collects pages (``add_entry_from_context``) and writes
``search/search_index.json`` (``generate_search_index``); its browser side fetches that
file (or, offline, ``search_index.js``) and hands it to a web worker, whose URL the page
configuration names. This module puts an ``ExactSearchIndex`` in the place of Material's
index object, so the file holds this project's records (``render.search_records``); the
page template points Material at ``assets/ptx/search-worker.js``, which answers Material's
messages with exact matches. Material's search box, keyboard handling and result list stay.

Which index a build gets (``choose_mode``): the pages themselves in the index file, or,
when that file would pass ``INDEX_LIMIT`` bytes and Pagefind is installed, Pagefind's
chunked index (``mkdocs_plugin.pagefind``). A file that size is downloaded in full before
a reader's first query (by every visitor, with the first page, over http); Pagefind
fetches only the chunks a query needs. The offline bundle always carries the pages
themselves: Pagefind cannot load under ``file://``.
"""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from build_tools.mkdocs_plugin.pagefind import write_index
from build_tools.render.search_records import (
    SearchPage,
    hant_defaults,
    index_docs,
    text_page,
)

log = get_plugin_logger(__name__)

SEARCH_PLUGINS = ("search", "material/search")
OFFLINE_PLUGINS = ("offline", "material/offline")
# Above this size (UTF-8 bytes) the index of the pages themselves is not worth downloading
# before a first query: about 1.3 MB gzip-compressed, some 260 speeches like the seed's
# (15 KB of index a speech, measured at 500: bench/search_bytes.py).
INDEX_LIMIT = 4_000_000
PAGES, PAGEFIND = "pages", "pagefind"
PAGEFIND_FOLDER = "pagefind/"
PAGEFIND_PAGES = "search/pagefind_pages.json"  # Pagefind's page ids → url, titles


def _search_plugin(config: MkDocsConfig):
    return next((p for name, p in config.plugins.items() if name in SEARCH_PLUGINS), None)


def offline_build(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on: the site is read from a folder."""
    return any(name in OFFLINE_PLUGINS and getattr(p.config, "enabled", True)
               for name, p in config.plugins.items())


def pagefind_installed() -> bool:
    try:
        import pagefind  # noqa: F401  (installed or not: nothing else)
    except ImportError:
        return False
    return True


def choose_mode(setting: bool | str, index_bytes: int, offline: bool) -> str:
    """``pagefind: true`` → Pagefind; ``false`` → the pages; ``auto`` (the default) →
    Pagefind once the pages' index passes ``INDEX_LIMIT`` and Pagefind is installed. An
    offline build always gets the pages."""
    if offline:
        if setting is True:
            log.info("pagefind: not used by an offline build (file:// cannot load it)")
        return PAGES
    if setting is True:
        return PAGEFIND
    if setting == "auto" and index_bytes > INDEX_LIMIT:
        if pagefind_installed():
            log.info("search: the index would be %.1f MB (limit %.1f MB): using Pagefind",
                     index_bytes / 1e6, INDEX_LIMIT / 1e6)
            return PAGEFIND
        log.warning("search: the index is %.1f MB, more than a reader should download "
                    "before a first query (%.1f MB); pip install 'pagefind[extended]' and "
                    "the build switches to Pagefind", index_bytes / 1e6, INDEX_LIMIT / 1e6)
    return PAGES


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class ExactSearchIndex:
    """Stands in for Material's ``SearchIndex``: records by page, the index as JSON."""

    def __init__(self, material_index, record_for: Callable[[Page], SearchPage | None],
                 setting: bool | str, offline: bool) -> None:
        self.config = material_index.config  # Material's search settings (lang, …)
        self.record_for = record_for
        self.setting, self.offline = setting, offline
        self.pages: list[SearchPage] = []
        self.mode = PAGES
        self.defaults: dict[str, str] = {}
        self.urls: set[str] | None = None  # the site's pages, when the plugin knows them
        self.docs: list[dict] = []

    def add_entry_from_context(self, page: Page) -> None:
        if (page.meta.get("search") or {}).get("exclude"):
            return
        record = self.record_for(page)
        if record is None:
            record = markdown_page(page)
        self.pages = [p for p in self.pages if p.url != record.url] + [record]

    def generate_search_index(self, prev=None) -> str:
        if isinstance(prev, ExactSearchIndex):  # ``mkdocs serve --dirty``: pages not rebuilt
            # In the previous order, as a clean build of the same pages has them.
            rebuilt = {page.url: page for page in self.pages}
            self.pages = [rebuilt.pop(p.url, p) for p in prev.pages
                          if self.urls is None or p.url in self.urls] + list(rebuilt.values())
        self.defaults = hant_defaults(self.pages)
        config = {key: self.config[key] for key in ("lang", "separator", "pipeline", "fields")
                  if key in self.config}
        ptx = {"mode": PAGES, "hant": self.defaults}
        # A dirty rebuild: the documents of pages not rebuilt are the previous ones.
        reused = ({id(page): doc for page, doc in zip(prev.pages, prev.docs)}
                  if isinstance(prev, ExactSearchIndex) and prev.defaults == self.defaults
                  else {})
        self.docs = [reused.get(id(page)) or index_docs([page], self.defaults)[0]
                     for page in self.pages]
        full = _dumps({"config": {**config, "ptx": ptx}, "docs": self.docs})
        self.mode = choose_mode(self.setting, len(full.encode("utf-8")), self.offline)
        if self.mode == PAGES:
            return full
        ptx = {**ptx, "mode": PAGEFIND, "bundle": PAGEFIND_FOLDER, "pages": PAGEFIND_PAGES}
        return _dumps({"config": {**config, "ptx": ptx}, "docs": []})


def install_search_index(config: MkDocsConfig, record_for: Callable[[Page], SearchPage | None],
                         setting: bool | str, serving: bool = False) -> ExactSearchIndex | None:
    """Put an ``ExactSearchIndex`` where Material's search keeps its index (it exists once
    Material's ``on_config`` has run); None when the site has no Material search. A live
    preview (``serving``) keeps the index file unless ``pagefind: true``: it is read on
    this machine, and a rebuild after an edit writes it in a fraction of Pagefind's time."""
    if serving and setting == "auto":
        setting = False
    search = _search_plugin(config)
    material_index = getattr(search, "search_index", None)
    if material_index is None or not hasattr(material_index, "generate_search_index"):
        return None
    if isinstance(material_index, ExactSearchIndex):
        return material_index
    index = ExactSearchIndex(material_index, record_for, setting, offline_build(config))
    search.search_index = index
    return index


def search_index_of(config: MkDocsConfig) -> ExactSearchIndex | None:
    index = getattr(_search_plugin(config), "search_index", None)
    return index if isinstance(index, ExactSearchIndex) else None


# ------------------------------------------------------- pages written in Markdown


BLOCK_TAGS = {"p", "li", "dt", "dd", "td", "th", "pre", "figcaption", "blockquote",
              "h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED_TAGS = {"script", "style", "template", "rt", "rp"}  # readings are never searched
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"}
TAGS = re.compile(r"<[^>]+>")


class _TextBlocks(HTMLParser):
    """Block elements' text, in order, leaving out ``data-search-exclude`` (and what it
    holds), scripts, heading permalinks and the home page's list of speeches (each
    speech is found on its own page)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str, bool]] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.buffers: list[list[str]] = []
        self.anchor = ""

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        skipped = (tag in SKIPPED_TAGS or "data-search-exclude" in attributes
                   or "headerlink" in classes or "ptx-index" in classes)
        self.stack.append((tag, skipped))
        if tag in BLOCK_TAGS:
            if tag[0] == "h" and attributes.get("id") and not self._skipping():
                self.anchor = attributes["id"]
            self.buffers.append([])

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag in BLOCK_TAGS and self.buffers:
                text = " ".join("".join(self.buffers.pop()).split())
                if text:
                    self.blocks.append((self.anchor, text, open_tag[0] == "h"))
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.buffers and not self._skipping():
            self.buffers[-1].append(data)


def markdown_page(page: Page) -> SearchPage:
    """The record of a page that is not a speech (the home page, the site's own pages)."""
    parser = _TextBlocks()
    parser.feed(page.content or "")
    parser.close()
    title = page.meta.get("ptx_plain_title") or unescape(TAGS.sub("", page.title or ""))
    sections = [(anchor, text, heading) for anchor, text, heading in parser.blocks
                if not (heading and text == title)]
    return text_page(page.url, title, sections)


def write_pagefind_if_chosen(config: MkDocsConfig, fold_table: dict[str, str]) -> None:
    """Write Pagefind's index when the search index chose it (after Material's
    ``on_post_build``, which has the index generated)."""
    index = search_index_of(config)
    if index is None or index.mode != PAGEFIND:
        return
    write_index(config.site_dir, index.pages, fold_table, index.defaults,
                PAGEFIND_PAGES)
