"""The two projects the benchmark builds for one corpus size, written into one folder.

(a) ours: ``ours.yml`` INHERITs the repository's ``mkdocs.yml`` and points the
    ``parallel-texts`` plugin at the generated sources;
(b) bare: ``bare.yml``, a plain mkdocs-material site of the same speeches: one Markdown
    page per speech (the visible Traditional text, no pinyin, no markup of ours) under the
    same page name, with the same theme, language, font, features, palette, search plugin
    and Markdown extensions, and a navigation grouped like ours.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from build_tools.render.slugs import speech_slug
from build_tools.text.corpus import load_collection
from build_tools.text.model import Heading, Paragraph, Speech
from synth import write_corpus

ROOT = Path(__file__).resolve().parent.parent
PROJECT_CONFIG = ROOT / "mkdocs.yml"
SEED = ROOT / "sources" / "000_a0dc2aa1bc4bc1e3.txt"
PLUGIN = "parallel-texts"
ARTICLE_LABELS = "一二三四五六七八九十"

# The project's Markdown extensions, written out: its slugify is a Python object.
BARE_MARKDOWN_EXTENSIONS = """
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
"""


@dataclass
class Project:
    size: int
    folder: Path
    sources: list[Path]
    speeches: list[tuple[str, Path, Speech]] = field(default_factory=list)  # page, file, speech

    @property
    def ours_config(self) -> Path:
        return self.folder / "ours.yml"

    @property
    def bare_config(self) -> Path:
        return self.folder / "bare.yml"

    def site(self, side: str) -> Path:
        return self.folder / f"site-{side}"

    @property
    def seed_pages(self) -> list[str]:
        """The pages of copy 0, the seed's own five speeches, on both sides."""
        return [page for page, path, _ in self.speeches if path == self.sources[0]]

    @property
    def source_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.sources)


def project_config() -> dict:
    with open(PROJECT_CONFIG, "rb") as fd:
        return yaml_load(fd)


def nav_group_size() -> int:
    for entry in project_config().get("plugins", []):
        if isinstance(entry, dict) and PLUGIN in entry:
            return int((entry[PLUGIN] or {}).get("nav_group_size", 50))
    return 50


def write_project(size: int, folder: Path) -> Project:
    """The corpus (``size`` copies of the seed) and both configurations, in a new ``folder``."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    sources = write_corpus(SEED, folder / "sources", size)
    project = Project(size, folder, sources)
    for path in sources:
        for speech in load_collection(path).speeches:
            project.speeches.append((f"{speech_slug(str(path), speech)}.html", path, speech))
    write_ours_config(project)
    write_bare_docs(project)
    return project


def write_ours_config(project: Project) -> None:
    """INHERIT the project's config; override what is relative or corpus-specific.

    MkDocs merges the child into the parent dict by dict and replaces lists whole, so
    ``plugins`` is repeated entire with only our plugin's ``sources`` changed. Relative
    paths in the parent would resolve against this file's folder: ``docs_dir`` is given
    absolute.
    """
    parent = project_config()
    plugins = []
    for entry in parent.get("plugins", []):
        if isinstance(entry, dict) and PLUGIN in entry:
            options = {**(entry[PLUGIN] or {}), "sources": "sources/*.txt"}
            if options.get("conversions"):
                options["conversions"] = str((ROOT / options["conversions"]).resolve())
            entry = {PLUGIN: options}
        plugins.append(entry)
    child = {
        "INHERIT": str(PROJECT_CONFIG),
        "docs_dir": str((ROOT / parent.get("docs_dir", "docs")).resolve()),
        "site_dir": str(project.site("ours")),
        "plugins": plugins,
    }
    project.ours_config.write_text(yaml.safe_dump(child, allow_unicode=True, sort_keys=False),
                                   "utf-8")


def bare_markdown(speech: Speech) -> str:
    """A speech as plain Markdown: visible Traditional text, no pinyin, no markup of ours."""
    out = [f"# {speech.title}", ""]
    if speech.subtitle is not None:
        out += [speech.subtitle.visible.strip(), ""]
    several = len(speech.articles) > 1
    for article in speech.articles:
        if several:
            out += [f"## 其{ARTICLE_LABELS[(article.ordinal - 1) % len(ARTICLE_LABELS)]}", ""]
        for block in article.blocks:
            if isinstance(block, Heading):
                out += [f"{'#' * min(block.level + several, 6)} {block.visible.strip()}", ""]
            elif isinstance(block, Paragraph) and block.visible.strip():
                out += [block.visible.strip(), ""]
    return "\n".join(out)


def bare_nav(pages: list[str], group_size: int) -> list:
    """Home, then the speeches; in sections of ``group_size`` above that many, as ours."""
    if len(pages) <= group_size:
        return ["index.md", *[page.replace(".html", ".md") for page in pages]]
    sections = []
    for start in range(0, len(pages), group_size):
        chunk = pages[start : start + group_size]
        sections.append({f"第 {start + 1}–{start + len(chunk)} 篇":
                         [page.replace(".html", ".md") for page in chunk]})
    return ["index.md", *sections]


def write_bare_docs(project: Project) -> None:
    docs = project.folder / "bare-docs"
    docs.mkdir()
    shutil.copy(ROOT / "docs" / "index.md", docs / "index.md")
    for page, _, speech in project.speeches:
        (docs / page.replace(".html", ".md")).write_text(bare_markdown(speech), "utf-8")
    theme = project_config().get("theme") or {}
    config = {
        "site_name": "bare mkdocs-material",
        "docs_dir": str(docs),
        "site_dir": str(project.site("bare")),
        "use_directory_urls": False,
        "theme": {
            "name": "material",
            "language": theme.get("language", "zh-Hant"),
            "font": False,
            "features": list(theme.get("features", [])),
            "palette": theme.get("palette", []),
        },
        "plugins": ["search"],
        "nav": bare_nav([page for page, _, _ in project.speeches], nav_group_size()),
    }
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    project.bare_config.write_text(text + BARE_MARKDOWN_EXTENSIONS, "utf-8")
