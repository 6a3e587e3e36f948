"""Parsing: decoded text → ``Collection``. Pure: no I/O, no conversion, no HTML.

Pipeline for one file:

1. split into lines (``\\n`` only; decoding already normalised line endings);
2. cut at ``第N篇:`` headers (``HEADER``); a file without one is a single speech whose
   first line is its title;
3. under each header, take the title lines that follow (a line repeating the title is a
   duplicate; one close to it, such as ``XXX事跡材料``, is a subtitle);
4. classify the remaining lines into headings (``HEADING_STYLES``), paragraphs and blank
   lines, joining hard-wrapped lines that stop inside a sentence;
5. split a speech whose top-level numbering restarts at one into articles, and give each
   heading style a level by the order it first appears in its article.

Every source character ends up in exactly one span or block terminator, so
``Collection.source`` equals the input (tested on the seed and with hypothesis).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from build_tools.text.headings import (
    CN_SMALL,
    HEADING_STYLES,
    RUN_IN_STYLES,
    heading_split,
    last_real_char,
    match_heading,
)
from build_tools.text.inline import parse_inline
from build_tools.text.model import (
    TITLE_MAX_CHARS,
    Article,
    Blank,
    Block,
    Collection,
    Header,
    Heading,
    Paragraph,
    ParseWarning,
    SoftBreak,
    Span,
    Speech,
    TitleLine,
    spans_visible,
)
from build_tools.text.numerals import CHINESE_NUMERAL_CHARS, parse_number

# "第一篇:全縣脫貧攻堅…講話", "第 12 篇：…": numerals of any size, ASCII or full-width colon.
HEADER = re.compile(rf"^(第\s*([{CHINESE_NUMERAL_CHARS}0-9０-９]+)\s*篇\s*[:：]\s*)")

# Characters after which a line is a finished unit (a following line is not a hard wrap).
LINE_TERMINATORS = set("。.!！?？;；:：…」』”\"'’）)】》")
MAX_TITLE_LENGTH = 50

# Speech kinds, most specific first; looked for in the title.
KINDS = ("發言材料", "事跡材料", "講話", "黨課", "報告", "發言", "致辭", "心得體會",
         "发言材料", "事迹材料", "讲话", "党课", "致辞", "心得体会")
# "黨課3篇": the number of articles the title announces.
ARTICLE_COUNT = re.compile(rf"([0-9０-９]+|[{CN_SMALL}]+)篇")
# An article of a multi-article piece opens with a dated lead or a summary sentence.
ARTICLE_OPENING = re.compile(r"^\s*(?:[0-9X*]{4}年[0-9X*]{1,2}月[0-9X*]{1,2}日|本文)")


class ParseError(Exception):
    """Input the parser cannot make a speech of; one line, ``path:line:col: message``."""

    def __init__(self, path: str, line: int, column: int, message: str):
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


@dataclass
class _Line:
    number: int
    text: str
    end: str  # "\n", or "" for a last line without one


@dataclass
class _Context:
    path: str
    warnings: list[ParseWarning] = field(default_factory=list)

    def warn(self, line: int, column: int, message: str) -> None:
        self.warnings.append(ParseWarning(self.path, line, column, message))

    def inline(self, text: str, line: int, column_offset: int = 0) -> tuple[Span, ...]:
        return parse_inline(
            text, line, lambda col, msg: self.warn(line, col, msg), column_offset
        )

    @staticmethod
    def probe(text: str, line: int) -> tuple[Span, ...]:
        """Spans for a look ahead: no warnings, since the line is parsed again for real."""
        return parse_inline(text, line, lambda col, msg: None)


def parse(text: str, path: str = "<text>") -> Collection:
    """Parse the decoded text of one source file."""
    if not text.strip():
        raise ParseError(path, 1, 1, "no text: expected at least one line of speech text")
    ctx = _Context(path)
    lines = _split_lines(text)
    starts = [i for i, line in enumerate(lines) if HEADER.match(line.text)]

    preamble: list[Block] = []
    segments: list[list[_Line]] = []
    first_content = next(i for i, line in enumerate(lines) if line.text.strip())
    if not starts or first_content < starts[0]:
        # Leading blank lines stay outside; the first text line titles a headerless speech.
        preamble = [Blank(ln.text, ln.end, ln.number) for ln in lines[:first_content]]
        segments.append(lines[first_content : starts[0] if starts else len(lines)])
    else:
        preamble = [Blank(ln.text, ln.end, ln.number) for ln in lines[: starts[0]]]
    bounds = starts + [len(lines)]
    segments += [lines[a:b] for a, b in zip(bounds, bounds[1:])]

    speeches = tuple(_parse_speech(seg, ctx) for seg in segments)
    _check_speeches(speeches, ctx)
    return Collection(path, speeches, tuple(preamble), tuple(ctx.warnings))


def _split_lines(text: str) -> list[_Line]:
    parts = text.split("\n")
    lines = [_Line(i + 1, part, "\n") for i, part in enumerate(parts)]
    last = lines[-1]
    if last.text == "":
        lines.pop()  # the text ended with "\n": no further line
    else:
        last.end = ""
    return lines


def _check_speeches(speeches: tuple[Speech, ...], ctx: _Context) -> None:
    """Warn about numbering gaps and titles too long to show whole."""
    expected = speeches[0].ordinal if speeches else 1
    for speech in speeches:
        if speech.title_is_cut:
            ctx.warn(speech.first_line, 1,
                     f"title of {len(speech.title):,} characters: navigation and page titles "
                     f"show its first {TITLE_MAX_CHARS} (the whole line stays in the text)")
        if speech.ordinal != expected:
            ctx.warn(speech.first_line, 1,
                     f"speech number {speech.ordinal} where {expected} was expected")
        expected = speech.ordinal + 1


# ------------------------------------------------------------------------------ speeches


def _normalised(spans: tuple[Span, ...]) -> str:
    return re.sub(r"\s+", "", spans_visible(spans))


def _parse_speech(lines: list[_Line], ctx: _Context) -> Speech:
    first = lines[0]
    match = HEADER.match(first.text)
    if match:
        prefix = match.group(1)
        header: Header | TitleLine = Header(
            prefix=prefix,
            number=parse_number(re.sub(r"\s", "", match.group(2))),
            spans=ctx.inline(first.text[len(prefix):], first.number, len(prefix)),
            end=first.end,
            line=first.number,
        )
        ordinal = header.number
    else:
        header = TitleLine(ctx.inline(first.text, first.number), False, first.end, first.number)
        ordinal = 1

    front, rest = _front_matter(header, lines[1:], ctx)
    kind = _kind(header.visible)
    body = _body_blocks(rest, ctx)
    articles = _split_articles(body, header, front, ctx)
    return Speech(
        ordinal=ordinal,
        header=header,
        front=front,
        articles=articles,
        kind=kind,
        path=ctx.path,
        first_line=first.number,
        last_line=lines[-1].number,
    )


def _kind(title: str) -> str | None:
    # The kind word that ends last wins; the longer one on a tie (發言材料 over 發言).
    found = [(title.rfind(k) + len(k), len(k), k) for k in KINDS if k in title]
    return max(found)[2] if found else None


def _looks_like_title(spans: tuple[Span, ...]) -> bool:
    text = spans_visible(spans).strip()
    return (
        0 < len(text) <= MAX_TITLE_LENGTH
        and not any(ch in "。;；" for ch in text)
        and text[-1] not in ":：,，"
        and match_heading(text) is None
    )


def _front_matter(
    header: Header | TitleLine, lines: list[_Line], ctx: _Context
) -> tuple[tuple[TitleLine, ...], list[_Line]]:
    """Title lines under the header: exact repeats and one close variant (a subtitle)."""
    titles = [_normalised(header.spans)]
    front: list[TitleLine] = []
    for index, line in enumerate(lines):
        if not line.text.strip():
            return tuple(front), lines[index:]
        spans = ctx.probe(line.text, line.number)
        norm = _normalised(spans)
        if norm in titles:
            front.append(TitleLine(ctx.inline(line.text, line.number), True, line.end, line.number))
        elif not front and _looks_like_title(spans) and _close_to(norm, titles[0], header):
            front.append(TitleLine(ctx.inline(line.text, line.number), False, line.end, line.number))
        else:
            return tuple(front), lines[index:]
        titles.append(norm)
    return tuple(front), []


def _close_to(candidate: str, title: str, header: Header | TitleLine) -> bool:
    kind = _kind(header.visible)
    if kind and candidate.endswith(kind) or kind and kind in candidate:
        return True
    return difflib.SequenceMatcher(None, candidate, title, autojunk=False).ratio() >= 0.5


# --------------------------------------------------------------------------------- body


@dataclass
class _RawHeading:
    style: str
    number: int
    spans: tuple[Span, ...]
    end: str
    line: int


def _body_blocks(lines: list[_Line], ctx: _Context) -> list[Block | _RawHeading]:
    blocks: list[Block | _RawHeading] = []
    pending: dict | None = None  # the paragraph being built

    def close() -> None:
        nonlocal pending
        if pending:
            blocks.append(
                Paragraph(tuple(pending["spans"]), pending["end"], pending["line"], pending["last"])
            )
        pending = None

    for line in lines:
        if not line.text.strip():
            close()
            blocks.append(Blank(line.text, line.end, line.number))
            continue
        heading = match_heading(line.text)
        last_char = last_real_char(pending["spans"]) if pending else ""
        if pending and not heading and last_char and last_char not in LINE_TERMINATORS:
            # A hard wrap inside a sentence: join, keeping the break for the source.
            pending["spans"] += [SoftBreak(line=pending["last"])]
            pending["spans"] += ctx.inline(line.text, line.number)
            pending["end"], pending["last"] = line.end, line.number
            continue
        close()
        if heading is None:
            spans = ctx.inline(line.text, line.number)
            pending = {"spans": list(spans), "end": line.end, "line": line.number,
                       "last": line.number}
            continue
        style, number, marker_end = heading
        split = heading_split(line.text, style, marker_end, ctx.probe(line.text, line.number))
        if split is None:
            spans = ctx.inline(line.text, line.number)
            blocks.append(_RawHeading(style, number, spans, line.end, line.number))
            continue
        head, rest = line.text[:split], line.text[split:]
        if style not in RUN_IN_STYLES:
            ctx.warn(line.number, split + 1,
                     f"heading {style} runs into its paragraph: split at column {split + 1}")
        blocks.append(_RawHeading(style, number, ctx.inline(head, line.number), "", line.number))
        pending = {"spans": list(ctx.inline(rest, line.number, split)), "end": line.end,
                   "line": line.number, "last": line.number}
    close()
    return blocks


# ------------------------------------------------------------------------------ articles


def _split_articles(
    body: list[Block | _RawHeading],
    header: Header | TitleLine,
    front: tuple[TitleLine, ...],
    ctx: _Context,
) -> tuple[Article, ...]:
    headings = [b for b in body if isinstance(b, _RawHeading)]
    top_style = headings[0].style if headings else None
    cuts = [0]
    last_top = 0
    for index, block in enumerate(body):
        if not isinstance(block, _RawHeading) or block.style != top_style:
            continue
        if block.number == 1 and last_top >= 2:
            cuts.append(_article_start(body, index, cuts[-1]))
        last_top = block.number
    bounds = cuts + [len(body)]
    articles = tuple(
        Article(n + 1, _assign_levels(body[a:b], ctx)) for n, (a, b) in enumerate(zip(bounds, bounds[1:]))
    )
    announced = [ARTICLE_COUNT.search(t.visible) for t in (header, *front)]
    announced_counts = {parse_number(m.group(1)) for m in announced if m}
    if announced_counts and len(articles) not in announced_counts:
        ctx.warn(header.line, 1, f"title announces {sorted(announced_counts)[0]} articles, "
                                 f"found {len(articles)}")
    return articles


def _article_start(body: list[Block | _RawHeading], restart: int, floor: int) -> int:
    """Index where the article whose numbering restarts at ``restart`` begins."""
    previous_heading = max(
        (i for i in range(floor, restart) if isinstance(body[i], _RawHeading)), default=floor
    )
    # The first paragraph after a heading belongs to that heading's section.
    candidates = [
        i for i in range(previous_heading + 1, restart)
        if isinstance(body[i], Paragraph) and ARTICLE_OPENING.match(spans_visible(body[i].spans))
    ]
    paragraphs_before = [i for i in range(previous_heading + 1, restart)
                         if isinstance(body[i], Paragraph)]
    candidates = [i for i in candidates if paragraphs_before and i != paragraphs_before[0]]
    return candidates[0] if candidates else restart


def _assign_levels(blocks: list[Block | _RawHeading], ctx: _Context) -> tuple[Block, ...]:
    ranks: dict[str, int] = {}
    counters: dict[str, int] = {}
    out: list[Block] = []
    for block in blocks:
        if not isinstance(block, _RawHeading):
            out.append(block)
            continue
        rank = ranks.setdefault(block.style, len(ranks))
        for style, other in ranks.items():
            if other > rank:
                counters.pop(style, None)
        expected = counters.get(block.style, 0) + 1
        if block.number != expected:
            ctx.warn(block.line, 1, f"numbered heading {block.number} ({block.style}) "
                                    f"where {expected} was expected: a gap in the numbering")
        counters[block.style] = block.number
        out.append(Heading(block.style, block.number, min(2 + rank, 6), block.spans,
                           block.end, block.line))
    return tuple(out)


__all__ = ["parse", "ParseError", "HEADER", "HEADING_STYLES"]
