"""Stable ASCII names for speeches: file names of exports and page URLs.

A speech is named by its source file and its ordinal (``000-a0dc2aa1bc4bc1e3-01``), never
by its title: 第一篇 and 第二篇 of the seed share a title, and a title may be edited.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath

from build_tools.text.model import Speech

_NON_ASCII_NAME = re.compile(r"[^a-z0-9]+")


def source_slug(path: str) -> str:
    """``sources/000_a0dc2aa1bc4bc1e3.txt`` → ``000-a0dc2aa1bc4bc1e3``.

    A name that is not plain ASCII keeps what ASCII it has plus a short hash of the whole
    name, so ``講話.txt`` and ``報告.txt`` stay apart: ``source-1b2c3d4e``.
    """
    stem = PurePath(path).stem
    slug = _NON_ASCII_NAME.sub("-", stem.lower()).strip("-")
    if stem.isascii() and slug:
        return slug
    digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]
    return f"{slug or 'source'}-{digest}"


def speech_slug(path: str, speech: Speech) -> str:
    return f"{source_slug(path)}-{speech.ordinal:02d}"
