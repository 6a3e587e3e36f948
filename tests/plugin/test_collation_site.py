"""Collation pages in the real build: the seed's pair, and a group of three the test writes
(see witness_support); the downloads beside each page; ``check``'s summary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from htmltext import script_text
from seed import CONFIG, SEED, SEED_SLUG, run_cli
from witness_support import write_three_witnesses

from build_tools.analysis.collate import body_blocks
from build_tools.outputs.site import build_site
from build_tools.text.corpus import load_collection

PAIR = f"collation-{SEED_SLUG}-01--{SEED_SLUG}-02"
THREE = "collation-three-versions-01--three-versions-02--three-versions-03"
ENTRY_ROW = re.compile(r'<tr><td><a href="#v(\d+)-a">\1</a></td>')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("collation") / "site"
    build_site(str(CONFIG), str(out), [str(SEED)])
    return out


@pytest.fixture(scope="module")
def three_site(tmp_path_factory) -> Path:
    source = write_three_witnesses(tmp_path_factory.mktemp("three-source"))
    out = tmp_path_factory.mktemp("three") / "site"
    build_site(str(CONFIG), str(out), [str(source)])
    return out


def page(site: Path, stem: str) -> str:
    return (site / f"{stem}.html").read_text(encoding="utf-8")


def test_one_collation_page_per_group_with_its_downloads(site, three_site):
    assert sorted(p.name for p in site.glob("collation-*")) == [
        f"{PAIR}.csv", f"{PAIR}.html", f"{PAIR}.tei.xml"]
    assert sorted(p.name for p in three_site.glob("collation-*")) == [
        f"{THREE}.csv", f"{THREE}.html", f"{THREE}.tei.xml"]
    html = page(three_site, THREE)
    assert f'<a href="{THREE}.tei.xml" download>' in html
    assert f'<a href="{THREE}.csv" download>' in html


def test_no_generated_file_lands_in_docs():
    docs = CONFIG.parent / "docs"
    assert not list(docs.rglob("collation-*"))


def test_seed_pair_page_aligns_and_numbers_the_readings(site):
    html = page(site, PAIR)
    assert html.count('class="ptx-collation-row"') == 68  # two 2:1 merges, two lone-? rows
    numbers = [int(n) for n in ENTRY_ROW.findall(html)]
    assert numbers == list(range(1, 388))
    for n in (1, 2, 387):
        assert f'id="v{n}-a"' in html and f'id="v{n}-b"' in html
    # 十二 / 102: a numeral whose value changes, said so in the reading's note.
    assert re.search(r'<span class="ptx-reading"> 102 </span> <span class="ptx-sigla">'
                     r'<a href="[^"]+">A 7</a></span></td><td><ul class="ptx-readings"><li>'
                     r'<span class="ptx-reading">十二</span> <span class="ptx-sigla">'
                     r'<a href="[^"]+">B 72</a></span> <span class="ptx-reading-kind" '
                     r'title="數字寫法不同，數值也不同">', html)
    for label, count in (("損壞", 14), ("數字寫法", 98), ("倒文", 7), ("標點", 0), ("脫文", 5),
                         ("衍文", 26), ("異文", 237), ("空格或全半角（另列）", 54)):
        assert re.search(rf"<li[^>]*><bdi [^>]*>{re.escape(label)}</bdi><bdi [^>]*>[^<]*</bdi>"
                         rf"：{count}</li>", html), label


def test_seed_pair_whitespace_layer_is_apart_and_switchable(site):
    html = page(site, PAIR)
    layer = html.split('class="ptx-apparatus ptx-layout-apparatus"', 1)[1]
    assert re.findall(r'<tr><td><a href="#l(\d+)-a">L\1</a></td>', layer) == [
        str(n) for n in range(1, 55)]
    # The numbered apparatus holds no whitespace-only reading.
    readings = html.split('class="ptx-apparatus ptx-variant-apparatus"', 1)[1].split(
        'class="ptx-apparatus ptx-layout-apparatus"', 1)[0]
    assert '<span class="ptx-reading"> </span>' not in readings
    # The switch: a native checkbox with its label, before the rows and the apparatus.
    article = html.split('<article class="ptx-collation"', 1)[1]
    switch = article.index('<input type="checkbox" id="ptx-layout-switch"')
    assert article.index('<label for="ptx-layout-switch"') > switch
    assert switch < article.index('class="ptx-collation-row"')
    assert "顯示空格與全半角之差（54 處）" in html
    assert html.count('class="ptx-var ptx-var-layout ptx-var-layout"') + html.count(
        "ptx-var-gap ptx-var-layout") >= 54


def columns(html: str, witnesses: int) -> list[str]:
    """Each witness's column read back: its Traditional text, editorial marks left out."""
    texts = [""] * witnesses
    rows = html.split('<div class="ptx-collation-row">')[1:]
    for row in rows:
        cells = row.split('<div class="ptx-col">')[1:]
        assert len(cells) == witnesses
        for k, cell in enumerate(cells):
            texts[k] += script_text('<div class="ptx-col">' + cell, "zh-Hant", "ptx-col")
    return texts


@pytest.mark.parametrize("which", ["pair", "three"])
def test_every_character_of_each_witness_is_on_the_page(which, site, three_site, tmp_path):
    if which == "pair":
        html, speeches = page(site, PAIR), load_collection(SEED).speeches[:2]
    else:
        html = page(three_site, THREE)
        speeches = load_collection(write_three_witnesses(tmp_path)).speeches
    shown = columns(html, len(speeches))
    for speech, text in zip(speeches, shown):
        assert text == "".join(block.visible for block in body_blocks(speech))


def test_three_witnesses_in_columns_with_a_joint_apparatus(three_site):
    html = page(three_site, THREE)
    assert '<article class="ptx-collation" style="--ptx-witnesses: 3">' in html
    assert html.count('class="ptx-col"') == 3 * 4  # four joint rows, three columns
    head = html.split('class="ptx-collation-head"', 1)[1].split("</div></div>", 1)[0]
    assert ["A 底本：第一篇", "B 第二篇", "C 第三篇"] == re.findall(
        r'lang="zh-Hant" data-search-exclude>([^<]+)</bdi>', head)
    # Entry 1: 推動 in A only; 推進 in B and C, one reading with both sigla.
    row = html.split('<tr><td><a href="#v1-a">1</a></td>', 1)[1].split("</tr>", 1)[0]
    assert re.fullmatch(
        r'<td><span class="ptx-reading">推動</span> <span class="ptx-sigla">'
        r'<a href="three-versions-01.html#p2">A 2</a></span></td>'
        r'<td><ul class="ptx-readings"><li><span class="ptx-reading">推進</span> '
        r'<span class="ptx-sigla"><a href="three-versions-02.html#p8">B 8</a>，'
        r'<a href="three-versions-03.html#p14">C 14</a></span> '
        r'<span class="ptx-reading-kind" title="用字或用詞不同">.*</span></li></ul></td>'
        r"<td>.*</td>", row)
    # Each witness's column marks the entry; C and B read alike there.
    for siglum in "abc":
        assert f'id="v1-{siglum}"' in html
    assert html.count('class="ptx-var ptx-var-same"') >= 1  # a witness agreeing with A


def test_witness_pages_link_every_other_version_and_the_group_page(site, three_site):
    for own, other in (("01", "02"), ("02", "01")):
        html = page(site, f"{SEED_SLUG}-{own}")
        note = html.split('class="ptx-witnesses"', 1)[1].split("</aside>", 1)[0]
        assert f'href="{SEED_SLUG}-{other}.html"' in note
        assert f'href="{PAIR}.html"' in note and "92.7%" in note
    assert "ptx-witnesses" not in page(site, f"{SEED_SLUG}-03")
    for own in ("01", "02", "03"):
        html = page(three_site, f"three-versions-{own}")
        note = html.split('class="ptx-witnesses"', 1)[1].split("</aside>", 1)[0]
        others = re.findall(r'href="(three-versions-0\d)\.html"', note)
        assert others == [f"three-versions-{n}" for n in ("01", "02", "03") if n != own]
        assert note.count(f'href="{THREE}.html"') == 2


def test_pages_and_downloads_are_the_same_bytes_each_build(site, tmp_path):
    again = tmp_path / "again"
    build_site(str(CONFIG), str(again), [str(SEED)])
    for suffix in (".html", ".tei.xml", ".csv"):
        assert (again / f"{PAIR}{suffix}").read_bytes() == (site / f"{PAIR}{suffix}").read_bytes()


def test_check_lists_the_group_with_counts():
    result = run_cli("check", SEED)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "# 版本組（witness groups）：1" in lines
    group = lines[lines.index("# 版本組（witness groups）：1") + 1]
    assert group.startswith("witnesses: ") and group.endswith(
        "similarity 0.927\tvariants 387: damage 14, numeral 98, transposition 7, "
        "punctuation 0, omission 5, addition 26, substitution 237; layout 54")
