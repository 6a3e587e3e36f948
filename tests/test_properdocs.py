"""The seed site built by ProperDocs, the continuation of MkDocs 1.x, with the same
``mkdocs.yml`` and the same plugin (``make properdocs``).

ProperDocs lives in a venv of its own (``.venv-properdocs``, made by
``make properdocs-venv`` from ``constraints.txt``): in the project's venv ``mkdocs`` is
MkDocs 1.6.1. The fixture runs that target (a no-op when the venv is up to date). When the
venv cannot be made (no package index) the test is skipped with the reason, except in CI
(``CI`` set), where it fails.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from htmltext import script_text

# The folder of pyproject.toml, wherever in tests/ this file is.
REPO_ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists())
PROPERDOCS = REPO_ROOT / ".venv-properdocs" / "bin" / "properdocs"
SEED_PAGES = [f"000-a0dc2aa1bc4bc1e3-{n:02d}.html" for n in range(1, 6)]
HAN = re.compile(r"[\u4e00-\u9fff]")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def properdocs() -> Path:
    proc = subprocess.run(["make", "--no-print-directory", "properdocs-venv"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=900)
    if proc.returncode == 0 and PROPERDOCS.exists():
        return PROPERDOCS
    reason = f"make properdocs-venv failed: {(proc.stderr or proc.stdout).strip()[-500:]}"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so ProperDocs must be tested, but: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(properdocs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("properdocs") / "site"
    proc = subprocess.run(
        [str(properdocs), "build", "--config-file", "mkdocs.yml", "--site-dir", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


def test_properdocs_built_the_site(site: Path) -> None:
    generator = re.search(r'<meta name="generator" content="([^"]*)"',
                          (site / "index.html").read_text("utf-8"))
    assert generator and "ProperDocs" in generator.group(1), generator
    assert "mkdocs-material" in generator.group(1)
    index = site / "search" / "search_index.json"
    assert index.stat().st_size > 10_000  # Material's search plugin ran under ProperDocs


@pytest.mark.parametrize("name", SEED_PAGES)
def test_speech_page_has_both_scripts(site: Path, name: str) -> None:
    html = (site / name).read_text("utf-8")
    hant, hans = script_text(html, "zh-Hant"), script_text(html, "zh-Hans")
    assert len(HAN.findall(hant)) > 500, name
    assert len(HAN.findall(hans)) > 500, name
    assert hant != hans  # the Simplified column is converted, not a copy
