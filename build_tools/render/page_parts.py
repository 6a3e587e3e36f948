"""What goes around a rendered speech on its page: the note on its other versions and
the editor's introduction, each in its place under the title."""

from __future__ import annotations

import re

COMMENT = re.compile(r"<!--.*?-->", re.S)  # <!-- 本篇的導言 … -->


def under_title(html: str, addition: str, after_origin: bool = False) -> str:
    """``addition`` right under the speech's title (the versions of it), or under the note
    on its source script that follows the title (the editor's introduction)."""
    if not addition:
        return html
    end = html.index("</h1>") + len("</h1>")
    if after_origin:
        end = html.index("</p>", html.index('<p class="ptx-origin"', end)) + len("</p>")
    return html[:end] + addition + html[end:]


def introduction(html: str) -> str:
    """The editor's introduction (``docs/<page>.md`` rendered by MkDocs), marked as the
    editor's; nothing when it holds only comments."""
    if not COMMENT.sub("", html).strip():
        return ""
    return ('<section class="ptx-intro" data-editorial aria-label="編者按">'
            f"{html}</section>")
