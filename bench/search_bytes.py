"""What a reader's first search query downloads, measured in Chromium, for built sites.

    .venv/bin/python bench/search_bytes.py SITE_DIR [SITE_DIR …] [--query 脱贫攻坚 …]

Each site is opened at its home page in a fresh browser context (empty cache): over http
from a local server, or, with ``--file``, from the folder (file://, as the offline bundle
is read). The search box is opened and each query typed in turn; every request is
recorded with its size (the body as received: Pagefind's files are compressed already,
the others are counted uncompressed, as a server without gzip sends them). The report
lists what search loaded: Material's index file (``search/``), this project's search
scripts (``assets/ptx/search-*``), Pagefind's files (``pagefind/``), up to the first
query's results, and then what each further query added. Which index a site has (its
own pages, or Pagefind) is read from ``search/search_index.json``.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from search_support import SearchBox  # noqa: E402

SEARCH_PARTS = ("search/", "assets/ptx/search-", "pagefind/")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def _searchy(path: str) -> bool:
    return any(part in path for part in SEARCH_PARTS)


def measure(site: Path, queries: list[str], from_file: bool) -> dict:
    from playwright.sync_api import sync_playwright

    server = None
    if from_file:
        base = site.resolve().as_uri() + "/"
    else:
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
    loaded: list[tuple[str, int]] = []

    def size_of(url: str, response) -> int:
        if url.startswith("file:"):
            return Path(unquote(urlsplit(url).path)).stat().st_size
        return len(response.body()) if response and response.ok else 0

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(locale="zh-TW")
            context.on("requestfinished", lambda r: loaded.append(
                (r.url, size_of(r.url, r.response()))))
            page = context.new_page()
            page.goto(base + "index.html")
            started = time.perf_counter()
            box = SearchBox(page, base)
            ready = time.perf_counter() - started
            steps = []
            for query in queries:
                before, started = len(loaded), time.perf_counter()
                found = box.pages(query)
                seconds = time.perf_counter() - started
                page.wait_for_timeout(300)
                steps.append({"query": query, "pages": len(found), "seconds": seconds,
                              "requests": loaded[before:]})
            browser.close()
    finally:
        if server:
            server.shutdown()
    return {"base": base, "all": loaded, "steps": steps, "ready": ready}


def report(site: Path, measured: dict) -> str:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    mode = index["config"].get("ptx", {}).get("mode", "?")
    pages = len(index.get("docs", [])) or "–"
    base = measured["base"]
    first_query_at = len(measured["all"]) - sum(len(s["requests"])
                                                for s in measured["steps"])
    first = [(u, n) for u, n in measured["all"][:first_query_at] if _searchy(u)]
    first += measured["steps"][0]["requests"]
    lines = [f"{site}  ({'file://' if base.startswith('file:') else 'http'}, index: {mode}, "
             f"records in the index: {pages})"]
    total = sum(n for _, n in first)
    lines.append(f"  search ready {measured['ready']:.1f} s after it is opened")
    lines.append(f"  first query {measured['steps'][0]['query']!r} "
                 f"({measured['steps'][0]['pages']} pages listed at once, "
                 f"{measured['steps'][0]['seconds']:.2f} s): {total:,} bytes")
    groups: dict[str, list[int]] = {}
    for url, n in first:
        path = url[len(base):].split("?")[0]
        key = path if not path.startswith("pagefind/") else "pagefind/" + (
            path.split("/")[1] if path.count("/") > 1 else path.split("/", 1)[1])
        groups.setdefault(key, []).append(n)
    for key, sizes in sorted(groups.items(), key=lambda kv: -sum(kv[1])):
        lines.append(f"    {sum(sizes):>12,}  {key}" + (f"  ({len(sizes)} files)"
                                                        if len(sizes) > 1 else ""))
    for step in measured["steps"][1:]:
        added = sum(n for _, n in step["requests"])
        lines.append(f"  then {step['query']!r} ({step['pages']} pages, {step['seconds']:.2f} s):"
                     f" {added:,} bytes more")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--query", action="append", dest="queries")
    parser.add_argument("--file", action="store_true", help="read the sites from file://")
    args = parser.parse_args(argv)
    queries = args.queries or ["脫貧攻堅", "精准扶贫", "疫情防控"]
    for site in args.sites:
        print(report(site, measure(site, queries, args.file)))


if __name__ == "__main__":
    main()
