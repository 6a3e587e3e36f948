"""The collation page of the seed's two witnesses, in the real build, and in `check`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.outputs.site import build_site

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "000_a0dc2aa1bc4bc1e3.txt"
PAGE = "collation-000-a0dc2aa1bc4bc1e3-01--000-a0dc2aa1bc4bc1e3-02.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("collation") / "site"
    build_site(str(ROOT / "mkdocs.yml"), str(out), [str(SEED)])
    return out


def test_exactly_one_collation_page(site):
    assert sorted(p.name for p in site.glob("collation-*.html")) == [PAGE]


def test_collation_page_aligns_and_numbers_variants(site):
    html = (site / PAGE).read_text(encoding="utf-8")
    rows = html.count('class="ptx-collation-row"')
    assert rows == 68  # 70 blocks of 第一篇, 66 of 第二篇: two 2:1 merges, two lone-? rows
    variants = re.findall(r'<tr><td><a href="#v(\d+)-a">', html)
    assert [int(n) for n in variants] == list(range(1, 388))
    for n in (1, 2, 387):
        assert f'id="v{n}-a"' in html and f'id="v{n}-b"' in html
    # 十二 / 102: a numeral variant whose value changes, listed as such.
    assert re.search(r"<td> 102 </td><td>十二</td><td title=\"數字寫法不同，數值也不同\">", html)
    for label, count in (("損壞", 14), ("數字寫法", 98), ("倒文", 7), ("標點", 0), ("脫文", 5),
                         ("衍文", 26), ("異文", 237)):
        assert re.search(rf"<li><bdi [^>]*>{label}</bdi><bdi [^>]*>[^<]*</bdi>：{count}</li>",
                         html), label


def test_witness_pages_link_each_other_and_the_collation(site):
    for own, other in (("01", "02"), ("02", "01")):
        html = (site / f"000-a0dc2aa1bc4bc1e3-{own}.html").read_text(encoding="utf-8")
        note = html.split('class="ptx-witnesses"', 1)[1].split("</aside>", 1)[0]
        assert f'href="000-a0dc2aa1bc4bc1e3-{other}.html"' in note
        assert f'href="{PAGE}"' in note and "92.7%" in note
    third = (site / "000-a0dc2aa1bc4bc1e3-03.html").read_text(encoding="utf-8")
    assert "ptx-witnesses" not in third


def test_check_lists_the_group_with_counts():
    result = subprocess.run([sys.executable, "-m", "build_tools", "check", str(SEED)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "# 版本組（witness groups）：1" in lines
    group = lines[lines.index("# 版本組（witness groups）：1") + 1]
    assert group.startswith("witnesses: ") and group.endswith("similarity 0.927\tvariants 387: damage 14, numeral 98, "
                          "transposition 7, punctuation 0, omission 5, addition 26, substitution 237")
