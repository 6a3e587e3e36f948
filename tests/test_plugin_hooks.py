"""The plugin's hooks called directly, as MkDocs calls them (no full build)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from build_tools.plugin import ParallelTextsPlugin

ROOT = Path(__file__).resolve().parent.parent


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
    assert server.watched == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


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
