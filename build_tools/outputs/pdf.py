"""The collection as one PDF: the book page printed by headless Chromium.

    python -m build_tools pdf [SOURCE…] --out dist/speeches.pdf       (what `make pdf` runs)

Builds the site with ``mkdocs-print.yml`` (the site plus ``print.html``: cover, contents,
every speech; see ``render.book``) into a temporary folder, opens ``print.html`` from
there (file://) in Chromium through Playwright with every non-file request refused, and
prints it: A4, backgrounds, a tagged PDF whose outline (bookmarks) Chromium builds from the
headings h1–h6 (the speeches, then their sections), page numbers in the footer. The text
is real text.

Fonts. Han text is set in Noto Sans CJK (``fonts-noto-cjk``): the TC face for Traditional,
the SC face for Simplified, regular and bold (``assets/print-book.css``). Skia, Chromium's
PDF writer, embeds TrueType faces as CID fonts but prints CFF-flavoured OpenType, which
fonts-noto-cjk is, as Type 3 fonts (a drawing per glyph, no font program: the seed's book
was 7.7 MB with ~420 of them). So before printing, ``write_han_fonts`` cuts each of the
four faces down to the book's characters with fontTools and gives it TrueType outlines
(curves within 1/1000 em of the originals: the same glyphs); the stylesheet loads them
from the site, and Chromium embeds them as CIDFontType2 subsets.

Reproducible. Chromium dates the PDF from the clock (and writes no /ID); ``finish_pdf``
(pikepdf, i.e. qpdf) rewrites it dated ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC)
when that is set, else 0 (1970-01-01 00:00 UTC), the default the site build gives
MkDocs' sitemap dates (``plugin.py``; ``build_pdf`` reads the variable before building):
a constant, not a file's mtime, which a fresh clone does not keep. The /ID qpdf writes
is computed from the content, not from the time and file name. It also packs the PDF's
many small objects (the tagged PDF's structure tree above all) into compressed object
streams: the seed's book is then 2.5 MB. The same sources, fonts, Chromium and qpdf give
the same bytes; Creator and Producer name Chromium's version.

Needs Chromium (``apt-get install chromium``; ``PTX_CHROMIUM`` names another binary),
``apt-get install fonts-noto-cjk``, and the Python packages of the ``pdf`` extra:
``playwright`` (never ``playwright install``: the system Chromium is used), ``fonttools``
and ``pikepdf``.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from build_tools.outputs.output_dir import check_output_file
from build_tools.outputs.pdf_fonts import BOOK_PAGE, FontError, book_characters, write_han_fonts

log = logging.getLogger(__name__)

CREATOR_MARK = "parallel-texts book"

DEFAULT_CONFIG = "mkdocs-print.yml"
SCRIPTS = ("both", "hant", "hans")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# The same as the @page rule of assets/print-book.css.
MARGINS = {"top": "18mm", "right": "16mm", "bottom": "20mm", "left": "16mm"}
FOOTER = ('<div style="width:100%;font-size:8pt;text-align:center;color:#555;'
          'font-family:sans-serif"><span class="pageNumber"></span> / '
          '<span class="totalPages"></span></div>')
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")
TITLE_FROM_COVER = """() => {
  const title = document.querySelector("#ptx-book-cover .ptx-hant");
  if (title) document.title = title.textContent;
}"""


# The PDF's date without SOURCE_DATE_EPOCH: the site build's default (plugin.py).
DEFAULT_EPOCH = 0  # 1970-01-01 00:00 UTC
# Flate at its best: the content streams and the structure tree of a tagged PDF are long
# and repetitive, and zlib's default level leaves the seed's book ~4 % larger.
FLATE_LEVEL = 9


__all__ = ["PdfError", "build_pdf", "book_characters", "print_page", "CHROMIUM_ARGS"]


class PdfError(Exception):
    """Printing is not possible here or failed; ``str()`` says why."""


@dataclass
class PrintReport:
    """What happened while the page was printed; all empty when all went well."""

    refused: list[str] = field(default_factory=list)  # non-file requests, aborted
    failed: list[str] = field(default_factory=list)  # requests that failed, refused included
    errors: list[str] = field(default_factory=list)  # uncaught JavaScript errors


def find_chromium() -> str:
    named = os.environ.get("PTX_CHROMIUM")
    if named:
        return named
    for candidate in CHROMIUM_CANDIDATES:
        found = candidate if os.path.isabs(candidate) and os.path.exists(candidate) \
            else shutil.which(candidate)
        if found:
            return found
    raise PdfError("Chromium not found: `apt-get install chromium` (or set PTX_CHROMIUM)")


def print_page(html: Path, out: Path, *, script: str = "both", browser=None,
               chromium: str | None = None, date: datetime | None = None) -> PrintReport:
    """Print the page at ``html`` (a file) to ``out`` as A4 PDF, showing ``script``,
    dated ``date`` (by default ``source_date()``).

    ``browser``: a Playwright Chromium browser to use (the tests share one); without it
    Chromium (``chromium`` or the one ``find_chromium`` finds) is started and closed here.
    """
    if script not in SCRIPTS:
        raise PdfError(f"unknown script {script!r}: expected one of {', '.join(SCRIPTS)}")
    date = date or source_date()
    if browser is not None:
        return _print(browser, html, out, script, date)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfError("Playwright is not installed: pip install playwright (it drives the "
                       "system Chromium; no `playwright install` needed)") from None
    executable = chromium or find_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                             headless=True)
        try:
            return _print(browser, html, out, script, date)
        finally:
            browser.close()


def _print(browser, html: Path, out: Path, script: str, date: datetime) -> PrintReport:
    report = PrintReport()

    def route(route):
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            report.refused.append(route.request.url)
            route.abort()

    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.part")
    context = browser.new_context(locale="zh-TW")
    try:
        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda error: report.errors.append(str(error)))
        page.on("requestfailed", lambda request: report.failed.append(
            f"{request.url}: {request.failure}"))
        page.goto(html.resolve().as_uri() + f"?script={script}", wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        # The PDF's Title: the book's, not the page's "<page> - <site>".
        page.evaluate(TITLE_FROM_COVER)
        page.pdf(path=str(partial), format="A4", margin=MARGINS, print_background=True,
                 outline=True, tagged=True, display_header_footer=True,
                 header_template="<span></span>", footer_template=FOOTER)
    finally:
        context.close()
    finish_pdf(partial, date)
    os.replace(partial, out)
    return report


# -------------------------------------------------------------------------------- PDF


def source_date() -> datetime:
    """The date the PDF gives as its creation and modification date: SOURCE_DATE_EPOCH
    (seconds since 1970, UTC) when set, else ``DEFAULT_EPOCH``."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        epoch = int(value) if value else DEFAULT_EPOCH
    except ValueError:
        raise PdfError(f"SOURCE_DATE_EPOCH={value!r}: expected whole seconds since "
                       "1970-01-01 UTC") from None
    return datetime.fromtimestamp(epoch, tz=timezone.utc)


def pdf_date(moment: datetime) -> str:
    """``moment`` as a PDF date string, in UTC (as Skia writes it)."""
    return moment.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")


def finish_pdf(path: Path, moment: datetime) -> None:
    """Rewrite the PDF Chromium wrote at ``path`` in place: dated ``moment`` (Chromium's
    dates are the clock's), with an /ID computed from its content, and its many small
    objects (the structure tree above all) packed into compressed object streams."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        date = pdf_date(moment)
        pdf.docinfo["/CreationDate"] = date
        pdf.docinfo["/ModDate"] = date
        # Names the book as ours, so a later run may replace it (see ``is_book``).
        pdf.docinfo["/Creator"] = f"{CREATOR_MARK}; {pdf.docinfo.get('/Creator', '')}"
        # Process-wide in pikepdf; nothing else in this process writes PDFs.
        pikepdf.settings.set_flate_compression_level(FLATE_LEVEL)
        pdf.save(path, deterministic_id=True, compress_streams=True, recompress_flate=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)


def is_book(path: Path) -> bool:
    """Whether ``path`` is a PDF this module wrote (its Creator says so)."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            return str(pdf.docinfo.get("/Creator", "")).startswith(CREATOR_MARK)
    except (OSError, pikepdf.PdfError):
        return False


def page_count(pdf: Path) -> int:
    """The number of pages of the PDF at ``pdf``."""
    import pikepdf

    with pikepdf.open(pdf) as document:
        return len(document.pages)


def build_pdf(out: str | Path, config_file: str = DEFAULT_CONFIG,
              sources: list[str] | None = None, *, script: str = "both",
              browser=None, **build_options) -> tuple[str, PrintReport]:
    """Build the book page (``build_options`` as ``build_site`` takes them) and print it to
    ``out``; returns a summary line and the report. ``browser``: see ``print_page``. An existing ``out`` is replaced only when it is a book
    printed before (``is_book``), and only once the new one is complete.

    A refused request or a JavaScript error is an error: the PDF must come from local
    files only and from a page that worked.
    """
    from build_tools.outputs.site import build_site

    out = Path(out)
    check_output_file(out, "--out", is_book)
    started = time.perf_counter()
    # Read before the build, which sets a SOURCE_DATE_EPOCH of its own when there is none.
    date = source_date()
    with tempfile.TemporaryDirectory(prefix="ptx-pdf-") as tmp:
        site = Path(tmp) / "site"
        build_site(config_file, str(site), sources or None, **build_options)
        try:
            write_han_fonts(site)
        except FontError as error:
            raise PdfError(str(error)) from None
        printed = Path(tmp) / "book.pdf"
        report = print_page(site / BOOK_PAGE, printed, script=script, browser=browser,
                            date=date)
        if report.refused or report.errors:
            problems = [f"refused (not a local file): {url}" for url in report.refused]
            problems += [f"JavaScript error: {error}" for error in report.errors]
            raise PdfError("printing the book page went wrong: " + "; ".join(problems))
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(f".{out.name}.part")
        shutil.copyfile(printed, partial)
        os.replace(partial, out)
    summary = (f"wrote {out}: {page_count(out)} pages, {out.stat().st_size} bytes, "
               f"in {time.perf_counter() - started:.1f} s")
    return summary, report
