"""Helpers for the tests of the outputs readers get: the offline bundle and the PDF.

The requirement logic is test_browser.py's ``browser_requirements`` fixture, shared: a
missing tool skips the test with the reason, except in CI (``CI`` set), where the tests
must run and fail instead.
"""

from __future__ import annotations

import os
import shutil

import pytest

from browser_support import ROOT, missing_requirement

OFFLINE_CONFIG = ROOT / "mkdocs-offline.yml"
PRINT_CONFIG = ROOT / "mkdocs-print.yml"
POPPLER_TOOLS = ("pdftotext", "pdfinfo", "pdffonts")
MISSING_POPPLER = "poppler-utils not found (pdftotext, pdfinfo): `apt-get install poppler-utils`"


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so these tests must run, but: {reason}", pytrace=False)
    pytest.skip(reason)


def require_browser() -> None:
    """Chromium and Playwright, as for tests/test_browser.py."""
    reason = missing_requirement()
    if reason is not None:
        skip_or_fail(reason)


def require_poppler() -> None:
    if not all(shutil.which(tool) for tool in POPPLER_TOOLS):
        skip_or_fail(MISSING_POPPLER)
