"""The markup of a speech page for small texts, against golden files
(``pytest --update-golden`` rewrites them; review the diff before committing)."""

from __future__ import annotations

import pytest

from build_tools.analysis import convert
from build_tools.render.home import render_home
from build_tools.render.markdown import speech_markdown
from htmltext import script_text, squeeze
from seed import parse_text, render_text

MARKS = "第一篇:縣裏的講話\n同志們:\n一、堅(jiān)持干部XX同志20**年\n我們?cè)谶@里開會。\n"
SIMPLIFIED = "第一篇:简体讲话\n同志们:\n我们要发展经济，头发都白了。\n"
HOSTILE = ('第一篇:<script>alert(1)</script>\n'
           '<img src=x onerror=alert(1)> {{ config }} {% include "x" %} **粗** [a](javascript:x)\n')
ARTICLES = ("第一篇:黨課3篇\n一、第一部分\n正文一。\n二、第二部分\n正文二。\n"
            "一、又一篇\n正文三。\n二、其二\n正文四。\n")


@pytest.fixture(autouse=True)
def no_rules():
    previous = convert.current()
    convert.configure(())
    yield
    convert.configure(previous.rules, previous.standard)


@pytest.mark.parametrize("name, text, script", [
    ("marks", MARKS, "hant"),
    ("simplified", SIMPLIFIED, "hans"),
    ("hostile", HOSTILE, "hant"),
    ("articles", ARTICLES, "hant"),
])
def test_speech_markup(golden, name, text, script):
    golden(f"speech-{name}.html", render_text(text, script) + "\n")


def test_every_character_of_the_source_is_in_its_column():
    for text, script, lang in ((MARKS, "hant", "zh-Hant"), (SIMPLIFIED, "hans", "zh-Hans")):
        html = render_text(text, script)
        source = parse_text(text).speeches[0]
        visible = source.header.prefix + "".join(span.visible for span in source.spans())
        assert squeeze(script_text(html, lang)) == squeeze(visible)


def test_hostile_text_is_only_text():
    html = render_text(HOSTILE)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ config }}" in html and "{% include &quot;x&quot; %}" in html  # no template
    assert "<strong>" not in html and "[a](javascript:x)" in html  # no Markdown, no link


def test_home_table_markup(golden):
    collection = parse_text(MARKS + "第二篇:第二篇講話\n正文。\n")
    rows = [(speech, f"page-{speech.ordinal}.html", "hant") for speech in collection.speeches]
    golden("home-table.html", render_home(rows) + "\n")


def test_markdown_export(golden):
    golden("export-marks.md", speech_markdown(parse_text(MARKS).speeches[0]))
