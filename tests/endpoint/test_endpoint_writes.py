"""Writes through ``wijkgraaf serve``: SPARQL 1.1 Update and the Graph Store HTTP Protocol,
only with an editor token, each validated against the shapes before it is committed, and
atomic (a refused write changes nothing). Every test writes its own graph, so the tests are
independent of each other (pytest-xdist may split them over two servers)."""

from __future__ import annotations

import time

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import Unauthorized

from tests.conftest import MINI
from tests.oxigraph_server import load_store, wijkgraaf_server

pytestmark = pytest.mark.slow  # a real server process per module


TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
G = "https://w3id.org/wijkgraaf/graph/"
EDITS = G + "edits/test"
ITEM = "https://w3id.org/wijkgraaf/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
UPDATE = {"Content-Type": "application/sparql-update"}
WRITE_LIMIT = 4.0


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    store = load_store(tmp_path_factory.mktemp("serve-writes") / "store", MINI)
    args = ["--time-limit", "2", "--write-time-limit", str(WRITE_LIMIT), "--workers", "2",
            "--no-bundled", "--max-upload-bytes", "100000"]
    with wijkgraaf_server(store, args, env={"WIJKGRAAF_EDITOR_TOKENS": f"ann={TOKEN}"}) as url:
        yield url


def _version(http) -> int:
    return int(http.get("sparql", params={"query": "ASK {}"}).headers["x-wijkgraaf-version"])


def _ask(http, query: str) -> bool:
    return http.get("sparql", params={"query": query}).json()["boolean"]


# -------------------------------------------------------------------- tokens ---

def test_update_needs_a_token(http):
    graph = EDITS + "-no-token"
    body = f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:b> <urn:c> }} }}".encode()
    missing = http.post("sparql", content=body, headers=UPDATE)
    assert missing.status_code == 401 and "Bearer" in missing.headers["www-authenticate"]
    wrong = http.post("sparql", content=body, headers={**UPDATE,
                                                       "Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    assert not _ask(http, f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")


def test_update_with_token_is_committed_and_bumps_the_version(http):
    graph = EDITS + "-committed"
    before = _version(http)
    body = f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:committed> <urn:b> 'c' }} }}"
    response = http.post("sparql", content=body.encode(), headers={**UPDATE, **AUTH})
    assert response.status_code == 204
    assert int(response.headers["x-wijkgraaf-version"]) == before + 1 == _version(http)
    assert _ask(http, "ASK { <urn:committed> <urn:b> 'c' }")  # in the union default graph
    # provenance of the edited graph names the editor
    meta = http.get("graph-store", params={"graph": G + "meta"},
                    headers={"Accept": "application/n-triples"}).text
    assert f"<{graph}>" in meta and "ann (SPARQL endpoint)" in meta


def test_update_by_form_and_using_graph_uri(http):
    graph = EDITS + "-form"
    insert = f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:form> <urn:b> 'c' }} }}"
    assert http.post("sparql", data={"update": insert}, headers=AUTH).status_code == 204
    assert _ask(http, "ASK { <urn:form> <urn:b> 'c' }")
    update = "DELETE { GRAPH <%s> { ?s ?p ?o } } WHERE { ?s ?p ?o }" % graph
    response = http.post("sparql", data={"update": update, "using-graph-uri": graph},
                         headers=AUTH)
    assert response.status_code == 204
    assert not _ask(http, "ASK { <urn:form> <urn:b> 'c' }")
    clash = http.post("sparql", data={"update": f"WITH <{graph}> DELETE {{ ?s ?p ?o }} "
                                                "WHERE { ?s ?p ?o }",
                                      "using-graph-uri": graph}, headers=AUTH)
    assert clash.status_code == 400


def test_using_named_graph_uri_sets_the_named_graphs_of_the_update(http):
    a, b, out = EDITS + "-named-a", EDITS + "-named-b", EDITS + "-named-out"
    insert = (f"INSERT DATA {{ GRAPH <{a}> {{ <urn:na> a <urn:Doc> }} "
              f"GRAPH <{b}> {{ <urn:nb> a <urn:Doc> }} }}")
    assert http.post("sparql", data={"update": insert}, headers=AUTH).status_code == 204
    copy = (f"INSERT {{ GRAPH <{out}> {{ ?s <urn:in> ?g }} }} WHERE {{ "
            "{ GRAPH ?g { ?s a <urn:Doc> } } UNION { ?s a <urn:Doc> BIND('default' AS ?g) } }")
    response = http.post("sparql", data={"update": copy, "using-named-graph-uri": a,
                                         "using-graph-uri": b}, headers=AUTH)
    assert response.status_code == 204, response.text
    assert _ask(http, f"ASK {{ GRAPH <{out}> {{ <urn:na> <urn:in> <{a}> . "
                      f"<urn:nb> <urn:in> 'default' }} }}")
    assert not _ask(http, f"ASK {{ GRAPH <{out}> {{ <urn:nb> <urn:in> <{b}> }} }}")
    outside = http.post("sparql", data={"update": copy, "using-named-graph-uri":
                                        "http://example.org/elsewhere"}, headers=AUTH)
    assert outside.status_code == 403 and "outside this dataset" in outside.text
    not_iri = http.post("sparql", data={"update": copy, "using-named-graph-uri":
                                         "urn:a> } } ; DROP GRAPH <urn:b"}, headers=AUTH)
    assert not_iri.status_code == 400


def test_relative_iris_in_an_update_resolve_against_the_endpoint(http, base):
    graph = EDITS + "-relative"
    update = f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:rel> <urn:p> <relative> }} }}"
    assert http.post("sparql", content=update.encode(),
                     headers={**UPDATE, **AUTH}).status_code == 204
    assert _ask(http, f"ASK {{ <urn:rel> <urn:p> <{base}relative> }}")


def _multipart(*parts: tuple[str, str, str]) -> tuple[bytes, str]:
    boundary = "wijkgraaf-test-boundary"
    body = "".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; "
                   f"filename=\"{name}\"\r\nContent-Type: {media}\r\n\r\n{text}\r\n"
                   for name, media, text in parts) + f"--{boundary}--\r\n"
    return body.encode(), f"multipart/form-data; boundary={boundary}"


def test_graph_store_post_of_multipart_form_data_merges_its_parts(http):
    graph = EDITS + "-multipart"
    body, media = _multipart(("a.ttl", "text/turtle", "<urn:mp> <urn:p> 1 ."),
                             ("b.nt", "application/n-triples", '<urn:mp> <urn:q> "2" .'))
    response = http.post("graph-store", params={"graph": graph}, content=body,
                         headers={"Content-Type": media, **AUTH})
    assert response.status_code == 201, response.text
    assert _ask(http, f"ASK {{ GRAPH <{graph}> {{ <urn:mp> <urn:p> 1 ; <urn:q> '2' }} }}")
    body, media = _multipart(("good.ttl", "text/turtle", "<urn:mp> <urn:p> 3 ."),
                             ("broken.ttl", "text/turtle", "<urn:mp> <urn:p>"))
    broken = http.post("graph-store", params={"graph": graph}, content=body,
                       headers={"Content-Type": media, **AUTH})
    assert broken.status_code == 400 and "broken.ttl" in broken.text
    body, media = _multipart(("x.csv", "text/csv", "a,b"))
    wrong = http.post("graph-store", params={"graph": graph}, content=body,
                      headers={"Content-Type": media, **AUTH})
    assert wrong.status_code == 415 and "x.csv" in wrong.text
    assert not _ask(http, "ASK { <urn:mp> <urn:p> 3 }")  # nothing of a refused body landed


def test_graph_store_names_a_graph_directly_by_its_url(http, base):
    response = http.put("graph-store/direct/one", content=b"<urn:direct> <urn:p> 1 .",
                        headers={"Content-Type": "text/turtle", **AUTH})
    assert response.status_code == 201, response.text
    iri = base + "graph-store/direct/one"
    assert _ask(http, f"ASK {{ GRAPH <{iri}> {{ <urn:direct> <urn:p> 1 }} }}")
    assert http.get("graph-store", params={"graph": iri}).status_code == 200
    both = http.get("graph-store/direct/one", params={"graph": iri})
    assert both.status_code == 400
    assert http.delete("graph-store/direct/one", headers=AUTH).status_code == 204
    assert http.get("graph-store/direct/one").status_code == 404


def test_update_syntax_error_is_400(http):
    response = http.post("sparql", content=b"INSERT DATA { GRAPH <urn:g> { <a> } }",
                         headers={**UPDATE, **AUTH})
    assert response.status_code == 400 and "line 1" in response.text


@pytest.mark.parametrize("update,status,word", [
    ("LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <urn:g>", 403, "LOAD"),
    ("INSERT { GRAPH <urn:g> { ?s ?p ?o } } WHERE { SERVICE <http://127.0.0.1:9/> "
     "{ ?s ?p ?o } }", 403, "SERVICE"),
    ("INSERT DATA { <urn:new> <urn:p> 'default graph' }", 400, "default graph"),
    (f"DELETE WHERE {{ GRAPH <{G}ontology> {{ ?s ?p ?o }} }}", 403, "ontology"),
    ("CLEAR ALL", 403, "manages"),
])
def test_refused_updates_change_nothing(http, update, status, word):
    before = _version(http)
    response = http.post("sparql", content=update.encode(), headers={**UPDATE, **AUTH})
    assert response.status_code == status and word in response.text
    assert _version(http) == before


def test_non_conforming_update_is_422_with_report_and_nothing_changes(http):
    before = _version(http)
    update = (f"DELETE WHERE {{ GRAPH ?g {{ <{ITEM}S01> <{SKOS}prefLabel> ?label }} }}")
    response = http.post("sparql", content=update.encode(), headers={**UPDATE, **AUTH})
    assert response.status_code == 422
    assert "S01" in response.text and "prefLabel" in response.text
    as_json = http.post("sparql", content=update.encode(),
                        headers={**UPDATE, **AUTH, "Accept": "application/json"})
    assert as_json.status_code == 422 and as_json.json()["conforms"] is False
    assert _version(http) == before
    assert _ask(http, f"ASK {{ <{ITEM}S01> <{SKOS}prefLabel> ?label }}")


def test_write_time_limit(http):
    before = _version(http)
    update = (f"INSERT {{ GRAPH <{EDITS}-heavy> {{ ?a <urn:p> ?i }} }} "
              "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    started = time.monotonic()
    response = http.post("sparql", content=update.encode(), headers={**UPDATE, **AUTH})
    assert response.status_code == 503 and "nothing was changed" in response.text
    assert time.monotonic() - started < WRITE_LIMIT + 1
    assert _version(http) == before


# ---------------------------------------------------------- Graph Store Protocol ---

TTL = b"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:x:1> <urn:x:p> "one" .
"""


def test_graph_store_put_get_post_delete(http):
    iri = G + "edits/gsp"
    assert http.put("graph-store", params={"graph": iri}, content=TTL,
                    headers={"Content-Type": "text/turtle"}).status_code == 401
    created = http.put("graph-store", params={"graph": iri}, content=TTL,
                       headers={**AUTH, "Content-Type": "text/turtle"})
    assert created.status_code == 201 and "graph-store?graph=" in created.headers["location"]
    got = http.get("graph-store", params={"graph": iri},
                   headers={"Accept": "application/n-triples"})
    assert got.text.strip() == '<urn:x:1> <urn:x:p> "one" .'
    merged = http.post("graph-store", params={"graph": iri},
                       content=b'<urn:x:2> <urn:x:p> "two" .',
                       headers={**AUTH, "Content-Type": "application/n-triples"})
    assert merged.status_code == 204
    assert len(http.get("graph-store", params={"graph": iri},
                        headers={"Accept": "application/n-triples"}).text.splitlines()) == 2
    replaced = http.put("graph-store", params={"graph": iri},
                        content=b'[{"@id": "urn:x:3", "urn:x:p": "three"}]',
                        headers={**AUTH, "Content-Type": "application/ld+json"})
    assert replaced.status_code == 204
    triples = [q.triple for q in ox.parse(http.get(
        "graph-store", params={"graph": iri}, headers={"Accept": "text/turtle"}).content,
        format=ox.RdfFormat.TURTLE)]
    assert [t.subject.value for t in triples] == ["urn:x:3"]
    assert http.delete("graph-store", params={"graph": iri}, headers=AUTH).status_code == 204
    assert http.get("graph-store", params={"graph": iri}).status_code == 404
    assert http.delete("graph-store", params={"graph": iri}, headers=AUTH).status_code == 404


def test_graph_store_post_to_the_store_creates_a_graph(http):
    response = http.post("graph-store", content=TTL,
                         headers={**AUTH, "Content-Type": "text/turtle"})
    assert response.status_code == 201
    location = response.headers["location"]
    assert httpx.get(location, headers={"Accept": "text/turtle"}).status_code == 200
    assert httpx.delete(location, headers=AUTH).status_code == 204


@pytest.mark.parametrize("params,body,media,status", [
    ({"graph": G + "edits/bad"}, b"<urn:a> <urn:b> .", "text/turtle", 400),
    ({"graph": G + "edits/bad"}, TTL, "text/csv", 415),
    ({"default": ""}, TTL, "text/turtle", 405),
    ({"graph": G + "meta"}, TTL, "text/turtle", 403),
    ({"graph": G + "shapes"}, TTL, "text/turtle", 403),
    ({"graph": "not an iri"}, TTL, "text/turtle", 400),
    ({"graph": G + "edits/big"}, b"#" * 200_000, "text/turtle", 413),
    ({"graph": G + "edits/ctx"}, b'{"@context": "http://127.0.0.1:9/c.jsonld", "@id": "urn:a"}',
     "application/ld+json", 400),  # a remote JSON-LD context is never fetched
])
def test_graph_store_refusals(http, params, body, media, status):
    before = _version(http)
    response = http.put("graph-store", params=params, content=body,
                        headers={**AUTH, "Content-Type": media})
    assert response.status_code == status, response.text
    assert _version(http) == before


def test_graph_store_non_conforming_put_is_422(http):
    before = _version(http)
    bad = f"<{ITEM}S99> a <https://w3id.org/wijkgraaf/def#Solution> .".encode()
    response = http.put("graph-store", params={"graph": G + "edits/bad"}, content=bad,
                        headers={**AUTH, "Content-Type": "text/turtle",
                                 "Accept-Language": "nl"})
    assert response.status_code == 422 and "S99" in response.text
    assert "voldoet niet" in response.text
    assert _version(http) == before
    merged = http.post("graph-store", params={"graph": G + "source/mini.ttl"}, content=bad,
                       headers={**AUTH, "Content-Type": "text/turtle"})
    assert merged.status_code == 422 and _version(http) == before


# ------------------------------------------------------------------ real clients ---

def test_sparqlwrapper_update_with_and_without_token(base):
    update = f"INSERT DATA {{ GRAPH <{EDITS}-sparqlwrapper> {{ <urn:sw> <urn:p> 1 }} }}"
    client = SPARQLWrapper(base + "sparql")
    client.setMethod(POST)
    client.setQuery(update)
    with pytest.raises(Unauthorized):
        client.query()
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    client.query()
    check = SPARQLWrapper(base + "sparql", returnFormat=JSON)
    check.setQuery("ASK { <urn:sw> <urn:p> 1 }")
    assert check.query().convert()["boolean"] is True


def test_rdflib_sparql_update_store(base):
    store = SPARQLUpdateStore(base + "sparql", base + "sparql", method="POST",
                              headers={"Authorization": f"Bearer {TOKEN}"}, autocommit=True)
    graph = Graph(store=store, identifier=URIRef(EDITS + "-rdflib"))
    graph.add((URIRef("urn:rdflib"), URIRef("urn:p"), Literal("via rdflib")))
    assert (URIRef("urn:rdflib"), URIRef("urn:p"), Literal("via rdflib")) in graph
    graph.remove((URIRef("urn:rdflib"), None, None))
    assert (URIRef("urn:rdflib"), None, None) not in graph


# ------------------------------------------------------------ answers kept ---

def test_an_answer_is_kept_per_version_and_never_outlives_a_write(http):
    graph = EDITS + "-kept"
    query = {"query": f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ <urn:kept> <urn:b> ?o }} }}"}
    first = http.get("sparql", params=query, headers={"Accept": "text/csv"})
    again = http.get("sparql", params=query, headers={"Accept": "text/csv"})
    assert (first.headers["x-wijkgraaf-answer"], again.headers["x-wijkgraaf-answer"]) == (
        "miss", "hit")
    assert first.text == again.text and first.headers["etag"] == again.headers["etag"]
    json_too = http.get("sparql", params=query, headers={"Accept": "application/json"})
    assert json_too.headers["x-wijkgraaf-answer"] == "miss"  # another format, another answer
    unchanged = http.get("sparql", params=query, headers={
        "Accept": "text/csv", "If-None-Match": first.headers["etag"]})
    assert unchanged.status_code == 304 and not unchanged.content
    body = f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:kept> <urn:b> 'new' }} }}"
    assert http.post("sparql", content=body.encode(), headers={**UPDATE, **AUTH}
                     ).status_code == 204
    after = http.get("sparql", params=query, headers={
        "Accept": "text/csv", "If-None-Match": first.headers["etag"]})
    assert after.status_code == 200 and after.headers["x-wijkgraaf-answer"] == "miss"
    assert "new" in after.text and "new" not in first.text


def test_many_clients_asking_the_same_at_once_get_one_run(base):
    import concurrent.futures

    import httpx

    query = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?s ?q ?x } # same-at-once"}

    def ask(_):
        with httpx.Client(base_url=base, timeout=60) as client:
            reply = client.get("sparql", params=query, headers={"Accept": "text/csv"})
            return reply.status_code, reply.headers.get("x-wijkgraaf-answer"), reply.text

    with concurrent.futures.ThreadPoolExecutor(24) as pool:
        replies = list(pool.map(ask, range(24)))
    assert {status for status, _, _ in replies} == {200}
    assert [how for _, how, _ in replies].count("miss") == 1
    assert len({text for _, _, text in replies}) == 1
