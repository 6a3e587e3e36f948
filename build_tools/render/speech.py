"""A speech page's body: the model → HTML, with its table of contents and apparatus.

A speech page is an ``<article class="ptx-speech">``: the title as ``<h1>`` and a note on
which script is the original, then for each heading an ``<hN>`` and for each paragraph a
``<div class="ptx-pair">`` holding the Traditional ``<p lang="zh-Hant">`` and its
Simplified twin ``<p lang="zh-Hans">``; at the end the apparatus (用字說明). Both scripts
are always in the page; CSS and the toggles choose what is shown. The spans themselves
are written by ``spans``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from pymdownx.slugs import slugify

from build_tools.analysis import convert
from build_tools.render.apparatus import render_apparatus
from build_tools.render.markdown import article_label
from build_tools.render.spans import (
    EDITORIAL,
    HANS,
    HANT,
    LANGS,
    ORIGIN_NOTE,
    SCRIPT_LABELS,
    Annotations,
    SpeechRenderer,
    two_scripts,
)
from build_tools.text.model import ELLIPSIS, TITLE_MAX_CHARS, Heading, Paragraph, Speech, TitleLine

_heading_slug = slugify(case="lower")


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    hant: str  # HTML of the Traditional label
    hans: str


@dataclass(frozen=True)
class RenderedSpeech:
    html: str
    anchor: str  # id of the h1
    toc: tuple[TocEntry, ...]
    title_hant: str  # plain text
    title_hans: str
    annotations: Annotations
    heading_anchors: dict[int, str]  # source line of each heading → its id


class _Anchors:
    """Unique heading ids within a page, Han characters kept."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, text: str, fallback: str) -> str:
        base = _heading_slug(text, "-") or fallback
        anchor, n = base, 1
        while anchor in self.used:
            anchor = f"{base}_{n}"
            n += 1
        self.used.add(anchor)
        return anchor


def title_html(speech: Speech, script: str = "hant") -> tuple[str, str]:
    """The title (pinyin as ruby) in both scripts, as inline HTML, outside any count; a
    title too long to list is its plain cut form, the ellipsis marked as ours."""
    renderer = SpeechRenderer(LANGS[script])
    if speech.title_is_cut:
        cut = speech.title[:TITLE_MAX_CHARS]
        more = f"<span data-editorial>{ELLIPSIS}</span>"
        return (escape(renderer.in_script(cut, HANT)) + more,
                escape(renderer.in_script(cut, HANS)) + more)
    return (_strip_ids(renderer.spans(speech.title_spans, HANT)),
            renderer.spans(speech.title_spans, HANS))


def origin_note(script: str) -> str:
    """Which column is the text as written (原文) and which the converter's."""
    source = LANGS[script]
    derived = HANS if source == HANT else HANT
    standard = convert.STANDARD_LABELS[convert.current().standard]
    hant = ORIGIN_NOTE[0].format(SCRIPT_LABELS[source][0], SCRIPT_LABELS[derived][0], standard)
    hans = ORIGIN_NOTE[1].format(SCRIPT_LABELS[source][1], SCRIPT_LABELS[derived][1],
                                 convert.to_simplified(standard))
    return (f'<p class="ptx-origin" data-origin="{script}" {EDITORIAL}>'
            f"{two_scripts(escape(hant), escape(hans))}</p>")


def render_speech(speech: Speech, script: str = "hant") -> RenderedSpeech:
    """The speech page's body; ``script`` is the one it is written in (see ``script``)."""
    renderer = SpeechRenderer(LANGS[script])
    anchors = _Anchors()
    toc: list[TocEntry] = []
    heading_anchors: dict[int, str] = {}
    parts: list[str] = ['<article class="ptx-speech">']

    title_anchor = anchors.make(speech.short_title, "title")
    prefix = getattr(speech.header, "prefix", "")
    prefixes = ("", "")
    if prefix:
        prefixes = tuple(f'<span class="ptx-ordinal">{escape(renderer.in_script(prefix, lang))}'
                         "</span>" for lang in (HANT, HANS))
    renderer.first.block = title_anchor
    hant_title = renderer.spans(speech.title_spans, HANT)
    hans_title = renderer.spans(speech.title_spans, HANS)
    parts.append(f'<h1 id="{title_anchor}">'
                 f"{two_scripts(prefixes[0] + hant_title, prefixes[1] + hans_title)}</h1>")
    parts.append(origin_note(script))
    parts += _front_lines(renderer, speech.front)

    several = len(speech.articles) > 1
    for article in speech.articles:
        if several:
            label = escape(article_label(article.ordinal))
            anchor = anchors.make(article_label(article.ordinal), f"article-{article.ordinal}")
            parts.append(f'<h2 id="{anchor}" class="ptx-article" data-editorial>'
                         f"{two_scripts(label, label)}</h2>")
            toc.append(TocEntry(2, anchor, label, label))
        for block in article.blocks:
            if isinstance(block, Heading):
                level = min(block.level + several, 6)
                anchor = anchors.make(block.visible.strip(), f"h{block.line}")
                heading_anchors[block.line] = anchor
                renderer.first.block = anchor
                hant = renderer.spans(block.spans, HANT)
                hans = renderer.spans(block.spans, HANS)
                parts.append(f'<h{level} id="{anchor}">{two_scripts(hant, hans)}</h{level}>')
                # Plain labels: the table of contents (and its aria-label) has no pinyin.
                label = block.visible.strip()
                toc.append(TocEntry(level, anchor, escape(renderer.in_script(label, HANT)),
                                    escape(renderer.in_script(label, HANS))))
            elif isinstance(block, Paragraph):
                parts.append(renderer.pair(f"p{block.line}", block.spans))
    annotations = renderer.annotations()
    parts.append(render_apparatus(annotations, renderer.first))
    parts.append("</article>")
    return RenderedSpeech(
        html="\n".join(parts),
        anchor=title_anchor,
        toc=tuple(toc),
        title_hant=renderer.in_script(speech.short_title, HANT),
        title_hans=renderer.in_script(speech.short_title, HANS),
        annotations=annotations,
        heading_anchors=heading_anchors,
    )


def _strip_ids(html: str) -> str:
    """Markup reused elsewhere (table of contents, navigation) must not repeat its ids."""
    return re.sub(r' id="[^"]*"', "", html)


def _front_lines(renderer: SpeechRenderer, front: tuple[TitleLine, ...]) -> list[str]:
    """A subtitle is shown; repeated title lines are kept, folded, under a small note."""
    parts = []
    subtitle = next((t for t in front if not t.duplicate), None)
    if subtitle:
        parts.append(renderer.pair(f"p{subtitle.line}", subtitle.spans, "ptx-subtitle"))
    repeats = [t for t in front if t.duplicate]
    if repeats:
        lines = "".join(renderer.pair(f"p{t.line}", t.spans, "ptx-repeat") for t in repeats)
        label = two_scripts(f"原文重複標題 {len(repeats)} 行", f"原文重复标题 {len(repeats)} 行")
        parts.append(f'<details class="ptx-repeats"><summary {EDITORIAL}>{label}</summary>'
                     f"{lines}</details>")
    return parts
