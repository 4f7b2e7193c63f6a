"""Lint of the vocabulary: parses, every used term declared, labelled and defined in nl and en,
object properties with class ranges, Python namespace equal to the declared terms."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ontology import WG, competency_queries
from ontology.vocab import declared_terms
from ontology.files import ONTOLOGY_TTL, SHAPES_TTL, VOCABULARIES_TTL

ROOT = Path(__file__).resolve().parents[2]
NS = str(WG)


@pytest.fixture(scope="module")
def onto():
    return rdflib.Graph().parse(ONTOLOGY_TTL)


def declared(onto) -> set[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(s) for k in kinds for s in onto.subjects(RDF.type, k) if str(s).startswith(NS)}


def used_terms() -> set[str]:
    files = [VOCABULARIES_TTL, SHAPES_TTL, *sorted((ROOT / "data").glob("*.ttl")),
             *sorted(p for p in (ROOT / "tests" / "data").rglob("*.ttl") if "bad" not in p.parts)]
    terms: set[str] = set()
    for path in files:
        for triple in rdflib.Graph().parse(path):
            terms.update(str(t) for t in triple if isinstance(t, rdflib.URIRef)
                         and str(t).startswith(NS))
    for query in competency_queries():
        terms.update(NS + word for word in _wg_words(query.sparql))
    return terms


def _wg_words(text: str) -> set[str]:
    import re

    return set(re.findall(r"\bwg:([A-Za-z]+)", text))


def test_files_parse():
    for path in (ONTOLOGY_TTL, VOCABULARIES_TTL, SHAPES_TTL):
        assert len(rdflib.Graph().parse(path)) > 50, path


def test_every_used_term_is_declared(onto):
    missing = used_terms() - declared(onto)
    assert not missing, f"used but not declared: {sorted(missing)}"


def test_every_term_has_nl_and_en_label_and_definition(onto):
    problems = []
    for term in sorted(declared(onto)):
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in onto.objects(rdflib.URIRef(term), prop)}
            if not {"nl", "en"} <= langs:
                problems.append(f"{term} {prop} has {sorted(filter(None, langs))}")
    assert not problems, problems


def test_object_properties_have_class_ranges(onto):
    for prop in onto.subjects(RDF.type, OWL.ObjectProperty):
        ranges = list(onto.objects(prop, RDFS.range))
        assert len(ranges) == 1, prop
        rng = ranges[0]
        is_class = (rng, RDF.type, OWL.Class) in onto or not str(rng).startswith(NS)
        assert is_class and not str(rng).startswith(str(rdflib.XSD)), f"{prop} range {rng}"


def test_python_namespace_equals_declared_terms(onto):
    python_names = {NS + name for name in declared_terms()}
    assert python_names == declared(onto)


def test_closed_namespace_refuses_typos():
    with pytest.raises(AttributeError):
        WG.Obstacel  # noqa: B018


def test_every_competency_query_has_both_questions():
    queries = competency_queries()
    assert len(queries) >= 15
    for q in queries:
        assert q.question_nl.endswith("?") or "?" in q.question_nl, q.id
        assert q.question_en and q.role, q.id
