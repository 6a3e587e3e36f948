"""The one wrapper around OpenCC: script conversion with cached converters.

Both ``opencc-python-reimplemented`` (the default dependency) and the official ``opencc``
binding install the module ``opencc`` with the same ``OpenCC(config).convert(text)`` API;
whichever is installed is used. The official binding names its configs ``t2s.json``, the
reimplementation ``t2s``: both spellings are tried.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import opencc

log = logging.getLogger(__name__)

TO_SIMPLIFIED = "t2s"
TO_TRADITIONAL = "s2t"


@lru_cache(maxsize=None)
def _converter(config: str) -> "opencc.OpenCC":
    last_error: Exception | None = None
    for name in (config, f"{config}.json"):
        try:
            converter = opencc.OpenCC(name)
            # The reimplementation accepts unknown names lazily: probe once.
            converter.convert("測試")
            log.debug("OpenCC config %s loaded from %s", name, opencc.__file__)
            return converter
        except Exception as error:  # each binding raises its own error type
            last_error = error
    raise RuntimeError(f"OpenCC has no config {config!r}: {last_error}")


def backend() -> str:
    """Which OpenCC package provides the module: ``official`` or ``reimplemented``."""
    return "reimplemented" if hasattr(opencc.OpenCC, "set_conversion") else "official"


@lru_cache(maxsize=65536)
def convert(text: str, config: str) -> str:
    """Convert with an OpenCC config (``t2s``, ``s2t`` …); results are cached per text."""
    if not text:
        return text
    return _converter(config).convert(text)


def to_simplified(text: str) -> str:
    return convert(text, TO_SIMPLIFIED)


def to_traditional(text: str) -> str:
    return convert(text, TO_TRADITIONAL)
