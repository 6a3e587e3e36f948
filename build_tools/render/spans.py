"""Spans in both scripts: the source's inline text, readings, placeholders and damage as
HTML, one script at a time. The only code that escapes source text.

Source text never passes through Markdown: every character is written with
``html.escape`` into elements built here, so nothing in a source line can become markup,
an attribute, a template or an include. Attributes carry only values made here (ids,
class names, notes, standard forms found by ``annotate``).

The column of the script a speech is written in shows its text as written; the other
column shows the converter's output of it. Whatever the project adds (notes, standard
forms) carries ``data-editorial`` and stays out of the search.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape
from typing import Callable

from build_tools.analysis import convert
from build_tools.analysis.annotate import find_forms
from build_tools.text.model import Damage, Reading, Redaction, SoftBreak, Span, Text

HANT, HANS = "zh-Hant", "zh-Hans"
LANGS = {"hant": HANT, "hans": HANS}  # script (see ``script``) → lang attribute
# The converter into each script: what the column of the script a text is not written in shows.
_CONVERSIONS: dict[str, Callable[[str], str]] = {
    HANT: lambda text: convert.to_traditional(text),
    HANS: lambda text: convert.to_simplified(text),
}
ORIGIN_NOTE = ("原文為{}，{}由 OpenCC 轉換（{}）", "原文为{}，{}由 OpenCC 转换（{}）")
SCRIPT_LABELS = {HANT: ("繁體", "繁体"), HANS: ("簡體", "简体")}

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
CHOICE_NOTE = "一簡對多繁：原文「{}」，此處轉為「{}」，也可作「{}」"


@dataclass(frozen=True)
class Annotations:
    """What a speech's apparatus counts; ``check`` reports the same numbers."""

    readings: int = 0
    redactions: int = 0
    damaged: int = 0
    forms: tuple[tuple[str, str, int], ...] = ()  # (form, standard, count), first seen first
    # (Simplified, the Traditional chosen, the other candidates, count), first seen first
    choices: tuple[tuple[str, str, str, int], ...] = ()

    @property
    def form_count(self) -> int:
        return sum(n for _, _, n in self.forms)


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
class FirstSeen:
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
        self.first = FirstSeen()
        self.counts: Counter[str] = Counter()
        self.forms: dict[tuple[str, str], int] = {}
        self.choices: dict[tuple[str, str, str], int] = {}

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
            # Non-standard forms are converter leftovers in Traditional text as written;
            # the converter's choices are marked in Traditional text it wrote.
            marks = (self._form_marks(spans) if lang == HANT == self.source
                     else self._choice_marks(spans, pieces) if lang == HANT else [])
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

    def _choice_marks(self, spans: tuple[Span, ...], pieces: list[str]) -> list[Mark]:
        """Each character of Simplified source text that stands for several Traditional
        ones (``one_to_many``), where the converter chose; not inside a term of the
        rules (``conversions.yml``), which settled it."""
        visible = "".join(span.visible for span in spans)
        converted = "".join(pieces)
        if len(converted) != len(visible):
            return []
        converter = convert.current()
        table = converter.one_to_many()
        eligible = [isinstance(span, (Text, Reading)) for span in spans for _ in span.visible]
        for start, end in converter.rule_spans(visible):
            eligible[start:end] = [False] * (end - start)
        marks = []
        for i, (simplified, chosen) in enumerate(zip(visible, converted)):
            candidates = table.get(simplified) if eligible[i] else None
            if not candidates or chosen not in candidates:
                continue
            others = "、".join(c for c in candidates if c != chosen)
            key = (simplified, chosen, others)
            self.choices[key] = self.choices.get(key, 0) + 1
            anchor = self.first.claim(f"choice:{simplified}:{chosen}",
                                      f"choice-{len(self.choices)}")
            note = escape(CHOICE_NOTE.format(simplified, chosen, others))
            marks.append(Mark(i, i + 1, f'<span class="ptx-choice"{anchor} title="{note}">',
                              "</span>"))
        return marks

    def _mark(self, span: Span, text: str, lang: str, counting: bool) -> str:
        if isinstance(span, Reading):
            anchor = self.first.claim("reading", "first-reading") if counting else ""
            self.counts["readings"] += counting
            # Bare ruby, no attributes: thousands of them on a page. The search index is
            # built from the model (``search_records``) and leaves readings out; a page
            # read for search skips <rt> and <rp> by their tag. The end tags of rp and rt
            # are left out, as HTML allows (an rp or rt ends at the next rp or rt and at
            # the end of the ruby): the same elements, 15 bytes fewer each.
            return f"<ruby{anchor}>{escape(text)}<rp>(<rt>{escape(span.pinyin)}<rp>)</ruby>"
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
            choices=tuple((s, t, others, n) for (s, t, others), n in self.choices.items()),
        )
