"""Per-corpus conversion rules: ``conversions.yml`` beside the sources.

Like MediaWiki's per-page conversion tables, a rule fixes a term the OpenCC dictionaries
get wrong (a name, a term of art); it applies in both directions and in the round trip
that finds non-standard forms::

    # sources/conversions.yml
    - hant: 精準      # Traditional form
      hans: 精准      # Simplified form
    - hant: 新化
      hans: 新化      # a place name: never converted

Errors name the file and line and say what was expected.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from build_tools.analysis.convert import Rule

RULES_FILE = "conversions.yml"


class RulesError(Exception):
    """A rules file that cannot be used; ``str()`` is one ``path:line: message`` line."""


def load_rules(path: str | Path) -> tuple[Rule, ...]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark else 1
        raise RulesError(f"{path}:{line}: not valid YAML: {error.problem}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError(f"{path}:1: cannot read: {error}") from None
    if root is None:
        return ()
    if not isinstance(root, yaml.SequenceNode):
        raise RulesError(f"{path}:{root.start_mark.line + 1}: expected a list of rules "
                         f"(- hant: … / hans: …), got a {root.tag.rsplit(':', 1)[-1]}")
    rules = []
    for node in root.value:
        line = node.start_mark.line + 1
        entry = _construct(node)
        if not isinstance(entry, dict) or set(entry) != {"hant", "hans"}:
            got = sorted(entry) if isinstance(entry, dict) else type(entry).__name__
            raise RulesError(f"{path}:{line}: expected a rule with exactly 'hant' and 'hans', "
                             f"got {got}")
        hant, hans = entry["hant"], entry["hans"]
        if not (isinstance(hant, str) and isinstance(hans, str) and hant and hans):
            raise RulesError(f"{path}:{line}: 'hant' and 'hans' must be non-empty text")
        rules.append(Rule(hant=hant, hans=hans))
    return tuple(rules)


def _construct(node: yaml.Node) -> object:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def rules_beside(sources: list[Path]) -> Path | None:
    """The rules file in the folder of the first source, if there is one."""
    if not sources:
        return None
    candidate = sources[0].parent / RULES_FILE
    return candidate if candidate.is_file() else None
