"""Titles, navigation sections and tables of contents of the generated pages."""

from __future__ import annotations

import re
from html import escape

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from build_tools.analysis import convert
from build_tools.analysis.script import HANT
from build_tools.render.speech import RenderedSpeech
from build_tools.render.spans import two_scripts
from build_tools.text.model import Speech

COLLATION_SECTION = "校勘"


def nav_label(speech: Speech) -> str:
    """``第一篇 `` from the header as written; a headerless speech has none."""
    prefix = getattr(speech.header, "prefix", "")
    return re.sub(r"\s+", "", prefix).rstrip(":：") + " " if prefix else ""


def speech_titles(speech: Speech, rendered: RenderedSpeech, script: str) -> tuple[str, str, str]:
    """A speech page's title in Traditional, in Simplified, and as written (``rendered``:
    its ``RenderedSpeech``). Navigation names a speech with its ordinal: 第一篇 and 第二篇
    may share a title."""
    label = nav_label(speech)
    label_hant = label if script == HANT else convert.to_traditional(label)
    hant = f"{label_hant}{rendered.title_hant}"
    hans = f"{convert.to_simplified(label)}{rendered.title_hans}"
    return hant, hans, hant if script == HANT else hans


def set_title(page: Page, hant: str, hans: str, plain: str | None = None) -> None:
    """Navigation shows the title in both scripts (the toggle picks one); the search index
    and the window title get ``plain`` text, escaped: the script the text is written in,
    Traditional by default (see the plugin's ``on_page_context``)."""
    plain = hant if plain is None else plain
    page.meta["title"] = escape(plain)
    page.meta["ptx_plain_title"] = plain
    page.title = two_scripts(escape(hant), escape(hans))


def _section(title: str, pages: list) -> Section:
    section = Section(title, list(pages))
    for page in pages:
        page.parent = section
    return section


def group_pages(nav: Navigation, speeches: set[str], collations: set[str],
                size: int) -> Navigation:
    """Collation pages in a section of their own; above ``size`` speeches, the speeches in
    sections of ``size``, so a page's navigation (with ``navigation.prune``) stays small."""
    collation_pages = [p for p in nav.pages if p.file.src_uri in collations]
    if collation_pages:
        nav.items = [item for item in nav.items if item not in collation_pages] + [
            _section(COLLATION_SECTION, collation_pages)]
    speech_pages = [p for p in nav.pages if p.file.src_uri in speeches]
    if size < 1 or len(speech_pages) <= size:
        return nav
    grouped = set(id(p) for p in speech_pages)
    sections = [
        _section(f"第 {start + 1}–{start + len(chunk)} 篇", chunk)
        for start in range(0, len(speech_pages), size)
        for chunk in [speech_pages[start : start + size]]
    ]
    kept = [item for item in nav.items if id(item) not in grouped]
    nav.items = [item for item in kept if not isinstance(item, Section)] + sections + [
        item for item in kept if isinstance(item, Section)]
    return nav


def table_of_contents(rendered: RenderedSpeech) -> TableOfContents:
    """The page's contents: the title, then the headings nested by level."""
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


def collation_contents(title: str) -> TableOfContents:
    top = AnchorLink(title, "collation", 1)
    top.children.append(AnchorLink(two_scripts("校勘記", "校勘记"), "apparatus", 2))
    return TableOfContents([top])
