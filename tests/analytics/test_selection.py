"""Projections per selection give what the whole projection gives for the same question."""

from __future__ import annotations

import pytest

from graph.analytics.advice import rank_solutions
from graph.analytics.bridges import bridge_matrix
from graph.analytics.projection import iri, project
from graph.analytics.selection import HUBS, bridge_counts, neighbourhood
from tests.conftest import make_mini_store


@pytest.fixture(scope="module")
def store():
    return make_mini_store()


@pytest.mark.parametrize("obstacle", ["O01", "O02"])
def test_obstacle_ranking_from_its_neighbourhood_is_the_whole_ranking(store, obstacle):
    whole = rank_solutions(project(store, "nl"), [obstacle])
    part = rank_solutions(neighbourhood(store, [obstacle], 2, "nl"), [obstacle])
    assert part == whole and whole


def test_neighbourhood_is_a_subgraph_with_the_same_values(store):
    G = project(store, "en")
    N = neighbourhood(store, ["S01"], 1, "en")
    assert iri("S01") in N and set(N) < set(G)
    for n in N:
        assert N.nodes[n] == G.nodes[n]
    assert set(N.edges(keys=True)) <= set(G.edges(keys=True))
    # every link of the seed is there, and the terms are all there
    assert set(G.edges(iri("S01"), keys=True)) <= set(N.edges(keys=True))
    assert N.graph["terms"] == G.graph["terms"]


def test_hubs_are_taken_in_not_walked_through(store):
    N = neighbourhood(store, ["O03"], 1, "nl")
    G = project(store, "nl")
    hubs = [n for n in G.successors(iri("O03")) if G.nodes[n]["kind"] in HUBS]
    assert hubs and all(h in N for h in hubs)
    N2 = neighbourhood(store, ["O03"], 2, "nl")
    # what only a hub links to O03 stays out at depth 2
    behind = {m for h in hubs for m in G.predecessors(h)} - set(G.predecessors(iri("O03"))) \
        - set(G.successors(iri("O03"))) - {iri("O03")}
    walked = {m for m in behind if any(m in (*G.successors(x), *G.predecessors(x))
                                       for x in N if x not in hubs and x != iri("O03")
                                       and G.nodes[x]["kind"] not in HUBS)}
    assert behind - walked and not (behind - walked) & set(N2)


def test_cached_per_version(store):
    first = neighbourhood(store, ["O01"], 1)
    assert neighbourhood(store, ["O01"], 1) is first
    fresh = make_mini_store()
    assert neighbourhood(fresh, ["O01"], 1) is not first


def test_bridge_counts_are_the_stated_bridges(store):
    counts = bridge_counts(store)
    matrix = bridge_matrix(project(store, "nl"))
    stated = {(p.a, p.b): len(matrix.cell(p.a, p.b, "stated")) for p in matrix.pairs}
    assert counts and counts == {k: n for k, n in stated.items() if n}
