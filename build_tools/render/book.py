"""The book: the whole collection on one page, for printing (the PDF).

A cover (the site name, description, author, licence line and the number of speeches), a
table of contents (every speech, with its top-level sections, linked) and every speech as
rendered for its own page, one after the other, each starting on a new printed page.

Every ``id`` (and every ``href="#…"`` pointing at one) inside a speech gets the prefix
``s<n>-`` (n: the speech's place in the book), since two speeches can share heading ids
(the seed's 第一篇 and 第二篇 have the same title). An id too long for a PDF name is cut
short and ends in a hash of the whole (``book_id``): Chromium names each link's PDF
destination after its target's id, percent-encoded, and a PDF name holds 127 bytes at
most (poppler warns about every longer one). The print layout itself is in
``print-book.css``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html import escape, unescape
from urllib.parse import quote

from build_tools.analysis import convert
from build_tools.render.speech import RenderedSpeech
from build_tools.render.spans import two_scripts

CONTENTS = "目錄"
# Sections of a speech listed in the table of contents (the PDF outline has them all).
CONTENTS_DEPTH = 2

# The longest PDF name (PDF 1.7, annex C); poppler warns about a longer one.
PDF_NAME_LIMIT = 127
HASH_LENGTH = 8

_ID = re.compile(r' id="([^"]*)"')
_FRAGMENT = re.compile(r' href="#([^"]*)"')


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


def both_scripts(hant: str) -> str:
    """Plain Traditional text in both scripts, escaped."""
    return two_scripts(escape(hant), escape(convert.to_simplified(hant)))


@dataclass(frozen=True)
class Cover:
    """What the cover says of the collection (plain text, escaped here)."""

    title: str
    description: str = ""
    author: str = ""
    licence: str = ""


def render_book(cover: Cover, speeches: list[tuple[str, RenderedSpeech]]) -> str:
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
        f'<h1 id="ptx-book-cover">{both_scripts(cover.title)}</h1>'
        + "".join(f'<p class="ptx-book-{kind}">{both_scripts(text)}</p>'
                  for kind, text in (("description", cover.description),
                                     ("author", cover.author)) if text)
        + f'<p class="ptx-book-count">{escape(count)}</p>'
        + (f'<p class="ptx-book-licence">{both_scripts(cover.licence)}</p>'
           if cover.licence else "")
        + "</section>"
        '<nav class="ptx-book-contents" aria-labelledby="ptx-book-contents">'
        f'<h1 id="ptx-book-contents">{both_scripts(CONTENTS)}</h1>'
        f'<ol>{"".join(toc)}</ol>'
        "</nav>"
        f'<div class="ptx-book-speeches">{"".join(bodies)}</div>'
        "</div>"
    )


