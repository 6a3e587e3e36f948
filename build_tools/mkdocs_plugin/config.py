"""Typed configuration of the ``parallel-texts`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from build_tools.analysis.convert import DEFAULT_STANDARD, STANDARDS

SCRIPT_SETTINGS = ("auto", "hant", "hans")


class ParallelTextsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from ``mkdocs.yml``."""

    cache_dir = c.Type(str, default=".cache/parallel-texts")
    """Where parsed and rendered speeches are kept between builds, relative to
    ``mkdocs.yml`` (safe to delete; an empty string keeps them in memory only)."""

    sources = c.Type(str, default="sources/*.txt")
    """Glob of source files, relative to the folder of ``mkdocs.yml``."""

    encoding = c.Optional(c.Type(str))
    """Codec of the sources; detected per file when not set."""

    source_script = c.Choice(SCRIPT_SETTINGS, default="auto")
    """The script the sources are written in: ``hant`` (Traditional), ``hans``
    (Simplified), or ``auto``: each speech by its characters (see ``script``). That column
    shows the text as written; the other is converted."""

    source_scripts = c.DictOfItems(c.Choice(SCRIPT_SETTINGS), default={})
    """Per file, overriding ``source_script``: a file name or glob (``簡體*.txt``) → script."""

    traditional_standard = c.Choice(tuple(STANDARDS), default=DEFAULT_STANDARD)
    """The Traditional to derive and to audit against: ``tw`` (Taiwan, the default),
    ``twp`` (Taiwan with its vocabulary), ``hk`` (Hong Kong) or ``opencc`` (OpenCC's own)."""

    nav_group_size = c.Type(int, default=50)
    """Above this many speeches, the navigation groups them in sections of this size, so a
    page's navigation (with Material's ``navigation.prune``) does not grow with the corpus."""

    conversions = c.Optional(c.File(exists=True))
    """Per-corpus conversion rules (YAML), relative to ``mkdocs.yml``; by default the
    ``conversions.yml`` beside the sources, if there is one."""

    collation = c.Type(bool, default=True)
    """Find versions of the same speech and build one collation page for each group of
    them (all witnesses in columns, one joint apparatus)."""

    collation_threshold = c.Type(float, default=0.8)
    """Share of characters two speeches must have in common to count as versions of one
    text (``difflib`` ratio of their visible texts)."""

    collation_pairs = c.ListOfItems(c.ListOfItems(c.Type(str)), default=[])
    """Pairs named by hand, by page name: ``[[000-a0dc2aa1bc4bc1e3-01, …-02]]``."""

    collation_max_witnesses = c.Type(int, default=10)
    """A group's collation page shows its first this many witnesses (each costs an
    alignment against the base), with a note saying so."""

    collation_bases = c.ListOfItems(c.Type(str), default=[])
    """Page names of speeches to use as base text in their group (default: the first in
    file order)."""

    pagefind = c.Choice(("auto", True, False), default="auto")
    """Search through Pagefind's chunked index (``pip install 'pagefind[extended]'``)
    instead of one index file: ``true``, ``false``, or ``auto``: once the index file would
    pass ``material_search.INDEX_LIMIT`` (4 MB), if Pagefind is installed. The offline
    bundle always has the index file (Pagefind cannot load under file://)."""
