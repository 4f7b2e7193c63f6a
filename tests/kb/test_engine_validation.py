"""The shapes compiled to SPARQL find exactly what pySHACL finds: on every shape example, on
the mini knowledge base with one statement taken out at a time, and on values of the wrong
kind (ill-formed dates, a literal where an item is expected, a blank node for a code)."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from ontology import model_graph, validate
from ontology.shapes_sparql import ShapeNotCompiled, _property_checks, compiled_checks
from graph.kb import engine_validate

DATA = Path(__file__).resolve().parents[1] / "data"
EXAMPLES = sorted((DATA / "shapes").glob("*.ttl"))
WG = "https://w3id.org/wijkgraaf/def#"


def _engine(data: rdflib.Graph, lang: str = "en"):
    store = ox.Store()
    for graph, name in ((data, "urn:x:data"), (model_graph(), "urn:x:model")):
        store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                   to_graph=ox.NamedNode(name))
    return engine_validate(store, lang)


def _key(report):
    return sorted((r.focus, r.path, r.shape, r.severity, r.message, r.value)
                  for r in report.results)


def _same(data: rdflib.Graph, lang: str = "en"):
    expected, found = validate(data, lang), _engine(data, lang)
    assert found.conforms == expected.conforms
    assert _key(found) == _key(expected)
    return found


def _mini(*extra: Path) -> rdflib.Graph:
    graph = rdflib.Graph().parse(DATA / "mini.ttl")
    for path in extra:
        graph.parse(path)
    return graph


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_engine_agrees_on_every_shape_example(path):
    report = _same(_mini(path))
    assert report.conforms == ("-valid-" in path.name)


def test_engine_agrees_with_one_statement_taken_out():
    mini = _mini()
    triples = sorted(mini, key=lambda t: tuple(map(str, t)))
    broke = 0
    for triple in triples[::9]:
        graph = rdflib.Graph()
        for t in mini:
            if t != triple:
                graph.add(t)
        broke += not _same(graph).conforms
    assert broke >= 10  # the sample reaches many constraints, not only harmless statements


def test_engine_agrees_on_values_of_the_wrong_kind():
    mini = _mini()
    solution = rdflib.URIRef("https://w3id.org/wijkgraaf/id/S01")
    obstacle = rdflib.URIRef("https://w3id.org/wijkgraaf/id/O01")
    dct_modified = rdflib.URIRef("http://purl.org/dc/terms/modified")
    notation = rdflib.URIRef("http://www.w3.org/2004/02/skos/core#notation")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    mini.set((solution, dct_modified, rdflib.Literal("2026-02-30", datatype=rdflib.URIRef(
        xsd + "date"))))
    mini.add((solution, rdflib.URIRef(WG + "addresses"), rdflib.Literal("O01")))
    mini.set((obstacle, notation, rdflib.BNode("b1")))
    mini.add((obstacle, rdflib.URIRef(WG + "openGap"), rdflib.Literal("ja")))
    mini.add((solution, rdflib.URIRef(WG + "materials"), rdflib.Literal("http://x.example/")))
    report = _same(mini, "nl")
    assert {r.focus for r in report.results} == {"wgd:S01", "wgd:O01"}
    assert len(report.results) >= 5


def test_the_bundled_knowledge_base_conforms_in_the_engine(kb_store):
    rows = kb_store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0]["n"].value) > 10_000
    copy = ox.Store()
    for name in kb_store.graph_names():
        copy.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name))
                    for t in kb_store.graph_triples(name))
    report = engine_validate(copy)
    assert report.conforms, report.text()


def test_every_constraint_is_compiled_and_an_unknown_one_refused():
    checks = compiled_checks()
    shapes = rdflib.Graph().parse(Path(__file__).resolve().parents[2] / "ontology"
                                  / "shapes.ttl")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    properties = set(shapes.objects(None, sh.property))
    assert {(c.shape, c.path, c.message["en"]) for c in checks} >= {
        ("wgsh:ObstacleShape", "skos:notation", "An obstacle has one code such as O08.")}
    assert len({(c.shape, c.path, c.message["en"]) for c in checks}) == len(properties)
    odd = rdflib.BNode()
    shapes.add((odd, sh.path, rdflib.URIRef(WG + "goal")))
    shapes.add((odd, sh.minLength, rdflib.Literal(3)))
    with pytest.raises(ShapeNotCompiled, match="minLength"):
        list(_property_checks(shapes, "wgsh:X", "?focus a ?c .", odd))


def test_a_validated_bulk_load_tells_its_steps_and_refuses_bad_data_on_disk(tmp_path):
    from graph.kb import NotConformingError, ensure_ready, load_paths, open_store

    store = ensure_ready(open_store(tmp_path / "store"), bundled=False)
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    good.write_text((DATA / "mini.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    bad.write_text("@prefix wg: <https://w3id.org/wijkgraaf/def#> .\n"
                   "<https://w3id.org/wijkgraaf/id/S77> a wg:Solution .\n", encoding="utf-8")
    steps = []
    load_paths(store, [good], progress=lambda step, done, total, detail: steps.append(
        (step, done, total)))
    names = [s for s, *_ in steps]
    assert names[:2] == ["load", "load"] and "check" in names
    checks = [s for s in steps if s[0] == "check"]
    assert checks[-1][1] == checks[-1][2] == len(compiled_checks())
    loads = [(done, total) for step, done, total in steps if step == "load"]
    assert all(0 <= done <= total for done, total in loads) and loads[-1][0] == loads[-1][1]
    version, graphs = store.version(), store.graph_names()
    with pytest.raises(NotConformingError) as caught:
        load_paths(store, [bad])
    assert "wgd:S77" in str(caught.value)
    assert store.version() == version and store.graph_names() == graphs


def test_the_shape_report_of_a_store_agrees_and_is_kept_per_version(mini_store):
    from graph.kb import shape_report, store_rdflib

    mini_store.update("INSERT DATA { GRAPH <https://w3id.org/wijkgraaf/graph/edits/x> { "
                      "<https://w3id.org/wijkgraaf/id/S01> "
                      "<https://w3id.org/wijkgraaf/def#addresses> \"O01\" } }")
    first = shape_report(mini_store, "nl")
    assert not first.conforms
    assert _key(first) == _key(validate(store_rdflib(mini_store), "nl"))
    assert shape_report(mini_store, "nl") is first
    mini_store.update("DELETE WHERE { GRAPH ?g { <https://w3id.org/wijkgraaf/id/S01> "
                      "<https://w3id.org/wijkgraaf/def#addresses> \"O01\" } }")
    assert shape_report(mini_store, "nl").conforms


def test_the_report_is_the_same_with_checks_run_one_at_a_time_or_several_at_once():
    from ontology.shapes_sparql import engine_report

    invalid = [p for p in EXAMPLES if "-invalid-" in p.name]
    store = ox.Store()
    for graph, name in ((_mini(*invalid), "urn:x:data"), (model_graph(), "urn:x:model")):
        store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                   to_graph=ox.NamedNode(name))
    threads_seen = set()

    def term(node):
        if node is None or isinstance(node, ox.NamedNode):
            return None if node is None else rdflib.URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return rdflib.BNode(node.value)
        return rdflib.Literal(node.value, lang=node.language,
                              datatype=None if node.language else node.datatype.value)

    def select(query):
        threads_seen.add(threading.get_ident())
        rows = store.query(query, use_default_graph_as_union=True)
        has_value = any(v.value == "value" for v in rows.variables)
        for row in rows:
            yield term(row["focus"]), term(row["value"]) if has_value else None

    one, several = engine_report(select, threads=1), engine_report(select, threads=3)
    assert not one.conforms and len({r.shape for r in one.results}) >= 6
    assert _key(one) == _key(several)
    assert len(threads_seen) > 1
