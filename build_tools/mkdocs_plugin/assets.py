"""The page assets the plugin ships and registers: scripts, styles, and generated tables."""

from __future__ import annotations

from importlib import resources

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from build_tools.analysis.pinyin import PINYIN_TABLE_ASSET, pinyin_script
from build_tools.analysis.terms import QUERY_TABLE_ASSET, table_script
from build_tools.render.scripts import ONE_TO_MANY_ASSET, one_to_many_script
from build_tools.text.model import Collection

ASSET_DIR = "assets/ptx"
# The page scripts at the end of <body>, in this order: page.js first (every page's
# setup), the toolbar, then what the options add to the text (the generated table before
# the marks that read it), copying and notes. early.js is in <head> (the template).
PAGE_SCRIPTS = ("page.js", "parallel.js", ONE_TO_MANY_ASSET, "marks.js", "annotate.js",
                "copy.js", "notes.js")
ASSETS = ("early.js", *(name for name in PAGE_SCRIPTS if name != ONE_TO_MANY_ASSET),
          "parallel.css", "collation.css", "search-query.js", "search-worker.js",
          "search-mark.js",
          "iframe-worker-shim.js")
STYLES = ("parallel.css", "collation.css")


def register(config: MkDocsConfig) -> None:
    """List the styles and scripts every page loads, and put the page template (early
    script, escaped window title, query converter) right after the site's own templates,
    so the plugin is complete in any Material site without an ``overrides/`` folder."""
    templates = str(resources.files("build_tools.mkdocs_plugin") / "templates")
    if templates not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, templates)
    config.extra_css.extend(f"{ASSET_DIR}/{name}" for name in STYLES)
    config.extra_javascript.extend(f"{ASSET_DIR}/{name}" for name in PAGE_SCRIPTS)


def generated_tables(config: MkDocsConfig, collections: list[Collection],
                     fold_table: dict[str, str]) -> list[File]:
    """The corpus's query table (``fold_table``: Traditional → Simplified), pinyin table
    and one-to-many table (Simplified → its Traditional candidates)."""
    return [
        File.generated(config, f"{ASSET_DIR}/{QUERY_TABLE_ASSET}",
                       content=table_script(fold_table)),
        File.generated(config, f"{ASSET_DIR}/{PINYIN_TABLE_ASSET}",
                       content=pinyin_script(collections)),
        File.generated(config, f"{ASSET_DIR}/{ONE_TO_MANY_ASSET}",
                       content=one_to_many_script(collections)),
    ]


def shipped(config: MkDocsConfig) -> list[File]:
    """The scripts and styles inside the package, served under ``assets/ptx/``."""
    folder = resources.files("build_tools.mkdocs_plugin") / "assets"
    return [File.generated(config, f"{ASSET_DIR}/{name}", content=(folder / name).read_bytes())
            for name in ASSETS]
