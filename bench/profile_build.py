"""Profile one MkDocs build with cProfile, to see where a benchmark's time goes.

    .venv/bin/python bench/profile_build.py bench/work/x10/ours.yml [--top 25] [--dump FILE]

Builds CONFIG once as ``bench/measure.py`` does, with the profiler on for the whole build,
into a temporary folder, and prints the own time summed by package (``build_tools.<stage>``
for this project, the top-level package name for the others; a built-in function's time
counts for the package that called it), then the top entries by cumulative and by own
time as ``pstats`` prints them. ``make bench`` leaves the configs of every size in
``bench/work/x<N>/`` (``ours.yml``, ``bare.yml``). Not part of ``make bench``: profiling
slows the build down several times.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import tempfile

from mkdocs.commands.build import build
from mkdocs.config import load_config

# Tried in order: this project's stage packages, installed packages, the standard library.
PACKAGES = (re.compile(r"(build_tools/[^/.]+)"), re.compile(r"(?:site|dist)-packages/([^/.]+)"),
            re.compile(r"/lib/python3[^/]*/([^/.]+)"))


def package_of(filename: str) -> str:
    for pattern in PACKAGES:
        match = pattern.search(filename)
        if match:
            return match.group(1).replace("/", ".")
    return "other"


def own_time_by_package(stats: pstats.Stats) -> list[tuple[str, float]]:
    own: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, callers) in stats.stats.items():
        if filename != "~":
            own[package_of(filename)] = own.get(package_of(filename), 0.0) + tottime
            continue
        for (caller, _l, _n), caller_stats in callers.items():
            name = package_of(caller) if caller != "~" else "built-ins"
            own[name] = own.get(name, 0.0) + caller_stats[2]
    return sorted(own.items(), key=lambda item: -item[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--dump", help="also write the raw profile here (pstats format)")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="profile-site-") as site:
        profiler.enable()
        config = load_config(args.config, site_dir=site)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
            profiler.disable()
    stats = pstats.Stats(profiler)
    if args.dump:
        stats.dump_stats(args.dump)
    total = sum(seconds for _, seconds in own_time_by_package(stats)) or 1.0
    print(f"Own time by package ({total:.1f} s profiled):")
    for name, seconds in own_time_by_package(stats)[: args.top]:
        print(f"  {seconds:8.2f} s  {seconds / total:6.1%}  {name}")
    stats.strip_dirs()
    for key in ("cumulative", "tottime"):
        print(f"\nTop {args.top} by {key}:")
        stats.sort_stats(key).print_stats(args.top)


if __name__ == "__main__":
    main()
