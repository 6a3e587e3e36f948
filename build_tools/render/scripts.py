"""Tables for the page's scripts, generated at build time as small JavaScript files.

``one-to-many-table.js`` lists the Simplified characters of the corpus that stand for
several Traditional ones (发 → 發髮), from OpenCC's own table in the configured standard's
forms (see ``analysis.one_to_many``): the difference marks name the Traditional character
of the source where the Simplified one is ambiguous.
"""

from __future__ import annotations

import json
from typing import Iterable

from build_tools.analysis import convert
from build_tools.analysis.corpus_stats import corpus_characters
from build_tools.text.model import Collection

ONE_TO_MANY_ASSET = "one-to-many-table.js"


def one_to_many_table(collections: Iterable[Collection]) -> dict[str, str]:
    """Each Simplified character the corpus can show with several Traditional candidates,
    the candidates joined (OpenCC's usual choice first)."""
    chars = corpus_characters(collections)
    simplified = chars | {convert.to_simplified(ch) for ch in chars}
    table = convert.current().one_to_many()
    return {ch: "".join(table[ch]) for ch in sorted(simplified) if ch in table}


def one_to_many_script(collections: Iterable[Collection]) -> str:
    """The table as a script defining ``window.ptxOneToMany``, keys sorted."""
    return global_assignment("ptxOneToMany", one_to_many_table(collections))


def global_assignment(name: str, table: dict[str, str]) -> str:
    payload = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.{name}={payload};\n"
