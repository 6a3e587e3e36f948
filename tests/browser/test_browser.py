"""The 繁 / 简 / 對照 toggle in a real browser (headless Debian Chromium via Playwright).

Two builds of the seed source, once per session:

- ``file_site``: built as usual (no SITE_URL) and opened through ``file://`` URLs;
- ``served_site``: built with ``SITE_URL`` pointing at a loopback HTTP server, so
  Material's instant navigation is on, and read over ``http://127.0.0.1:<port>/``.

One browser for the session, a fresh context (own localStorage) per test. Every page
opened in these tests is watched for uncaught JavaScript errors.

Without Chromium or Playwright the tests are skipped, except in CI (``CI`` set), where
they must run and fail instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import (
    LABELS,
    SPEECH_PAGES,
    TOOLBAR,
    LoopbackServer,
    build_seed_site,
    checked_modes,
    radio,
    script_visibility,
    wait_for_toolbar,
)

pytestmark = pytest.mark.browser

# Short pages keep the run fast; -02 is the "other page" the brief names.
PAGE = SPEECH_PAGES[2]  # 第三篇
OTHER_PAGE = SPEECH_PAGES[3]  # 第四篇
BODY_PAIR = "article.ptx-speech > div.ptx-pair:not(.ptx-subtitle)"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


# ------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def file_site(browser_requirements, tmp_path_factory) -> Path:
    """The seed site as published without SITE_URL: no instant navigation."""
    return build_seed_site(tmp_path_factory.mktemp("browser-file") / "site", site_url=None)


@pytest.fixture(scope="session")
def served_site(browser_requirements, tmp_path_factory):
    """The seed site built for, and served from, http://127.0.0.1:<free port>/."""
    site = tmp_path_factory.mktemp("browser-http") / "site"
    server = LoopbackServer(site)  # binds the port now, serves later
    try:
        build_seed_site(site, site_url=server.url)
        server.start()
        yield server
    finally:
        server.close()


class Session:
    """Creates browser contexts for one test; records uncaught page errors."""

    def __init__(self, browser) -> None:
        self.browser = browser
        self.contexts = []
        self.errors: list[str] = []

    def context(self, *, locale: str = "zh-TW", viewport=DESKTOP, **options):
        context = self.browser.new_context(locale=locale, viewport=viewport, **options)
        context.set_default_timeout(10_000)
        context.on("page", self._watch)
        self.contexts.append(context)
        return context

    def _watch(self, page) -> None:
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def open(self, context, url: str, *, toolbar: bool = True):
        page = context.new_page()
        page.goto(url)
        if toolbar:
            wait_for_toolbar(page)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def session(browser):
    session = Session(browser)
    yield session
    session.close()
    assert not session.errors, "uncaught JavaScript errors:\n" + "\n".join(session.errors)


def url(site: Path, name: str, query: str = "") -> str:
    return (site / name).as_uri() + query


def mode_of(page) -> str | None:
    return page.evaluate("document.documentElement.getAttribute('data-ptx-script')")


def assert_shows(page, mode: str, scope: str = BODY_PAIR) -> None:
    """The first ``scope`` element shows exactly what ``mode`` asks for."""
    expected = {"hant": (True, False), "hans": (False, True), "both": (True, True)}[mode]
    assert script_visibility(page, scope) == expected, f"{scope} in {mode} mode"


def assert_checked(page, mode: str) -> None:
    assert checked_modes(page) == [mode]
    assert radio(page, mode).get_attribute("aria-checked") == "true"


def box(locator) -> dict:
    result = locator.bounding_box()
    assert result is not None, "element has no box (not rendered)"
    return result


# ------------------------------------------------------------------ 1. browser language


@pytest.mark.parametrize(
    "locale, mode",
    [
        ("zh-CN", "hans"),
        ("zh-SG", "hans"),
        ("zh-TW", "hant"),
        ("zh-HK", "hant"),
        ("zh-MO", "hant"),
        ("en-US", "hant"),
    ],
)
def test_default_script_follows_browser_language(session, file_site, locale, mode):
    page = session.open(session.context(locale=locale), url(file_site, PAGE))
    assert page.evaluate("navigator.language") == locale
    assert_shows(page, mode)
    assert_shows(page, mode, "article.ptx-speech > h1")
    # Every pair, not only the first: no paragraph of the other script is visible.
    hidden = "hans" if mode == "hant" else "hant"
    visible_other = [p.is_visible() for p in page.locator(f".ptx-pair > .ptx-{hidden}").all()]
    assert visible_other and not any(visible_other)
    assert_checked(page, mode)
    assert page.evaluate("document.documentElement.lang") == (
        "zh-Hans" if mode == "hans" else "zh-Hant")


# ------------------------------------------------------------- 2. click, no reload, persist


def test_clicking_simplified_switches_in_place_and_persists(session, file_site):
    context = session.context(locale="zh-TW")
    page = session.open(context, url(file_site, PAGE))
    assert_shows(page, "hant")
    assert_checked(page, "hant")

    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.on("load", lambda _: navigations.append("load"))
    page.evaluate("window.__marker = 1")

    radio(page, "hans").click()
    # Checked at once, without waiting: the switch is synchronous CSS, not a navigation.
    assert_shows(page, "hans")
    assert_shows(page, "hans", "article.ptx-speech > h1")
    assert page.evaluate("window.__marker") == 1
    assert navigations == []
    assert_checked(page, "hans")
    assert radio(page, "hant").get_attribute("aria-checked") == "false"
    assert page.evaluate("localStorage.getItem('ptx.script')") == "hans"

    page.reload()
    wait_for_toolbar(page)
    assert page.evaluate("window.__marker") is None  # it really reloaded
    assert_shows(page, "hans")
    assert_checked(page, "hans")

    page.goto(url(file_site, SPEECH_PAGES[1]))
    wait_for_toolbar(page)
    assert_shows(page, "hans")
    assert_checked(page, "hans")

    other = session.open(context, url(file_site, OTHER_PAGE))
    assert_shows(other, "hans")
    assert_checked(other, "hans")

    # A change in one tab reaches the other (storage event), toolbar included.
    radio(other, "both").click()
    page.wait_for_function("document.documentElement.dataset.ptxScript === 'both'")
    assert_shows(page, "both")
    assert_checked(page, "both")


# ----------------------------------------------------------------------- 3. ?script=


def test_url_parameter_sets_the_mode(session, file_site):
    # zh-TW would default to 繁; each step asks for something other than the state before.
    context = session.context(locale="zh-TW")
    page = context.new_page()
    for mode in ["hans", "both", "hant"]:
        page.goto(url(file_site, PAGE, f"?script={mode}"))
        wait_for_toolbar(page)
        assert_shows(page, mode)
        assert_checked(page, mode)
        assert page.evaluate("localStorage.getItem('ptx.script')") == mode  # remembered


def test_url_parameter_overrides_the_saved_choice(session, file_site):
    context = session.context(locale="zh-TW")
    page = session.open(context, url(file_site, PAGE))
    radio(page, "hans").click()

    page.goto(url(file_site, PAGE, "?script=both"))
    wait_for_toolbar(page)
    assert_shows(page, "both")
    assert_checked(page, "both")

    # Changing the mode keeps the address in step, so reload/sharing shows the choice.
    radio(page, "hant").click()
    assert page.url.endswith("?script=hant")
    page.reload()
    wait_for_toolbar(page)
    assert_shows(page, "hant")

    page.goto(url(file_site, PAGE, "?script=HANS"))  # case is forgiven
    wait_for_toolbar(page)
    assert_shows(page, "hans")


def test_invalid_url_parameter_falls_back_to_saved_or_default(session, file_site):
    # No saved choice: the browser language decides (zh-CN → Simplified).
    context = session.context(locale="zh-CN")
    page = session.open(context, url(file_site, PAGE, "?script=bogus"))
    assert_shows(page, "hans")
    assert_checked(page, "hans")
    assert page.evaluate("localStorage.getItem('ptx.script')") is None

    # A saved choice wins over the browser language, and survives a bad parameter.
    radio(page, "both").click()
    for value in ["bogus", "", "zh-Hans", "hans;both"]:
        page.goto(url(file_site, PAGE, f"?script={value}"))
        wait_for_toolbar(page)
        assert_shows(page, "both")
        assert_checked(page, "both")
        assert page.evaluate("localStorage.getItem('ptx.script')") == "both"


# ------------------------------------------------------------------------ 4. 對照 layout


def test_parallel_mode_side_by_side_on_desktop_stacked_on_phone(session, file_site):
    page = session.open(session.context(viewport=DESKTOP), url(file_site, PAGE))
    radio(page, "both").click()
    pair = page.locator(BODY_PAIR).first
    hant, hans = pair.locator("p.ptx-hant"), pair.locator("p.ptx-hans")
    assert hant.is_visible() and hans.is_visible()
    a, b = box(hant), box(hans)
    assert b["x"] >= a["x"] + a["width"] - 1, (a, b)  # Simplified in the right column
    assert abs(a["y"] - b["y"]) <= 3, (a, b)  # top-aligned
    assert a["width"] > 200 and abs(a["width"] - b["width"]) <= 2, (a, b)

    page.set_viewport_size(PHONE)
    assert hant.is_visible() and hans.is_visible()
    a, b = box(hant), box(hans)
    assert b["y"] >= a["y"] + a["height"] - 1, (a, b)  # Simplified below Traditional
    assert abs(a["x"] - b["x"]) <= 20 and b["width"] > 250, (a, b)
    # On a phone the page itself must not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Printing drops the control but keeps the mode, and the columns (stacking is
    # for screens only).
    page.emulate_media(media="print")
    assert not page.locator(TOOLBAR).is_visible()
    assert hant.is_visible() and hans.is_visible()
    a, b = box(hant), box(hans)
    assert b["x"] > a["x"] and abs(a["y"] - b["y"]) <= 3, (a, b)


# ------------------------------------------------------------------------ 5. keyboard


def test_keyboard_reaches_toolbar_and_arrows_change_mode(session, file_site):
    page = session.open(session.context(locale="zh-TW"), url(file_site, PAGE))
    group = page.get_by_role("radiogroup")
    assert group.count() == 1
    assert group.get_by_role("radio").count() == 3
    # Roving tabindex: the checked radio is the group's only tab stop.
    assert page.eval_on_selector_all(
        f"{TOOLBAR} [role=radio]", "els => els.map(e => e.tabIndex)") == [0, -1, -1]

    focused = "document.activeElement && document.activeElement.closest('.ptx-toolbar') " \
              "? document.activeElement.dataset.script : null"
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate(focused):
            break
    else:
        pytest.fail("Tab never reached the 繁/简/對照 toolbar")
    assert page.evaluate(focused) == "hant"
    # Keyboard focus is visible.
    assert page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle") not in ("none", "")

    page.evaluate("window.__marker = 1")
    scroll = page.evaluate("window.scrollY")
    for key, mode in [("ArrowRight", "hans"), ("ArrowDown", "both"), ("ArrowRight", "hant"),
                      ("ArrowLeft", "both"), ("ArrowUp", "hans"), ("Home", "hant"),
                      ("End", "both")]:
        page.keyboard.press(key)
        assert page.evaluate(focused) == mode, f"focus after {key}"
        assert_checked(page, mode)
        assert group.get_by_role("radio", name=LABELS[mode]).get_attribute(
            "aria-checked") == "true"
        assert_shows(page, mode)
    assert page.evaluate("window.scrollY") == scroll  # arrows did not scroll the page
    assert page.evaluate("window.__marker") == 1

    # Space and Enter activate a focused radio (native <button> activation).
    radio(page, "hant").focus()
    page.keyboard.press("Space")
    assert_checked(page, "hant")
    assert_shows(page, "hant")
    radio(page, "hans").focus()
    page.keyboard.press("Enter")
    assert_checked(page, "hans")
    assert_shows(page, "hans")
    # One tab stop: Tab leaves the group, Shift+Tab comes back to the checked radio.
    page.keyboard.press("Tab")
    assert page.evaluate(focused) is None
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(focused) == "hans"


# ---------------------------------------------------------------------- 6. no JavaScript


def test_without_javascript_both_scripts_show_and_no_toolbar(session, file_site):
    context = session.context(locale="zh-CN", java_script_enabled=False)
    page = session.open(context, url(file_site, PAGE), toolbar=False)
    assert page.locator(".ptx-toolbar").count() == 0
    assert mode_of(page) is None
    assert_shows(page, "both")
    assert_shows(page, "both", "article.ptx-speech > h1")
    pair = page.locator(BODY_PAIR).first
    a, b = box(pair.locator(".ptx-hant")), box(pair.locator(".ptx-hans"))
    assert b["x"] > a["x"] and abs(a["y"] - b["y"]) <= 3  # the parallel layout
    # Navigation stays compact: Traditional labels only.
    active = page.locator(".md-nav--primary a.md-nav__link--active").first
    assert script_visibility(page, ".md-nav--primary a.md-nav__link--active") == (True, False)
    assert active.is_visible()


# --------------------------------------------------------------- 7. instant navigation


def test_instant_navigation_keeps_one_toolbar_and_the_mode(session, served_site):
    page = session.open(session.context(locale="zh-TW"), served_site.url + PAGE)
    # The build really used SITE_URL (else Material would not navigate instantly).
    assert page.locator("link[rel=canonical]").get_attribute("href") == served_site.url + PAGE

    radio(page, "hans").click()
    page.evaluate("""() => {
        window.__marker = 1;
        window.__events = 0;
        document.addEventListener('ptx:script', () => { window.__events += 1; });
    }""")
    link = page.locator(f".md-nav--primary a.md-nav__link[href$='{OTHER_PAGE}']").first
    assert link.is_visible()
    link.click()
    page.wait_for_url(f"**/{OTHER_PAGE}")
    page.wait_for_function(
        "document.querySelector('article.ptx-speech > h1').id === '決戰決勝脫貧攻堅事跡材料'")
    wait_for_toolbar(page)

    assert page.evaluate("window.__marker") == 1, "navigation reloaded the page"
    assert page.locator(".ptx-toolbar").count() == 1
    assert page.locator(TOOLBAR).is_visible()
    assert page.evaluate(
        "document.querySelector('.md-content__inner').firstElementChild.className"
    ) == "ptx-toolbar"
    assert_checked(page, "hans")
    assert_shows(page, "hans")
    assert_shows(page, "hans", "article.ptx-speech > h1")
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"

    # The new toolbar works, and one click is handled once (listeners not doubled).
    radio(page, "both").click()
    assert page.evaluate("window.__events") == 1
    assert_checked(page, "both")
    assert_shows(page, "both")

    # Back (also instant): still one toolbar, reflecting the current mode.
    page.go_back()
    page.wait_for_function(
        "document.querySelector('article.ptx-speech > h1').id === '決戰決勝脫貧攻堅誓師大會發言材料'")
    wait_for_toolbar(page)
    assert page.evaluate("window.__marker") == 1
    assert page.locator(".ptx-toolbar").count() == 1
    assert_checked(page, "both")
    assert_shows(page, "both")

    # A TOC link (same page, hash only) leaves the toolbar alone.
    page.locator(".md-sidebar--secondary [data-md-component=toc] a.md-nav__link").nth(1).click()
    page.wait_for_url("**#*")
    assert page.locator(".ptx-toolbar").count() == 1
    assert page.evaluate("window.__marker") == 1

    # The home page, reached instantly, gets the toolbar and the mode too.
    page.locator(".md-nav--primary a.md-nav__link[href$='index.html']").first.click()
    page.wait_for_selector(".ptx-index")
    wait_for_toolbar(page)
    assert page.evaluate("window.__marker") == 1
    assert page.locator(".ptx-toolbar").count() == 1
    assert_checked(page, "both")
    assert_shows(page, "both", ".ptx-index tbody a")
    radio(page, "hans").click()
    assert_shows(page, "hans", ".ptx-index tbody a")
    page.go_back()
    page.wait_for_selector("article.ptx-speech")
    wait_for_toolbar(page)

    # A link carrying ?script= is honoured on an instant navigation too.
    page.evaluate(f"""() => {{
        const a = document.querySelector(".md-nav--primary a.md-nav__link[href$='{OTHER_PAGE}']");
        a.setAttribute('href', a.getAttribute('href') + '?script=hant');
    }}""")
    page.locator(f".md-nav--primary a.md-nav__link[href$='{OTHER_PAGE}?script=hant']").click()
    page.wait_for_url(f"**/{OTHER_PAGE}?script=hant")
    page.wait_for_function("document.documentElement.dataset.ptxScript === 'hant'")
    assert page.evaluate("window.__marker") == 1
    assert page.locator(".ptx-toolbar").count() == 1
    assert_checked(page, "hant")
    assert_shows(page, "hant")


# ------------------------------------------------------------------------ 8. file://


COLLATION_PAGE = "collation-000-a0dc2aa1bc4bc1e3-01--000-a0dc2aa1bc4bc1e3-02.html"


def test_every_page_over_file_urls_has_a_working_toolbar_and_no_errors(session, file_site):
    # 404.html is left out: MkDocs writes it with root-absolute asset URLs (/assets/...)
    # for a web server's error page, so over file:// it has neither CSS nor JS.
    pages = sorted(p.name for p in file_site.glob("*.html") if p.name != "404.html")
    assert pages == sorted(["index.html", *SPEECH_PAGES, COLLATION_PAGE])
    context = session.context(locale="zh-TW")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda m: console_errors.append(f"{page.url}: {m.text}")
            if m.type == "error" else None)
    for i, name in enumerate(pages):
        page.goto(url(file_site, name))
        wait_for_toolbar(page)
        assert page.locator(".ptx-toolbar").count() == 1, name
        mode = ["hans", "both", "hant"][i % 3]
        radio(page, mode).click()
        assert_checked(page, mode)
        scope = BODY_PAIR if name in SPEECH_PAGES else (
            ".ptx-index tbody a" if name == "index.html" else None)
        if scope:
            assert_shows(page, mode, scope)
    assert not session.errors
    assert not console_errors, console_errors


def test_served_404_page_has_the_toolbar(session, served_site):
    page = session.open(session.context(locale="zh-CN"), served_site.url + "404.html")
    assert page.locator(".ptx-toolbar").count() == 1
    assert_checked(page, "hans")
    radio(page, "hant").click()
    assert_checked(page, "hant")


# ------------------------------------------------------------ 9. headings, TOC and nav


HEADING_SCOPES = {
    "h1": "article.ptx-speech > h1",
    "h2": "article.ptx-speech > h2",
    "toc": ".md-sidebar--secondary [data-md-component=toc] a.md-nav__link",
    "nav": ".md-nav--primary a.md-nav__link--active",
    "header": ".md-header [data-md-component=header-topic]",
}


# mode → (Traditional, Simplified) visible in headings, and in TOC / nav / header.
# In 對照 the headings show both, the navigation stays compact (Traditional only).
HEADING_MODES = {
    "hans": ((False, True), (False, True)),
    "both": ((True, True), (True, False)),
    "hant": ((True, False), (True, False)),
}


def test_headings_toc_and_nav_follow_the_mode(session, file_site):
    page = session.open(session.context(locale="en-US"), url(file_site, PAGE))
    headings = page.locator(f"{HEADING_SCOPES['h1']}, {HEADING_SCOPES['h2']}")
    toc = page.locator(HEADING_SCOPES["toc"])
    assert headings.count() >= 4 and toc.count() >= 3
    for mode, (content, chrome) in HEADING_MODES.items():
        radio(page, mode).click()
        for heading in headings.all():
            shown = (heading.locator(":scope > .ptx-hant").is_visible(),
                     heading.locator(":scope > .ptx-hans").is_visible())
            assert shown == content, f"{heading.get_attribute('id')} in {mode}"
        for link in toc.all():
            assert link.is_visible()
            shown = (link.locator(".ptx-hant").is_visible(),
                     link.locator(".ptx-hans").is_visible())
            assert shown == chrome, f"TOC entry {link.get_attribute('href')} in {mode}"
        assert script_visibility(page, HEADING_SCOPES["nav"]) == chrome, f"nav in {mode}"
        assert script_visibility(page, HEADING_SCOPES["header"]) == chrome, f"header in {mode}"
        if mode == "both":
            h1 = page.locator(HEADING_SCOPES["h1"])
            a, b = box(h1.locator(".ptx-hant")), box(h1.locator(".ptx-hans"))
            assert b["y"] >= a["y"] + a["height"] - 1  # Simplified title on its own line


# ------------------------------------------------ 10. reading options and what they add


# 第三篇's first body pair: a redaction, source readings, 發 → 发 and 關 → 关.
PAIR = "#p128"
# The characters of an element a reader sees, as copied: no readings, no editorial text.
VISIBLE_TEXT = """el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('rt, rp, [data-editorial]').forEach(e => e.remove());
    return copy.textContent.replace(/[ \\t\\n\\r\\f]+/g, ' ').trim();
}"""
COPY = """() => {
    const data = new DataTransfer();
    const event = new ClipboardEvent('copy', {clipboardData: data, bubbles: true,
                                              cancelable: true});
    document.dispatchEvent(event);
    return event.defaultPrevented ? data.getData('text/plain') : null;
}"""


def option_button(page, name: str, value: str):
    return page.locator(f"{TOOLBAR} button[data-ptx-option={name}][data-value={value}]")


def option_of(page, name: str) -> str | None:
    return page.evaluate(f"document.documentElement.getAttribute('data-ptx-{name}')")


def test_learner_pinyin_near_the_viewport_and_everywhere_before_printing(session, file_site):
    page = session.open(session.context(), url(file_site, PAGE))
    assert page.locator("ruby.ptx-auto").count() == 0
    button = option_button(page, "pinyin", "all")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert option_button(page, "pinyin", "off").get_attribute("aria-pressed") == "false"
    assert page.evaluate("localStorage.getItem('ptx.pinyin')") == "all"
    first = page.locator(f"{PAIR} > .ptx-hant ruby.ptx-auto").first
    first.wait_for(state="visible")  # the table is loaded on demand, over file:// too
    assert first.evaluate("r => [r.firstChild.data, r.querySelector('rt').textContent]") == [
        "在", "zài"]
    # Readings are editorial, never nested in the source's own, and never on damage.
    assert page.locator("ruby.ptx-auto > rt:not([data-editorial])").count() == 0
    assert page.locator("ruby ruby, .ptx-damage ruby.ptx-auto, .ptx-note ruby").count() == 0

    # Printing has no viewport to follow: every paragraph gets its readings at once.
    assert page.evaluate("""() => {
        window.dispatchEvent(new Event('beforeprint'));
        const columns = document.querySelectorAll(
            'article.ptx-speech > div.ptx-pair:not(.ptx-repeat) > p');
        return columns.length > 20 &&
            [...columns].every(p => p.querySelector('ruby.ptx-auto'));
    }""")

    option_button(page, "pinyin", "off").click()
    assert option_of(page, "pinyin") == "off"
    assert not first.locator("rt").is_visible()


def test_difference_marks_in_the_parallel_view_only(session, file_site):
    page = session.open(session.context(), url(file_site, PAGE, "?script=both"))
    before = page.locator(PAIR).text_content()
    button = option_button(page, "diff", "on")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    marks = page.locator(f"{PAIR} > .ptx-hans span.ptx-diff")
    marks.first.wait_for(state="visible")
    assert page.locator(f"{PAIR} > .ptx-hant span.ptx-diff").count() == marks.count()
    found = marks.evaluate_all("els => els.map(e => [e.textContent, e.title])")
    # 发 stands for 發 and 髮: the mark says which one the source has; 关 is only 關.
    assert ["发", "原文作「發」"] in found
    assert ["关", ""] in found
    # The table is OpenCC's, in Taiwan's forms, for the characters of this corpus.
    assert page.evaluate("window.ptxOneToMany['发']") == "發髮"
    assert page.evaluate("'关' in window.ptxOneToMany") is False
    assert page.locator(PAIR).text_content() == before  # marks add no text

    button.click()  # a toggle: pressing it again switches it off
    assert button.get_attribute("aria-pressed") == "false"
    assert option_of(page, "diff") == "off"
    assert page.locator("span.ptx-diff").count() == 0
    assert page.locator(PAIR).text_content() == before

    radio(page, "hant").click()
    assert button.get_attribute("aria-disabled") == "true"
    assert not button.is_visible()
    radio(page, "both").click()
    assert button.get_attribute("aria-disabled") is None
    assert button.is_visible()


def test_reading_options_from_the_url_are_kept_and_follow_other_tabs(session, file_site):
    context = session.context()
    page = session.open(context, url(file_site, PAGE, "?forms=standard&diff=on&pinyin=source"))
    for name, value in (("forms", "standard"), ("diff", "on"), ("pinyin", "source")):
        assert option_of(page, name) == value, name
        assert page.evaluate(f"localStorage.getItem('ptx.{name}')") == value, name
        assert option_button(page, name, value).get_attribute("aria-pressed") == "true"
    form = page.locator(f"{BODY_PAIR} > .ptx-hant .ptx-form").first
    assert form.locator(".ptx-std").is_visible() and not form.locator(".ptx-src").is_visible()

    # A bad value leaves the saved choice; case is forgiven.
    page.goto(url(file_site, PAGE, "?forms=bogus&pinyin=ALL"))
    wait_for_toolbar(page)
    assert option_of(page, "forms") == "standard"
    assert option_of(page, "pinyin") == "all"

    other = session.open(context, url(file_site, OTHER_PAGE))
    assert option_of(other, "forms") == "standard"
    option_button(other, "forms", "source").click()
    page.wait_for_function("document.documentElement.dataset.ptxForms === 'source'")
    assert option_button(page, "forms", "source").get_attribute("aria-pressed") == "true"
    assert form.locator(".ptx-src").is_visible() and not form.locator(".ptx-std").is_visible()


def test_copying_leaves_out_readings_notes_and_the_hidden_script(session, file_site):
    page = session.open(session.context(), url(file_site, PAGE, "?script=hant&pinyin=all"))
    page.locator(f"{PAIR} ruby.ptx-auto").first.wait_for(state="attached")
    hant = page.locator(f"{PAIR} > .ptx-hant").evaluate(VISIBLE_TEXT)
    hans = page.locator(f"{PAIR} > .ptx-hans").evaluate(VISIBLE_TEXT)
    assert "**.*" in hant and "原文隱去" not in hant  # the redaction stays, its note goes
    page.locator(PAIR).evaluate("el => getSelection().selectAllChildren(el)")
    assert page.evaluate(COPY) == hant

    radio(page, "both").click()
    page.locator(PAIR).evaluate("el => getSelection().selectAllChildren(el)")
    assert page.evaluate(COPY) == f"{hant}\n{hans}"

    # From the title to the first paragraph: the folded repeated titles and the note on
    # the original script are left out.
    radio(page, "hant").click()
    title = page.locator("article.ptx-speech > h1 > .ptx-hant").evaluate(VISIBLE_TEXT)
    page.evaluate(f"""() => {{
        const range = document.createRange();
        range.setStart(document.querySelector('article.ptx-speech > h1'), 0);
        const pair = document.querySelector('{PAIR}');
        range.setEnd(pair, pair.childNodes.length);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
    }}""")
    assert page.evaluate(COPY) == f"{title}\n{hant}"

    # A selection inside editorial text is copied as it is, in the script shown.
    page.locator("p.ptx-origin").evaluate("el => getSelection().selectAllChildren(el)")
    assert page.evaluate(COPY) == "原文為繁體，簡體由 OpenCC 轉換（臺灣標準）"
    # Outside the speech the browser copies as usual.
    page.locator(".md-header").evaluate("el => getSelection().selectAllChildren(el)")
    assert page.evaluate(COPY) is None


def test_note_bubbles_stay_in_view_and_escape_dismisses_them(session, file_site):
    page = session.open(session.context(viewport=PHONE), url(file_site, SPEECH_PAGES[0],
                                                             "?script=hant"))
    marks = page.locator("article.ptx-speech .ptx-hant :is(.ptx-redaction, .ptx-damage)")
    assert marks.count() > 10
    nudged = 0
    for i in range(marks.count()):
        mark = marks.nth(i)
        mark.evaluate("m => { m.scrollIntoView({block: 'center'}); m.focus(); }")
        note = mark.locator(".ptx-note")
        left, right, dx = note.evaluate(
            "n => [n.getBoundingClientRect().left, n.getBoundingClientRect().right,"
            " n.style.getPropertyValue('--ptx-note-dx')]")
        assert left >= 7 and right <= PHONE["width"] - 7, (i, left, right)
        nudged += bool(dx)
    assert nudged, "no note needed nudging: the test shows nothing"

    # Just under the fixed header there is no room above: the bubble goes below.
    mark = marks.first
    mark.evaluate("""m => {
        m.blur();
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        window.scrollBy(0, m.getBoundingClientRect().top - header - 4);
        m.focus({preventScroll: true});
    }""")
    note = mark.locator(".ptx-note")
    assert note.get_attribute("data-ptx-place") == "below"
    assert note.is_visible()
    page.keyboard.press("Escape")
    assert not mark.evaluate("m => m === document.activeElement")
    assert not note.is_visible()


def test_instant_navigation_honours_reading_options_in_the_link(session, served_site):
    page = session.open(session.context(), served_site.url + PAGE)
    page.evaluate(f"""() => {{
        window.__marker = 1;
        const a = document.querySelector(".md-nav--primary a.md-nav__link[href$='{OTHER_PAGE}']");
        a.setAttribute('href', a.getAttribute('href') + '?pinyin=all');
    }}""")
    page.locator(f".md-nav--primary a.md-nav__link[href$='{OTHER_PAGE}?pinyin=all']").click()
    page.wait_for_url(f"**/{OTHER_PAGE}?pinyin=all")
    page.wait_for_function("document.documentElement.dataset.ptxPinyin === 'all'")
    assert page.evaluate("window.__marker") == 1
    assert option_button(page, "pinyin", "all").get_attribute("aria-pressed") == "true"
    # The new speech is annotated (the annotator followed the page).
    page.locator("article.ptx-speech > h1 ruby.ptx-auto").first.wait_for(state="visible")
