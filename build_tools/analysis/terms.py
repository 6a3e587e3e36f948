"""Search in either script from one index.

The search index holds the Simplified text only (Traditional elements carry
``data-search-exclude``): Traditional → Simplified is many-to-one, so one normalised
script serves both, keeps the index the size of a single-script site, and suits jieba,
whose dictionary is Simplified. A query typed in Traditional is converted in the browser
before it reaches the search worker, with a character table built from the corpus: only
characters that occur in the corpus can match anything, so no other entry is needed.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
import zlib
from typing import Iterable, Iterator

import jieba
import jieba.posseg as pseg

from build_tools.analysis import convert
from build_tools.analysis.corpus_stats import corpus_characters, summed_counts
from build_tools.text.han import HAN_RUN
from build_tools.text.model import Collection, Heading, Paragraph

QUERY_TABLE_ASSET = "search-table.js"

# A corpus term is two dictionary words that mostly occur together (脱贫 + 攻坚):
MIN_TERM_COUNT = 5  # occurrences in the corpus
MIN_COHESION = 0.2  # occurrences ÷ those of its rarer part
MAX_TERM_LENGTH = 6
TERM_SAMPLE_CHARACTERS = 100_000
TERM_FREQUENCY = 100_000  # high enough that jieba keeps the term whole
OVERSHADOW = 2  # a term is dropped when its second word opens one this many times as common
FUNCTION_WORD_TAGS = set("dcprum")  # jieba part-of-speech tags, first letter

jieba.setLogLevel(logging.WARNING)
# Terms are found with a tokenizer of their own: the global one learns the terms found
# (Material loads them), and must not see them when they are looked for again.
_TERM_TOKENIZER = jieba.Tokenizer()


def character_table(collections: Iterable[Collection]) -> dict[str, str]:
    """Every Traditional character of the corpus whose Simplified form differs."""
    chars = corpus_characters(collections)
    table = {}
    for ch in sorted(chars):
        simplified = convert.to_simplified(ch)
        if simplified != ch and len(simplified) == 1:
            table[ch] = simplified
    return table


def corpus_terms(collections: Iterable[Collection]) -> list[str]:
    """Frequent compounds of the corpus (脱贫攻坚, 精准扶贫), Simplified.

    jieba splits them into their parts (脱贫 / 攻坚), and Material does not segment the
    query in the browser, so without them a query for the whole term finds nothing.
    Segmenting costs as much as Material's own indexing, so a large corpus is sampled:
    one block in 2**k, chosen by a hash of its text, with k the smallest that brings the
    sample under ``TERM_SAMPLE_CHARACTERS``. Frequent terms survive sampling, and a block
    keeps its place in or out of the sample whatever else changes.
    """
    collections = list(collections)
    total = sum(len(block.visible) for collection in collections
                for block in _text_blocks(collection))
    rate = 1
    while total // rate > TERM_SAMPLE_CHARACTERS:
        rate *= 2
    words, pairs = summed_counts(collections, lambda c: _count_terms(c, rate), rate)
    candidates = {
        (a, b): count
        for (a, b), count in pairs.items()
        if count >= MIN_TERM_COUNT and count >= MIN_COHESION * min(words[a], words[b])
        and not (_function_word(a) or _function_word(b))
    }
    # 打赢 + 脱贫 is no term when 脱贫 opens a much stronger one (脱贫攻坚): keeping it
    # would cut 打赢脱贫|攻坚 and hide the real term from a search.
    opens: Counter[str] = Counter()
    for (a, _), count in candidates.items():
        opens[a] = max(opens[a], count)
    return sorted(a + b for (a, b), count in candidates.items()
                  if opens[b] <= OVERSHADOW * count)


def _text_blocks(collection: Collection) -> Iterator[Heading | Paragraph]:
    for speech in collection.speeches:
        for block in speech.blocks():
            if isinstance(block, (Heading, Paragraph)):
                yield block


def _count_terms(collection: Collection, rate: int) -> tuple[Counter, Counter]:
    """Words and adjacent word pairs of the sampled blocks of one file."""
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for block in _text_blocks(collection):
        text = block.visible
        if rate > 1 and zlib.crc32(text.encode("utf-8")) % rate:
            continue
        for run in HAN_RUN.findall(convert.to_simplified(text)):
            tokens = list(_TERM_TOKENIZER.cut(run, HMM=False))
            words.update(tokens)
            pairs.update(
                (a, b) for a, b in zip(tokens, tokens[1:])
                if len(a) >= 2 and len(b) >= 2 and len(a) + len(b) <= MAX_TERM_LENGTH
            )
    return words, pairs


def _function_word(word: str) -> bool:
    """Adverbs, pronouns, conjunctions, prepositions, particles: 就是, 这场, 以及."""
    return any(pair.flag[:1] in FUNCTION_WORD_TAGS for pair in pseg.cut(word, HMM=False))


def segment_for_search(data: str) -> str:
    """Han runs cut as jieba's search mode cuts them: a term and its parts
    (脱贫攻坚 → 脱贫, 攻坚, 脱贫攻坚), joined by U+200B as Material joins words.

    Material cuts each run into words once (jieba's accurate mode) and matches a query
    against the start of each word, so a corpus term indexed whole would hide its parts:
    攻坚 would not find a page where it only occurs inside 脱贫攻坚.
    """
    return HAN_RUN.sub(
        lambda run: "\u200b" + "\u200b".join(jieba.cut_for_search(run.group())) + "\u200b",
        data,
    ).strip("\u200b")


def already_known(dictionary: str) -> bool:
    """Whether jieba (shared by the whole process) has every entry of ``dictionary``.

    Loading a user dictionary again adds its frequencies to jieba's total again, which
    would change how the next build segments: a rebuild in the same process
    (``mkdocs serve``, tests) must not load it twice.
    """
    jieba.dt.check_initialized()
    entries = (line.rsplit(" ", 1) for line in dictionary.splitlines() if line)
    return all(jieba.dt.FREQ.get(word) == int(freq) for word, freq in entries)


def user_dictionary(collections: Iterable[Collection]) -> str:
    """A jieba user dictionary (``word frequency`` per line): the corpus's terms in
    Simplified, as indexed, and in Traditional."""
    terms = corpus_terms(collections)
    lines = sorted({term for t in terms for term in (t, convert.to_traditional(t))})
    return "".join(f"{term} {TERM_FREQUENCY}\n" for term in lines)


def table_script(table: dict[str, str]) -> str:
    """The table as a script defining ``window.ptxSearchTable`` (loaded before Material)."""
    payload = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.ptxSearchTable={payload};\n"
