"""Pagefind, the chunked index for large sites (see ``material_search.choose_mode``).

The records are the same as the site's own index holds (``render.search_records``), not
read back from the finished pages: Pagefind's content for a page is its folded text as one
word per character (``search_records.pagefind_content``), so that Pagefind's exact phrase
search ("…") finds exactly the pages holding a folded query, in either script, however
jieba would cut it. The page's record itself, for the result's title and snippets, rides
along as Pagefind metadata (``ptx``) in the page's fragment, fetched only for the results
shown with a snippet, and so does its URL (``page``).

The records reach Pagefind as one small HTML file each in a temporary folder, indexed with
one ``add_directory`` call: the Python API answers one request per tenth of a second (its
service polls the indexer's output that often), so ``add_custom_record`` per page cost
50 s at 500 pages, the folder under two.

The search worker (``assets/search-worker.js``) also needs each result's title and URL
before it fetches any fragment, to rank and list them all: ``PAGEFIND_PAGES`` maps
Pagefind's page ids (its fragment names) to them.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import shutil
import tempfile
import threading
from html import escape
from pathlib import Path

from build_tools.render.search_records import SearchPage, index_docs, pagefind_content

# The words are digits (``search_records.token``): a language without stemming or word
# segmentation keeps Pagefind from changing them.
LANGUAGE = "und"
FRAGMENT_PREFIX = b"pagefind_dcd"  # Pagefind's fragment files: gzip of this, then JSON


class PagefindError(Exception):
    """Pagefind is missing or failed; ``str()`` says which and what to do."""


def record_html(content: str, doc: dict, url: str) -> str:
    """A page's record as Pagefind reads a file: the content, the record and the URL as
    metadata (escaped: the record holds the source's text)."""
    record = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return ('<!DOCTYPE html><html lang="und"><head><meta charset="utf-8">'
            f'<meta data-pagefind-meta="ptx[content]" content="{escape(record)}">'
            f'<meta data-pagefind-meta="page[content]" content="{escape(url)}">'
            f'</head><body>{escape(content)}</body></html>')


def write_records(folder: Path, pages: list[SearchPage], table: dict[str, str],
                  defaults: dict[str, str]) -> None:
    for number, (page, doc) in enumerate(zip(pages, index_docs(pages, defaults))):
        content, _ = pagefind_content(page, table)
        (folder / f"{number:06d}.html").write_text(record_html(content, doc, page.url),
                                                   encoding="utf-8")


async def _write(folder: Path, pages: list[SearchPage], table: dict[str, str],
                 defaults: dict[str, str]) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    with tempfile.TemporaryDirectory(prefix="ptx-pagefind-") as records:
        write_records(Path(records), pages, table, defaults)
        # Leaving the context writes the index to the configured output path.
        config = IndexConfig(force_language=LANGUAGE, output_path=str(folder))
        async with PagefindIndex(config=config) as index:
            await index.add_directory(records)


def _page_ids(folder: Path) -> dict[str, str]:
    """Pagefind's page id (its fragment's name) → the URL the record was given."""
    ids = {}
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if data.startswith(FRAGMENT_PREFIX):
            data = data[len(FRAGMENT_PREFIX):]
        ids[path.stem] = json.loads(data.decode("utf-8"))["meta"]["page"]
    return ids


def pages_table(pages: list[SearchPage], ids: dict[str, str], table: dict[str, str]) -> str:
    """``{id: [url, Traditional title, Simplified title, title length in words]}``."""
    by_url = {page.url: page for page in pages}
    entries = {}
    for page_id, url in sorted(ids.items()):
        page = by_url[url]
        entries[page_id] = [url, page.title.hant, page.title.hans,
                            pagefind_content(SearchPage(url, (page.title,)), table)[1]]
    return json.dumps(entries, ensure_ascii=False, separators=(",", ":"))


def write_index(site_dir: str | Path, pages: list[SearchPage], table: dict[str, str],
                defaults: dict[str, str], pages_file: str) -> None:
    """Write ``pagefind/`` and the page table ``pages_file`` into the built site."""
    try:
        import pagefind  # noqa: F401  (only to tell a missing package from a failure)
    except ImportError:
        raise PagefindError(
            "pagefind is enabled but not installed: pip install 'pagefind[extended]'"
        ) from None
    folder = Path(site_dir) / "pagefind"
    if folder.exists():
        shutil.rmtree(folder)
    failures: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(_write(folder, pages, table, defaults))
        except Exception as error:  # the service's errors carry no common type
            failures.append(error)

    # A thread of its own: the caller may be running an event loop already (a server,
    # a test driving a browser), and asyncio.run() refuses to start inside one.
    worker = threading.Thread(target=run, name="pagefind")
    worker.start()
    worker.join()
    if failures:
        raise PagefindError(f"pagefind failed: {failures[0]}")
    target = Path(site_dir) / pages_file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(pages_table(pages, _page_ids(folder), table), encoding="utf-8")
