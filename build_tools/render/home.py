"""The home page's list of speeches: ordinal, title in both scripts, kind and length."""

from __future__ import annotations

from html import escape

from build_tools.analysis import convert
from build_tools.text.model import Speech
from build_tools.render.spans import two_scripts
from build_tools.render.speech import title_html
from build_tools.analysis.stats import character_count

HEADERS = (("篇", "篇"), ("標題", "标题"), ("類型", "类型"), ("原文", "原文"),
           ("篇幅（字）", "篇幅（字）"))
ORIGIN = {"hant": ("繁體", "繁体"), "hans": ("簡體", "简体")}


def render_home(entries: list[tuple[Speech, str, str]]) -> str:
    """A table of every speech, linking to its page; ``entries`` are (speech, url, the
    script it is written in)."""
    head = "".join(f"<th>{two_scripts(hant, hans)}</th>" for hant, hans in HEADERS)
    rows = []
    for speech, url, script in entries:
        hant_title, hans_title = title_html(speech, script)
        origin = ORIGIN[script]
        kind = speech.kind or "—"
        kind_hant = kind if script == "hant" else convert.to_traditional(kind)
        articles = f"（{len(speech.articles)} 篇）" if len(speech.articles) > 1 else ""
        rows.append(
            "<tr>"
            f"<td>{speech.ordinal}</td>"
            f'<td><a href="{escape(url)}">{two_scripts(hant_title, hans_title)}</a>{articles}</td>'
            f"<td>{two_scripts(escape(kind_hant), escape(convert.to_simplified(kind)))}</td>"
            f'<td data-editorial data-search-exclude data-origin="{script}">{two_scripts(*origin)}</td>'
            f"<td>{character_count(speech):,}</td>"
            "</tr>"
        )
    return (
        '<table class="ptx-index">'
        f"<thead data-editorial data-search-exclude><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def home_header(name: str, description: str, author: str, licence: str) -> str:
    """The top of a home page the site has no ``docs/index.md`` for: the collection's name,
    description, author and licence line."""
    if author and author in licence:
        author = ""  # already in the licence line (``ptx new`` writes "author · licence")
    lines = [f"<h1>{escape(name)}</h1>"]
    lines += [f'<p class="ptx-home-{kind}">{escape(text)}</p>' for kind, text in (
        ("description", description), ("author", author), ("licence", licence)) if text]
    return "".join(lines)
