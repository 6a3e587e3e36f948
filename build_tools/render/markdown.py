"""Export: one readable, editable Markdown file per speech.

The text is the Traditional source as written; a reading is written back as
``{堅|jiān}`` (the ruby notation of several Markdown dialects); Markdown syntax characters
are backslash-escaped so any renderer shows them literally. A YAML header (written by
PyYAML) records where the speech came from.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from build_tools.text.model import Blank, Collection, Heading, Paragraph, Reading, SoftBreak, Span, Speech
from build_tools.render.slugs import speech_slug

# Characters that Markdown or its common extensions would read as syntax.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~=$^])")
# A paragraph that would open a list, a quote or a numbered list.
_BLOCK_START = re.compile(r"^(\s*)([-+>]|\d+[.)])")

ARTICLE_NUMERALS = "一二三四五六七八九十"


def article_label(ordinal: int) -> str:
    """Editorial name of the n-th article of a piece: 其一, 其二 …"""
    return "其" + (ARTICLE_NUMERALS[ordinal - 1] if ordinal <= 10 else str(ordinal))


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _inline(spans: tuple[Span, ...]) -> str:
    parts = []
    for span in spans:
        if isinstance(span, Reading):
            parts.append(f"{{{_escape(span.char)}|{span.pinyin}}}")
        elif isinstance(span, SoftBreak):
            continue  # a hard wrap inside a sentence: joined
        else:
            parts.append(_escape(span.source))
    return "".join(parts).strip()


def _paragraph(spans: tuple[Span, ...]) -> str:
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _inline(spans), count=1)


def speech_markdown(speech: Speech) -> str:
    meta = {
        "title": speech.title,
        "ordinal": speech.ordinal,
        "kind": speech.kind,
        "source": speech.path,
        "lines": [speech.first_line, speech.last_line],
    }
    out = ["---", yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip(), "---", ""]
    out += ["# " + _inline(speech.header.spans), ""]
    if speech.subtitle:
        out += [_paragraph(speech.subtitle.spans), ""]
    several = len(speech.articles) > 1
    for article in speech.articles:
        if several:
            out += ["## " + article_label(article.ordinal), ""]
        for block in article.blocks:
            if isinstance(block, Heading):
                out += ["#" * min(block.level + several, 6) + " " + _inline(block.spans), ""]
            elif isinstance(block, Paragraph):
                out += [_paragraph(block.spans), ""]
            elif isinstance(block, Blank):
                continue
    return "\n".join(out).rstrip() + "\n"


def export_collection(collection: Collection, out_dir: Path) -> list[Path]:
    """Write one ``.md`` per speech into ``out_dir``; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for speech in collection.speeches:
        path = out_dir / f"{speech_slug(collection.path, speech)}.md"
        path.write_text(speech_markdown(speech), encoding="utf-8")
        written.append(path)
    return written


__all__ = ["speech_markdown", "export_collection", "article_label"]
