"""What counts as a Han character: the one definition every stage uses.

The CJK Unified Ideographs with Extension A, the supplementary planes' extensions (B and
later, U+20000–U+3FFFF), the compatibility ideographs, and 〇 (U+3007, the ideographic
zero of 二〇二〇年, which Unicode files under symbols).
"""

from __future__ import annotations

import re
from collections import Counter

# For use inside a character class: f"[{HAN_RANGES}]".
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\u3007"
HAN = re.compile(f"[{HAN_RANGES}]")
HAN_RUN = re.compile(f"[{HAN_RANGES}]+")  # matches 脫貧攻堅 in 脫貧攻堅(jiān)


def is_han(ch: str) -> bool:
    return HAN.fullmatch(ch) is not None


def han_characters(text: str) -> Counter[str]:
    """Each Han character of ``text`` with its number of occurrences."""
    return Counter(HAN.findall(text))
