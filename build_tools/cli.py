"""Command line: a thin layer over the library.

    python -m build_tools check  SOURCE…            counts per speech, and what was guessed
    python -m build_tools export SOURCE… --out DIR  one Markdown file per speech
    python -m build_tools build  [SOURCE…] [--site-dir DIR]   the whole site

Bad input prints one line naming the file and line and exits with status 2; nothing is
written then.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import convert
from .corpus import InputError, expand_sources, load_collection
from .rules import RulesError, load_rules, rules_beside
from .model import Collection
from .stats import speech_stats

log = logging.getLogger("build_tools")

INPUT_ERROR_STATUS = 2
# Inputs with more files than this show a progress bar on stderr.
PROGRESS_THRESHOLD = 3

conversions_option = click.option(
    "--conversions",
    metavar="FILE",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="Per-corpus conversion rules (YAML); default: conversions.yml beside the sources.",
)

encoding_option = click.option(
    "--encoding",
    metavar="CODEC",
    default=None,
    help="Decode the sources with this codec (e.g. gb18030, big5) instead of detecting it.",
)


def _fail(error: Exception) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(INPUT_ERROR_STATUS)


def _load(sources: tuple[str, ...], encoding: str | None,
          conversions: str | None = None) -> list[Collection]:
    paths = expand_sources(sources)
    if not paths:
        _fail(click.UsageError("no source files: name .txt files or a folder holding them"))
    for path in paths:
        if not path.is_file():
            _fail(FileNotFoundError(f"{path}: no such file"))
    rules_path = Path(conversions) if conversions else rules_beside(paths)
    try:
        convert.configure(load_rules(rules_path) if rules_path else ())
    except RulesError as error:
        _fail(error)
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
                _fail(error)
    return collections


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages.")
def main(verbose: bool) -> None:
    """Publish collections of Chinese speeches as a Traditional/Simplified parallel site."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(levelname)s %(message)s",
        stream=sys.stderr,
    )


COLUMNS = ("篇", "標題", "類型", "文章", "段落", "字數", "注音", "隱去", "損壞", "字形", "提示")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@encoding_option
@conversions_option
def check(sources: tuple[str, ...], encoding: str | None, conversions: str | None) -> None:
    """Parse SOURCES and print, per speech: ordinal, title, kind, articles, paragraphs,
    characters, readings, placeholders, damaged runs, non-standard forms and warnings;
    then the warnings."""
    collections = _load(sources, encoding, conversions)
    for collection in collections:
        click.echo(f"# {collection.path}: {len(collection.speeches)} 篇")
        click.echo("\t".join(COLUMNS))
        for speech in collection.speeches:
            s = speech_stats(speech, collection)
            click.echo("\t".join(str(v) for v in (
                s.ordinal, s.title, s.kind or "-", s.articles, s.paragraphs, s.characters,
                s.readings, s.placeholders, s.damaged, s.nonstandard, s.warnings,
            )))
        for warning in collection.warnings:
            click.echo(f"warning: {warning}")
    _print_witness_groups(collections)


def _print_witness_groups(collections: list[Collection]) -> None:
    """Versions of one speech, with their similarity and their variants counted by kind."""
    from .collate import KINDS, collate_group, find_witness_groups

    speeches = [speech for c in collections for speech in c.speeches]
    names = [f"{c.path}:{speech.ordinal}" for c in collections for speech in c.speeches]
    groups = find_witness_groups(speeches)
    click.echo(f"# 版本組（witness groups）：{len(groups)}")
    for group in groups:
        for collation in collate_group(speeches, group):
            base, other = collation.base_index, collation.other_index
            counts = ", ".join(f"{kind} {collation.counts_by_kind[kind]}" for kind in KINDS)
            click.echo(f"witnesses: {names[base]} ⇄ {names[other]}\t"
                       f"similarity {group.similarity(base, other):.3f}\t"
                       f"variants {len(collation.variants)}: {counts}")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write one Markdown file per speech into.")
@encoding_option
def export(sources: tuple[str, ...], out_dir: str, encoding: str | None) -> None:
    """Write each speech of SOURCES as a readable Markdown file into --out."""
    from .export import export_collection

    collections = _load(sources, encoding)  # everything parsed before anything is written
    written = []
    for collection in collections:
        written += export_collection(collection, Path(out_dir))
    log.info("wrote %d files to %s", len(written), out_dir)


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--site-dir", default="site", show_default=True, type=click.Path(file_okay=False),
              help="Where to write the site; replaced only when the build succeeds.")
@click.option("--config-file", "-f", default="mkdocs.yml", show_default=True,
              type=click.Path(dir_okay=False, exists=True), help="The MkDocs configuration.")
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Fail on MkDocs warnings.")
@encoding_option
def build(sources: tuple[str, ...], site_dir: str, config_file: str, strict: bool,
          encoding: str | None) -> None:
    """Build the site from SOURCES (default: the sources named in mkdocs.yml)."""
    from .site import SiteBuildError, build_site

    if sources:
        _load(sources, encoding)  # report bad input before MkDocs starts
    try:
        summary = build_site(config_file, site_dir, [str(p) for p in expand_sources(sources)],
                             strict=strict, encoding=encoding)
    except SiteBuildError as error:
        _fail(error)
    click.echo(summary)


from .bundle import bundle  # noqa: E402  (subcommands defined beside their library code)
from .pdf import pdf  # noqa: E402

main.add_command(bundle)
main.add_command(pdf)
