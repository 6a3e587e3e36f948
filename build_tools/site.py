"""Building the site with MkDocs, replacing the old site only when the build succeeds."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .plugin import ParallelTextsPlugin

log = logging.getLogger(__name__)

PLUGIN_NAME = "parallel-texts"


class SiteBuildError(Exception):
    """The build failed; ``str()`` is the one-line reason."""


class _LastError(logging.Handler):
    """Keeps the last error MkDocs logged: its ``Abort`` only says that there was one."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.message: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.message = record.getMessage().strip().splitlines()[-1]


def _plugin(config) -> ParallelTextsPlugin:
    for name, plugin in config.plugins.items():
        if isinstance(plugin, ParallelTextsPlugin):
            return plugin
    raise SiteBuildError(f"{config.config_file_path}: the {PLUGIN_NAME!r} plugin is not enabled")


def build_site(
    config_file: str,
    site_dir: str,
    sources: list[str] | None = None,
    *,
    strict: bool = True,
    encoding: str | None = None,
) -> str:
    """Build into a fresh folder next to ``site_dir``, then swap it in.

    ``sources``, when given, replace the ones named in the config. Returns a summary line.
    """
    target = Path(site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    started = time.perf_counter()
    errors = _LastError()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(errors)
    try:
        config = load_config(config_file, site_dir=str(staging), strict=strict)
        plugin = _plugin(config)
        if sources:
            plugin.source_override = sources
        if encoding:
            plugin.config.encoding = encoding
        build(config)
    except MkDocsException as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteBuildError(errors.message or str(error).strip().splitlines()[-1]) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        mkdocs_log.removeHandler(errors)
    _swap(staging, target)
    return (f"built {len(plugin.pages)} speeches into {site_dir} "
            f"in {time.perf_counter() - started:.1f} s")


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, keeping the old tree until the new one is in place."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{new.name}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
