"""Views from the edge arrays give what the NetworkX loops they replace give: out-indexes,
the undirected view, the whole graph for PageRank, the collaboration graph and its
structural holes."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analytics.arrays import NO_DATA, out_lists, undirected
from graph.analytics.centrality import (collaboration, structural_holes, to_igraph,
                                        whole_graph)
from graph.analytics.columns import edge_table
from graph.analytics.common import example_graph
from graph.analytics.projection import project
from graph.analytics.views import collaboration_graph


@pytest.fixture(params=["example", "kb"])
def G(request, kb_store):
    return example_graph() if request.param == "example" else project(kb_store, "nl")


def test_out_lists_are_the_sorted_objects_of_each_predicate(G):
    plain: dict = {}
    for u, v, k in G.edges(keys=True):
        plain.setdefault(k, {}).setdefault(u, set()).add(v)
    found = out_lists(edge_table(G))
    assert found.keys() == plain.keys()
    for k, by in plain.items():
        assert list(found[k].items()) == [(u, tuple(sorted(vs))) for u, vs in sorted(by.items())]


def test_the_undirected_view_has_every_link_once_and_sorted_neighbours(G):
    H = undirected(edge_table(G))
    plain = nx.Graph()
    plain.add_nodes_from(sorted(G))
    plain.add_edges_from(sorted((u, v) for u, v in G.edges() if u != v))
    assert list(H.nodes) == list(plain.nodes)
    assert sorted(map(sorted, H.edges())) == sorted(map(sorted, plain.edges()))
    for n in H:
        assert list(H[n]) == sorted(plain[n])
    u, v = next(iter(H.edges()))
    assert H.edges[u, v] is NO_DATA
    with pytest.raises(TypeError):
        H.edges[u, v]["weight"] = 1  # shared and read-only


def test_the_whole_graph_merges_multiple_links(G):
    g, nodes = whole_graph(G)
    plain = {tuple(sorted((nodes.index(u), nodes.index(v)))) for u, v in G.edges() if u != v}
    assert nodes == sorted(G) and sorted(map(tuple, map(sorted, g.get_edgelist()))) == \
        sorted(plain)


@pytest.mark.parametrize("level", ["organisation_type", "organisation"])
def test_the_collaboration_graph_in_igraph_is_the_networkx_one(G, level):
    C, W = collaboration_graph(G, level), collaboration(G, level)
    g, nodes = to_igraph(C, "weight")
    assert W.nodes == nodes == sorted(C)
    assert W.g.get_edgelist() == g.get_edgelist() and W.g.es["w"] == g.es["w"]
    assert [W.degree(n) for n in W] == [C.degree(n) for n in C]
    for ours, theirs in zip(structural_holes(W, weight="weight"),
                            structural_holes(C, weight="weight")):
        assert ours.keys() == theirs.keys()
        for n, x in ours.items():
            assert (math.isnan(x) and math.isnan(theirs[n])) or x == theirs[n], n
    sparse = structural_holes(W, weight="weight", dense_limit=1)
    dense = structural_holes(C, weight="weight")
    for ours, theirs in zip(sparse, dense):
        for n, x in ours.items():
            assert (math.isnan(x) and math.isnan(theirs[n])) or x == pytest.approx(theirs[n])
