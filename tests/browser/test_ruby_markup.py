"""Readings are written with HTML's optional end tags, ``<ruby>堅<rp>(<rt>jiān<rp>)</ruby>``
(an rt or rp ends at the next rt or rp and at the end of its ruby): in Chromium that is
the very tree the full form ``<ruby>堅<rp>(</rp><rt>jiān</rt><rp>)</rp></ruby>`` makes,
the source's brackets kept in their rp elements.

Without Chromium or Playwright the tests are skipped, except in CI (``CI`` set), where
they must run and fail instead.
"""

from __future__ import annotations

import re

import pytest

from browser_support import SPEECH_PAGES, build_seed_site
from build_tools.render.speech import render_speech
from build_tools.text.corpus import load_collection
from seed import SEED

pytestmark = pytest.mark.browser

# A reading as the renderer writes it, and the same with every end tag written out.
SHORT = re.compile(r"<rp>\(<rt>([^<]*)<rp>\)</ruby>")
FULL = r"<rp>(</rp><rt>\1</rt><rp>)</rp></ruby>"

# Every node under ``root`` as [name, attributes, children] (text nodes as their data).
TREE = """root => {
  const tree = node => node.nodeType === Node.TEXT_NODE ? node.data : [
    node.nodeName,
    [...node.attributes].map(a => [a.name, a.value]),
    [...node.childNodes].map(tree),
  ];
  return tree(root);
}"""


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def parsed(page, body: str):
    """The body's tree and its serialisation after Chromium has parsed ``body``."""
    page.set_content(f"<!DOCTYPE html><html><head><meta charset=utf-8></head><body>{body}")
    return page.evaluate(TREE, page.locator("body").element_handle()), page.inner_html("body")


def test_short_and_full_ruby_parse_to_the_same_tree(page):
    short = "<p>攻<ruby id=first-reading>堅<rp>(<rt>jiān<rp>)</ruby>決</p>"
    full = "<p>攻<ruby id=first-reading>堅<rp>(</rp><rt>jiān</rt><rp>)</rp></ruby>決</p>"
    assert parsed(page, short) == parsed(page, full)
    tree, html = parsed(page, short)
    assert html == '<p>攻<ruby id="first-reading">堅<rp>(</rp><rt>jiān</rt><rp>)</rp></ruby>決</p>'


def test_every_seed_speech_parses_as_with_every_end_tag(page):
    for speech in load_collection(SEED).speeches:
        html = render_speech(speech).html
        readings = len(SHORT.findall(html))
        assert readings and readings == html.count("<ruby"), speech.title
        assert "</rp>" not in html and "</rt>" not in html
        assert parsed(page, html) == parsed(page, SHORT.sub(FULL, html)), speech.title


@pytest.fixture(scope="module")
def seed_site(browser_requirements, tmp_path_factory):
    return build_seed_site(tmp_path_factory.mktemp("ruby") / "site")


# Each source ruby of the page: [its children's names, the rp texts, the base and reading].
RUBIES = """() => [...document.querySelectorAll('ruby:not(.ptx-auto)')].map(ruby => [
  [...ruby.childNodes].map(n => n.nodeName),
  [...ruby.querySelectorAll(':scope > rp')].map(rp => rp.textContent),
  ruby.firstChild.data + ruby.querySelector(':scope > rt').textContent,
])"""


def test_built_page_rubies_are_text_rp_rt_rp(seed_site, page):
    name = SPEECH_PAGES[0]
    html = (seed_site / name).read_text(encoding="utf-8")
    written = [base + reading for base, reading in
               re.findall(r"<ruby[^>]*>([^<]*)<rp>\(<rt>([^<]*)<rp>\)</ruby>", html)]
    assert written and len(written) == html.count("<ruby")
    page.goto((seed_site / name).as_uri())
    rubies = page.evaluate(RUBIES)
    assert len(rubies) == len(written)
    for children, brackets, _ in rubies:
        assert children == ["#text", "RP", "RT", "RP"]
        assert brackets == ["(", ")"]
    assert [text for _, _, text in rubies] == written
