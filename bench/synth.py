"""Synthetic corpora for the benchmark: deterministic variants of the seed collection.

Copy 0 is the seed itself. Copy ``k > 0`` is the seed with, in every speech:

- the paragraph lines shuffled (``random.Random(k)``) within each run between fixed lines;
  fixed lines (the ``第N篇:`` header, the title lines under it, numbered headings, blank
  lines) stay where they are, so the structure and the heading numbering parse as before;
- about ``REPLACE_RATE`` of the Han characters of those paragraph lines replaced by Han
  characters drawn from the seed's own paragraph text (so the character distribution,
  and the share of characters OpenCC has to change, stays that of the seed). Numerals and
  the characters that carry structure (第 篇 年 月 日 本 文) are never replaced nor
  inserted, so no line can turn into a header, heading or article opening;
- the copy number appended to the title and to the title lines that repeat it.

Replacing one Han character by another keeps readings (``堅(jiān)``), placeholders and
damaged runs as they are: the inline parser only distinguishes Han from non-Han there.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from build_tools.model import Blank, Heading, Paragraph
from build_tools.numerals import CHINESE_NUMERAL_CHARS
from build_tools.inline import is_han
from build_tools.parse import parse

REPLACE_RATE = 0.05
PROTECTED = set(CHINESE_NUMERAL_CHARS) | set("第篇年月日本文")
SPEECHES_PER_FILE = 5


def _line_roles(text: str) -> tuple[dict[int, str], list[tuple[int, int]]]:
    """Role of each fixed line (1-based) and the (first, last) line of each speech."""
    collection = parse(text, "<seed>")
    roles: dict[int, str] = {}
    bounds = []
    for block in collection.preamble:
        roles[block.line] = "fixed"
    for speech in collection.speeches:
        bounds.append((speech.first_line, speech.last_line))
        roles[speech.header.line] = "title"
        for title in speech.front:
            roles[title.line] = "title"
        for block in speech.blocks():
            if isinstance(block, (Heading, Blank)):
                roles[block.line] = "fixed"
    return roles, bounds


class SeedVariants:
    """Makes copy ``k`` of the seed text; the seed is parsed once."""

    def __init__(self, seed_text: str):
        self.seed = seed_text
        self.lines = seed_text.split("\n")
        self.roles, self.bounds = _line_roles(seed_text)
        self.pool = [
            ch
            for number, line in enumerate(self.lines, 1)
            if number not in self.roles
            for ch in line
            if is_han(ch) and ch not in PROTECTED
        ]

    def variant(self, k: int) -> str:
        if k == 0:
            return self.seed
        rng = random.Random(k)
        lines = list(self.lines)
        suffix = f"（{k}）"
        for first, last in self.bounds:
            run: list[int] = []
            for number in range(first, last + 2):  # one past the end closes the last run
                role = self.roles.get(number) if number <= last else "end"
                if role is None:
                    run.append(number)
                    continue
                if run:
                    texts = [self._vary(lines[n - 1], rng) for n in run]
                    rng.shuffle(texts)
                    for n, text in zip(run, texts):
                        lines[n - 1] = text
                    run = []
                if role == "title":
                    lines[number - 1] = lines[number - 1].rstrip() + suffix
        return "\n".join(lines)

    def _vary(self, line: str, rng: random.Random) -> str:
        chars = list(line)
        for i, ch in enumerate(chars):
            if is_han(ch) and ch not in PROTECTED and rng.random() < REPLACE_RATE:
                chars[i] = rng.choice(self.pool)
        return "".join(chars)


def write_corpus(seed: Path, out_dir: Path, copies: int, check: bool = True) -> list[Path]:
    """``copies`` source files of five speeches each in ``out_dir`` (emptied first).

    Other files beside the seed (such as the corpus's ``conversions.yml``) are copied too:
    they belong to the corpus.
    """
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    for extra in seed.parent.iterdir():
        if extra.is_file() and extra.suffix != ".txt":
            shutil.copy(extra, out_dir / extra.name)
    seed_text = seed.read_bytes().decode("utf-8")
    variants = SeedVariants(seed_text)
    expected = len(variants.bounds)
    paths = []
    for k in range(copies):
        path = out_dir / f"{k:03d}_bench.txt"
        text = variants.variant(k)
        if check:
            speeches = parse(text, str(path)).speeches
            if len(speeches) != expected:
                raise RuntimeError(f"{path}: variant parses to {len(speeches)} speeches, "
                                   f"expected {expected}")
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths
