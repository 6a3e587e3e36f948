"""Reading built HTML back: the text of one script, and every tag and attribute used."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# Text a reader does not read as the source: pinyin and its brackets.
SKIPPED_TAGS = {"rt", "rp", "script", "style"}
# End tags a page leaves out, as HTML allows: an <rt> or <rp> inside a <ruby> ends where
# the next one starts (and at the end of the ruby, which an end tag closing every element
# still open inside it already handles). A parser keeping a stack of open elements must
# close them itself, as a browser does, or it would nest the readings in one another.
IMPLIED_END = {"rt": {"rt", "rp"}, "rp": {"rt", "rp"}}


def close_implied(stack: list, tag: str) -> None:
    """Pop from ``stack`` (entries with the tag name first) the elements that the start
    tag ``tag`` ends without an end tag of theirs."""
    ends = IMPLIED_END.get(tag)
    if not ends or not any(entry[0] == "ruby" for entry in stack):
        return
    while stack and stack[-1][0] in ends:
        stack.pop()


class ScriptText(HTMLParser):
    """Collects the text of the outermost elements with ``lang=lang`` inside the element
    with class ``root_class``, leaving out ``<rt>``, ``<rp>`` and ``data-editorial``."""

    def __init__(self, lang: str, root_class: str = "ptx-speech"):
        super().__init__(convert_charrefs=True)
        self.lang, self.root_class = lang, root_class
        self.stack: list[tuple[str, bool, bool, bool]] = []  # tag, in_root, in_lang, skip
        self.chunks: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        close_implied(self.stack, tag)
        attributes = dict(attrs)
        in_root, in_lang, skip = self.stack[-1][1:] if self.stack else (False, False, False)
        if self.root_class in (attributes.get("class") or "").split():
            in_root = True
        if in_root:
            self.tags.append((tag, attributes))
            if attributes.get("lang") == self.lang:
                in_lang = True
            if tag in SKIPPED_TAGS or "data-editorial" in attributes:
                skip = True
        if tag not in VOID:
            self.stack.append((tag, in_root, in_lang, skip))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack:
            _, in_root, in_lang, skip = self.stack[-1]
            if in_root and in_lang and not skip:
                self.chunks.append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)


def script_text(html: str, lang: str, root_class: str = "ptx-speech") -> str:
    parser = ScriptText(lang, root_class)
    parser.feed(html)
    return parser.text


def tags_in(html: str, root_class: str = "ptx-speech") -> list[tuple[str, dict]]:
    parser = ScriptText("-", root_class)
    parser.feed(html)
    return parser.tags


def squeeze(text: str) -> str:
    """Whitespace removed, as the fidelity comparison asks."""
    return "".join(text.split())
