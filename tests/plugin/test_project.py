"""A collection of one's own: ``ptx new``, a build inside it and outside any project, the
plugin in a minimal site, the editor's introductions, the collection's metadata."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from browser_support import LoopbackServer
from build_tools.render.book import Cover, render_book
from seed import REPO_ROOT, run_cli

SAMPLE_TITLE = "脫貧攻堅講話選集"  # the sample collection's name: never a user's
OWN_TEXT = "第一篇:我的講話\n同志們:\n今天開會，脫貧攻堅。\n第二篇:第二次講話\n明天再談。\n"


def ptx(*args, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it, in their own folder, with no terminal attached."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "build_tools", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """``ptx new`` with a title, the example replaced by a text of one's own, then built."""
    folder = tmp_path_factory.mktemp("own") / "x"
    made = ptx("new", folder, "--title", "測試文集", "--description", "我的講話",
               "--author", "某編輯", "--licence", "CC BY 4.0", cwd=folder.parent)
    assert made.returncode == 0, made.stderr
    (folder / "sources" / "example.txt").unlink()
    (folder / "sources" / "mine.txt").write_text(OWN_TEXT, encoding="utf-8")
    built = ptx("build", cwd=folder)
    assert built.returncode == 0, built.stderr
    return folder


def test_new_writes_a_ready_project(project):
    built = ("site", ".cache")  # what the build wrote
    written = sorted(p.relative_to(project).as_posix() for p in project.rglob("*")
                     if p.is_file() and p.relative_to(project).parts[0] not in built)
    assert written == [".gitignore", "Makefile", "docs/index.md", "mkdocs-offline.yml",
                       "mkdocs-print.yml", "mkdocs.yml", "sources/conversions.yml",
                       "sources/mine.txt"]
    assert (project / ".gitignore").read_text(encoding="utf-8").splitlines()[1:] == [
        "site/", ".cache/"]
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "測試文集" and config["site_description"] == "我的講話"
    assert config["copyright"] == "某編輯 · CC BY 4.0"
    assert config["theme"]["language"] == "zh-Hant" and "custom_dir" not in config["theme"]
    for path in project.rglob("*"):
        if path.is_file() and path.suffix in (".yml", ".md", ".txt"):
            assert SAMPLE_TITLE not in path.read_text(encoding="utf-8"), path


def test_new_refuses_a_folder_that_is_not_empty(project):
    result = ptx("new", project, "--title", "別的", cwd=project.parent)
    assert result.returncode == 2
    assert f"new {project}: refused: the folder exists and is not empty" in result.stderr


def test_the_site_carries_the_users_title_and_every_asset(project):
    site = project / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    page = (site / "mine-01.html").read_text(encoding="utf-8")
    assert "<title>測試文集</title>" in home and SAMPLE_TITLE not in home
    assert "<title>第一篇 我的講話 - 測試文集</title>" in page
    assert "某編輯 · CC BY 4.0" in page  # the footer of every page
    for script in ("early.js", "search-table.js", "search-query.js", "parallel.js"):
        assert f"assets/ptx/{script}" in page, script
        assert (site / "assets" / "ptx" / script).is_file()
    assert 'lang="zh-Hans"' in page and "今天开会" in page


def test_make_site_in_the_project(project):
    result = subprocess.run(["make", "site"], cwd=project, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert "built site: 2 speeches (2 篇)" in result.stdout


@pytest.mark.browser
def test_search_in_the_project_converts_a_traditional_query(project, browser):
    server = LoopbackServer(project / "site").start()
    context = browser.new_context(locale="zh-TW")
    try:
        page = context.new_page()
        page.goto(server.url + "index.html")
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("脫貧攻堅")  # Traditional; the index holds the Simplified text
        box.press("End")
        link = page.locator(".md-search-result__list a.md-search-result__link").first
        link.wait_for(timeout=20_000)
        assert "mine-01.html" in link.get_attribute("href")
    finally:
        context.close()
        server.close()


def test_sources_outside_any_project_get_a_neutral_configuration(tmp_path):
    source = tmp_path / "我的文集.txt"
    source.write_text(OWN_TEXT, encoding="utf-8")
    result = ptx("build", source, "--site-dir", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<title>我的文集</title>" in home and SAMPLE_TITLE not in home
    titled = ptx("build", source, "--site-dir", tmp_path / "other", "--title", "另一個名字",
                 cwd=tmp_path)
    assert titled.returncode == 0, titled.stderr
    assert "<title>另一個名字</title>" in (tmp_path / "other" / "index.html").read_text("utf-8")


def test_sources_named_in_the_sample_clone_do_not_get_the_samples_name(tmp_path):
    source = tmp_path / "講話.txt"
    source.write_text("第一篇:唯一的講話\n同志們:\n", encoding="utf-8")
    result = run_cli("build", source, "--site-dir", tmp_path / "site")  # cwd: the clone
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>唯一的講話</title>" in home and SAMPLE_TITLE not in home


def test_no_project_and_no_sources_says_what_to_do(tmp_path):
    result = ptx("build", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: {tmp_path / 'mkdocs.yml'}: no such file; expected a collection made with "
        "`ptx new DIR`, or name the sources: ptx build FILE.txt")


def test_the_plugin_is_complete_in_a_minimal_site(tmp_path):
    """Someone else's site: Material and the plugin, no overrides/, nothing in docs/
    (MkDocs itself needs the folder to exist)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(OWN_TEXT, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: 別人的網站\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - parallel-texts:\n      sources: texts/*.txt\n",
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "a-01" / "index.html").read_text(encoding="utf-8")
    for script in ("early.js", "search-table.js", "search-query.js", "parallel.js"):
        assert f"assets/ptx/{script}" in page, script
    assert "<title>第一篇 我的講話 - 別人的網站</title>" in page
    assert "ptx-index" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_an_editors_introduction_stands_above_the_speech(tmp_path):
    source = tmp_path / "sources" / "mine.txt"
    source.parent.mkdir()
    source.write_text(OWN_TEXT, encoding="utf-8")
    docs = tmp_path / "docs"
    stubbed = ptx("export", source, "--out", docs, "--intro-stubs", cwd=tmp_path)
    assert stubbed.returncode == 0, stubbed.stderr
    assert sorted(p.name for p in docs.iterdir()) == ["mine-01.md", "mine-02.md"]
    (docs / "mine-01.md").write_text("這篇講話寫於**縣裏**的大會。\n", encoding="utf-8")
    again = ptx("export", source, "--out", docs, "--intro-stubs", cwd=tmp_path)
    assert again.returncode == 0
    assert (docs / "mine-01.md").read_text(encoding="utf-8") == "這篇講話寫於**縣裏**的大會。\n"
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: 文集\nuse_directory_urls: false\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - parallel-texts\n", encoding="utf-8")
    built = ptx("build", "--site-dir", tmp_path / "site", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    first = (tmp_path / "site" / "mine-01.html").read_text(encoding="utf-8")
    intro = first[first.index('<section class="ptx-intro"'):]
    assert intro.startswith('<section class="ptx-intro" data-editorial aria-label="編者按">')
    assert "<strong>縣裏</strong>" in intro[:intro.index("</section>")]
    assert first.index("ptx-intro") < first.index('id="p3"')  # above the speech's text
    second = (tmp_path / "site" / "mine-02.html").read_text(encoding="utf-8")
    assert "ptx-intro" not in second  # the stub holds only its comment


def test_export_never_overwrites_a_file_it_did_not_write(tmp_path):
    source = tmp_path / "mine.txt"
    source.write_text(OWN_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine-01.md").write_text("我自己的筆記", encoding="utf-8")
    result = ptx("export", source, "--out", out, cwd=tmp_path)
    assert result.returncode == 2 and "refused" in result.stderr
    assert (out / "mine-01.md").read_text(encoding="utf-8") == "我自己的筆記"
    assert not (out / "mine-02.md").exists()  # nothing written when one file is refused
    (out / "mine-01.md").unlink()
    assert ptx("export", source, "--out", out, cwd=tmp_path).returncode == 0
    assert ptx("export", source, "--out", out, cwd=tmp_path).returncode == 0  # its own files


def test_the_book_cover_shows_the_collections_metadata():
    html = render_book(Cover("測試文集", "我的講話", "某編輯", "CC BY 4.0"), [])
    cover = html[:html.index("</section>")]
    for text in ("測試文集", "我的講話", "某編輯", "CC BY 4.0"):
        assert text in cover
