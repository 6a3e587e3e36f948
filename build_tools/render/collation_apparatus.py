"""The apparatus of a collation page, and the note on each witness's own page.

One table row per entry: its number (a link to its mark in the base's column), the base's
reading with the witnesses that agree, every other reading with the witnesses that have it
and its kind, each witness named by its siglum and linked to the paragraph on its page.
Entries of layout only are a second table, shown with the layer (see ``collation``).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from build_tools.analysis import convert
from build_tools.analysis.collate import Entry, GroupCollation, Location, WitnessReading
from build_tools.render.spans import EDITORIAL, two_scripts

LAYOUT_PREFIX = "L"  # layout entries are numbered L1, L2 … apart from the readings
KIND_LABELS = {
    "damage": "損壞",
    "numeral": "數字寫法",
    "transposition": "倒文",
    "punctuation": "標點",
    "omission": "脫文",
    "addition": "衍文",
    "substitution": "異文",
    "layout": "空格或全半角",
}
KIND_NOTES = {
    "damage": "一方文字損壞",
    "numeral": "數字寫法不同",
    "transposition": "字詞次序顛倒",
    "punctuation": "只差標點",
    "omission": "校本缺此文字",
    "addition": "校本多出文字",
    "substitution": "用字或用詞不同",
    "layout": "只差空格或全角半角",
}
VALUE_CHANGED = "數值也不同"
EMPTY_READING = "〔無〕"  # a witness that has no text here
HEADERS = ("號", "底本及同者", "異文及其版本", "類別")


def both(text: str) -> str:
    """Editorial text in both scripts."""
    return two_scripts(escape(text), escape(convert.to_simplified(text)))


def apparatus_html(collation: GroupCollation, witnesses, blocks) -> str:
    """The apparatus: counts per kind, the entries, then the layout layer apart.

    ``witnesses``: the page's ``Witness``es in group order; ``blocks``: each one's body
    blocks, which locations index."""
    sigla = collation.sigla

    def rows(entries: Sequence[Entry]) -> str:
        return "".join(_row(entry, witnesses, blocks, sigla) for entry in entries)

    counts = "".join(f"<li>{both(KIND_LABELS[kind])}：{count}</li>"
                     for kind, count in collation.counts_by_kind.items())
    counts += (f'<li class="ptx-layout-count">{both("空格或全半角（另列）")}：'
               f"{len(collation.layout)}</li>")
    head = "".join(f"<th>{both(h)}</th>" for h in HEADERS)
    table = '<table class="ptx-variants"><thead><tr>' + head + "</tr></thead><tbody>{}</tbody></table>"
    return (
        f'<section class="ptx-apparatus ptx-variant-apparatus" {EDITORIAL}>'
        f'<h2 id="apparatus">{both("校勘記")}</h2>'
        f"<ul>{counts}</ul>{table.format(rows(collation.entries))}</section>\n"
        f'<section class="ptx-apparatus ptx-layout-apparatus" {EDITORIAL}>'
        f'<h2 id="layout">{both("空格與全半角之差")}</h2>'
        f"{table.format(rows(collation.layout))}</section>"
    )


def _row(entry: Entry, witnesses, blocks, sigla) -> str:
    label = f"{LAYOUT_PREFIX if entry.layout else ''}{entry.number}"
    anchor = f"{'l' if entry.layout else 'v'}{entry.number}-{sigla[0].lower()}"
    others = "".join(f"<li>{_reading(r, witnesses, blocks, sigla, kind=True)}</li>"
                     for r in entry.readings)
    kinds = "、".join(KIND_LABELS[kind] for kind in entry.kinds)
    return (
        f'<tr><td><a href="#{anchor}">{label}</a></td>'
        f"<td>{_reading(entry.lemma, witnesses, blocks, sigla)}</td>"
        f'<td><ul class="ptx-readings">{others}</ul></td>'
        f"<td>{both(kinds)}</td></tr>"
    )


def _reading(reading: WitnessReading, witnesses, blocks, sigla, kind: bool = False) -> str:
    text = (f'<span class="ptx-reading">{escape(reading.text)}</span>' if reading.text
            else f'<span class="ptx-reading-empty">{both(EMPTY_READING)}</span>')
    where = "，".join(
        f'<a href="{escape(_located(witnesses[w], blocks[w], location))}">'
        f"{sigla[w]} {location.line}</a>"
        for w, location in zip(reading.witnesses, reading.locations))
    note = ""
    if kind and reading.kind is not None:
        title = KIND_NOTES[reading.kind] + ("，" + VALUE_CHANGED if reading.changes_value
                                            else "")
        note = (f' <span class="ptx-reading-kind" title="{escape(title)}">'
                f"{both(KIND_LABELS[reading.kind])}</span>")
    return f'{text} <span class="ptx-sigla">{where}</span>{note}'


def _located(witness, blocks, location: Location) -> str:
    if 0 <= location.block < len(blocks):
        return witness.link(blocks[location.block])
    return f"{witness.url}#p{location.line}"


def witness_note(links: list[tuple[str, str, str, float]]) -> str:
    """The box on a witness's page: ``(other label, other url, collation url, similarity)``."""
    items = "".join(
        f'<li><a href="{escape(url)}">{both(label)}</a>（{similarity:.1%}）：'
        f'<a href="{escape(collation_url)}">{both("逐段校勘")}</a></li>'
        for label, url, collation_url, similarity in links
    )
    return (f'<aside class="ptx-witnesses" {EDITORIAL}>'
            f"{both('本篇另有版本：')}<ul>{items}</ul></aside>")
