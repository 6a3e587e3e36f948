"""Search in either script from one index.

The search index holds the Simplified text only (Traditional elements carry
``data-search-exclude``): Traditional → Simplified is many-to-one, so one normalised
script serves both, keeps the index the size of a single-script site, and suits jieba,
whose dictionary is Simplified. A query typed in Traditional is converted in the browser
before it reaches the search worker, with a character table built from the corpus: only
characters that occur in the corpus can match anything, so no other entry is needed.
"""

from __future__ import annotations

import json
from typing import Iterable

from . import convert
from .model import Collection

QUERY_TABLE_ASSET = "search-table.js"


def character_table(collections: Iterable[Collection]) -> dict[str, str]:
    """Every Traditional character of the corpus whose Simplified form differs."""
    chars = {
        ch
        for collection in collections
        for speech in collection.speeches
        for span in speech.spans()
        for ch in span.visible
    }
    table = {}
    for ch in sorted(chars):
        simplified = convert.to_simplified(ch)
        if simplified != ch and len(simplified) == 1:
            table[ch] = simplified
    return table


def table_script(table: dict[str, str]) -> str:
    """The table as a script defining ``window.ptxSearchTable`` (loaded before Material)."""
    payload = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.ptxSearchTable={payload};\n"
