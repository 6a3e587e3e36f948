"""The collation page of a group of witnesses: aligned columns, numbered entries, apparatus.

Each joint row of ``collate.align_witnesses`` is a ``<div class="ptx-collation-row">`` with
one cell per witness (the base first; as many columns as witnesses); each cell shows its
blocks in both scripts (the script toggle applies) with every entry of the apparatus
wrapped in ``<mark class="ptx-var …">`` and numbered, in every witness: a witness that
reads as the base there is marked ``ptx-var-same``. A reading that is empty (an omission,
or the base's side of an addition) is a numbered caret. The apparatus (``apparatus``)
lists each entry: the base's reading with the witnesses that agree, then every other
reading with the witnesses that have it, each linked to its place on its witness's page.

Differences of layout only (whitespace, character width) are marked and listed too, but
hidden until the reader ticks the checkbox 顯示空格與全半角之差: a native checkbox before
the rows, so CSS alone shows them (``collation.css``), without JavaScript or network.

Every character of every witness is in its cell; whatever the page adds (titles, sigla,
numbers, carets, links, the apparatus) carries ``data-editorial``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from build_tools.analysis.collate import (
    Entry,
    GroupCollation,
    WitnessReading,
    body_blocks,
)
from build_tools.render.collation_apparatus import (
    LAYOUT_PREFIX,
    apparatus_html,
    both,
    witness_note,
)
from build_tools.render.spans import (
    EDITORIAL,
    HANS,
    HANT,
    LANGS,
    Mark,
    SpeechRenderer,
    two_scripts,
)
from build_tools.text.model import Block, Heading, Speech

LAYOUT_SWITCH = "ptx-layout-switch"  # id of the checkbox that shows the layout layer

__all__ = ["Witness", "render_collation", "witness_note"]


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


@dataclass(frozen=True)
class Piece:
    """The part of one reading that falls in one block: ``start:end`` of its text."""

    entry: Entry
    reading: WitnessReading
    start: int
    end: int
    first: bool  # the reading's first piece: it carries the id and the number


def render_collation(collation: GroupCollation, witnesses: Sequence[Witness],
                     similarities: Sequence[float | None],
                     downloads: Sequence[tuple[str, str]] = ()) -> str:
    """The page; ``similarities[k]``: witness k against the base (None for the base);
    ``downloads``: (label, url) of the exported apparatus (TEI, CSV)."""
    sigla = collation.sigla
    pieces = [_pieces(collation, k, body_blocks(w.speech)) for k, w in enumerate(witnesses)]
    renderers = {w.script: SpeechRenderer(LANGS[w.script]) for w in witnesses}
    parts = [
        f'<article class="ptx-collation" style="--ptx-witnesses: {len(witnesses)}">',
        (f'<h1 id="collation" {EDITORIAL}>'
         f"{both('校勘：' + ' ⇄ '.join(w.label for w in witnesses))}</h1>"),
        _intro(collation, witnesses, similarities),
        _downloads(downloads),
        _layout_switch(len(collation.layout)),
        '<div class="ptx-collation-head" data-editorial data-search-exclude>'
        + "".join(f'<div><a href="{escape(w.url)}">'
                  f"{both(f'{siglum} ' + ('底本：' if k == 0 else '') + w.label)}</a></div>"
                  for k, (siglum, w) in enumerate(zip(sigla, witnesses)))
        + "</div>",
    ]
    for row in collation.rows:
        cells = [
            _cell(renderers[w.script], row.cells[k], row.starts[k], pieces[k],
                  sigla[k].lower(), w)
            for k, w in enumerate(witnesses)
        ]
        parts.append('<div class="ptx-collation-row">'
                     + "".join(f'<div class="ptx-col">{cell}</div>' for cell in cells)
                     + "</div>")
    parts.append(apparatus_html(collation, witnesses, [body_blocks(w.speech)
                                                       for w in witnesses]))
    parts.append("</article>")
    return "\n".join(parts)


def _intro(collation: GroupCollation, witnesses: Sequence[Witness],
           similarities: Sequence[float | None]) -> str:
    sigla = collation.sigla
    others = "、".join(
        f"{siglum} {w.label}" + (f"（與底本相同之處約 {s:.1%}）" if s is not None else "")
        for siglum, w, s in zip(sigla[1:], witnesses[1:], similarities[1:]))
    text = (f"底本 {sigla[0]} {witnesses[0].label}，校本 {others}：逐段對齊，"
            f"異文 {len(collation.entries)} 處，以編號標出，校勘記列出每處各本的讀法；"
            f"另有只差空格或全角半角之處 {len(collation.layout)} 處，默認不標。")
    return f'<p class="ptx-collation-intro" {EDITORIAL}>{both(text)}</p>'


def _downloads(downloads: Sequence[tuple[str, str]]) -> str:
    if not downloads:
        return ""
    links = " · ".join(f'<a href="{escape(url)}" download>{escape(label)}</a>'
                       for label, url in downloads)
    return (f'<p class="ptx-collation-downloads" {EDITORIAL}>'
            f"{both('下載校勘記：')}{links}</p>")


def _layout_switch(count: int) -> str:
    """The checkbox and its label: direct children of the article, before the rows and
    the apparatus, which CSS reaches with ``:checked ~``."""
    label = f"顯示空格與全半角之差（{count} 處）"
    return (f'<input type="checkbox" id="{LAYOUT_SWITCH}" class="ptx-layout-switch" '
            f"{EDITORIAL}>"
            f'<label for="{LAYOUT_SWITCH}" class="ptx-layout-label" {EDITORIAL}>'
            f"{both(label)}</label>")


def _pieces(collation: GroupCollation, witness: int,
            blocks: Sequence[Block]) -> dict[int, list[Piece]]:
    """Every entry's reading in ``witness``, cut at block ends, by block index."""
    by_block: dict[int, list[Piece]] = defaultdict(list)
    for entry in (*collation.entries, *collation.layout):
        reading = entry.reading_of(witness)
        location = reading.location(witness)
        block, start, left = location.block, location.offset, len(reading.text)
        first = True
        while True:
            size = len(blocks[block].visible) if block < len(blocks) else 0
            end = min(size, start + left) if left else start
            by_block[block].append(Piece(entry, reading, start, end, first))
            left -= end - start
            if left <= 0 or block + 1 >= len(blocks):
                break
            block, start, first = block + 1, 0, False
    return by_block


def _marks(pieces: list[Piece], side: str, base: bool) -> list[Mark]:
    """Marks for one block; ``side``: the witness's siglum in ids, empty for no ids."""
    marks = []
    for piece in pieces:
        entry, reading = piece.entry, piece.reading
        layer = LAYOUT_PREFIX if entry.layout else ""
        label = f"{layer}{entry.number}"
        kind = (entry.kind if base else "same") if reading.kind is None else reading.kind
        classes = f"ptx-var-{kind}" + (" ptx-var-layout" if entry.layout else "")
        anchor = (f' id="{"l" if layer else "v"}{entry.number}-{side}"'
                  if side and piece.first else "")
        number = (f'<sup class="ptx-var-n" {EDITORIAL}>{label}</sup>' if piece.first else "")
        if piece.start == piece.end:
            marks.append(Mark(piece.start, piece.end,
                              f'<span class="ptx-var-gap {classes}"{anchor} {EDITORIAL}>‸'
                              f"{number}", "</span>"))
        else:
            marks.append(Mark(piece.start, piece.end,
                              f'<mark class="ptx-var {classes}"{anchor}>', f"</mark>{number}"))
    return marks


def _cell(renderer: SpeechRenderer, blocks: tuple[Block, ...], first: int,
          pieces: dict[int, list[Piece]], side: str, witness: Witness) -> str:
    parts = []
    base = side == "a"
    for index, block in enumerate(blocks, start=first):
        block_pieces = pieces.get(index, [])
        hant = renderer.spans(block.spans, HANT, _marks(block_pieces, side, base))
        hans = renderer.spans(block.spans, HANS, _marks(block_pieces, "", base))
        kind = "ptx-col-heading" if isinstance(block, Heading) else "ptx-col-para"
        link = (f'<a class="ptx-col-line" href="{escape(witness.link(block))}" {EDITORIAL}>'
                f"{block.line}</a>")
        parts.append(f'<div class="{kind}">{link}{two_scripts(hant, hans, "p")}</div>')
    return "".join(parts)
