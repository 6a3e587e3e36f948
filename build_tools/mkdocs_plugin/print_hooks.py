"""The book page: the whole collection on one page, for printing (``make pdf``).

A MkDocs hook module, named in ``mkdocs-print.yml``::

    hooks:
      - build_tools/mkdocs_plugin/print_hooks.py

It adds one generated page, ``print.html`` (left out of the navigation), holding

- a cover: the site name and description, and the number of speeches;
- a table of contents: every speech, with its top-level sections, linked;
- every speech as rendered for its own page by ``parallel-texts`` (``render_speech``,
  shared cache), one after the other, each starting on a new printed page.

Every ``id`` (and every ``href="#…"`` pointing at one) inside a speech gets the prefix
``s<n>-`` (n: the speech's place in the book), since two speeches can share heading ids
(the seed's 第一篇 and 第二篇 have the same title). An id too long for a PDF name is cut
short and ends in a hash of the whole (``book_id``): Chromium names each link's PDF
destination after its target's id, percent-encoded, and a PDF name holds 127 bytes at
most (poppler warns about every longer one). The print layout itself is in
``assets/print-book.css``; the PDF is printed from this page by ``build_tools.outputs.pdf``.

A hook rather than code in ``plugin.py``: the page exists only in the print build, so the
published site and the offline bundle keep exactly their pages. Hooks run after the
configured plugins, so ``parallel-texts`` has parsed the sources and configured the
converter before anything here runs. Loaded by MkDocs from its file path, this module
imports ``build_tools`` absolutely.
"""

from __future__ import annotations

import hashlib
import re
from html import escape, unescape
from importlib import resources
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from build_tools.analysis import convert
from build_tools.mkdocs_plugin.assets import ASSET_DIR
from build_tools.mkdocs_plugin.navigation import nav_label
from build_tools.mkdocs_plugin.plugin import ParallelTextsPlugin
from build_tools.render.speech import RenderedSpeech, render_speech, two_scripts

PRINT_PAGE = "print.md"  # built as print.html (use_directory_urls is off)
PRINT_CSS = "print-book.css"
CONTENTS = "目錄"
# Sections of a speech listed in the table of contents (the PDF outline has them all).
CONTENTS_DEPTH = 2

# The longest PDF name (PDF 1.7, annex C); poppler warns about a longer one.
PDF_NAME_LIMIT = 127
HASH_LENGTH = 8

_ID = re.compile(r' id="([^"]*)"')
_FRAGMENT = re.compile(r' href="#([^"]*)"')


def _plugin(config: MkDocsConfig) -> ParallelTextsPlugin:
    for plugin in config.plugins.values():
        if isinstance(plugin, ParallelTextsPlugin) and plugin.config.enabled:
            return plugin
    raise PluginError("print page: the 'parallel-texts' plugin is not enabled")


def _pdf_name_length(fragment: str) -> int:
    """The length of the PDF name Chromium makes of a link to ``#fragment``: the
    fragment percent-encoded (counted with every byte but letters and digits encoded,
    which is at least as long as what Chromium writes)."""
    return len(quote(fragment, safe=""))


def book_id(prefix: str, anchor: str) -> str:
    """``anchor`` (an id, unescaped) as the book names it: ``prefix`` + ``anchor``, or,
    when that is too long for a PDF name, as much of it as fits, ``-`` and a hash of it
    all (unique as long as the full ids are)."""
    full = prefix + anchor
    if _pdf_name_length(full) <= PDF_NAME_LIMIT:
        return full
    digest = hashlib.sha1(full.encode("utf-8")).hexdigest()[:HASH_LENGTH]
    head = prefix
    for character in anchor:
        if _pdf_name_length(f"{head}{character}-{digest}") > PDF_NAME_LIMIT:
            break
        head += character
    return f"{head}-{digest}"


def prefix_ids(html: str, prefix: str) -> str:
    """Rename every id and in-page link of ``html``, a speech as ``render_speech`` writes it
    (source text is escaped there, so ``id="`` and ``href="#`` only occur in tags), to
    ``book_id(prefix, id)``."""
    def renamed(match: re.Match) -> str:
        return escape(book_id(prefix, unescape(match.group(1))))

    html = _ID.sub(lambda m: f' id="{renamed(m)}"', html)
    return _FRAGMENT.sub(lambda m: f' href="#{renamed(m)}"', html)


def _both(hant: str) -> str:
    """Plain Traditional text in both scripts, escaped."""
    return two_scripts(escape(hant), escape(convert.to_simplified(hant)))


def render_book(site_name: str, description: str,
                speeches: list[tuple[str, RenderedSpeech]]) -> str:
    """The page body; ``speeches`` are (navigation label, rendered speech), in book order."""
    toc = []
    bodies = []
    for n, (label, rendered) in enumerate(speeches, start=1):
        prefix = f"s{n}-"
        title = two_scripts(escape(label + rendered.title_hant),
                            escape(convert.to_simplified(label) + rendered.title_hans))
        sections = "".join(
            f'<li><a href="#{escape(book_id(prefix, entry.anchor))}">'
            f"{two_scripts(entry.hant, entry.hans)}</a></li>"
            for entry in rendered.toc if entry.level <= CONTENTS_DEPTH
        )
        toc.append(f'<li><a href="#{escape(book_id(prefix, rendered.anchor))}">{title}</a>'
                   + (f"<ol>{sections}</ol>" if sections else "") + "</li>")
        bodies.append(prefix_ids(rendered.html, prefix))
    count = f"{len(speeches)} 篇"  # written the same in both scripts
    return (
        '<div class="ptx-book">'
        '<section class="ptx-book-cover">'
        f'<h1 id="ptx-book-cover">{_both(site_name)}</h1>'
        + (f'<p class="ptx-book-description">{_both(description)}</p>' if description else "")
        + f'<p class="ptx-book-count">{escape(count)}</p>'
        "</section>"
        '<nav class="ptx-book-contents" aria-labelledby="ptx-book-contents">'
        f'<h1 id="ptx-book-contents">{_both(CONTENTS)}</h1>'
        f'<ol>{"".join(toc)}</ol>'
        "</nav>"
        f'<div class="ptx-book-speeches">{"".join(bodies)}</div>'
        "</div>"
    )


# ----------------------------------------------------------------------------- MkDocs hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra_css.append(f"{ASSET_DIR}/{PRINT_CSS}")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, PRINT_PAGE, content="",
                                inclusion=InclusionLevel.NOT_IN_NAV))
    css = (resources.files("build_tools.mkdocs_plugin") / "assets" / PRINT_CSS).read_bytes()
    files.append(File.generated(config, f"{ASSET_DIR}/{PRINT_CSS}", content=css))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig,
                     files: Files) -> str | None:
    if page.file.src_uri != PRINT_PAGE:
        return None
    # As parallel-texts titles its pages: both scripts in the page, plain text in <title>.
    page.meta["title"] = escape(config.site_name)
    page.meta["ptx_plain_title"] = config.site_name
    page.title = _both(config.site_name)
    return ""


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if page.file.src_uri != PRINT_PAGE:
        return None
    plugin = _plugin(config)
    speeches = []
    for src_uri, entry in plugin.pages.items():
        # Speech pages come first in the files, so each is normally rendered already.
        rendered = plugin.rendered.get(src_uri) or render_speech(entry.speech)
        speeches.append((nav_label(entry.speech), rendered))
    page.toc = TableOfContents(
        [AnchorLink(_both(CONTENTS), "ptx-book-contents", 1)]
        + [AnchorLink(two_scripts(escape(label + r.title_hant),
                                  escape(convert.to_simplified(label) + r.title_hans)),
                      book_id(f"s{n}-", r.anchor), 1)
           for n, (label, r) in enumerate(speeches, start=1)]
    )
    return render_book(config.site_name, config.site_description or "", speeches)
