"""RemoteStore against a real ``oxigraph serve`` process: the same loads, validations, queries
and exports as the embedded store, with the same answers."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

from graph.export.rdf import dump_store
from graph.kb.loading import ensure_ready, load_paths, open_store, validate_store
from graph.query.service import run_query
from graph.store.remote import RemoteError, RemoteStore
from graph.store.embedded import EmbeddedStore
from ontology import QueryError, competency_queries
from tests.conftest import MINI, make_mini_store
from tests.oxigraph_server import oxigraph_server

ITEM = "https://w3id.org/wijkgraaf/id/"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory):
    """Base URL of a running ``oxigraph serve`` on a fresh directory."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph") / "db") as base:
        yield base


@pytest.fixture(scope="module")
def remote_mini(oxigraph_url):
    """The mini knowledge base loaded into the Oxigraph server through RemoteStore."""
    store = open_store(oxigraph_url + "/query")
    ensure_ready(store, bundled=False)
    load_paths(store, [MINI])
    return store


@pytest.fixture(scope="module")
def embedded_mini():
    return make_mini_store()


@pytest.fixture(params=["embedded", "remote"])
def backend(request, embedded_mini, remote_mini):
    """Both backends holding the same data (read-only use)."""
    return embedded_mini if request.param == "embedded" else remote_mini


def _same(left, right) -> bool:
    """Whether two collections of triples or quads are equal up to blank node names."""
    def dataset(items):
        quads = [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object)
                 for q in items]
        data = ox.Dataset(quads)
        data.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        return data
    return dataset(left) == dataset(right)


def _canon(rows) -> list[tuple]:
    return sorted(tuple(sorted((k, str(v)) for k, v in row.items())) for row in rows)


def test_open_store_routes_urls_to_remote(remote_mini, oxigraph_url):
    assert isinstance(remote_mini, RemoteStore)
    assert remote_mini.update_url == oxigraph_url + "/update"
    assert remote_mini.store_url == oxigraph_url + "/store"


def test_same_graphs_and_triples(remote_mini, embedded_mini):
    assert remote_mini.graph_names() == embedded_mini.graph_names()
    for iri in embedded_mini.graph_names():
        if iri.endswith("/meta"):
            continue
        assert _same(remote_mini.graph_triples(iri), embedded_mini.graph_triples(iri)), iri
    assert remote_mini.version() == embedded_mini.version() > 0


@pytest.mark.parametrize("cq", [q.id for q in competency_queries()])
def test_competency_queries_same_answers(cq, remote_mini, embedded_mini):
    sparql = next(q.sparql for q in competency_queries() if q.id == cq)
    local = run_query(embedded_mini, sparql)
    remote = run_query(remote_mini, sparql)
    assert local.kind == remote.kind
    assert _canon(remote.rows) == _canon(local.rows)
    assert remote.boolean == local.boolean


def test_default_graph_is_union_without_meta(backend):
    # the meta graph holds the version; it is not in the default graph, but GRAPH sees it
    version = "https://w3id.org/wijkgraaf/def#storeVersion"
    assert not backend.ask(f"ASK {{ ?s <{version}> ?v }}")
    assert backend.ask(f"ASK {{ GRAPH ?g {{ ?s <{version}> ?v }} }}")
    assert backend.ask("ASK { ?s a <https://w3id.org/wijkgraaf/def#Solution> }")


def test_bindings_are_values_not_text(backend):
    query = f"SELECT ?s WHERE {{ ?s <{SKOS_PREF}> ?label }}"
    rows = backend.select(query, {"label": ox.Literal("gezondheid", language="nl")})
    assert [r["s"].value for r in rows] == [ITEM + "dom-gezondheid"]
    hostile = ox.Literal('x" } } ; DROP ALL ; SELECT * { ?s ?p "')
    assert backend.select(query, {"label": hostile}) == []
    assert backend.select(query, {"s": ox.NamedNode(ITEM + "dom-wonen")})


def test_construct_and_ask(backend):
    triples = backend.construct(
        f"CONSTRUCT {{ ?s <{SKOS_PREF}> ?l }} WHERE {{ "
        f"?s a <https://w3id.org/wijkgraaf/def#Domain> ; <{SKOS_PREF}> ?l }}")
    assert len(triples) == 6  # three domains, a label in nl and en each
    assert backend.ask("ASK { ?s ?p ?o }") is True


def test_syntax_error_names_the_place(backend):
    with pytest.raises(QueryError) as caught:
        backend.select("SELECT ?s WHERE {\n  ?s ?p \n}")
    assert caught.value.line is not None


def test_validate_same_report(backend):
    report = validate_store(backend)
    assert report.conforms


def test_export_same_data(remote_mini, embedded_mini):
    for fmt in ("nt", "turtle"):
        remote = ox.parse(dump_store(remote_mini, fmt), format=ox.RdfFormat.N_TRIPLES
                          if fmt == "nt" else ox.RdfFormat.TURTLE)
        local = ox.parse(dump_store(embedded_mini, fmt), format=ox.RdfFormat.N_TRIPLES
                         if fmt == "nt" else ox.RdfFormat.TURTLE)
        assert _same(remote, local), fmt
    nq = [q for q in ox.parse(dump_store(remote_mini, "nq"), format=ox.RdfFormat.N_QUADS)
          if not q.graph_name.value.endswith("/meta")]
    assert _same(nq, [q for q in embedded_mini.dump_quads()
                      if not q.graph_name.value.endswith("/meta")])


def test_replace_graphs_is_one_atomic_request(oxigraph_url):
    requests = []
    client = httpx.Client(event_hooks={"request": [requests.append]})
    store = RemoteStore(oxigraph_url + "/query", client=client)
    before = store.version()
    g = "https://w3id.org/wijkgraaf/graph/source/remote-test.ttl"
    t = ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal('a "b"\n'))
    meta = [ox.Triple(ox.NamedNode(g), ox.NamedNode("http://purl.org/dc/terms/title"),
                      ox.Literal("remote-test"))]
    requests.clear()
    version = store.replace_graphs({g: [t]}, meta)
    updates = [r for r in requests if r.url.path == "/update"]
    assert len(updates) == 1 and version == before + 1
    assert store.graph_triples(g) == [t]
    # a replace the server refuses (an IRI it cannot accept) changes nothing
    bad = ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("new"))
    other = "https://w3id.org/wijkgraaf/graph/source/remote-test-2.ttl"
    store.update_url = oxigraph_url + "/nowhere"
    with pytest.raises(RemoteError):
        store.replace_graphs({g: [bad], other: [bad]}, [])
    store.update_url = oxigraph_url + "/update"
    assert store.graph_triples(g) == [t] and store.version() == version
    store.replace_graphs({g: []}, [])  # leave the shared server as it was
    assert g not in store.graph_names()


def test_update_bumps_version(oxigraph_url):
    store = RemoteStore(oxigraph_url + "/query", graph_cache=0)
    before = store.version()
    g = "https://w3id.org/wijkgraaf/graph/edits/remote-update"
    version = store.update(f"INSERT DATA {{ GRAPH <{g}> {{ <urn:a> <urn:b> <urn:c> }} }}")
    assert version == before + 1 and g in store.graph_names()
    store.update(f"DROP GRAPH <{g}>")
    assert g not in store.graph_names()


def test_unreachable_server_is_a_clear_error():
    import socket

    with socket.socket() as held:  # bound and not listening: a connection is refused for sure
        held.bind(("127.0.0.1", 0))
        store = RemoteStore(f"http://127.0.0.1:{held.getsockname()[1]}/query", timeout=2)
        with pytest.raises(RemoteError, match="unreachable"):
            store.version()


def test_cli_query_against_the_server(remote_mini, oxigraph_url, capsys):
    from graph.cli.main import main

    cq13 = next(q for q in competency_queries() if q.id.startswith("cq13"))
    assert main(["query", "--store", oxigraph_url + "/query", str(cq13.path),
                 "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "S01" in out and "S02" in out


def test_embedded_and_remote_are_both_stores(remote_mini, embedded_mini):
    for store in (remote_mini, embedded_mini):
        for name in ("select", "ask", "construct", "update", "replace_graphs", "graph_names",
                     "graph_triples", "version", "dump_quads"):
            assert callable(getattr(store, name))
        assert store.location
    assert isinstance(embedded_mini, EmbeddedStore)


def test_a_server_timeout_is_an_error_not_an_answer(tmp_path):
    # Oxigraph's --timeout-s answers 200 with a cut-off body; that must not pass as a result
    with oxigraph_server(tmp_path / "db", ["--timeout-s", "1"]) as base:
        store = RemoteStore(base + "/query", timeout=30)
        ensure_ready(store, bundled=False)
        with pytest.raises(RemoteError, match="unreadable"):
            store.select("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")


def test_serve_a_remote_store(remote_mini):
    import warnings

    from graph.endpoint.router import make_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    with TestClient(make_app(remote_mini, workers=1, time_limit=5)) as client:
        response = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s a wg:Solution }"},
                              headers={"Accept": "text/csv"})
        assert response.status_code == 200
        assert sorted(response.text.split()[1:]) == [ITEM + "S01", ITEM + "S02"]
