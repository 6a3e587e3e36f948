"""Pagefind, the optional chunked search, on the seed: index built, queries in both scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_tools.outputs.site import build_site

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "000_a0dc2aa1bc4bc1e3.txt"


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory) -> Path:
    pytest.importorskip("pagefind", reason="pagefind is an optional extra: pip install "
                        "'.[pagefind]' (the test extra installs it)")
    folder = tmp_path_factory.mktemp("pagefind")
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        "plugins:\n  - search\n  - parallel-texts:\n"
        f"      sources: {SEED}\n      pagefind: true\n",
        encoding="utf-8",
    )
    site = folder / "site"
    build_site(str(config), str(site))
    return site


def test_pagefind_index_and_search_page(pagefind_site):
    entry = json.loads((pagefind_site / "pagefind" / "pagefind-entry.json").read_text())
    assert "zh" in entry["languages"]
    # Every page: home, 5 speeches, the collation, the search page itself and 404.
    assert entry["languages"]["zh"]["page_count"] == len(list(pagefind_site.glob("*.html"))) == 9
    page = (pagefind_site / "search.html").read_text(encoding="utf-8")
    assert 'id="ptx-pagefind"' in page and "pagefind-page.js" in page
    # Material's search is still there, for the offline bundle.
    assert (pagefind_site / "search" / "search_index.json").is_file()


@pytest.mark.browser
def test_pagefind_finds_both_scripts(pagefind_site, browser):
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    from functools import partial
    import threading

    handler = partial(SimpleHTTPRequestHandler, directory=str(pagefind_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *args: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/search.html")
        page.wait_for_selector(".pagefind-ui__search-input", timeout=20000)
        found = {}
        for query in ("脫貧攻堅", "脱贫攻坚"):
            page.fill(".pagefind-ui__search-input", query)
            page.keyboard.press("End")
            page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
            page.wait_for_timeout(500)
            found[query] = sorted(page.eval_on_selector_all(
                ".pagefind-ui__result-link", "links => links.map(a => a.getAttribute('href'))"))
        assert found["脫貧攻堅"] == found["脱贫攻坚"]
        assert "/000-a0dc2aa1bc4bc1e3-01.html" in found["脫貧攻堅"]
        assert "/000-a0dc2aa1bc4bc1e3-05.html" in found["脫貧攻堅"]
        context.close()
    finally:
        server.shutdown()
