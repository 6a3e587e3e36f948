"""Search records: what the search index holds of each page, from the document model.

A page's record is its blocks in reading order, each with the anchor a result links to
and its text in both scripts as the page shows it: the title first (anchor ``""``: a hit
there links to the page itself), then the subtitle, the headings (their ids) and the
paragraphs (``p<line>``). Pinyin, notes, standard forms, article labels, the repeated title
lines and the apparatus are not text of the speech and are left out; so is everything the
toolbar adds in the browser.

Two encodings of the same records:

- ``index_docs``: the documents of the site's own index (``search/search_index.json``,
  read by ``assets/search-worker.js``): the Simplified text of each block and, for the
  Traditional text, only what a corpus-wide table (``hant_defaults``) does not predict;
- ``pagefind_content``: the folded text as a stream of words for Pagefind, one word per
  character (``token``), so that Pagefind's exact phrase search is an exact substring
  search; ``BOUNDARY`` between blocks keeps a phrase from running across two.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from build_tools.analysis import convert
from build_tools.analysis.terms import fold
from build_tools.text.model import Heading, Paragraph, Span, Speech

BOUNDARY = "7"  # no character's token is "7" or starts with it (see ``token``)


@dataclass(frozen=True)
class SearchBlock:
    anchor: str  # the element's id on the page; "" for the title
    hant: str
    hans: str
    heading: bool = False


@dataclass(frozen=True)
class SearchPage:
    url: str  # relative to the site's root, as MkDocs gives it
    blocks: tuple[SearchBlock, ...]  # the title first

    @property
    def title(self) -> SearchBlock:
        return self.blocks[0]


def _converted(spans: tuple[Span, ...], to) -> str:
    """The spans' visible text in the other script, as the page converts it: the whole
    block at once, or span by span where that would change its length."""
    visible = [span.visible for span in spans]
    whole = to("".join(visible))
    return whole if len(whole) == sum(map(len, visible)) else "".join(to(t) for t in visible)


def _block(anchor: str, spans: tuple[Span, ...], script: str, heading: bool) -> SearchBlock:
    written = "".join(span.visible for span in spans)
    if script == "hans":
        return SearchBlock(anchor, _converted(spans, convert.to_traditional), written, heading)
    return SearchBlock(anchor, written, _converted(spans, convert.to_simplified), heading)


def speech_page(url: str, speech: Speech, script: str, titles: tuple[str, str],
                heading_anchors: dict[int, str]) -> SearchPage:
    """The record of a speech page; ``titles`` are its title in both scripts as results
    show it (with the ordinal), ``heading_anchors`` the ids its headings have."""
    blocks = [SearchBlock("", titles[0], titles[1], True)]
    subtitle = speech.subtitle
    if subtitle is not None:
        blocks.append(_block(f"p{subtitle.line}", subtitle.spans, script, False))
    for block in speech.blocks():
        if isinstance(block, Heading) and block.line in heading_anchors:
            blocks.append(_block(heading_anchors[block.line], block.spans, script, True))
        elif isinstance(block, Paragraph):
            blocks.append(_block(f"p{block.line}", block.spans, script, False))
    return SearchPage(url, tuple(b for b in blocks if b.hans.strip() or b is blocks[0]))


def text_page(url: str, title: str, sections: Iterable[tuple[str, str, bool]]) -> SearchPage:
    """The record of a page written in one script (the site's own Markdown pages):
    ``sections`` are (anchor, plain text, is a heading)."""
    def both(text: str, anchor: str, heading: bool) -> SearchBlock:
        return SearchBlock(anchor, convert.to_traditional(text), convert.to_simplified(text),
                           heading)
    blocks = [both(title, "", True)]
    blocks += [both(text, anchor, heading) for anchor, text, heading in sections if text.strip()]
    return SearchPage(url, tuple(blocks))


# ----------------------------------------------------------------- the site's own index


def hant_defaults(pages: Iterable[SearchPage]) -> dict[str, str]:
    """Simplified character → the Traditional one that most often stands for it in the
    corpus, where that is another character (ties: the smaller code point)."""
    pairs: Counter[tuple[str, str]] = Counter()
    for page in pages:
        for block in page.blocks:
            if len(block.hant) == len(block.hans):
                pairs.update(zip(block.hans, block.hant))
    best: dict[str, tuple[int, str]] = {}
    for (hans, hant), count in pairs.items():
        if hans not in best or (-count, hant) < (-best[hans][0], best[hans][1]):
            best[hans] = (count, hant)
    return {hans: hant for hans, (_, hant) in sorted(best.items()) if hant != hans}


def _hant_spec(block: SearchBlock, defaults: dict[str, str]) -> int | str | list:
    """0 when ``defaults`` give the Traditional text; else the places where they do not
    ([index, character, …], by code point), or the whole text if its length differs."""
    if len(block.hant) != len(block.hans):
        return block.hant
    exceptions: list = []
    for i, (hans, hant) in enumerate(zip(block.hans, block.hant)):
        if defaults.get(hans, hans) != hant:
            exceptions += [i, hant]
    return exceptions or 0


def index_docs(pages: list[SearchPage], defaults: dict[str, str]) -> list[dict]:
    """The documents of the index: per page its location and blocks, each block
    ``[anchor, Simplified text]``, then the Traditional spec and 1 for a heading when
    they are not 0."""
    docs = []
    for page in pages:
        blocks = []
        for block in page.blocks:
            entry = [block.anchor, block.hans, _hant_spec(block, defaults), int(block.heading)]
            while len(entry) > 2 and entry[-1] == 0:
                entry.pop()
            blocks.append(entry)
        docs.append({"location": page.url, "blocks": blocks})
    return docs


# ------------------------------------------------------------------------------ Pagefind


def token(ch: str) -> str:
    """The word standing for one folded character: its code point, five digits in the
    Basic Multilingual Plane, else ``9`` and seven. No word is the start of another."""
    point = ord(ch)
    return f"{point:05d}" if point < 0x10000 else f"9{point:07d}"


def pagefind_content(page: SearchPage, table: dict[str, str]) -> tuple[str, int]:
    """Pagefind's content for a page, and how many words its title takes (they come
    first: a hit among them is a title hit). A block whose Traditional text folds unlike
    its Simplified text is there in both forms."""
    runs: list[str] = []
    for block in page.blocks:
        hans, hant = fold(block.hans, table), fold(block.hant, table)
        for form in dict.fromkeys((hans, hant)):
            if form:
                runs.append(" ".join(token(ch) for ch in form))
    return f" {BOUNDARY} ".join(runs), len(fold(page.title.hans, table))
