"""The apparatus of a group as files to exchange: TEI P5 and CSV.

TEI (``tei_document``): one document per group, in parallel segmentation
(``<variantEncoding method="parallel-segmentation" location="internal"/>``). The witnesses
are listed in the header (``<listWit>``, one ``<witness xml:id="A">`` each, the base
first); the body holds one ``<ab>`` per joint row, the base's text where every witness
agrees and an ``<app>`` at each entry: ``<lem wit="#A #C">`` (the base's reading and the
witnesses that agree) and a ``<rdg wit="#B" type="substitution">`` per other reading.
Entries of layout only are there too, ``<app type="layout">``, so every witness's text can
be read back whole. The document is built with lxml, which escapes every character of the
sources; a character XML cannot hold (U+FFFE, say) is a ``<g type="non-xml" n="U+FFFE"/>``.

CSV (``apparatus_csv``): one line per reading, the lemma first (``role`` lem / rdg); UTF-8
with a byte order mark (what spreadsheets need to read Chinese), lines ending CRLF. A cell
of source text starting with ``= + - @`` (or a tab or CR) is prefixed with ``'`` so that a
spreadsheet shows it rather than runs it as a formula; the TEI has the text unchanged.

Same input, same bytes: nothing depends on the time or the machine.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from lxml import etree

import build_tools
from build_tools.analysis.collate import Entry, GroupCollation, WitnessReading
from build_tools.text.model import ELLIPSIS, Heading, Speech

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
APPLICATION = "parallel-text-publisher"
VERSION = build_tools.__version__
CSV_HEADER = ("layer", "entry", "role", "reading", "sigla", "witnesses", "type",
              "value_changed", "locations")
# Characters XML 1.0 cannot hold, not even as a character reference.
NON_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
FORMULA_START = tuple("=+-@\t\r")
MAX_STEM = 120  # a longer group name lists the number of witnesses instead of each


@dataclass(frozen=True)
class ExportedWitness:
    """What the files say of a witness: ``第一篇``, its title, where it comes from."""

    label: str
    title: str
    source: str  # "x.txt:1": the file's name (not its folder: same bytes anywhere), line

    @classmethod
    def of(cls, speech: Speech) -> ExportedWitness:
        return cls(witness_label(speech), speech.title,
                   f"{PurePath(speech.path).name}:{speech.first_line}")


def witness_label(speech: Speech) -> str:
    """``第一篇`` from the header as written (spaces and the colon left out), else the
    speech's short title."""
    prefix = getattr(speech.header, "prefix", "")
    return re.sub(r"\s+", "", prefix).rstrip(":：") or speech.short_title


def export_title(witnesses: Sequence[ExportedWitness]) -> str:
    return "校勘：" + " ⇄ ".join(w.label for w in witnesses)


def group_stem(names: Sequence[str]) -> str:
    """The file name (without suffix) of a group's page and files, from its members' page
    names, base first: ``collation-a--b``, ``collation-a--b--c``; ``collation-a--12-versions``
    when listing them all would make too long a name."""
    stem = "collation-" + "--".join(names)
    return stem if len(stem) <= MAX_STEM else f"collation-{names[0]}--{len(names)}-versions"


def _tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _sub(parent, tag: str, text: str = "", **attributes: str):
    element = etree.SubElement(parent, _tei(tag), attributes)
    append_text(element, text)
    return element


def append_text(element, text: str) -> None:
    """``text`` at the end of ``element``'s content, characters XML cannot hold as ``<g>``."""
    for piece in re.split(f"({NON_XML.pattern})", text):
        if not piece:
            continue
        if NON_XML.fullmatch(piece):
            etree.SubElement(element, _tei("g"), type="non-xml", n=f"U+{ord(piece):04X}")
        elif len(element):
            element[-1].tail = (element[-1].tail or "") + piece
        else:
            element.text = (element.text or "") + piece


def tei_document(collation: GroupCollation, witnesses: Sequence[ExportedWitness],
                 title: str) -> bytes:
    """The group's apparatus as a TEI P5 document (UTF-8, with an XML declaration)."""
    root = etree.Element(_tei("TEI"), nsmap={None: TEI_NS})
    root.text = "\n  "
    _header(root, collation, witnesses, title)
    text = _sub(root, "text")
    text.tail = "\n"
    body = _sub(text, "body")
    body.text = "\n"
    for index, row in enumerate(collation.rows):
        _row(body, collation, index, row)
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + etree.tostring(root, encoding="UTF-8", xml_declaration=False) + b"\n")


def _header(root, collation: GroupCollation, witnesses: Sequence[ExportedWitness],
            title: str) -> None:
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", title)
    _sub(_sub(file_desc, "publicationStmt"), "p",
         f"由 {APPLICATION} {VERSION} 從原文自動校勘生成。")
    list_wit = _sub(_sub(file_desc, "sourceDesc"), "listWit")
    for siglum, witness in zip(collation.sigla, witnesses):
        element = _sub(list_wit, "witness", **{XML_ID: siglum})
        named = (witness.title if witness.title.startswith(witness.label.rstrip(ELLIPSIS))
                 else f"{witness.label} {witness.title}")
        append_text(element, f"{named}（{witness.source}）")
    encoding = _sub(header, "encodingDesc")
    application = _sub(_sub(encoding, "appInfo"), "application", ident=APPLICATION,
                       version=VERSION)
    _sub(application, "label", "ptx collate")
    _sub(encoding, "variantEncoding", method="parallel-segmentation", location="internal")
    etree.indent(header, level=1)  # no mixed content in the header: indenting is safe
    header.tail = "\n  "


def _row(body, collation: GroupCollation, index: int, row) -> None:
    cells = [cell for cell in row.cells if cell]
    heading = bool(cells) and isinstance(cells[0][0], Heading)
    ab = _sub(body, "ab", type="heading" if heading else "paragraph", n=str(index + 1))
    ab.tail = "\n"
    text = "".join(block.visible for block in row.cells[0])
    entries = sorted((e for e in (*collation.entries, *collation.layout) if e.row == index),
                     key=lambda e: (e.offset, len(e.lemma.text)))
    position = 0
    for entry in entries:
        append_text(ab, text[position : entry.offset])
        _app(ab, entry, collation.sigla)
        position = entry.offset + len(entry.lemma.text)
    append_text(ab, text[position:])


def _app(parent, entry: Entry, sigla: Sequence[str]) -> None:
    number = f"L{entry.number}" if entry.layout else str(entry.number)
    app = _sub(parent, "app", n=number, type=entry.kind)
    _sub(app, "lem", entry.lemma.text, wit=_wit(entry.lemma, sigla))
    for reading in entry.readings:
        _sub(app, "rdg", reading.text, wit=_wit(reading, sigla), type=str(reading.kind))


def _wit(reading: WitnessReading, sigla: Sequence[str]) -> str:
    return " ".join(f"#{sigla[w]}" for w in reading.witnesses)


def apparatus_csv(collation: GroupCollation, witnesses: Sequence[ExportedWitness]) -> bytes:
    """The group's apparatus as CSV: one line per reading (see the module docstring)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for layer, entries in (("reading", collation.entries), ("layout", collation.layout)):
        for entry in entries:
            for reading in entry.all_readings:
                writer.writerow(_csv_line(layer, entry, reading, collation.sigla, witnesses))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_line(layer: str, entry: Entry, reading: WitnessReading, sigla: Sequence[str],
              witnesses: Sequence[ExportedWitness]) -> list[str]:
    lemma = reading is entry.lemma
    return [
        layer,
        str(entry.number),
        "lem" if lemma else "rdg",
        _cell(reading.text),
        " ".join(sigla[w] for w in reading.witnesses),
        _cell(" / ".join(witnesses[w].label for w in reading.witnesses)),
        "" if lemma else reading.kind or "",
        "true" if reading.changes_value else "false",
        "; ".join(f"{sigla[w]} {location}"
                  for w, location in zip(reading.witnesses, reading.locations)),
    ]


def _cell(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_START) else text
