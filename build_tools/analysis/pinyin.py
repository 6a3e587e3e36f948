"""Pinyin for learners: the usual reading of every Han character of the corpus.

The page shows the source's own readings (``堅(jiān)``) as ruby; a learner can ask for
pinyin on every character. Those come from this table (pypinyin, most common reading), in
both scripts; the source's readings take precedence where they exist, since they settle
characters with several readings (長 zhǎng / cháng). The table is loaded by the browser
only when that mode is switched on.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Iterable

from pypinyin import Style, pinyin

from build_tools.analysis import convert
from build_tools.text.han import is_han
from build_tools.analysis.corpus_stats import corpus_characters
from build_tools.text.model import Collection

PINYIN_TABLE_ASSET = "pinyin-table.js"
# Distinct characters whose reading is kept: more than any corpus uses (CJK has ~100,000).
READING_CACHE_SIZE = 32768


def reading_table(collections: Iterable[Collection]) -> dict[str, str]:
    hant = {ch for ch in corpus_characters(collections) if is_han(ch)}
    chars = hant | {convert.to_simplified(ch) for ch in hant}
    table = {}
    for ch in sorted(chars):
        if len(ch) != 1 or not is_han(ch):
            continue
        reading = _reading(ch)
        if reading:
            table[ch] = reading
    return table


@lru_cache(maxsize=READING_CACHE_SIZE)
def _reading(ch: str) -> str | None:
    reading = pinyin(ch, style=Style.TONE, heteronym=False, errors="ignore")
    return reading[0][0] if reading and reading[0] else None


def pinyin_script(collections: Iterable[Collection]) -> str:
    payload = json.dumps(reading_table(collections), ensure_ascii=False, sort_keys=True,
                         separators=(",", ":"))
    return f"window.ptxPinyin={payload};\n"
