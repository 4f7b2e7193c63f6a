"""Spreadsheet round trips: the store's sources → workbook → import gives the same graph."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

from graph.kb.loading import SOURCE_BASE
from loaders import read_spreadsheet, write_template, write_workbook


def _rdflib(triples) -> rdflib.Graph:
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data.decode(), format="nt")


def _sources(store):
    return [t for g in store.graph_names() if g.startswith(SOURCE_BASE)
            for t in store.graph_triples(g)]


def _known(store):
    from graph.kb.loading import _known_ids

    return _known_ids(store)


def test_mini_round_trip(mini_store_ro, tmp_path):
    triples = _sources(mini_store_ro)
    path = write_workbook(triples, tmp_path / "kb.xlsx")
    back = read_spreadsheet(path, _known(mini_store_ro))
    assert isomorphic(_rdflib(triples), _rdflib(back))


def test_mini_round_trip_in_english_layout(mini_store_ro, tmp_path):
    triples = _sources(mini_store_ro)
    path = write_workbook(triples, tmp_path / "kb-en.xlsx", lang="en")
    assert isomorphic(_rdflib(triples), _rdflib(read_spreadsheet(path, _known(mini_store_ro))))


def test_bundled_round_trip(kb_store, tmp_path):
    triples = _sources(kb_store)
    path = write_workbook(triples, tmp_path / "bundled.xlsx")
    back = read_spreadsheet(path, _known(kb_store))
    assert len(back) == len(set(triples))
    assert isomorphic(_rdflib(triples), _rdflib(back))


def test_items_land_in_their_sheets(mini_store_ro, tmp_path):
    import openpyxl

    path = write_workbook(_sources(mini_store_ro), tmp_path / "kb.xlsx")
    book = openpyxl.load_workbook(path)
    ids = [row[0].value for row in book["belemmeringen"].iter_rows(min_row=2)]
    assert ids == ["O01", "O02", "O03"]


def test_template_reads_back_empty(tmp_path):
    assert read_spreadsheet(write_template(tmp_path / "t.xlsx")) == []
