"""Rendering: the document model → HTML strings. The only module that escapes text.

Source text never passes through Markdown: every character is written with
``html.escape`` into elements this module builds, so nothing in a source line can become
markup, an attribute, a template or an include. Attributes carry only values made here
(ids, class names, notes, standard forms found by ``annotate``).

A speech page is an ``<article class="ptx-speech">``: the title as ``<h1>``, then for each
heading an ``<hN>`` and for each paragraph a ``<div class="ptx-pair">`` holding the
Traditional ``<p lang="zh-Hant">`` and its Simplified twin ``<p lang="zh-Hans">``; at the
end the apparatus (用字說明). Both scripts are always in the page; CSS and the toggles
choose what is shown. Whatever the project adds to the text (notes, standard forms,
article labels, the apparatus) carries ``data-editorial`` and stays out of the search.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from typing import Callable

from pymdownx.slugs import slugify

from build_tools.analysis import convert
from build_tools.analysis.annotate import find_forms
from build_tools.render.markdown import article_label
from build_tools.text.model import (
    ELLIPSIS,
    TITLE_MAX_CHARS,
    Damage,
    Heading,
    Paragraph,
    Reading,
    Redaction,
    SoftBreak,
    Span,
    Speech,
    Text,
    TitleLine,
)

HANT, HANS = "zh-Hant", "zh-Hans"
LANGS = {"hant": HANT, "hans": HANS}  # script (see ``script``) → lang attribute
# The converter into each script: what the column of the script a text is not written in shows.
_CONVERSIONS: dict[str, Callable[[str], str]] = {
    HANT: lambda text: convert.to_traditional(text),
    HANS: lambda text: convert.to_simplified(text),
}
ORIGIN_NOTE = ("原文為{}，{}由 OpenCC 轉換（{}）", "原文为{}，{}由 OpenCC 转换（{}）")
SCRIPT_LABELS = {HANT: ("繁體", "繁体"), HANS: ("簡體", "简体")}
_heading_slug = slugify(case="lower")

# The search index holds the Simplified text only (see ``search``).
HANT_ATTRS = f'class="ptx-hant" lang="{HANT}" data-search-exclude'
HANS_ATTRS = f'class="ptx-hans" lang="{HANS}"'
EDITORIAL = "data-editorial data-search-exclude"
# Inside the Traditional column, already out of the search: a nested span must not say
# data-search-exclude again, since Material's indexer compares elements by tag name and
# would stop excluding the column when the inner span ends.
EDITORIAL_IN_HANT = "data-editorial"

REDACTION_NOTE = "原文隱去的文字（佔位符）"
DAMAGE_NOTE = "原文此處損壞（亂碼），照錄"
DAMAGE_EVIDENCE_NOTE = "原文此處損壞（亂碼），照錄；遺失了讀作 {} 的字"
FORM_NOTE = "標準字形：{}"


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    hant: str  # HTML of the Traditional label
    hans: str


@dataclass(frozen=True)
class Annotations:
    """What a speech's apparatus counts; ``check`` reports the same numbers."""

    readings: int = 0
    redactions: int = 0
    damaged: int = 0
    forms: tuple[tuple[str, str, int], ...] = ()  # (form, standard, count), first seen first

    @property
    def form_count(self) -> int:
        return sum(n for _, _, n in self.forms)


@dataclass(frozen=True)
class RenderedSpeech:
    html: str
    anchor: str  # id of the h1
    toc: tuple[TocEntry, ...]
    title_hant: str  # plain text
    title_hans: str
    annotations: Annotations
    heading_anchors: dict[int, str]  # source line of each heading → its id


def two_scripts(hant_html: str, hans_html: str, tag: str = "bdi") -> str:
    """The Traditional and Simplified forms of one piece of text, side by side.

    Inline, the containers are ``<bdi>`` rather than ``<span>``: Material's search indexer
    compares elements by tag name, so a ``<span>`` ending inside an excluded ``<span>``
    would end the exclusion and let Traditional text into the index.
    """
    return f"<{tag} {HANT_ATTRS}>{hant_html}</{tag}><{tag} {HANS_ATTRS}>{hans_html}</{tag}>"


def _converted_pieces(spans: tuple[Span, ...], to: Callable[[str], str]) -> list[str]:
    """The text of each span in the other script, converted in context where possible.

    Converting a whole block at once lets OpenCC see phrases that cross span boundaries
    (``堅(jiān)決`` is the phrase 堅決); when conversion changes the length, fall back to
    span by span so the pieces still line up.
    """
    visible = [span.visible for span in spans]
    whole = to("".join(visible))
    if len(whole) == sum(map(len, visible)):
        pieces, start = [], 0
        for text in visible:
            pieces.append(whole[start : start + len(text)])
            start += len(text)
        return pieces
    return [to(text) for text in visible]


def _note(text: str, lang: str) -> str:
    """An editorial note, in the script of the text it explains."""
    text = convert.to_simplified(text) if lang == HANS else text
    attributes = EDITORIAL if lang == HANS else EDITORIAL_IN_HANT
    return f'<span class="ptx-note" {attributes}>{escape(text)}</span>'


@dataclass(frozen=True)
class Mark:
    """HTML wrapped around ``start:end`` of a block's visible text (inserted there if empty)."""

    start: int
    end: int
    open: str
    close: str


@dataclass
class _FirstSeen:
    """Ids for the first occurrence of each kind of mark, linked from the apparatus.

    The ids sit in the Traditional text; ``blocks`` keeps the anchor of the paragraph or
    heading around each, for links that must work while the Traditional text is hidden.
    """

    ids: dict[str, str] = field(default_factory=dict)
    blocks: dict[str, str] = field(default_factory=dict)
    block: str = ""  # anchor of the block being rendered

    def claim(self, key: str, make_id: str) -> str:
        """``' id="…"'`` the first time ``key`` is seen, else ``''``."""
        if key in self.ids:
            return ""
        self.ids[key] = make_id
        self.blocks[key] = self.block
        return f' id="{make_id}"'


class SpeechRenderer:
    """Renders the spans of one speech in both scripts. ``source`` is the ``lang`` of the
    script the speech is written in: that column shows the text as written, the other
    the converter's output of it."""

    def __init__(self, source: str = HANT) -> None:
        self.source = source
        self.first = _FirstSeen()
        self.counts: Counter[str] = Counter()
        self.forms: dict[tuple[str, str], int] = {}

    # ------------------------------------------------------------------------ spans

    def spans(self, spans: tuple[Span, ...], lang: str,
              marks: list[Mark] | None = None) -> str:
        """HTML of a block's spans in one script; only the Traditional side counts.

        ``marks`` wrap ranges of the visible text (by default the non-standard forms on
        the Traditional side); a range boundary inside a placeholder or damaged run moves
        to its end, since those are shown whole.
        """
        pieces = ([s.visible for s in spans] if lang == self.source
                  else _converted_pieces(spans, _CONVERSIONS[lang]))
        if marks is None:
            # Non-standard forms are converter leftovers in Traditional text as written.
            marks = self._form_marks(spans) if lang == HANT == self.source else []
        counting = lang == HANT
        events = sorted(
            [(m.start, 1, i, m.open + m.close) for i, m in enumerate(marks) if m.start == m.end]
            + [(m.start, 1, i, m.open) for i, m in enumerate(marks) if m.start < m.end]
            + [(m.end, 0, i, m.close) for i, m in enumerate(marks) if m.start < m.end]
        )
        out: list[str] = []
        next_event = 0

        def emit_events(upto: float) -> None:
            nonlocal next_event
            while next_event < len(events) and events[next_event][0] <= upto:
                out.append(events[next_event][3])
                next_event += 1

        position = 0
        for span, text in zip(spans, pieces):
            if isinstance(span, SoftBreak):
                continue
            emit_events(position)
            if isinstance(span, Text):
                cursor = 0
                while next_event < len(events) and events[next_event][0] < position + len(text):
                    cut = events[next_event][0] - position
                    out.append(escape(text[cursor:cut]))
                    cursor = cut
                    emit_events(position + cut)
                out.append(escape(text[cursor:]))
            else:
                out.append(self._mark(span, text, lang, counting))
            position += len(text)
        emit_events(float("inf"))
        return "".join(out)

    def _form_marks(self, spans: tuple[Span, ...]) -> list[Mark]:
        marks = []
        for form in find_forms(spans):
            key = (form.text, form.standard)
            self.forms[key] = self.forms.get(key, 0) + 1
            anchor = self.first.claim(f"form:{form.text}:{form.standard}",
                                      f"form-{len(self.forms)}")
            note = escape(FORM_NOTE.format(form.standard))
            marks.append(Mark(
                form.start, form.end,
                f'<span class="ptx-form"{anchor} title="{note}"><span class="ptx-src">',
                f'</span><span class="ptx-std" {EDITORIAL_IN_HANT}>{escape(form.standard)}'
                "</span></span>",
            ))
        return marks

    def _mark(self, span: Span, text: str, lang: str, counting: bool) -> str:
        if isinstance(span, Reading):
            anchor = self.first.claim("reading", "first-reading") if counting else ""
            self.counts["readings"] += counting
            # Bare ruby: four thousand of them on a page. Only the Simplified side, which
            # is indexed, must keep the pinyin out of the search.
            exclude = " data-search-exclude" if lang == HANS else ""
            return (
                f"<ruby{anchor}>{escape(text)}<rp{exclude}>(</rp>"
                f"<rt{exclude}>{escape(span.pinyin)}</rt><rp{exclude}>)</rp></ruby>"
            )
        if isinstance(span, Redaction):
            anchor = self.first.claim("redaction", "first-redaction") if counting else ""
            self.counts["redactions"] += counting
            return (f'<span class="ptx-redaction" tabindex="0"{anchor}>{escape(text)}'
                    f"{_note(REDACTION_NOTE, lang)}</span>")
        if isinstance(span, Damage):
            anchor = self.first.claim("damage", "first-damage") if counting else ""
            self.counts["damaged"] += counting
            note = (DAMAGE_EVIDENCE_NOTE.format("、".join(span.evidence))
                    if span.evidence else DAMAGE_NOTE)
            return (f'<span class="ptx-damage" tabindex="0"{anchor}>{escape(text)}'
                    f"{_note(note, lang)}</span>")
        return escape(text)

    def in_script(self, text: str, lang: str) -> str:
        """Plain ``text`` of the speech in the script ``lang``."""
        return text if lang == self.source else _CONVERSIONS[lang](text)

    def both(self, spans: tuple[Span, ...], tag: str = "bdi") -> str:
        return two_scripts(self.spans(spans, HANT), self.spans(spans, HANS), tag)

    def pair(self, anchor: str, spans: tuple[Span, ...], extra_class: str = "") -> str:
        self.first.block = anchor
        classes = "ptx-pair" + (f" {extra_class}" if extra_class else "")
        return f'<div class="{classes}" id="{anchor}">{self.both(spans, "p")}</div>'

    def annotations(self) -> Annotations:
        return Annotations(
            readings=self.counts["readings"],
            redactions=self.counts["redactions"],
            damaged=self.counts["damaged"],
            forms=tuple((form, std, n) for (form, std), n in self.forms.items()),
        )


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


# ----------------------------------------------------------------------------- apparatus

APPARATUS_TITLE = "用字說明"
COUNT_LABELS = (
    ("readings", "reading", "原文注音"),
    ("redactions", "redaction", "隱去的文字（佔位符）"),
    ("damaged", "damage", "損壞的文字（亂碼）"),
)


def _same(text: str) -> str:
    return text


def render_apparatus(annotations: Annotations, first: _FirstSeen) -> str:
    """The closing note on the text: counts of each mark and every non-standard form,
    each linking to its first occurrence, in both scripts (the Simplified list links to
    the paragraph holding it, since the marked Traditional text may be hidden)."""

    def items(to: Callable[[str], str]) -> str:
        targets = first.ids if to is _same else first.blocks

        def link(key: str, label: str) -> str:
            anchor = targets.get(key)
            return f'<a href="#{anchor}">{label}</a>' if anchor else label

        rows = []
        for attr, key, label in COUNT_LABELS:
            count = getattr(annotations, attr)
            rows.append(f"<li>{link(key, escape(to(label)))}：{count}</li>")
        if annotations.forms:
            forms = "".join(
                f"<li>{link(f'form:{form}:{std}', escape(form))} → {escape(std)}"
                f"（{count}）</li>"
                for form, std, count in annotations.forms
            )
            heading = escape(to(f"非標準字形：{len(annotations.forms)} 種，"
                                f"{annotations.form_count} 處"))
            rows.append(f"<li>{heading}<ul>{forms}</ul></li>")
        return "<ul>" + "".join(rows) + "</ul>"

    hant = items(_same)
    hans = items(convert.to_simplified)
    title = two_scripts(APPARATUS_TITLE, convert.to_simplified(APPARATUS_TITLE))
    return (f'<section class="ptx-apparatus" {EDITORIAL}>'
            f'<h2 class="ptx-apparatus-title">{title}</h2>'
            f"{two_scripts(hant, hans, 'div')}</section>")
