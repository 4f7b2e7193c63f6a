"""Projections per selection give what the whole projection gives for the same question."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics.advice import rank_solutions
from graph.analytics.agenda import agenda
from graph.analytics.bridges import bridge_matrix, bridging_solutions
from graph.analytics.projection import iri, project
from graph.analytics.routes import routes
from graph.analytics.selection import (
    HUBS, agenda_selection, bridge_counts, labels, neighbourhood, pair_ranking, pair_selection,
    party_routes,
)
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


# -- the other per-selection questions, on the bundled knowledge base and a generated graph ---

def _pairs(store, n):
    counts = bridge_counts(store)
    return sorted(counts, key=lambda k: (-counts[k], k))[:n]


@pytest.fixture(scope="module")
def generated():
    from bench.generate import generate
    from graph.kb import ensure_ready, open_store
    from ontology.vocab import SOURCE_BASE

    s = ensure_ready(open_store(), bundled=False)
    s.replace_graphs({SOURCE_BASE + "gen.nt": generate(6000, seed=3)}, [])
    return s


@pytest.fixture(params=["kb", "generated"])
def any_store(request, kb_store, generated):
    return kb_store if request.param == "kb" else generated


def test_bridge_cell_from_its_selection_is_the_whole_cell(any_store):
    whole_graph = project(any_store, "nl")
    pairs = _pairs(any_store, 3)
    assert pairs
    for a, b in pairs:
        whole = bridging_solutions(whole_graph, a, b)
        part = bridging_solutions(pair_selection(any_store, a, b, "nl"), a, b)
        assert part == whole and whole


@pytest.mark.parametrize("top", [1, 3])
def test_top_of_a_bridge_cell_is_the_top_of_the_whole_ranking(any_store, top):
    """The first ``top`` of a cell, ranked on its facts alone and then fetched whole, are
    the whole projection's first ``top``, with the same ranks, keys and reasons; and the
    count is the whole cell's."""
    whole_graph = project(any_store, "nl")
    compared = 0
    for a, b in _pairs(any_store, 4):
        whole = rank_solutions(whole_graph, domains=(a, b))
        ranked, total = pair_ranking(any_store, a, b, "nl", top=top)
        assert ranked == whole[:top] and total == len(whole)
        compared += len(whole) > top
    assert compared  # a cell bigger than the page, so the cut was tested


def test_top_of_a_bridge_cell_in_an_area_and_filtered(any_store):
    G = project(any_store, "nl")
    a, b = _pairs(any_store, 1)[0]
    whole = rank_solutions(G, domains=(a, b))
    # an area where a solution of the cell was applied: practice there moves it up
    applied = {c: v for c, v, k in G.edges(keys=True) if k.endswith("#appliesSolution")}
    case = next(c for c in sorted(applied) if applied[c] in {r.solution for r in whole[1:]})
    area = sorted(v for _, v, k in G.out_edges(case, keys=True) if k.endswith("#inArea"))[0]
    in_area = rank_solutions(G, domains=(a, b), area=area)
    assert [r.solution for r in in_area] != [r.solution for r in whole]
    ranked, total = pair_ranking(any_store, a, b, "nl", area=area, top=2)
    assert ranked == in_area[:2] and total == len(in_area)
    some = [r.solution for r in whole[::2]]
    filtered = rank_solutions(G, domains=(a, b), candidates=some)
    assert pair_ranking(any_store, a, b, "nl", top=2, candidates=some) == (
        filtered[:2], len(filtered))


def test_bridge_cell_of_domain_groups(kb_store):
    G = project(kb_store, "en")
    groups = sorted(n for n in G if G.nodes[n]["kind"] == "domain_group")
    assert len(groups) >= 2
    a, b = groups[:2]
    whole = bridging_solutions(G, a, b, lang="en")
    assert bridging_solutions(pair_selection(kb_store, a, b, "en"), a, b, lang="en") == whole
    assert whole


def _types(G, n):
    return sorted(x for x in G if G.nodes[x]["kind"] == "organisation_type")[:n]


def test_routes_between_parties_from_their_selection_are_the_whole_routes(any_store, kb_store):
    """As long, and on the bundled knowledge base the same; on the generated graph, with many
    equally long routes, which of them come first depends on the order Yen's algorithm meets
    them in (``routes`` orders ties only among the first ``2k`` it finds)."""
    G = project(any_store, "nl")
    U = G.to_undirected(as_view=True)
    types = _types(G, 6)
    compared = 0
    for a, b in zip(types[0::2], types[1::2]):
        whole = routes(G, a, b, k=3)
        part = party_routes(any_store, a, b, k=3)
        assert [r.length for r in part] == [r.length for r in whole]
        assert all(nx.is_simple_path(U, r.nodes) for r in part)
        if any_store is kb_store:
            assert [r.nodes for r in part] == [r.nodes for r in whole]
            assert [r.sentence for r in part] == [r.sentence for r in whole]
        compared += bool(whole)
    assert compared


def test_agenda_from_its_selection_is_the_whole_agenda(any_store):
    G = project(any_store, "nl")
    ranked = sorted((n for n in G if G.nodes[n]["kind"] == "obstacle"),
                    key=lambda o: (-G.in_degree(o), o))
    three = ranked[:3]
    cases = [c for c in G.predecessors(three[0]) if G.nodes[c]["kind"] == "case"]
    areas = sorted(a for c in cases for a in G.successors(c) if G.nodes[a]["kind"] == "area")
    for area in [None, *areas[:1]]:
        whole = agenda(G, three, neighbourhood=area)
        part = agenda(agenda_selection(any_store, three, area, "nl"), three, neighbourhood=area)
        assert part == whole and whole.items


def test_labels_are_the_projection_labels(any_store):
    G = project(any_store, "en")
    found = labels(any_store, ["obstacle", "domain"], "en")
    assert found == {n: G.nodes[n]["label"] for n in G
                     if G.nodes[n]["kind"] in ("obstacle", "domain")}
