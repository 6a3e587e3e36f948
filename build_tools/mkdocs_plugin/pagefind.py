"""Pagefind, the optional search for large corpora.

Material's search downloads one index holding the whole corpus before the first query;
Pagefind splits its index into chunks and fetches only those a query needs. It runs after
the build over the finished pages, indexing the same text as Material's search: the page
content (``.md-content``) minus everything marked ``data-search-exclude`` (the
Traditional column, pinyin, notes), so both search the Simplified text, and the search
page converts Traditional queries with the corpus's table (``search-table.js``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SEARCH_PAGE = "search.md"
PAGEFIND_COMMAND = [
    sys.executable, "-m", "pagefind",
    "--root-selector", ".md-content",
    "--exclude-selectors", "[data-search-exclude]",
    # Pages are zh-Hant; the indexed text is Simplified Chinese either way.
    "--force-language", "zh",
    "--quiet",
]


class PagefindError(Exception):
    """Pagefind is missing or failed; ``str()`` says which and what to do."""


def index_site(site_dir: str | Path) -> None:
    try:
        import pagefind  # noqa: F401  (only to tell a missing package from a failure)
    except ImportError:
        raise PagefindError(
            "pagefind is enabled but not installed: pip install 'pagefind[extended]'"
        ) from None
    result = subprocess.run([*PAGEFIND_COMMAND, "--site", str(site_dir)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise PagefindError(f"pagefind failed (exit {result.returncode}): {last[0]}")


def search_page_html(title: str) -> str:
    """The body of the search page; ``assets/ptx/pagefind-page.js`` starts the UI."""
    return (f'<h1 id="search">{title}</h1>'
            '<div id="ptx-pagefind" class="ptx-pagefind" data-search-exclude></div>')
