"""The offline bundle (`make bundle`): the site as a reproducible zip that works from a
folder (file://) with no network at all, search included.

The bundle is built once for the module through the ``bundle`` command (what `make
bundle` runs: ``python -m build_tools bundle``), from the seed source. The browser test
unpacks it, blocks every request that is not for a file, and reads the site as a reader
would: navigation, script toggle, an annotation toggle, search in both scripts.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from browser_support import (
    CONFIG,
    ROOT,
    SEED,
    SPEECH_PAGES,
    script_visibility,
)
from build_tools.outputs.bundle import LEFT_OUT, ZIP_TIME, build_bundle
from build_tools.cli import bundle
from output_support import OFFLINE_CONFIG

NAME = "speeches-offline"
PAGE = SPEECH_PAGES[2]  # 第三篇: short, so the page is quick to load
BODY_PAIR = "article.ptx-speech > div.ptx-pair:not(.ptx-subtitle)"
SHIM = "assets/ptx/iframe-worker-shim.js"
ASSETS = ROOT / "build_tools" / "mkdocs_plugin" / "assets"
QUERIES = ("脫貧攻堅", "脱贫攻坚")


@pytest.fixture(scope="module")
def bundle_zip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / f"{NAME}.zip"
    result = CliRunner().invoke(
        bundle, [str(SEED), "--out", str(out), "--config-file", str(OFFLINE_CONFIG)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out}: ")
    return out


def names_in(bundle_zip: Path) -> list[str]:
    with zipfile.ZipFile(bundle_zip) as archive:
        return archive.namelist()


def site_files(bundle_zip: Path) -> dict[str, bytes]:
    """Path inside the site → content."""
    with zipfile.ZipFile(bundle_zip) as archive:
        return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


# ----------------------------------------------------------------------- configuration


def test_offline_config_restates_the_features_without_instant_navigation():
    from mkdocs.config import load_config

    site = load_config(str(CONFIG))
    offline = load_config(str(OFFLINE_CONFIG))
    # INHERIT replaces lists: the restated list must be mkdocs.yml's minus instant.
    assert list(offline.theme["features"]) == [
        f for f in site.theme["features"] if f != "navigation.instant"]
    assert offline.theme["font"] is False
    assert "offline" in offline.plugins or "material/offline" in offline.plugins
    assert [p for p in offline.extra["polyfills"] if "iframe-worker" in p] == [SHIM]
    assert offline.site_name == site.site_name


def test_vendored_shim_is_the_published_file_with_its_license():
    shim = (ASSETS / "iframe-worker-shim.js").read_bytes()
    notice = (ASSETS / "iframe-worker-shim.NOTICE.txt").read_text(encoding="utf-8")
    header, code = shim.split(b"*/\n", 1)
    assert b"Permission is hereby granted" in header and b"Martin Donath" in header
    published = re.search(r"shim/index.js as published:\s+sha256 ([0-9a-f]{64})", notice)
    assert published and hashlib.sha256(code).hexdigest() == published.group(1)
    assert "Permission is hereby granted" in notice


# ----------------------------------------------------------------------------- the zip


def test_bundle_is_byte_identical_when_built_again(bundle_zip, tmp_path):
    again = tmp_path / bundle_zip.name
    build_bundle(again, str(OFFLINE_CONFIG), [str(SEED)])
    assert again.read_bytes() == bundle_zip.read_bytes()


def test_bundle_entries_are_sorted_dated_and_under_one_folder(bundle_zip):
    with zipfile.ZipFile(bundle_zip) as archive:
        infos = archive.infolist()
        assert archive.testzip() is None
    names = [info.filename for info in infos]
    assert names == sorted(names)
    assert all(name.startswith(f"{NAME}/") for name in names)
    assert {info.date_time for info in infos} == {ZIP_TIME}
    assert {info.external_attr >> 16 for info in infos} == {0o100644}


def test_bundle_holds_the_site_and_leaves_out_server_files(bundle_zip):
    files = site_files(bundle_zip)
    assert {"index.html", *SPEECH_PAGES, SHIM, "search/search_index.js"} <= set(files)
    assert not set(files) & LEFT_OUT
    assert not [name for name in files if name.endswith(".map")]


def test_pages_load_nothing_from_the_network(bundle_zip):
    files = site_files(bundle_zip)
    pages = [name for name in files if name.endswith(".html")]
    assert pages
    for name in pages:
        html = files[name].decode("utf-8")
        loaded = re.findall(r'<script[^>]*\ssrc="([^"]*)"', html) + re.findall(
            r'<link[^>]*\shref="([^"]*)"', html)
        remote = [url for url in loaded if re.match(r"(?i)([a-z]+:)?//", url)]
        assert remote == [], name
        assert SHIM in html, name
        assert "unpkg.com" not in html and "fonts.g" not in html, name
        config = re.search(r'<script id="__config"[^>]*>(.*?)</script>', html, re.S).group(1)
        assert "navigation.instant" not in config, name
    for name, content in files.items():
        if name.endswith(".css"):
            assert not re.search(rb"url\(\s*['\"]?(https?:)?//", content), name


# --------------------------------------------------------------------------- a browser


@pytest.mark.browser
def test_bundle_reads_from_a_folder_with_the_network_blocked(browser, bundle_zip, tmp_path):
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(tmp_path)
    root = tmp_path / NAME
    remote: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    console: list[str] = []

    def only_files(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            remote.append(route.request.url)
            route.abort()

    context = browser.new_context(locale="zh-TW", viewport={"width": 1280, "height": 800})
    try:
        context.set_default_timeout(20_000)
        context.route("**/*", only_files)
        page = context.new_page()
        page.on("request", lambda r: None if r.url.startswith("file:") else remote.append(r.url))
        page.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}"))
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        page.on("console", lambda m: console.append(f"{page.url}: {m.text}")
                if m.type == "error" else None)

        page.goto((root / "index.html").as_uri())
        # Under file:// the vendored shim stands in for Web Workers (search).
        assert page.evaluate("window.Worker === window.IFrameWorker")

        # A speech, reached through the navigation.
        page.locator(f'.md-nav--primary a[href="{PAGE}"]').first.click()
        page.wait_for_url(f"**/{PAGE}")
        toolbar = page.locator(".md-content__inner > .ptx-toolbar")
        toolbar.wait_for(state="visible")

        expected = {"hant": (True, False), "hans": (False, True), "both": (True, True)}
        for mode in ("hans", "hant", "both"):
            toolbar.locator(f"[role=radio][data-script={mode}]").click()
            assert page.evaluate(
                "document.documentElement.getAttribute('data-ptx-script')") == mode
            assert script_visibility(page, BODY_PAIR) == expected[mode], mode

        # An annotation toggle: the source's own readings as pinyin above the text.
        reading = page.locator(f"{BODY_PAIR} > .ptx-hant ruby:not(.ptx-auto) > rt").first
        assert not reading.is_visible()
        button = toolbar.locator("button[data-ptx-option=pinyin][data-value=source]")
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        assert page.evaluate(
            "document.documentElement.getAttribute('data-ptx-pinyin')") == "source"
        reading.wait_for(state="visible")

        # Search, in either script (a Traditional query is converted for the index).
        search = page.locator(".md-search__input")
        search.click()
        for query in QUERIES:
            search.fill(query)
            search.press("End")  # Material reacts to key events, not to fill alone
            results = page.locator(".md-search-result__item")
            results.first.wait_for(state="visible")
            assert results.count() > 0, query
            assert page.locator(".md-search-result mark").count() > 0, query
    finally:
        context.close()

    assert remote == []
    assert failed == []
    assert errors == []
    assert console == []
