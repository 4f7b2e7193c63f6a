"""The bundled knowledge base: conformant, big enough, linked, sourced, without duplicates."""

from __future__ import annotations

import itertools

import pytest
from rapidfuzz import fuzz

from graph.analytics import bridge_matrix, nodes_of_kind, project, short_id
from graph.kb import BUNDLED_DIR, stats, validate_store

WG = "https://w3id.org/wijkgraaf/def#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

MINIMUM = {"Domain": 10, "Theme": 4, "OrganisationType": 20, "Obstacle": 40, "Solution": 50,
           "PracticeCase": 20, "LegalFrame": 10, "Programme": 5, "Area": 10, "Source": 50}


def ids(store, sparql: str) -> list[str]:
    return sorted(r["x"].value.rsplit("/", 1)[-1] for r in store.select(sparql))


def test_bundled_knowledge_base_conforms(kb_store):
    report = validate_store(kb_store, [BUNDLED_DIR])
    assert report.conforms, report.text()


@pytest.mark.parametrize("kind", sorted(MINIMUM))
def test_counts(kb_store, kind):
    assert stats(kb_store).counts[kind] >= MINIMUM[kind]


def test_the_five_core_domains_and_two_groups(kb_store):
    core = {"dom-gezondheid", "dom-milieu", "dom-veiligheid", "dom-wonen", "dom-leefbaarheid"}
    domains = set(ids(kb_store, f"SELECT ?x WHERE {{ ?x a <{WG}Domain> }}"))
    assert core <= domains
    groups = ids(kb_store, f"SELECT DISTINCT ?x WHERE {{ ?d <{SKOS}broader> ?x . "
                           f"?d a <{WG}Domain> }}")
    assert groups == ["fysiek-domein", "sociaal-domein"]


def test_no_obstacle_without_solution_unless_marked_as_open_gap(kb_store):
    # a generic parent (O90-O99) is addressed through the specific obstacles under it
    unsolved = ids(kb_store, f"""SELECT ?x WHERE {{ ?x a <{WG}Obstacle>
        FILTER NOT EXISTS {{ ?s <{WG}addresses> ?x }}
        FILTER NOT EXISTS {{ ?c <{SKOS}broader> ?x . ?s <{WG}addresses> ?c }}
        FILTER NOT EXISTS {{ ?x <{WG}openGap> true }} }}""")
    assert unsolved == []


def test_no_obstacle_affects_more_than_four_domains(kb_store):
    rows = kb_store.select(f"""SELECT ?x (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?x a <{WG}Obstacle> ;
        <{WG}affectsDomain> ?d }} GROUP BY ?x HAVING (COUNT(DISTINCT ?d) > 4)""")
    assert sorted(r["x"].value.rsplit("/", 1)[-1] for r in rows) == []


def test_generic_obstacles_are_parents_of_specific_ones(kb_store):
    """Broad obstacles are O90-O99 top concepts with narrower children; skos:broader and
    skos:narrower agree; a child is no top concept itself."""
    pairs = {(r["c"].value, r["p"].value) for r in kb_store.select(
        f"SELECT ?c ?p WHERE {{ ?c a <{WG}Obstacle> ; <{SKOS}broader> ?p }}")}
    inverse = {(r["c"].value, r["p"].value) for r in kb_store.select(
        f"SELECT ?c ?p WHERE {{ ?p a <{WG}Obstacle> ; <{SKOS}narrower> ?c }}")}
    assert pairs and pairs == inverse
    generic = ids(kb_store, f"""SELECT ?x WHERE {{ ?x a <{WG}Obstacle> ; <{SKOS}notation> ?n
        FILTER(REGEX(?n, "^O9[0-9]$")) }}""")
    assert len(generic) >= 3
    assert ids(kb_store, f"""SELECT ?x WHERE {{ ?x a <{WG}Obstacle> ; <{SKOS}notation> ?n
        FILTER(REGEX(?n, "^O9[0-9]$"))
        FILTER NOT EXISTS {{ ?x <{SKOS}topConceptOf> ?s ; <{SKOS}narrower> ?c }} }}""") == []
    assert ids(kb_store, f"""SELECT ?x WHERE {{ ?x a <{WG}Obstacle> ; <{SKOS}broader> ?p ;
        <{SKOS}topConceptOf> ?s }}""") == []


def test_every_obstacle_has_everyday_words_in_both_languages(kb_store):
    for lang in ("nl", "en"):
        assert ids(kb_store, f"""SELECT ?x WHERE {{ ?x a <{WG}Obstacle>
            FILTER NOT EXISTS {{ ?x <{SKOS}altLabel> ?l FILTER(LANG(?l) = "{lang}") }} }}""") == []


def test_no_bridge_cell_holds_more_than_half_of_the_solutions(kb_store):
    """With derived bridges on (basis "any"), no domain pair is bridged by more than half of
    all solutions: otherwise the heatmap and the bridging ranking do not discriminate."""
    G = project(kb_store)
    solutions = len(nodes_of_kind(G, "solution"))
    m = bridge_matrix(G)
    full = [(short_id(p.a), short_id(p.b), len(p.solutions)) for p in m.pairs
            if 2 * len(p.solutions) > solutions]
    assert full == [], f"cells over {solutions // 2} of {solutions} solutions: {full}"


def test_no_solution_addresses_nothing(kb_store):
    assert ids(kb_store, f"SELECT ?x WHERE {{ ?x a <{WG}Solution> "
                         f"FILTER NOT EXISTS {{ ?x <{WG}addresses> ?o }} }}") == []


def test_every_obstacle_and_solution_has_a_theme(kb_store):
    assert ids(kb_store, f"""SELECT ?x WHERE {{ {{ ?x a <{WG}Obstacle> }} UNION
        {{ ?x a <{WG}Solution> }} FILTER NOT EXISTS {{ ?x <{WG}hasTheme> ?t }} }}""") == []


def test_every_theme_is_used(kb_store):
    assert ids(kb_store, f"SELECT ?x WHERE {{ ?x a <{WG}Theme> "
                         f"FILTER NOT EXISTS {{ ?i <{WG}hasTheme> ?x }} }}") == []


def test_cases_have_cbs_codes_with_a_year(kb_store):
    rows = kb_store.select(f"""SELECT ?case ?code ?year WHERE {{ ?case a <{WG}PracticeCase> ;
        <{WG}inArea> ?a . ?a <{WG}cbsCode> ?code ; <{WG}codeYear> ?year }}""")
    cases = {r["case"].value for r in rows}
    assert len(cases) >= 20
    assert all(r["code"].value[:2] in {"GM", "WK", "BU"} for r in rows)


def test_every_item_cites_a_described_source(kb_store):
    assert ids(kb_store, f"""SELECT DISTINCT ?x WHERE {{ ?x <http://purl.org/dc/terms/source> ?s
        FILTER NOT EXISTS {{ ?s a <{WG}Source> }} }}""") == []


def _texts(store, kind: str, prop: str) -> list[tuple[str, str]]:
    rows = store.select(f"""SELECT ?x ?t WHERE {{ ?x a <{WG}{kind}> ; <{SKOS}{prop}> ?t
        FILTER(LANG(?t) = "nl") }} ORDER BY ?x""")
    return [(r["x"].value.rsplit("/", 1)[-1], r["t"].value.lower()) for r in rows]


@pytest.mark.parametrize("kind", ["Obstacle", "Solution", "OrganisationType", "PracticeCase",
                                  "Domain", "Theme", "LegalFrame", "Programme"])
def test_no_duplicates_under_different_names(kb_store, kind):
    labels = _texts(kb_store, kind, "prefLabel")
    definitions = _texts(kb_store, kind, "definition")
    close = [(a[0], b[0]) for a, b in itertools.combinations(labels, 2)
             if fuzz.token_set_ratio(a[1], b[1]) >= 90]
    close += [(a[0], b[0]) for a, b in itertools.combinations(definitions, 2)
              if fuzz.token_sort_ratio(a[1], b[1]) >= 80]
    assert close == [], f"near-duplicates: {close}"


@pytest.mark.parametrize("kind", ["Organisation", "Area"])
def test_names_are_unique(kb_store, kind):
    labels = [t for _, t in _texts(kb_store, kind, "prefLabel")]
    assert len(labels) == len(set(labels))


def test_no_placeholders(kb_store):
    rows = kb_store.select("SELECT ?x ?t WHERE { ?x ?p ?t FILTER(ISLITERAL(?t) && "
                           "REGEX(?t, 'TODO|TBD|lorem ipsum|XXX|\\\\?\\\\?\\\\?', 'i')) }")
    assert [(r["x"].value, r["t"].value[:60]) for r in rows] == []


def test_every_item_is_described_in_one_file():
    """An item typed in two files gets two rows in a workbook and two sets of labels."""
    import pyoxigraph as ox

    from ontology.vocab import RDF_TYPE

    files: dict[str, set[str]] = {}
    for path in sorted(BUNDLED_DIR.glob("*.ttl")):
        with path.open("rb") as f:
            for q in ox.parse(f, ox.RdfFormat.TURTLE):
                if q.predicate.value == RDF_TYPE:
                    files.setdefault(q.subject.value, set()).add(path.name)
    assert {s: sorted(f) for s, f in files.items() if len(f) > 1} == {}
