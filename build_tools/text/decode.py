"""Turn the bytes of a source file into text: the only place that deals with encodings.

Detection rule, first match wins (every decode is strict):

1. An explicit ``encoding`` is used as given; an unknown codec name is an error.
2. A byte-order mark decides: UTF-8 BOM -> ``utf-8-sig``; UTF-16 LE/BE BOM -> ``utf-16``.
3. Without a UTF-16 BOM, a NUL or other C0 control byte (tab, LF, CR aside) means "not a
   text file": no text codec we guess between puts one in speech text.
4. UTF-8.
5. The Chinese legacy encodings GB18030 and Big5, each kept only if its text is
   plausibly Chinese (below). If only one is, it wins; if both are, ``charset_normalizer``
   picks between just those two (``gb18030`` if it has no answer).
6. Otherwise :class:`DecodeError`: at the first byte UTF-8 rejects if neither decodes, or
   at the first telling character of an implausible text. The message names the codec
   ``charset_normalizer`` finds likeliest for the bytes, when it finds one.

A legacy decode is plausibly Chinese unless one of these holds. Thresholds come from the
seed source re-encoded as GB18030 and as Big5 (the 4043 characters Big5 lacks, mostly
tone-marked pinyin letters, written as "?") against cp1252, Latin-1, Shift-JIS, EUC-JP,
EUC-KR and random bytes; ``tests/test_decode.py`` pins the cases:

* it holds no Han character;
* over 15% of its non-ASCII characters are unexpected in Chinese text: Han outside
  GB2312 and Big5 level 1, private use, kana, hangul, other scripts. Seed: 0.08%, at most
  3.7% on a line; wrong guesses: EUC-JP as Big5 20%, German cp1252 as GB18030 50%,
  Shift-JIS as GB18030 83%, Spanish cp1252 as GB18030 100%; random bytes: median 64%;
* Han characters are under 30% of its letters, pinyin readings such as ``(jiān)`` left
  out. Seed: 99% (70% in Big5, whose "?" spoil the readings), at least 44% on a line;
  Latin text, whose accented letters become Han each swallowing the next letter: 12-19%;
* it holds at least 50 Han characters and under 5% of them are among the 100 most
  frequent. Seed: 30%, and 2 of its 4330 stretches of 50 Han characters (none of 60)
  under 5%; EUC-KR Korean as GB18030, common characters making no sentence: 0-1%.

Short texts can pass by chance (random bytes: a third of the 4-byte strings that decode,
none from 32 bytes on; Korean under 50 syllables); ``--encoding`` settles them.

The result has its BOM removed and every line ending (CRLF or lone CR) turned into LF.
Empty or whitespace-only input is an error, and so is decoded text holding NUL or other
C0 control characters besides tab/LF/CR (possible under an explicit encoding or a BOM):
that is what a wrong declaration looks like, so it is reported instead of being published.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from charset_normalizer import from_bytes

from build_tools.text.han import HAN

from build_tools.text.model import PINYIN_LETTERS, PINYIN_RUN

logger = logging.getLogger(__name__)

UTF8 = "utf-8"
UTF8_SIG = "utf-8-sig"
UTF16 = "utf-16"
GB18030 = "gb18030"
BIG5 = "big5"
LEGACY_CANDIDATES = (GB18030, BIG5)  # order = tie-break preference when nothing else decides

# Checked in this order; the UTF-8 BOM first because it is the most common in the wild.
BOM_ENCODINGS = (
    (codecs.BOM_UTF8, UTF8_SIG),
    (codecs.BOM_UTF16_LE, UTF16),
    (codecs.BOM_UTF16_BE, UTF16),
)
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
BYTE_ORDER_MARK = "\ufeff"

# C0 controls other than tab, LF and CR never occur in speech text.
CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# The same as raw bytes, e.g. b"\x00" or b"\x1b". UTF-8, GB18030 and Big5 never use a byte
# below 0x20 inside a multi-byte character, so one in the data is a control in the text.
CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
LINE_BREAK = re.compile(r"\r\n?")

# Non-ASCII characters at home in Chinese text besides Han: CJK and full-width punctuation,
# general punctuation, the symbols documents number and mark with, and pinyin letters,
# e.g. "，", "。", "“", "…", "①", "℃", "■", "·", "×", "ā".
CHINESE_TEXT_SYMBOL = re.compile(
    rf"[\u00b7\u00d7\u00f7\u2000-\u206f\u2100-\u27bf\u3000-\u303f\uff00-\uffef{PINYIN_LETTERS}]"
)
# Big5 level 1, its 5401 frequent characters: lead bytes 0xA4-0xC6 up to 0xC67E.
BIG5_LEVEL1 = (0xA440, 0xC67E)
# The 100 most frequent characters of modern Chinese (the list charset_normalizer ranks
# Chinese by) and the traditional forms of those that have one.
FREQUENT_HAN = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下"
    "自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部"
    "其些主样理心她本前开但因只从想实"
    "這個們來為爲國說時會對於著過發後裡裏種經麼學現當沒動還進樣開從實"
)

# Plausibility thresholds; the module docstring gives the measurements behind them.
MAX_UNEXPECTED_SHARE = 0.15  # of the non-ASCII characters
MIN_HAN_SHARE_OF_LETTERS = 0.30
MIN_HAN_FOR_FREQUENCY = 50  # fewer Han characters are too few to judge by frequency
MIN_FREQUENT_SHARE = 0.05

ENCODING_HINT = "name the encoding with --encoding"
EMPTY_MESSAGE = "empty file: expected speech text"
# Among equally good guesses of charset_normalizer, name the commonest codec: it cannot
# tell cp1250 from cp1252 on "El niño", and cp1252 is far more often the answer.
PREFERRED_GUESSES = ("cp1252",)


class DecodeError(Exception):
    """A source file that cannot become text; ``str()`` is one ``path:line: message`` line."""

    def __init__(self, path: str, line: int, byte_offset: int, message: str) -> None:
        self.path = path
        self.line = line
        self.byte_offset = byte_offset
        self.message = message
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True)
class Decoded:
    text: str  # LF line endings, no BOM
    encoding: str  # codec actually used, e.g. "utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"


@dataclass(frozen=True)
class Implausible:
    """Why a legacy decode is not Chinese text, and where in the text that shows first."""

    reason: str
    index: int  # into the decoded text


def read_source(path: str | os.PathLike, encoding: str | None = None) -> Decoded:
    """Read a file and decode it with :func:`decode_bytes`."""
    return decode_bytes(Path(path).read_bytes(), str(path), encoding)


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode ``data`` by the module's detection rule; ``path`` is only used in errors."""
    if not data:
        raise DecodeError(path, 1, 0, EMPTY_MESSAGE)
    if encoding is not None:
        codec, raw = _decode_explicit(data, path, encoding)
    else:
        _reject_binary(data, path)
        codec, raw = _detect(data, path)
    _reject_control_chars(data, raw, codec, path)
    text = _normalise_newlines(raw.removeprefix(BYTE_ORDER_MARK))
    if not text.strip():
        raise DecodeError(path, 1, 0, EMPTY_MESSAGE)
    logger.debug("%s: decoded as %s", path, codec)
    return Decoded(text=text, encoding=codec)


def contains_han(text: str) -> bool:
    return HAN.search(text) is not None


def _normalise_newlines(text: str) -> str:
    return LINE_BREAK.sub("\n", text)


def _decode_explicit(data: bytes, path: str, encoding: str) -> tuple[str, str]:
    try:
        codec = codecs.lookup(encoding).name
        return codec, data.decode(codec)
    except LookupError:  # also raised for non-text codecs such as "base64"
        raise DecodeError(path, 0, 0, f"unknown encoding {encoding!r}; {ENCODING_HINT}") from None
    except UnicodeDecodeError as err:
        raise DecodeError(
            path,
            _line_at(data, err.start, codec),
            err.start,
            f"cannot decode byte 0x{data[err.start]:02x} at byte offset {err.start}: "
            f"not valid {codec}; {ENCODING_HINT}",
        ) from None


def _reject_binary(data: bytes, path: str) -> None:
    if data.startswith(UTF16_BOMS):  # UTF-16 is full of NUL bytes
        return
    match = CONTROL_BYTE.search(data)
    if match is None:
        return
    offset = match.start()
    raise DecodeError(
        path,
        _line_at(data, offset, UTF8),
        offset,
        f"not a text file: byte 0x{data[offset]:02x} at byte offset {offset}; "
        f"if it is text, {ENCODING_HINT}",
    )


def _detect(data: bytes, path: str) -> tuple[str, str]:
    for bom, codec in BOM_ENCODINGS:
        if data.startswith(bom):
            # A BOM is a declaration: if the body does not match it, say so rather than guess.
            return _decode_explicit(data, path, codec)
    try:
        return UTF8, data.decode(UTF8)
    except UnicodeDecodeError as err:
        utf8_error = err
    decoded = {
        codec: text for codec in LEGACY_CANDIDATES if (text := _try_decode(data, codec)) is not None
    }
    if not decoded:
        offset = utf8_error.start
        raise DecodeError(
            path,
            _line_at(data, offset, UTF8),
            offset,
            f"cannot decode byte 0x{data[offset]:02x} at byte offset {offset}: "
            f"not UTF-8, GB18030 or Big5; {_guess_hint(data)}",
        )
    verdicts = {codec: implausibility(text) for codec, text in decoded.items()}
    plausible = [codec for codec, verdict in verdicts.items() if verdict is None]
    if len(plausible) > 1:
        best = from_bytes(data, cp_isolation=plausible).best()
        codec = best.encoding if best is not None and best.encoding in plausible else GB18030
        return codec, decoded[codec]
    if plausible:
        return plausible[0], decoded[plausible[0]]
    codec, verdict = next(iter(verdicts.items()))  # the preferred candidate's reason
    raise _implausible_error(data, path, codec, decoded[codec], verdict)


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


# --------------------------------------------------------------------------- plausibility


def implausibility(text: str) -> Implausible | None:
    """Why ``text``, a legacy decode, is not Chinese text; ``None`` when it may well be."""
    for check in PLAUSIBILITY_CHECKS:
        verdict = check(text)
        if verdict is not None:
            return verdict
    return None


def _no_han(text: str) -> Implausible | None:
    if contains_han(text):
        return None
    return Implausible("no Chinese characters", _first_index(text, lambda c: ord(c) > 0x7F))


def _unexpected_characters(text: str) -> Implausible | None:
    non_ascii = [i for i, char in enumerate(text) if ord(char) > 0x7F]
    unexpected = [i for i in non_ascii if not _expected_in_chinese(text[i])]
    if len(unexpected) <= MAX_UNEXPECTED_SHARE * len(non_ascii):
        return None
    first = unexpected[0]
    return Implausible(
        f"{len(unexpected)} of {len(non_ascii)} non-ASCII characters are rare or not Chinese "
        f"(first U+{ord(text[first]):04X} {text[first]})",
        first,
    )


def _few_han_letters(text: str) -> Implausible | None:
    # Pinyin readings are Latin letters a Chinese source is expected to hold.
    letters = [char for char in PINYIN_RUN.sub("", text) if char.isalpha()]
    han = sum(1 for char in letters if HAN.match(char))
    if han >= MIN_HAN_SHARE_OF_LETTERS * len(letters):
        return None
    return Implausible(
        f"only {han} of {len(letters)} letters are Chinese characters",
        _first_index(text, HAN.match),
    )


def _no_frequent_han(text: str) -> Implausible | None:
    han = HAN.findall(text)
    frequent = sum(1 for char in han if char in FREQUENT_HAN)
    if len(han) < MIN_HAN_FOR_FREQUENCY or frequent >= MIN_FREQUENT_SHARE * len(han):
        return None
    return Implausible(
        f"only {frequent} of {len(han)} Chinese characters are among the 100 most frequent",
        _first_index(text, HAN.match),
    )


PLAUSIBILITY_CHECKS: tuple[Callable[[str], Implausible | None], ...] = (
    _no_han,
    _unexpected_characters,
    _few_han_letters,
    _no_frequent_han,
)


def _expected_in_chinese(char: str) -> bool:
    if HAN.match(char):
        return _is_common_han(char)
    return CHINESE_TEXT_SYMBOL.match(char) is not None


@lru_cache(maxsize=None)
def _is_common_han(char: str) -> bool:
    """In GB2312 (simplified Chinese) or in Big5 level 1 (frequent traditional characters)."""
    if _encodes(char, "gb2312"):
        return True
    big5 = _encodes(char, BIG5)
    return big5 is not None and BIG5_LEVEL1[0] <= int.from_bytes(big5, "big") <= BIG5_LEVEL1[1]


def _encodes(char: str, codec: str) -> bytes | None:
    try:
        return char.encode(codec)
    except UnicodeEncodeError:
        return None


def _first_index(text: str, predicate: Callable[[str], object]) -> int:
    return next((i for i, char in enumerate(text) if predicate(char)), 0)


def _implausible_error(
    data: bytes, path: str, codec: str, text: str, verdict: Implausible
) -> DecodeError:
    prefix = text[: verdict.index]
    offset = _byte_offset(data, prefix, codec)
    return DecodeError(
        path,
        _normalise_newlines(prefix).count("\n") + 1,
        offset,
        f"not Chinese text when read as {codec}: {verdict.reason}; {_guess_hint(data)}",
    )


def _guess_hint(data: bytes) -> str:
    guess = likely_codec(data)
    if guess is None:
        return ENCODING_HINT
    return f"looks like {guess}; {ENCODING_HINT} {guess} if that is right"


def likely_codec(data: bytes) -> str | None:
    """``charset_normalizer``'s codec for ``data``, a preferred one among equal guesses."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    for preferred in PREFERRED_GUESSES:
        if any(preferred in m.could_be_from_charset for m in tied):
            return preferred
    return best.encoding


# ------------------------------------------------------------------------------ positions


def _reject_control_chars(data: bytes, raw: str, codec: str, path: str) -> None:
    match = CONTROL_CHAR.search(raw)
    if match is None:
        return
    offset = _byte_offset(data, raw[: match.start()], codec)
    raise DecodeError(
        path,
        _normalise_newlines(raw[: match.start()]).count("\n") + 1,
        offset,
        f"control character U+{ord(match.group()):04X} at byte offset {offset}: "
        f"probably not {codec}; {ENCODING_HINT}",
    )


def _byte_offset(data: bytes, prefix: str, codec: str) -> int:
    """Byte offset in ``data`` where decoded ``prefix`` ends (strict codecs re-encode exactly)."""
    size = len(prefix.encode(codec))
    # utf-16 and utf-8-sig write a signature on encode; count it only if the data has one.
    signature = "".encode(codec)
    if signature and not any(data.startswith(bom) for bom, _ in BOM_ENCODINGS):
        size -= len(signature)
    return size


def _line_at(data: bytes, offset: int, codec: str) -> int:
    """1-based line of ``offset``, counting line breaks the way the decoded text will."""
    before = data[:offset].decode(codec, errors="replace")
    return _normalise_newlines(before).count("\n") + 1
