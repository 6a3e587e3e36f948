"""Benchmark: this project's site build against a bare mkdocs-material site, by corpus size.

    make bench                                 # sizes 1, 10, 100 × the seed; the JSON and its report
    .venv/bin/python bench/run.py --quick      # size 1 only: a smoke test (under a minute)

Measures and writes JSON only (``--out``, ``bench/results.json``); ``bench/report.py``
renders it as ``bench/results.md``. For each size N the seed collection (5 speeches) is
copied N times with deterministic variations (``bench/synth.py``) into a new folder of
``--work`` with both projects (``bench/project.py``), and built, each build in a fresh
interpreter (``bench/measure.py``):

1. (a) ours, first build (a new project folder: nothing kept from an earlier build);
2. (a) ours again, nothing changed: the second build (its cache on disk kept);
3. (b) the bare mkdocs-material site of the same speeches;
4. (a) ours on one core (the process's CPU affinity), its cache deleted first: the first
   build without the render workers, for the speed-up of rendering on every core.

Then, at the largest size, the live preview (``bench/live.py``): a real ``mkdocs serve``
of (a), one speech edited, the page polled over HTTP until the new text is served.
Ratios are (a)/(b), computed here from the figures beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from live import live_preview  # noqa: E402
from project import Project, write_project  # noqa: E402

PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "jieba",
            "opencc")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def one_core() -> None:
    """In the child before it runs: this process and what it forks get one core."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def build(project: Project, side: str, single_core: bool = False) -> dict:
    """One build of ``side`` (``ours`` or ``bare``) in a fresh interpreter."""
    config = project.ours_config if side == "ours" else project.bare_config
    cmd = [sys.executable, str(BENCH / "measure.py"), "--config", str(config),
           "--site-dir", str(project.site(side))]
    for page in project.seed_pages:
        cmd += ["--page", page]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project.folder, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                          preexec_fn=one_core if single_core else None)
    if proc.returncode != 0:
        raise SystemExit(f"bench: build ({side}) at {project.size}× failed "
                         f"({proc.returncode}):\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - started
    result["seed_pages_found"] = len(result["pages"])
    return result


def quotient(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def ratios(ours: dict, second: dict, bare: dict, serial: dict | None) -> dict:
    """(a)/(b) for each figure measured on both sides; the seed's pages one by one."""
    out = {key: quotient(ours[key], bare[key])
           for key in ("wall", "cpu", "process_seconds", "peak_rss_mb", "peak_memory_mb",
                       "site_bytes", "html_bytes", "index_bytes")}
    # Everything search downloads from: Material's index, and Pagefind's where it is used.
    out["search_bytes"] = quotient(ours["index_bytes"] + ours["pagefind_bytes"],
                                   bare["index_bytes"] + bare["pagefind_bytes"])
    pages = {name: quotient(size, bare["pages"].get(name)) for name, size in ours["pages"].items()}
    pages = {name: r for name, r in pages.items() if r is not None}
    out["pages"] = pages
    out["page_bytes_median"] = statistics.median(pages.values()) if pages else None
    out["page_bytes_max"] = max(pages.values()) if pages else None
    # The second build, against the first of the same side.
    out["second_stage"] = quotient(second.get("stage"), ours.get("stage"))
    out["second_stage_of_build"] = quotient(second.get("stage"), ours["wall"])
    out["second_wall"] = quotient(second["wall"], ours["wall"])
    # Rendering on every core: the one-core build against the first build.
    if serial is not None:
        out["speedup_wall"] = quotient(serial["wall"], ours["wall"])
        out["speedup_stage"] = quotient(serial.get("stage"), ours.get("stage"))
        out["speedup_stage_per_core"] = quotient(out["speedup_stage"], ours.get("cores"))
    return out


def bench_size(size: int, work: Path) -> tuple[dict, Project]:
    log(f"{size}×: writing the corpus and both projects")
    project = write_project(size, work / f"x{size}")
    load = [os.getloadavg()[0]]
    runs = {}
    for name, side in (("ours", "ours"), ("second", "ours"), ("bare", "bare"),
                       ("serial", "ours")):
        if name == "serial":
            if not hasattr(os, "sched_setaffinity"):
                continue
            # The cache is safe to delete: the one-core build starts as cold as the first.
            shutil.rmtree(project.folder / ".cache", ignore_errors=True)
        log(f"{size}×: build {name}")
        runs[name] = build(project, side, single_core=name == "serial")
        log(f"{size}×:   {runs[name]['wall']:.1f} s"
            + (f", stage {runs[name]['stage']:.2f} s" if "stage" in runs[name] else ""))
    load.append(os.getloadavg()[0])
    record = {
        "size": size,
        "files": len(project.sources),
        "speeches": len(project.speeches),
        "source_bytes": project.source_bytes,
        "seed_pages": project.seed_pages,
        **runs,
        "ratios": ratios(runs["ours"], runs["second"], runs["bare"], runs.get("serial")),
        "load_average": load,
    }
    return record, project


def live_record(project: Project, start_timeout: float, timeout: float) -> dict:
    log(f"{project.size}×: live preview (mkdocs serve, one speech edited)")
    try:
        result = live_preview(project, start_timeout, timeout)
    except RuntimeError as error:  # reported, not hidden: the JSON says what went wrong
        log(f"live preview failed: {error}")
        return {"size": project.size, "speeches": len(project.speeches), "error": str(error)}
    shown = result.get("edit_seconds")
    log(f"{project.size}×:   served after {result['startup_seconds']:.1f} s; edit to page "
        + (f"{shown:.1f} s" if shown is not None else f"not within {timeout:.0f} s"))
    return result


def machine() -> dict:
    info = {"platform": platform.platform(), "python": platform.python_version(),
            "cores": os.cpu_count(), "cpu": None, "memory_gb": None}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    info["packages"] = versions
    return info


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the site build against bare Material.")
    parser.add_argument("--sizes", default="1,10,100",
                        help="corpus sizes as multiples of the seed (default: 1,10,100)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: size 1 only (the live preview too)")
    parser.add_argument("--out", default=str(BENCH / "results.json"))
    parser.add_argument("--work", default=str(BENCH / "work"))
    parser.add_argument("--start-timeout", type=float, default=900.0,
                        help="seconds allowed for mkdocs serve to serve the page (default 900)")
    parser.add_argument("--edit-timeout", type=float, default=300.0,
                        help="seconds allowed for the edit to be served (default 300)")
    parser.add_argument("--no-live", action="store_true", help="skip the live preview")
    args = parser.parse_args()
    started = time.perf_counter()
    sizes = [1] if args.quick else sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    work = Path(args.work).resolve()
    out = Path(args.out)
    data: dict = {
        "schema": 1,
        "quick": args.quick,
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "sizes": [],
        "live_preview": None,
    }
    project = None
    for size in sizes:
        record, project = bench_size(size, work)
        data["sizes"].append(record)
        write_json(out, data)  # what is measured so far survives an interruption
    if project is not None and not args.no_live:
        data["live_preview"] = live_record(project, args.start_timeout, args.edit_timeout)
    data["codes"] = sorted({run["code"] for r in data["sizes"]
                            for key, run in r.items() if isinstance(run, dict) and "code" in run})
    data["seconds"] = time.perf_counter() - started
    write_json(out, data)
    log(f"wrote {out} in {data['seconds'] / 60:.1f} min")


if __name__ == "__main__":
    main()
