"""solutions_for and the agenda builder (weighted greedy set cover): known answers, properties."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontology import InputError, UnknownIdError
from graph.analytics.agenda import agenda, solution_cost, solutions_for
from graph.analytics.common import example_graph, iri
from graph.cli.main import main
from graph.analytics.projection import build_graph, nodes_of_kind, project, short_id
from tests.data.analytics import graphs
from tests.data.analytics.graphs import cover_graph

mini_dir = graphs.mini_dir  # the on-disk mini store fixture
ALL = ["O1", "O2", "O3", "O4"]


def _items(a):
    return [short_id(i.solution) for i in a.items]


def test_solutions_for_ranks_by_share_then_evidence_then_domains():
    ranked = solutions_for(cover_graph(), ["O1", "O3"])
    # SA addresses both; the rest one each, alike but for the organisation types they need
    # the one ranking: SD and SN were applied in a practice case (by id), SB and SC not (by id)
    assert [(short_id(m.solution), m.share) for m in ranked] == [
        ("SA", 1.0), ("SD", 0.5), ("SN", 0.5), ("SB", 0.5), ("SC", 0.5)]
    assert [short_id(o) for o in ranked[0].addresses] == ["O1", "O3"]
    assert "Pakt 'o1' en 'o3' aan (2 van de 2 gekozen)." in ranked[0].reason["nl"]
    assert len(solutions_for(cover_graph(), ["O1", "O3"], top=2)) == 2


def test_solutions_for_on_mini(mini_store_ro):
    ranked = solutions_for(project(mini_store_ro, "en"), ["data may not be shared"])
    # both address it; S01 has an evidence level, S02 none
    assert [short_id(m.solution) for m in ranked] == ["S01", "S02"]
    assert "Evidence level: well described." in ranked[0].reason["en"]


def test_agenda_greedy_known_answer():
    a = agenda(cover_graph(), ALL)
    # SA closes all four at cost 3 (4/3 per unit); SB and SD close two at cost 1 (2 per
    # unit, SD first in the one ranking: applied in a case), then SC and SN tie again (SN)
    assert _items(a) == ["SD", "SN"]
    assert [short_id(o) for o in a.items[0].covers] == ["O1", "O2"]
    assert a.uncovered == []
    assert [(short_id(t.organisation_type), [short_id(s) for s in t.for_solutions])
            for t in a.invite] == [("TB", ["SD"])]
    assert "Pakt 2 van de nog open belemmeringen aan" in a.items[0].reason["nl"]


def test_agenda_reports_what_stays_open():
    a = agenda(cover_graph(), ["O1", "O3", "O5"])
    assert _items(a) == ["SD", "SN"]  # 1 per unit of cost beats SA's 2 for 3
    assert [short_id(u.obstacle) for u in a.uncovered] == ["O5"]
    assert "no solution" in a.uncovered[0].reason["en"]
    a = agenda(cover_graph(), ALL, max_solutions=1)
    assert _items(a) == ["SD"]
    assert [short_id(u.obstacle) for u in a.uncovered] == ["O3", "O4"]
    assert "limit of 1" in a.uncovered[0].reason["en"]


@pytest.mark.parametrize("area, expected, places", [
    ("N1", ["SD", "SN"], ["in", "near"]),   # SD applied in N1, SN next door (both in W)
    ("N2", ["SN", "SD"], ["in", "near"]),   # and the other way round
    ("W", ["SD", "SN"], ["in", "in"]),      # both cases lie inside W
    ("N3", ["SD", "SN"], ["near", "near"]),  # same municipality
])
def test_agenda_prefers_solutions_applied_in_or_near_the_neighbourhood(area, expected, places):
    a = agenda(cover_graph("en"), ALL, neighbourhood=area)
    assert _items(a) == expected and a.neighbourhood == iri(area)
    for item, place in zip(a.items, places):
        if place is None:
            assert item.case is None and "already applied" not in item.reason["en"]
        else:
            assert f"already applied {place} this area" in item.reason["en"]


def test_solution_cost_weights():
    G = cover_graph()
    assert solution_cost(G, iri("SA")) == 3 and solution_cost(G, iri("SB")) == 1
    assert solution_cost(G, iri("SD"), iri("N1")) == 0.5
    assert solution_cost(G, iri("SD"), iri("N2")) == 0.75
    E = example_graph()  # S01: effort middel (2) × well described (0.9)
    assert solution_cost(E, iri("S01")) == 1.8


def test_agenda_on_mini(mini_store_ro):
    a = agenda(project(mini_store_ro), ["O01", "O02", "O03"], neighbourhood="West")
    assert _items(a) == ["S01", "S02"]
    assert [short_id(u.obstacle) for u in a.uncovered] == ["O03"]
    assert a.items[0].case == iri("C01")


def test_agenda_errors():
    G = cover_graph()
    with pytest.raises(InputError):
        agenda(G, [])
    with pytest.raises(UnknownIdError, match="O9"):
        agenda(G, ["O1", "O9"])
    with pytest.raises(UnknownIdError, match="area"):
        agenda(G, ["O1"], neighbourhood="SA")
    assert _items(agenda(G, "O1")) == ["SD"]  # a single id is a selection of one


@st.composite
def _cover_instance(draw):
    n_o, n_s = draw(st.integers(1, 7)), draw(st.integers(0, 7))
    nodes = [{"id": f"O{i}", "kind": "obstacle", "label": f"o{i}"} for i in range(n_o)]
    efforts = ["inspanning-laag", "inspanning-middel", "inspanning-hoog"]
    edges = []
    for j in range(n_s):
        nodes.append({"id": f"S{j}", "kind": "solution", "label": f"s{j}",
                      "effort": iri(draw(st.sampled_from(efforts)))})
        for i in draw(st.sets(st.integers(0, n_o - 1), max_size=n_o)):
            edges.append((f"S{j}", "addresses", f"O{i}"))
    G = build_graph(nodes, edges, terms=example_graph().graph["terms"])
    chosen = draw(st.sets(st.integers(0, n_o - 1), min_size=1))
    return G, [f"O{i}" for i in sorted(chosen)]


@settings(max_examples=80, deadline=None)
@given(case=_cover_instance())
def test_agenda_addresses_every_coverable_obstacle(case):
    G, chosen = case
    a = agenda(G, chosen)
    selected = {iri(o) for o in chosen}
    coverable = {o for o in selected
                 if any(G.has_edge(s, o) for s in nodes_of_kind(G, "solution"))}
    closed = [o for item in a.items for o in item.covers]
    assert len(closed) == len(set(closed))  # each item closes new obstacles only
    assert set(closed) == coverable
    assert {u.obstacle for u in a.uncovered} == selected - coverable
    for item in a.items:
        assert item.covers and all(G.has_edge(item.solution, o) for o in item.covers)
    assert agenda(G, chosen) == a  # deterministic


def test_bundled_agenda_structure(kb_store):
    G = project(kb_store)
    obstacles = nodes_of_kind(G, "obstacle")
    assert obstacles
    a = agenda(G, obstacles)
    closed = {o for item in a.items for o in item.covers}
    assert closed | {u.obstacle for u in a.uncovered} == set(obstacles)


def test_cli_agenda_and_solutions(mini_dir, capsys):
    assert main(["agenda", "O01", "O02", "O03", "--wijk", "WK034401", "--store", mini_dir]) == 0
    out = capsys.readouterr().out
    assert "Wijkagenda" in out and "Uitnodigen: gemeente (2)" in out and "O03" in out
    assert main(["agenda", "O01", "--store", mini_dir, "--format", "json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["items"][0]["solution"] == iri("S01")
    assert main(["solutions", "O01", "O02", "--store", mini_dir, "--format", "markdown"]) == 0
    assert "| 1 | S02 |" in capsys.readouterr().out
    assert main(["agenda", "O77", "--store", mini_dir]) == 2
