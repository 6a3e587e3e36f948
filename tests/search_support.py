"""Helpers for the search tests: the phrases asked, where they truly occur, the search box.

The truth comes from the document model and OpenCC, not from the project's folding: a
page holds a query when, with whitespace left out and both sides converted to Simplified
by OpenCC (phrase by phrase), some block of it (its title, subtitle, a heading, a
paragraph) contains the query. For the phrases, typed in Traditional as the seed writes
them, that is also a plain substring test on the source text (``speeches_holding``
checks it).

``SearchBox`` types into Material's search box, in any of the three builds (the site over
http, the offline bundle over file://, the Pagefind build over http), and reads the
result links.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from browser_support import ROOT, SEED, SPEECH_PAGES
from build_tools.analysis import convert
from build_tools.render.apparatus import APPARATUS_TITLE
from build_tools.render.slugs import speech_slug
from build_tools.render.spans import DAMAGE_NOTE, FORM_NOTE, REDACTION_NOTE
from build_tools.text.corpus import load_collection
from build_tools.text.model import Heading, Paragraph

HOME = "index.html"

# Phrases of the seed, as it writes them (Traditional); each is also asked in Simplified.
PHRASES = [
    "脫貧攻堅",        # every speech, and the home page's title
    "精準扶貧",        # not 第三篇, which has 扶貧 (the finding of issue 15)
    "扶貧",
    "攻堅",            # inside 脫貧攻堅, and on its own
    "貧攻",            # across jieba's words: 脫貧|攻堅
    "準扶",            # across: 精準|扶貧
    "堅決戰",          # across: 攻堅|決戰
    "誓師大會",
    "疫情防控",
    "破釜沉舟",
    "攻堅克難",
    "決戰決勝",
    "情勢征戰",        # 第一篇 only (第二篇 has 形式征戰)
    "形式征戰",        # 第二篇 only
    "已經到了沖鋒",    # 第二篇 only (第一篇: 已到了)
    "水城的脫貧",      # 第三篇 only, across: 水城|的|脫貧
    "萬里長征路猶長",  # 第三篇 only
    "堅決杜絕盲目樂觀",  # 第三篇 only, eight characters
    "干勁不松",        # 第三篇 only, non-standard forms as written
    "刁向珍",          # 第四篇 only: a name
    "杭州胡慶余堂",    # 第四篇 only
    "乳腺癌并淋巴",    # 第四篇 only, across: 乳腺癌|并|淋巴
    "2019年初",        # 第四篇 only, digits
    "國家治理體系",    # 第五篇 only
    "復工復產",        # 第五篇 only
    "家治理體",        # 第五篇 only, across: 國家|治理|體系
    "堅矢志不",        # across: 攻堅|矢志不移
    "認真學習",        # a space between them in 第一篇 (認真 學習): whitespace is no text
]
NOTHING = ["恐龍化石", "qwxzv"]
# What the project adds to the text and search must not find.
EDITORIAL_TEXTS = [
    REDACTION_NOTE,  # 原文隱去的文字（佔位符）
    DAMAGE_NOTE.split("，")[0],  # 原文此處損壞
    FORM_NOTE.split("：")[0],  # 標準字形
    APPARATUS_TITLE,  # 用字說明
    "校勘記",  # the collation page's apparatus
    "原文重複標題",  # the folded repeated title lines
    "原文為繁體",  # the note on which column is the source
]


def pagefind_config(folder: Path, setting: str = "true") -> Path:
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
        f"plugins:\n  - search\n  - parallel-texts:\n      sources: {SEED}\n"
        f"      pagefind: {setting}\n", encoding="utf-8")
    return config


@lru_cache(maxsize=1)
def collection():
    return load_collection(SEED)


def _strip(text: str) -> str:
    return re.sub(r"\s+", "", text)


@lru_cache(maxsize=1)
def speech_blocks() -> dict[str, list[str]]:
    """Speech page → the visible text of each indexed block (Traditional, as written)."""
    pages = {}
    for speech in collection().speeches:
        texts = [speech.title]
        if speech.subtitle is not None:
            texts.append(speech.subtitle.visible)
        texts += [b.visible for b in speech.blocks() if isinstance(b, (Heading, Paragraph))]
        pages[f"{speech_slug(str(SEED), speech)}.html"] = [_strip(t) for t in texts]
    return pages


@lru_cache(maxsize=1)
def home_blocks() -> list[str]:
    """The home page's own text (docs/index.md: its title and prose)."""
    text = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    return [_strip(line.lstrip("#").replace("`", "")) for line in text.splitlines()
            if line.strip()]


@lru_cache(maxsize=None)
def _simplified_blocks(page: str) -> tuple[str, ...]:
    blocks = home_blocks() if page == HOME else speech_blocks()[page]
    return tuple(convert.to_simplified(block) for block in blocks)


def occurrences(page: str, query: str) -> tuple[bool, int]:
    """(whether the page's title holds ``query``, how often its blocks hold it)."""
    term = convert.to_simplified(_strip(query))
    blocks = _simplified_blocks(page)
    return term in blocks[0], sum(block.count(term) for block in blocks)


def pages_holding(query: str) -> set[str]:
    return {page for page in [HOME, *SPEECH_PAGES] if occurrences(page, query)[1]}


def speeches_holding(phrase: str) -> set[str]:
    """Speech pages holding a Traditional ``phrase``, asked of the source text as written,
    checked against the Simplified question ``pages_holding`` asks."""
    written = {page for page, blocks in speech_blocks().items()
               if any(phrase in block for block in blocks)}
    assert written == pages_holding(phrase) - {HOME}, f"{phrase}: the scripts disagree"
    return written


def queries() -> list[str]:
    """Every phrase in both scripts."""
    return [form for phrase in PHRASES
            for form in dict.fromkeys((phrase, convert.to_simplified(phrase)))]


class SearchBox:
    """Material's search form: type a query, wait for its results, read their links."""

    def __init__(self, page, base_url: str) -> None:
        self.page, self.base_url = page, base_url
        self.words = json.loads(page.locator("#__config").text_content())["translations"]
        self.input = page.locator("input.md-search__input")
        self.input.click()
        self._wait_for_text(self.words["search.result.placeholder"])  # the worker is ready

    def _wait_for_text(self, text: str) -> None:
        self.page.wait_for_function(
            "text => document.querySelector('.md-search-result__meta').textContent.trim()"
            " === text", arg=text)

    def set_script(self, script: str) -> None:
        self.page.evaluate("s => window.ptx.setScript(s)", script)

    def query(self, text: str) -> list[str]:
        """The links of the pages found for ``text``, in the order shown (the first ten
        at least: Material lists more as the list scrolls)."""
        self.input.fill("")
        self.input.press("End")
        self._wait_for_text(self.words["search.result.placeholder"])
        # fill() with CJK text sends no key events, and Material listens for keys: End.
        self.input.fill(text)
        self.input.press("End")
        self.page.wait_for_function(
            """([none, one, other, placeholder, initializer]) => {
                const meta = document.querySelector('.md-search-result__meta');
                const shown = meta.textContent.trim();
                if (shown === placeholder || shown === initializer) return false;
                const items = document.querySelectorAll(
                    '.md-search-result__list > li.md-search-result__item').length;
                if (shown === none) return items === 0;
                if (shown === one) return items === 1;
                const [before, after] = other.split('#');
                if (!shown.startsWith(before) || !shown.endsWith(after)) return false;
                // Material lists ten results at once, the others as the list scrolls.
                const count = Number(shown.slice(before.length, shown.length - after.length));
                return items >= Math.min(count, 10) && items <= count;
            }""",
            arg=[self.words[k] for k in ("search.result.none", "search.result.one",
                                         "search.result.other", "search.result.placeholder")]
            + [self.words.get("search.result.initializer", "")],
        )
        return self.page.eval_on_selector_all(
            ".md-search-result__list > li > a.md-search-result__link:first-child",
            "els => els.map(a => a.href)")

    def name(self, href: str) -> str:
        """A result link's page, relative to the site."""
        assert href.startswith(self.base_url), href  # results stay on the site
        return unquote(urlsplit(href).path[len(urlsplit(self.base_url).path):])

    def pages(self, text: str) -> list[str]:
        return [self.name(href) for href in self.query(text)]

    @property
    def meta(self) -> str:
        return self.page.locator(".md-search-result__meta").text_content().strip()


def figures(box: SearchBox, asked: list[str]) -> dict:
    """Precision and recall over ``asked``, with what went wrong."""
    relevant = retrieved = correct = 0
    wrong: dict[str, dict] = {}
    for query in asked:
        expected, found = pages_holding(query), box.pages(query)
        hits = expected & set(found)
        relevant, retrieved, correct = (relevant + len(expected), retrieved + len(found),
                                        correct + len(hits))
        if hits != expected or len(found) != len(hits):
            wrong[query] = {"missing": sorted(expected - hits),
                            "unexpected": sorted(set(found) - expected)}
    return {"queries": len(asked), "precision": correct / retrieved, "recall": correct / relevant,
            "pages listed": retrieved, "wrong": wrong}
