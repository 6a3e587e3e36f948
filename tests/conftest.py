"""Shared fixtures: the project importable without installing it, and one browser.

With an editable install the repository root is already importable; inserting it again
is skipped. The browser is the system Chromium driven by Playwright: without it the
browser tests are skipped with the reason, except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO_ROOT = TESTS.parent

# The repository (without an editable install) and the shared helpers of tests/ (seed,
# htmltext, browser_support …), importable from the tests of every stage's folder.
for folder in (REPO_ROOT, TESTS):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from browser_support import CHROMIUM, CHROMIUM_ARGS, MISSING_CHROMIUM, missing_requirement  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite the golden files of tests/render/golden/ from the output.")


@pytest.fixture
def golden(request):
    """Compare text with a golden file (``tests/render/golden/NAME``), showing a diff;
    ``pytest --update-golden`` writes the file instead (then review it with git diff)."""
    import difflib

    def check(name: str, actual: str) -> None:
        path = TESTS / "render" / "golden" / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}: run pytest --update-golden"
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), f"golden/{name}", "actual"))
            pytest.fail(f"{name} differs from its golden file:\n{diff}", pytrace=False)

    return check


@pytest.fixture(scope="session")
def browser_requirements() -> None:
    """Skip (or, in CI, fail) when Chromium or Playwright is missing."""
    reason = missing_requirement()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the browser tests must run, but: {reason}", pytrace=False)
    if reason == MISSING_CHROMIUM:
        pytest.skip(MISSING_CHROMIUM)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(browser_requirements):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
