"""The collection as one PDF: the book page printed by headless Chromium.

    python -m build_tools.pdf [SOURCE…] --out dist/speeches.pdf       (what `make pdf` runs)

Builds the site with ``mkdocs-print.yml`` (the site plus ``print.html``: cover, contents,
every speech; see ``print_page.py``) into a temporary folder, opens ``print.html`` from
there (file://) in Chromium through Playwright with every non-file request refused, and
prints it: A4, backgrounds, a tagged PDF whose outline (bookmarks) Chromium builds from the
headings h1–h6 (the speeches, then their sections), page numbers in the footer. The text
is real text; the CJK fonts are the system's (``fonts-noto-cjk``), embedded by Chromium.

Needs Chromium (``apt-get install chromium``; ``PTX_CHROMIUM`` names another binary) and
the Python package ``playwright`` (never ``playwright install``: the system Chromium is used).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import click

log = logging.getLogger(__name__)

DEFAULT_CONFIG = "mkdocs-print.yml"
BOOK_PAGE = "print.html"
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
               chromium: str | None = None) -> PrintReport:
    """Print the page at ``html`` (a file) to ``out`` as A4 PDF, showing ``script``.

    ``browser``: a Playwright Chromium browser to use (the tests share one); without it
    Chromium (``chromium`` or the one ``find_chromium`` finds) is started and closed here.
    """
    if script not in SCRIPTS:
        raise PdfError(f"unknown script {script!r}: expected one of {', '.join(SCRIPTS)}")
    if browser is not None:
        return _print(browser, html, out, script)
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
            return _print(browser, html, out, script)
        finally:
            browser.close()


def _print(browser, html: Path, out: Path, script: str) -> PrintReport:
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
    os.replace(partial, out)
    return report


def page_count(pdf: Path) -> int:
    """Pages of a PDF Chromium wrote (its page objects are never compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def build_pdf(out: str | Path, config_file: str = DEFAULT_CONFIG,
              sources: list[str] | None = None, *, script: str = "both",
              strict: bool = True, encoding: str | None = None,
              browser=None) -> tuple[str, PrintReport]:
    """Build the book page and print it to ``out``; returns a summary line and the report.
    ``browser``: see ``print_page``.

    A refused request or a JavaScript error is an error: the PDF must come from local
    files only and from a page that worked.
    """
    from .site import build_site

    out = Path(out)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ptx-pdf-") as tmp:
        site = Path(tmp) / "site"
        build_site(config_file, str(site), sources or None, strict=strict, encoding=encoding)
        report = print_page(site / BOOK_PAGE, out, script=script, browser=browser)
    if report.refused or report.errors:
        out.unlink(missing_ok=True)
        problems = [f"refused (not a local file): {url}" for url in report.refused]
        problems += [f"JavaScript error: {error}" for error in report.errors]
        raise PdfError("printing the book page went wrong: " + "; ".join(problems))
    summary = (f"wrote {out}: {page_count(out)} pages, {out.stat().st_size} bytes, "
               f"in {time.perf_counter() - started:.1f} s")
    return summary, report


@click.command("pdf", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sources", nargs=-1)
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="The PDF to write, e.g. dist/speeches.pdf.")
@click.option("--config-file", "-f", default=DEFAULT_CONFIG, show_default=True,
              type=click.Path(dir_okay=False, exists=True),
              help="The MkDocs configuration of the print build.")
@click.option("--script", type=click.Choice(SCRIPTS), default="both", show_default=True,
              help="Both columns (對照), Traditional only or Simplified only.")
@click.option("--encoding", metavar="CODEC", default=None,
              help="Decode the sources with this codec instead of detecting it.")
def pdf(sources: tuple[str, ...], out: str, config_file: str, script: str,
        encoding: str | None) -> None:
    """Print the whole collection (cover, contents, every speech) to one PDF."""
    from .cli import _fail, _load
    from .corpus import expand_sources
    from .site import SiteBuildError

    if sources:
        _load(sources, encoding)  # report bad input before MkDocs starts
    try:
        summary, _ = build_pdf(out, config_file, [str(p) for p in expand_sources(sources)],
                               script=script, encoding=encoding)
    except (SiteBuildError, PdfError) as error:
        _fail(error)
    click.echo(summary)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s",
                        stream=sys.stderr)
    pdf()
