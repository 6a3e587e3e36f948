"""The adapter to Material's search plugin: the corpus's terms for its segmenter.

The only module that reaches into Material's search: its ``jieba_dict_user`` option and
the internal segmenter of its index, left alone when a Material has none.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from build_tools.analysis.terms import already_known, segment_for_search, user_dictionary
from build_tools.text.model import Collection

SEARCH_PLUGINS = ("search", "material/search")


def _search_plugin(config: MkDocsConfig):
    return next((p for name, p in config.plugins.items() if name in SEARCH_PLUGINS), None)


def give_search_the_corpus_terms(config: MkDocsConfig, collections: list[Collection]) -> None:
    """Write the corpus's terms as a jieba user dictionary for Material's search, unless
    the configuration names one itself. Called before Material's ``on_config``, which
    loads the dictionary."""
    search = _search_plugin(config)
    if search is None or getattr(search.config, "jieba_dict_user", None):
        return
    content = user_dictionary(collections)
    if already_known(content):
        return
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / "parallel-texts"
    folder.mkdir(exist_ok=True)
    path = folder / f"jieba-user-{digest}.txt"
    if not path.exists():
        path.write_text(content, encoding="utf-8")
    search.config.jieba_dict_user = str(path)


def index_terms_and_their_parts(config: MkDocsConfig) -> None:
    """Have Material's search index a term and its parts (see ``segment_for_search``).

    Its index object exists once its ``on_config`` has run; the segmenter is an internal
    method of it, so a Material without one is left as it is.
    """
    index = getattr(_search_plugin(config), "search_index", None)
    if index is not None and hasattr(index, "_segment_chinese"):
        index._segment_chinese = segment_for_search
