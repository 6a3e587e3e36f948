"""Loading sources: paths → decoded text → ``Collection`` for each file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from .decode import DecodeError, decode_bytes, read_source
from .model import Collection
from .parse import ParseError, parse

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


def load_collection(path: str | os.PathLike, encoding: str | None = None) -> Collection:
    decoded = read_source(path, encoding)
    return parse(decoded.text, str(path))


def parse_bytes(data: bytes, path: str, encoding: str | None = None) -> Collection:
    """Decode and parse the bytes of a source file read elsewhere."""
    return parse(decode_bytes(data, path, encoding).text, path)


def load_collections(
    paths: Iterable[str | os.PathLike], encoding: str | None = None
) -> tuple[Collection, ...]:
    return tuple(load_collection(path, encoding) for path in paths)
