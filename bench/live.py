"""The live preview measured from outside: a real ``mkdocs serve`` process, polled over HTTP.

``live_preview(project)`` starts ``python -m mkdocs serve --dirty`` on the project's
``ours.yml`` (as ``make serve`` runs it on ``mkdocs.yml``) on a free port of 127.0.0.1,
waits until the page of one speech is served, then inserts a marker at the start of that
speech's first paragraph in its source file, as an editor saving the file would, and
polls the page until the marker is in it: ``edit_seconds`` is the time from the save to
the first response holding the new text (a request made while MkDocs rebuilds is
answered when the rebuild is done, as a browser's reload would be). The source is
restored and the server stopped afterwards, whatever happened.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from build_tools.text.model import Paragraph
from project import Project

MARKER = "甲乙丙丁戊己庚辛"  # the same in both scripts: OpenCC leaves it as it is
POLL_SECONDS = 0.2
WATCH_SETTLE_SECONDS = 1.5  # MkDocs' file watcher polls every 0.5 s


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=max(timeout, 0.1)) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
        return None


def edit_target(project: Project) -> tuple[str, Path, int]:
    """The page, source file and line of the first paragraph of the middle speech of the
    middle source file."""
    path = project.sources[len(project.sources) // 2]
    speeches = [(page, speech) for page, p, speech in project.speeches if p == path]
    page, speech = speeches[len(speeches) // 2]
    paragraph = next(b for b in speech.blocks()
                     if isinstance(b, Paragraph) and b.visible.strip())
    return page, path, paragraph.line


def insert_marker(path: Path, line: int) -> bytes:
    """Put ``MARKER`` at the start of ``line``; returns the file's original bytes."""
    original = path.read_bytes()
    lines = original.decode("utf-8").split("\n")
    lines[line - 1] = MARKER + lines[line - 1]
    path.write_bytes("\n".join(lines).encode("utf-8"))
    return original


def peak_rss_mb(pid: int) -> float | None:
    try:
        for row in Path(f"/proc/{pid}/status").read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    except OSError:
        pass
    return None


def page_index_text(base: str, page: str, timeout: float) -> str | None:
    """What Material's search index holds for ``page`` (its entries whatever their
    fields, as JSON), word breaks (U+200B) taken out."""
    body = fetch(f"{base}/search/search_index.json", timeout)
    if body is None:
        return None
    docs = json.loads(body).get("docs", [])
    entries = [d for d in docs if str(d.get("location", "")).split("#")[0] == page]
    return json.dumps(entries, ensure_ascii=False).replace("\u200b", "")


def wait_for(url: str, proc: subprocess.Popen, deadline: float, text: str | None) -> bool:
    """Poll ``url`` until it answers (holding ``text``, when given) or ``deadline``."""
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            return False
        body = fetch(url, deadline - time.perf_counter())
        if body is not None and (text is None or text in body):
            return True
        time.sleep(POLL_SECONDS)
    return False


def live_preview(project: Project, start_timeout: float, timeout: float) -> dict:
    """Start (within ``start_timeout`` seconds), edit, poll (for ``timeout`` seconds)."""
    page, path, line = edit_target(project)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/{page}"
    log_path = project.folder / "serve.log"
    result: dict = {"size": project.size, "speeches": len(project.speeches), "page": page,
                    "timeout_seconds": timeout}
    started = time.perf_counter()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--config-file",
             str(project.ours_config),
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project.folder, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    original = None
    try:
        if not wait_for(url, proc, started + start_timeout, None):
            raise RuntimeError(f"mkdocs serve did not serve {page} in {start_timeout:.0f} s "
                               f"(exit {proc.poll()}): {tail(log_path)}")
        result["startup_seconds"] = time.perf_counter() - started
        if MARKER in (fetch(url, timeout) or ""):
            raise RuntimeError(f"{page} holds the marker {MARKER} before the edit")
        index_before = page_index_text(base, page, timeout)
        time.sleep(WATCH_SETTLE_SECONDS)
        saved = time.perf_counter()
        original = insert_marker(path, line)
        updated = wait_for(url, proc, saved + timeout, MARKER)
        result["edit_seconds"] = time.perf_counter() - saved if updated else None
        result["timed_out"] = not updated
        if updated:
            # An index may split and repeat words: its entries for the page changed and
            # hold every character of the marker.
            index = page_index_text(base, page, timeout)
            if index == index_before == "[]":  # not in Material's index (Pagefind's instead)
                result["search_index_updated"] = None
            else:
                result["search_index_updated"] = bool(
                    index and index != index_before and all(ch in index for ch in MARKER))
        result["serve_peak_rss_mb"] = peak_rss_mb(proc.pid)
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited ({proc.returncode}): {tail(log_path)}")
    finally:
        if original is not None:
            path.write_bytes(original)
        stop(proc)
    return result


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def tail(path: Path, chars: int = 1500) -> str:
    try:
        return path.read_text("utf-8", "replace")[-chars:]
    except OSError:
        return ""
