"""Hostile input kept out: each test is named after the attack (or the clumsy edit) it stops.

Issue 17 tried Wijkgraaf as an attacker and a clumsy user would; what failed then is kept
here as a regression, so it stays held: formulas in spreadsheet exports, script links in the
documents, Markdown in an editor's name, and spreadsheet errors that name the wrong row.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import logging
import re
import zipfile
from html.parser import HTMLParser

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, strategies as st
from markdown_it import MarkdownIt
from rdflib.compare import isomorphic

from graph.analytics import agenda, project
from graph.export import Selection, build_document, select, to_html, to_markdown
from graph.export.tables import write_csv_zip, write_xlsx
from graph.export.toolbox import build_toolbox, toolbox_html, toolbox_markdown
from graph.kb.editing import item_state, save_item
from graph.kb.loading import SOURCE_BASE, _known_ids
from loaders import csv_cell, csv_value, read_spreadsheet, web_url, write_workbook
from ontology import InputError
from ontology.vocab import ITEM, SKOS, WG
from tests.conftest import MINI
from tests.hostile.conftest import FORMULAS, SCRIPT_LINK

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

NOW = "2026-11-28T12:00:00+00:00"
O01, S01 = ITEM["O01"], ITEM["S01"]
PREF, ALT, NOTE = SKOS + "prefLabel", SKOS + "altLabel", WG + "uncertaintyNote"


def _rdflib(triples) -> rdflib.Graph:
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data.decode(), format="nt")


def _sources(store) -> list[ox.Triple]:
    return [t for g in store.graph_names() if g.startswith(SOURCE_BASE)
            for t in store.graph_triples(g)]


def _with_formulas(triples, formula: str) -> list[ox.Triple]:
    """The triples with O01's Dutch name, an other name and an uncertainty note set to
    ``formula`` (the required name, an optional list value and an optional text)."""
    s = ox.NamedNode(O01)
    out = [t for t in triples if not (t.subject == s and t.predicate.value == PREF
                                      and t.object.language == "nl")]
    out += [ox.Triple(s, ox.NamedNode(PREF), ox.Literal(formula, language="nl")),
            ox.Triple(s, ox.NamedNode(ALT), ox.Literal(formula, language="nl")),
            ox.Triple(s, ox.NamedNode(NOTE), ox.Literal(formula, language="en"))]
    return out


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                       if n.startswith("xl/worksheets/"))


def _assert_inert_xlsx(data: bytes, formula: str) -> None:
    """No formula element in any sheet, and the value is a text cell (with Excel's quote
    prefix where it starts like a formula)."""
    import openpyxl

    assert not re.search(r"<f[ >]", _sheet_xml(data))
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if c.value == formula]
    assert cells, "the value is in the workbook as it is"
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells) or not formula.startswith(DANGEROUS)


def _renamed(store, iri: str, label: str) -> None:
    state = item_state(store, iri)
    triples = [t for t in state.triples() if not (t.predicate.value == PREF
                                                  and t.object.language == "nl")]
    triples.append(ox.Triple(ox.NamedNode(iri), ox.NamedNode(PREF),
                             ox.Literal(label, language="nl")))
    save_item(store, iri, triples, token=state.token, who="test", now=NOW)


# -- formula injection (issue 17, item 2) -----------------------------------------------------

@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_labels_round_trip_through_the_workbook_exactly(mini_store_ro, tmp_path,
                                                                 formula):
    triples = _with_formulas(_sources(mini_store_ro), formula)
    path = write_workbook(triples, tmp_path / "kb.xlsx")
    back = read_spreadsheet(path, _known_ids(mini_store_ro))
    assert isomorphic(_rdflib(triples), _rdflib(back))
    found = {(t.predicate.value, t.object.value) for t in back if t.subject.value == O01}
    assert {(PREF, formula), (ALT, formula), (NOTE, formula)} <= found


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_labels_are_inert_in_the_workbook_xml(mini_store_ro, tmp_path, formula):
    path = write_workbook(_with_formulas(_sources(mini_store_ro), formula), tmp_path / "kb.xlsx")
    _assert_inert_xlsx(path.read_bytes(), formula)


@pytest.mark.parametrize("formula", FORMULAS[:2])
def test_formula_labels_are_inert_in_the_xlsx_export_and_read_back(mini_store, tmp_path,
                                                                   formula):
    _renamed(mini_store, S01, formula)
    sub = select(mini_store, Selection(solutions=("S01",)), now=NOW)
    data = write_xlsx(sub, "nl")
    _assert_inert_xlsx(data, formula)
    path = tmp_path / "export.xlsx"
    path.write_bytes(data)
    back = read_spreadsheet(path, _known_ids(mini_store))
    assert (S01, formula) in {(t.subject.value, t.object.value) for t in back
                              if t.predicate.value == PREF}


def test_formula_labels_survive_the_workbook_command_and_a_load(tmp_path):
    """``wijkgraaf workbook``, then ``wijkgraaf load`` of that workbook (next to the file it
    came from): the workbook's own graph holds the formula name and the optional other name
    that starts with '=', exactly; nothing dropped, exit 0."""
    from graph.cli import main
    from graph.kb.loading import open_store, source_graph_iri

    name, other = FORMULAS[0], FORMULAS[1]
    text = MINI.read_text(encoding="utf-8").replace(
        '"convenant gegevensdeling"@nl, "data-sharing covenant"@en ;',
        f'{_turtle(name)}@nl, "data-sharing covenant"@en ; skos:altLabel {_turtle(other)}@nl ;')
    assert _turtle(name) in text
    source, store_dir, book = tmp_path / "kwaad.ttl", tmp_path / "store", tmp_path / "kb.xlsx"
    source.write_text(text, encoding="utf-8")
    assert main(["load", "--store", str(store_dir), "--no-bundled", "-q", str(source)]) == 0
    assert main(["workbook", "--store", str(store_dir), "-o", str(book)]) == 0
    assert main(["load", "--store", str(store_dir), "--no-bundled", "-q", str(book)]) == 0
    graph = source_graph_iri(book)
    rows = open_store(store_dir).select(
        f"SELECT ?p ?o WHERE {{ GRAPH <{graph}> {{ <{S01}> ?p ?o FILTER(isLiteral(?o)) }} }}")
    found = {(r["p"].value, r["o"].value) for r in rows}
    assert {(PREF, name), (ALT, other)} <= found


def _turtle(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize("formula", [*FORMULAS, "\tTAB=1+1", "\r=1+1"])
def test_formula_labels_round_trip_through_the_csv_export_exactly(mini_store, formula):
    _renamed(mini_store, S01, formula)
    data = write_csv_zip(select(mini_store, Selection(solutions=("S01",)), now=NOW), "nl")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read("nodes.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    row = next(r for r in rows if r["id"] == "S01")
    assert row["label"][:1] not in DANGEROUS, "no cell starts a formula"
    assert csv_value(row["label"]) == formula and csv_value(row["label_nl"]) == formula


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_values_round_trip_through_an_import_csv_exactly(mini_store_ro, tmp_path,
                                                                 formula):
    import openpyxl

    triples = _with_formulas(_sources(mini_store_ro), formula)
    book = openpyxl.load_workbook(write_workbook(triples, tmp_path / "kb.xlsx"))
    path = tmp_path / "belemmeringen.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        for row in book["belemmeringen"].iter_rows(values_only=True):
            writer.writerow([csv_cell(v) for v in row])
    with path.open(encoding="utf-8", newline="") as back_in:
        assert not [c for row in csv.reader(back_in) for c in row if c[:1] in DANGEROUS]
    back = read_spreadsheet(path, _known_ids(mini_store_ro))
    found = {(t.predicate.value, t.object.value) for t in back if t.subject.value == O01}
    assert {(PREF, formula), (ALT, formula), (NOTE, formula)} <= found


@pytest.mark.parametrize("value", ["'quoted by hand", "it's", "'", "''", "plain", "a=b", "1-2"])
def test_csv_cells_that_start_no_formula_stay_as_they_are(value):
    assert csv_cell(value) == value and csv_value(value) == value


@given(st.text())
def test_every_csv_cell_is_inert_and_reads_back_exactly(text):
    cell = csv_cell(text)
    assert cell[:1] not in DANGEROUS and csv_value(cell) == text


@pytest.mark.parametrize("column", ["naam", "andere_namen"])
def test_uncomputed_formula_is_reported_with_row_and_column_not_as_empty(mini_store_ro,
                                                                          tmp_path, column):
    """A workbook as ``wijkgraaf workbook`` wrote it before: live formulas, no cached value."""
    import openpyxl

    path = write_workbook(_sources(mini_store_ro), tmp_path / "kb.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["belemmeringen"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(3, header.index(column) + 1)
    cell.value = '=HYPERLINK("http://evil","x")'
    book.save(path)
    with pytest.raises(InputError, match="formula") as caught:
        read_spreadsheet(path, _known_ids(mini_store_ro))
    where = caught.value.location
    assert where["sheet"] == "belemmeringen" and where["row"] == 3
    assert where["column"] == column and "empty" not in str(caught.value)
    assert f"cell {cell.coordinate}" in str(caught.value)


def test_a_formula_with_a_computed_value_reads_as_that_value_with_a_note(mini_store_ro,
                                                                         tmp_path, caplog):
    """As Excel saves it: the formula and its cached value; the value is read, and said."""
    import openpyxl

    path = write_workbook(_sources(mini_store_ro), tmp_path / "kb.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["belemmeringen"]
    cell = sheet.cell(3, [c.value for c in sheet[1]].index("andere_namen") + 1)
    cell.value = '="aparte "&"potjes"'
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    for name, data in parts.items():  # what Excel adds on saving: the computed value
        if name.startswith("xl/worksheets/") and b"<f>" in data:
            ref = f'<c r="{cell.coordinate}"'.encode()
            data = re.sub(re.escape(ref) + rb"[^>]*>", ref + b' t="str">', data)
            parts[name] = data.replace(b"<v />", b"<v>aparte potjes</v>")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with caplog.at_level(logging.INFO, logger="wijkgraaf"):
        back = read_spreadsheet(path, _known_ids(mini_store_ro))
    assert (ITEM["O02"], ALT, "aparte potjes") in {(t.subject.value, t.predicate.value,
                                                    t.object.value) for t in back}
    notes = [r.getMessage() for r in caplog.records if r.name.startswith("wijkgraaf")]
    assert any(f"{cell.coordinate}" in n and "potjes" in n for n in notes)


# -- script links (issue 17, item 3) ----------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction"):
                self.hrefs.append(value or "")

    def handle_data(self, data):
        self.text.append(data)


def _links(page: str) -> _Links:
    parser = _Links()
    parser.feed(page)
    return parser


def _assert_web_only(page: str) -> None:
    found = _links(page)
    assert found.hrefs, "the page has links at all"
    bad = [h for h in found.hrefs if not re.match(r"(https?://|mailto:|#)", h)]
    assert not bad
    assert "Kwade bron" in "".join(found.text), "the source is still named, as text"


def test_javascript_link_is_text_in_the_toolbox_html(hostile_store):
    book = build_toolbox(hostile_store, Selection(solutions=("S01",)), "nl", now=NOW)
    page = toolbox_html(book)
    assert "javascript:" not in page.lower()
    _assert_web_only(page)


def test_javascript_link_is_text_in_the_toolbox_markdown(hostile_store):
    book = build_toolbox(hostile_store, Selection(solutions=("S01",)), "en", now=NOW)
    text = toolbox_markdown(book)
    assert "javascript:" not in text.lower() and "Kwade bron" in text
    _assert_web_only(MarkdownIt("commonmark").render(text))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_javascript_link_is_text_in_the_wijkagenda(hostile_store, lang):
    G = project(hostile_store, lang)
    doc = build_document(G, agenda(G, ["O01"], lang=lang), hostile_store, lang,
                         dt.date(2026, 3, 1))
    page, text = to_html(doc), to_markdown(doc)
    assert "javascript:" not in page.lower() and "javascript:" not in text.lower()
    _assert_web_only(page)
    _assert_web_only(MarkdownIt("commonmark").render(text))


def test_javascript_link_is_text_in_the_app_source_list(hostile_store):
    from app_lib.ui import _link
    from graph.items import solution_details

    sources = solution_details(hostile_store, S01, "nl").sources
    lines = [_link(s.title, s.url) for s in sources]
    rendered = MarkdownIt("commonmark").render("\n\n".join(lines))
    assert "javascript:" not in rendered.lower()
    _assert_web_only(rendered)


@pytest.mark.parametrize("url", [
    SCRIPT_LINK, " JavaScript:alert(1)", "java\tscript:alert(1)", "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "//evil.example/x",
    "urn:isbn:9789012345678", "ftp://example.org/x", "", "http:", "https://",
])
def test_non_web_iris_are_no_links(url):
    assert web_url(url) == ""


@pytest.mark.parametrize("url, kept", [
    ("https://wetten.overheid.nl/BWBR0035362", "https://wetten.overheid.nl/BWBR0035362"),
    ("HTTP://Example.org/a b", "HTTP://Example.org/a%20b"),
    ("mailto:redactie@example.org", "mailto:redactie@example.org"),
    ('https://x.example/"><script>', "https://x.example/%22%3E%3Cscript%3E"),
    ("https://x.example/a)(b", "https://x.example/a%29%28b"),
])
def test_web_links_are_kept_with_unsafe_characters_encoded(url, kept):
    assert web_url(url) == kept


# -- Markdown from an editor's name (issue 17, item 5) ----------------------------------------

HOSTILE_NAME = "![t](http://127.0.0.1:1/x.png) **vet**"


def _shown(markdown: str) -> tuple[str, str]:
    """The HTML a CommonMark renderer makes of ``markdown``, and its text."""
    rendered = MarkdownIt("commonmark").render(markdown)
    return rendered, html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_markdown_editor_name_is_shown_literally(edit_page):
    at = edit_page(id="O02")
    at.text_input[0].input(HOSTILE_NAME)
    at.text_input[1].input("geheim")
    at.button[0].click().run()
    assert not at.exception
    signed_in = [c.value for c in at.caption if "redacteur" in c.value]
    assert signed_in
    rendered, text = _shown(signed_in[0])
    assert "<img" not in rendered and "<strong>" not in rendered
    assert HOSTILE_NAME in text
    iri = ITEM["O02"]
    at.text_input(key=f"ef_{iri}_naam").input("aparte potjes")
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception
    history = [m.value for m in at.markdown if "save" in m.value]
    assert history, "the save is in the history"
    rendered, text = _shown(history[0])
    assert "<img" not in rendered and "<strong>vet" not in rendered
    assert HOSTILE_NAME in text


# -- wrong rows and Excel's empty sheet (issue 17, item 7) ------------------------------------

def _workbook_with_gap(store, tmp_path):
    """The mini workbook with two empty rows before O02 (file row 5), whose domain is wrong."""
    import openpyxl

    path = write_workbook(_sources(store), tmp_path / "kb.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["belemmeringen"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(3, 1).value == "O02"
    sheet.insert_rows(3, 2)
    sheet.cell(5, header.index("domeinen") + 1).value = "dom-onbekend"
    book.save(path)
    return path, book


def test_errors_name_the_file_row_after_empty_rows_in_a_workbook(mini_store_ro, tmp_path):
    path, _ = _workbook_with_gap(mini_store_ro, tmp_path)
    with pytest.raises(InputError) as caught:
        read_spreadsheet(path, _known_ids(mini_store_ro))
    assert caught.value.location["row"] == 5 and "row 5" in str(caught.value)
    assert caught.value.location["column"] == "domeinen"


def test_errors_name_the_file_row_after_empty_rows_in_a_csv(mini_store_ro, tmp_path):
    _, book = _workbook_with_gap(mini_store_ro, tmp_path)
    path = tmp_path / "belemmeringen.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([[csv_cell(v) for v in row]
                                   for row in book["belemmeringen"].iter_rows(values_only=True)])
    with pytest.raises(InputError) as caught:
        read_spreadsheet(path, _known_ids(mini_store_ro))
    assert caught.value.location["row"] == 5 and "row 5" in str(caught.value)


def test_empty_rows_above_the_header_keep_the_file_row_numbers(mini_store_ro, tmp_path):
    _, book = _workbook_with_gap(mini_store_ro, tmp_path)
    book["belemmeringen"].insert_rows(1, 2)
    path = tmp_path / "gap-above.xlsx"
    book.save(path)
    with pytest.raises(InputError) as caught:
        read_spreadsheet(path, _known_ids(mini_store_ro))
    assert caught.value.location["row"] == 7


def test_empty_extra_sheet_is_ignored_with_a_note(mini_store_ro, tmp_path, caplog):
    import openpyxl

    triples = _sources(mini_store_ro)
    path = write_workbook(triples, tmp_path / "kb.xlsx")
    book = openpyxl.load_workbook(path)
    book.create_sheet("Blad1")
    book.create_sheet("Blad2")["C4"].value = "   "
    book.save(path)
    with caplog.at_level(logging.INFO, logger="wijkgraaf"):
        back = read_spreadsheet(path, _known_ids(mini_store_ro))
    assert isomorphic(_rdflib(triples), _rdflib(back))
    notes = [r.getMessage() for r in caplog.records if r.name.startswith("wijkgraaf")]
    dutch = [r.msg.text("nl") for r in caplog.records if r.name.startswith("wijkgraaf")]
    assert any("Blad1" in n and "empty" in n for n in notes)  # one language at a time
    assert any("Blad1" in n and "leeg" in n for n in dutch)
    assert any("Blad2" in n for n in notes)


def test_a_filled_unknown_sheet_still_stops_the_load(mini_store_ro, tmp_path):
    import openpyxl

    path = write_workbook(_sources(mini_store_ro), tmp_path / "kb.xlsx")
    book = openpyxl.load_workbook(path)
    book.create_sheet("Blad1")["B2"].value = "iets"
    book.save(path)
    with pytest.raises(InputError, match="unknown sheet 'Blad1'"):
        read_spreadsheet(path, _known_ids(mini_store_ro))


def test_console_csv_download_writes_no_live_formula():
    from graph.query.console import ConsoleResult

    hostile = ["=HYPERLINK(\"http://evil\",\"x\")", "=cmd|' /C calc'!A0", "@SUM(1)", "-2+3"]
    result = ConsoleResult("select", ("label", "=head"), tuple({"label": h, "=head": "ok"}
                                                               for h in hostile), "", False, 0.0)
    lines = result.csv().splitlines()
    assert lines[0] == "label,'=head"
    import csv as _csv
    cells = [row[0] for row in _csv.reader(lines[1:])]
    assert cells == ["'" + h for h in hostile]
