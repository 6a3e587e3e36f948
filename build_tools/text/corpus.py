"""Loading sources: paths → decoded text → ``Collection`` for each file."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Iterable

from build_tools.text.decode import Decoded, DecodeError, contains_han, decode_bytes, read_source
from build_tools.text.model import Collection, ParseWarning
from build_tools.text.parse import ParseError, parse

# What bad input raises; each has a one-line ``str()`` naming the file and line.
InputError = (DecodeError, ParseError)


def expand_sources(sources: Iterable[str | os.PathLike]) -> list[Path]:
    """Files named, plus the ``*.txt`` inside any directory named, in a stable order."""
    files: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files += sorted(path.glob("*.txt"))
        else:
            files.append(path)
    return files


NO_HAN_WARNING = "no Chinese characters in this file"


def load_collection(path: str | os.PathLike, encoding: str | None = None) -> Collection:
    return _parse_decoded(read_source(path, encoding), str(path))


def parse_bytes(data: bytes, path: str, encoding: str | None = None) -> Collection:
    """Decode and parse the bytes of a source file read elsewhere."""
    return _parse_decoded(decode_bytes(data, path, encoding), path)


def _parse_decoded(decoded: Decoded, path: str) -> Collection:
    """Parse, then record what decoding found: the codec, and a file with no Han at all
    (loaded, since UTF-8 or a named codec is trusted, but most likely not a speech)."""
    collection = parse(decoded.text, path)
    warnings = collection.warnings
    if not contains_han(decoded.text):
        warnings = (ParseWarning(path, 1, 1, NO_HAN_WARNING),) + warnings
    return dataclasses.replace(collection, encoding=decoded.encoding, warnings=warnings)


def load_collections(
    paths: Iterable[str | os.PathLike], encoding: str | None = None
) -> tuple[Collection, ...]:
    return tuple(load_collection(path, encoding) for path in paths)
