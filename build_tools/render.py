"""Rendering: the document model → HTML strings. The only module that escapes text.

Source text never passes through Markdown: every character is written with
``html.escape`` into elements this module builds, so nothing in a source line can become
markup, an attribute, a template or an include. Attributes carry only values made here
(ids, class names, fixed notes).

A speech page is an ``<article class="ptx-speech">``: the title as ``<h1>``, then for each
heading an ``<hN>`` and for each paragraph a ``<div class="ptx-pair">`` holding the
Traditional ``<p lang="zh-Hant">`` and its Simplified twin ``<p lang="zh-Hans">``. Both
scripts are always in the page; CSS and the toggle choose what is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from pymdownx.slugs import slugify

from . import convert
from .export import article_label
from .model import (
    Damage,
    Heading,
    Paragraph,
    Reading,
    Redaction,
    SoftBreak,
    Span,
    Speech,
    TitleLine,
)

HANT, HANS = "zh-Hant", "zh-Hans"
_heading_slug = slugify(case="lower")

REDACTION_NOTE = "原文隱去的文字（佔位符）"
DAMAGE_NOTE = "原文此處損壞（亂碼），照錄"
DAMAGE_EVIDENCE_NOTE = "原文此處損壞（亂碼），照錄；遺失一個讀作 {} 的字"


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


def _simplified_pieces(spans: tuple[Span, ...]) -> list[str]:
    """The Simplified text of each span, converted in context where possible.

    Converting a whole block at once lets OpenCC see phrases that cross span boundaries
    (``堅(jiān)決`` is the phrase 堅決); when conversion changes the length, fall back to
    span by span so the pieces still line up.
    """
    visible = [span.visible for span in spans]
    whole = convert.to_simplified("".join(visible))
    if len(whole) == sum(map(len, visible)):
        pieces, start = [], 0
        for text in visible:
            pieces.append(whole[start : start + len(text)])
            start += len(text)
        return pieces
    return [convert.to_simplified(text) for text in visible]


def _note(text: str, lang: str) -> str:
    """An editorial note in the script of the text it explains."""
    return escape(convert.to_simplified(text) if lang == HANS else text)


def render_spans(spans: tuple[Span, ...], lang: str) -> str:
    pieces = _simplified_pieces(spans) if lang == HANS else [s.visible for s in spans]
    out: list[str] = []
    for span, text in zip(spans, pieces):
        if isinstance(span, SoftBreak):
            continue
        if isinstance(span, Reading):
            out.append(
                f'<ruby class="ptx-reading">{escape(text)}<rp data-search-exclude>(</rp>'
                f"<rt data-search-exclude>{escape(span.pinyin)}</rt>"
                f"<rp data-search-exclude>)</rp></ruby>"
            )
        elif isinstance(span, Redaction):
            note = _note(REDACTION_NOTE, lang)
            out.append(
                f'<span class="ptx-redaction" title="{note}">{escape(text)}</span>'
            )
        elif isinstance(span, Damage):
            evidence = span.evidence
            note = _note(
                DAMAGE_EVIDENCE_NOTE.format("、".join(evidence)) if evidence else DAMAGE_NOTE,
                lang,
            )
            out.append(f'<span class="ptx-damage" title="{note}">{escape(text)}</span>')
        else:
            out.append(escape(text))
    return "".join(out)


# The search index holds the Simplified text only (see ``search``).
HANT_ATTRS = f'class="ptx-hant" lang="{HANT}" data-search-exclude'
HANS_ATTRS = f'class="ptx-hans" lang="{HANS}"'


def two_scripts(hant_html: str, hans_html: str, tag: str = "span") -> str:
    """The Traditional and Simplified forms of one piece of text, side by side."""
    return f"<{tag} {HANT_ATTRS}>{hant_html}</{tag}><{tag} {HANS_ATTRS}>{hans_html}</{tag}>"


def _both(spans: tuple[Span, ...], tag: str = "span") -> str:
    return two_scripts(render_spans(spans, HANT), render_spans(spans, HANS), tag)


def _pair(anchor: str, spans: tuple[Span, ...], extra_class: str = "") -> str:
    classes = "ptx-pair" + (f" {extra_class}" if extra_class else "")
    return f'<div class="{classes}" id="{anchor}">{_both(spans, "p")}</div>'


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


def title_html(speech: Speech) -> tuple[str, str]:
    """The title (pinyin as ruby) in both scripts, as inline HTML."""
    return render_spans(speech.title_spans, HANT), render_spans(speech.title_spans, HANS)


def render_speech(speech: Speech) -> RenderedSpeech:
    anchors = _Anchors()
    parts: list[str] = ['<article class="ptx-speech">']
    toc: list[TocEntry] = []

    title_anchor = anchors.make(speech.title, "title")
    prefix = getattr(speech.header, "prefix", "")
    prefix_html = f'<span class="ptx-ordinal">{escape(prefix)}</span>' if prefix else ""
    hans_prefix = (
        f'<span class="ptx-ordinal">{escape(convert.to_simplified(prefix))}</span>'
        if prefix
        else ""
    )
    hant_title, hans_title = title_html(speech)
    parts.append(
        f'<h1 id="{title_anchor}">'
        f"{two_scripts(prefix_html + hant_title, hans_prefix + hans_title)}</h1>"
    )
    parts += _front_lines(speech.front)

    several = len(speech.articles) > 1
    for article in speech.articles:
        if several:
            label = escape(article_label(article.ordinal))
            anchor = anchors.make(article_label(article.ordinal), f"article-{article.ordinal}")
            parts.append(
                f'<h2 id="{anchor}" class="ptx-article" data-editorial>'
                f"{two_scripts(label, label)}</h2>"
            )
            toc.append(TocEntry(2, anchor, label, label))
        for block in article.blocks:
            if isinstance(block, Heading):
                level = min(block.level + several, 6)
                anchor = anchors.make(block.visible.strip(), f"h{block.line}")
                hant, hans = render_spans(block.spans, HANT), render_spans(block.spans, HANS)
                parts.append(f'<h{level} id="{anchor}">{two_scripts(hant, hans)}</h{level}>')
                toc.append(TocEntry(level, anchor, hant, hans))
            elif isinstance(block, Paragraph):
                parts.append(_pair(f"p{block.line}", block.spans))
    parts.append("</article>")
    return RenderedSpeech(
        html="\n".join(parts),
        anchor=title_anchor,
        toc=tuple(toc),
        title_hant=speech.title,
        title_hans=convert.to_simplified(speech.title),
    )


def _front_lines(front: tuple[TitleLine, ...]) -> list[str]:
    """A subtitle is shown; repeated title lines are kept, folded, under a small note."""
    parts = []
    subtitle = next((t for t in front if not t.duplicate), None)
    if subtitle:
        parts.append(_pair(f"p{subtitle.line}", subtitle.spans, "ptx-subtitle"))
    repeats = [t for t in front if t.duplicate]
    if repeats:
        lines = "".join(_pair(f"p{t.line}", t.spans, "ptx-repeat") for t in repeats)
        parts.append(
            '<details class="ptx-repeats"><summary data-editorial data-search-exclude>'
            f"{two_scripts(f'原文重複標題 {len(repeats)} 行', f'原文重复标题 {len(repeats)} 行')}"
            f"</summary>{lines}</details>"
        )
    return parts
