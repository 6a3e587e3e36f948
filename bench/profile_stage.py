"""Profile this project's own stage (parse, convert, render), or a whole build.

    python bench/profile_stage.py CONFIG SITE_DIR [--top N]

Runs MkDocs on CONFIG in one fresh process with ``cProfile`` switched on only inside the
hooks of ``ParallelTextsPlugin``, where its stage (parse, convert, render) runs, so the
profile is the plugin's own work on that corpus as a build does it. Page templates are
not rendered nor written (``_build_page`` is replaced by a no-op): that is MkDocs' and
Material's work, not ours, and only makes the run longer.

    python bench/profile_stage.py CONFIG SITE_DIR --edit SOURCE [--top N]

builds once without the profiler, changes one paragraph of one speech of SOURCE (as
``bench/measure.py --edit`` does) and profiles the plugin's hooks on the rebuild, run with
a fresh ``load_config`` in the same process as ``mkdocs serve`` does; SOURCE is restored.

    python bench/profile_stage.py CONFIG SITE_DIR --build [--top N]

profiles a whole ``mkdocs build`` instead, to see where a build spends its time outside
this project's stage.

Prints one JSON object: profiled seconds, the plugin's ``stage_seconds``, own time
(``tottime``) summed per area (the time of a built-in function counts for the area of the
code that called it), and the top entries by cumulative and by own time as ``pstats``
prints them (``python -m cProfile -s cumtime`` shows the same table).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Areas for the own-time summary: the first whose marker is in a function's file wins.
AREAS = (
    ("OpenCC (convert)", ("/opencc/",)),
    ("jieba", ("/jieba/",)),
    ("build_tools.render.speech", ("build_tools/render/speech.py",)),
    ("build_tools.analysis.annotate", ("build_tools/analysis/annotate.py",)),
    ("build_tools.analysis.convert", ("build_tools/analysis/convert.py",)),
    ("build_tools.text.parse + inline", ("build_tools/text/parse.py", "build_tools/text/inline.py")),
    ("build_tools.text.model", ("build_tools/text/model.py",)),
    ("build_tools.analysis.terms + pinyin", ("build_tools/analysis/terms.py", "build_tools/analysis/pinyin.py")),
    ("build_tools (other)", ("build_tools/",)),
    ("Material search plugin", ("material/plugins/search",)),
    ("MkDocs search plugin", ("mkdocs/contrib/search",)),
    ("Jinja2 templates", ("/jinja2/", "/material/templates/", "/overrides/")),
    ("Markdown", ("/markdown/", "/pymdownx/")),
    ("MkDocs", ("/mkdocs/",)),
    ("html.parser", ("html/parser.py", "_markupbase.py")),
    ("json", ("/json/",)),
    ("regular expressions (compile)", ("/re/",)),
)
_enabled = [True]  # off for the unprofiled first build of --edit
HOOKS = ("on_config", "on_files", "on_nav", "on_page_markdown", "on_page_content",
         "on_post_build")


def _area(filename: str) -> str:
    for name, markers in AREAS:
        if any(marker in filename for marker in markers):
            return name
    return "other Python"


def areas(stats: pstats.Stats) -> list[tuple[str, float, float]]:
    own: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, callers) in stats.stats.items():
        if filename != "~":
            own[_area(filename)] = own.get(_area(filename), 0.0) + tottime
            continue
        # A built-in (str.join, re.sub, marshal.load …) counts for whoever called it.
        for (caller_file, _l, _n), caller_stats in callers.items():
            area = _area(caller_file) if caller_file != "~" else "built-ins"
            own[area] = own.get(area, 0.0) + caller_stats[2]
    total = sum(own.values()) or 1.0
    return sorted(((a, t, t / total) for a, t in own.items()), key=lambda x: -x[1])


def ours_top(stats: pstats.Stats, top: int) -> list[tuple[str, float, float, int]]:
    """This project's functions by cumulative time: (name, cumtime, tottime, calls)."""
    rows = []
    for (filename, line, name), (_cc, nc, tottime, cumtime, _callers) in stats.stats.items():
        if "build_tools/" in filename:
            module = filename.rsplit("build_tools/", 1)[1].removesuffix(".py")
            rows.append((f"{module}.{name}", cumtime, tottime, nc))
    rows.sort(key=lambda r: -r[1])
    return rows[:top]


def _label(func: tuple[str, int, str]) -> str:
    filename, _line, name = func
    if "build_tools/" in filename:
        return f"{filename.rsplit('build_tools/', 1)[1].removesuffix('.py')}.{name}"
    if filename == "~":
        return name
    return f"{_area(filename)}: {name}"


def hook_breakdown(stats: pstats.Stats, share: float = 0.03) -> list[dict]:
    """For each hook of our plugin, its heaviest callees and the path each one's time takes.

    A path follows, from a callee, the callee of it that takes the most of its time, as
    long as that is at least half; it ends where the time spreads out, leaves our code, or
    reaches a function called from elsewhere too.
    """
    callees: dict[tuple, list[tuple[tuple, float]]] = {}
    for func, (_cc, _nc, _tt, _ct, callers) in stats.stats.items():
        for caller, (_c, _n, _t, cumtime) in callers.items():
            callees.setdefault(caller, []).append((func, cumtime))
    total = sum(tt for (_cc, _nc, tt, _ct, _c) in stats.stats.values()) or 1.0

    def path(func, time_in) -> list[str]:
        steps = []
        for _ in range(12):
            # cProfile keeps no call context: past a function that others call as well
            # (a cache, a helper), its callees' time cannot be told apart by caller.
            if time_in < 0.9 * stats.stats[func][3]:
                break
            nxt = max(callees.get(func, []), key=lambda x: x[1], default=None)
            if nxt is None or nxt[1] < 0.5 * time_in:
                break
            func, time_in = nxt
            steps.append(f"{_label(func)} {time_in:.1f} s")
            if "build_tools/" not in func[0]:
                break
        return steps

    out = []
    for func, (_cc, nc, _tt, cumtime, _callers) in stats.stats.items():
        if "build_tools/mkdocs_plugin/plugin.py" not in func[0] or not func[2].startswith("on_"):
            continue
        if cumtime < share * total:
            continue
        children = sorted(callees.get(func, []), key=lambda x: -x[1])
        out.append({
            "hook": func[2],
            "seconds": cumtime,
            "calls": nc,
            "parts": [
                {"name": _label(child), "seconds": t, "path": path(child, t)}
                for child, t in children if t >= share * total
            ][:5],
        })
    return sorted(out, key=lambda h: -h["seconds"])


def _table(stats: pstats.Stats, key: str, top: int) -> str:
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats(key).print_stats(top)
    text = out.getvalue()
    start = text.find("   ncalls")  # the column header and the rows only
    return text[start:].rstrip() if start >= 0 else text.rstrip()


def _profile_hooks(profiler: cProfile.Profile):
    """Switch the profiler on inside every hook of our plugin."""
    from build_tools.mkdocs_plugin.plugin import ParallelTextsPlugin

    def wrap(method):
        @functools.wraps(method)
        def hook(*args, **kwargs):
            if not _enabled[0]:
                return method(*args, **kwargs)
            profiler.enable()
            try:
                return method(*args, **kwargs)
            finally:
                profiler.disable()
        return hook

    for name in HOOKS:
        if name in vars(ParallelTextsPlugin):
            setattr(ParallelTextsPlugin, name, wrap(getattr(ParallelTextsPlugin, name)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("site_dir")
    parser.add_argument("--build", action="store_true", help="profile the whole build")
    parser.add_argument("--edit", help="profile the rebuild after editing this source file")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--dump", help="also write the raw profile here (pstats format)")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    from measure import _code_version
    from mkdocs.commands import build as build_module
    from mkdocs.config import load_config

    profiler = cProfile.Profile()
    if not args.build:
        _profile_hooks(profiler)
        build_module._build_page = lambda *a, **k: None

    def run_build():
        config = load_config(args.config, site_dir=args.site_dir)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build_module.build(config)
        finally:
            config.plugins.on_shutdown()
        return config

    original = None
    if args.edit:
        from measure import edit_one_paragraph

        _enabled[0] = False
        run_build()  # fills the plugin's content caches, unprofiled
        original = edit_one_paragraph(Path(args.edit))
        _enabled[0] = True
    started = time.perf_counter()
    if args.build:
        profiler.enable()
    try:
        config = run_build()
    finally:
        if original is not None:
            Path(args.edit).write_bytes(original)
    if args.build:
        profiler.disable()
    seconds = time.perf_counter() - started

    from build_tools.mkdocs_plugin.plugin import ParallelTextsPlugin

    plugin = next((p for p in config.plugins.values() if isinstance(p, ParallelTextsPlugin)),
                  None)
    stats = pstats.Stats(profiler)
    summary = areas(stats)
    ours = ours_top(stats, 40)
    hooks = hook_breakdown(stats)
    if args.dump:
        stats.dump_stats(args.dump)
    # jieba loads its dictionary once per process, in whichever code segments first.
    jieba_init = max((ct for (filename, _l, name), (_cc, _nc, _tt, ct, _c) in stats.stats.items()
                      if "/jieba/" in filename and name == "initialize"), default=0.0)
    stats.strip_dirs()
    print(json.dumps({
        "mode": "build" if args.build else ("rebuild" if args.edit else "stage"),
        "code": _code_version(),
        "speeches": len(plugin.pages) if plugin else 0,
        "run_seconds": seconds,
        "profiled_seconds": stats.total_tt,
        "stage_seconds": plugin.stage_seconds if plugin else 0.0,
        "areas": summary,
        "ours_top": ours,
        "hooks": hooks,
        "jieba_init": jieba_init,
        "cumulative": _table(stats, "cumulative", args.top),
        "own": _table(stats, "tottime", args.top),
    }))


if __name__ == "__main__":
    main()
