"""Command line: a thin layer over the library.

    python -m build_tools check  SOURCE…            counts per speech, and what was guessed
    python -m build_tools export SOURCE… --out DIR  one Markdown file per speech
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
import traceback
from pathlib import Path

import click

from build_tools.outputs.output_dir import UnsafeOutputError

from build_tools.analysis import convert
from build_tools.mkdocs_plugin.config import SCRIPT_SETTINGS
from build_tools.analysis.convert import DEFAULT_STANDARD, STANDARDS
from build_tools.analysis.script import SCRIPT_NAMES, mixed_warning, speech_script
from build_tools.text.corpus import InputError, expand_sources, load_collection
from build_tools.analysis.rules import RulesError, load_rules, rules_beside
from build_tools.text.model import Collection
from build_tools.analysis.stats import speech_stats

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
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as error:  # noqa: BLE001 (the last resort is the point)
            if ctx.obj and ctx.obj.get("verbose"):
                click.echo(traceback.format_exc().rstrip(), err=True)
            click.echo(f"internal error: {type(error).__name__}: {error}; "
                       "run with --verbose for the traceback", err=True)
            sys.exit(INTERNAL_ERROR_STATUS)


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
                       f"variants {len(collation.variants)}: {counts}")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write one Markdown file per speech into.")
@encoding_option
@conversions_option
def export(sources: tuple[str, ...], out_dir: str, encoding: str | None,
           conversions: str | None) -> None:
    """Write each speech of SOURCES as a readable Markdown file into --out."""
    from build_tools.render.markdown import export_collection

    collections = load(sources, encoding, conversions)  # all parsed before anything is written
    written = []
    for collection in collections:
        written += export_collection(collection, Path(out_dir))
    log.info("wrote %d files to %s", len(written), out_dir)


config_file_option = click.option(
    "--config-file", "-f", default=None, type=click.Path(dir_okay=False, exists=True),
    help="The MkDocs configuration (default: mkdocs.yml; the bundle's and the PDF's own "
         "variants for those commands).")


def _preflight(sources: tuple[str, ...], encoding: str | None,
               conversions: str | None) -> list[str]:
    """Report bad input before MkDocs starts; the sources to publish instead of the config's."""
    if not sources:
        return []
    load(sources, encoding, conversions)
    return [str(p) for p in expand_sources(sources)]


def _plugin_options(source_script: str | None, standard: str | None) -> dict[str, object]:
    return {"source_script": source_script, "traditional_standard": standard}


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--site-dir", default="site", show_default=True, type=click.Path(file_okay=False),
              help="Where to write the site: a new or empty folder, or a site built before "
                   "(replaced only when the build succeeds).")
@config_file_option
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Fail on MkDocs warnings.")
@encoding_option
@conversions_option
@source_script_option
@standard_option
def build(sources: tuple[str, ...], site_dir: str, config_file: str | None, strict: bool,
          encoding: str | None, conversions: str | None, source_script: str | None,
          traditional_standard: str | None) -> None:
    """Build the site from SOURCES (default: the sources named in mkdocs.yml)."""
    from build_tools.outputs.site import SiteBuildError, build_site

    paths = _preflight(sources, encoding, conversions)
    try:
        summary = build_site(config_file or "mkdocs.yml", site_dir, paths, strict=strict,
                             encoding=encoding, conversions=conversions,
                             plugin_options=_plugin_options(source_script,
                                                            traditional_standard))
    except (SiteBuildError, UnsafeOutputError) as error:
        fail(error)
    click.echo(summary)


@main.command("bundle")
@click.argument("sources", nargs=-1)
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="The zip to write, e.g. dist/speeches-offline.zip.")
@config_file_option
@encoding_option
@conversions_option
@source_script_option
@standard_option
def bundle(sources: tuple[str, ...], out: str, config_file: str | None, encoding: str | None,
           conversions: str | None, source_script: str | None,
           traditional_standard: str | None) -> None:
    """Build the site for reading offline (file://, search included) as one zip."""
    from build_tools.outputs.bundle import DEFAULT_CONFIG, build_bundle
    from build_tools.outputs.site import SiteBuildError

    paths = _preflight(sources, encoding, conversions)
    try:
        summary = build_bundle(out, config_file or DEFAULT_CONFIG, paths, encoding=encoding,
                               conversions=conversions,
                               plugin_options=_plugin_options(source_script,
                                                              traditional_standard))
    except (SiteBuildError, UnsafeOutputError) as error:
        fail(error)
    click.echo(summary)


@main.command("pdf")
@click.argument("sources", nargs=-1)
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="The PDF to write, e.g. dist/speeches.pdf.")
@config_file_option
@click.option("--script", type=click.Choice(("both", "hant", "hans")), default="both",
              show_default=True, help="Both columns (對照), Traditional only or Simplified only.")
@encoding_option
@conversions_option
@source_script_option
@standard_option
def pdf(sources: tuple[str, ...], out: str, config_file: str | None, script: str,
        encoding: str | None, conversions: str | None, source_script: str | None,
        traditional_standard: str | None) -> None:
    """Print the whole collection (cover, contents, every speech) to one PDF."""
    from build_tools.outputs.pdf import DEFAULT_CONFIG, PdfError, build_pdf
    from build_tools.outputs.site import SiteBuildError

    paths = _preflight(sources, encoding, conversions)
    try:
        summary, _ = build_pdf(out, config_file or DEFAULT_CONFIG, paths, script=script,
                               encoding=encoding, conversions=conversions,
                               plugin_options=_plugin_options(source_script,
                                                              traditional_standard))
    except (SiteBuildError, PdfError, UnsafeOutputError) as error:
        fail(error)
    click.echo(summary)
