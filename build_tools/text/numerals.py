"""Chinese and Arabic numerals as they appear in speech headers and headings."""

from __future__ import annotations

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
MYRIADS = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "".join(MYRIADS)

# Full-width digits map onto ASCII so "第１篇" and "第1篇" read alike.
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_number(text: str) -> int:
    """Read ``"十二"`` → 12, ``"一百零五"`` → 105, ``"12"`` / ``"１２"`` → 12.

    Raises ``ValueError`` naming the text when it is not a numeral.
    """
    text = text.strip().translate(_FULLWIDTH)
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        raise ValueError(f"expected a numeral such as 一, 十二 or 12, got {text!r}")
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        # Digit-by-digit style, as in years: 二〇二〇.
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = section = digit = 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in UNITS:
            section += (digit or 1) * UNITS[ch]
            digit = 0
        else:
            total += (section + digit) * MYRIADS[ch]
            section = digit = 0
    return total + section + digit
