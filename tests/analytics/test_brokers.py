"""Key players in words (issue 13, Deliver 3): who connects two sides (two domains, or the
social and the physical domain group), organisation types and solutions, each with a sentence
built from its facts; ties broken by stated criteria, what is still equal shares a place."""

from __future__ import annotations

import pytest

from ontology import InputError, UnknownIdError
from graph.analytics import brokers, key_players, project, rank_solutions, standings
from graph.analytics.common import iri
from graph.analytics.projection import short_id
from graph.analytics.views import pair_bridges, side_bridges
from graph.cli.main import main
from tests.data.analytics import graphs
from tests.data.analytics.graphs import make

mini_dir = graphs.mini_dir  # the on-disk mini store fixture

SIDES = ("sociaal-domein", "fysiek-domein")


@pytest.fixture(scope="module")
def kb(kb_store):
    return project(kb_store, "nl")


def two_sides():
    """Groups G1 = {A, B} and G2 = {C}. S1 states A and C; S2 addresses O1 (A, C) and O2 (B);
    S3 addresses O2 only. T1 and T2 take part in S1 and S2 alike; T3 in S2 and case K1,
    which applies S1; T4 only in S3 (no bridge)."""
    kinds = {"G1": "domain_group", "G2": "domain_group", "A": "domain", "B": "domain",
             "C": "domain", "O1": "obstacle", "O2": "obstacle", "S1": "solution",
             "S2": "solution", "S3": "solution", "K1": "case", "R1": "organisation"}
    kinds |= {f"T{i}": "organisation_type" for i in range(1, 5)}
    edges = """A broader G1; B broader G1; C broader G2; O1 affectsDomain A; O1 affectsDomain C;
    O2 affectsDomain B; S1 bridgesDomain A; S1 bridgesDomain C; S2 addresses O1;
    S2 addresses O2; S3 addresses O2; S1 involvesOrganisationType T1;
    S2 involvesOrganisationType T1; S1 involvesOrganisationType T2;
    S2 involvesOrganisationType T2; S2 involvesOrganisationType T3;
    S3 involvesOrganisationType T4; K1 appliesSolution S1; K1 involvesOrganisation R1;
    R1 classification T3"""
    return make(kinds, edges)


def test_sides_are_domain_groups_or_domains():
    G = two_sides()
    found = side_bridges(G, [iri("A"), iri("B")], [iri("C")])
    assert {short_id(s): v for s, v in found.items()} == {"S1": (True, False),
                                                            "S2": (False, True)}
    assert side_bridges(G, [iri("A")], [iri("C")]) == pair_bridges(G, iri("A"), iri("C"))
    ranked = rank_solutions(G, domains=("G1", "G2"))
    assert [short_id(r.solution) for r in ranked] == ["S1", "S2"]
    s2 = ranked[1].reasons[0]
    assert s2.kind == "addresses" and "het g1 en het g2 allebei raakt" in s2.text["nl"]
    with pytest.raises(InputError, match="share domains"):
        rank_solutions(G, domains=("G1", "A"))
    with pytest.raises(UnknownIdError):
        brokers(G, "G1", "nowhere")


def test_ties_broken_by_a_stated_criterion_and_the_rest_shares_a_place():
    r = brokers(two_sides(), "G1", "G2")
    got = [(short_id(b.id), b.place, b.shared, b.decided_by) for b in r.players]
    # T3: 2 joint items like T1 and T2, but one of them a practice case: ahead by 'cases';
    # T1 and T2: equal on every criterion, so they share the 2nd place; T4: no bridge
    assert got == [("T3", 1, False, None), ("T1", 2, True, "cases"), ("T2", 2, True, None)]
    assert "cases" in r.order["en"].lower() or "practice cases" in r.order["en"]
    t3 = r.players[0]
    assert "'s1'" not in t3.text["nl"] and "'s2'" in t3.text["nl"] and "'k1'" in t3.text["nl"]
    assert r.players[1].text == r.players[2].text  # same facts, same sentence


def test_standings_share_only_equal_keys():
    marks = standings([{"a": 1, "b": 2}, {"a": 1, "b": 2}, {"a": 1, "b": 3}, {"a": 4, "b": 0}])
    assert [(m.place, m.shared, m.decided_by) for m in marks] == [
        (1, True, None), (1, True, None), (3, False, "b"), (4, False, None)]


@pytest.mark.parametrize("kind", ["organisation_type", "solution"])
@pytest.mark.parametrize("sides", [SIDES, ("dom-gezondheid", "dom-wonen"),
                                   ("dom-jeugd", "dom-veiligheid")])
def test_sentences_are_built_from_facts(kb, kind, sides):
    r = brokers(kb, *sides, kind=kind)
    assert len(r.players) >= 5
    for lang in ("nl", "en"):
        seen: dict[str, tuple] = {}
        for b in r.players:
            assert seen.setdefault(b.text[lang], b.facts) == b.facts, b.text[lang]
    for b in r.players[:10]:  # the why names what it takes part in, by name
        named = [kb.nodes[x]["labels"]["nl"] for x in (*b.solutions, *b.cases)]
        if kind == "solution":
            named = [kb.nodes[o]["labels"]["nl"] for o in b.ranked.obstacles_either]
        assert any(f"'{n}'" in b.text["nl"] for n in named), b.text["nl"]
        for word in ("betweenness", "constraint", "pagerank", "tussenpositie"):
            assert word not in b.text["nl"].lower() and word not in b.text["en"].lower()


def test_social_and_physical_domain_have_no_tie_in_the_top_ten(kb):
    for kind in ("organisation_type", "solution"):
        top = brokers(kb, *SIDES, kind=kind).players[:10]
        assert [b.place for b in top] == list(range(1, 11)), kind
        assert not any(b.shared for b in top)
    # issue 11: the bridging-solutions ranking (network measures) has no tie in its top 10
    top = key_players(kb, "solution").players[:10]
    assert [p.rank for p in top] == list(range(1, 11)) and not any(p.shared for p in top)


def test_solutions_between_sides_are_the_one_ranking(kb):
    for sides in (SIDES, ("dom-gezondheid", "dom-wonen")):
        r = brokers(kb, *sides, kind="solution")
        assert [b.id for b in r.players] == [x.solution for x in rank_solutions(
            kb, domains=sides)]
        assert [b.text for b in r.players] == [x.reason for x in rank_solutions(
            kb, domains=sides)]


def test_cli_rank_between_two_sides(mini_dir, capsys):
    assert main(["rank", "organisatietypen", "--between", "gezondheid", "housing",
                 "--store", mini_dir]) == 0
    out = capsys.readouterr().out
    assert "Wie verbindt gezondheid en wonen?" in out
    assert "Doet mee aan 2 oplossingen die gezondheid en wonen verbinden" in out
    assert "Volgorde:" in out
    assert main(["rank", "solutions", "--between", "dom-gezondheid", "dom-wonen", "--store",
                 mini_dir, "--lang", "en", "--format", "json"]) == 0
    assert '"place": 1' in capsys.readouterr().out
    assert main(["rank", "solutions", "--between", "sociaal-domein", "dom-wonen",
                 "--store", mini_dir]) == 2
    assert "delen domeinen" in capsys.readouterr().err
    assert main(["rank", "solutions", "--between", "sociaal-domein", "dom-wonen",
                 "--store", mini_dir, "--lang", "en"]) == 2
    assert "share domains" in capsys.readouterr().err


def test_an_iri_of_another_kind_is_never_handed_to_the_name_resolver():
    """With names plugged in, resolve_side(G, <fysiek-domein IRI>) asked the search for a
    *domain* named by that IRI and got dom-milieu: the physical side shrank to one domain."""
    from ontology import UnknownIdError
    from graph.analytics import use_names
    from graph.analytics.advice import resolve_side
    from graph.analytics.common import example_graph, iri, resolve

    asked = []
    G = use_names(example_graph(), lambda value, kind=None: asked.append(value) or iri("O02"))
    with pytest.raises(UnknownIdError):
        resolve(G, iri("sociaal-domein"), "domain")
    assert resolve_side(G, iri("sociaal-domein")) == iri("sociaal-domein")
    assert asked == []
    assert resolve(G, "geld voor de wijk") == iri("O02") and asked == ["geld voor de wijk"]
