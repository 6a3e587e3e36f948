"""Throughput of whichever package provides the ``opencc`` module, converting t2s.

    python bench/convert_speed.py TEXT_FILE [--repeat N]

Run with the interpreter of the environment to test; prints one JSON object. The text is
converted whole after one warm-up call, ``--repeat`` times or more (until half a second
has passed); the median counts. Nothing of
this project is imported, so it runs in a bare environment too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import time
from importlib import metadata
from pathlib import Path


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("text")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    text = Path(args.text).read_text(encoding="utf-8")

    started = time.perf_counter()
    import opencc

    converter = None
    for name in ("t2s", "t2s.json"):
        try:
            converter = opencc.OpenCC(name)
            converter.convert("測試")
            break
        except Exception:  # each binding raises its own error type
            converter = None
    if converter is None:
        raise SystemExit("no t2s config in this opencc")
    load = time.perf_counter() - started

    converter.convert(text[:1000])
    times: list[float] = []
    # At least --repeat runs, and enough of them to fill half a second for a fast binding.
    while len(times) < max(1, args.repeat) or (sum(times) < 0.5 and len(times) < 1000):
        started = time.perf_counter()
        out = converter.convert(text)
        times.append(time.perf_counter() - started)
    seconds = statistics.median(times)
    backend = "reimplemented" if hasattr(opencc.OpenCC, "set_conversion") else "official"
    print(json.dumps({
        "backend": backend,
        "package": "opencc-python-reimplemented" if backend == "reimplemented" else "opencc",
        "version": _version("opencc-python-reimplemented" if backend == "reimplemented"
                            else "opencc"),
        "chars": len(text),
        "changed_chars": sum(a != b for a, b in zip(text, out)),
        "output_sha1": hashlib.sha1(out.encode("utf-8")).hexdigest(),
        "runs": len(times),
        "load_seconds": load,
        "seconds": seconds,
        "chars_per_s": len(text) / seconds if seconds else float("inf"),
    }))


if __name__ == "__main__":
    main()
