"""``wijkgraaf serve --public-url``: every URL the service writes about itself (VoID, the
service description, the citation, the dump links, the base of relative IRIs, a new graph's
Location) is built from the configured public URL, never from the request's Host header;
and the query page opens in Dutch unless the browser prefers English or ``?lang=en``."""

from __future__ import annotations

import subprocess

import pyoxigraph as ox
import pytest
import rdflib

from tests.conftest import MINI
from tests.oxigraph_server import WIJKGRAAF, load_store, wijkgraaf_server

pytestmark = pytest.mark.slow  # a real server process per module

PUBLIC = "https://data.example.org/wijkgraaf/"
TOKEN = "public-url-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ELSEWHERE = {"Host": "elsewhere.example:8443"}
DATASET = rdflib.URIRef("https://w3id.org/wijkgraaf/id/dataset")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    store = load_store(tmp_path_factory.mktemp("serve-public") / "store", MINI)
    args = ["--workers", "1", "--no-bundled", "--public-url", PUBLIC.rstrip("/")]
    with wijkgraaf_server(store, args, env={"WIJKGRAAF_EDITOR_TOKENS": f"ann={TOKEN}"}) as url:
        yield url


def _turtle(response) -> rdflib.Graph:
    assert response.status_code == 200, response.text
    return rdflib.Graph().parse(data=response.text, format="turtle")


def _urls(graph: rdflib.Graph) -> set[str]:
    return {str(term) for triple in graph for term in triple
            if isinstance(term, rdflib.URIRef) and "example" in str(term)}


def test_void_names_the_public_url_whatever_the_host_header(http):
    graph = _turtle(http.get("void", headers={"Accept": "text/turtle", **ELSEWHERE}))
    assert str(graph.value(DATASET, VOID.sparqlEndpoint)) == PUBLIC + "sparql"
    dumps = {str(d) for d in graph.objects(DATASET, VOID.dataDump)}
    assert PUBLIC + "dump.trig" in dumps and len(dumps) == 6
    assert str(graph.value(DATASET, DCT.bibliographicCitation)).endswith(PUBLIC + "void")
    urls = _urls(graph)
    assert urls and all(u.startswith(PUBLIC) for u in urls)
    assert "elsewhere" not in http.get("void", headers={"Accept": "text/turtle",
                                                        **ELSEWHERE}).text
    assert "127.0.0.1" not in http.get("void", headers={"Accept": "text/turtle"}).text


def test_service_description_names_the_public_url(http):
    graph = _turtle(http.get("sparql", headers={"Accept": "text/turtle", **ELSEWHERE}))
    assert set(graph.objects(None, SD.endpoint)) == {rdflib.URIRef(PUBLIC + "sparql")}
    assert "elsewhere" not in graph.serialize(format="nt")


def test_relative_iris_in_a_query_resolve_against_the_public_endpoint(http):
    response = http.post("sparql", content=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
                         headers={"Content-Type": "application/sparql-query",
                                  "Accept": "application/n-triples", **ELSEWHERE})
    assert response.status_code == 200, response.text
    [triple] = [q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)]
    assert (triple.subject.value, triple.predicate.value) == (PUBLIC + "s", PUBLIC + "p")


def test_relative_iris_in_an_update_and_a_new_graphs_location_use_the_public_url(http):
    graph = "https://w3id.org/wijkgraaf/graph/edits/public-url"
    update = f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:x> <urn:p> <relative> }} }}"
    response = http.post("sparql", content=update.encode(), headers={
        "Content-Type": "application/sparql-update", **AUTH, **ELSEWHERE})
    assert response.status_code == 204, response.text
    ask = f"ASK {{ <urn:x> <urn:p> <{PUBLIC}relative> }}"
    assert http.get("sparql", params={"query": ask}).json()["boolean"] is True
    created = http.put("graph-store", params={"graph": graph + "-2"},
                       content=b"<urn:y> <urn:p> 1 .",
                       headers={"Content-Type": "text/turtle", **AUTH, **ELSEWHERE})
    assert created.status_code == 201 and created.headers["location"].startswith(
        PUBLIC + "graph-store?graph=")


@pytest.mark.parametrize("headers,params,lang", [
    ({}, {}, "nl"),
    ({"Accept-Language": "de-DE,de;q=0.9"}, {}, "nl"),
    ({"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.8"}, {}, "nl"),
    ({"Accept-Language": "en-US,en;q=0.9"}, {}, "en"),
    ({"Accept-Language": "en-US,en;q=0.9"}, {"lang": "nl"}, "nl"),
    ({}, {"lang": "en"}, "en"),
])
def test_query_page_opens_in_dutch_unless_english_is_asked_for(http, headers, params, lang):
    for path in ("", "sparql"):
        response = http.get(path, params=params, headers={"Accept": "text/html", **headers})
        assert response.status_code == 200
        assert response.headers["content-language"] == lang
        assert f'<html lang="{lang}">' in response.text
        assert ("Voorbeeldvragen" in response.text) is (lang == "nl")


@pytest.mark.parametrize("url", ["data.example.org/wijkgraaf", "ftp://data.example.org/",
                                 "https://data.example.org/?x=1"])
def test_a_public_url_that_is_not_http_is_refused_before_serving(url, tmp_path):
    result = subprocess.run([str(WIJKGRAAF), "serve", "--store", str(tmp_path / "s"),
                             "--public-url", url], check=False, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert "is not an absolute http(s) URL" in result.stderr and "Traceback" not in result.stderr
