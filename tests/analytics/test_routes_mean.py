"""Routes that mean something (issue 13, Deliver 5): a route between two parties runs through
what they do together (solutions, cases, programmes, organisations); an obstacle both ends
only meet is a shared problem beside the routes, never a route."""

from __future__ import annotations

from itertools import combinations

import pytest

from graph.analytics import nodes_of_kind, project, routes, shared_problems
from graph.analytics.common import example_graph
from graph.analytics.projection import short_id
from graph.analytics.routes import CONNECTORS, MEET, statements
from tests.data.analytics.graphs import make

SKIP = ("theme", "domain_group")


def _meet_only(G, route) -> bool:
    """Some middle obstacle is reached and left only by arising at / affecting."""
    for before, node, after in zip(route.nodes, route.nodes[1:], route.nodes[2:]):
        if G.nodes[node]["kind"] == "obstacle":
            sides = [{p for _, p, _ in statements(G, node, x)} for x in (before, after)]
            if all(side <= MEET for side in sides):
                return True
    return False


def _parties_graph():
    """TA and TB both meet O1 (it arises at both); S1 involves both; C1 applies S1 in area N."""
    return make({"TA": "organisation_type", "TB": "organisation_type", "O1": "obstacle",
                 "S1": "solution", "C1": "case", "N": "area"},
                "O1 arisesBetween TA; O1 arisesBetween TB; S1 involvesOrganisationType TA; "
                "S1 involvesOrganisationType TB; C1 appliesSolution S1; C1 inArea N")


def test_a_shared_obstacle_is_a_shared_problem_not_a_route():
    G = _parties_graph()
    found = routes(G, "TA", "TB", k=5)
    assert [[short_id(n) for n in r.nodes] for r in found] == [["TA", "S1", "TB"]]
    assert [short_id(p.obstacle) for p in shared_problems(G, "TA", "TB")] == ["O1"]


def test_route_sentences_read_as_dutch_and_english():
    G = _parties_graph()
    r = routes(G, "TA", "TB")[0]
    assert r.sentence["nl"] == "De ta en de tb werken samen in 's1', bijvoorbeeld in 'c1' (n)."
    assert r.sentence["en"] == ("The en-TA and the en-TB work together in 'en-S1', for example "
                                "in 'en-C1' (en-N).")
    p = shared_problems(G, "TA", "TB")[0]
    assert p.sentence["nl"] == "De ta en de tb lopen allebei tegen 'o1' aan."


def test_without_a_connector_there_is_no_route_only_the_shared_problem():
    G = make({"TA": "organisation_type", "TB": "organisation_type", "O1": "obstacle"},
             "O1 arisesBetween TA; O1 arisesBetween TB")
    assert routes(G, "TA", "TB") == []
    assert len(shared_problems(G, "TA", "TB")) == 1


def test_an_obstacle_reached_by_a_solution_still_carries_a_route():
    # O02 is addressed by S02, which addresses O01, which arises at the woningcorporatie
    found = routes(example_graph(), "O02", "woningcorporatie", k=1, skip_kinds=["theme"])
    assert [short_id(n) for n in found[0].nodes] == ["O02", "S02", "O01", "ot-woningcorporatie"]


def test_no_route_between_organisation_types_is_only_a_shared_obstacle(kb_store):
    G = project(kb_store, "nl")
    types = nodes_of_kind(G, "organisation_type")
    checked = 0
    for a, b in list(combinations(types, 2))[::7]:
        for r in routes(G, a, b, k=3, skip_kinds=SKIP):
            assert not _meet_only(G, r), r.sentence["nl"]
            assert all(G.nodes[n]["kind"] in CONNECTORS for n in r.nodes[1:-1]), r.nodes
            checked += 1
    assert checked > 50
    found = routes(G, "ot-huisarts", "ot-woningcorporatie", k=3, skip_kinds=SKIP)
    assert len(found) == 3
    assert all(r.sentence["nl"].startswith("De huisartsenpraktijk en de woningcorporatie "
                                           "werken samen in '") for r in found)
    assert shared_problems(G, "ot-huisarts", "ot-woningcorporatie")


@pytest.mark.parametrize("label, article", [("sociaal wijkteam", "het"), ("GGD", "de"),
                                             ("Rijk (ministerie)", "het")])
def test_dutch_articles_of_organisation_types(label, article):
    G = make({"TA": "organisation_type", "TB": "organisation_type", "O1": "obstacle"},
             "O1 arisesBetween TA; O1 arisesBetween TB")
    G.nodes[next(n for n in G if short_id(n) == "TA")]["labels"]["nl"] = label
    text = shared_problems(G, "TA", "TB")[0].sentence["nl"]
    assert text.startswith(f"{article[0].upper()}{article[1:]} {label} en de tb ")
