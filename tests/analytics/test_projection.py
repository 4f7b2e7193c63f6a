"""The projection of the store into NetworkX, its cache, its views, and finding items by name."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontology import WG, UnknownIdError
from ontology.kinds import CLASS_KIND
from ontology.files import ONTOLOGY_TTL
from graph.analytics.common import AmbiguousIdError, example_graph, iri, parse_kind, resolve
from graph.kb.loading import ensure_ready, load_paths, open_store
from graph.analytics.views import collaboration_graph, solution_domain_graph
from graph.analytics.projection import (
    CANONICAL,
    KINDS,
    ORG_CLASSIFICATION,
    SKOS_BROADER,
    build_graph,
    clear_cache,

    edge_predicates,
    project,
    short_id,

)
from tests.data.analytics.graphs import bridges_graph

DATA = Path(__file__).resolve().parents[1] / "data" / "analytics"
OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _declared_object_properties() -> set[str]:
    return {q.subject.value for q in ox.parse(path=str(ONTOLOGY_TTL))
            if q.predicate.value == RDF_TYPE and q.object.value == OWL + "ObjectProperty"}


def _bare_store():
    """An in-memory store with the model only (no shapes check, no data)."""
    return ensure_ready(open_store(), bundled=False)


def test_mini_projection_equals_the_example_graph(mini_store_ro):
    G, E = project(mini_store_ro, "nl"), example_graph("nl")
    assert sorted(G.nodes) == sorted(E.nodes)
    assert sorted(G.edges(keys=True)) == sorted(E.edges(keys=True))
    for n in G:
        assert dict(G.nodes[n]) == dict(E.nodes[n]), n
    assert {G.graph["lang"], G.graph["version"]} == {"nl", mini_store_ro.version()}


def test_nodes_carry_kind_labels_notation_and_attributes(mini_store_ro):
    G = project(mini_store_ro, "en")
    s01 = G.nodes[iri("S01")]
    assert s01["kind"] == "solution" and s01["label"] == "data-sharing covenant"
    assert s01["labels"] == {"nl": "convenant gegevensdeling", "en": "data-sharing covenant"}
    assert s01["notation"] == "S01"
    assert s01["effort"] == iri("inspanning-middel")
    assert s01["requiresLegalChange"] is False
    assert G.nodes[iri("O03")]["openGap"] is True
    assert G.nodes[iri("WK034401")]["cbsCode"] == "WK034401"
    assert G.graph["terms"][iri("inspanning-hoog")]["labels"]["en"] == "high"
    assert {d["kind"] for _, d in G.nodes(data=True)} <= set(CLASS_KIND.values())


def test_edges_keep_the_predicate(mini_store_ro):
    G = project(mini_store_ro)
    for _, _, key, data in G.edges(keys=True, data=True):
        assert key == data["predicate"] and key in edge_predicates()
    assert G.has_edge(iri("org-mitros"), iri("ot-woningcorporatie"), key=ORG_CLASSIFICATION)
    assert G.has_edge(iri("dom-wonen"), iri("sociaal-domein"), key=SKOS_BROADER)
    # classification values are attributes, never nodes
    assert iri("inspanning-middel") not in G


def test_edge_predicates_follow_the_ontology():
    declared = _declared_object_properties()
    assert set(edge_predicates()) - {ORG_CLASSIFICATION, SKOS_BROADER} <= declared
    assert str(WG.addressedBy) not in edge_predicates()  # stored as wg:addresses
    inverses = {q.subject.value: q.object.value for q in ox.parse(path=str(ONTOLOGY_TTL))
                if q.predicate.value == OWL + "inverseOf"}
    for p, q in inverses.items():  # every inverse pair is covered by CANONICAL
        assert (p in CANONICAL and CANONICAL[p] == q) or (q in CANONICAL and CANONICAL[q] == p)


def test_inverse_statements_become_canonical_edges_and_labels_fall_back():
    store = _bare_store()
    load_paths(store, [DATA / "inverse.ttl"], check=False)
    G = project(store, "nl")
    assert G.has_edge(iri("X-S1"), iri("X-O1"), key=str(WG.addresses))
    assert not any(k == str(WG.addressedBy) for _, _, k in G.edges(keys=True))
    assert G.nodes[iri("X-S1")]["label"] == "only english"  # nl falls back to en
    assert G.nodes[iri("X-O1")]["labels"] == {"nl": "X-O1", "en": "X-O1"}  # no label: the id
    assert G.nodes[iri("X-O1")]["notation"] is None


def test_cache_is_keyed_on_store_version_and_language(mini_store):
    clear_cache()
    G = project(mini_store, "nl")
    assert project(mini_store, "nl") is G
    assert project(mini_store, "en") is not G
    other = _bare_store()
    load_paths(other, [Path(__file__).resolve().parents[1] / "data" / "mini.ttl"])
    assert other.version() == mini_store.version()
    assert project(other, "nl") is not G  # two in-memory stores are not mixed up
    mini_store.update("INSERT DATA { GRAPH <urn:x> { <https://w3id.org/wijkgraaf/id/O01> "
                      "<http://www.w3.org/2004/02/skos/core#notation> \"X\" } }")
    assert project(mini_store, "nl") is not G
    assert project(mini_store, "nl", cache=False) is not project(mini_store, "nl")


def test_project_rejects_unknown_language(mini_store_ro):
    with pytest.raises(ValueError, match="language"):
        project(mini_store_ro, "de")


def test_solution_domain_graph_marks_stated_and_derived():
    B = solution_domain_graph(bridges_graph())
    assert B.edges[iri("S1"), iri("A")] == {"stated": True, "derived": True}
    assert B.edges[iri("S2"), iri("C")] == {"stated": True, "derived": False}
    assert B.edges[iri("S3"), iri("C")] == {"stated": False, "derived": True}
    assert sorted(short_id(d) for d in B[iri("S3")]) == ["A", "B", "C"]
    assert B.degree(iri("D")) == 0 and B.nodes[iri("D")]["bipartite"] == 1


def test_collaboration_graph_counts_solutions_and_cases():
    G = example_graph()
    orgs = collaboration_graph(G, "organisation")
    e = orgs.edges[iri("org-gemeente-utrecht"), iri("org-mitros")]
    assert e["cases"] == [iri("C01")] and e["weight"] == 1
    types = collaboration_graph(G, "organisation_type")
    assert types.degree(iri("ot-ggd")) == 0  # present, with nobody
    with pytest.raises(ValueError):
        collaboration_graph(G, "domain")


def test_build_graph_checks_kinds_and_edges():
    with pytest.raises(ValueError, match="unknown kind"):
        build_graph([{"id": "X", "kind": "thing", "label": "x"}], [])
    with pytest.raises(KeyError):
        build_graph([{"id": "X", "kind": "solution", "label": "x"}], [("X", "addresses", "Y")])
    with pytest.raises(AttributeError):
        build_graph([], [("X", "adresses", "Y")])  # closed namespace: typos fail


@pytest.mark.parametrize("value, expected", [
    ("O01", "O01"), ("o01", "O01"), (iri("O01"), "O01"),
    ("gegevens delen mag niet", "O01"), ("Data May Not Be Shared", "O01"),
    ("GEZ", "dom-gezondheid"), ("WK034401", "WK034401"), ("West", "WK034401"),
])
def test_resolve_accepts_ids_notations_and_labels(value, expected):
    assert short_id(resolve(example_graph(), value)) == expected


def test_resolve_errors_name_the_value_and_the_closest_ids():
    G = example_graph()
    with pytest.raises(UnknownIdError) as info:
        resolve(G, "O04")
    assert "'O04'" in str(info.value) and "O03" in info.value.suggestions
    with pytest.raises(UnknownIdError) as info:
        resolve(G, "gezondhied", kind="domain")
    assert info.value.suggestions == ["dom-gezondheid"]
    with pytest.raises(UnknownIdError):
        resolve(G, "S01", kind="obstacle")
    with pytest.raises(KeyError):  # UnknownIdError is also a KeyError
        resolve(G, "nothing like it")


def test_resolve_refuses_ambiguous_labels():
    G2 = build_graph([{"id": "A", "kind": "domain", "label": "zorg"},
                      {"id": "B", "kind": "theme", "label": "zorg"}], [])
    with pytest.raises(AmbiguousIdError, match="A, B"):
        resolve(G2, "zorg")
    assert short_id(resolve(G2, "zorg", kind="theme")) == "B"


def test_parse_kind():
    assert parse_kind("Organisation type") == "organisation_type"
    assert parse_kind("belemmeringen") == "obstacle"
    with pytest.raises(UnknownIdError):
        parse_kind("obstakel")


# -- property: every projected edge maps back to a triple -----------------------------------

_ITEMS = {"domain": "Domain", "obstacle": "Obstacle", "solution": "Solution",
          "organisation_type": "OrganisationType", "organisation": "Organisation",
          "case": "PracticeCase", "area": "District", "theme": "Theme"}
_PREDICATES = sorted([*edge_predicates(), *CANONICAL, str(WG.effort), str(WG.evidenceLevel)])


@st.composite
def _random_data(draw):
    n = draw(st.integers(2, 8))
    kinds = [draw(st.sampled_from(sorted(_ITEMS))) for _ in range(n)]
    triples = []
    for i, kind in enumerate(kinds):
        s = ox.NamedNode(iri(f"R{i}"))
        cls = ox.NamedNode(str(WG) + _ITEMS[kind])
        triples.append(ox.Triple(s, ox.NamedNode(RDF_TYPE), cls))
    for _ in range(draw(st.integers(0, 15))):
        a, b = draw(st.integers(0, n)), draw(st.integers(0, n - 1))  # a == n: not an item
        p = draw(st.sampled_from(_PREDICATES))
        triples.append(ox.Triple(ox.NamedNode(iri(f"R{a}")), ox.NamedNode(p),
                                 ox.NamedNode(iri(f"R{b}"))))
    return triples


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(triples=_random_data())
def test_every_projected_edge_maps_back_to_a_declared_object_property(triples):
    store = open_store()
    store.replace_graphs({"https://w3id.org/wijkgraaf/graph/source/random": triples}, meta=[])
    G = project(store, cache=False)
    stated = {(t.subject.value, t.predicate.value, t.object.value) for t in triples}
    allowed = _declared_object_properties() | {ORG_CLASSIFICATION, SKOS_BROADER}
    inverse = {v: k for k, v in CANONICAL.items()}
    for u, v, p in G.edges(keys=True):
        assert p in allowed
        assert (u, p, v) in stated or (v, inverse.get(p), u) in stated
    # and nothing between two items is lost
    for s, p, o in stated:
        if s in G and o in G and p in edge_predicates():
            assert G.has_edge(s, o, key=p)
        if s in G and o in G and p in CANONICAL:
            assert G.has_edge(o, s, key=CANONICAL[p])


# -- the bundled knowledge base: structure only (its content is still being written) -------

@pytest.fixture(scope="module")
def kb_graph(kb_store):
    return project(kb_store, "nl")


def test_bundled_projection_is_well_formed(kb_graph):
    G = kb_graph
    assert {d["kind"] for _, d in G.nodes(data=True)} <= set(KINDS.values())
    for n, data in G.nodes(data=True):
        assert data["labels"]["nl"] and data["labels"]["en"], n
    assert {k for _, _, k in G.edges(keys=True)} <= set(edge_predicates())
