"""Collation pages: which versions of one speech get one, from the plugin's options."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from build_tools.analysis.collate import find_witness_groups, similarity
from build_tools.text.model import Speech

log = get_plugin_logger(__name__)


@dataclass(frozen=True)
class CollationPage:
    src_uri: str
    base: str  # src_uri of the base witness's page
    other: str
    similarity: float


def _index_of(uris: Sequence[str]):
    index = {uri[:-3]: i for i, uri in enumerate(uris)}

    def lookup(name: str, option: str) -> int:
        if name not in index:
            raise PluginError(f"parallel-texts: {option} names {name!r}, which is no "
                              f"speech; expected a page name such as {uris[0][:-3]!r}")
        return index[name]

    return lookup


def _named_pairs(config, lookup) -> list[tuple[int, int]]:
    pairs = []
    for pair in config.collation_pairs:
        if len(pair) != 2:
            raise PluginError(f"parallel-texts: collation_pairs expects pairs of two page "
                              f"names, got {pair!r}")
        pairs.append((lookup(pair[0], "collation_pairs"), lookup(pair[1], "collation_pairs")))
    return pairs


def collation_pages(speeches: Mapping[str, Speech], config) -> dict[str, CollationPage]:
    """A page per base and other version, for the groups the detection finds (and the
    pairs named in ``collation_pairs``); ``speeches`` by their page's ``src_uri``."""
    uris = list(speeches)
    if not uris:
        return {}
    lookup = _index_of(uris)
    pairs = _named_pairs(config, lookup)
    bases = [lookup(name, "collation_bases") for name in config.collation_bases]
    texts = [speeches[uri] for uri in uris]
    limit = config.collation_max_witnesses
    pages: dict[str, CollationPage] = {}
    for group in find_witness_groups(texts, config.collation_threshold, pairs, bases=bases):
        base = uris[group.base]
        members = group.members[1:]
        if len(members) >= limit:
            log.info("%d versions of %s: collation pages for the first %d only "
                     "(raise collation_max_witnesses for more)",
                     len(members) + 1, base[:-3], limit - 1)
            members = members[: limit - 1]
        for member in members:
            other = uris[member]
            src_uri = f"collation-{base[:-3]}--{other[:-3]}.md"
            measured = group.similarity(group.base, member)
            pages[src_uri] = CollationPage(
                src_uri, base, other,
                measured if measured is not None
                else similarity(texts[group.base], texts[member]),
            )
    return pages
