"""A real ``mkdocs serve``: a broken source never hangs a request, a fixed or new one is
served after the rebuild."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUEST_TIMEOUT = 10  # seconds; a hung server answers none within this
REBUILD_TIMEOUT = 90

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_for(url: str, predicate, what: str) -> str:
    deadline = time.monotonic() + REBUILD_TIMEOUT
    while time.monotonic() < deadline:
        try:
            status, body = fetch(url)
        except (urllib.error.URLError, ConnectionError):
            status, body = 0, ""
        except TimeoutError:
            pytest.fail(f"{url} did not answer within {REQUEST_TIMEOUT} s while waiting for {what}")
        if status == 200 and predicate(body):
            return body
        time.sleep(0.3)
    pytest.fail(f"{url}: no {what} within {REBUILD_TIMEOUT} s")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("mkdocs.yml", "docs"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("第一篇:講話\n今天開會。\n", encoding="utf-8")
    return tmp_path


def test_serve_survives_a_broken_source_and_picks_up_new_ones(project):
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    source = project / "sources" / "a.txt"
    try:
        wait_for(f"{base}/a-01.html", lambda body: "今天開會" in body, "first build")
        source.write_bytes("第一篇:講話\n".encode() + b"\x80\x80\n")
        page = wait_for(f"{base}/a-01.html", lambda body: "上次成功的版本" in body,
                        "notice of the broken source")
        assert "a.txt:2: " in page and "今天開會" in page  # the last good text, still there
        source.write_text("第一篇:講話\n明天開會。\n", encoding="utf-8")
        wait_for(f"{base}/a-01.html",
                 lambda body: "明天開會" in body and "上次成功的版本" not in body, "fixed page")
        (project / "sources" / "b.txt").write_text("第一篇:新的\n後天開會。\n", encoding="utf-8")
        wait_for(f"{base}/b-01.html", lambda body: "後天開會" in body, "the new source's page")
    finally:
        server.terminate()
        server.wait(timeout=30)
