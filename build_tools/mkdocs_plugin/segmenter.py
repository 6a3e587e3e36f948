"""What jieba knows besides its own dictionary: a site's ``jieba_dict_user`` for Material's
search, which Material loads into jieba for the whole process, so it also decides where
the words around a non-standard form begin and end (see ``analysis.annotate``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from build_tools.mkdocs_plugin.material_search import SEARCH_PLUGINS


def segmenter_digest(config: MkDocsConfig) -> str:
    """A hash of the user dictionary Material's search gives jieba ("" for none)."""
    search = next((p for name, p in config.plugins.items() if name in SEARCH_PLUGINS), None)
    path = getattr(getattr(search, "config", None), "jieba_dict_user", None)
    if not path:
        return ""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return f"unreadable:{path}"
