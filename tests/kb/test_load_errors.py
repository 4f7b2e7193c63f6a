"""Bad input gets a clear error with its location, and the store is left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.kb.loading import NotConformingError, load_paths
from ontology import InputError

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


def snapshot(store):
    return store.version(), sorted(str(q) for q in store.dump_quads())


CASES = [
    ("notes.docx", "unknown file type '.docx'", {}),
    ("malformed.ttl", "malformed ttl", {"line": 4}),
    ("latin1.nt", "not UTF-8", {"line": 1}),
    ("empty.ttl", "the file is empty", {}),
    ("missing/domeinen.csv", "required column 'valt_onder' (or 'broader') is missing",
     {"sheet": "domeinen", "row": 1}),
    ("unknownref/belemmeringen.csv", "unknown Domain 'dom-gezondhied'; did you mean",
     {"sheet": "belemmeringen", "row": 2, "column": "domeinen", "value": "dom-gezondhied"}),
    ("duplicate/belemmeringen.csv", "duplicate id 'O60' (also in row 2)", {"row": 3}),
]


@pytest.mark.parametrize(("name", "message", "location"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_and_nothing_changes(mini_store, name, message, location):
    before = snapshot(mini_store)
    with pytest.raises(InputError) as caught:
        load_paths(mini_store, [BAD / name])
    text = str(caught.value)
    assert message in text
    assert str(BAD / name) in text
    for key, value in location.items():
        assert caught.value.location[key] == value, caught.value.location
    assert snapshot(mini_store) == before


def test_unknown_reference_suggests_the_closest_id(mini_store):
    with pytest.raises(InputError) as caught:
        load_paths(mini_store, [BAD / "unknownref" / "belemmeringen.csv"])
    assert "dom-gezondheid" in str(caught.value)


def test_malformed_turtle_names_line_and_column(mini_store):
    with pytest.raises(InputError) as caught:
        load_paths(mini_store, [BAD / "malformed.ttl"])
    assert caught.value.location["line"] == 4 and caught.value.location["column"] >= 1


def test_nonconforming_data_is_refused_with_the_report(mini_store):
    before = snapshot(mini_store)
    with pytest.raises(NotConformingError) as caught:
        load_paths(mini_store, [BAD / "nonconforming.ttl"])
    assert any("O77" in r.value for r in caught.value.report.results)
    assert snapshot(mini_store) == before


def test_one_bad_file_among_good_ones_loads_nothing(mini_store):
    before = snapshot(mini_store)
    good = Path(__file__).resolve().parents[1] / "data" / "good" / "belemmeringen.csv"
    with pytest.raises(InputError):
        load_paths(mini_store, [good, BAD / "malformed.ttl"])
    assert snapshot(mini_store) == before


def test_good_spreadsheet_loads_with_labels_as_references(mini_store):
    good = Path(__file__).resolve().parents[1] / "data" / "good" / "belemmeringen.csv"
    result = load_paths(mini_store, [good])
    assert result.version == snapshot(mini_store)[0]
    rows = mini_store.select("SELECT ?d WHERE { <https://w3id.org/wijkgraaf/id/O60> "
                             "<https://w3id.org/wijkgraaf/def#affectsDomain> ?d }")
    assert sorted(r["d"].value.rsplit("/", 1)[1] for r in rows) == ["dom-gezondheid",
                                                                     "dom-wonen"]


def test_reload_replaces_the_graph(mini_store):
    good = Path(__file__).resolve().parents[1] / "data" / "good" / "belemmeringen.csv"
    first = load_paths(mini_store, [good])
    second = load_paths(mini_store, [good])
    assert second.version > first.version
    count = mini_store.select("SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/wijkgraaf/id/O60>"
                              " ?p ?o }")[0]["n"].value
    assert int(count) == len([t for t in mini_store.graph_triples(
        "https://w3id.org/wijkgraaf/graph/source/belemmeringen.csv")
        if t.subject.value.endswith("O60")])


def test_xlsx_unknown_obstacle_names_sheet_row_column_and_suggests(mini_store, tmp_path):
    import openpyxl

    from graph.kb.loading import SOURCE_BASE
    from loaders import write_workbook

    triples = [t for g in mini_store.graph_names() if g.startswith(SOURCE_BASE)
               for t in mini_store.graph_triples(g)]
    path = write_workbook(triples, tmp_path / "edit.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["oplossingen"]
    header = [c.value for c in sheet[1]]
    column = header.index("pakt_aan") + 1
    sheet.cell(row=3, column=column, value="O01; O2")
    book.save(path)
    before = snapshot(mini_store)
    with pytest.raises(InputError) as caught:
        load_paths(mini_store, [path])
    loc = caught.value.location
    assert (loc["sheet"], loc["row"], loc["column"], loc["value"]) == ("oplossingen", 3,
                                                                       "pakt_aan", "O2")
    assert "did you mean" in str(caught.value) and "O02" in str(caught.value)
    assert snapshot(mini_store) == before


def test_unvalidated_bulk_load_refuses_malformed_files_and_changes_nothing(mini_store):
    before = snapshot(mini_store)
    good = Path(__file__).resolve().parents[1] / "data" / "shapes" / "SolutionShape-valid-01.ttl"
    with pytest.raises(InputError) as caught:
        load_paths(mini_store, [good, BAD / "malformed.ttl"], check=False)
    assert caught.value.location["file"].endswith("malformed.ttl")
    assert caught.value.location["line"] == 4
    with pytest.raises(InputError, match="empty"):
        load_paths(mini_store, [BAD / "empty.ttl"], check=False)
    assert snapshot(mini_store) == before
    assert not any("staging" in g for g in mini_store.graph_names())


def test_bulk_and_checked_loads_give_the_same_store():
    from graph.kb.loading import ensure_ready, open_store
    from tests.conftest import MINI

    fast, slow = (ensure_ready(open_store(), bundled=False) for _ in range(2))
    assert load_paths(fast, [MINI], check=False).graphs == load_paths(slow, [MINI]).graphs
    def data(store):
        return sorted(str(q) for q in store.dump_quads()
                      if q.graph_name.value.endswith("mini.ttl"))
    assert data(fast) == data(slow)
