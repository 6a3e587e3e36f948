"""One measured MkDocs build, run in a fresh interpreter by ``bench/run.py``.

    python bench/measure.py --config CFG --site-dir DIR --speech-glob GLOB [--edit FILE]

Builds in-process as ``mkdocs build`` does (``load_config`` → ``on_startup`` → ``build``)
and prints one JSON object: wall and CPU seconds of the build, peak RSS, this project's
stage seconds (``ParallelTextsPlugin.stage_seconds``; 0 when the plugin is not in the
config), the wall time of all the plugin's hooks, and the sizes of the output. With
``--edit``, one paragraph of one speech of that source file is then changed and the site
rebuilt in the same process with a fresh ``load_config``, as ``mkdocs serve`` does on a
change (the plugin's content caches live on in the process); the file is restored
afterwards.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import json
import logging
import os
import re
import resource
import statistics
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

REUSED = re.compile(r"緩存重用 (\d+)/(\d+) 篇")


class _CacheLog(logging.Handler):
    """Picks the plugin's "緩存重用 N/M 篇" summary out of the build log."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.reused: tuple[int, int] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        match = REUSED.search(record.getMessage())
        if match:
            self.reused = (int(match.group(1)), int(match.group(2)))


HOOKS = ("on_config", "on_files", "on_nav", "on_page_markdown", "on_page_content",
         "on_post_build")
_hook_seconds = [0.0]
_hook_cpu = [0.0]


def _time_hooks() -> None:
    """Add up the wall time spent inside every hook of our plugin (``hooks`` in the output):
    ``stage_seconds`` is what the plugin itself counts as its stage; this is all it does."""
    try:
        from build_tools.mkdocs_plugin.plugin import ParallelTextsPlugin
    except ImportError:
        return

    def wrap(method):
        @functools.wraps(method)
        def hook(*args, **kwargs):
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                _hook_seconds[0] += time.perf_counter() - started
                _hook_cpu[0] += time.process_time() - cpu_started
        return hook

    for name in HOOKS:
        if name in vars(ParallelTextsPlugin):
            setattr(ParallelTextsPlugin, name, wrap(getattr(ParallelTextsPlugin, name)))


def _stage_plugin(config):
    try:
        from build_tools.mkdocs_plugin.plugin import ParallelTextsPlugin
    except ImportError:
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, ParallelTextsPlugin):
            return plugin
    return None


def _code_version() -> str:
    """A hash of the project's modules as this process imports them: others may edit them
    while a long benchmark runs, and the report says so when builds ran different code."""
    package = Path(__file__).resolve().parent.parent / "build_tools"
    digest = hashlib.sha1()
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_build(config_file: str, site_dir: str) -> dict:
    log = _CacheLog()
    logging.getLogger("mkdocs").addHandler(log)
    _hook_seconds[0] = _hook_cpu[0] = 0.0
    cpu_started = _cpu_seconds()
    started = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    plugin = _stage_plugin(config)
    stage_before = plugin.stage_seconds if plugin else 0.0
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    wall = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_started
    logging.getLogger("mkdocs").removeHandler(log)
    return {
        "wall": wall,
        "cpu": cpu,
        "stage": (plugin.stage_seconds - stage_before) if plugin else 0.0,
        "hooks": _hook_seconds[0],
        "hooks_cpu": _hook_cpu[0],
        "peak_rss_mb": _peak_rss_mb(),
        "reused": log.reused,
    }


def site_sizes(site_dir: Path, speech_glob: str, seed_glob: str | None = None) -> dict:
    """Bytes of the site, of its speech pages (all, and the seed's own when ``seed_glob``
    names them) and of the search index, also per speech page."""
    total = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    pages = sorted(site_dir.glob(speech_glob))
    seed_pages = set(site_dir.glob(seed_glob)) if seed_glob else set()
    index = site_dir / "search" / "search_index.json"
    table = site_dir / "assets" / "ptx" / "search-table.js"
    workers = [p for p in (site_dir / "assets" / "javascripts" / "workers").glob("search.*.js")]
    # Index bytes per page: each entry's JSON, grouped by the page its location names.
    per_page: dict[str, int] = {}
    if index.exists():
        for doc in json.loads(index.read_text("utf-8")).get("docs", []):
            page = doc.get("location", "").split("#", 1)[0]
            size = len(json.dumps(doc, separators=(",", ":")))  # as Material writes it
            per_page[page] = per_page.get(page, 0) + size

    def index_of(paths) -> list[int]:
        return [per_page.get(p.relative_to(site_dir).as_posix(), 0) for p in paths]

    others = [p for p in pages if p not in seed_pages]
    return {
        "site_bytes": total,
        "speech_pages": len(pages),
        "page_bytes_median": statistics.median(p.stat().st_size for p in pages) if pages else 0,
        "seed_page_bytes_median": (statistics.median(p.stat().st_size for p in seed_pages)
                                   if seed_pages else 0),
        "copy_page_bytes_median": (statistics.median(p.stat().st_size for p in others)
                                   if others else 0),
        "seed_page_index_median": statistics.median(index_of(seed_pages)) if seed_pages else 0,
        "copy_page_index_median": statistics.median(index_of(others)) if others else 0,
        "html_bytes": sum(p.stat().st_size for p in site_dir.rglob("*.html")),
        "index_bytes": index.stat().st_size if index.exists() else 0,
        "index_gzip_bytes": len(gzip.compress(index.read_bytes(), 6)) if index.exists() else 0,
        "worker_bytes": sum(p.stat().st_size for p in workers),
        "worker_gzip_bytes": sum(len(gzip.compress(p.read_bytes(), 6)) for p in workers),
        "table_bytes": table.stat().st_size if table.exists() else 0,
    }


def edit_one_paragraph(path: Path) -> str:
    """Change one character of the first paragraph of the middle speech; returns the old text."""
    from build_tools.text.corpus import load_collection
    from build_tools.text.inline import is_han
    from build_tools.text.model import Paragraph

    original = path.read_bytes()
    text = original.decode("utf-8")
    speeches = load_collection(path).speeches
    speech = speeches[len(speeches) // 2]
    paragraph = next(b for b in speech.blocks() if isinstance(b, Paragraph))
    lines = text.split("\n")
    line = lines[paragraph.line - 1]
    for i, ch in enumerate(line):
        if is_han(ch) and (i + 1 == len(line) or line[i + 1] != "("):
            lines[paragraph.line - 1] = line[:i] + ("甲" if ch != "甲" else "乙") + line[i + 1:]
            break
    else:
        raise RuntimeError(f"{path}:{paragraph.line}: no character to edit")
    path.write_bytes("\n".join(lines).encode("utf-8"))
    return original


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--site-dir", required=True)
    parser.add_argument("--speech-glob", required=True,
                        help="speech pages, relative to the site folder")
    parser.add_argument("--seed-glob", help="the seed's own speech pages (copy 0)")
    parser.add_argument("--edit", help="source file to edit for the rebuild measurement")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # Warnings and errors to stderr; INFO reaches the cache-summary handler only.
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.WARNING)
    logging.getLogger().addHandler(stderr)
    logging.getLogger("mkdocs").setLevel(logging.INFO)

    _time_hooks()
    code = _code_version()
    result = one_build(args.config, args.site_dir)
    result["code"] = code
    result.update(site_sizes(Path(args.site_dir), args.speech_glob, args.seed_glob))
    if args.edit:
        path = Path(args.edit)
        original = edit_one_paragraph(path)
        try:
            rebuild = one_build(args.config, args.site_dir)
        finally:
            path.write_bytes(original)
        result["rebuild"] = rebuild
    print(json.dumps(result))


if __name__ == "__main__":
    main()
