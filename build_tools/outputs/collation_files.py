"""The apparatus of every witness group as files: one TEI and one CSV per group.

``planned_files`` finds the groups of a set of collections (as the site does), collates
each group's witnesses jointly and names the files as the site names the group's page
(``collation-<base>--<other>….tei.xml`` and ``.csv``). ``write_files`` checks every target
before it writes any: a file there that this command did not write (``is_ours``) is refused,
as the project's other outputs refuse (see ``output_dir``). Each file is written to a
temporary name beside it and renamed, so an interrupted run leaves whole files only.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.analysis.collate import (
    DEFAULT_THRESHOLD,
    GroupCollation,
    collate_witnesses,
    find_witness_groups,
)
from build_tools.outputs.output_dir import check_output_file, current_umask
from build_tools.render.collation_export import (
    APPLICATION,
    CSV_HEADER,
    ExportedWitness,
    apparatus_csv,
    export_title,
    group_stem,
    tei_document,
)
from build_tools.render.slugs import speech_slug
from build_tools.text.model import Collection

TEI_SUFFIX = ".tei.xml"
CSV_SUFFIX = ".csv"
# What the first bytes of each kind of file this command writes hold.
TEI_MARK = f'<application ident="{APPLICATION}"'.encode()
CSV_FIRST_LINE = ("\ufeff" + ",".join(CSV_HEADER) + "\r\n").encode()
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class GroupFiles:
    """A group's collation and the two files that hold it."""

    stem: str
    collation: GroupCollation
    files: dict[Path, bytes]


def page_names(collections: Sequence[Collection]) -> list[str]:
    """Each speech's page name, as the site names it (a clash gets the first line)."""
    names: list[str] = []
    for collection in collections:
        for speech in collection.speeches:
            name = speech_slug(str(collection.path), speech)
            names.append(f"{name}-{speech.first_line}" if name in names else name)
    return names


def planned_files(collections: Sequence[Collection], out_dir: Path,
                  threshold: float = DEFAULT_THRESHOLD) -> list[GroupFiles]:
    """The files of every group of versions in ``collections``, not yet written."""
    speeches = [speech for collection in collections for speech in collection.speeches]
    names = page_names(collections)
    planned = []
    for group in find_witness_groups(speeches, threshold):
        witnesses = [speeches[member] for member in group.members]
        collation = collate_witnesses(witnesses, group=group)
        exported = [ExportedWitness.of(speech) for speech in witnesses]
        stem = group_stem([names[member] for member in group.members])
        planned.append(GroupFiles(stem, collation, {
            out_dir / f"{stem}{TEI_SUFFIX}": tei_document(collation, exported,
                                                          export_title(exported)),
            out_dir / f"{stem}{CSV_SUFFIX}": apparatus_csv(collation, exported),
        }))
    return planned


def is_ours(path: Path) -> bool:
    """A TEI or CSV file this command wrote, by its first bytes."""
    try:
        with path.open("rb") as handle:
            start = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    if path.name.endswith(TEI_SUFFIX):
        return start.startswith(b"<?xml") and TEI_MARK in start
    return path.suffix == CSV_SUFFIX and start.startswith(CSV_FIRST_LINE)


def write_files(files: dict[Path, bytes], option: str = "--out") -> None:
    """Write ``files`` after checking them all; raises ``UnsafeOutputError`` first."""
    for path in files:
        check_output_file(path, option, is_ours)
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(partial, 0o666 & ~current_umask())
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
