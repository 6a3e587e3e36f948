"""The command line, run as users run it: ``python -m build_tools`` in a subprocess."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from build_tools.analysis.convert import backend
from build_tools.cli import COLUMNS, INPUT_ERROR_STATUS
from build_tools.text.corpus import load_collection
from build_tools.text.model import TitleLine
from seed import SEED, SEED_NAME, SEED_SLUG, run_cli, table


# What ``check`` prints for the seed, one row per speech, in the order of COLUMNS.
SEED_ROWS = [
    ["1", "全縣脫貧攻堅決戰決勝誓師大會領導講話", "講話", "繁", "1", "56", "7637", "1210", "36", "22", "120", "10"],
    ["2", "全縣脫貧攻堅決戰決勝誓師大會領導講話", "講話", "繁", "1", "52", "7655", "1211", "36", "16", "119", "3"],
    ["3", "決戰決勝脫貧攻堅誓師大會發言材料", "發言材料", "繁", "1", "14", "1618", "272", "8", "1", "13", "0"],
    ["4", "決戰決勝脫貧攻堅事跡材料", "事跡材料", "繁", "1", "7", "1804", "251", "13", "7", "36", "2"],
    ["5", "決戰決勝脫貧攻堅-黨課", "黨課", "繁", "3", "53", "6313", "997", "5", "23", "101", "4"],
]
SEED_WARNINGS = 19

BAD_BYTES = "第一篇:講話\n".encode("utf-8") + b"\xff\xfe\xfa\n"


def front_matter(markdown: str) -> dict:
    assert markdown.startswith("---\n")
    header, _ = markdown[len("---\n"):].split("\n---\n", 1)
    return yaml.safe_load(header)


def assert_one_line_error(result: subprocess.CompletedProcess[str], path: Path) -> str:
    assert result.returncode == INPUT_ERROR_STATUS == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {path}:")
    return lines[0]


@pytest.fixture(scope="module")
def seed_check() -> subprocess.CompletedProcess[str]:
    return run_cli("check", SEED_NAME)


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "md"
    result = run_cli("export", SEED_NAME, "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote 5 files to {out}" in result.stderr
    return out


@pytest.fixture
def gb18030_crlf_seed(tmp_path: Path) -> Path:
    path = tmp_path / "seed-gb18030.txt"
    text = SEED.read_text(encoding="utf-8")
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    return path


# ---------------------------------------------------------------------------------- check


def test_check_prints_one_row_per_speech(seed_check: subprocess.CompletedProcess[str]) -> None:
    assert seed_check.returncode == 0, seed_check.stderr
    assert seed_check.stdout.splitlines()[0] == f"# 轉換：{backend()}，臺灣標準（tw）"
    assert seed_check.stdout.splitlines()[1] == f"# {SEED_NAME}: 5 篇\t編碼 utf-8"
    header, rows = table(seed_check.stdout)
    assert header == list(COLUMNS)
    assert rows == SEED_ROWS
    assert all(len(row) == len(COLUMNS) for row in rows)


def test_check_row_of_the_party_lesson_shows_three_articles(
    seed_check: subprocess.CompletedProcess[str],
) -> None:
    _, rows = table(seed_check.stdout)
    fifth = dict(zip(COLUMNS, rows[4]))
    assert (fifth["篇"], fifth["類型"], fifth["文章"]) == ("5", "黨課", "3")


def test_check_lists_warnings_with_file_and_line(
    seed_check: subprocess.CompletedProcess[str],
) -> None:
    warnings = [ln for ln in seed_check.stdout.splitlines() if ln.startswith("warning: ")]
    assert len(warnings) == SEED_WARNINGS
    # the per-speech warning column adds up to the warnings listed
    _, rows = table(seed_check.stdout)
    assert sum(int(row[COLUMNS.index("提示")]) for row in rows) == SEED_WARNINGS
    assert (
        f"warning: {SEED_NAME}:154:1: numbered heading 4 (一、) where 3 was expected: "
        "a gap in the numbering"
    ) in warnings
    assert f"warning: {SEED_NAME}:3:1: lone '?': read as a lost character" in warnings


def test_gb18030_crlf_copy_parses_to_the_same_model(gb18030_crlf_seed: Path) -> None:
    original = load_collection(SEED)
    copy = load_collection(gb18030_crlf_seed)
    assert copy.source == original.source == SEED.read_text(encoding="utf-8")
    assert copy.preamble == original.preamble
    assert copy.speeches == original.speeches
    assert [(w.line, w.column, w.message) for w in copy.warnings] == [
        (w.line, w.column, w.message) for w in original.warnings
    ]


def test_gb18030_crlf_copy_gives_the_same_check_rows(
    gb18030_crlf_seed: Path, seed_check: subprocess.CompletedProcess[str]
) -> None:
    rules = SEED.parent / "conversions.yml"  # the copy sits elsewhere: name the seed's rules
    result = run_cli("check", gb18030_crlf_seed, "--conversions", rules)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].endswith("\t編碼 gb18030")
    assert (result.stdout.replace(str(gb18030_crlf_seed), SEED_NAME)
            .replace("\t編碼 gb18030", "\t編碼 utf-8")) == seed_check.stdout


def test_invalid_bytes_exit_2_with_one_line_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(BAD_BYTES)
    line = assert_one_line_error(run_cli("check", bad), bad)
    assert line.startswith(f"error: {bad}:2: ")
    assert "0xff" in line
    assert "--encoding" in line


def test_empty_file_exits_2_with_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    line = assert_one_line_error(run_cli("check", empty), empty)
    assert line == f"error: {empty}:1: empty file: expected speech text"


def test_plain_text_without_header_is_one_speech_titled_by_its_first_line(
    tmp_path: Path,
) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("一個標題\n正文第一段。\n", encoding="utf-8")

    result = run_cli("check", plain)

    assert result.returncode == 0, result.stderr
    _, rows = table(result.stdout)
    assert rows == [["1", "一個標題", "-", "繁", "1", "1", "10", "0", "0", "0", "0", "0"]]
    (speech,) = load_collection(plain).speeches
    assert isinstance(speech.header, TitleLine)
    assert (speech.ordinal, speech.title, speech.kind) == (1, "一個標題", None)

    out = tmp_path / "out"
    assert run_cli("export", plain, "--out", out).returncode == 0
    markdown = (out / "plain-01.md").read_text(encoding="utf-8")
    assert front_matter(markdown)["title"] == "一個標題"
    assert "\n# 一個標題\n\n正文第一段。\n" in markdown


# --------------------------------------------------------------------------------- export


def test_export_writes_one_file_per_speech(seed_export: Path) -> None:
    assert sorted(p.name for p in seed_export.iterdir()) == [
        f"{SEED_SLUG}-{n:02d}.md" for n in range(1, 6)
    ]


def test_export_first_speech_has_readings_and_yaml_header(seed_export: Path) -> None:
    markdown = (seed_export / f"{SEED_SLUG}-01.md").read_text(encoding="utf-8")
    assert "{堅|jiān}" in markdown
    meta = front_matter(markdown)
    assert meta["title"] == "全縣脫貧攻堅決戰決勝誓師大會領導講話"
    assert meta["ordinal"] == 1
    assert meta["kind"] == "講話"
    assert meta["lines"] == [1, 66]
    assert "\n# 全縣脫貧攻{堅|jiān}決{戰|zhàn}決勝" in markdown


@pytest.mark.parametrize("ordinal, kind", [(2, "講話"), (3, "發言材料"), (4, "事跡材料"), (5, "黨課")])
def test_export_yaml_header_of_every_speech(seed_export: Path, ordinal: int, kind: str) -> None:
    meta = front_matter((seed_export / f"{SEED_SLUG}-{ordinal:02d}.md").read_text("utf-8"))
    assert (meta["ordinal"], meta["kind"]) == (ordinal, kind)


def test_export_party_lesson_labels_its_three_articles(seed_export: Path) -> None:
    markdown = (seed_export / f"{SEED_SLUG}-05.md").read_text(encoding="utf-8")
    h2 = [ln for ln in markdown.splitlines() if ln.startswith("## ")]
    assert h2 == ["## 其一", "## 其二", "## 其三"]
    # the articles' own headings move one level down
    assert "### 一、抗疫精神的重大意義" in markdown.splitlines()


def test_export_escapes_redaction_asterisks(seed_export: Path) -> None:
    markdown = (seed_export / f"{SEED_SLUG}-03.md").read_text(encoding="utf-8")
    # 萬 carries its reading in the source, so it is written as {萬|wàn}
    assert "剩下的\\*\\*.\\*{萬|wàn}人" in markdown
    assert "**.*" not in markdown


def test_export_with_bad_input_creates_no_output_dir(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(BAD_BYTES)
    out = tmp_path / "out"
    assert_one_line_error(run_cli("export", bad, "--out", out), bad)
    assert not out.exists()


def test_export_with_one_bad_source_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(BAD_BYTES)
    out = tmp_path / "out"
    out.mkdir()
    assert_one_line_error(run_cli("export", SEED_NAME, bad, "--out", out), bad)
    assert list(out.iterdir()) == []


def test_check_reports_every_pair_of_a_group_of_three(tmp_path):
    # 第一篇 and 第二篇 are versions of one speech; a copy of 第二篇 makes a third, joined
    # to 第一篇 only through 第二篇's copy (the case that had no measured similarity).
    seed = SEED.read_text(encoding="utf-8")
    second = seed[seed.index("第二篇"):seed.index("第三篇")]
    three = tmp_path / "three.txt"
    three.write_text(seed.rstrip("\n") + "\n" + second.replace("第二篇", "第六篇", 1),
                     encoding="utf-8")
    result = run_cli("check", three)
    assert result.returncode == 0, result.stderr
    pairs = [line for line in result.stdout.splitlines() if line.startswith("witnesses: ")]
    assert [line.split("\t")[0] for line in pairs] == [
        f"witnesses: {three}:1 ⇄ {three}:2", f"witnesses: {three}:1 ⇄ {three}:6"]
    similarities = [float(line.split("\t")[1].removeprefix("similarity ")) for line in pairs]
    assert similarities[0] == similarities[1] and 0.9 < similarities[0] < 0.95


def test_a_folder_without_sources_is_named(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_cli("check", tmp_path / "empty")
    assert result.returncode == INPUT_ERROR_STATUS
    assert result.stderr.strip() == (f"error: {tmp_path / 'empty'}: no .txt files in this folder; "
                                     "expected source files named *.txt")


def test_a_missing_source_is_one_line(tmp_path):
    result = run_cli("build", tmp_path / "nope.txt", "--site-dir", tmp_path / "site")
    assert result.returncode == INPUT_ERROR_STATUS
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.txt'}: no such file or folder"


def test_build_takes_conversions(tmp_path):
    source = tmp_path / "my.txt"
    source.write_text("第一篇:講話\n同志們:\n今天開會。\n", encoding="utf-8")
    rules = tmp_path / "rules.yml"
    rules.write_text("- : bad\n", encoding="utf-8")
    result = run_cli("build", source, "--site-dir", tmp_path / "site", "--conversions", rules)
    assert result.returncode == INPUT_ERROR_STATUS
    assert str(rules) in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "site").exists()


def test_an_internal_error_is_one_line_pointing_to_verbose(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from build_tools import cli

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "speech_stats", broken)
    source = tmp_path / "my.txt"
    source.write_text("第一篇:講話\n同志們:\n", encoding="utf-8")
    quiet = CliRunner().invoke(cli.main, ["check", str(source)])
    assert quiet.exit_code == cli.INTERNAL_ERROR_STATUS
    assert quiet.stderr.strip() == ("internal error: ZeroDivisionError: division by zero; "
                                    "run with --verbose for the traceback")
    verbose = CliRunner().invoke(cli.main, ["--verbose", "check", str(source)])
    assert verbose.exit_code == cli.INTERNAL_ERROR_STATUS
    assert "Traceback" in verbose.stderr


def test_a_long_title_is_cut_for_navigation_with_a_warning(tmp_path):
    title = "很長的標題" * 100
    source = tmp_path / "long.txt"
    source.write_text(f"第一篇:{title}\n同志們:\n今天開會。\n", encoding="utf-8")
    result = run_cli("check", source)
    assert (f"warning: {source}:1:1: title of 500 characters: navigation and page titles show "
            "its first 60 (the whole line stays in the text)") in result.stdout
    assert table(result.stdout)[1][0][1] == title[:60] + "…"
    site = tmp_path / "site"
    assert run_cli("build", source, "--site-dir", site).returncode == 0
    page = (site / "long-01.html").read_text(encoding="utf-8")
    window_title = page[page.index("<title>") + 7:page.index("</title>")]
    page_title, site_name = window_title.split(" - ")
    assert page_title == "第一篇 " + title[:60] + "…"
    assert site_name == title[:60] + "…"  # a collection of one speech is named after it
    assert title in page  # the whole line, in the text
