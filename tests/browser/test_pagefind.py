"""Pagefind, the chunked index for large sites: what the build writes, when it chooses it.

Searching a Pagefind build in the browser is in test_search.py (the ``pagefind`` mode of
every search test). Pagefind is in the test extra; without it these tests are skipped,
except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import pytest

from browser_support import ROOT, SEED, SPEECH_PAGES
from build_tools.analysis import convert
from build_tools.mkdocs_plugin import material_search
from build_tools.mkdocs_plugin.material_search import (
    INDEX_LIMIT,
    PAGEFIND,
    PAGES,
    choose_mode,
)
from build_tools.outputs.site import build_site
from build_tools.render.search_records import BOUNDARY
from search_support import EDITORIAL_TEXTS, HOME, collection, pagefind_config


@pytest.fixture(scope="module", autouse=True)
def pagefind_installed():
    if material_search.pagefind_installed():
        return
    message = "pagefind is not installed: pip install '.[test]' (or 'pagefind[extended]')"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the Pagefind tests must run, but: {message}",
                    pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pagefind")
    build_site(str(pagefind_config(folder)), str(folder / "site"))
    return folder / "site"


def fragments(site: Path) -> dict[str, dict]:
    out = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        out[path.stem] = json.loads(data[data.index(b"{"):])
    return out


def test_the_build_writes_pagefind_and_a_small_index(pagefind_site):
    entry = json.loads((pagefind_site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["und"]
    assert entry["languages"]["und"]["page_count"] == 1 + len(SPEECH_PAGES)
    index = json.loads((pagefind_site / "search" / "search_index.json").read_text("utf-8"))
    assert index["docs"] == [] and index["config"]["ptx"]["mode"] == PAGEFIND
    assert (pagefind_site / "search" / "search_index.json").stat().st_size < 20_000
    table = json.loads((pagefind_site / "search" / "pagefind_pages.json").read_text("utf-8"))
    assert sorted(url for url, *_ in table.values()) == sorted([HOME, *SPEECH_PAGES])
    assert set(table) == set(fragments(pagefind_site))
    assert not (pagefind_site / "search.html").exists()  # Material's search box serves it


def test_records_are_words_of_the_folded_text_and_carry_the_page(pagefind_site):
    found = fragments(pagefind_site)
    words = {word for fragment in found.values() for word in fragment["content"].split()}
    assert all(re.fullmatch(r"\d{5}|9\d{7}", w) or w == BOUNDARY for w in words)
    fourth = next(f for f in found.values() if f["meta"]["page"] == SPEECH_PAGES[3])
    record = json.loads(fourth["meta"]["ptx"])
    assert record["location"] == SPEECH_PAGES[3]
    text = "".join(block[1] for block in record["blocks"])
    assert "刁向珍" in text and "(jiān)" not in text
    for note in EDITORIAL_TEXTS:
        assert convert.to_simplified(note) not in text
    # The folded text as words: 攻堅 (written with a reading) is 攻坚.
    tokens = " ".join(f"{ord(ch):05d}" for ch in "攻坚")
    assert tokens in fourth["content"]


def test_pagefind_is_the_same_bytes_when_built_again(pagefind_site, tmp_path):
    build_site(str(pagefind_config(tmp_path)), str(tmp_path / "site"))
    again = tmp_path / "site"
    names = sorted(p.relative_to(pagefind_site) for p in (pagefind_site / "pagefind").rglob("*")
                   if p.is_file())
    assert names == sorted(p.relative_to(again) for p in (again / "pagefind").rglob("*")
                           if p.is_file())
    for name in [*names, Path("search/pagefind_pages.json"), Path("search/search_index.json")]:
        assert (again / name).read_bytes() == (pagefind_site / name).read_bytes(), name


# ------------------------------------------------------------------- when it is used


@pytest.mark.parametrize("setting, size, offline, mode", [
    ("auto", INDEX_LIMIT, False, PAGES),
    ("auto", INDEX_LIMIT + 1, False, PAGEFIND),
    ("auto", INDEX_LIMIT + 1, True, PAGES),  # Pagefind cannot load under file://
    (True, 10, False, PAGEFIND),
    (True, 10, True, PAGES),
    (False, 10 * INDEX_LIMIT, False, PAGES),
])
def test_the_rule_for_choosing_pagefind(setting, size, offline, mode):
    assert choose_mode(setting, size, offline) == mode


def test_without_pagefind_a_large_index_stays_and_says_so(monkeypatch, caplog):
    monkeypatch.setattr(material_search, "pagefind_installed", lambda: False)
    assert choose_mode("auto", INDEX_LIMIT + 1, False) == PAGES
    assert "pip install 'pagefind[extended]'" in caplog.text


def test_a_build_switches_to_pagefind_on_its_own_past_the_limit(monkeypatch, tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    build_site(str(pagefind_config(small, "auto")), str(small / "site"))
    assert not (small / "site" / "pagefind").exists()  # the seed is far below the limit
    size = (small / "site" / "search" / "search_index.json").stat().st_size
    assert 10_000 < size < INDEX_LIMIT
    monkeypatch.setattr(material_search, "INDEX_LIMIT", size - 1)
    build_site(str(pagefind_config(tmp_path, "auto")), str(tmp_path / "site"))
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()


def test_the_offline_bundle_keeps_its_own_index_even_with_pagefind_on(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs-offline.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
        f"plugins:\n  - search\n  - parallel-texts:\n      sources: {SEED}\n"
        "      pagefind: true\n  - offline\n", encoding="utf-8")
    build_site(str(config), str(tmp_path / "site"))
    site = tmp_path / "site"
    assert not (site / "pagefind").exists()
    script = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(script.split("=", 1)[1])
    assert index["config"]["ptx"]["mode"] == PAGES
    assert len(index["docs"]) == 1 + len(collection().speeches)
