"""Synthetic corpora for the benchmark: deterministic variants of the seed collection.

Copy 0 is the seed itself. Copy ``k > 0`` is the seed with its body text enciphered by a
substitution of Han characters drawn with ``random.Random(k)``, and ``（k）`` appended to
each speech's title and to the title lines that repeat it. Lines stay where they are.

Why a cipher rather than a few replaced characters: the plugin looks for *witnesses*
(speeches that are versions of one text, ``build_tools.analysis.collate``). Copies that differ in a
few characters are all witnesses of one another, which no real corpus looks like, and the
exact comparison of every such pair (about a second each) would swamp the build: 100
copies make tens of thousands of pairs. Enciphered copies are unrelated texts to the
detector, while inside each copy the seed's own pair (第一篇 / 第二篇, ratio 0.927) stays a
pair, enciphered alike. So a copy behaves like another collection of five speeches.

The substitution keeps the text statistics the build depends on:

- characters are permuted only within buckets of ``BUCKET`` characters of similar
  frequency (in the seed's body text), so the character distribution stays the seed's;
- and only within one conversion class: whether ``t2s`` changes the character, and whether
  the standard-form round trip (``convert.to_standard``) does, so OpenCC changes the same
  share of characters and about as many non-standard forms are found;
- characters carrying a reading (``堅(jiān)``) are left as they are, so each reading
  still belongs to its character and the pinyin table keeps the seed's size;
- numerals and the characters that carry structure (第 篇 年 月 日 本 文) are never
  changed, nor the title lines, so headers, headings, article openings and placeholders
  parse exactly as in the seed (``write_corpus`` checks it).

What it does not keep: words. jieba finds fewer dictionary words in enciphered text, and
OpenCC fewer phrases; so the benchmark weighs pages on the seed's own speeches (copy 0).
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path

from build_tools.analysis import convert
from build_tools.text.inline import is_han
from build_tools.text.model import Heading, Paragraph
from build_tools.text.numerals import CHINESE_NUMERAL_CHARS
from build_tools.text.parse import parse

BUCKET = 12
PROTECTED = set(CHINESE_NUMERAL_CHARS) | set("第篇年月日本文")
SPEECHES_PER_FILE = 5


def _title_lines(text: str) -> set[int]:
    """Line numbers (1-based) of the speech headers and the title lines under them."""
    lines = set()
    for speech in parse(text, "<seed>").speeches:
        lines.add(speech.header.line)
        lines.update(title.line for title in speech.front)
    return lines


def _shape(text: str) -> list[tuple]:
    """What must not change between the seed and a copy: the structure of each speech."""
    return [
        (speech.ordinal, len(speech.front), len(speech.articles),
         tuple(type(b).__name__ + (f"{b.level}" if isinstance(b, Heading) else "")
               for b in speech.blocks() if isinstance(b, (Heading, Paragraph))))
        for speech in parse(text, "<copy>").speeches
    ]


def _cipherable(line: str):
    """Positions of the characters a copy may replace: Han, not protected, no reading."""
    for i, ch in enumerate(line):
        if is_han(ch) and ch not in PROTECTED and not line.startswith("(", i + 1):
            yield i


class SeedVariants:
    """Makes copy ``k`` of the seed text; the seed is analysed once."""

    def __init__(self, seed_text: str):
        self.seed = seed_text
        self.lines = seed_text.split("\n")
        self.titles = _title_lines(seed_text)
        counts: Counter[str] = Counter(
            line[i]
            for number, line in enumerate(self.lines, 1)
            if number not in self.titles
            for i in _cipherable(line)
        )
        classes: dict[tuple[bool, bool], list[str]] = {}
        for ch in counts:
            key = (convert.to_simplified(ch) != ch, convert.to_standard(ch) != ch)
            classes.setdefault(key, []).append(ch)
        self.buckets = []
        for chars in classes.values():
            chars.sort(key=lambda c: (-counts[c], c))
            self.buckets += [chars[i : i + BUCKET] for i in range(0, len(chars), BUCKET)]
        self.shape = _shape(seed_text)

    def mapping(self, k: int) -> dict[str, str]:
        rng = random.Random(k)
        table = {}
        for bucket in self.buckets:
            shuffled = list(bucket)
            rng.shuffle(shuffled)
            table.update(zip(bucket, shuffled))
        return table

    def variant(self, k: int) -> str:
        if k == 0:
            return self.seed
        table = self.mapping(k)
        suffix = f"（{k}）"
        out = []
        for number, line in enumerate(self.lines, 1):
            if number in self.titles:
                out.append(line.rstrip() + suffix)
                continue
            chars = list(line)
            for i in _cipherable(line):
                chars[i] = table.get(chars[i], chars[i])
            out.append("".join(chars))
        return "\n".join(out)


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
    variants = SeedVariants(seed.read_bytes().decode("utf-8"))
    paths = []
    for k in range(copies):
        path = out_dir / f"{k:03d}_bench.txt"
        text = variants.variant(k)
        if check and k and _shape(text) != variants.shape:
            raise RuntimeError(f"{path}: copy {k} does not parse into the seed's structure")
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths
