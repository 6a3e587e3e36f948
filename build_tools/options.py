"""What every command shares: its options, the loading it does first, one-line errors.

Every source is parsed (and the rules read) before anything is written, so bad input
ends a command before it touches a file: one line naming the file and line, status 2.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from contextlib import ExitStack
from pathlib import Path
from tempfile import TemporaryDirectory

import click

from build_tools.analysis import convert
from build_tools.analysis.convert import DEFAULT_STANDARD, STANDARDS
from build_tools.analysis.rules import RulesError, load_rules, rules_beside
from build_tools.mkdocs_plugin.config import SCRIPT_SETTINGS
from build_tools.outputs.project import CONFIG_FILES, Metadata, neutral_configs, neutral_title
from build_tools.text.corpus import InputError, expand_sources, load_collection
from build_tools.text.model import Collection

log = logging.getLogger("build_tools")

INPUT_ERROR_STATUS = 2
INTERNAL_ERROR_STATUS = 1
# Inputs with more files than this show a progress bar on stderr.
PROGRESS_THRESHOLD = 3

conversions_option = click.option(
    "--conversions",
    metavar="FILE",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="Per-corpus conversion rules (YAML); default: conversions.yml beside the sources.",
)

source_script_option = click.option(
    "--source-script",
    type=click.Choice(SCRIPT_SETTINGS),
    default=None,
    help="The script the sources are written in: hant (Traditional), hans (Simplified), "
         "or auto (each speech by its characters; the default).",
)

standard_option = click.option(
    "--traditional",
    "traditional_standard",
    type=click.Choice(tuple(STANDARDS)),
    default=None,
    help="The Traditional to derive and audit against: tw (Taiwan, the default), twp "
         "(Taiwan with its vocabulary), hk (Hong Kong), opencc.",
)

encoding_option = click.option(
    "--encoding",
    metavar="CODEC",
    default=None,
    help="Decode the sources with this codec (e.g. gb18030, big5) instead of detecting it.",
)


def fail(error: Exception | str) -> None:
    """One line on stderr, exit status 2: the input or an option is wrong."""
    click.echo(f"error: {error}", err=True)
    sys.exit(INPUT_ERROR_STATUS)


def source_paths(sources: tuple[str, ...]) -> list[Path]:
    """The files named and the ``*.txt`` of the folders named; a bad name ends the run."""
    for source in sources:
        path = Path(source)
        if path.is_dir() and not expand_sources([path]):
            fail(f"{path}: no .txt files in this folder; expected source files named *.txt")
        if not path.exists():
            fail(f"{path}: no such file or folder")
        if not path.is_dir() and not path.is_file():
            fail(f"{path}: not a regular file")
    paths = expand_sources(sources)
    if not paths:
        fail(click.UsageError("no source files: name .txt files or a folder holding them"))
    return paths


def load(sources: tuple[str, ...], encoding: str | None,
         conversions: str | None = None, standard: str | None = None) -> list[Collection]:
    """Parse every source (and the rules) before anything is written; bad input ends here."""
    paths = source_paths(sources)
    rules_path = Path(conversions) if conversions else rules_beside(paths)
    try:
        convert.configure(load_rules(rules_path) if rules_path else (),
                          standard or DEFAULT_STANDARD)
    except RulesError as error:
        fail(error)
    collections = []
    with click.progressbar(
        paths,
        label="parsing",
        file=sys.stderr,
        hidden=len(paths) < PROGRESS_THRESHOLD or not sys.stderr.isatty(),
    ) as bar:
        for path in bar:
            try:
                collections.append(load_collection(path, encoding))
            except InputError as error:
                fail(error)
            except OSError as error:
                fail(f"{path}: cannot read: {error.strerror}")
    return collections


class Commands(click.Group):
    """Every command's unexpected failure becomes one line, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            # The reader went away (``ptx check … | head``): nothing more to say to it.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as error:  # noqa: BLE001 (the last resort is the point)
            if ctx.obj and ctx.obj.get("verbose"):
                click.echo(traceback.format_exc().rstrip(), err=True)
            click.echo(f"internal error: {type(error).__name__}: {error}; "
                       "run with --verbose for the traceback", err=True)
            sys.exit(INTERNAL_ERROR_STATUS)


config_file_option = click.option(
    "--config-file", "-f", default=None, type=click.Path(dir_okay=False, exists=True),
    help="The MkDocs configuration (default: mkdocs.yml; the bundle's and the PDF's own "
         "variants for those commands).")


def metadata_options(command):
    """``--title``, ``--description``, ``--author``, ``--licence``: the collection's own
    metadata, for ``new`` and for sources named outside a project."""
    for option in reversed((
        click.option("--title", default=None, help="The collection's name (site name)."),
        click.option("--description", default=None, help="One line on the collection."),
        click.option("--author", default=None, help="Author, editor or publisher."),
        click.option("--licence", default=None, help="A licence line, shown in the footer."),
    )):
        command = option(command)
    return command


def preflight(sources: tuple[str, ...], encoding: str | None,
              conversions: str | None) -> tuple[list[str], list[Collection]]:
    """Report bad input before MkDocs starts; the sources to publish instead of the
    config's, and their collections."""
    if not sources:
        return [], []
    collections = load(sources, encoding, conversions)
    return [str(p) for p in expand_sources(sources)], collections


def plugin_options(source_script: str | None, standard: str | None) -> dict[str, object]:
    return {"source_script": source_script, "traditional_standard": standard}


def site_config(kind: str, config_file: str | None, collections: list[Collection],
                meta: dict[str, str | None], stack: ExitStack) -> tuple[str, dict[str, str]]:
    """The configuration a command builds with, and the site options to set on it.

    Named with ``--config-file``: that one. Sources named on the command line: a neutral
    configuration (see ``outputs.project``) titled ``--title`` or after the collection,
    never after the project the command happens to run in. Otherwise the project's own
    file in the current folder (``mkdocs.yml``, ``mkdocs-offline.yml``, ``mkdocs-print.yml``).
    """
    footer = " · ".join(text for text in (meta.get("author"), meta.get("licence")) if text)
    overrides = {key: value for key, value in (
        ("site_name", meta.get("title")), ("site_description", meta.get("description")),
        ("site_author", meta.get("author")), ("copyright", footer or None))
        if value is not None}
    if config_file:
        return config_file, overrides
    if collections:
        folder = Path(stack.enter_context(TemporaryDirectory(prefix="ptx-config-")))
        title = meta.get("title") or neutral_title(
            [Path(c.path) for c in collections],
            [s.short_title for c in collections for s in c.speeches])
        metadata = Metadata(title, meta.get("description") or "", meta.get("author") or "",
                            meta.get("licence") or "")
        return str(neutral_configs(folder, metadata)[kind]), {}
    default = Path(CONFIG_FILES[kind])
    if not default.is_file():
        fail(f"{default.resolve()}: no such file; expected a collection made with "
             "`ptx new DIR`, or name the sources: ptx build FILE.txt")
    return str(default), overrides
