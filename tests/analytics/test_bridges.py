"""The bridge matrix, bridging solutions and gaps: hand-made graphs with known answers."""

from __future__ import annotations

import json
from itertools import combinations

import pytest

from ontology import InputError, UnknownIdError
from graph.analytics.common import example_graph, iri
from graph.analytics.bridges import bridge_matrix, bridging_solutions
from graph.analytics.bridgemap import gaps
from graph.cli.main import main
from graph.analytics.projection import nodes_of_kind, project, short_id
from tests.data.analytics import graphs
from tests.data.analytics.graphs import bridges_graph, make

mini_dir = graphs.mini_dir  # the on-disk mini store fixture


def _cell(m, a, b):
    return [(short_id(x.solution), x.basis) for x in m.cell(a, b)]


def test_matrix_on_the_hand_made_graph():
    m = bridge_matrix(bridges_graph())
    assert [short_id(d) for d in m.domains] == ["A", "B", "C", "D"]
    assert len(m.pairs) == 6  # every pair of distinct domains, disconnected D included
    assert _cell(m, "A", "B") == [("S1", "stated+derived"), ("S3", "derived"),
                                  ("S4", "derived"), ("S5", "derived"), ("S6", "derived")]
    # either order; S3 addresses O2 (B, C) and O3 (A, B): no obstacle of it affects A and C
    assert _cell(m, "C", "A") == [("S2", "stated")]
    assert _cell(m, "B", "C") == [("S3", "derived")]
    assert _cell(m, "A", "D") == [] and _cell(m, "C", "D") == []
    assert m.count("A", "B", basis="stated") == 1 and m.count("A", "B", basis="derived") == 5
    assert m.count("A", "C", basis="derived") == 0
    with pytest.raises(InputError, match="basis"):
        m.cell("A", "B", basis="claimed")
    counts = {(short_id(p.a), short_id(p.b)): len(p.obstacles) for p in m.pairs}
    assert counts == {("A", "B"): 2, ("A", "C"): 1, ("A", "D"): 0, ("B", "C"): 3,
                      ("B", "D"): 0, ("C", "D"): 1}
    assert [short_id(o) for o in m.obstacles_in[iri("D")]] == ["O8"]


def test_matrix_on_mini(mini_store_ro):
    m = bridge_matrix(project(mini_store_ro))
    assert _cell(m, "dom-gezondheid", "dom-wonen") == [("S01", "stated+derived"),
                                                         ("S02", "derived")]
    assert m.count("dom-wonen", "dom-veiligheid") == 1
    assert m.count("dom-gezondheid", "dom-veiligheid", "obstacles") == 1
    with pytest.raises(InputError):
        m.pair("dom-wonen", "dom-nergens")


def test_a_solution_stating_one_domain_and_deriving_another_does_not_bridge_them():
    G = make({"A": "domain", "B": "domain", "O": "obstacle", "S": "solution"},
             "S bridgesDomain A; S addresses O; O affectsDomain B")
    assert bridge_matrix(G).cell("A", "B") == []


def test_bridging_solutions_rank_and_break_ties_by_id():
    ranked = bridging_solutions(bridges_graph(), "A", "b")  # labels work too
    assert [short_id(r.solution) for r in ranked] == ["S1", "S3", "S4", "S5", "S6"]
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]
    s3 = ranked[1]
    assert [short_id(o) for o in s3.obstacles_both] == ["O3"]
    assert [short_id(o) for o in s3.obstacles_either] == ["O2", "O3"]
    # S4 and S5 are alike (effective); S6 has no evidence level, so it comes last
    assert ranked[2].evidence == iri("ev-effectief") and ranked[4].evidence is None


def test_bridging_solutions_reasons_in_both_languages():
    r = bridging_solutions(example_graph(), "dom-gezondheid", "dom-wonen")[0]
    assert "Pakt 'gegevens delen mag niet' aan, die gezondheid en wonen allebei raakt." \
        in r.reason["nl"]
    assert "Addresses 'data may not be shared', which affects both health and housing." \
        in r.reason["en"]
    assert "goed beschreven" in r.reason["nl"]


def test_bridging_solutions_errors():
    G = bridges_graph()
    with pytest.raises(InputError, match="two different"):
        bridging_solutions(G, "A", "a")
    with pytest.raises(UnknownIdError) as info:
        bridging_solutions(G, "A", "O1")  # an obstacle is not a domain
    assert "domain" in str(info.value)
    assert bridging_solutions(G, "A", "D") == []


def test_gaps_known_answer():
    g = gaps(bridges_graph())
    assert [(short_id(u.obstacle), u.open_gap) for u in g.unsolved] == [
        ("O4", False), ("O5", True), ("O6", False), ("O7", False), ("O8", False)]
    # a gap: fewer solutions than obstacles, or obstacles none of the pair's bridges addresses
    # (A-C: S2 states the bridge but addresses nothing, so O5 stays open)
    assert [(short_id(p.a), short_id(p.b), p.obstacles, p.solutions, p.shortfall,
             [short_id(o) for o in p.uncovered]) for p in g.thin_pairs] == [
        ("B", "C", 3, 1, 2, ["O6", "O7"]), ("C", "D", 1, 0, 1, ["O8"]),
        ("A", "C", 1, 1, 0, ["O5"])]
    assert [short_id(p.a) for p in gaps(bridges_graph(), min_obstacles=2).thin_pairs] == ["B"]
    stated = gaps(bridges_graph(), basis="stated").thin_pairs  # S3's derived bridge not counted
    assert [(short_id(p.a), short_id(p.b), p.shortfall, len(p.uncovered)) for p in stated] == [
        ("B", "C", 3, 3), ("A", "B", 1, 1), ("C", "D", 1, 1), ("A", "C", 0, 1)]


def test_gaps_on_mini(mini_store_ro):
    g = gaps(project(mini_store_ro))
    assert [short_id(u.obstacle) for u in g.unsolved] == ["O03"]


def test_results_are_the_same_every_run():
    assert bridge_matrix(bridges_graph()) == bridge_matrix(bridges_graph())
    assert gaps(bridges_graph()) == gaps(bridges_graph())


def test_bundled_matrix_structure(kb_store):
    G = project(kb_store)
    m = bridge_matrix(G)
    domains = nodes_of_kind(G, "domain")
    assert [(p.a, p.b) for p in m.pairs] == list(combinations(domains, 2))
    for p in m.pairs:
        assert all(b.stated or b.derived for b in p.solutions)
        assert [b.solution for b in p.solutions] == sorted(b.solution for b in p.solutions)


# -- the command line ------------------------------------------------------------------------

def test_cli_bridges(mini_dir, capsys):
    assert main(["bridges", "--store", mini_dir]) == 0
    out = capsys.readouterr().out
    assert "GEZ gezondheid" in out and "WON" in out
    assert main(["bridges", "wonen", "health", "--store", mini_dir, "--lang", "en",
                 "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("### Solutions that bridge") and "| 1 | S01 |" in out
    assert main(["bridges", "--store", mini_dir, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["cells"]) == 3 and data["view"] == "domains"


def test_cli_gaps_and_errors(mini_dir, capsys):
    assert main(["gaps", "--store", mini_dir, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["unsolved"][0]["obstacle"] == iri("O03")
    assert main(["bridges", "wonen", "--store", mini_dir]) == 2
    assert main(["bridges", "wonen", "gezondhxyz", "--store", mini_dir]) == 2  # a typo is corrected
    err = capsys.readouterr().err
    assert "gezondhxyz" in err and "dom-gezondheid" in err


@pytest.mark.parametrize("seed", [None, 0, 1])
def test_the_matrix_holds_what_pair_bridges_gives_every_pair(kb_store, seed):
    """The matrix is computed solution by solution; each cell must be what the pair's own
    function gives, on the bundled knowledge base and on generated graphs."""
    from bench.generate import generate
    from graph.analytics.projection import out_index
    from graph.analytics.views import pair_bridges
    from graph.kb import ensure_ready, open_store

    store = kb_store
    if seed is not None:
        store = ensure_ready(open_store(), bundled=False)
        store.replace_graphs({"https://w3id.org/wijkgraaf/graph/source/gen.nt":
                              generate(4000, seed)}, [])
    G = project(store, "nl")
    m = bridge_matrix(G)
    assert len(m.pairs) == len(list(combinations(m.domains, 2))) > 0
    assert any(p.solutions for p in m.pairs)
    for pair in m.pairs:
        want = pair_bridges(G, pair.a, pair.b)
        assert {b.solution: (b.stated, b.derived) for b in pair.solutions} == want
        assert [b.solution for b in pair.solutions] == sorted(want)
        affects = {o for o, ds in out_index(G, "affectsDomain").items()
                   if {pair.a, pair.b} <= set(ds)}
        assert pair.obstacles == sorted(affects)
