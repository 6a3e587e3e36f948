"""The apparatus as TEI P5 (checked structurally with lxml) and as CSV: on the group of
three the test writes (see witness_support), on the seed pair, and on hostile text."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from lxml import etree
from seed import SEED
from witness_support import write_three_witnesses

from build_tools.analysis.collate import (
    body_blocks,
    collate_witnesses,
    find_witness_groups,
)
from build_tools.render.collation_export import (
    CSV_HEADER,
    ExportedWitness,
    apparatus_csv,
    export_title,
    group_stem,
    tei_document,
)
from build_tools.text.corpus import load_collection
from build_tools.text.model import Article, Paragraph, Text

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def exports(speeches):
    (group, *_) = find_witness_groups(speeches)
    witnesses = [speeches[m] for m in group.members]
    collation = collate_witnesses(witnesses, group=group)
    exported = [ExportedWitness.of(s) for s in witnesses]
    return (witnesses, collation, tei_document(collation, exported, export_title(exported)),
            apparatus_csv(collation, exported))


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    return exports(load_collection(write_three_witnesses(tmp_path_factory.mktemp("t"))).speeches)


@pytest.fixture(scope="module")
def pair():
    return exports(load_collection(SEED).speeches)


def parsed(document: bytes):
    assert document.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    return etree.fromstring(document, etree.XMLParser(resolve_entities=False, no_network=True))


def witness_text(body, siglum: str) -> str:
    """One witness's text read back from the parallel segmentation."""
    out = []

    def walk(element):
        if element.tag in (f"{TEI}lem", f"{TEI}rdg"):
            if f"#{siglum}" in element.get("wit").split():
                out.append("".join(element.itertext()))
        elif element.tag == f"{TEI}app":
            for child in element:
                walk(child)
        else:
            out.append(element.text or "")
            for child in element:
                walk(child)
                out.append(child.tail or "")

    for ab in body.iter(f"{TEI}ab"):
        walk(ab)
    return "".join(out)


def check_structure(root, sigla: list[str]) -> list:
    """What every TEI apparatus here must be; returns the ``<app>`` elements."""
    assert root.tag == f"{TEI}TEI"
    header = root.find(f"{TEI}teiHeader")
    assert header.find(f"{TEI}fileDesc/{TEI}titleStmt/{TEI}title").text.startswith("校勘：")
    encoding = header.find(f"{TEI}encodingDesc/{TEI}variantEncoding")
    assert (encoding.get("method"), encoding.get("location")) == ("parallel-segmentation",
                                                                  "internal")
    listed = [w.get(XML_ID) for w in header.iter(f"{TEI}witness")]
    assert listed == sigla and header.find(f".//{TEI}listWit") is not None
    apps = list(root.iter(f"{TEI}app"))
    for app in apps:
        lems, rdgs = app.findall(f"{TEI}lem"), app.findall(f"{TEI}rdg")
        assert len(lems) == 1 and len(app) == 1 + len(rdgs) and rdgs
        named = [ref for child in app for ref in child.get("wit").split()]
        # Every witness exactly once per entry, by a pointer to its <witness>.
        assert sorted(named) == sorted(f"#{s}" for s in sigla), etree.tostring(app)
        assert f"#{sigla[0]}" in lems[0].get("wit").split()  # the lemma is the base's
        assert all(r.get("type") for r in rdgs) and app.get("type") and app.get("n")
    return apps


def test_tei_of_three_witnesses_is_well_formed_parallel_segmentation(three):
    witnesses, collation, document, _ = three
    root = parsed(document)
    apps = check_structure(root, ["A", "B", "C"])
    assert len(apps) == len(collation.entries) + len(collation.layout) == 8
    body = root.find(f"{TEI}text/{TEI}body")
    assert [ab.get("n") for ab in body.iter(f"{TEI}ab")] == ["1", "2", "3", "4"]
    for siglum, speech in zip("ABC", witnesses):
        assert witness_text(body, siglum) == "".join(b.visible for b in body_blocks(speech))


def test_agreeing_witnesses_share_one_reading(three):
    root = parsed(three[2])
    first = next(root.iter(f"{TEI}app"))
    assert etree.tostring(first, encoding="unicode", with_tail=False) == (
        '<app xmlns="http://www.tei-c.org/ns/1.0" n="1" type="substitution">'
        '<lem wit="#A">推動</lem><rdg wit="#B #C" type="substitution">推進</rdg></app>')
    layout = [a for a in root.iter(f"{TEI}app") if a.get("type") == "layout"]
    assert [(a.get("n"), a.find(f"{TEI}rdg").get("wit")) for a in layout] == [("L1", "#C")]
    omitted = [a for a in root.iter(f"{TEI}app") if a.get("type") == "omission"]
    (rdg,) = omitted[0].findall(f"{TEI}rdg")
    assert rdg.get("wit") == "#C" and rdg.text is None and len(rdg) == 0


def test_tei_of_the_seed_pair_reads_back_both_witnesses(pair):
    witnesses, _, document, _ = pair
    root = parsed(document)
    assert len(check_structure(root, ["A", "B"])) == 387 + 54
    body = root.find(f"{TEI}text/{TEI}body")
    for siglum, speech in zip("AB", witnesses):
        assert witness_text(body, siglum) == "".join(b.visible for b in body_blocks(speech))
    kinds = {a.get("type") for a in root.iter(f"{TEI}app")}
    assert kinds == {"damage", "numeral", "transposition", "omission", "addition",
                     "substitution", "layout"}


def test_csv_lists_every_reading_with_its_witnesses(three):
    _, collation, _, data = three
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_HEADER
    assert rows[1:3] == [
        ["reading", "1", "lem", "推動", "A", "第一篇", "", "false", "A 2:3"],
        ["reading", "1", "rdg", "推進", "B C", "第二篇 / 第三篇", "substitution", "false",
         "B 8:3; C 14:3"],
    ]
    assert len(rows) == 1 + sum(len(e.all_readings)
                                for e in (*collation.entries, *collation.layout))
    assert ["layout", "1", "rdg", ",", "C", "第三篇", "layout", "false", "C 14:9"] in rows


def test_exports_are_the_same_bytes_every_time(tmp_path):
    speeches = load_collection(write_three_witnesses(tmp_path)).speeches
    first, again = exports(speeches), exports(load_collection(write_three_witnesses(
        tmp_path / "elsewhere")).speeches)
    assert first[2:] == again[2:]  # the file's folder is not in them


def test_hostile_text_stays_text(tmp_path):
    speeches = load_collection(write_three_witnesses(tmp_path)).speeches
    hostile = '<script>alert("&")</script>\ufffe]]>'
    first = body_blocks(speeches[2])[0]
    changed = Paragraph((Text(first.visible.replace("推進", hostile)),), line=first.line)
    rest = body_blocks(speeches[2])[1:]
    speeches = [*speeches[:2], replace(speeches[2], articles=(Article(1, (changed, *rest)),))]
    collation = collate_witnesses(speeches)
    exported = [ExportedWitness.of(s) for s in speeches]
    root = parsed(tei_document(collation, exported, export_title(exported)))
    assert root.find(f".//{TEI}script") is None
    (g,) = root.iter(f"{TEI}g")
    assert (g.get("type"), g.get("n")) == ("non-xml", "U+FFFE")
    texts = "".join(root.find(f"{TEI}text").itertext())
    assert '<script>alert("&")</script>]]>' in texts
    data = apparatus_csv(collation, exported).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(data, newline="")) for cell in row]
    assert any(hostile in cell for cell in cells)


def test_a_formula_is_never_a_formula_in_the_csv(tmp_path):
    speeches = load_collection(write_three_witnesses(tmp_path)).speeches
    first = body_blocks(speeches[1])[0]
    changed = Paragraph((Text(first.visible.replace("推進", "=1+1")),), line=first.line)
    speeches = [speeches[0], replace(speeches[1], articles=(Article(
        1, (changed, *body_blocks(speeches[1])[1:])),)), speeches[2]]
    collation = collate_witnesses(speeches)
    data = apparatus_csv(collation, [ExportedWitness.of(s) for s in speeches])
    cells = [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]
    assert "'=1+1" in cells and "=1+1" not in cells


def test_group_names():
    assert group_stem(["a-01", "a-02"]) == "collation-a-01--a-02"
    assert group_stem(["a-01", "a-02", "b-03"]) == "collation-a-01--a-02--b-03"
    many = [f"source-with-a-long-name-{k:02d}" for k in range(12)]
    assert group_stem(many) == "collation-source-with-a-long-name-00--12-versions"
