"""A link checker for a built site: every relative href/src of every HTML page must name a
file in the site, and every #fragment an id (or a name) in the page it points to.

External links (a scheme such as ``https:``, or ``//host``) are collected, not followed:
the site works offline. ``python tests/linkcheck.py SITE_DIR`` prints what it finds.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"href", "src"}
# Schemes that name no file of the site.
NON_FILE_SCHEMES = {"mailto", "tel", "data", "javascript", "blob"}
EXTERNAL_SCHEMES = {"http", "https"}


@dataclass(frozen=True)
class Link:
    page: str  # site-relative path of the page holding the link
    line: int
    tag: str
    attribute: str
    url: str


@dataclass
class _Page:
    anchors: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.page = _Page()

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def _element(self, tag, attrs):
        for attribute, value in attrs:
            if value is None:
                continue
            if attribute == "id" or (attribute == "name" and tag == "a"):
                self.page.anchors.add(value)
            elif attribute in LINK_ATTRIBUTES:
                self.page.links.append(
                    Link(self.name, self.getpos()[0], tag, attribute, value.strip()))


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    broken: list[tuple[Link, str]] = field(default_factory=list)  # (link, why)
    external: dict[str, list[Link]] = field(default_factory=dict)  # url → where


def check_site(site: Path) -> Report:
    site = site.resolve()
    pages: dict[str, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        parser = _PageParser(name)
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        pages[name] = parser.page
    report = Report(pages=len(pages))
    for name, page in pages.items():
        for link in page.links:
            report.links += 1
            problem = _check(site, pages, name, link, report)
            if problem:
                report.broken.append((link, problem))
    return report


def _check(site: Path, pages: dict[str, _Page], name: str, link: Link,
           report: Report) -> str | None:
    parts = urlsplit(link.url)
    scheme = parts.scheme.lower()
    if scheme in EXTERNAL_SCHEMES or (not scheme and parts.netloc):
        report.external.setdefault(link.url, []).append(link)
        return None
    if scheme in NON_FILE_SCHEMES:
        return None
    if scheme:
        return f"unexpected scheme {scheme!r}"
    if parts.path:
        base = site if parts.path.startswith("/") else (site / name).parent
        target = (base / unquote(parts.path).lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if site != target and site not in target.parents:
            return "points outside the site"
        if not target.is_file():
            return f"no such file: {target.relative_to(site).as_posix()}"
        target_name = target.relative_to(site).as_posix()
    else:
        target_name = name  # "#fragment" or "?query" alone: this page
    fragment = unquote(parts.fragment)
    if fragment and target_name.endswith(".html"):
        if fragment not in pages[target_name].anchors:
            return f"no id or name {fragment!r} in {target_name}"
    return None


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tests/linkcheck.py SITE_DIR", file=sys.stderr)
        return 2
    report = check_site(Path(argv[1]))
    print(f"{report.pages} pages, {report.links} links, {len(report.broken)} broken")
    for link, why in report.broken:
        print(f"{link.page}:{link.line}: <{link.tag} {link.attribute}={link.url!r}>: {why}")
    for url, where in sorted(report.external.items()):
        print(f"external: {url} ({len(where)}×, e.g. {where[0].page}:{where[0].line})")
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
