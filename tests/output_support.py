"""Helpers for the tests of the outputs readers get: the offline bundle and the PDF.

Chromium and Playwright come from conftest.py's ``browser_requirements`` / ``browser``
fixtures. The PDF tests also need poppler-utils, required the same way: missing, the
test is skipped with the reason, except in CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import os
import shutil

import pytest

from browser_support import ROOT

OFFLINE_CONFIG = ROOT / "mkdocs-offline.yml"
PRINT_CONFIG = ROOT / "mkdocs-print.yml"
POPPLER_TOOLS = ("pdftotext", "pdfinfo", "pdffonts")
MISSING_POPPLER = ("poppler-utils not found (pdftotext, pdfinfo, pdffonts): "
                   "`apt-get install poppler-utils`")


def require_poppler() -> None:
    if all(shutil.which(tool) for tool in POPPLER_TOOLS):
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the PDF tests must run, but: {MISSING_POPPLER}",
                    pytrace=False)
    pytest.skip(MISSING_POPPLER)
