"""``ptx collate SOURCE… --out DIR``: one TEI and one CSV per group of versions, the same
bytes as the site's downloads, and never over a file it did not write."""

from __future__ import annotations

from lxml import etree
from seed import SEED, SEED_SLUG, run_cli
from witness_support import write_three_witnesses

from build_tools.cli import INPUT_ERROR_STATUS
from build_tools.outputs.collation_files import is_ours

PAIR = f"collation-{SEED_SLUG}-01--{SEED_SLUG}-02"
THREE = "collation-three-versions-01--three-versions-02--three-versions-03"
NAMES = sorted(f"{stem}{suffix}" for stem in (PAIR, THREE) for suffix in (".csv", ".tei.xml"))


def test_writes_one_tei_and_one_csv_per_group(tmp_path):
    three = write_three_witnesses(tmp_path / "sources")
    out = tmp_path / "out"
    result = run_cli("collate", SEED, three, "--out", out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == NAMES
    assert result.stdout.splitlines() == [
        f"{PAIR}: 2 witnesses, 387 entries, 54 layout",
        f"{THREE}: 3 witnesses, 7 entries, 1 layout",
    ]
    root = etree.parse(str(out / f"{THREE}.tei.xml")).getroot()
    assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"
    assert all(is_ours(p) for p in out.iterdir())
    # Run again: its own files are replaced, with the same bytes.
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert run_cli("collate", SEED, three, "--out", out).returncode == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_refuses_a_file_it_did_not_write_and_writes_nothing(tmp_path):
    three = write_three_witnesses(tmp_path / "sources")
    out = tmp_path / "out"
    out.mkdir()
    theirs = out / f"{THREE}.csv"
    theirs.write_text("layer,entry\nmine\n", encoding="utf-8")
    result = run_cli("collate", SEED, three, "--out", out)
    assert result.returncode == INPUT_ERROR_STATUS
    assert "refused" in result.stderr and theirs.name in result.stderr
    assert theirs.read_text(encoding="utf-8") == "layer,entry\nmine\n"
    assert [p.name for p in out.iterdir()] == [theirs.name]  # nothing else written


def test_no_group_writes_nothing(tmp_path):
    lone = tmp_path / "lone.txt"
    lone.write_text("第一篇:一篇\n只有一個版本的講話。\n", encoding="utf-8")
    result = run_cli("collate", lone, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "nothing written" in result.stdout
    assert not (tmp_path / "out").exists()


def test_is_ours_reads_the_first_bytes(tmp_path):
    fake = tmp_path / "x.tei.xml"
    fake.write_text('<?xml version="1.0"?><TEI/>', encoding="utf-8")
    assert not is_ours(fake)
    assert not is_ours(tmp_path / "missing.csv")
