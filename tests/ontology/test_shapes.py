"""Each shape with its examples: ``tests/data/shapes/<Shape>-valid-NN.ttl`` conforms and
``<Shape>-invalid-NN.ttl`` is reported by exactly that shape (added to the mini knowledge base)."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from ontology import validate

DATA = Path(__file__).resolve().parents[1] / "data"
EXAMPLES = sorted((DATA / "shapes").glob("*.ttl"))
SHAPES = {str(s).split("#")[-1] for s in rdflib.Graph().parse(
    Path(__file__).resolve().parents[2] / "ontology" / "shapes.ttl").subjects(
    rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#NodeShape"))}


def _with_mini(path: Path) -> rdflib.Graph:
    graph = rdflib.Graph().parse(DATA / "mini.ttl")
    return graph.parse(path)


def test_mini_conforms():
    report = validate(rdflib.Graph().parse(DATA / "mini.ttl"))
    assert report.conforms, report.text()


def test_every_shape_has_an_invalid_example():
    covered = {p.name.split("-")[0] for p in EXAMPLES if "-invalid-" in p.name}
    assert covered == SHAPES


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_shape_example(path: Path):
    shape = path.name.split("-")[0]
    report = validate(_with_mini(path))
    if "-valid-" in path.name:
        assert report.conforms, report.text()
    else:
        assert not report.conforms
        assert shape in {r.shape.split(":")[-1] for r in report.results}, report.text()
        assert all(r.message for r in report.results)


def test_messages_in_both_languages():
    report = validate(_with_mini(DATA / "shapes" / "SolutionShape-invalid-01.ttl"))
    nl = validate(_with_mini(DATA / "shapes" / "SolutionShape-invalid-01.ttl"), lang="nl")
    assert report.results[0].message != nl.results[0].message
    assert "Solution" in report.text() or "solution" in report.text()
