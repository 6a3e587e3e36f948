"""The book page ``print.html`` for the PDF: the plugin ``parallel-texts-book``.

Listed after ``parallel-texts`` in ``mkdocs-print.yml`` (plugins run in the order listed,
so the speeches are parsed and the converter configured when it runs)::

    plugins:
      - parallel-texts
      - parallel-texts-book

A plugin of its own rather than pages of ``parallel-texts``: the page exists only in the
print build, so the published site and the offline bundle keep exactly their pages.
The page itself is ``render.book``.
"""

from __future__ import annotations

from html import escape
from importlib import resources

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from build_tools.analysis import convert
from build_tools.mkdocs_plugin.assets import ASSET_DIR
from build_tools.mkdocs_plugin.navigation import nav_label
from build_tools.mkdocs_plugin.plugin import ParallelTextsPlugin
from build_tools.render.book import CONTENTS, Cover, book_id, both_scripts, render_book
from build_tools.render.spans import two_scripts
from build_tools.render.speech import render_speech

PRINT_PAGE = "print.md"  # built as print.html (use_directory_urls is off)
PRINT_CSS = "print-book.css"


def _texts_plugin(config: MkDocsConfig) -> ParallelTextsPlugin:
    for plugin in config.plugins.values():
        if isinstance(plugin, ParallelTextsPlugin) and plugin.config.enabled:
            return plugin
    raise PluginError("parallel-texts-book: the 'parallel-texts' plugin is not enabled")


def cover_of(config: MkDocsConfig) -> Cover:
    return Cover(config.site_name, config.site_description or "", config.site_author or "",
                 config.copyright or "")


class BookPlugin(BasePlugin):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.extra_css.append(f"{ASSET_DIR}/{PRINT_CSS}")
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        files.append(File.generated(config, PRINT_PAGE, content="",
                                    inclusion=InclusionLevel.NOT_IN_NAV))
        css = (resources.files("build_tools.mkdocs_plugin") / "assets" / PRINT_CSS).read_bytes()
        files.append(File.generated(config, f"{ASSET_DIR}/{PRINT_CSS}", content=css))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if page.file.src_uri != PRINT_PAGE:
            return None
        # As parallel-texts titles its pages: both scripts in the page, plain text in <title>.
        page.meta["title"] = escape(config.site_name)
        page.meta["ptx_plain_title"] = config.site_name
        page.title = both_scripts(config.site_name)
        return ""

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        if page.file.src_uri != PRINT_PAGE:
            return None
        texts = _texts_plugin(config)
        speeches = []
        for src_uri, entry in texts.pages.items():
            # Speech pages come first in the files, so each is normally rendered already.
            rendered = (texts.rendered.get(src_uri)
                        or render_speech(entry.speech, texts.scripts[src_uri]))
            speeches.append((nav_label(entry.speech), rendered))
        page.toc = TableOfContents(
            [AnchorLink(both_scripts(CONTENTS), "ptx-book-contents", 1)]
            + [AnchorLink(two_scripts(escape(label + r.title_hant),
                                      escape(convert.to_simplified(label) + r.title_hans)),
                          book_id(f"s{n}-", r.anchor), 1)
               for n, (label, r) in enumerate(speeches, start=1)]
        )
        return render_book(cover_of(config), speeches)
