"""Output folders and files: nothing of the user's is deleted or overwritten, created
files get ordinary permissions, an interrupted build leaves no staging folder."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_tools.outputs.bundle import ZIP_COMMENT, is_bundle
from build_tools.outputs.output_dir import SITE_MARKER
from seed import REPO_ROOT, run_cli

TEXT = "第一篇:我的講話\n同志們:\n今天開會。\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A user's folder: their text and a folder of notes beside it."""
    (tmp_path / "my.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "draft.txt").write_text("草稿", encoding="utf-8")
    return tmp_path


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_folder_holding_a_source_is_refused(project):
    before = tree(project)
    result = run_cli("build", project / "my.txt", "--site-dir", project)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: --site-dir {project}: refused: the folder holds {project / 'my.txt'}, "
        "which the build reads; choose a new or empty folder for the site"]
    assert tree(project) == before


def test_the_project_root_with_git_and_config_is_refused():
    result = run_cli("build", "--site-dir", ".")
    assert result.returncode == 2
    assert f"--site-dir {REPO_ROOT}: refused" in result.stderr
    assert (REPO_ROOT / ".git").exists() and (REPO_ROOT / "mkdocs.yml").is_file()


def test_a_folder_of_the_user_survives(project):
    before = tree(project / "notes")
    result = run_cli("build", project / "my.txt", "--site-dir", project / "notes")
    assert result.returncode == 2
    assert "not made by a site build" in result.stderr and "notes" in result.stderr
    assert tree(project / "notes") == before


def test_a_previous_site_or_an_empty_folder_is_replaced(project):
    site = project / "public"
    site.mkdir()
    assert run_cli("build", project / "my.txt", "--site-dir", site).returncode == 0
    assert (site / SITE_MARKER).is_file() and (site / "my-01.html").is_file()
    (project / "my.txt").write_text(TEXT.replace("今天開會", "明天開會"), encoding="utf-8")
    result = run_cli("build", project / "my.txt", "--site-dir", site)
    assert result.returncode == 0, result.stderr
    assert "明天開會" in (site / "my-01.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in project.iterdir()) == ["my.txt", "notes", "public"]


def test_created_files_have_ordinary_permissions(project):
    site = project / "site"
    env_umask = os.umask(0o022)
    try:
        assert run_cli("build", project / "my.txt", "--site-dir", site).returncode == 0
    finally:
        os.umask(env_umask)
    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    assert stat.S_IMODE((site / "assets").stat().st_mode) == 0o755
    assert stat.S_IMODE((site / "my-01.html").stat().st_mode) == 0o644


def test_summary_reads_right_for_one_speech(project):
    result = run_cli("build", project / "my.txt", "--site-dir", project / "site")
    assert "1 speech (1 篇)" in result.stdout and "speeches" not in result.stdout


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_leaves_no_staging_folder(project, signum):
    # Enough text that the build is still running when the signal comes.
    (project / "big.txt").write_text(
        "".join(f"第{n}篇:講話{n}\n" + "今天開會，大家發言。\n" * 300 for n in range(1, 40)),
        encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "build_tools", "build", str(project / "big.txt"),
         "--site-dir", str(project / "site")],
        cwd=REPO_ROOT, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".site-build-") for p in project.iterdir()):
        assert time.monotonic() < deadline and process.poll() is None, "build never started"
        time.sleep(0.05)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "Traceback" not in stderr
    assert sorted(p.name for p in project.iterdir()) == ["big.txt", "my.txt", "notes"]


def test_bundle_never_overwrites_a_file_it_did_not_write(project):
    out = project / "notes" / "draft.txt"
    result = run_cli("bundle", project / "my.txt", "--out", out)
    assert result.returncode == 2
    assert f"--out {out}: refused: the file exists and was not written" in result.stderr
    assert out.read_text(encoding="utf-8") == "草稿"


def test_bundle_replaces_its_own_zip(project):
    out = project / "dist" / "my.zip"
    for _ in range(2):
        result = run_cli("bundle", project / "my.txt", "--out", out)
        assert result.returncode == 0, result.stderr
    assert is_bundle(out)
    import zipfile
    with zipfile.ZipFile(out) as archive:
        assert archive.comment == ZIP_COMMENT
        assert not any(name.endswith(SITE_MARKER) for name in archive.namelist())


def test_pdf_never_overwrites_a_file_it_did_not_write(project):
    out = project / "notes" / "draft.txt"
    result = run_cli("pdf", project / "my.txt", "--out", out)
    assert result.returncode == 2
    assert f"--out {out}: refused: the file exists and was not written" in result.stderr
    assert out.read_text(encoding="utf-8") == "草稿"
