"""Turn the bytes of a source file into text: the only place that deals with encodings.

Detection rule, first match wins (every decode is strict):

1. An explicit ``encoding`` is used as given; an unknown codec name is an error.
2. A byte-order mark decides: UTF-8 BOM -> ``utf-8-sig``; UTF-16 LE/BE BOM -> ``utf-16``.
3. UTF-8.
4. The Chinese legacy encodings GB18030 and Big5. If only one decodes, it wins; if both
   do, ``charset_normalizer`` picks between just those two (``gb18030`` if it has no answer).
5. Nothing decodes -> :class:`DecodeError` at the first byte UTF-8 rejects.

The result has its BOM removed and every line ending (CRLF or lone CR) turned into LF.
Empty or whitespace-only input is an error, and so is decoded text holding NUL or other
C0 control characters besides tab/LF/CR: that is what a wrong guess (e.g. UTF-16 without
a BOM read as UTF-8) looks like, so it is reported instead of being published.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

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
BYTE_ORDER_MARK = "\ufeff"

# C0 controls other than tab, LF and CR never occur in speech text.
CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
LINE_BREAK = re.compile(r"\r\n?")

ENCODING_HINT = "name the encoding with --encoding"
EMPTY_MESSAGE = "empty file: expected speech text"


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
        codec, raw = _detect(data, path)
    _reject_control_chars(data, raw, codec, path)
    text = _normalise_newlines(raw.removeprefix(BYTE_ORDER_MARK))
    if not text.strip():
        raise DecodeError(path, 1, 0, EMPTY_MESSAGE)
    logger.debug("%s: decoded as %s", path, codec)
    return Decoded(text=text, encoding=codec)


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
    if len(decoded) > 1:
        best = from_bytes(data, cp_isolation=list(LEGACY_CANDIDATES)).best()
        codec = best.encoding if best is not None and best.encoding in decoded else GB18030
        return codec, decoded[codec]
    if decoded:
        return next(iter(decoded.items()))
    offset = utf8_error.start
    raise DecodeError(
        path,
        _line_at(data, offset, UTF8),
        offset,
        f"cannot decode byte 0x{data[offset]:02x} at byte offset {offset}: "
        f"not UTF-8, GB18030 or Big5; {ENCODING_HINT}",
    )


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


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
