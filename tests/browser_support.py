"""Helpers for the browser tests (tests/test_browser.py): Chromium, sites, a local server.

Everything here is plain functions and classes; the pytest fixtures that use them live in
``test_browser.py`` (kept out of conftest.py on purpose).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "000_a0dc2aa1bc4bc1e3.txt"
CONFIG = ROOT / "mkdocs.yml"

CHROMIUM = "/usr/bin/chromium"
# The same flags as the project's own PDF printing (no sandbox as root, no background
# network traffic on a closed network).
from build_tools.outputs.pdf import CHROMIUM_ARGS  # noqa: E402
MISSING_CHROMIUM = (
    f"Chromium not found at {CHROMIUM}: browser tests need `apt-get install chromium`"
)
MISSING_PLAYWRIGHT = (
    "Playwright is not installed: browser tests need `pip install playwright` "
    "(Chromium itself comes from `apt-get install chromium`; never `playwright install`)"
)

SEED_STEM = "000-a0dc2aa1bc4bc1e3"
SPEECH_PAGES = [f"{SEED_STEM}-0{n}.html" for n in range(1, 6)]

# First paragraph pair of the speech body (not the folded repeated titles).
FIRST_PAIR = "article.ptx-speech > div.ptx-pair"
TOOLBAR = ".md-content__inner > .ptx-toolbar"
LABELS = {"hant": "繁", "hans": "简", "both": "對照"}


def missing_requirement() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not os.path.exists(CHROMIUM):
        return MISSING_CHROMIUM
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return MISSING_PLAYWRIGHT
    return None


@contextmanager
def environment(**values: str | None):
    """Set (or, with None, remove) environment variables, restoring them afterwards."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_seed_site(site: Path, site_url: str | None = None) -> Path:
    """Build the seed source into ``site``; ``site_url`` becomes SITE_URL for the build."""
    from build_tools.outputs.site import build_site

    with environment(SITE_URL=site_url):
        build_site(str(CONFIG), str(site), [str(SEED)], strict=True)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


class LoopbackServer:
    """A static file server on 127.0.0.1 whose port is known before the files exist.

    The socket is bound (port 0: the system picks a free one) at construction, so the
    port can go into SITE_URL for the build and cannot be taken meanwhile; ``start``
    then serves ``directory`` from a daemon thread.
    """

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.thread: threading.Thread | None = None

    def start(self) -> LoopbackServer:
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, name="browser-test-http", daemon=True
        )
        self.thread.start()
        return self

    def close(self) -> None:
        if self.thread is not None:
            self.httpd.shutdown()
            self.thread.join(timeout=5)
        self.httpd.server_close()


# ------------------------------------------------------------------- page inspection


def shown(page, selector: str) -> bool:
    """Whether the first element matching ``selector`` is visible (rendered, not hidden)."""
    return page.locator(selector).first.is_visible()


def script_visibility(page, scope: str = FIRST_PAIR) -> tuple[bool, bool]:
    """(Traditional visible, Simplified visible) for the first ``scope`` element."""
    first = page.locator(scope).first
    return (
        first.locator(".ptx-hant").first.is_visible(),
        first.locator(".ptx-hans").first.is_visible(),
    )


def checked_modes(page) -> list[str]:
    """The data-script of every radio with aria-checked=true, in every toolbar."""
    return page.eval_on_selector_all(
        ".ptx-toolbar [role=radio]",
        "els => els.filter(e => e.getAttribute('aria-checked') === 'true')"
        ".map(e => e.dataset.script)",
    )


def radio(page, mode: str):
    return page.locator(f"{TOOLBAR} [role=radio][data-script={mode}]")


def wait_for_toolbar(page) -> None:
    page.locator(TOOLBAR).first.wait_for(state="visible")
