"""The one wrapper around OpenCC: script conversion, per-corpus rules, standard forms.

The converter is the official ``opencc`` binding (OpenCC's C++ library): it passes every
case of OpenCC's own test suite (``tests/analysis/test_convert.py``). Its configs are named
``t2s.json``; older releases also took ``t2s``: both spellings are tried.

A Traditional *standard* decides how Traditional text is derived and audited:

============  ===========================  ===================
``standard``  derive Traditional (s → t)   derive Simplified
============  ===========================  ===================
``tw``        ``s2tw`` (the default)       ``tw2s``
``twp``       ``s2twp`` (Taiwan phrases)   ``tw2sp``
``hk``        ``s2hk``                     ``hk2s``
``opencc``    ``s2t``                      ``t2s``
============  ===========================  ===================

Taiwan's standard is the default because OpenCC's own ``s2t`` prefers older forms (爲, 衆,
羣, 喫) that no modern reader expects, and Taiwan's forms are the ones most published
Traditional text follows. ``twp`` also swaps vocabulary (软件 → 軟體): a rewriting, so it is
never the default.

Three directions are used:

- ``to_simplified``: the Simplified column of a Traditional source;
- ``to_traditional``: the Traditional column of a Simplified source;
- ``to_standard``: Simplified, then Traditional again: the round trip that finds
  converter leftovers (``干部`` → ``幹部``, ``于`` → ``於``) in a Traditional source.

Per-corpus rules (``conversions.yml``, see ``rules``) replace their terms before OpenCC
sees the text, in every direction, the round trip included.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

import opencc

from build_tools.analysis.one_to_many import in_standard, read_table

log = logging.getLogger(__name__)

# standard → (Simplified → Traditional, Traditional → Simplified)
STANDARDS = {
    "tw": ("s2tw", "tw2s"),
    "twp": ("s2twp", "tw2sp"),
    "hk": ("s2hk", "hk2s"),
    "opencc": ("s2t", "t2s"),
}
DEFAULT_STANDARD = "tw"
STANDARD_LABELS = {"tw": "臺灣標準", "twp": "臺灣標準與用詞", "hk": "香港標準", "opencc": "OpenCC 標準"}
CACHE_SIZE = 65536


@dataclass(frozen=True)
class Rule:
    """A term both scripts must render one way: ``Rule(hant="精準", hans="精准")``."""

    hant: str
    hans: str


@lru_cache(maxsize=len(STANDARDS) * 2 + 4)  # one converter per OpenCC config used
def _opencc(config: str) -> "opencc.OpenCC":
    last_error: Exception | None = None
    for name in (config, f"{config}.json"):
        try:
            converter = opencc.OpenCC(name)
            converter.convert("測試")  # a config that fails to load fails here, not later
            return converter
        except Exception as error:  # each binding raises its own error type
            last_error = error
    raise RuntimeError(f"OpenCC has no config {config!r}: {last_error}")


def backend() -> str:
    """The OpenCC package that provides the module ``opencc``, with its version: both the
    official binding and opencc-python-reimplemented install it, the last one wins."""
    from importlib.metadata import PackageNotFoundError, version

    name = ("opencc-python-reimplemented" if hasattr(opencc.OpenCC, "set_conversion")
            else "opencc")
    try:
        return f"{name} {version(name)}"
    except PackageNotFoundError:
        return name


def opencc_convert(text: str, config: str) -> str:
    """Plain OpenCC, no rules: ``opencc_convert("软件", "s2twp") == "軟體"``."""
    return _opencc(config).convert(text)


class Converter:
    """OpenCC with a corpus's rules; results are cached per text."""

    def __init__(self, rules: tuple[Rule, ...] = (), standard: str = DEFAULT_STANDARD):
        if standard not in STANDARDS:
            raise ValueError(f"unknown Traditional standard {standard!r}; expected one of "
                             f"{', '.join(STANDARDS)}")
        self.rules = rules
        self.standard = standard
        self.to_hant_config, self.to_hans_config = STANDARDS[standard]
        self._by_hant = {r.hant: r.hans for r in rules}
        self._by_hans = {r.hans: r.hant for r in rules}
        self._hant_terms = _alternation(self._by_hant)
        self._hans_terms = _alternation(self._by_hans)
        self._convert = lru_cache(maxsize=CACHE_SIZE)(self._convert_uncached)
        self._one_to_many: dict[str, tuple[str, ...]] | None = None

    def one_to_many(self) -> dict[str, tuple[str, ...]]:
        """Simplified characters with several Traditional candidates, in this standard's
        forms (read once per converter; see ``one_to_many``)."""
        if self._one_to_many is None:
            self._one_to_many = in_standard(read_table(), self.standard, opencc_convert)
        return self._one_to_many

    def rule_spans(self, simplified: str) -> list[tuple[int, int]]:
        """Where the rules' Simplified terms occur in ``simplified``: settled by the editor."""
        if self._hans_terms is None:
            return []
        return [match.span() for match in self._hans_terms.finditer(simplified)]

    def _convert_uncached(self, text: str, config: str) -> str:
        terms, table = (
            (self._hant_terms, self._by_hant)
            if config == self.to_hans_config
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
        return self._convert(text, self.to_hans_config) if text else text

    def to_traditional(self, text: str) -> str:
        return self._convert(text, self.to_hant_config) if text else text

    def to_standard(self, text: str) -> str:
        """The text's standard Traditional form: the round trip, e.g. ``s2tw(tw2s(text))``."""
        return self.to_traditional(self.to_simplified(text)) if text else text


def _alternation(terms: dict[str, str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    # Longest first, so 精準扶貧 wins over 精準.
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=lambda t: (-len(t), t))))


_current = Converter()


def configure(rules: tuple[Rule, ...] = (), standard: str = DEFAULT_STANDARD) -> Converter:
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
