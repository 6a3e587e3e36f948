"""``mkdocs serve --dirty``: a rebuild writes only the pages whose inputs changed, and the
site it leaves is the site a clean build of the same sources makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from build_tools.mkdocs_plugin.plugin import ParallelTextsPlugin

ROOT = Path(__file__).resolve().parents[2]

A = "第一篇:甲篇講話\n今天開會，討論發展。\n第二篇:乙篇講話\n明天學習文件。\n"
B = "第一篇:丙篇講話\n後天總結經驗。\n"


def build_once(sources: Path, site: Path, dirty: bool) -> ParallelTextsPlugin:
    """One build as ``mkdocs serve`` runs each: the configuration loaded again."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    plugin = next(p for p in config.plugins.values() if isinstance(p, ParallelTextsPlugin))
    plugin.config.sources = str(sources / "*.txt")
    plugin.config.cache_dir = None
    build(config, dirty=dirty)
    return plugin


@pytest.fixture
def serving(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(A, encoding="utf-8")
    (sources / "b.txt").write_text(B, encoding="utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = next(p for p in config.plugins.values() if isinstance(p, ParallelTextsPlugin))
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        yield sources, tmp_path / "site"
    finally:
        config.plugins.on_shutdown()
        plugin.loader.serving = False
        plugin.dirty.start(False)


def stamps(site: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in site.glob("*.html")}


def same_site(dirty: Path, clean: Path) -> None:
    names = sorted(p.relative_to(clean).as_posix() for p in clean.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(dirty).as_posix() for p in dirty.rglob("*")
                           if p.is_file())
    for name in names:
        assert (dirty / name).read_bytes() == (clean / name).read_bytes(), name


def test_an_edit_rewrites_its_page_only_and_leaves_the_site_of_a_clean_build(serving,
                                                                             tmp_path):
    sources, site = serving
    plugin = build_once(sources, site, dirty=True)
    assert plugin.dirty.rebuilt == 4  # three speeches and the home page
    before = stamps(site)
    (sources / "a.txt").write_text(A.replace("討論發展", "討論改革發展"), encoding="utf-8")
    plugin = build_once(sources, site, dirty=True)
    assert plugin.dirty.rebuilt == 2  # the edited speech and the home page
    after = stamps(site)
    assert after["a-01.html"] != before["a-01.html"] and after["index.html"] != before[
        "index.html"]
    assert after["a-02.html"] == before["a-02.html"] and after["b-01.html"] == before[
        "b-01.html"]
    assert "討論改革發展" in (site / "a-01.html").read_text("utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    texts = {doc["location"]: json.dumps(doc, ensure_ascii=False) for doc in index["docs"]}
    assert "讨论改革发展" in texts["a-01.html"] and "后天总结经验" in texts["b-01.html"]
    build_once(sources, tmp_path / "clean", dirty=False)
    same_site(site, tmp_path / "clean")


def test_a_new_title_rewrites_every_page(serving, tmp_path):
    sources, site = serving
    build_once(sources, site, dirty=True)
    (sources / "a.txt").write_text(A.replace("乙篇講話", "乙篇新講話"), encoding="utf-8")
    plugin = build_once(sources, site, dirty=True)
    assert plugin.dirty.rebuilt == 4
    # An untouched speech's navigation names the retitled one.
    assert "乙篇新講話" in (site / "b-01.html").read_text("utf-8")
    build_once(sources, tmp_path / "clean", dirty=False)
    same_site(site, tmp_path / "clean")


def test_a_clean_build_rewrites_every_page(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(A, encoding="utf-8")
    plugin = build_once(sources, tmp_path / "site", dirty=False)
    first = stamps(tmp_path / "site")
    plugin = build_once(sources, tmp_path / "site", dirty=False)
    assert plugin.dirty.rebuilt == 3
    assert all(stamp != first[name] for name, stamp in stamps(tmp_path / "site").items())


def test_a_deleted_source_leaves_the_search_index(serving, tmp_path):
    sources, site = serving
    build_once(sources, site, dirty=True)
    (sources / "b.txt").unlink()
    build_once(sources, site, dirty=True)
    build_once(sources, tmp_path / "clean", dirty=False)
    index = (site / "search" / "search_index.json").read_bytes()
    assert b"b-01.html" not in index
    assert index == (tmp_path / "clean" / "search" / "search_index.json").read_bytes()
