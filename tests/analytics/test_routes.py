"""Routes: k shortest simple paths with sentences; ties by id; disconnected parts."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontology import WG, InputError, UnknownIdError
from graph.analytics.common import example_graph, iri
from graph.cli.main import main
from graph.analytics.projection import build_graph, project, short_id
from graph.analytics.routes import PHRASES, routes, statements, undirected_view
from tests.data.analytics import graphs
from tests.data.analytics.graphs import routes_graph

mini_dir = graphs.mini_dir  # the on-disk mini store fixture


def _ids(found):
    return [[short_id(n) for n in r.nodes] for r in found]


def test_k_shortest_with_ties_by_id():
    found = routes(routes_graph(), "O1", "T1", k=3, skip_kinds=["theme"])
    assert _ids(found) == [["O1", "S1", "T1"], ["O1", "S2", "T1"], ["O1", "S3", "S4", "T1"]]
    assert [r.length for r in found] == [2, 2, 3]


def test_fewer_routes_than_asked_and_k_zero():
    G = routes_graph()
    assert len(routes(G, "O1", "T1", k=10, skip_kinds=["theme"])) == 3
    assert len(routes(G, "O1", "T1", k=10)) == 4  # through the theme as well
    assert routes(G, "O1", "T1", k=0) == []


def test_disconnected_parts_have_no_route():
    assert routes(routes_graph(), "O1", "Z1") == []


def test_skip_kinds_only_applies_to_the_middle():
    G = routes_graph()
    assert _ids(routes(G, "H", "S3", k=1, skip_kinds=["theme"])) == [["H", "O1", "S3"]]


def test_sentence_in_both_languages():
    r = routes(routes_graph(), "O1", "T1", k=1)[0]
    assert r.sentence["nl"] == ("Belemmering 'o1' wordt aangepakt door oplossing 's1'; "
                                "oplossing 's1' betrekt organisatietype 't1'.")
    assert r.sentence["en"] == ("Obstacle 'en-O1' is addressed by solution 'en-S1'; "
                                "solution 'en-S1' involves organisation type 'en-T1'.")
    assert [s.forward for s in r.steps] == [False, True]
    assert r.labels == ["o1", "s1", "t1"]


def test_every_projected_predicate_has_a_phrase():
    from graph.analytics.projection import edge_predicates

    assert set(edge_predicates()) <= set(PHRASES)


def test_routes_on_mini(mini_store_ro):
    G = project(mini_store_ro, "en")
    found = routes(G, "O01", "org-mitros", k=3)
    assert [r.length for r in found] == [2, 2, 2]
    assert _ids(found)[0] == ["O01", "C01", "org-mitros"]
    assert "practice case 'Covenant in West'" in found[0].sentence["en"]


def test_errors():
    G = example_graph()
    with pytest.raises(InputError):
        routes(G, "O01", "gegevens delen mag niet")
    with pytest.raises(UnknownIdError, match="O09"):
        routes(G, "O09", "S01")


def test_undirected_view_and_the_statements_behind_an_edge():
    G = example_graph()
    H = undirected_view(G)
    assert sorted(H.nodes) == list(H.nodes) == sorted(G.nodes)
    assert H.number_of_edges() == len({frozenset(e) for e in G.edges()})
    assert len(statements(G, iri("S02"), iri("ot-gemeente"))) == 2  # decidedBy, involves...
    assert statements(G, iri("S01"), iri("S02")) == [(iri("S01"), str(WG.relatedSolution),
                                                       iri("S02"))]


@st.composite
def _random_graph(draw):
    n = draw(st.integers(2, 9))
    kinds = ["obstacle", "solution", "domain", "organisation_type"]
    nodes = [{"id": f"N{i}", "kind": draw(st.sampled_from(kinds)), "label": f"n{i}"}
             for i in range(n)]
    preds = ["addresses", "affectsDomain", "involvesOrganisationType", "relatedSolution"]
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.sampled_from(preds),
                                    st.integers(0, n - 1)), max_size=20))
    G = build_graph(nodes, [(f"N{a}", p, f"N{b}") for a, p, b in edges])
    return G, draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1)), draw(st.integers(1, 5))


_MEET = {"arisesBetween", "affectsDomain"}
_PARTY = {"organisation_type", "organisation"}
_CONNECTOR = {"solution", "case", "programme", "organisation"}


def _allowed(G, path):
    """The two rules of a route, written out apart from the module: between two parties
    only what they do together; no obstacle in the middle that both sides only meet."""
    kind = [G.nodes[n]["kind"] for n in path]
    if {kind[0], kind[-1]} <= _PARTY and not set(kind[1:-1]) <= _CONNECTOR:
        return False
    for x, n, y in zip(path, path[1:], path[2:]):
        sides = [{p.rsplit("#")[-1] for p in list(G[n].get(m, {})) + list(G[m].get(n, {}))}
                 for m in (x, y)]
        if kind[path.index(n)] == "obstacle" and all(s and s <= _MEET for s in sides):
            return False
    return True


@settings(max_examples=60, deadline=None)
@given(case=_random_graph())
def test_routes_are_allowed_simple_paths_in_the_graph(case):
    G, a, b, k = case
    if a == b:
        return
    a, b = iri(f"N{a}"), iri(f"N{b}")
    found = routes(G, a, b, k=k)
    U = nx.Graph(G.to_undirected())
    U.remove_edges_from(list(nx.selfloop_edges(U)))
    every = sorted(nx.all_simple_paths(U, a, b), key=lambda p: (len(p), p))
    allowed = [p for p in every if _allowed(G, p)]
    if not allowed:
        assert found == []
        return
    shortest = len(allowed[0]) - 1
    if sum(len(p) - 1 <= shortest for p in every) <= 50 * k:  # routes looks at 50·k at most
        assert 1 <= len(found) <= k
        assert found[0].length == shortest
    assert [r.length for r in found] == sorted(r.length for r in found)
    assert len({tuple(r.nodes) for r in found}) == len(found)
    for r in found:
        assert r.nodes in allowed
        for step in r.steps:
            s, o = (step.source, step.target) if step.forward else (step.target, step.source)
            assert G.has_edge(s, o, key=step.predicate)


def test_cli_routes(mini_dir, capsys):
    assert main(["routes", "O01", "Mitros", "-k", "2", "--store", mini_dir]) == 0
    out = capsys.readouterr().out
    assert "Belemmering 'gegevens delen mag niet'" in out
    assert main(["routes", "O01", "O99", "--store", mini_dir]) == 2
    assert "O99" in capsys.readouterr().err


@pytest.fixture(scope="module")
def generated_graph():
    from bench.generate import generate
    from graph.kb.loading import ensure_ready, open_store

    store = ensure_ready(open_store(), bundled=False)
    store.replace_graphs({"https://w3id.org/wijkgraaf/graph/source/bench":
                          generate(20000, seed=5)}, meta=[])
    return project(store, cache=False)


@pytest.mark.parametrize("seed", range(4))
def test_the_route_search_yields_networkx_simple_paths_in_their_order(generated_graph, seed):
    """The integer Yen search is NetworkX's ``shortest_simple_paths`` step for step: the
    same paths in the same order (ties included), also with kinds left out."""
    import random
    from itertools import islice

    import numpy as np

    from graph.analytics.arrays import neighbours
    from graph.analytics.columns import edge_table
    from graph.analytics.routes import _simple_paths

    G = generated_graph
    t = edge_table(G)
    adj, index = neighbours(t), {n: i for i, n in enumerate(t.nodes)}
    rng = random.Random(seed)
    nodes = sorted(G)
    for _ in range(6):
        a, b = rng.sample(nodes, 2)
        H = undirected_view(G)
        blocked = None
        if seed % 2:  # leave the themes and domains out of the middle, as skip_kinds does
            keep = [n for n in H if n in {a, b} or G.nodes[n]["kind"] not in {"theme", "domain"}]
            H = H.subgraph(keep)
            kept = set(keep)
            blocked = np.array([n not in kept for n in t.nodes])
        try:
            want = list(islice(nx.shortest_simple_paths(H, a, b), 12))
        except nx.NetworkXNoPath:
            want = []
        got = [[t.nodes[i] for i in p]
               for p in islice(_simple_paths(adj, index[a], index[b], blocked), 12)]
        assert got == want
