"""The real MkDocs + Material build: fidelity, hostile input, determinism, failure modes."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from build_tools.analysis import convert
from build_tools.text.corpus import load_collection
from build_tools.outputs.site import SiteBuildError, build_site
from htmltext import script_text, squeeze, tags_in
from seed import page_of, run_cli, source_without_pinyin

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sources" / "000_a0dc2aa1bc4bc1e3.txt"
CONFIG = ROOT / "mkdocs.yml"


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("seed") / "site"
    build_site(str(CONFIG), str(site), [str(SEED)])
    return site


# ----------------------------------------------------------------------------- fidelity


def test_every_speech_has_a_page_with_both_scripts(seed_site):
    collection = load_collection(SEED)
    assert len(collection.speeches) == 5
    for speech in collection.speeches:
        html = page_of(seed_site, SEED, speech)
        assert 'lang="zh-Hant"' in html and 'lang="zh-Hans"' in html
        assert html.count('class="ptx-pair') == html.count('<div class="ptx-pair')


def test_traditional_text_equals_the_source(seed_site):
    for speech in load_collection(SEED).speeches:
        html = page_of(seed_site, SEED, speech)
        assert squeeze(script_text(html, "zh-Hant")) == squeeze(source_without_pinyin(speech))


def test_simplified_text_equals_t2s_of_the_source(seed_site):
    for speech in load_collection(SEED).speeches:
        html = page_of(seed_site, SEED, speech)
        expected = convert.to_simplified(squeeze(source_without_pinyin(speech)))
        assert squeeze(script_text(html, "zh-Hans")) == expected


def test_simplified_differs_from_traditional_where_it_should(seed_site):
    speech = load_collection(SEED).speeches[0]
    html = page_of(seed_site, SEED, speech)
    assert "全县脱贫攻坚" in script_text(html, "zh-Hans")
    assert "全縣脫貧攻堅" in script_text(html, "zh-Hant")


def test_pairs_share_one_anchor_per_paragraph(seed_site):
    speech = load_collection(SEED).speeches[1]
    html = page_of(seed_site, SEED, speech)
    # 第二篇 line 74/75 is one paragraph wrapped in the source: one pair, anchored at 74.
    assert html.count('id="p74"') == 1
    assert 'id="p75"' not in html


def test_heading_ids_keep_han_characters(seed_site):
    speech = load_collection(SEED).speeches[1]
    html = page_of(seed_site, SEED, speech)
    assert 'id="一認清形勢堅定信心把沖鋒的號角吹起來"' in html


def test_fifth_piece_lists_its_articles_in_the_toc(seed_site):
    speech = load_collection(SEED).speeches[4]
    html = page_of(seed_site, SEED, speech)
    toc = html.split('data-md-component="toc"', 1)[1]
    for label in ("其一", "其二", "其三"):
        assert f'href="#{label}"' in toc


def test_home_page_lists_every_speech(seed_site):
    html = (seed_site / "index.html").read_text(encoding="utf-8")
    table = html.split('class="ptx-index"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") == 6  # header + five speeches
    for n in range(1, 6):
        assert f'href="000-a0dc2aa1bc4bc1e3-0{n}.html"' in table
    assert "事跡材料" in table and "事迹材料" in table
    assert "决战决胜" in script_text(html, "zh-Hans", root_class="ptx-index")


# ------------------------------------------------------------------------ hostile input

HOSTILE_LINES = [
    "<script>alert(1)</script>",
    "**.*萬人",
    "20**年*月*日",
    "[x](javascript:alert(1))",
    '{: onclick="alert(1)"}',
    '--8<-- "/etc/passwd"',
    "{{ config }}",
    "1. 列表",
    "# 標題",
    "|a|b|",
    "```",
    "*[HTML]: x",
    "$x$",
    "==高亮==",
    "<img src=x onerror=alert(1)>",
    "&amp; &lt;b&gt; &#60;i&#62;",
    "![圖](http://example.com/x.png)",
    "    縮排的程式碼",
    "> 引言",
    "- 項目",
    "<!-- 註解 -->",
    "\\*反斜線\\*",
]
ALLOWED_TAGS = {"article", "h1", "h2", "h3", "h4", "h5", "h6", "div", "p", "span", "ruby",
                "rt", "rp", "details", "summary", "section", "ul", "li", "a", "bdi"}
ALLOWED_ATTRIBUTES = {"class", "id", "lang", "title", "data-search-exclude", "data-editorial",
                      "tabindex", "href", "data-origin"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.txt"
    title = "第一篇:<b>標題</b> {{ config.site_name }} **講話**"
    body = "\n".join(f"{line}。" if not line.startswith("```") else line for line in HOSTILE_LINES)
    source.write_text(f"{title}\n{body}\n", encoding="utf-8")
    site = folder / "site"
    build_site(str(CONFIG), str(site), [str(source)])
    speech = load_collection(source).speeches[0]
    return site, source, speech


def test_hostile_lines_render_as_their_own_text(hostile_site):
    site, source, speech = hostile_site
    html = page_of(site, source, speech)
    assert squeeze(script_text(html, "zh-Hant")) == squeeze(source_without_pinyin(speech))
    for line in HOSTILE_LINES:
        assert squeeze(line) in squeeze(script_text(html, "zh-Hant"))


def test_hostile_lines_add_no_element_or_attribute(hostile_site):
    site, source, speech = hostile_site
    html = page_of(site, source, speech)
    tags = tags_in(html)
    assert tags, "the speech body was not found"
    assert {tag for tag, _ in tags} <= ALLOWED_TAGS
    assert {name for _, attrs in tags for name in attrs} <= ALLOWED_ATTRIBUTES
    # The only links are the apparatus's, to marks on the same page.
    assert all(attrs["href"].startswith("#") for tag, attrs in tags if tag == "a")
    assert all(tag != "a" for tag, _ in tags_in(html.split('class="ptx-apparatus"')[0]))
    # The text of the speech, up to the apparatus the project adds at its end.
    body = html.split('class="ptx-speech"', 1)[1].split('class="ptx-apparatus"', 1)[0]
    for markup in ("<script", "<img", 'href="javascript', 'onclick="', "<b>", "<mark", "<abbr",
                   "<table", "<code", "<pre", "<ol", "<ul", "<blockquote", "<a ", "<!--"):
        assert markup not in body
    assert "<script>alert" not in html and "<img src=x" not in html


def test_hostile_title_stays_text_in_title_nav_and_header(hostile_site):
    site, source, speech = hostile_site
    html = page_of(site, source, speech)
    assert "<b>標題</b>" not in html
    assert "<title>第一篇 &lt;b&gt;標題&lt;/b&gt; {{ config.site_name }} **講話** - " in html
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "<b>標題</b>" not in index and "&lt;b&gt;標題&lt;/b&gt;" in index


# ------------------------------------------------------------------------ build command


def test_two_builds_are_byte_identical(seed_site, tmp_path):
    again = tmp_path / "again"
    build_site(str(CONFIG), str(again), [str(SEED)])
    comparison = filecmp.dircmp(seed_site, again)

    def differences(cmp) -> list[str]:
        found = cmp.left_only + cmp.right_only + cmp.diff_files
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    # dircmp compares shallowly by stat; compare contents for real.
    assert not differences(comparison)
    for path in seed_site.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (again / path.relative_to(seed_site)).read_bytes(), path


def test_build_command_publishes_other_sources(tmp_path):
    source = tmp_path / "my.txt"
    source.write_text("第一篇:我的講話\n同志們:\n今天開會。\n", encoding="utf-8")
    site = tmp_path / "out"
    result = run_cli("build", str(source), "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    page = (site / "my-01.html").read_text(encoding="utf-8")
    assert "今天开会" in page and "今天開會" in page
    assert not (site / "000-a0dc2aa1bc4bc1e3-01.html").exists()


def test_build_command_fails_cleanly_and_keeps_the_old_site(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("第一篇:講話\n同志們:\n", encoding="utf-8")
    bad.write_bytes("第一篇:講話\n".encode() + b"\xff\xfe\xfa\n")
    site = tmp_path / "site"
    assert run_cli("build", str(good), "--site-dir", str(site)).returncode == 0
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    result = run_cli("build", str(bad), "--site-dir", str(site))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.txt:2" in lines[0] and "Traceback" not in result.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_plugin_error_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x80\x80\x80")
    with pytest.raises(SiteBuildError, match=r"bad\.txt:1"):
        build_site(str(CONFIG), str(tmp_path / "site"), [str(bad)])


def test_generated_pages_never_touch_docs(seed_site):
    docs = sorted(p.name for p in (ROOT / "docs").rglob("*"))
    assert docs == ["index.md"]
