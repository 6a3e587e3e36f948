"""Where a command may write: folders and files it made itself, and nothing else.

A site directory is replaced only when it is new, empty, or holds the marker file that
every site build leaves at its top (``.ptx-site``). A folder that holds the MkDocs
configuration, a source, or a ``.git`` (or that lies above one of them) is refused
whatever it holds: replacing it would delete the user's project. A single output file
(the bundle's zip, the PDF) is replaced only when it is one of ours, recognised by
``is_ours``.

Staging folders made here get the permissions of a folder made with ``mkdir`` (the
umask decides: 0755 by default), not the 0700 of a private temporary folder, so a web
server running as another user can read the site.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

SITE_MARKER = ".ptx-site"
SITE_MARKER_TEXT = ("This folder is a site built by parallel-texts (ptx build). "
                    "The next build replaces it as a whole.\n")


class UnsafeOutputError(Exception):
    """An output location that would put the user's files at risk; ``str()`` is one line."""

    def __init__(self, path: Path, option: str, reason: str) -> None:
        self.path = path
        super().__init__(f"{option} {path}: {reason}")


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _protected_reason(target: Path, protected: Iterable[Path]) -> str | None:
    if (target / ".git").exists():
        return "holds a .git folder"
    for path in protected:
        path = path.resolve()
        if path == target or target in path.parents:
            return f"holds {path}, which the build reads"
    return None


def check_site_dir(target: Path, protected: Iterable[Path], option: str = "--site-dir") -> None:
    """Raise :class:`UnsafeOutputError` unless a build may replace ``target``.

    ``protected`` are the configuration file, the sources, the docs folder: paths that must
    survive the build.
    """
    target = target.resolve()
    reason = _protected_reason(target, protected)
    if reason:
        raise UnsafeOutputError(target, option, f"refused: the folder {reason}; "
                                "choose a new or empty folder for the site")
    if not target.exists():
        return
    if not target.is_dir():
        raise UnsafeOutputError(target, option, "is a file, expected a folder for the site")
    if (target / SITE_MARKER).is_file() or not any(target.iterdir()):
        return
    raise UnsafeOutputError(
        target, option,
        f"refused: the folder is not empty and was not made by a site build (no {SITE_MARKER} "
        "in it); choose a new or empty folder, or empty this one yourself")


def check_output_file(target: Path, option: str, is_ours: Callable[[Path], bool]) -> None:
    """Raise unless ``target`` may be written: absent, or a file a previous run wrote."""
    if not target.exists():
        return
    if target.is_dir():
        raise UnsafeOutputError(target.resolve(), option, "is a folder, expected a file name")
    if not is_ours(target):
        raise UnsafeOutputError(target.resolve(), option,
                                "refused: the file exists and was not written by this command; "
                                "choose another name or remove it yourself")


def make_staging_dir(parent: Path, prefix: str) -> Path:
    """A new folder in ``parent`` with ordinary permissions (``mkdtemp`` gives 0700)."""
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    folder.chmod(0o777 & ~current_umask())
    return folder


def mark_site(folder: Path) -> None:
    (folder / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")


@contextmanager
def interrupts_unwind() -> Iterator[None]:
    """Turn SIGTERM into ``KeyboardInterrupt`` meanwhile, so ``finally`` blocks and
    ``except BaseException`` clean-ups run as they do on Ctrl-C (SIGINT)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
