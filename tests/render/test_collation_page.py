"""The collation page rendered alone (no MkDocs): hostile text in a witness stays text,
in the columns and in the apparatus, and every character of it is shown."""

from __future__ import annotations

from build_tools.analysis.collate import body_blocks, collate_witnesses
from build_tools.render.collation import Witness, render_collation
from htmltext import script_text, tags_in
from seed import parse_text
from witness_support import SHARED, WITNESSES

HOSTILE = '<img src=x onerror=alert(1)>"\'><script>alert(2)</script>&amp;'
ALLOWED_TAGS = {"article", "h1", "h2", "p", "bdi", "a", "div", "input", "label", "mark",
                "sup", "span", "section", "ul", "li", "table", "thead", "tbody", "tr", "th",
                "td"}


def test_hostile_text_in_a_witness_stays_text():
    texts = [text + SHARED for text in WITNESSES]
    texts[2] = texts[2].replace("千方百計", HOSTILE)
    speeches = parse_text("".join(texts)).speeches
    witnesses = [Witness(s, f"第{k + 1}篇", f"w{k}.html", {}) for k, s in enumerate(speeches)]
    html = render_collation(collate_witnesses(speeches), witnesses, (None, 0.9, 0.9),
                            [("TEI", "x.tei.xml")])
    tags = tags_in(html, "ptx-collation")
    assert {tag for tag, _ in tags} <= ALLOWED_TAGS
    assert not any(name.startswith("on") for _, attributes in tags for name in attributes)
    assert "<script>alert(2)" not in html and "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    # Column C shows every character of its text, the hostile run included.
    rows = html.split('<div class="ptx-collation-row">')[1:]
    column = "".join(script_text('<div class="ptx-col">' + row.split('<div class="ptx-col">')[3],
                                 "zh-Hant", "ptx-col") for row in rows)
    assert column == "".join(block.visible for block in body_blocks(speeches[2]))
    assert HOSTILE in column
