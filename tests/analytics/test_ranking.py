"""Key players, the igraph kernels against NetworkX, sampling error, and communities."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from ontology import UnknownIdError
from graph.analytics.common import iri
from graph.cli.main import main
from graph.analytics.projection import project, short_id
from graph.analytics.ranking import (betweenness, communities, key_players, pagerank,
                                     structural_holes)
from tests.data.analytics import graphs
from tests.data.analytics.graphs import bridges_graph, make, star_graph

mini_dir = graphs.mini_dir  # the on-disk mini store fixture


@settings(max_examples=30, deadline=None)
@given(n=st.integers(0, 30), m=st.integers(0, 80), seed=st.integers(0, 1000))
def test_igraph_kernels_agree_with_networkx(n, m, seed):
    H = nx.gnm_random_graph(n, m, seed=seed)
    ours, theirs = betweenness(H).values, nx.betweenness_centrality(H)
    assert ours.keys() == theirs.keys()
    assert all(math.isclose(ours[v], theirs[v], abs_tol=1e-9) for v in H)
    assert betweenness(H, backend="networkx").values == theirs
    if n:
        pr, ref = pagerank(H), _pagerank_python(H, tol=1e-12, max_iter=1000)
        assert all(math.isclose(pr[v], ref[v], abs_tol=1e-6) for v in H)


def _same(a, b):
    return a.keys() == b.keys() and all(
        (math.isnan(a[k]) and math.isnan(b[k])) or math.isclose(a[k], b[k], abs_tol=1e-9)
        for k in a)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(0, 14), m=st.integers(0, 40), seed=st.integers(0, 1000),
       weighted=st.booleans())
def test_structural_holes_agree_with_networkx(n, m, seed, weighted):
    H = nx.gnm_random_graph(n, m, seed=seed)
    for i, (u, v) in enumerate(H.edges()):
        H.edges[u, v]["weight"] = 1 + (i * 7 + seed) % 4
    w = "weight" if weighted else None
    expected = nx.effective_size(H, weight=w), nx.constraint(H, weight=w)
    for dense_limit in (2000, 0):  # NumPy matrices, then the per-node path
        size, cons = structural_holes(H, w, dense_limit=dense_limit)
        assert _same(size, expected[0]) and _same(cons, expected[1])


def test_sampled_betweenness_states_its_error_and_is_repeatable():
    H = nx.barabasi_albert_graph(600, 2, seed=3)
    exact = betweenness(H).values
    est = betweenness(H, exact_limit=100, samples=120, seed=7)
    again = betweenness(H, exact_limit=100, samples=120, seed=7)
    assert est.values == again.values and est.stderr is not None
    assert "120 of 600 sources" in est.note["en"] and "standard error" in est.note["en"]
    top = sorted(H, key=lambda v: -exact[v])[:10]
    for v in top:  # the estimate lies within a few standard errors of the truth
        assert abs(est.values[v] - exact[v]) <= 4 * est.stderr[v] + 0.01
    assert sum(abs(est.values[v] - exact[v]) for v in top) / sum(exact[v] for v in top) < 0.3


def test_brokerage_on_a_star_with_an_isolated_type():
    r = key_players(star_graph(), "organisation_type")
    assert [short_id(p.id) for p in r.players] == ["T0", "T1", "T2", "T3", "T4"]
    hub, leaf, alone = r.players[0].scores, r.players[1].scores, r.players[4].scores
    assert hub["betweenness"] == pytest.approx(0.5)  # 3 of the 6 pairs among 5 types
    assert hub["effective_size"] == pytest.approx(3.0) and hub["partners"] == 3
    assert hub["constraint"] < leaf["constraint"] == pytest.approx(1.0)
    assert alone["constraint"] is None and alone["effective_size"] is None
    assert alone["partners"] == 0
    assert "makelaar" in r.players[0].explanation["nl"]
    assert "broker" in r.players[0].explanation["en"]
    assert set(r.measures) == {"betweenness", "effective_size", "constraint", "pagerank",
                               "partners"}
    assert r.method["en"] == "exact (igraph)"


def test_solutions_rank_by_bridging():
    r = key_players(bridges_graph(), "oplossingen")
    ids = [short_id(p.id) for p in r.players]
    assert ids[0] == "S3"  # three domains, on most shortest paths
    scores = {short_id(p.id): p.scores for p in r.players}
    assert scores["S3"]["domains"] == 3 and scores["S4"]["domains"] == 2
    # S4, S5, S6 are interchangeable: tie broken by id
    assert ids.index("S4") < ids.index("S5") < ids.index("S6")


def test_obstacles_rank_by_reach():
    r = key_players(bridges_graph(), "obstacle", top=3)
    assert len(r.players) == 3
    # O1, O2 and O3 each touch two domains and T1, T2; PageRank puts O3 (four solutions) first
    assert sorted(short_id(p.id) for p in r.players) == ["O1", "O2", "O3"]
    first = r.players[0]
    assert short_id(first.id) == "O3" and first.scores["solutions"] == 4
    assert first.scores["domains"] == 2 and first.scores["organisation_types"] == 2
    assert "2 domains and 2 organisation types" in first.explanation["en"]


def test_whole_graph_pagerank_equals_pagerank_of_the_undirected_view():
    from graph.analytics.common import example_graph
    from graph.analytics.ranking import _whole_pagerank
    from graph.analytics.routes import undirected_view

    G = example_graph()
    ours, ref = _whole_pagerank(G), pagerank(undirected_view(G))
    assert all(math.isclose(ours[n], ref[n], abs_tol=1e-9) for n in G)


def test_key_players_on_mini(mini_store_ro):
    r = key_players(project(mini_store_ro), "organisation")
    assert [short_id(p.id) for p in r.players] == ["org-gemeente-utrecht", "org-mitros"]
    with pytest.raises(UnknownIdError):
        key_players(project(mini_store_ro), "bakery")
    with pytest.raises(ValueError):
        key_players(project(mini_store_ro), "domain")


def test_communities_two_clusters_and_a_loner():
    G = make({"O1": "obstacle", "O2": "obstacle", "O3": "obstacle", "O4": "obstacle",
              "O5": "obstacle", "S1": "solution", "S2": "solution", "S3": "solution"},
             """S1 addresses O1; S1 addresses O2; S2 addresses O1; S2 addresses O2;
             S1 relatedSolution S2; S3 addresses O3; S3 addresses O4""")
    found = communities(G)
    assert [[short_id(n) for n in c.members] for c in found] == [
        ["S1", "S2", "O1", "O2"], ["S3", "O3", "O4"], ["O5"]]
    assert found[0].name == "s1 / s2" and found[2].name == "o5"
    assert [short_id(n) for n in found[1].obstacles] == ["O3", "O4"]
    assert communities(G) == found  # fixed seed: same answer every run
    assert len(communities(G, min_size=2)) == 2


def test_bundled_rankings_structure(kb_store):
    G = project(kb_store)
    for kind in ("organisation_type", "solution", "obstacle"):
        players = key_players(G, kind).players
        for i, p in enumerate(players):  # places 1, 2, 2, 4: a shared place is the first's
            shared = i and (p.rank == players[i - 1].rank)
            assert p.rank == (players[i - 1].rank if shared else i + 1)
        assert all(p.explanation["nl"] and p.explanation["en"] for p in players)
    members = [n for c in communities(G) for n in c.members]
    assert len(members) == len(set(members))


def test_cli_rank(mini_dir, capsys):
    assert main(["rank", "organisatietype", "--store", mini_dir]) == 0
    out = capsys.readouterr().out
    assert "Sleutelspelers: organisatietype" in out and "ot-gemeente" in out
    assert main(["rank", "communities", "--store", mini_dir, "--format", "markdown"]) == 0
    assert "| 1 |" in capsys.readouterr().out
    assert main(["rank", "bakery", "--store", mini_dir]) == 2
    assert iri("x") and "onbekend als soort" in capsys.readouterr().err
    assert main(["rank", "bakery", "--store", mini_dir, "--lang", "en"]) == 2
    assert "unknown kind" in capsys.readouterr().err
