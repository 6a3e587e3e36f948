"""The plugin's hooks called directly, as MkDocs calls them (no full build)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from build_tools.mkdocs_plugin.plugin import ParallelTextsPlugin

ROOT = Path(__file__).resolve().parents[2]


def configured(tmp_path: Path, sources: str):
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = next(p for p in config.plugins.values() if isinstance(p, ParallelTextsPlugin))
    plugin.config.sources = sources
    return config, plugin


class RecordingServer:
    def __init__(self):
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_every_source(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("第一篇:講話\n同志們:\n", encoding="utf-8")
    config, plugin = configured(tmp_path, str(tmp_path / "*.txt"))
    plugin.on_config(config)
    server = RecordingServer()
    assert plugin.on_serve(server, config=config, builder=None) is server
    # The folder, not the files: a source added, renamed or deleted later counts too.
    assert server.watched == [str(tmp_path)]


def test_serve_watches_rules_named_outside_the_sources(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("第一篇:講話\n同志們:\n", encoding="utf-8")
    rules = tmp_path / "rules.yml"
    rules.write_text("[]\n", encoding="utf-8")
    config, plugin = configured(tmp_path, str(tmp_path / "texts" / "*.txt"))
    plugin.config.conversions = str(rules)
    plugin.on_config(config)
    server = RecordingServer()
    plugin.on_serve(server, config=config, builder=None)
    assert server.watched == [str(rules), str(tmp_path / "texts")]


def serving(tmp_path: Path, sources: str):
    config, plugin = configured(tmp_path, sources)
    plugin.on_startup(command="serve", dirty=False)
    return config, plugin


def test_serve_keeps_the_last_good_version_of_a_broken_source(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("第一篇:講話\n今天開會。\n", encoding="utf-8")
    config, plugin = serving(tmp_path, str(source))
    try:
        plugin.on_config(config)
        assert plugin.problems == []
        source.write_bytes("第一篇:講話\n".encode() + b"\x80\x80\n")
        plugin.on_config(config)  # no exception: MkDocs' server would hang on one
        assert len(plugin.problems) == 1 and plugin.problems[0].startswith(f"{source}:2: ")
        assert [s.title for c in plugin.collections for s in c.speeches] == ["講話"]
        notice = plugin.on_page_content("<p>x</p>", page=HomePage(), config=config, files=None)
        assert f"{source}:2: " in notice and "上次成功的版本" in notice
        assert 'role="alert"' in notice and "data-editorial" in notice
        source.write_text("第一篇:新講話\n今天開會。\n", encoding="utf-8")
        plugin.on_config(config)
        assert plugin.problems == []
        assert [s.title for c in plugin.collections for s in c.speeches] == ["新講話"]
    finally:
        plugin.loader.serving = False


def test_serve_picks_up_new_and_deleted_sources(tmp_path):
    (tmp_path / "a.txt").write_text("第一篇:甲\n今天開會。\n", encoding="utf-8")
    config, plugin = serving(tmp_path, str(tmp_path / "*.txt"))
    try:
        plugin.on_config(config)
        assert sorted(plugin.pages) == ["a-01.md"]
        (tmp_path / "b.txt").write_text("第一篇:乙\n今天開會。\n", encoding="utf-8")
        plugin.on_config(config)
        assert sorted(plugin.pages) == ["a-01.md", "b-01.md"]
        (tmp_path / "a.txt").unlink()
        plugin.on_config(config)
        assert sorted(plugin.pages) == ["b-01.md"]
        (tmp_path / "b.txt").unlink()
        plugin.on_config(config)  # every source gone: a notice, not a dead server
        assert plugin.pages == {} and "no source files match" in plugin.problems[0]
    finally:
        plugin.loader.serving = False


class HomePage:
    """Just enough of a page for ``on_page_content`` to treat it as an ordinary page."""

    is_homepage = False

    class file:
        src_uri = "other.md"


def test_no_sources_is_a_plugin_error_naming_the_option(tmp_path):
    config, plugin = configured(tmp_path, str(tmp_path / "none-*.txt"))
    with pytest.raises(PluginError, match=r"no source files match .*none-\*\.txt.*'sources'"):
        plugin.on_config(config)


def test_bad_source_is_a_plugin_error_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("第一篇:講話\n".encode() + b"\x80\x80\n")
    config, plugin = configured(tmp_path, str(bad))
    with pytest.raises(PluginError) as error:
        plugin.on_config(config)
    assert str(error.value).startswith(f"{bad}:2: ")
    assert "--encoding" in str(error.value)


def test_files_are_generated_in_memory(tmp_path):
    from mkdocs.structure.files import get_files

    source = tmp_path / "one.txt"
    source.write_text("第一篇:講話\n同志們:\n今天開會。\n", encoding="utf-8")
    config, plugin = configured(tmp_path, str(source))
    plugin.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    page = files.get_file_from_path("one-01.md")
    assert page is not None and page.generated_by == "parallel-texts"
    assert not (ROOT / "docs" / "one-01.md").exists()
