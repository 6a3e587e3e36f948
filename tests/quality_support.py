"""Helpers for the search and quality tests (tests/test_search.py, tests/test_quality.py).

- one build of the seed site per test process, shared by both modules;
- what each external tool needs, and the CI rule: a missing tool skips the tests that
  need it, with the reason, except in CI (``CI`` set), where they must run and fail
  (the browser itself is conftest.py's session fixture ``browser``, which applies the
  same rule to Chromium and Playwright);
- the test-only npm tools, installed from package.json / package-lock.json by
  ``npm ci --no-audit --no-fund --ignore-scripts`` (see .ci/run): the Nu HTML Checker
  (vnu.jar) and axe-core.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from browser_support import (
    ROOT,
    SEED,
    SEED_STEM,
    SPEECH_PAGES,
    build_seed_site,
)

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
NPM_INSTALL = "npm ci --no-audit --no-fund --ignore-scripts"

COLLATION_PAGE = f"collation-{SEED_STEM}-01--{SEED_STEM}-02.html"
# The pages the quality gates look at: every speech, the home page, the collation page.
CONTENT_PAGES = [*SPEECH_PAGES, "index.html", COLLATION_PAGE]
SCRIPT_MODES = ("hant", "hans", "both")

__all__ = [
    "AXE_SCRIPT", "COLLATION_PAGE", "CONTENT_PAGES", "NPM_INSTALL",
    "ROOT", "SCRIPT_MODES", "SEED", "SPEECH_PAGES", "VNU_JAR", "missing_axe", "missing_vnu",
    "require", "seed_site",
]


def require(reason: str | None) -> None:
    """Skip with ``reason`` (or, in CI, fail with it); nothing when ``reason`` is None."""
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so this test must run, but: {reason}", pytrace=False)
    pytest.skip(reason)


def missing_vnu() -> str | None:
    if shutil.which("java") is None:
        return ("Java not found: the Nu HTML Checker (vnu.jar) needs a Java runtime, 11 or "
                "newer (`apt-get install default-jre-headless`)")
    if not VNU_JAR.is_file():
        return f"vnu.jar not found at {VNU_JAR.relative_to(ROOT)}: run `{NPM_INSTALL}`"
    return None


def missing_axe() -> str | None:
    if not AXE_SCRIPT.is_file():
        return f"axe-core not found at {AXE_SCRIPT.relative_to(ROOT)}: run `{NPM_INSTALL}`"
    return None


_SEED_SITE: dict[str, Path] = {}


def seed_site(tmp_path_factory) -> Path:
    """The seed site as published (no SITE_URL), built once per test process."""
    if "site" not in _SEED_SITE:
        _SEED_SITE["site"] = build_seed_site(
            tmp_path_factory.mktemp("quality") / "site", site_url=None)
    return _SEED_SITE["site"]
