"""Search in a real browser, in the three builds a reader can get, and what the index holds.

The builds: the seed site as published, served over http://127.0.0.1 (``site``); the
offline bundle of ``python -m build_tools bundle``, unpacked and read from file://
(``bundle``); the site built with Pagefind, served over http (``pagefind``). In each,
queries are typed into Material's search box, in Traditional and in Simplified, and the
pages listed are compared with the pages that hold the query (search_support: the truth
from the document model and OpenCC). Precision and recall over all the phrases are
printed (run with -s to see them) and must be 1.0 for recall and at least 0.95 for
precision.

Browser tests use conftest.py's session ``browser``: they skip without Chromium or
Playwright, except in CI, where they fail.
"""

from __future__ import annotations

import json
import logging
import re
import zipfile
from pathlib import Path

import jieba
import pytest
from click.testing import CliRunner

from browser_support import SEED, SPEECH_PAGES, LoopbackServer
from build_tools.analysis import convert
from build_tools.cli import bundle
from build_tools.text.model import Reading
from output_support import OFFLINE_CONFIG
from quality_support import seed_site
from search_support import (
    EDITORIAL_TEXTS,
    HOME,
    NOTHING,
    PHRASES,
    SearchBox,
    collection,
    figures,
    occurrences,
    pages_holding,
    pagefind_config,
    queries,
    speech_blocks,
    speeches_holding,
)

MODES = ["site", "bundle", "pagefind"]
jieba.setLogLevel(logging.WARNING)


# ------------------------------------------------------------------------------ builds


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return seed_site(tmp_path_factory)


@pytest.fixture(scope="module")
def bundle_root(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bundle")
    out = folder / "speeches-offline.zip"
    result = CliRunner().invoke(
        bundle, [str(SEED), "--out", str(out), "--config-file", str(OFFLINE_CONFIG)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        archive.extractall(folder)
    return folder / "speeches-offline"


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory) -> Path:
    from build_tools.outputs.site import build_site

    folder = tmp_path_factory.mktemp("pagefind")
    build_site(str(pagefind_config(folder)), str(folder / "site"))
    return folder / "site"


def _open(browser, base: str):
    context = browser.new_context(locale="zh-TW", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(20_000)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + HOME)
    return context, SearchBox(page, base), errors


@pytest.fixture(scope="module")
def boxes(request, browser):
    """Mode → a page with Material's search open, built and served on first use."""
    opened: dict[str, SearchBox] = {}
    contexts, servers, errors = [], [], []

    def box(mode: str) -> SearchBox:
        if mode not in opened:
            if mode == "bundle":
                base = request.getfixturevalue("bundle_root").as_uri() + "/"
            else:
                folder = request.getfixturevalue("site" if mode == "site" else "pagefind_site")
                servers.append(LoopbackServer(folder).start())
                base = servers[-1].url
            context, opened[mode], page_errors = _open(browser, base)
            contexts.append(context)
            errors.append(page_errors)
        return opened[mode]

    yield box
    for context in contexts:
        context.close()
    for server in servers:
        server.close()
    assert not [e for page_errors in errors for e in page_errors], errors


# ------------------------------------------------------------------------- the phrases


def _inside_a_word(phrase: str) -> bool:
    """Whether jieba, cutting the block where the phrase first occurs, puts a word
    boundary that is not the phrase's own inside it or around it."""
    term = convert.to_simplified(phrase)
    for blocks in speech_blocks().values():
        for block in map(convert.to_simplified, blocks):
            start = block.find(term)
            if start < 0:
                continue
            bounds, at = {0}, 0
            for word in jieba.cut(block, HMM=False):
                at += len(word)
                bounds.add(at)
            return start not in bounds or start + len(term) not in bounds
    return False


def test_the_phrases_cover_what_search_must_get_right():
    assert len(PHRASES) >= 20
    assert {len(p) for p in PHRASES} >= set(range(2, 9))
    only_one = [p for p in PHRASES if len(speeches_holding(p)) == 1]
    assert len(only_one) >= 10, only_one
    across = [p for p in PHRASES if _inside_a_word(p)]
    assert len(across) >= 5, across
    # Each is asked in both scripts, and the two forms differ.
    assert sum(convert.to_simplified(p) != p for p in PHRASES) >= 20
    assert all(speeches_holding(p) for p in PHRASES)


# --------------------------------------------------------------- searching, per build


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
def test_precision_and_recall(boxes, mode, record_property):
    measured = figures(boxes(mode), queries())
    record_property("search", measured)
    print(f"\n{mode}: {measured['queries']} queries, {measured['pages listed']} pages listed, "
          f"precision {measured['precision']:.3f}, recall {measured['recall']:.3f}")
    assert measured["recall"] == 1.0, measured["wrong"]
    assert measured["precision"] >= 0.95, measured["wrong"]
    assert measured["wrong"] == {}


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("query", ["精準扶貧", "精准扶贫"])
def test_a_page_with_only_part_of_the_phrase_is_not_found(boxes, mode, query):
    """Issue 15's finding: Material searched 精准扶贫 as 精准* OR 扶*, so 第三篇, which has
    扶貧 but not 精準扶貧, came back too."""
    found = set(boxes(mode).pages(query))
    assert SPEECH_PAGES[2] not in found and "扶貧" in "".join(speech_blocks()[SPEECH_PAGES[2]])
    assert found == speeches_holding("精準扶貧")


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
def test_every_word_is_required_and_a_quoted_phrase_is_one(boxes, mode):
    box = boxes(mode)
    fourth = {SPEECH_PAGES[3]}
    assert set(box.pages("刁向珍 乳腺癌")) == fourth
    assert set(box.pages("乳腺癌 刁向珍")) == fourth
    assert box.pages("破釜沉舟 水城") == []  # each is in a page, never both in one
    assert set(box.pages("破釜沉舟 决战")) == pages_holding("破釜沉舟")
    assert set(box.pages('"精準 扶貧"')) == pages_holding("精準扶貧")
    assert set(box.pages("「刁向珍」")) == fourth


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("query", NOTHING, ids=["han", "latin"])
def test_query_that_matches_nothing_returns_no_results(boxes, mode, query):
    assert not pages_holding(query)
    box = boxes(mode)
    assert box.query(query) == []
    assert box.meta == box.words["search.result.none"]


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("query", ["扶貧", "脱贫攻坚", "疫情防控", "攻堅"])
def test_title_hits_and_more_occurrences_rank_first(boxes, mode, query):
    found = boxes(mode).pages(query)
    keys = [occurrences(page, query) for page in found]
    assert keys == sorted(keys, reverse=True), list(zip(found, keys))


# ------------------------------------------------------------- the reader's script


def _marks(box: SearchBox) -> list[str]:
    return box.page.eval_on_selector_all(".md-search-result__list mark",
                                         "els => els.map(e => e.textContent)")


def _titles(box: SearchBox) -> list[str]:
    return box.page.eval_on_selector_all(
        ".md-search-result__list > li > a h1", "els => els.map(e => e.textContent)")


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
def test_results_are_written_in_the_readers_script(boxes, mode):
    box = boxes(mode)
    try:
        for script, phrase, county in (("hans", "精准扶贫", "全县"), ("hant", "精準扶貧", "全縣")):
            box.set_script(script)
            for query in ("精準扶貧", "精准扶贫"):
                box.query(query)
                assert set(_marks(box)) == {phrase}, (script, query)
                assert any(county in title for title in _titles(box)), (script, query)
        # Results already shown follow a change of script.
        box.set_script("hans")
        box.page.wait_for_function(
            "() => [...document.querySelectorAll('.md-search-result__list mark')]"
            ".every(m => m.textContent === '精准扶贫')")
    finally:
        box.set_script("hant")


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("script, phrase", [
    ("hant", "刁向珍"),
    ("hans", "乳腺癌并淋巴"),
    ("hant", "攻堅克難"),  # 堅 carries a reading: the mark runs across the ruby
])
def test_a_result_lands_on_its_paragraph_with_the_phrase_marked(boxes, browser, mode, script,
                                                                  phrase):
    box = boxes(mode)
    box.set_script(script)
    try:
        box.query(convert.to_simplified(phrase) if script == "hant" else phrase)
        section = box.page.locator(".md-search-result__list a[href*='#p']").first
        href = section.get_attribute("href")
    finally:
        box.set_script("hant")
    anchor = href.split("#")[1]
    page = box.page.context.new_page()
    try:
        page.goto(box.base_url + HOME)
        page.evaluate("s => window.ptx.setScript(s)", script)
        page.goto(href)
        target = page.locator(f"[id='{anchor}']")
        marks = target.locator(f".ptx-{script} mark.ptx-hit")
        marks.first.wait_for(state="visible")
        shown = "".join(marks.all_text_contents())  # every occurrence in the paragraph
        written = phrase if script == "hant" else convert.to_simplified(phrase)
        assert shown and shown.replace(written, "") == "", shown
        assert target.locator(".ptx-hant mark.ptx-hit, .ptx-hans mark.ptx-hit").count() >= 2
        assert page.evaluate(
            "a => { const r = document.getElementById(a).getBoundingClientRect();"
            " return r.bottom > 0 && r.top < window.innerHeight; }", anchor)
    finally:
        page.evaluate("() => window.ptx.setScript('hant')")  # the other tab follows
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
def test_search_works_from_the_keyboard_and_is_announced(boxes, mode):
    box = boxes(mode)
    box.set_script("hant")
    meta = box.page.locator(".md-search-result__meta")
    assert meta.get_attribute("role") == "status"
    assert meta.get_attribute("aria-live") == "polite"
    links = box.query("刁向珍")
    assert links
    box.input.focus()
    box.page.keyboard.press("ArrowDown")
    focused = box.page.evaluate("document.activeElement.getAttribute('href')")
    assert focused and focused.split("?")[0].endswith(SPEECH_PAGES[3])
    # What a screen reader reads on the focused result: the page's title, then the block.
    assert "決戰決勝" in box.page.evaluate("document.activeElement.textContent")
    box.page.keyboard.press("ArrowDown")
    assert "刁向珍" in box.page.evaluate("document.activeElement.textContent")
    page = box.page.context.new_page()
    try:
        page.goto(box.base_url + HOME)
        search = SearchBox(page, box.base_url)
        search.query("刁向珍")
        search.input.focus()
        page.keyboard.press("Enter")  # Material: the best result
        page.wait_for_url(f"**/{SPEECH_PAGES[3]}*")
        page.locator("mark.ptx-hit").first.wait_for(state="visible")
    finally:
        page.close()


# ------------------------------------------------------------------------ the index


@pytest.fixture(scope="module")
def index(site) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def _hant(block: list, defaults: dict[str, str]) -> str:
    spec = block[2] if len(block) > 2 else 0
    if isinstance(spec, str):
        return spec
    chars = [defaults.get(ch, ch) for ch in block[1]]
    for i in range(0, len(spec or []), 2):
        chars[spec[i]] = spec[i + 1]
    return "".join(chars)


def _texts(index: dict, pages=None) -> list[str]:
    defaults = index["config"]["ptx"]["hant"]
    return [text for doc in index["docs"] if pages is None or doc["location"] in pages
            for block in doc["blocks"] for text in (block[1], _hant(block, defaults))]


def test_index_covers_the_home_page_and_every_speech_once(site, index):
    assert index["config"]["ptx"]["mode"] == "pages"
    pages = [doc["location"] for doc in index["docs"]]
    assert sorted(pages) == sorted([HOME, *SPEECH_PAGES])  # no collation page
    assert all((site / page).is_file() for page in pages)


def test_index_holds_each_block_in_both_scripts_as_the_page_shows_it(index):
    """The Traditional text comes back exactly from the Simplified text, the corpus's
    table and the exceptions; both match the text of the speech."""
    defaults = index["config"]["ptx"]["hant"]
    docs = {doc["location"]: doc for doc in index["docs"]}
    for name, blocks in speech_blocks().items():
        indexed = docs[name]["blocks"]
        assert indexed[0][0] == ""  # the title links to the page itself
        hant = [re.sub(r"\s+", "", _hant(block, defaults)) for block in indexed[1:]]
        assert hant == blocks[1:], name
        for block in indexed:
            assert block[1] == convert.to_simplified(_hant(block, defaults)), block
            heading = len(block) == 4
            assert heading or re.fullmatch(r"p\d+", block[0]), block


def test_index_leaves_out_pinyin(index):
    texts = "".join(_texts(index))
    readings = {span.pinyin for speech in collection().speeches for span in speech.spans()
                if isinstance(span, Reading)}
    assert "jiān" in readings
    for pinyin in readings:
        assert f"({pinyin})" not in texts, pinyin


# The toolbar is built in the browser; none of its labels belongs in a speech's record
# (the home page's prose names them).
TOOLBAR_TEXTS = ["繁简對照", "原文注音", "不注音", "全部注音", "突出不同"]


@pytest.mark.parametrize("text", EDITORIAL_TEXTS)
def test_index_leaves_out_notes(index, text):
    for indexed in _texts(index):
        for form in {text, convert.to_simplified(text)}:
            assert form not in indexed


@pytest.mark.parametrize("text", TOOLBAR_TEXTS)
def test_index_leaves_out_control_labels(index, text):
    for indexed in _texts(index, set(SPEECH_PAGES)):
        for form in {text, convert.to_simplified(text)}:
            assert form not in indexed


def test_index_is_the_same_bytes_when_built_again(site, tmp_path):
    from browser_support import build_seed_site

    again = build_seed_site(tmp_path / "site")
    for name in ("search/search_index.json", "assets/ptx/search-table.js"):
        assert (again / name).read_bytes() == (site / name).read_bytes(), name


def test_pages_name_this_projects_worker_and_load_the_scripts_in_order(site):
    html = (site / SPEECH_PAGES[0]).read_text(encoding="utf-8")
    order = [html.index(f"assets/ptx/{name}") for name in ("search-table.js", "search-query.js")]
    bundle_at = html.index("assets/javascripts/bundle.")
    assert order == sorted(order) and order[-1] < bundle_at < html.index("search-mark.js")
    assert (site / "assets" / "ptx" / "search-worker.js").is_file()
