"""What tests share: the repository's paths, the sample corpus, the command as users run
it, and small-input helpers in the manner of Python-Markdown's ``assertMarkdownRenders``:
``parse_text`` (text → model) and ``render_text`` (text → a speech page's HTML)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from build_tools.text.model import PINYIN_RUN, Collection
from build_tools.text.parse import parse

ROOT = REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_NAME = "sources/000_a0dc2aa1bc4bc1e3.txt"
SEED = ROOT / SEED_NAME
SEED_SLUG = "000-a0dc2aa1bc4bc1e3"
SEED_RULES = ROOT / "sources" / "conversions.yml"
CONFIG = ROOT / "mkdocs.yml"


def run_cli(*args: str | os.PathLike, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``python -m build_tools ARGS`` in a subprocess, as a user runs it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "build_tools", *map(str, args)],
        cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300,
        stdin=subprocess.DEVNULL,
    )


def table(stdout: str) -> tuple[list[str], list[list[str]]]:
    """The column header and the speech rows of ``check`` output (one collection)."""
    lines = [ln for ln in stdout.splitlines()
             if not ln.startswith(("#", "warning: ", "witnesses: "))]
    header, *rows = lines
    return header.split("\t"), [row.split("\t") for row in rows]


def page_of(site: Path, source: Path, speech) -> str:
    from build_tools.render.slugs import speech_slug

    return (site / f"{speech_slug(str(source), speech)}.html").read_text(encoding="utf-8")


def source_without_pinyin(speech) -> str:
    return PINYIN_RUN.sub("", speech.source)


def parse_text(text: str, path: str = "<test>") -> Collection:
    """The model of a small text written by a test."""
    return parse(text, path)


def render_text(text: str, script: str = "hant") -> str:
    """The body of the first speech of a small text, as its page shows it."""
    from build_tools.render.speech import render_speech

    return render_speech(parse_text(text).speeches[0], script).html
