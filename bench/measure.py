"""One measured MkDocs build, run in a fresh interpreter by ``bench/run.py``.

    python bench/measure.py --config CFG --site-dir DIR [--page NAME ...]

Builds in-process as ``mkdocs build`` does (``load_config`` → ``on_startup`` → ``build`` →
``on_shutdown``), the same way for both sides, and prints one JSON object:

- ``wall``, ``cpu``: seconds of that build (wall clock; user + system CPU);
- ``stage``: this project's stage, ``ParallelTextsPlugin.stage_seconds`` (absent when the
  plugin is not in the config);
- ``peak_rss_mb``: the peak resident memory of the process (``ru_maxrss``);
- ``site_bytes``, ``html_bytes``, ``index_bytes``: the whole site, its HTML files, and
  Material's ``search/search_index.json``;
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
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def our_plugin(config):
    from build_tools.mkdocs_plugin.plugin import ParallelTextsPlugin

    return next((p for p in config.plugins.values() if isinstance(p, ParallelTextsPlugin)),
                None)


def one_build(config_file: str, site_dir: str) -> dict:
    cpu_started, started = cpu_seconds(), time.perf_counter()
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    plugin = our_plugin(config)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    result = {"wall": time.perf_counter() - started, "cpu": cpu_seconds() - cpu_started}
    if plugin is not None:
        result["stage"] = plugin.stage_seconds
    # ru_maxrss is in KiB on Linux.
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def site_sizes(site: Path, pages: list[str]) -> dict:
    index = site / "search" / "search_index.json"
    return {
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "html_bytes": sum(p.stat().st_size for p in site.rglob("*.html")),
        "index_bytes": index.stat().st_size if index.exists() else 0,
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
