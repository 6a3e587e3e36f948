"""The apparatus (用字說明) closing a speech: counts of each mark and every non-standard
form, each linking to its first occurrence, in both scripts."""

from __future__ import annotations

from html import escape
from typing import Callable

from build_tools.analysis import convert
from build_tools.render.spans import EDITORIAL, Annotations, FirstSeen, two_scripts

APPARATUS_TITLE = "用字說明"
COUNT_LABELS = (
    ("readings", "reading", "原文注音"),
    ("redactions", "redaction", "隱去的文字（佔位符）"),
    ("damaged", "damage", "損壞的文字（亂碼）"),
)


def _same(text: str) -> str:
    return text


def render_apparatus(annotations: Annotations, first: FirstSeen) -> str:
    """The closing note on the text: counts of each mark and every non-standard form,
    each linking to its first occurrence, in both scripts (the Simplified list links to
    the paragraph holding it, since the marked Traditional text may be hidden)."""

    def items(to: Callable[[str], str]) -> str:
        targets = first.ids if to is _same else first.blocks

        def link(key: str, label: str) -> str:
            anchor = targets.get(key)
            return f'<a href="#{anchor}">{label}</a>' if anchor else label

        rows = []
        for attr, key, label in COUNT_LABELS:
            count = getattr(annotations, attr)
            rows.append(f"<li>{link(key, escape(to(label)))}：{count}</li>")
        if annotations.forms:
            forms = "".join(
                f"<li>{link(f'form:{form}:{std}', escape(form))} → {escape(std)}"
                f"（{count}）</li>"
                for form, std, count in annotations.forms
            )
            heading = escape(to(f"非標準字形：{len(annotations.forms)} 種，"
                                f"{annotations.form_count} 處"))
            rows.append(f"<li>{heading}<ul>{forms}</ul></li>")
        if annotations.choices:
            rows.append(_choices(annotations, link, to))
        return "<ul>" + "".join(rows) + "</ul>"

    hant = items(_same)
    hans = items(convert.to_simplified)
    title = two_scripts(APPARATUS_TITLE, convert.to_simplified(APPARATUS_TITLE))
    return (f'<section class="ptx-apparatus" {EDITORIAL}>'
            f'<h2 class="ptx-apparatus-title">{title}</h2>'
            f"{two_scripts(hant, hans, 'div')}</section>")


def _choices(annotations: Annotations, link, to: Callable[[str], str]) -> str:
    """The converter's choices for Simplified characters standing for several Traditional
    ones: each with what it chose, how often, and the other candidates."""
    items = "".join(
        f"<li>{link(f'choice:{simplified}:{chosen}', escape(simplified))} → {escape(chosen)}"
        f"（{count}；{escape(to('也可作'))} {escape(others)}）</li>"
        for simplified, chosen, others, count in annotations.choices
    )
    total = sum(count for *_, count in annotations.choices)
    heading = escape(to(f"一簡對多繁，轉換時所選：{len(annotations.choices)} 種，{total} 處"
                        "（可在 conversions.yml 中指定）"))
    return f"<li>{heading}<ul>{items}</ul></li>"
