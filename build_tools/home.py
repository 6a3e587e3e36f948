"""The home page's list of speeches: ordinal, title in both scripts, kind and length."""

from __future__ import annotations

from html import escape

from . import convert
from .model import Speech
from .render import HANS, HANT, title_html
from .stats import SpeechStats, speech_stats_of

HEADERS = (("篇", "篇"), ("標題", "标题"), ("類型", "类型"), ("篇幅（字）", "篇幅（字）"))


def _both(hant: str, hans: str) -> str:
    return (f'<span class="ptx-hant" lang="{HANT}">{hant}</span>'
            f'<span class="ptx-hans" lang="{HANS}">{hans}</span>')


def render_home(entries: list[tuple[Speech, str]]) -> str:
    """A table of every speech, linking to its page; ``entries`` are (speech, url)."""
    head = "".join(f"<th>{_both(hant, hans)}</th>" for hant, hans in HEADERS)
    rows = []
    for speech, url in entries:
        stats: SpeechStats = speech_stats_of(speech)
        hant_title, hans_title = title_html(speech)
        kind = speech.kind or "—"
        articles = f"（{stats.articles} 篇）" if stats.articles > 1 else ""
        rows.append(
            "<tr>"
            f"<td>{speech.ordinal}</td>"
            f'<td><a href="{escape(url)}">{_both(hant_title, hans_title)}</a>{articles}</td>'
            f"<td>{_both(escape(kind), escape(convert.to_simplified(kind)))}</td>"
            f"<td>{stats.characters:,}</td>"
            "</tr>"
        )
    return (
        '<table class="ptx-index">'
        f"<thead data-editorial><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
