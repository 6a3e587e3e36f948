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
        "generator": GENERATOR,
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


GENERATOR = "ptx export"
INTRO_STUB = ("<!-- 本篇的導言（編者按）：用 Markdown 寫在這個註釋之後，網站上顯示在講話正文之前，"
              "標為編者所加。這個註釋本身不顯示；刪去本文件即無導言。 -->\n")


def intro_stub() -> str:
    """An editor's introduction to a speech, empty but for the comment saying what it is."""
    return INTRO_STUB


def exported_files(collection: Collection, out_dir: Path, stubs: bool = False) -> dict[Path, str]:
    """What ``export`` writes for a collection: one ``.md`` per speech (named like its page),
    the speech as Markdown, or with ``stubs`` an introduction to write beside it."""
    return {out_dir / f"{speech_slug(collection.path, speech)}.md":
            intro_stub() if stubs else speech_markdown(speech)
            for speech in collection.speeches}


def is_exported(path: Path) -> bool:
    """Whether ``path`` is a file ``export`` wrote (its front matter names the generator)."""
    try:
        head = path.read_text(encoding="utf-8")[:2000]
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith("---\n") and f"\ngenerator: {GENERATOR}\n" in head


__all__ = ["speech_markdown", "exported_files", "intro_stub", "is_exported", "article_label"]
