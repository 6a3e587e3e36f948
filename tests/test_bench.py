"""Smoke test of the benchmark (``make bench``): its quick mode measures real things.

``bench/run.py --quick`` builds both sites of the seed (5 speeches), builds ours a second
time and once more on one core, and measures the live preview; the test reads its JSON: every figure present and
positive, the seed's five speech pages found on both sides, each ratio the quotient of
the figures beside it; then ``bench/report.py`` renders that JSON. Never a performance
assertion: times depend on the machine.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

# The folder of pyproject.toml, wherever in tests/ this file is.
REPO_ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists())
BENCH = REPO_ROOT / "bench"
SEED_PAGES = [f"000-bench-{n:02d}.html" for n in range(1, 6)]
FIGURES = ("wall", "cpu", "process_seconds", "peak_rss_mb", "peak_memory_mb", "site_bytes",
           "html_bytes", "index_bytes")

pytestmark = [pytest.mark.slow, pytest.mark.bench]


def positive(value) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    folder = tmp_path_factory.mktemp("bench")
    out = folder / "results.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--out", str(out),
         "--work", str(folder / "work")],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(out.read_text("utf-8")), out


def test_quick_mode_measures_both_sides(results) -> None:
    data, _ = results
    assert data["quick"] is True and positive(data["seconds"])
    [record] = data["sizes"]
    assert (record["size"], record["files"], record["speeches"]) == (1, 1, 5)
    assert record["seed_pages"] == SEED_PAGES
    for side in ("ours", "second", "bare", "serial"):
        run = record[side]
        for figure in FIGURES:
            assert positive(run[figure]), (side, figure, run[figure])
        assert run["seed_pages_found"] == 5, side
        assert sorted(run["pages"]) == SEED_PAGES, side
        assert all(positive(size) for size in run["pages"].values()), side
    for side in ("ours", "second", "serial"):
        assert positive(record[side]["stage"]), side
    assert "stage" not in record["bare"]  # no plugin of ours there
    assert record["serial"]["cores"] == 1 and record["ours"]["cores"] >= 1


def test_ratios_are_computed_from_the_figures(results) -> None:
    data, _ = results
    [record] = data["sizes"]
    a, second, b, q = record["ours"], record["second"], record["bare"], record["ratios"]
    serial = record["serial"]
    for figure in FIGURES:
        assert q[figure] == pytest.approx(a[figure] / b[figure]), figure
    assert q["search_bytes"] == pytest.approx((a["index_bytes"] + a["pagefind_bytes"])
                                              / (b["index_bytes"] + b["pagefind_bytes"]))
    pages = {name: a["pages"][name] / b["pages"][name] for name in SEED_PAGES}
    assert q["pages"] == pytest.approx(pages)
    assert q["page_bytes_max"] == pytest.approx(max(pages.values()))
    assert q["second_stage"] == pytest.approx(second["stage"] / a["stage"])
    assert q["second_wall"] == pytest.approx(second["wall"] / a["wall"])
    assert q["speedup_wall"] == pytest.approx(serial["wall"] / a["wall"])
    assert q["speedup_stage"] == pytest.approx(serial["stage"] / a["stage"])
    assert q["speedup_stage_per_core"] == pytest.approx(q["speedup_stage"] / a["cores"])


def test_live_preview_served_the_edit(results) -> None:
    data, _ = results
    live = data["live_preview"]
    assert "error" not in live, live.get("error")
    assert live["speeches"] == 5 and live["page"] in SEED_PAGES
    assert live["timed_out"] is False
    assert positive(live["startup_seconds"]) and positive(live["edit_seconds"])
    assert live["search_index_updated"] is True  # the rebuilt index holds the new text
    assert positive(live["serve_peak_rss_mb"])


def test_report_renders_the_measured_values(results, tmp_path: Path) -> None:
    data, out = results
    report = tmp_path / "results.md"
    subprocess.run([sys.executable, str(BENCH / "report.py"), str(out), "--out", str(report)],
                   check=True, timeout=60)
    text = report.read_text("utf-8")
    [record] = data["sizes"]
    ratio = f"{record['ratios']['wall']:.2f}"
    row = next(line for line in text.splitlines()
               if line.startswith("| full build time (a)/(b) | ≤ 1.3 |"))
    assert f"| {ratio} | 5 speeches |" in row
    assert row.endswith(("| met |", "| **not met** |")), row
    assert "### 1× — 5 speeches in 1 source file" in text
    assert f"| edit saved → new text served | {data['live_preview']['edit_seconds']:.2f} s |" in text
