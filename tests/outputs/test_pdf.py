"""The PDF (`make pdf`): the whole collection printed from the book page by Chromium.

The PDF is made once for the module from the seed source, through ``build_pdf`` (what
`make pdf` runs: ``python -m build_tools pdf``), with the session's browser. Its text is
read back with poppler's ``pdftotext -raw`` (the content-stream order, which for a
Chromium PDF is the reading order, columns included), its facts with ``pdfinfo`` and
``pdffonts``, whose warnings (on stderr) are kept to be checked too, and its outline with
pikepdf (the finished PDF keeps its objects in compressed object streams). It is built
with a fixed ``SOURCE_DATE_EPOCH``; one more build of the same input must give the same
bytes.

What is compared is normalised: whitespace removed, and the editorial notes the print
stylesheet puts after their marks in 〔…〕 (placeholders, damage, standard forms) removed,
which leaves the source's visible text (the seed itself has no 〔 or 〕).

The page count cannot be known before layout, so the test derives what layout fixes:
each page's footer says ``k / N``, and N must be pdfinfo's page count on every page;
page 1 is the cover alone, the contents start on page 2, each speech starts a page of
its own, in order; so N ≥ 2 + the number of speeches, and the last page has text of its
own besides the footer (no blank trailing page).
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from urllib.parse import quote

import pytest

from browser_support import SEED
from build_tools.analysis import convert
from build_tools.text.corpus import load_collection
from build_tools.text.model import Paragraph, Speech
from build_tools.outputs.pdf import (DEFAULT_EPOCH, PdfError, build_pdf, page_count,
                                     pdf_date, source_date)
from build_tools.outputs.pdf_fonts import (book_characters, cff_to_truetype, face_index,
                                           find_system_font, subset_face)
from build_tools.mkdocs_plugin.navigation import nav_label
from build_tools.render.book import PDF_NAME_LIMIT, Cover, book_id, prefix_ids, render_book
from build_tools.render.speech import render_speech
from build_tools.analysis.rules import load_rules, rules_beside
from output_support import PRINT_CONFIG, require_poppler

SITE_NAME = "脫貧攻堅講話選集"
NOTE = re.compile(r"〔[^〔〕]*〕")
FOOTER = re.compile(r"(\d+)\s*/\s*(\d+)\s*$")
HEADING = re.compile(r"<h[1-6][\s>]")
EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC
MAX_BYTES = 3_000_000  # the seed's book: 2.5 MB; 7.7 MB with Type 3 fonts
PHRASE = "脫貧攻堅"  # in the seed's titles and text


def normalise(text: str) -> str:
    return NOTE.sub("", re.sub(r"\s+", "", text))


def first_sentence(speech: Speech) -> str:
    """The visible text of the speech's first paragraph up to its first 。 (all of it
    when it has none)."""
    paragraph = next(b for b in speech.blocks() if isinstance(b, Paragraph))
    text = paragraph.visible
    return text[: text.index("。") + 1] if "。" in text else text


def first_full_sentence(speech: Speech) -> str:
    """The first sentence ending in 。: the first paragraphs of 第一篇 and 第二篇 are a
    lone damaged ``?`` and ``同志們:``, too short to show much."""
    for block in speech.blocks():
        if isinstance(block, Paragraph) and "。" in block.visible:
            return block.visible[: block.visible.index("。") + 1]
    raise AssertionError(f"no sentence in speech {speech.ordinal}")


@pytest.fixture(scope="module")
def speeches():
    """The seed's speeches, with its conversion rules in force (as in the build)."""
    previous = convert.current().rules
    convert.configure(load_rules(rules_beside([SEED])))
    yield list(load_collection(SEED).speeches)
    convert.configure(previous)


@dataclass
class Book:
    path: Path
    pages: list[str]  # text of each page, pdftotext -raw
    info: dict[str, str]  # pdfinfo -isodates
    fonts: list[dict[str, str]]  # pdffonts, a row per font
    stderr: dict[str, str]  # what each poppler tool printed on stderr
    report: object


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def run_both(*command: str) -> tuple[str, str]:
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return done.stdout, done.stderr


def font_rows(listing: str) -> list[dict[str, str]]:
    """pdffonts' table, by its columns: the name has no spaces, the type may have."""
    rows = []
    for line in listing.splitlines()[2:]:
        name, rest = line.split(None, 1)
        kind, encoding, emb, sub, uni, _number, _generation = rest.rsplit(None, 6)
        rows.append({"name": name, "type": kind, "encoding": encoding, "emb": emb,
                     "sub": sub, "uni": uni})
    return rows


def build_book(browser, out: Path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        return build_pdf(out, str(PRINT_CONFIG), [str(SEED)], browser=browser)


@pytest.fixture(scope="module")
def book(browser, tmp_path_factory) -> Book:
    require_poppler()
    out = tmp_path_factory.mktemp("pdf") / "speeches.pdf"
    summary, report = build_book(browser, out)
    assert summary.startswith(f"wrote {out}: ")
    text, text_err = run_both("pdftotext", "-raw", "-enc", "UTF-8", str(out), "-")
    pages = text.split("\f")
    assert pages[-1].strip() == ""  # pdftotext ends every page with a form feed
    listing, info_err = run_both("pdfinfo", "-isodates", str(out))
    info = dict(line.split(":", 1) for line in listing.splitlines() if ":" in line)
    fonts, fonts_err = run_both("pdffonts", str(out))
    return Book(out, pages[:-1], {k.strip(): v.strip() for k, v in info.items()},
                font_rows(fonts), {"pdftotext": text_err, "pdfinfo": info_err,
                                   "pdffonts": fonts_err}, report)


# ------------------------------------------------------------------ without a browser


def test_prefix_ids_renames_ids_and_in_page_links_only():
    html = '<h2 id="a">x</h2><a href="#a">id=&quot;b&quot;</a><a href="p.html#c">y</a>'
    assert prefix_ids(html, "s2-") == (
        '<h2 id="s2-a">x</h2><a href="#s2-a">id=&quot;b&quot;</a><a href="p.html#c">y</a>')


LONG_ID = "全縣脫貧攻堅決戰決勝誓師大會領導講話"  # 18 characters: 162 bytes percent-encoded


def test_book_id_keeps_ids_that_fit_a_pdf_name_and_cuts_longer_ones():
    assert book_id("s2-", "first-reading") == "s2-first-reading"
    cut = book_id("s1-", LONG_ID)
    assert len(quote("s1-" + LONG_ID, safe="")) > PDF_NAME_LIMIT
    assert len(quote(cut, safe="")) <= PDF_NAME_LIMIT
    head, digest = cut.rsplit("-", 1)
    assert re.fullmatch(r"[0-9a-f]{8}", digest)
    assert head.startswith("s1-全縣脫貧") and LONG_ID.startswith(head[3:])
    # As much of the id as fits: one more character would not.
    assert len(quote(f"{head}{LONG_ID[len(head) - 3]}-{digest}", safe="")) > PDF_NAME_LIMIT
    # The hash tells apart ids that share their first characters, and speeches.
    assert book_id("s1-", LONG_ID[:-1] + "稿") != cut
    assert book_id("s2-", LONG_ID) != cut


def test_prefix_ids_gives_a_long_id_and_its_links_the_same_name():
    html = f'<h2 id="{LONG_ID}">x</h2><a href="#{LONG_ID}">y</a>'
    name = book_id("s1-", LONG_ID)
    assert prefix_ids(html, "s1-") == f'<h2 id="{name}">x</h2><a href="#{name}">y</a>'


def test_the_pdf_date_is_source_date_epoch_else_1970(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert source_date() == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)
    assert pdf_date(source_date()) == "D:20231114221320+00'00'"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert source_date() == datetime(1970, 1, 1, tzinfo=timezone.utc)
    assert DEFAULT_EPOCH == 0  # as the site build's (plugin.py)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(PdfError, match="SOURCE_DATE_EPOCH"):
        source_date()


def test_book_characters_are_the_page_and_the_generated_text(tmp_path):
    (tmp_path / "print.html").write_text("<p>脫貧</p>", encoding="utf-8")
    (tmp_path / "assets" / "ptx").mkdir(parents=True)
    (tmp_path / "assets" / "ptx" / "a.css").write_text('p::before{content:"〔"}',
                                                      encoding="utf-8")
    (tmp_path / "assets" / "ptx" / "search-table.js").write_text("攻堅", encoding="utf-8")
    characters = book_characters(tmp_path)
    assert {ord(c) for c in "脫貧〔<p>"} <= characters
    assert not {ord(c) for c in "攻堅"} & characters  # tables the page never prints


def test_a_han_face_gets_truetype_outlines_of_the_same_glyphs():
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    source = find_system_font("NotoSansCJK-Regular.ttc")
    font = subset_face(source, face_index(source, "Noto Sans CJK TC"),
                       {ord(c) for c in PHRASE})

    def bounds(face) -> dict[str, tuple]:
        glyphs = face.getGlyphSet()
        result = {}
        for character in PHRASE:
            name = face.getBestCmap()[ord(character)]
            pen = BoundsPen(glyphs)
            glyphs[name].draw(pen)
            result[character] = pen.bounds
        return result

    cubic = bounds(font)
    cff_to_truetype(font)
    buffer = io.BytesIO()
    font.save(buffer)
    converted = TTFont(io.BytesIO(buffer.getvalue()))
    assert "glyf" in converted and "CFF " not in converted
    assert converted.sfntVersion == "\0\1\0\0"
    quadratic = bounds(converted)
    for character in PHRASE:  # the same outlines, within a unit or two of 1000 to the em
        assert all(abs(a - b) <= 2 for a, b in zip(cubic[character], quadratic[character])), \
            character


def test_book_ids_are_unique_and_every_in_page_link_has_its_target(speeches):
    rendered = [(nav_label(s), render_speech(s)) for s in speeches]
    html = render_book(Cover(SITE_NAME, "描述"), rendered)
    ids = re.findall(r' id="([^"]*)"', html)
    assert len(ids) == len(set(ids))  # 第一篇 and 第二篇 share their heading ids otherwise
    targets = set(re.findall(r' href="#([^"]*)"', html))
    assert targets <= set(ids)
    # The contents link each speech's title, in book order.
    for n, (_, r) in enumerate(rendered, start=1):
        assert f'href="#{escape(book_id(f"s{n}-", r.anchor))}"' in html
    assert html.index("ptx-book-cover") < html.index("ptx-book-contents") < html.index(
        "ptx-speech")


# --------------------------------------------------------------------------- the PDF


@pytest.mark.browser
def test_printing_used_local_files_only_and_no_script_failed(book):
    assert book.report.refused == []
    assert book.report.failed == []
    assert book.report.errors == []


@pytest.mark.browser
def test_every_title_and_first_sentence_is_in_the_text(book, speeches):
    text = normalise("".join(book.pages))
    for speech in speeches:
        assert normalise(speech.title) in text, speech.ordinal
        assert normalise(first_sentence(speech)) in text, speech.ordinal
        assert normalise(first_full_sentence(speech)) in text, speech.ordinal
        # The Simplified column is there too.
        assert normalise(convert.to_simplified(first_full_sentence(speech))) in text


@pytest.mark.browser
def test_pages_cover_contents_and_each_speech_on_its_own_pages(book, speeches):
    count = int(book.info["Pages"])
    assert page_count(book.path) == count == len(book.pages)
    # Every page carries "k / N", N being the page count.
    footers = [FOOTER.search(page.strip()) for page in book.pages]
    assert [(int(f.group(1)), int(f.group(2))) if f else None for f in footers] == [
        (k, count) for k in range(1, count + 1)]
    bodies = [normalise(FOOTER.sub("", page.strip())) for page in book.pages]

    assert bodies[0].startswith(SITE_NAME)  # the cover, alone on page 1
    assert bodies[1].startswith("目錄目录")  # the contents start on page 2
    starts = []
    for speech in speeches:
        heading = normalise(getattr(speech.header, "prefix", "") + speech.title)
        starting = [k for k, body in enumerate(bodies) if body.startswith(heading)]
        assert len(starting) == 1, (speech.ordinal, starting)
        starts += starting
    assert starts == sorted(starts) and starts[0] >= 2
    assert count >= 2 + len(speeches)
    assert bodies[-1], "the last page holds only its page number"


@pytest.mark.browser
def test_pdf_is_tagged_a4_and_titled(book):
    assert book.info["Title"] == SITE_NAME
    assert book.info["Tagged"] == "yes"
    assert "(A4)" in book.info["Page size"]


@pytest.mark.browser
def test_fonts_are_embedded_cid_fonts_with_unicode_maps_and_no_type_3(book):
    assert book.fonts
    assert [f for f in book.fonts if "Type 3" in f["type"]] == []
    assert {f["type"] for f in book.fonts} <= {"CID TrueType", "CID Type 0C"}, book.fonts
    assert all(f["emb"] == "yes" and f["uni"] == "yes" for f in book.fonts), book.fonts
    # Han text in Noto Sans CJK: TC forms for the Traditional text, SC forms for the
    # Simplified text, bold for the headings; each a TrueType subset.
    han = {f["name"].split("+", 1)[-1]: f for f in book.fonts if "CJK" in f["name"]}
    assert {"NotoSansCJKtc-Regular", "NotoSansCJKsc-Regular",
            "NotoSansCJKtc-Bold"} <= set(han)
    assert all(f["type"] == "CID TrueType" and f["sub"] == "yes" for f in han.values())


@pytest.mark.browser
def test_poppler_reads_the_pdf_without_a_warning(book):
    assert book.stderr == {"pdftotext": "", "pdfinfo": "", "pdffonts": ""}


@pytest.mark.browser
def test_pdf_is_small_and_its_text_extractable(book):
    assert book.path.stat().st_size <= MAX_BYTES
    text = normalise("".join(book.pages))
    assert PHRASE in text
    assert convert.to_simplified(PHRASE) in text  # 脱贫攻坚, from the SC face


@pytest.mark.browser
def test_pdf_is_dated_source_date_epoch(book):
    expected = datetime.fromtimestamp(EPOCH, tz=timezone.utc)
    assert datetime.fromisoformat(book.info["CreationDate"]) == expected
    assert datetime.fromisoformat(book.info["ModDate"]) == expected


@pytest.mark.browser
def test_the_same_input_gives_the_same_bytes(book, browser, tmp_path):
    again = tmp_path / "again.pdf"
    build_book(browser, again)
    assert again.read_bytes() == book.path.read_bytes()


def outline_titles(items) -> list[str]:
    titles = []
    for item in items:
        titles += [item.title] + outline_titles(item.children)
    return titles


@pytest.mark.browser
def test_outline_lists_the_speeches_and_their_headings(book, speeches):
    import pikepdf

    with pikepdf.open(book.path) as pdf:
        assert "/Outlines" in pdf.Root, "no /Outlines in the PDF"
        count = int(pdf.Root.Outlines.Count)
        with pdf.open_outline() as outline:
            titles = outline_titles(outline.root)
    # One item per heading h1-h6 of the page: the cover's, the contents', then those of
    # each speech (title, sections, apparatus) as rendered for the book; all open.
    headings = 2 + sum(len(HEADING.findall(render_speech(s).html)) for s in speeches)
    assert count == len(titles) == headings
    # Items hold the heading's text in both scripts: the Simplified one is plain.
    for speech in speeches:
        label = re.sub(r"\s", "", getattr(speech.header, "prefix", ""))
        hans = label + convert.to_simplified(speech.title)
        assert any(t.startswith(label) and hans in t for t in titles), speech.ordinal
