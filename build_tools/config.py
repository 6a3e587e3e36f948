"""Typed configuration of the ``parallel-texts`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ParallelTextsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from ``mkdocs.yml``."""

    sources = c.Type(str, default="sources/*.txt")
    """Glob of source files, relative to the folder of ``mkdocs.yml``."""

    encoding = c.Optional(c.Type(str))
    """Codec of the sources; detected per file when not set."""

    nav_group_size = c.Type(int, default=50)
    """Above this many speeches, the navigation groups them in sections of this size, so a
    page's navigation (with Material's ``navigation.prune``) does not grow with the corpus."""

    conversions = c.Optional(c.Type(str))
    """Per-corpus conversion rules (YAML), relative to ``mkdocs.yml``; by default the
    ``conversions.yml`` beside the sources, if there is one."""
