"""Search folding: one normalised form of the text, whichever script it is read or typed in.

Search matches a query exactly against a *folded* form of the text, in which

- every character of the corpus whose Simplified form (OpenCC ``t2s``, one character at a
  time) is another single character is replaced by it: 脫 → 脱, 貧 → 贫, so 脫貧攻堅 and
  脱贫攻坚 fold alike;
- ASCII capitals become small letters;
- whitespace (``WHITESPACE``) is left out: ``9 分落實`` holds ``9分落实``.

Nothing else changes: punctuation, digits, placeholders and damaged text stay as they are.
The same table folds the index (in the search worker, or here for Pagefind's records) and
the reader's query (in the browser), so a query folds to a piece of the folded text exactly
when the page holds it. The table covers every character a reader sees in the corpus, in
both columns (the column a speech is written in and the converted one), since a query can
only match characters the pages have.

Phrase conversion can make a column's text fold unlike the other column's (反覆 in the
Traditional text, 反复 in the Simplified one): the index keeps both folded forms of such a
block, so either spelling finds it.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Iterable

from build_tools.analysis import convert
from build_tools.analysis.cache import ContentCache
from build_tools.text.model import Collection

QUERY_TABLE_ASSET = "search-table.js"

# What folding leaves out; the browser's copy is in assets/search-worker.js and
# assets/search-mark.js (JavaScript's \s differs from str.isspace, so the set is spelled out).
WHITESPACE = frozenset(
    " \t\n\r\f\v\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)
ASCII_CAPITALS = re.compile("[A-Z]")
# A query: words separated by whitespace, each required; a quoted phrase ("…", “…”, 「…」)
# is one term, whitespace inside it left out like everywhere else.
QUERY_TERM = re.compile(r'"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|([^\s"“「]+)')

def _shown_characters(collection: Collection) -> frozenset[str]:
    """Every character of a file as the pages show it: as written and converted both ways
    (block by block, so that OpenCC's phrases produce the characters the page has)."""
    chars: set[str] = set()
    for speech in collection.speeches:
        runs = [speech.title_spans, *(t.spans for t in speech.front),
                *(getattr(block, "spans", ()) for block in speech.blocks())]
        for spans in runs:
            text = "".join(span.visible for span in spans)
            chars.update(text, convert.to_simplified(text), convert.to_traditional(text))
    return frozenset(chars)


def character_table(collections: Iterable[Collection],
                    cache: ContentCache[frozenset[str]] | None = None) -> dict[str, str]:
    """The folding table: every character shown in the corpus whose Simplified form is
    another single character → that form (followed to its end, so folding twice changes
    nothing). ``cache`` (the plugin's) keeps each file's characters by its text, across
    rebuilds and, on disk, across builds."""
    converter = convert.current()
    cache = cache if cache is not None else ContentCache()
    chars: set[str] = set()
    for collection in collections:
        digest = hashlib.sha256(collection.source.encode("utf-8")).hexdigest()
        chars |= cache.get((collection.path, digest, converter.rules, converter.standard),
                           lambda c=collection: _shown_characters(c))
    table = {}
    for ch in sorted(chars):
        folded = convert.to_simplified(ch)
        if len(folded) == 1 and folded != ch and len(folded.encode("utf-16-le")) == len(
                ch.encode("utf-16-le")):
            table[ch] = folded
    for ch, folded in table.items():
        seen = {ch}
        while folded in table and folded not in seen:
            seen.add(folded)
            folded = table[folded]
        table[ch] = folded
    return table


def fold(text: str, table: dict[str, str]) -> str:
    """``text`` folded (see the module's docstring)."""
    return "".join(
        table.get(ch, ch.lower() if "A" <= ch <= "Z" else ch)
        for ch in text if ch not in WHITESPACE
    )


def query_terms(query: str, table: dict[str, str]) -> list[str]:
    """The folded terms of a query, each required, in order, repeats dropped."""
    terms: list[str] = []
    for match in QUERY_TERM.finditer(query):
        term = fold(next(group for group in match.groups() if group is not None), table)
        if term and term not in terms:
            terms.append(term)
    return terms


def table_script(table: dict[str, str]) -> str:
    """The table as a script defining ``window.ptxSearchTable`` (loaded before Material)."""
    payload = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.ptxSearchTable={payload};\n"
