"""Selections: facets, seeds and depth, self-containedness, the header and provenance."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontology import UnknownIdError
from ontology.vocab import META_GRAPH
from graph.analytics.projection import short_id
from graph.export.subgraph import SELECTION_BASE, Selection, select

LABELS = {"http://www.w3.org/2004/02/skos/core#prefLabel",
          "http://www.w3.org/2000/01/rdf-schema#label", "http://purl.org/dc/terms/title"}
NOW = "2026-11-28T12:00:00+00:00"
SUPPRESS = [HealthCheck.function_scoped_fixture]
MINI_ITEMS = ["O01", "O02", "O03", "S01", "S02", "C01", "dom-wonen", "dom-gezondheid",
              "dom-veiligheid", "ot-gemeente", "ot-ggd", "L07", "P01", "GM0344", "WK034401",
              "org-mitros", "thema-regels"]


def ids(items) -> list[str]:
    return sorted(short_id(i) for i in items)


@pytest.mark.parametrize(("selection", "expected"), [
    (Selection(domains=("dom-wonen", "dom-gezondheid")), ["C01", "O01", "S01"]),
    (Selection(domains=("housing", "safety")), ["O02", "S02"]),
    (Selection(obstacles=("O01",)), ["C01", "O01", "S01", "S02"]),
    (Selection(solutions=("convenant gegevensdeling",)), ["C01", "O01", "S01"]),
    (Selection(organisation_types=("ggd",)), ["O03"]),
    (Selection(neighbourhoods=("GM0344",)), ["C01", "O01", "S01"]),
    (Selection(themes=("thema-regels",)), ["C01", "O01", "O02", "O03", "S01", "S02"]),
    (Selection(themes=("thema-regels",), solutions=("S02",)), ["O01", "O02", "S02"]),
    (Selection(seeds=("O03",)), ["O03"]),
], ids=lambda v: v.text() if isinstance(v, Selection) else None)
def test_facets_pick_the_core(mini_store_ro, selection, expected):
    assert ids(select(mini_store_ro, selection).items) == expected


def test_seed_depth_walks_links(mini_store_ro):
    one = select(mini_store_ro, Selection(seeds=("O03",), depth=1))
    assert ids(one.items) == ["O03", "dom-gezondheid", "dom-veiligheid", "ot-ggd",
                              "thema-regels"]


def test_whole_store_when_nothing_is_chosen(mini_store_ro):
    sub = select(mini_store_ro, Selection())
    subjects = {t.subject.value for g in mini_store_ro.graph_names() if "/source/" in g
                for t in mini_store_ro.graph_triples(g)}
    assert subjects <= set(sub.items)
    assert sub.counts()["solution"] == 2


@pytest.mark.parametrize(("field", "value", "hint"), [
    ("obstacles", "O09", "O01"), ("domains", "xwonen", "dom-wonen"),
    ("neighbourhoods", "GM0345", "GM0344"), ("seeds", "S3", "S01"),
])
def test_unknown_ids_suggest_the_closest(mini_store_ro, field, value, hint):
    with pytest.raises(UnknownIdError) as error:
        select(mini_store_ro, Selection(**{field: (value,)}))
    assert hint in error.value.suggestions and value in str(error.value)


def test_wrong_kind_is_unknown(mini_store_ro):
    with pytest.raises(UnknownIdError):
        select(mini_store_ro, Selection(domains=("O01",)))


def test_header_says_what_when_and_which_version(mini_store_ro):
    sub = select(mini_store_ro, Selection(domains=("wonen", "gezondheid")), now=NOW)
    header = [q for q in sub.quads if q.subject.value == sub.header]
    assert sub.header.startswith(SELECTION_BASE)
    assert all(q.graph_name.value == META_GRAPH for q in header)
    values = {(q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], q.object.value)
              for q in header}
    assert ("created", NOW) in values
    assert ("storeVersion", str(mini_store_ro.version())) in values
    assert ("description", "domeinen: wonen × gezondheid") in values
    assert ("identifier", "domains=dom-wonen,dom-gezondheid; depth=0") in values
    assert ("subject", "https://w3id.org/wijkgraaf/id/dom-wonen") in values


def test_statements_keep_their_graphs_and_provenance(mini_store_ro):
    sub = select(mini_store_ro, Selection(obstacles=("O02",)))
    graphs = {q.graph_name.value for q in sub.quads} - {META_GRAPH}
    assert "https://w3id.org/wijkgraaf/graph/source/mini.ttl" in graphs
    assert "https://w3id.org/wijkgraaf/graph/ontology" in graphs  # the terms it uses
    described = {q.subject.value for q in sub.quads if q.graph_name.value == META_GRAPH}
    assert graphs <= described


def test_ontology_terms_and_sources_come_along(mini_store_ro):
    triples = select(mini_store_ro, Selection(obstacles=("O02",))).triples()
    subjects = {t.subject.value for t in triples}
    assert "https://w3id.org/wijkgraaf/def#affectsDomain" in subjects
    assert "https://w3id.org/wijkgraaf/def#Obstacle" in subjects
    source = [t for t in triples if t.subject.value == "https://example.org/bron"]
    assert {t.predicate.value.rsplit("/", 1)[-1] for t in source} >= {"title", "issued"}


# -- properties -----------------------------------------------------------------------------

def nodes(sub) -> set[str]:
    return {term.value for t in sub.triples() for term in (t.subject, t.object)
            if isinstance(term, ox.NamedNode)}


def missing_labels(sub, store) -> set[str]:
    """IRIs the selection refers to that the store can name and the selection cannot."""
    named_in_store = {r["s"].value for r in store.select(
        "SELECT DISTINCT ?s WHERE { VALUES ?p { %s } ?s ?p ?l }"
        % " ".join(f"<{p}>" for p in LABELS))}
    triples = sub.triples()
    named = {t.subject.value for t in triples if t.predicate.value in LABELS}
    used = {term.value for t in triples for term in (t.subject, t.predicate, t.object)
            if isinstance(term, ox.NamedNode)}
    return (used & named_in_store) - named


selections = st.builds(
    Selection,
    domains=st.lists(st.sampled_from(["dom-wonen", "dom-gezondheid", "dom-veiligheid"]),
                     max_size=2, unique=True),
    obstacles=st.lists(st.sampled_from(["O01", "O02", "O03"]), max_size=2, unique=True),
    themes=st.lists(st.just("thema-regels"), max_size=1),
    seeds=st.lists(st.sampled_from(MINI_ITEMS), max_size=2, unique=True),
    depth=st.integers(0, 3))


@settings(max_examples=40, deadline=None, suppress_health_check=SUPPRESS)
@given(seeds=st.lists(st.sampled_from(MINI_ITEMS), min_size=1, max_size=3, unique=True),
       depths=st.tuples(st.integers(0, 3), st.integers(0, 3)))
def test_larger_depth_never_gives_fewer_nodes(mini_store_ro, seeds, depths):
    small, large = sorted(depths)
    a = select(mini_store_ro, Selection(seeds=seeds, depth=small))
    b = select(mini_store_ro, Selection(seeds=seeds, depth=large))
    assert set(a.items) <= set(b.items)
    assert nodes(a) - {a.header} <= nodes(b)


@settings(max_examples=40, deadline=None, suppress_health_check=SUPPRESS)
@given(selection=selections)
def test_a_selection_names_everything_it_refers_to(mini_store_ro, selection):
    sub = select(mini_store_ro, selection)
    assert missing_labels(sub, mini_store_ro) == set()


@settings(max_examples=12, deadline=None, suppress_health_check=SUPPRESS)
@given(seeds=st.lists(st.sampled_from(["O08", "S01", "C05", "dom-wonen", "ot-ggd", "GM0363",
                                       "thema-wijkagenda", "L01"]), min_size=1, max_size=2,
                      unique=True),
       depths=st.tuples(st.integers(0, 2), st.integers(0, 2)))
def test_properties_hold_on_the_bundled_knowledge_base(kb_store, seeds, depths):
    small, large = sorted(depths)
    a = select(kb_store, Selection(seeds=seeds, depth=small))
    b = select(kb_store, Selection(seeds=seeds, depth=large))
    assert set(a.items) <= set(b.items)
    assert missing_labels(b, kb_store) == set()


def test_bundled_bridge_selection(kb_store):
    sub = select(kb_store, Selection(domains=("wonen", "gezondheid")))
    counts = sub.counts()
    assert counts["solution"] >= 5 and counts["obstacle"] >= 5
    assert missing_labels(sub, kb_store) == set()
