"""The one wrapper around OpenCC: script conversion, per-corpus rules, standard forms.

Both ``opencc-python-reimplemented`` (the default dependency) and the official ``opencc``
binding install the module ``opencc`` with the same ``OpenCC(config).convert(text)`` API;
whichever is installed is used. The official binding names its configs ``t2s.json``, the
reimplementation ``t2s``: both spellings are tried.

Three directions are used:

- ``to_simplified``: OpenCC ``t2s``, for the Simplified column;
- ``to_traditional``: OpenCC ``s2t``;
- ``to_standard``: ``t2s`` then ``s2tw``, the round trip that finds converter leftovers
  (``干部`` → ``幹部``, ``于`` → ``於``). Taiwan's standard is the target because OpenCC's
  plain ``s2t`` prefers older forms (爲, 衆, 羣, 喫) that no modern reader expects.

Per-corpus rules (``conversions.yml``, see ``rules``) replace their terms before OpenCC
sees the text, in every direction, the round trip included.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

import opencc

log = logging.getLogger(__name__)

TO_SIMPLIFIED = "t2s"
TO_TRADITIONAL = "s2t"
STANDARD_TRADITIONAL = "s2tw"
CACHE_SIZE = 65536


@dataclass(frozen=True)
class Rule:
    """A term both scripts must render one way: ``Rule(hant="精準", hans="精准")``."""

    hant: str
    hans: str


@lru_cache(maxsize=None)
def _opencc(config: str) -> "opencc.OpenCC":
    last_error: Exception | None = None
    for name in (config, f"{config}.json"):
        try:
            converter = opencc.OpenCC(name)
            converter.convert("測試")  # the reimplementation reports unknown names lazily
            return converter
        except Exception as error:  # each binding raises its own error type
            last_error = error
    raise RuntimeError(f"OpenCC has no config {config!r}: {last_error}")


def backend() -> str:
    """Which OpenCC package provides the module: ``official`` or ``reimplemented``."""
    return "reimplemented" if hasattr(opencc.OpenCC, "set_conversion") else "official"


class Converter:
    """OpenCC with a corpus's rules; results are cached per text."""

    def __init__(self, rules: tuple[Rule, ...] = (), standard: str = STANDARD_TRADITIONAL):
        self.rules = rules
        self.standard = standard
        self._by_hant = {r.hant: r.hans for r in rules}
        self._by_hans = {r.hans: r.hant for r in rules}
        self._hant_terms = _alternation(self._by_hant)
        self._hans_terms = _alternation(self._by_hans)
        self._convert = lru_cache(maxsize=CACHE_SIZE)(self._convert_uncached)

    def _convert_uncached(self, text: str, config: str) -> str:
        terms, table = (
            (self._hant_terms, self._by_hant)
            if config == TO_SIMPLIFIED
            else (self._hans_terms, self._by_hans)
        )
        if terms is None:
            return _opencc(config).convert(text)
        # Convert the text between rule terms with OpenCC, the terms by the rules.
        out, start = [], 0
        for match in terms.finditer(text):
            out.append(_opencc(config).convert(text[start : match.start()]))
            out.append(table[match.group()])
            start = match.end()
        out.append(_opencc(config).convert(text[start:]))
        return "".join(out)

    def to_simplified(self, text: str) -> str:
        return self._convert(text, TO_SIMPLIFIED) if text else text

    def to_traditional(self, text: str) -> str:
        return self._convert(text, TO_TRADITIONAL) if text else text

    def to_standard(self, text: str) -> str:
        """The text's standard Traditional form: the round trip ``s2tw(t2s(text))``."""
        return self._convert(self.to_simplified(text), self.standard) if text else text


def _alternation(terms: dict[str, str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    # Longest first, so 精準扶貧 wins over 精準.
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=lambda t: (-len(t), t))))


_current = Converter()


def configure(rules: tuple[Rule, ...] = (), standard: str = STANDARD_TRADITIONAL) -> Converter:
    """Use these rules from now on (the plugin calls this once per build)."""
    global _current
    if rules != _current.rules or standard != _current.standard:
        _current = Converter(rules, standard)
        log.debug("conversion rules: %d", len(rules))
    return _current


def current() -> Converter:
    return _current


def to_simplified(text: str) -> str:
    return _current.to_simplified(text)


def to_traditional(text: str) -> str:
    return _current.to_traditional(text)


def to_standard(text: str) -> str:
    return _current.to_standard(text)
