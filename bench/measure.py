"""One measured MkDocs build, run in a fresh interpreter by ``bench/run.py``.

    python bench/measure.py --config CFG --site-dir DIR [--page NAME ...]

Builds in-process as ``mkdocs build`` does (``load_config`` → ``on_startup`` → ``build`` →
``on_shutdown``), the same way for both sides, and prints one JSON object:

- ``wall``, ``cpu``: seconds of that build (wall clock; user + system CPU of the process
  and of the workers it forked and waited for);
- ``stage``: this project's stage, ``ParallelTextsPlugin.stage_seconds`` (absent when the
  plugin is not in the config);
- ``peak_rss_mb``: the peak resident memory of the process (``ru_maxrss``);
  ``tree_peak_pss_mb``: the largest sum, sampled every 0.2 s, of the proportional set
  size (PSS: shared pages counted once) of the process and every process it started
  (render workers, the Pagefind indexer); ``peak_memory_mb``: the larger of the two, the
  build's memory whether it runs in one process or in several;
- ``site_bytes``, ``html_bytes``, ``index_bytes``, ``pagefind_bytes``: the whole site, its
  HTML files, Material's ``search/search_index.json``, and the ``pagefind/`` folder (the
  plugin's chunked index, used instead of Material's for large corpora);
- ``pages``: bytes of each ``--page`` found in the site (pages not found are left out);
- ``code``: a hash of ``build_tools/`` as imported, since others may edit it meanwhile.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import resource
import sys
import threading
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

PACKAGE = Path(__file__).resolve().parent.parent / "build_tools"


def code_version() -> str:
    digest = hashlib.sha1()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def cpu_seconds() -> float:
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for children in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                kids = [int(k) for k in children.read_text().split()]
            except OSError:
                continue
            found += kids
            todo += kids
    return found


def pss_kib(pid: int) -> int:
    try:
        for row in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if row.startswith("Pss:"):
                return int(row.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the PSS of this process and its descendants (forked render workers)."""

    def __init__(self, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.interval, self.peak_kib = interval, 0
        self.done = threading.Event()
        self.available = Path("/proc/self/smaps_rollup").exists()

    def run(self) -> None:
        me = os.getpid()
        while self.available and not self.done.wait(self.interval):
            self.peak_kib = max(self.peak_kib,
                                sum(pss_kib(pid) for pid in [me, *descendants(me)]))


def our_plugin(config):
    from build_tools.mkdocs_plugin.plugin import ParallelTextsPlugin

    return next((p for p in config.plugins.values() if isinstance(p, ParallelTextsPlugin)),
                None)


def one_build(config_file: str, site_dir: str) -> dict:
    memory = TreeMemory()
    memory.start()
    cpu_started, started = cpu_seconds(), time.perf_counter()
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    plugin = our_plugin(config)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    result = {"wall": time.perf_counter() - started, "cpu": cpu_seconds() - cpu_started}
    memory.done.set()
    memory.join()
    if plugin is not None:
        result["stage"] = plugin.stage_seconds
    # ru_maxrss is in KiB on Linux.
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["tree_peak_pss_mb"] = memory.peak_kib / 1024
    result["peak_memory_mb"] = max(result["peak_rss_mb"], result["tree_peak_pss_mb"])
    result["cores"] = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return result


def site_sizes(site: Path, pages: list[str]) -> dict:
    index = site / "search" / "search_index.json"
    return {
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "html_bytes": sum(p.stat().st_size for p in site.rglob("*.html")),
        "index_bytes": index.stat().st_size if index.exists() else 0,
        "pagefind_bytes": sum(p.stat().st_size for p in (site / "pagefind").rglob("*")
                              if p.is_file()),
        "pages": {name: (site / name).stat().st_size for name in pages
                  if (site / name).is_file()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--site-dir", required=True)
    parser.add_argument("--page", action="append", default=[],
                        help="a page whose bytes to report, relative to the site folder")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    code = code_version()
    result = one_build(args.config, args.site_dir)
    result.update(site_sizes(Path(args.site_dir), args.page))
    result["code"] = code
    print(json.dumps(result))


if __name__ == "__main__":
    main()
