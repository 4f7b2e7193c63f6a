"""Every export format of a selection reads back to the same selection; the CLI around it."""

from __future__ import annotations

import csv
import io
import zipfile

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from graph.cli.main import main
from graph.export.rdf import FORMATS, export_subgraph, format_for_path
from graph.export.tables import EDGE_COLUMNS, NODE_COLUMNS, to_networkx
from graph.kb.loading import _known_ids
from graph.export.subgraph import Selection, select
from loaders import read_spreadsheet
from tests.conftest import MINI

NOW = "2026-11-28T12:00:00+00:00"
SELECTIONS = {
    "mini-bridge": ("mini", Selection(domains=("wonen", "gezondheid"))),
    "mini-seed": ("mini", Selection(seeds=("O02",), depth=2)),
    "mini-all": ("mini", Selection()),
    "kb-bridge": ("kb", Selection(domains=("wonen", "gezondheid"))),
}


@pytest.fixture(params=list(SELECTIONS))
def case(request, mini_store_ro, kb_store):
    which, selection = SELECTIONS[request.param]
    store = mini_store_ro if which == "mini" else kb_store
    return store, select(store, selection, now=NOW)


def as_rdflib(triples) -> rdflib.Graph:
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")


@pytest.mark.parametrize(("fmt", "rdflib_format"), [
    ("turtle", "turtle"), ("nt", "nt"), ("xml", "xml"), ("jsonld", "json-ld")])
def test_rdf_formats_read_back_isomorphic(case, fmt, rdflib_format):
    _, sub = case
    back = rdflib.Graph().parse(data=export_subgraph(sub, fmt), format=rdflib_format)
    assert isomorphic(back, as_rdflib(sub.triples()))


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_dataset_formats_keep_graphs(case, fmt):
    _, sub = case
    kind = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
    back = set(ox.parse(export_subgraph(sub, fmt), format=kind))
    assert back == set(sub.quads)


def test_jsonld_is_compact_with_the_local_context(mini_store_ro):
    text = export_subgraph(select(mini_store_ro, Selection(obstacles=("O01",))), "jsonld")
    assert b'"@context": {' in text and b'"wgd:O01"' in text and b"http" in text
    assert b'"label": {' in text  # skos:prefLabel compacted to a language map


def _same_graph(written: nx.DiGraph, read: nx.DiGraph, drop_node=(), drop_edge=()) -> None:
    assert set(read.nodes) == set(written.nodes)
    assert set(read.edges) == set(written.edges)
    for n, data in written.nodes(data=True):
        assert {k: v for k, v in read.nodes[n].items() if k not in drop_node} == data, n
    for u, v, data in written.edges(data=True):
        assert {k: x for k, x in read.edges[u, v].items() if k not in drop_edge} == data


def test_graphml_reads_back_in_networkx(case):
    _, sub = case
    written = to_networkx(sub, "nl")
    read = nx.read_graphml(io.BytesIO(export_subgraph(sub, "graphml", "nl")))
    assert isinstance(read, nx.DiGraph)
    _same_graph(written, read)


def test_gexf_reads_back_with_colours(case):
    _, sub = case
    written = to_networkx(sub, "en")
    read = nx.read_gexf(io.BytesIO(export_subgraph(sub, "gexf", "en")))
    _same_graph(written, read, drop_node={"viz"}, drop_edge={"id"})
    for _, data in read.nodes(data=True):
        colour = data["viz"]["color"]
        assert "#%02x%02x%02x" % (colour["r"], colour["g"], colour["b"]) == data["colour"]


def test_network_attributes_are_scalars_with_labels_kinds_domains(mini_store_ro):
    G = to_networkx(select(mini_store_ro, Selection(solutions=("S02",))), "nl")
    for _, data in G.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
        assert data["label"] and data["kind"]
    s02 = G.nodes["S02"]
    assert (s02["kind"], s02["core"], s02["domains"]) == ("solution", True, "veiligheid; wonen")
    assert s02["effort"] == "hoog" and s02["isEscalationRoute"] is True
    assert G.edges["S02", "O02"]["label"] == "pakt aan"


def test_csv_zip_has_nodes_edges_and_readme(case):
    _, sub = case
    G = to_networkx(sub, "nl")
    archive = zipfile.ZipFile(io.BytesIO(export_subgraph(sub, "csv")))
    assert archive.namelist() == ["nodes.csv", "edges.csv", "README.txt"]
    nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8-sig"))))
    edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8-sig"))))
    assert {r["id"] for r in nodes} == set(G.nodes)
    assert {(r["source"], r["target"]) for r in edges} == set(G.edges)
    assert list(nodes[0])[: len(NODE_COLUMNS)] == list(NODE_COLUMNS)
    assert list(edges[0]) == list(EDGE_COLUMNS)
    assert "Selectie:" in archive.read("README.txt").decode("utf-8")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_xlsx_reimports_to_the_same_graph(case, tmp_path, lang):
    store, sub = case
    path = tmp_path / "selectie.xlsx"
    path.write_bytes(export_subgraph(sub, "xlsx", lang))
    back = read_spreadsheet(path, _known_ids(store))
    assert isomorphic(as_rdflib(back), as_rdflib(sub.triples()))


def test_xlsx_puts_selected_items_in_their_sheets(mini_store_ro, tmp_path):
    import openpyxl

    path = tmp_path / "s.xlsx"
    path.write_bytes(export_subgraph(select(mini_store_ro, Selection(obstacles=("O02",))), "xlsx"))
    book = openpyxl.load_workbook(path)
    assert [r[0].value for r in book["belemmeringen"].iter_rows(min_row=2)] == ["O02"]
    assert [r[0].value for r in book["oplossingen"].iter_rows(min_row=2)] == ["S02"]
    assert book["domeinen"].max_row == 1  # referenced only: named in overige_triples


def test_registry_knows_every_format():
    assert list(FORMATS) == ["turtle", "trig", "nt", "nq", "jsonld", "xml", "graphml", "gexf",
                             "csv", "xlsx"]
    assert format_for_path("a/b.GEXF") == "gexf" and format_for_path("x.zip") == "csv"
    with pytest.raises(ValueError, match="unknown format"):
        export_subgraph(None, "docx")


# -- the command line -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    assert main(["load", "--store", str(path), "--no-bundled", "-q", str(MINI)]) == 0
    return str(path)


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".zip", ".xlsx", ".ttl", ".trig"])
def test_cli_export_selection_format_from_suffix(store_dir, tmp_path, suffix, capsys):
    out = tmp_path / f"sel{suffix}"
    assert main(["export", "--store", store_dir, "--domain", "wonen", "--domain",
                 "gezondheid", "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    assert "wonen × gezondheid" in capsys.readouterr().err


def test_cli_export_seed_depth_and_kinds(store_dir, tmp_path):
    out = tmp_path / "x.nt"
    assert main(["export", "--store", store_dir, "--seed", "O03", "--format", "nt",
                 "-o", str(out)]) == 0  # --depth defaults to 1 with seeds alone
    text = out.read_text()
    assert "dom-gezondheid> <http://www.w3.org/2004/02/skos/core#scopeNote>" in text
    assert main(["export", "--store", store_dir, "--organisation-type", "GGD",
                 "--theme", "thema-regels", "--neighbourhood", "GM0344", "--format", "nt",
                 "-o", str(out)]) == 0


def test_cli_unknown_id_exits_2_with_suggestions(store_dir, capsys):
    assert main(["export", "--store", store_dir, "--obstacle", "O09"]) == 2
    err = capsys.readouterr().err
    assert "O09" in err and "O01" in err
    assert main(["toolbox", "--store", store_dir, "--domain", "xwonen", "-o", "x.html"]) == 2
    assert "dom-wonen" in capsys.readouterr().err


def test_cli_toolbox_html_and_markdown(store_dir, tmp_path):
    html, md = tmp_path / "kist.html", tmp_path / "kist.md"
    assert main(["toolbox", "--store", store_dir, "--domain", "wonen", "--domain",
                 "veiligheid", "--lang", "en", "-o", str(html)]) == 0
    assert "Toolbox" in html.read_text() and "pooled budget" in html.read_text()
    assert main(["toolbox", "--store", store_dir, "-o", str(md)]) == 0
    assert md.read_text().startswith("# Gereedschapskist: De hele kennisbank")
