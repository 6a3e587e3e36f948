"""Command line: a thin layer over the library.

    python -m build_tools new    DIR [--title T]          a collection of one's own
    python -m build_tools check  SOURCE…            counts per speech, and what was guessed
    python -m build_tools export SOURCE… --out DIR  one Markdown file per speech
    python -m build_tools collate SOURCE… --out DIR  per group of versions: TEI and CSV
    python -m build_tools build  [SOURCE…] [--site-dir DIR]   the whole site
    python -m build_tools bundle [SOURCE…] --out FILE.zip     the site for reading offline
    python -m build_tools pdf    [SOURCE…] --out FILE.pdf     the collection as a PDF

Bad input prints one line naming the file and line and exits with status 2; nothing is
written then. Any other failure is one line too, saying it is an internal error; with
``--verbose`` the traceback follows.
"""

from __future__ import annotations

import logging
import sys
from contextlib import ExitStack
from pathlib import Path

import click

from build_tools.analysis import convert
from build_tools.analysis.script import SCRIPT_NAMES, mixed_warning, speech_script
from build_tools.analysis.stats import speech_stats
from build_tools.options import (  # the statuses are part of the command's interface
    INPUT_ERROR_STATUS,
    INTERNAL_ERROR_STATUS,
    Commands,
    config_file_option,
    conversions_option,
    encoding_option,
    fail,
    load,
    metadata_options,
    plugin_options,
    preflight,
    site_config,
    source_script_option,
    standard_option,
)
from build_tools.outputs.output_dir import UnsafeOutputError
from build_tools.text.model import Collection

log = logging.getLogger("build_tools")

@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages; show tracebacks.")
@click.pass_context
def main(ctx: click.Context, verbose: bool) -> None:
    """Publish collections of Chinese speeches as a Traditional/Simplified parallel site."""
    ctx.obj = {"verbose": verbose}
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(levelname)s %(message)s",
        stream=sys.stderr,
    )


COLUMNS = ("篇", "標題", "類型", "原文", "文章", "段落", "字數", "注音", "隱去", "損壞", "字形", "提示")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@encoding_option
@conversions_option
@source_script_option
@standard_option
def check(sources: tuple[str, ...], encoding: str | None, conversions: str | None,
          source_script: str | None, traditional_standard: str | None) -> None:
    """Parse SOURCES and print, per file, the encoding read; per speech: ordinal, title,
    kind, the script it is written in, articles, paragraphs, characters, readings,
    placeholders, damaged runs, non-standard forms and warnings; then the warnings and the
    versions of one speech."""
    collections = load(sources, encoding, conversions, traditional_standard)
    standard = convert.current().standard
    click.echo(f"# 轉換：{convert.backend()}，{convert.STANDARD_LABELS[standard]}（{standard}）")
    for collection in collections:
        codec = getattr(collection, "encoding", None)
        click.echo(f"# {collection.path}: {len(collection.speeches)} 篇"
                   + (f"\t編碼 {codec}" if codec else ""))
        click.echo("\t".join(COLUMNS))
        mixed = []
        for speech in collection.speeches:
            script, count = speech_script(speech, source_script or "auto")
            if count is not None and count.mixed:
                mixed.append(f"{collection.path}:{speech.first_line}:1: {mixed_warning(count)}")
            s = speech_stats(speech, collection, script)
            click.echo("\t".join(str(v) for v in (
                s.ordinal, s.title, s.kind or "-", SCRIPT_NAMES[script][0], s.articles,
                s.paragraphs, s.characters, s.readings, s.placeholders, s.damaged,
                s.nonstandard if script == "hant" else "-", s.warnings,
            )))
        for warning in [*map(str, collection.warnings), *mixed]:
            click.echo(f"warning: {warning}")
    print_witness_groups(collections)


def print_witness_groups(collections: list[Collection]) -> None:
    """Versions of one speech, with their similarity and their variants counted by kind;
    a group of any size, each member against the base."""
    from build_tools.analysis.collate import KINDS, collate_group, find_witness_groups, similarity

    speeches = [speech for c in collections for speech in c.speeches]
    names = [f"{c.path}:{speech.ordinal}" for c in collections for speech in c.speeches]
    groups = find_witness_groups(speeches)
    click.echo(f"# 版本組（witness groups）：{len(groups)}")
    for group in groups:
        for collation in collate_group(speeches, group):
            base, other = collation.base_index, collation.other_index
            measured = group.similarity(base, other)
            if measured is None:  # joined its group through a third version
                measured = similarity(speeches[base], speeches[other])
            counts = ", ".join(f"{kind} {collation.counts_by_kind[kind]}" for kind in KINDS)
            click.echo(f"witnesses: {names[base]} ⇄ {names[other]}\t"
                       f"similarity {measured:.3f}\t"
                       f"variants {len(collation.variants)}: {counts}; "
                       f"layout {len(collation.layout)}")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write one Markdown file per speech into.")
@click.option("--intro-stubs", is_flag=True,
              help="Write an empty introduction per speech instead (for docs/: shown above "
                   "the speech's text); existing files are kept.")
@encoding_option
@conversions_option
def export(sources: tuple[str, ...], out_dir: str, intro_stubs: bool, encoding: str | None,
           conversions: str | None) -> None:
    """Write each speech of SOURCES as a readable Markdown file into --out, or with
    --intro-stubs an introduction to edit. A file exported before is replaced; any other
    file of that name is never touched."""
    from build_tools.render.markdown import exported_files, is_exported

    collections = load(sources, encoding, conversions)  # all parsed before anything is written
    planned = {path: text for c in collections
               for path, text in exported_files(c, Path(out_dir), intro_stubs).items()}
    if not intro_stubs:
        for path in planned:
            if path.exists() and not is_exported(path):
                fail(f"--out {path}: refused: the file exists and was not written by export; "
                     "choose another folder or remove it yourself")
    written = 0
    for path, text in planned.items():
        if intro_stubs and path.exists():
            continue  # an introduction someone may have written
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    log.info("wrote %d files to %s", written, out_dir)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False))
@metadata_options
@click.option("--language", type=click.Choice(("hant", "hans")), default=None,
              help="The script of the interface's labels: hant (Traditional, the default) "
                   "or hans (Simplified).")
def new(folder: str, title: str | None, description: str | None, author: str | None,
        licence: str | None, language: str | None) -> None:
    """Start a collection of one's own in FOLDER: mkdocs.yml, sources/ with an example,
    conversions.yml, docs/index.md; asks for the title and description in a terminal."""
    from build_tools.outputs.project import Metadata, new_project

    interactive = sys.stdin.isatty()
    if title is None:
        title = click.prompt("標題（site name）") if interactive else Path(folder).name
    if description is None:
        description = click.prompt("簡介（description）", default="") if interactive else ""
    meta = Metadata(title, description, author or "", licence or "", language or "hant")
    try:
        written = new_project(Path(folder), meta)
    except UnsafeOutputError as error:
        fail(error)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"Put your .txt files into {Path(folder) / 'sources'}, then run "
               f"`ptx build` in {folder}.")


def publish_options(command):
    """The options every command that builds a site shares."""
    for option in reversed((config_file_option, encoding_option, conversions_option,
                            source_script_option, standard_option, metadata_options)):
        command = option(command)
    return command


def publish(kind: str, run, sources: tuple[str, ...], config_file: str | None,
            encoding: str | None, conversions: str | None, source_script: str | None,
            traditional_standard: str | None, **meta: str | None) -> None:
    """Check the sources, choose the configuration (see ``site_config``), then
    ``run(config, sources, **options)`` and print its summary; a failure is one line."""
    from build_tools.outputs.pdf import PdfError
    from build_tools.outputs.site import SiteBuildError

    paths, collections = preflight(sources, encoding, conversions)
    with ExitStack() as stack:
        config, overrides = site_config(kind, config_file, collections, meta, stack)
        try:
            summary = run(config, paths, encoding=encoding, conversions=conversions,
                          site_options=overrides, parsed=collections,
                          plugin_options=plugin_options(source_script, traditional_standard))
        except (SiteBuildError, PdfError, UnsafeOutputError) as error:
            fail(error)
    click.echo(summary)


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--site-dir", default="site", show_default=True, type=click.Path(file_okay=False),
              help="Where to write the site: a new or empty folder, or a site built before "
                   "(replaced only when the build succeeds).")
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Fail on MkDocs warnings.")
@publish_options
def build(site_dir: str, strict: bool, **options) -> None:
    """Build the site from SOURCES (default: the sources named in mkdocs.yml)."""
    from build_tools.outputs.site import build_site

    publish("site", lambda config, paths, **kw: build_site(config, site_dir, paths,
                                                             strict=strict, **kw), **options)


@main.command("bundle")
@click.argument("sources", nargs=-1)
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="The zip to write, e.g. dist/speeches-offline.zip.")
@publish_options
def bundle(out: str, **options) -> None:
    """Build the site for reading offline (file://, search included) as one zip."""
    from build_tools.outputs.bundle import build_bundle

    publish("bundle", lambda config, paths, **kw: build_bundle(out, config, paths, **kw),
            **options)


@main.command("pdf")
@click.argument("sources", nargs=-1)
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="The PDF to write, e.g. dist/speeches.pdf.")
@click.option("--script", type=click.Choice(("both", "hant", "hans")), default="both",
              show_default=True, help="Both columns (對照), Traditional only or Simplified only.")
@publish_options
def pdf(out: str, script: str, **options) -> None:
    """Print the whole collection (cover, contents, every speech) to one PDF."""
    from build_tools.outputs.pdf import build_pdf

    publish("pdf", lambda config, paths, **kw: build_pdf(out, config, paths, script=script,
                                                          **kw)[0], **options)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write each group's apparatus into (.tei.xml and .csv).")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.8, show_default=True,
              help="Share of characters two speeches must have in common to be versions.")
@encoding_option
def collate(sources: tuple[str, ...], out_dir: str, threshold: float,
            encoding: str | None) -> None:
    """Find the versions of one speech in SOURCES and write, per group, its apparatus as
    TEI P5 (parallel segmentation) and as CSV into --out, named as the site's collation
    page. A file written by an earlier run is replaced; any other file is never touched."""
    from build_tools.outputs.collation_files import planned_files, write_files

    collections = load(sources, encoding)  # all parsed before anything is written
    planned = planned_files(collections, Path(out_dir), threshold)
    try:
        write_files({path: data for group in planned for path, data in group.files.items()})
    except UnsafeOutputError as error:
        fail(error)
    for group in planned:
        click.echo(f"{group.stem}: {len(group.collation.members)} witnesses, "
                   f"{len(group.collation.entries)} entries, "
                   f"{len(group.collation.layout)} layout")
    if not planned:
        click.echo("no versions of one speech found; nothing written")


__all__ = ["main", "INPUT_ERROR_STATUS", "INTERNAL_ERROR_STATUS", "COLUMNS"]
