"""The collation page of two witnesses: aligned columns, numbered variants, apparatus.

Each aligned row of ``collate.align`` is a ``<div class="ptx-collation-row">`` with one
cell per witness; each cell shows its blocks in both scripts (the script toggle applies)
with every variant wrapped in ``<mark class="ptx-var …">`` and numbered. A variant that is
absent on one side (an omission or an addition) is a numbered caret there. The apparatus
lists each variant: number, where it is (a link to the paragraph on the witness's page),
the base reading, the other reading and its kind, then the counts per kind.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape

from build_tools.analysis import convert
from build_tools.analysis.collate import Collation, Variant, body_blocks
from build_tools.text.model import Heading, Speech
from build_tools.render.spans import EDITORIAL, HANS, HANT, LANGS, Mark, SpeechRenderer, two_scripts

KIND_LABELS = {
    "damage": "損壞",
    "numeral": "數字寫法",
    "transposition": "倒文",
    "punctuation": "標點",
    "layout": "空格或全半角",
    "omission": "脫文",
    "addition": "衍文",
    "substitution": "異文",
}
KIND_NOTES = {
    "damage": "一方文字損壞",
    "numeral": "數字寫法不同",
    "transposition": "字詞次序顛倒",
    "punctuation": "只差標點",
    "layout": "只差空格或全角半角",
    "omission": "校本缺此文字",
    "addition": "校本多出文字",
    "substitution": "用字或用詞不同",
}
VALUE_CHANGED = "數值也不同"


@dataclass(frozen=True)
class Witness:
    speech: Speech
    label: str  # "第一篇"
    url: str  # relative link to its page
    heading_anchors: dict[int, str]  # source line of a heading → its id on that page
    script: str = "hant"  # the script it is written in (see ``script``)

    def link(self, block) -> str:
        """Where a block is on the witness's page: a heading by its id, else its pair."""
        if isinstance(block, Heading):
            return f"{self.url}#{self.heading_anchors.get(block.line, f'p{block.line}')}"
        return f"{self.url}#p{block.line}"


def _both(text: str) -> str:
    return two_scripts(escape(text), escape(convert.to_simplified(text)))


def _variant_marks(variants: list[tuple[Variant, int, int]], side: str) -> list[Mark]:
    """Marks for one block: ``(variant, start, end)`` ranges in its visible text."""
    marks = []
    for variant, start, end in variants:
        number = variant.number
        anchor = f' id="v{number}-{side}"' if side else ""
        caret = f'<sup class="ptx-var-n" {EDITORIAL}>{number}</sup>'
        if start == end:
            marks.append(Mark(start, end, f'<span class="ptx-var-gap"{anchor}>‸{caret}', "</span>"))
        else:
            marks.append(Mark(
                start, end,
                f'<mark class="ptx-var ptx-var-{variant.kind}"{anchor}>',
                f"</mark>{caret}",
            ))
    return marks


def _ranges_by_block(collation: Collation, base_side: bool) -> dict[int, list]:
    ranges: dict[int, list] = defaultdict(list)
    for variant in collation.variants:
        location = variant.base_location if base_side else variant.other_location
        text = variant.base_text if base_side else variant.other_text
        ranges[location.block].append((variant, location.offset, location.offset + len(text)))
    return ranges


def _cell(renderer: SpeechRenderer, blocks, first: int, ranges, side: str,
          witness: Witness) -> str:
    parts = []
    for index, block in enumerate(blocks, start=first):
        block_ranges = [(v, a, min(b, len(block.visible))) for v, a, b in ranges.get(index, [])]
        hant = renderer.spans(block.spans, HANT, _variant_marks(block_ranges, side))
        hans = renderer.spans(block.spans, HANS, _variant_marks(block_ranges, ""))
        kind = "ptx-col-heading" if isinstance(block, Heading) else "ptx-col-para"
        link = (f'<a class="ptx-col-line" href="{escape(witness.link(block))}" {EDITORIAL}>'
                f"{block.line}</a>")
        parts.append(f'<div class="{kind}">{link}{two_scripts(hant, hans, "p")}</div>')
    return "".join(parts)


def render_collation(collation: Collation, base: Witness, other: Witness,
                     similarity: float) -> str:
    renderers = {w.script: SpeechRenderer(LANGS[w.script]) for w in (base, other)}
    base_blocks = body_blocks(base.speech)
    other_blocks = body_blocks(other.speech)
    base_ranges = _ranges_by_block(collation, True)
    other_ranges = _ranges_by_block(collation, False)
    percent = f"{similarity:.1%}"
    parts = [
        '<article class="ptx-collation">',
        f'<h1 id="collation" {EDITORIAL}>'
        f"{_both(f'校勘：{base.label} ⇄ {other.label}')}</h1>",
        f'<p class="ptx-collation-intro" {EDITORIAL}>'
        + _both(f"底本 {base.label}，校本 {other.label}：兩本文字相同之處約 {percent}，"
                f"異文 {len(collation.variants)} 處，逐段對齊，異文以編號標出。")
        + "</p>",
        '<div class="ptx-collation-head" data-editorial data-search-exclude>'
        f'<div><a href="{escape(base.url)}">{_both(f"底本：{base.label}")}</a></div>'
        f'<div><a href="{escape(other.url)}">{_both(f"校本：{other.label}")}</a></div></div>',
    ]
    for row in collation.rows:
        left = _cell(renderers[base.script], row.base, row.base_start, base_ranges, "a", base)
        right = _cell(renderers[other.script], row.other, row.other_start, other_ranges, "b",
                      other)
        parts.append(f'<div class="ptx-collation-row"><div class="ptx-col">{left}</div>'
                     f'<div class="ptx-col">{right}</div></div>')
    parts.append(_apparatus(collation, base, other, base_blocks, other_blocks))
    parts.append("</article>")
    return "\n".join(parts)


def _apparatus(collation: Collation, base: Witness, other: Witness, base_blocks,
               other_blocks) -> str:
    rows = []
    for v in collation.variants:
        note = KIND_NOTES[v.kind] + ("，" + VALUE_CHANGED if v.changes_value else "")
        rows.append(
            "<tr>"
            f'<td><a href="#v{v.number}-a">{v.number}</a></td>'
            f'<td><a href="{escape(_located(base, base_blocks, v.base_location))}">'
            f"{v.base_location.line}</a> / "
            f'<a href="{escape(_located(other, other_blocks, v.other_location))}">'
            f"{v.other_location.line}</a></td>"
            f"<td>{escape(v.base_text) or '—'}</td><td>{escape(v.other_text) or '—'}</td>"
            f'<td title="{escape(note)}">{_both(KIND_LABELS[v.kind])}</td>'
            "</tr>"
        )
    counts = "".join(
        f"<li>{_both(KIND_LABELS[kind])}：{count}</li>"
        for kind, count in collation.counts_by_kind.items()
    )
    head = "".join(f"<th>{_both(h)}</th>" for h in ("號", "行（底本 / 校本）", "底本", "校本", "類別"))
    return (
        f'<section class="ptx-apparatus ptx-variant-apparatus" {EDITORIAL}>'
        f'<h2 id="apparatus">{_both("校勘記")}</h2>'
        f"<ul>{counts}</ul>"
        f'<table class="ptx-variants"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _located(witness: Witness, blocks, location) -> str:
    if 0 <= location.block < len(blocks):
        return witness.link(blocks[location.block])
    return f"{witness.url}#p{location.line}"


def witness_note(links: list[tuple[str, str, str, float]]) -> str:
    """The box on a witness's page: ``(other label, other url, collation url, similarity)``."""
    items = "".join(
        f'<li><a href="{escape(url)}">{_both(label)}</a>（{similarity:.1%}）：'
        f'<a href="{escape(collation_url)}">{_both("逐段校勘")}</a></li>'
        for label, url, collation_url, similarity in links
    )
    return (f'<aside class="ptx-witnesses" {EDITORIAL}>'
            f"{_both('本篇另有版本：')}<ul>{items}</ul></aside>")
