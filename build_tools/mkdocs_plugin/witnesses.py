"""Collation pages: one per group of versions of one speech, from the plugin's options,
with the group's apparatus to download (TEI P5 and CSV, generated files beside the page:
nothing is written into ``docs/``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from build_tools.analysis.cache import ContentCache, DiskCache
from build_tools.analysis.collate import (
    GroupCollation,
    collate_witnesses,
    find_witness_groups,
    similarity,
)
from build_tools.analysis.convert import current
from build_tools.render.collation import Witness, render_collation
from build_tools.render.parallel import map_on_cores
from build_tools.render.collation_export import (
    ExportedWitness,
    apparatus_csv,
    export_title,
    group_stem,
    tei_document,
    witness_label,
)
from build_tools.text.model import Speech

log = get_plugin_logger(__name__)

DOWNLOAD_LABELS = (("TEI P5（XML）", "tei_uri"), ("CSV", "csv_uri"))


@dataclass(frozen=True)
class CollationPage:
    src_uri: str
    members: tuple[str, ...]  # src_uri of each witness's page, the base first
    similarities: tuple[float | None, ...]  # each member against the base; None for it

    @property
    def base(self) -> str:
        return self.members[0]

    @property
    def tei_uri(self) -> str:
        return f"{self.src_uri[:-3]}.tei.xml"

    @property
    def csv_uri(self) -> str:
        return f"{self.src_uri[:-3]}.csv"


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


def collation_pages(speeches: Mapping[str, Speech], config,
                    cache: ContentCache) -> dict[str, CollationPage]:
    """A page per group the detection finds (and the pairs named in ``collation_pairs``
    join), with every member up to ``collation_max_witnesses``; ``speeches`` by their
    page's ``src_uri``. Cached by every text and option it depends on: a second build
    compares nothing."""
    key = ("groups", tuple((uri, s.path, s.first_line, s.source) for uri, s in speeches.items()),
           tuple(map(tuple, config.collation_pairs)), tuple(config.collation_bases),
           config.collation_max_witnesses, config.collation_threshold)
    return cache.get(key, lambda: _collation_pages(speeches, config))


def _collation_pages(speeches: Mapping[str, Speech], config) -> dict[str, CollationPage]:
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
        members = group.members
        if len(members) > limit:
            log.info("%d versions of %s: the collation page shows the first %d only "
                     "(raise collation_max_witnesses for more)",
                     len(members), uris[group.base][:-3], limit)
            members = members[:limit]
        measured = [group.similarity(group.base, m) for m in members[1:]]
        src_uri = group_stem([uris[m][:-3] for m in members]) + ".md"
        pages[src_uri] = CollationPage(src_uri, tuple(uris[m] for m in members), (None, *(
            s if s is not None else similarity(texts[group.base], texts[m])
            for s, m in zip(measured, members[1:]))))
    return pages


def joint_key(witnesses: Sequence[Speech]) -> tuple:
    """What a group's collation depends on: each witness's text and where it starts."""
    return ("joint", *((w.path, w.first_line, w.source) for w in witnesses))


def joint_collation(witnesses: Sequence[Speech], cache: ContentCache) -> GroupCollation:
    return cache.get(joint_key(witnesses), lambda: collate_witnesses(witnesses))


def collate_ahead(groups: Sequence[Sequence[Speech]], cache: DiskCache) -> None:
    """Collate the groups ``cache`` lacks on every core (each group's collation depends on
    its witnesses only), so the pages and downloads find them in the cache."""
    todo = [group for group in groups if not cache.has(joint_key(group))]
    for group, collation in zip(todo, map_on_cores(collate_witnesses, todo, minimum=4,
                                                   chunk=1)):
        cache.get(joint_key(group), lambda c=collation: c)


def page_html(entry: CollationPage, witnesses: Sequence[Witness], url: Callable[[str], str],
              cache: ContentCache) -> str:
    """The collation page, cached by everything it shows; ``url``: a page's or a
    download's link from the collation page."""
    links = tuple((name, url(getattr(entry, uri))) for name, uri in DOWNLOAD_LABELS)
    converter = current()
    key = ("page", joint_key([w.speech for w in witnesses]), entry.similarities,
           converter.rules, converter.standard, links,
           tuple((w.label, w.url, w.script, tuple(sorted(w.heading_anchors.items())))
                 for w in witnesses))
    return cache.get(key, lambda: render_collation(
        joint_collation([w.speech for w in witnesses], cache), witnesses,
        entry.similarities, links))


def downloads(config: MkDocsConfig, entry: CollationPage, collation: GroupCollation,
              witnesses: Sequence[Speech]) -> list[File]:
    """The group's apparatus as TEI and CSV, generated beside its page."""
    exported = [ExportedWitness.of(speech) for speech in witnesses]
    return [
        File.generated(config, entry.tei_uri,
                       content=tei_document(collation, exported, export_title(exported))),
        File.generated(config, entry.csv_uri, content=apparatus_csv(collation, exported)),
    ]


def cached_downloads(config: MkDocsConfig, entry: CollationPage, witnesses: Sequence[Speech],
                     cache: ContentCache) -> list[File]:
    """``downloads``, their text cached by the witnesses' texts (a second build and a
    rebuild under ``mkdocs serve`` export only the groups whose texts changed)."""
    key = ("downloads", entry.tei_uri, entry.csv_uri, joint_key(witnesses))
    texts = cache.get(key, lambda: [file.content_string for file in downloads(
        config, entry, joint_collation(witnesses, cache), witnesses)])
    return [File.generated(config, uri, content=text)
            for uri, text in zip((entry.tei_uri, entry.csv_uri), texts)]


def page_links(page, files) -> Callable[[str], str]:
    """A file's link (by its src_uri) from ``page``."""
    return lambda uri: files.get_file_from_path(uri).url_relative_to(page.file)


def witness_links(src_uri: str, pages: Mapping[str, CollationPage],
                  speeches: Mapping[str, Speech],
                  url: Callable[[str], str]) -> list[tuple[str, str, str, float]]:
    """For a witness's page: ``(other's label, its url, collation page's url,
    similarity)`` for every other version of its speech, in group order."""
    links = []
    for entry in pages.values():
        if src_uri not in entry.members:
            continue
        mine = entry.members.index(src_uri)
        for k, other in enumerate(entry.members):
            if other == src_uri:
                continue
            measured = entry.similarities[mine] if k == 0 else (
                entry.similarities[k] if mine == 0 else None)
            if measured is None:
                measured = similarity(speeches[src_uri], speeches[other])
            links.append((witness_label(speeches[other]), url(other), url(entry.src_uri), measured))
    return links
