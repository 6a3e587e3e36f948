"""Inline parsing: one source line → spans (text, readings, redactions, damaged runs).

Rules, in the order they are tried at each position:

1. A damaged run starts at a *seed*: a ``?``, a character that has no business in Chinese
   text (Latin letters with accents, Greek, Cyrillic, kana, ``€`` …), or an ASCII letter
   carrying a pinyin reading (``F(xiàn)``). It grows over neighbouring suspicious
   characters (ASCII letters and symbols, further seeds, pinyin that follows a non-Han
   character) as long as at most ``MAX_DAMAGE_GAP`` ordinary characters separate them:
   ``我們?cè)谶@里`` → ``?cè)谶@``.
   A lone ``?`` is ambiguous: right after a Han character and before ordinary text it is
   read as a half-width question mark (``怎樣辦?我想``), otherwise as a lost character
   (``摘下來 ?分部署``); both guesses are reported.
2. A placeholder: ``X``, ``XX``, ``XXX``, ``X.X``, ``*``, ``**.*``, ``***``, ``20**``,
   or a whole date ``20**年*月*日``.
3. A reading: a Han character directly followed by a parenthesised pinyin syllable:
   ``堅(jiān)``. ``黨委(黨組)`` is not pinyin and stays text.
4. Anything else is text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from build_tools.text.han import HAN_RANGES, is_han
from build_tools.text.model import PINYIN_RUN, Damage, Reading, Redaction, Span, Text


# "20**年*月*日": a date whose digits were withheld.
DATE_PLACEHOLDER = re.compile(r"(?=[0-9X*]*[X*])[0-9X*]+年[0-9X*]+月[0-9X*]+日")
# "X", "XX", "X.X", "**.*", "***", "20**": runs of X or *, not part of a Latin word.
PLACEHOLDER = re.compile(r"(?<![A-Za-z])[0-9]*(?:X+|\*+)(?:[.．](?:X+|\*+))?(?![A-WYZa-z])")

MAX_DAMAGE_GAP = 1

# Punctuation that ordinary Chinese text uses, half- and full-width.
ORDINARY_PUNCTUATION = set(
    "。，、：；！？「」『』“”‘’（）《》〈〉【】〔〕—…·．～－％＋"
    ",.:;!?\"'%+-/|~ \t\u3000"
)
# ASCII symbols that never occur in the plain text of a speech but do in mojibake.
ODD_ASCII = set("@#$^&_=[]{}<>\\`()")


def _is_odd_non_ascii(ch: str) -> bool:
    """A character that does not belong in Chinese prose: it seeds a damaged run."""
    if ch.isascii() or is_han(ch) or ch in ORDINARY_PUNCTUATION or ch.isspace():
        return False
    category = unicodedata.category(ch)
    # Full-width forms and CJK punctuation are ordinary; letters, symbols and
    # enclosed numbers from other scripts are not.
    return category[0] in "LSN" and not ("\uff01" <= ch <= "\uff5e")


def _is_suspicious(ch: str) -> bool:
    if ch == "?" or _is_odd_non_ascii(ch) or ch in ODD_ASCII:
        return True
    return ch.isascii() and ch.isalpha() and ch != "X"


def _pinyin_after_non_han(text: str, pos: int) -> re.Match[str] | None:
    if pos == 0 or is_han(text[pos - 1]):
        return None
    return PINYIN_RUN.match(text, pos)


def _damage_end(text: str, start: int) -> int:
    """End (exclusive) of the damaged run that starts at ``start``."""
    end = start + 1
    pos = start + 1
    gap = 0
    while pos < len(text):
        pinyin = _pinyin_after_non_han(text, pos)
        if pinyin:
            end = pos = pinyin.end()
            gap = 0
            continue
        if is_han(text[pos]) and PINYIN_RUN.match(text, pos + 1):
            # A Han character with its own reading is ordinary text inside the gap.
            gap += 1
            if gap > MAX_DAMAGE_GAP:
                break
            pos = PINYIN_RUN.match(text, pos + 1).end()
            continue
        if _is_suspicious(text[pos]):
            pos += 1
            end = pos
            gap = 0
            continue
        gap += 1
        if gap > MAX_DAMAGE_GAP:
            break
        pos += 1
    return end


def _is_seed(text: str, pos: int) -> bool:
    ch = text[pos]
    if ch == "?" or _is_odd_non_ascii(ch):
        return True
    return (
        ch.isascii()
        and ch.isalpha()
        and ch != "X"
        and PINYIN_RUN.match(text, pos + 1) is not None
    )


Warn = Callable[[int, str], None]


_HAN = HAN_RANGES
# Where a span other than plain text may start; everything between is taken as text in one
# step, which keeps parsing fast on long paragraphs.
_CANDIDATE = re.compile(
    r"[?X*]"  # a damaged run or a placeholder
    r"|[0-9]+(?=[0-9X*]*[X*])"  # digits opening a placeholder: 20**
    r"|[A-Za-z](?=\()"  # a Latin letter carrying pinyin: F(xiàn)
    rf"|[{_HAN}](?=\()"  # a Han character carrying pinyin: 堅(jiān)
    rf"|[^\x00-\x7f{_HAN}\s\uff01-\uff5e"
    + re.escape("".join(sorted(ORDINARY_PUNCTUATION)))
    + "]"  # a character foreign to Chinese prose: è, Ψ, ぷ, €
)


def _special_at(text: str, pos: int, line: int, warn: Warn, column: int) -> tuple[Span | None, int]:
    """The non-text span starting at ``pos`` and where it ends, or ``(None, pos)``."""
    ch = text[pos]
    if _is_seed(text, pos):
        end = _damage_end(text, pos)
        if end - pos == 1 and ch == "?":
            before = text[pos - 1] if pos else ""
            after = text[pos + 1] if pos + 1 < len(text) else ""
            if before and is_han(before) and after and not _is_suspicious(after):
                warn(column, "lone '?' after a Han character: read as a question mark")
                return None, pos
            warn(column, "lone '?': read as a lost character")
        return Damage(text[pos:end], line=line), end

    placeholder = DATE_PLACEHOLDER.match(text, pos) or PLACEHOLDER.match(text, pos)
    if placeholder:
        end = placeholder.end()
        reading = PINYIN_RUN.match(text, end)
        pinyin = reading.group(1) if reading else None
        return Redaction(placeholder.group(), pinyin, line=line), reading.end() if reading else end

    if is_han(ch):
        reading = PINYIN_RUN.match(text, pos + 1)
        if reading:
            return Reading(ch, reading.group(1), line=line), reading.end()
    return None, pos


def parse_inline(text: str, line: int, warn: Warn, column_offset: int = 0) -> tuple[Span, ...]:
    """Split one line of source text into spans; ``warn(column, message)`` reports guesses."""
    spans: list[Span] = []
    text_start = pos = 0
    while True:
        candidate = _CANDIDATE.search(text, pos)
        if candidate is None:
            break
        pos = candidate.start()
        span, end = _special_at(text, pos, line, warn, column_offset + pos + 1)
        if span is None:
            pos += 1
            continue
        if text_start < pos:
            spans.append(Text(text[text_start:pos], line=line))
        spans.append(span)
        text_start = pos = end
    if text_start < len(text):
        spans.append(Text(text[text_start:], line=line))
    return tuple(spans)


def count_pinyin_runs(text: str) -> int:
    """How many ``(pinyin)`` runs a text holds, wherever they stand."""
    return len(PINYIN_RUN.findall(text))


__all__ = ["parse_inline", "is_han", "PINYIN_RUN", "count_pinyin_runs"]
