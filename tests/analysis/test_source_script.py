"""Sources in either script: detection per speech, the override, and a Simplified source
published as written in the Simplified column with the Traditional derived from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.analysis import convert
from build_tools.analysis.convert import opencc_convert
from build_tools.text.corpus import load_collection
from build_tools.analysis.script import count_scripts, script_setting, speech_script
from build_tools.outputs.site import build_site
from htmltext import script_text, squeeze
from seed import CONFIG, SEED, page_of, run_cli, source_without_pinyin, table


@pytest.fixture(scope="module")
def simplified_seed(tmp_path_factory) -> Path:
    """The seed converted to Simplified: the common case of a collection to publish."""
    path = tmp_path_factory.mktemp("hans") / "简体.txt"
    path.write_text(opencc_convert(SEED.read_text(encoding="utf-8"), "t2s"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def simplified_site(simplified_seed, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("hans-site") / "site"
    build_site(str(CONFIG), str(site), [str(simplified_seed)])
    return site


def test_the_seed_is_traditional_and_its_t2s_copy_simplified(simplified_seed):
    for speech in load_collection(SEED).speeches:
        script, count = speech_script(speech, "auto")
        assert script == "hant" and count.share_traditional > 0.9 and not count.mixed
    for speech in load_collection(simplified_seed).speeches:
        script, count = speech_script(speech, "auto")
        assert script == "hans" and count.share_traditional < 0.05


def test_counts_and_shares_on_a_small_text():
    count = count_scripts("這是繁體，这是简体，这是简体。")
    assert (count.traditional, count.simplified) == (2, 6)  # 這 體 / 这 简 体, twice each
    assert count.script == "hans" and count.mixed
    assert count_scripts("人大的").share_traditional is None
    assert count_scripts("人大的").script == "hant"


def test_per_file_setting_overrides_the_default():
    per_file = {"简体*.txt": "hans"}
    assert script_setting("src/简体一.txt", "auto", per_file) == "hans"
    assert script_setting("src/other.txt", "auto", per_file) == "auto"


def test_simplified_column_is_the_source_as_written(simplified_seed, simplified_site):
    for speech in load_collection(simplified_seed).speeches:
        html = page_of(simplified_site, simplified_seed, speech)
        source = squeeze(source_without_pinyin(speech))
        assert squeeze(script_text(html, "zh-Hans")) == source
        assert squeeze(script_text(html, "zh-Hant")) == convert.to_traditional(source)
    first = page_of(simplified_site, simplified_seed, load_collection(simplified_seed).speeches[0])
    assert "全县脱贫攻坚" in script_text(first, "zh-Hans")
    assert "全縣脫貧攻堅" in script_text(first, "zh-Hant")


def test_page_and_home_say_which_is_the_original(simplified_seed, simplified_site):
    speech = load_collection(simplified_seed).speeches[0]
    html = page_of(simplified_site, simplified_seed, speech)
    assert 'data-origin="hans"' in html
    assert "原文为简体，繁体由 OpenCC 转换（台湾标准）" in html
    assert "原文為簡體，繁體由 OpenCC 轉換（臺灣標準）" in html
    home = (simplified_site / "index.html").read_text(encoding="utf-8")
    assert home.count('data-origin="hans"') == 5


def test_no_traditional_audit_on_a_simplified_source(simplified_seed, simplified_site):
    for speech in load_collection(simplified_seed).speeches:
        assert 'class="ptx-form"' not in page_of(simplified_site, simplified_seed, speech)


def test_check_names_the_script_and_can_be_told(simplified_seed):
    rows = table(run_cli("check", simplified_seed).stdout)[1]
    assert [row[3] for row in rows] == ["簡"] * 5 and [row[10] for row in rows] == ["-"] * 5
    told = table(run_cli("check", simplified_seed, "--source-script", "hant").stdout)[1]
    assert [row[3] for row in told] == ["繁"] * 5


def test_check_reports_mixed_text_with_shares(tmp_path):
    mixed = tmp_path / "mixed.txt"
    mixed.write_text("第一篇:講話\n這是繁體，这是简体，这是简体。\n", encoding="utf-8")
    result = run_cli("check", mixed)
    assert (f"warning: {mixed}:1:1: mixed script: Traditional-only characters 4 (40%), "
            "Simplified-only 6 (60%); taken as 簡體") in result.stdout


def test_traditional_standard_is_a_choice(simplified_seed, tmp_path):
    site = tmp_path / "site"
    result = run_cli("build", simplified_seed, "--site-dir", site, "--traditional", "opencc")
    assert result.returncode == 0, result.stderr
    speech = load_collection(simplified_seed).speeches[0]
    html = page_of(site, simplified_seed, speech)
    assert "（OpenCC 標準）" in html
    text = script_text(html, "zh-Hant")
    assert "爲" in text and "為" not in text  # OpenCC's own form, not Taiwan's


# ------------------------------------------------- three small collections, one file each

HANT_TEXT = "第一篇:傳統的講話\n同志們:\n我們要發展經濟，頭髮都白了。\n"
HANS_TEXT = "第一篇:简体的讲话\n同志们:\n我们要发展经济，头发都白了，面条很好吃。\n"
MIXED_TEXT = "第一篇:繁體的一篇\n這是繁體寫的文章。\n第二篇:简体的一篇\n这是简体写的文章。\n"


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    folder = tmp_path_factory.mktemp("three")
    paths = []
    for name, text in (("hant.txt", HANT_TEXT), ("hans.txt", HANS_TEXT),
                       ("mixed.txt", MIXED_TEXT)):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    site = folder / "site"
    build_site(str(CONFIG), str(site), [str(p) for p in paths])
    pages = {f"{path.stem}-{n:02d}": (site / f"{path.stem}-{n:02d}.html") for path in paths
             for n in (1, 2) if (site / f"{path.stem}-{n:02d}.html").exists()}
    return folder, {name: page.read_text(encoding="utf-8") for name, page in pages.items()}


def test_each_speech_is_shown_as_written_in_its_own_column(three):
    folder, pages = three
    assert sorted(pages) == ["hans-01", "hant-01", "mixed-01", "mixed-02"]
    origins = {name: html[html.index('data-origin="') + 13:][:4] for name, html in pages.items()}
    assert origins == {"hant-01": "hant", "hans-01": "hans", "mixed-01": "hant",
                       "mixed-02": "hans"}
    hant = script_text(pages["hant-01"], "zh-Hant")
    assert "我們要發展經濟，頭髮都白了。" in hant
    assert "我们要发展经济，头发都白了。" in script_text(pages["hant-01"], "zh-Hans")
    assert "我们要发展经济，头发都白了，面条很好吃。" in script_text(pages["hans-01"], "zh-Hans")
    assert "我們要發展經濟，頭髮都白了，麵條很好吃。" in script_text(pages["hans-01"], "zh-Hant")
    assert "這是繁體寫的文章。" in script_text(pages["mixed-01"], "zh-Hant")
    assert "这是简体写的文章。" in script_text(pages["mixed-02"], "zh-Hans")
    assert "這是簡體寫的文章。" in script_text(pages["mixed-02"], "zh-Hant")


def test_the_converters_choices_are_marked_in_a_simplified_source(three):
    _, pages = three
    html = pages["hans-01"]
    assert ('<span class="ptx-choice" id="choice-2" title="一簡對多繁：原文「发」，此處轉為「發」，'
            '也可作「髮」">發</span>') in html  # choice-1: 志 of 同志 (also 誌)
    assert 'title="一簡對多繁：原文「发」，此處轉為「髮」，也可作「發」">髮</span>' in html
    assert 'title="一簡對多繁：原文「面」，此處轉為「麵」，也可作「面」">麵</span>' in html
    apparatus = html[html.index('class="ptx-apparatus"'):]
    assert '<a href="#choice-2">发</a> → 發（1；也可作 髮）' in apparatus
    assert "一簡對多繁，轉換時所選：5 種，5 處" in apparatus  # 志 发 发 了 面
    # A Traditional source has no choices to show: its text is as written.
    assert "ptx-choice" not in pages["hant-01"] and "ptx-choice" not in pages["mixed-01"]


def test_conversion_rules_settle_a_choice(tmp_path):
    source = tmp_path / "hans.txt"
    source.write_text(HANS_TEXT, encoding="utf-8")
    (tmp_path / "conversions.yml").write_text("- hant: 頭髮\n  hans: 头发\n", encoding="utf-8")
    site = tmp_path / "site"
    build_site(str(CONFIG), str(site), [str(source)])
    html = (site / "hans-01.html").read_text(encoding="utf-8")
    assert "此處轉為「發」" in html  # 发展: still the converter's choice
    assert "此處轉為「髮」" not in html  # 头发: the editor's rule decided
    assert "頭髮都白了" in script_text(html, "zh-Hant")
