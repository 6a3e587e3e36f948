"""What kind of difference a variant is: the rules, in the order they are tried.

Each differing stretch (the base's text against another witness's) is classified by the
first rule that applies, in ``KINDS`` order, after the layout test:

* ``damage``: the stretch overlaps a ``Damage`` span on either side, or one side holds a
  ``?`` where the other side holds no question mark (``?分部署`` vs ``一分部署``);
* ``layout`` (not a reading; the layer apart, see ``LAYOUT``): the sides are the same once
  whitespace is removed and full-width forms are read as their half-width twins
  (``X 書記`` / ``X書記``, ``,`` / ``，``, ``?`` / ``？``, ``１`` / ``1``);
* ``numeral``: both sides are non-empty and consist only of numerals, Chinese
  ``〇零一二三四五六七八九十百千萬兩`` or digits (ASCII or full-width), with optional
  whitespace: ``一``→``1``, ``十二``→`` 102 ``. ``changes_value`` says whether they read as
  different numbers (``build_tools.text.numerals.parse_number``: ``十二`` = 12 ≠ 102); a side
  that does not parse (``2十1``) counts as changed unless the digits are the same;
* ``transposition``: one side is the other with two parts swapped (``開展`` / ``展開``,
  ``脫貧攻堅決戰決勝`` / ``決戰決勝脫貧攻堅``);
* ``punctuation``: the sides differ only in punctuation (Unicode category P*) besides
  layout: ``，`` / ``。``, a comma added;
* ``omission``: the base has text, the other none; ``addition``: the reverse;
* ``substitution``: anything else (``群眾`` / ``大眾``, ``指示`` / ``唆使``).
"""

from __future__ import annotations

import unicodedata

from build_tools.text.numerals import parse_number

DAMAGE = "damage"
NUMERAL = "numeral"
TRANSPOSITION = "transposition"
PUNCTUATION = "punctuation"
OMISSION = "omission"
ADDITION = "addition"
SUBSTITUTION = "substitution"
# The readings: what the numbered apparatus lists, in the order the rules are tried.
KINDS = (DAMAGE, NUMERAL, TRANSPOSITION, PUNCTUATION, OMISSION, ADDITION, SUBSTITUTION)
# Whitespace and character width only: a layer of its own, hidden by default.
LAYOUT = "layout"
ALL_KINDS = (*KINDS, LAYOUT)

CHINESE_NUMERALS = frozenset("〇零一二三四五六七八九十百千萬兩")
DIGITS = frozenset("0123456789０１２３４５６７８９")
QUESTION_MARKS = frozenset("?？")


def classify(base_text: str, other_text: str, damaged: bool = False) -> str:
    """The kind of the difference ``base_text`` → ``other_text`` (see the module docstring);
    ``damaged``: the stretch overlaps a damaged span on either side."""
    if damaged or lost_question_mark(base_text, other_text) or lost_question_mark(
            other_text, base_text):
        return DAMAGE
    if folded(base_text) == folded(other_text):
        return LAYOUT
    if is_numeral(base_text) and is_numeral(other_text):
        return NUMERAL
    if is_rotation(base_text, other_text):
        return TRANSPOSITION
    if without_punctuation(base_text) == without_punctuation(other_text):
        return PUNCTUATION
    if not other_text:
        return OMISSION
    if not base_text:
        return ADDITION
    return SUBSTITUTION


def combined(kinds: list[str]) -> str:
    """One kind for a reading made of several differences: damage wins; differences of
    one kind keep it; layout beside a reading gives way to it; else a substitution."""
    if DAMAGE in kinds:
        return DAMAGE
    readings = sorted(set(kinds) - {LAYOUT}, key=ALL_KINDS.index)
    if not readings:
        return LAYOUT
    return readings[0] if len(readings) == 1 else SUBSTITUTION


def lost_question_mark(text: str, counterpart: str) -> bool:
    return "?" in text and not QUESTION_MARKS & set(counterpart)


def is_numeral(text: str) -> bool:
    """Numerals with optional whitespace: ``十二``, `` 102 ``; not the empty string."""
    squeezed = "".join(text.split())
    return bool(squeezed) and all(ch in CHINESE_NUMERALS or ch in DIGITS for ch in squeezed)


def is_rotation(a: str, b: str) -> bool:
    """``b`` is ``a`` with its two parts swapped: ``開展`` / ``展開``."""
    return len(a) == len(b) >= 2 and a != b and b in a + a


def narrow(ch: str) -> str:
    """The half-width twin of a full-width form (``，`` → ``,``, ``１`` → ``1``), else ``ch``."""
    decomposition = unicodedata.decomposition(ch)
    if decomposition.startswith(("<wide>", "<narrow>")):
        return chr(int(decomposition.split()[1], 16))
    return ch


def folded(text: str) -> str:
    """What is left to compare once layout is set aside: no whitespace, one width."""
    return "".join(narrow(ch) for ch in text if not ch.isspace())


def is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")  # ",", "，", "：", "“", "”", "、", "…"


def without_punctuation(text: str) -> str:
    """``第 102 次`` → ``第102次``, ``一是，二是`` → ``一是二是``."""
    return "".join(ch for ch in folded(text) if not is_punctuation(ch))


def changes_value(base_text: str, other_text: str) -> bool:
    """Whether two numerals read as different numbers (see the module docstring)."""
    base_squeezed, other_squeezed = folded(base_text), folded(other_text)
    try:
        return parse_number(base_squeezed) != parse_number(other_squeezed)
    except ValueError:
        return base_squeezed != other_squeezed
