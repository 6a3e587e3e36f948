"""Building the site with MkDocs, replacing the old site only when the build succeeds."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from build_tools.outputs.output_dir import (
    UnsafeOutputError,
    check_site_dir,
    interrupts_unwind,
    make_staging_dir,
    mark_site,
)
from build_tools.mkdocs_plugin.plugin import ParallelTextsPlugin
from build_tools.text.model import Collection

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
    conversions: str | None = None,
    plugin_options: dict[str, object] | None = None,
    site_options: dict[str, str] | None = None,
    parsed: list[Collection] | None = None,
    option: str = "--site-dir",
) -> str:
    """Build into a fresh folder next to ``site_dir``, then swap it in.

    ``sources``, when given, replace the ones named in the config, ``conversions`` the
    rules file, ``plugin_options`` (``source_script``, ``traditional_standard`` …) the
    plugin's options of the same names, ``site_options`` MkDocs' (``site_name`` …);
    ``parsed`` are the sources already parsed (by the command line's check), not parsed
    again.
    ``site_dir`` must be new, empty or a previous site (see ``output_dir``);
    ``option`` names it in the error otherwise. Returns a summary line.
    """
    target = Path(site_dir).resolve()
    started = time.perf_counter()
    errors = _LastError()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(errors)
    staging: Path | None = None
    plugin: ParallelTextsPlugin | None = None
    try:
        with interrupts_unwind():
            config, plugin = _configured(config_file, strict, sources, conversions,
                                         dict(plugin_options or {}, encoding=encoding),
                                         site_options or {})
            plugin.loader.prime(parsed or (), encoding)
            check_site_dir(target, _protected(config, plugin), option)
            staging = make_staging_dir(target.parent, f".{target.name}-build-")
            config.site_dir = str(staging)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
            mark_site(staging)
            _swap(staging, target)
    except MkDocsException as error:
        raise SiteBuildError(errors.message or str(error).strip().splitlines()[-1]) from None
    except UnsafeOutputError as error:
        raise SiteBuildError(str(error)) from None
    finally:
        mkdocs_log.removeHandler(errors)
        if plugin is not None:
            plugin.source_override = plugin.conversions_override = None
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    count = len(plugin.pages)
    return (f"built {site_dir}: {count} {'speech' if count == 1 else 'speeches'} "
            f"({count} 篇) in {time.perf_counter() - started:.1f} s")


def _configured(config_file: str, strict: bool, sources: list[str] | None,
                conversions: str | None, plugin_options: dict[str, object],
                site_options: dict[str, str]):
    """The loaded configuration with the command line's choices set on it, and the plugin."""
    config = load_config(config_file, strict=strict)
    for name, value in site_options.items():
        config[name] = value
    plugin = _plugin(config)
    # MkDocs keeps one instance of a plugin with ``on_startup`` per process: what this
    # build sets is set anew each time, and unset after it (see ``build_site``).
    plugin.source_override = sources or None
    plugin.conversions_override = conversions
    for name, value in plugin_options.items():
        if value is not None:
            plugin.config[name] = value
    return config, plugin


def _protected(config, plugin: ParallelTextsPlugin) -> list[Path]:
    """What a build must never delete: the configuration, docs, sources and rules."""
    paths = [Path(config.config_file_path), Path(config.docs_dir)]
    paths += plugin.source_paths_for(config)
    rules = plugin.rules_path_for(config)
    if rules is not None:
        paths.append(rules)
    return paths


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, keeping the old tree until the new one is in place."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{new.name}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
