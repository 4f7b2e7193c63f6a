"""Every RDF format loads, JSON-LD only with a local context, and what goes out comes back."""

from __future__ import annotations

import json

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from graph.export.rdf import serialize_triples
from loaders import read_rdf
from loaders.rdf import CONTEXT_IRI
from ontology import InputError
from tests.conftest import MINI

SUFFIX = {"turtle": "ttl", "nt": "nt", "nq": "nq", "trig": "trig", "xml": "rdf", "jsonld": "jsonld"}


def _graph(triples) -> rdflib.Graph:
    return rdflib.Graph().parse(data=serialize_triples(triples, "nt").decode(), format="nt")


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_each_format_round_trips(tmp_path, fmt):
    triples = read_rdf(MINI)
    path = tmp_path / f"mini.{SUFFIX[fmt]}"
    path.write_bytes(serialize_triples(triples, fmt))
    assert isomorphic(_graph(triples), _graph(read_rdf(path)))


def test_jsonld_with_the_wijkgraaf_context_iri_uses_the_local_file(tmp_path):
    doc = {"@context": CONTEXT_IRI, "@id": "wgd:S99", "label": {"nl": "proef", "en": "test"}}
    path = tmp_path / "x.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    (triple,) = [t for t in read_rdf(path) if t.object.value == "proef"]
    assert triple.subject.value == "https://w3id.org/wijkgraaf/id/S99"


def test_jsonld_with_a_remote_context_is_refused(tmp_path):
    path = tmp_path / "x.jsonld"
    path.write_text(json.dumps({"@context": "https://schema.org/", "@id": "https://x/a"}))
    with pytest.raises(InputError, match="remote JSON-LD context"):
        read_rdf(path)


def test_malformed_json_names_line(tmp_path):
    path = tmp_path / "x.jsonld"
    path.write_text('{\n "@id": "https://x/a",\n "p": }')
    with pytest.raises(InputError) as caught:
        read_rdf(path)
    assert caught.value.location["line"] == 3


texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(labels=st.lists(texts, min_size=1, max_size=5), fmt=st.sampled_from(sorted(SUFFIX)))
def test_any_label_survives_every_format(tmp_path, labels, fmt):
    from pyoxigraph import Literal, NamedNode, Triple

    triples = [Triple(NamedNode(f"https://w3id.org/wijkgraaf/id/X{i}"),
                      NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
                      Literal(text, language="nl")) for i, text in enumerate(labels)]
    path = tmp_path / f"p.{SUFFIX[fmt]}"
    path.write_bytes(serialize_triples(triples, fmt))
    assert isomorphic(_graph(triples), _graph(read_rdf(path)))
