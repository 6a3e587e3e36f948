"""The document model: what a raw speech collection *is*, independent of how it is shown.

Every node is a frozen dataclass. Inline spans and blocks keep the exact source text they
came from, so ``Collection.source`` rebuilds the decoded input character for character.
Source positions (``line``) are kept on every block and span but left out of equality, so
two parses of the same text in different files compare equal.

Shape::

    Collection (one source file)
      └─ Speech (第N篇 …)
           ├─ header: Header | TitleLine      the line that names the speech
           ├─ front: TitleLine…               repeated or secondary title lines
           └─ articles: Article…              usually one; 黨課3篇 holds three
                └─ blocks: Heading | Paragraph | Blank
                     └─ spans: Text | Reading | Redaction | Damage | SoftBreak
"""

from __future__ import annotations

import re
from functools import cached_property
from dataclasses import dataclass, field
from typing import Iterator, Union

# A parenthesised pinyin syllable, e.g. "(jiān)" or "(lǜ)"; it needs a vowel (or is a
# syllabic nasal), which keeps "(GDP)" out. Defined here because the parser and the
# visible-text helpers must agree on it.
PINYIN_LETTERS = "a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜńňǹḿ"
_PINYIN_VOWELS = "aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_RUN = re.compile(
    rf"\((?=[^)]*[{_PINYIN_VOWELS}]|(?:ng|ňg|ńg|ǹg|n|ń|ň|ǹ|m|ḿ|hm)\))([{PINYIN_LETTERS}]{{1,7}})\)"
)


# --------------------------------------------------------------------------- inline spans


@dataclass(frozen=True)
class Text:
    """Plain source text, shown as is."""

    text: str
    line: int = field(default=0, compare=False)

    @property
    def source(self) -> str:
        return self.text

    @property
    def visible(self) -> str:
        return self.text


@dataclass(frozen=True)
class Reading:
    """A Han character followed in the source by its pinyin: ``堅(jiān)``."""

    char: str
    pinyin: str
    line: int = field(default=0, compare=False)

    @property
    def source(self) -> str:
        return f"{self.char}({self.pinyin})"

    @property
    def visible(self) -> str:
        return self.char


@dataclass(frozen=True)
class Redaction:
    """A placeholder standing for withheld text: ``X``, ``XX``, ``X.X``, ``**.*``, ``20**年*月*日``.

    ``pinyin`` is a reading the source kept after the placeholder (``X(qián)``), evidence of
    the character that was withheld.
    """

    text: str
    pinyin: str | None = None
    line: int = field(default=0, compare=False)

    @property
    def source(self) -> str:
        return self.text if self.pinyin is None else f"{self.text}({self.pinyin})"

    @property
    def visible(self) -> str:
        return self.text


@dataclass(frozen=True)
class Damage:
    """Text garbled on its way into the source (GBK mojibake such as ``?cè)谶@``).

    ``text`` is the raw source run, pinyin included; ``evidence`` lists the readings found
    inside it (``?,F(xiàn)`` → ``("xiàn",)``): each one a character that was lost.
    """

    text: str
    line: int = field(default=0, compare=False)

    @property
    def source(self) -> str:
        return self.text

    @property
    def visible(self) -> str:
        return PINYIN_RUN.sub("", self.text)

    @property
    def evidence(self) -> tuple[str, ...]:
        return tuple(m.group(1) for m in PINYIN_RUN.finditer(self.text))


@dataclass(frozen=True)
class SoftBreak:
    """A line break inside a sentence (a hard wrap): kept for the source, never shown."""

    line: int = field(default=0, compare=False)

    @property
    def source(self) -> str:
        return "\n"

    @property
    def visible(self) -> str:
        return ""


Span = Union[Text, Reading, Redaction, Damage, SoftBreak]


def spans_source(spans: tuple[Span, ...]) -> str:
    return "".join(span.source for span in spans)


def spans_visible(spans: tuple[Span, ...]) -> str:
    return "".join(span.visible for span in spans)


# --------------------------------------------------------------------------------- blocks


class LineOfSpans:
    """A block that is a run of spans and its line end (``spans`` and ``end`` fields)."""

    spans: tuple[Span, ...]
    end: str

    @property
    def source(self) -> str:
        return spans_source(self.spans) + self.end

    @property
    def visible(self) -> str:
        return spans_visible(self.spans)


@dataclass(frozen=True)
class Header(LineOfSpans):
    """The line that opens a speech: ``第一篇:`` + title."""

    prefix: str  # "第一篇:" exactly as written, colon and spaces included
    number: int
    spans: tuple[Span, ...]
    end: str = "\n"
    line: int = field(default=0, compare=False)

    @property
    def source(self) -> str:
        return self.prefix + spans_source(self.spans) + self.end


@dataclass(frozen=True)
class TitleLine(LineOfSpans):
    """A title line under the header; ``duplicate`` when it only repeats an earlier title."""

    spans: tuple[Span, ...]
    duplicate: bool
    end: str = "\n"
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Heading(LineOfSpans):
    """A numbered heading such as ``一、``, ``1、``, ``（一）``, ``第一,`` or ``第 1,``.

    ``style`` names the numbering style; ``level`` is 2 for the first style met in an
    article, 3 for the next, and so on. ``end`` is ``""`` when the paragraph runs on in the
    same source line.
    """

    style: str
    number: int
    level: int
    spans: tuple[Span, ...]
    end: str = "\n"
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Paragraph(LineOfSpans):
    """Running text; may span several source lines joined by ``SoftBreak``."""

    spans: tuple[Span, ...]
    end: str = "\n"
    line: int = field(default=0, compare=False)
    last_line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Blank:
    """An empty or whitespace-only line."""

    text: str = ""
    end: str = "\n"
    line: int = field(default=0, compare=False)

    @property
    def source(self) -> str:
        return self.text + self.end

    @property
    def visible(self) -> str:
        return ""


Block = Union[Header, TitleLine, Heading, Paragraph, Blank]


# ----------------------------------------------------------------------------- structure


@dataclass(frozen=True)
class Article:
    """One article of a speech; a 黨課3篇 piece holds three, every other speech one."""

    ordinal: int
    blocks: tuple[Block, ...]

    @property
    def source(self) -> str:
        return "".join(block.source for block in self.blocks)

    @property
    def line(self) -> int:
        return next((b.line for b in self.blocks if not isinstance(b, Blank)), 0)


# A title longer than this is cut for navigation, the window title and lists (the full line
# stays in the text): a pasted paragraph as a title would weigh on every page's navigation.
TITLE_MAX_CHARS = 60
ELLIPSIS = "…"


def short_title(title: str) -> str:
    """``title`` cut to ``TITLE_MAX_CHARS`` with an ellipsis when it is longer."""
    return title if len(title) <= TITLE_MAX_CHARS else title[:TITLE_MAX_CHARS] + ELLIPSIS


@dataclass(frozen=True)
class Speech:
    """One piece of the collection, from its ``第N篇`` header to the next."""

    ordinal: int
    header: Header | TitleLine
    front: tuple[TitleLine, ...]
    articles: tuple[Article, ...]
    kind: str | None
    path: str = field(default="", compare=False)
    first_line: int = field(default=0, compare=False)
    last_line: int = field(default=0, compare=False)

    @property
    def title(self) -> str:
        """The title as a reader sees it (pinyin left out)."""
        return self.header.visible.strip()

    @property
    def short_title(self) -> str:
        """The title for navigation, window titles and lists (see ``TITLE_MAX_CHARS``)."""
        return short_title(self.title)

    @property
    def title_is_cut(self) -> bool:
        return len(self.title) > TITLE_MAX_CHARS

    @property
    def title_spans(self) -> tuple[Span, ...]:
        return self.header.spans

    @property
    def subtitle(self) -> TitleLine | None:
        """A secondary title line that is not a mere repeat (第四篇's ``XXX事跡材料``)."""
        return next((t for t in self.front if not t.duplicate), None)

    @cached_property  # keys of the caches and of a dirty rebuild: asked for often
    def source(self) -> str:
        return (
            self.header.source
            + "".join(t.source for t in self.front)
            + "".join(a.source for a in self.articles)
        )

    def blocks(self) -> Iterator[Block]:
        for article in self.articles:
            yield from article.blocks

    def spans(self) -> Iterator[Span]:
        """Every inline span of the speech, title lines included, in source order."""
        yield from self.header.spans
        for title in self.front:
            yield from title.spans
        for block in self.blocks():
            yield from getattr(block, "spans", ())


@dataclass(frozen=True)
class ParseWarning:
    """Something the parser had to guess; shown as ``path:line:col: message``."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True)
class Collection:
    """All speeches of one source file, plus what the parser had to guess about them."""

    path: str
    speeches: tuple[Speech, ...]
    preamble: tuple[Block, ...] = ()
    warnings: tuple[ParseWarning, ...] = field(default=(), compare=False)
    # The codec the file's bytes were decoded with; not content, so left out of equality.
    encoding: str = field(default="utf-8", compare=False)

    @cached_property
    def source(self) -> str:
        return "".join(b.source for b in self.preamble) + "".join(
            s.source for s in self.speeches
        )

    @cached_property
    def characters(self) -> frozenset[str]:
        """Every character a reader sees in the collection (pinyin left out); computed once
        per collection, which the parse cache keeps while its file is unchanged."""
        return frozenset(
            ch for speech in self.speeches for span in speech.spans() for ch in span.visible)


def collection_characters(collection: Collection) -> frozenset[str]:
    """Every character a reader sees in a collection (pinyin left out)."""
    return collection.characters
