"""The projection from grouped columns is the same graph as the one read row by row (nodes,
attributes, edges, and the order of every adjacency), and falls back to rows when a value holds
a separator character."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics.columns import RS, US, edge_table, read_columns
from graph.analytics.projection import (
    _edge_query, _graph_from_rows, _node_query, _rows, project, queries,
)
from graph.kb.loading import ensure_ready, open_store
from ontology import ITEM, WG
from ontology.vocab import RDFS, SKOS

_EXTRA = """
<{i}S90> a <{w}Solution> ; <{s}prefLabel> "b-label"@nl, "a-label"@nl, ""@en ;
    <{r}label> "plain" ; <{w}requiresLegalChange> "1"^^<http://www.w3.org/2001/XMLSchema#boolean> ;
    <{w}effort> <{i}inspanning-hoog>, <{i}inspanning-laag> ;
    <{w}involvesOrganisationType> <{i}ot-gemeente> ; <{w}decidedBy> <{i}ot-gemeente> .
<{i}O01> <{w}addressedBy> <{i}S90> .
<{i}S90> <{w}addresses> <{i}O01> .
<{i}S91> a <{w}Solution>, <{w}Theme> ; <{w}addresses> <{i}nowhere> .
"""


def _rows_graph(store, lang):
    G = _graph_from_rows(_rows(store, _node_query()), _rows(store, _edge_query()), lang)
    G.graph.update(version=store.version(), location=store.location)
    return G


def _same(A: nx.MultiDiGraph, B: nx.MultiDiGraph) -> None:
    assert list(A.nodes) == list(B.nodes)
    assert A.graph == B.graph
    for n in A:
        assert A.nodes[n] == B.nodes[n], n
        assert list(A.succ[n].items()) == list(B.succ[n].items()), n
        assert list(A.pred[n].items()) == list(B.pred[n].items()), n
        for v, keys in A.succ[n].items():
            assert B._succ[n][v] is B._pred[v][n]  # one key dict for both directions
            assert list(keys) == list(B.succ[n][v]), (n, v)
    assert list(A.edges(keys=True, data=True)) == list(B.edges(keys=True, data=True))


def _insert(store, text: str, graph: str = "urn:x-test:extra") -> None:
    store.update(f"INSERT DATA {{ GRAPH <{graph}> {{ {text} }} }}")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_columns_give_the_graph_rows_give_on_the_knowledge_base(kb_store, lang):
    assert read_columns(kb_store, queries()[0]) is not None
    _same(_rows_graph(kb_store, lang), project(kb_store, lang, cache=False))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_inverses_duplicates_empty_labels_and_several_values(mini_store, lang):
    text = _EXTRA.format(i=ITEM, w=WG, s=SKOS, r=RDFS)
    _insert(mini_store, text)
    _insert(mini_store, text, "urn:x-test:again")  # every statement twice, in two graphs
    G = project(mini_store, lang, cache=False)
    _same(_rows_graph(mini_store, lang), G)
    s90 = G.nodes[str(ITEM["S90"])]
    assert s90["labels"] == {"nl": "a-label", "en": "a-label"}
    assert s90["requiresLegalChange"] is True
    assert s90["effort"] == str(ITEM["inspanning-hoog"])
    assert set(G.succ[str(ITEM["S90"])][str(ITEM["O01"])]) == {str(WG.addresses)}
    assert str(ITEM["S91"]) in G and str(ITEM["S91"]) not in G.graph["terms"]


def test_a_separator_in_a_value_reads_rows(mini_store):
    label = f"twee{RS}delen{US}en meer"
    _insert(mini_store, f'<{ITEM}O01> <{SKOS}prefLabel> "{label}"@de .')
    _insert(mini_store, f'<{ITEM}O02> <{SKOS}prefLabel> "a{US}b"@nl .')
    assert read_columns(mini_store, queries()[0]) is None
    G = project(mini_store, "nl", cache=False)
    assert G.nodes[str(ITEM["O02"])]["labels"]["nl"] == "a\x1fb"
    _same(_rows_graph(mini_store, "nl"), G)


def test_the_edge_table_holds_every_edge_once():
    store = ensure_ready(open_store(), bundled=False)
    assert project(store).number_of_nodes() == 0
    from graph.analytics.common import example_graph
    G = example_graph()
    t = edge_table(G)
    found = sorted((t.nodes[a], t.nodes[b], t.preds[k]) for a, b, k in zip(t.u, t.v, t.k))
    assert found == sorted(G.edges(keys=True))
    assert [t.kind[i] for i in range(len(t.nodes))] == [G.nodes[n]["kind"] for n in t.nodes]
