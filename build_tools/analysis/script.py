"""Which script a speech is written in: Traditional (``hant``) or Simplified (``hans``).

The rule counts characters, not phrases. A Han character is *Traditional-only* when
OpenCC's ``t2s`` changes it on its own (會 → 会), *Simplified-only* when ``s2t`` does
(会 → 會); most characters (人, 大, 的) are neither and do not count. With ``t`` and ``s``
the occurrences of each, the text's Traditional share is ``t / (t + s)``:

- share ≥ ``MAJORITY`` (0.5): Traditional, else Simplified;
- a share between ``MIXED_LOW`` (0.2) and ``MIXED_HIGH`` (0.8) is *mixed*: the majority
  still decides, and ``check`` reports the text with the share of each;
- no character of either kind (``t + s == 0``): the text reads the same in both scripts;
  it is taken as Traditional.

Measured: the seed (Traditional machine-converted from Simplified, with leftovers such as
干部, 于, 后) has shares of 0.935–0.969 per speech; the same text converted with ``t2s``
has 0.00. Simplified text rarely holds Traditional-only characters, Traditional text
converted from Simplified keeps a few Simplified-only ones, so the bounds are wide.

The single characters are converted in one OpenCC call per text, one per line, so no
phrase can form between them.
"""

from __future__ import annotations

from dataclasses import dataclass

import fnmatch
from collections.abc import Mapping
from pathlib import PurePath

from build_tools.analysis.convert import opencc_convert
from build_tools.text.han import han_characters
from build_tools.text.model import Speech

HANT, HANS = "hant", "hans"
SCRIPTS = (HANT, HANS)
MAJORITY = 0.5
MIXED_LOW, MIXED_HIGH = 0.2, 0.8
SCRIPT_NAMES = {HANT: "繁體", HANS: "簡體"}


@dataclass(frozen=True)
class ScriptCount:
    """Occurrences of Traditional-only and Simplified-only characters in a text."""

    traditional: int
    simplified: int

    @property
    def share_traditional(self) -> float | None:
        total = self.traditional + self.simplified
        return self.traditional / total if total else None

    @property
    def script(self) -> str:
        share = self.share_traditional
        return HANT if share is None or share >= MAJORITY else HANS

    @property
    def mixed(self) -> bool:
        share = self.share_traditional
        return share is not None and MIXED_LOW < share < MIXED_HIGH


def count_scripts(text: str) -> ScriptCount:
    """Count the Traditional-only and Simplified-only characters of ``text``."""
    counts = han_characters(text)
    if not counts:
        return ScriptCount(0, 0)
    chars = sorted(counts)
    to_hans = opencc_convert("\n".join(chars), "t2s").split("\n")
    to_hant = opencc_convert("\n".join(chars), "s2t").split("\n")
    traditional = simplified = 0
    for char, hans, hant in zip(chars, to_hans, to_hant):
        if hans != char:
            traditional += counts[char]
        elif hant != char:
            simplified += counts[char]
    return ScriptCount(traditional, simplified)


def resolve_script(setting: str, text: str) -> tuple[str, ScriptCount | None]:
    """The script to treat ``text`` as: ``setting`` (``auto``, ``hant``, ``hans``) decides,
    ``auto`` by :func:`count_scripts`, whose count comes back too."""
    if setting in SCRIPTS:
        return setting, None
    if setting != "auto":
        raise ValueError(f"source script {setting!r}: expected auto, hant or hans")
    count = count_scripts(text)
    return count.script, count


def script_setting(path: str, default: str, per_file: Mapping[str, str]) -> str:
    """The setting for the file ``path``: the first pattern of ``per_file`` its name (or
    its path) matches, else ``default``."""
    name = PurePath(path).name
    for pattern, setting in per_file.items():
        if fnmatch.fnmatchcase(name, pattern) or fnmatch.fnmatchcase(path, pattern):
            return setting
    return default


def speech_script(speech: Speech, setting: str) -> tuple[str, ScriptCount | None]:
    """The script of a speech by its visible text (pinyin left out)."""
    return resolve_script(setting, "".join(span.visible for span in speech.spans()))


def mixed_warning(count: ScriptCount) -> str:
    """What ``check`` says of a text mixing the scripts."""
    share = count.share_traditional or 0.0
    return (f"mixed script: Traditional-only characters {count.traditional} ({share:.0%}), "
            f"Simplified-only {count.simplified} ({1 - share:.0%}); taken as "
            f"{SCRIPT_NAMES[count.script]} (set source_script or --source-script to choose)")
