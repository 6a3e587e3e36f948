"""Smoke test of the benchmark (``make bench``): it runs and reports real numbers.

Never a performance assertion: times depend on the machine. Only that ``bench/run.py
--quick`` builds both sites of the seed and writes its tables with numbers in them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _row(text: str, label: str) -> list[str]:
    for line in text.splitlines():
        if line.startswith(f"| {label}"):
            return [cell.strip() for cell in line.strip().strip("|").split("|")]
    raise AssertionError(f"no row {label!r} in the results")


def test_quick_bench_writes_a_table_of_real_numbers(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    proc = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "run.py"), "--quick",
         "--out", str(out), "--work", str(tmp_path / "work")],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    text = out.read_text("utf-8")

    assert "### 1× — 5 speeches in 1 source files" in text
    number = re.compile(r"\d+(\.\d+)?")
    wall = _row(text, "wall time of the build")
    assert number.search(wall[1]) and number.search(wall[2])  # (a) and (b) measured
    assert re.fullmatch(r"\d+\.\d\d", wall[3])  # the (a)/(b) ratio
    for label in ("search index", "`site/` bytes", "HTML bytes of a speech page"):
        assert re.fullmatch(r"\d+\.\d\d", _row(text, label)[3]), label
    assert _row(text, "speech pages found")[1:3] == ["5", "5"]
    assert re.search(r"\| our stage \(parse, convert, render\) \| \d+\.\d+ s \|", text)

    targets = text[text.index("## Targets at 1×"):]
    for label in ("full build time (a)/(b)", "search index bytes (a)/(b)"):
        row = _row(targets, label)
        assert number.fullmatch(row[2]) and row[3] in ("**PASS**", "**FAIL**"), row
    assert "chars/s" in text  # the converter throughput
