"""The SPARQL 1.1 Protocol of ``wijkgraaf serve``, with real clients against a real uvicorn
process: every query form, dataset parameter and media type, each refusal, the time limit,
the row cap and the size caps (SPARQL 1.1 Protocol §2.1; the §-numbers are in the names)."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from tests.conftest import MINI
from tests.oxigraph_server import load_store, wijkgraaf_server

pytestmark = pytest.mark.slow  # a real server process per module


TIME_LIMIT = 1.0
MAX_ROWS = 100
G = "https://w3id.org/wijkgraaf/graph/"
MINI_GRAPH = G + "source/mini.ttl"
WG = "https://w3id.org/wijkgraaf/def#"
SOLUTIONS = "SELECT ?s WHERE { ?s a wg:Solution } ORDER BY ?s"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
RESULT_TYPES = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                "application/sparql-results+xml": ox.QueryResultsFormat.XML,
                "text/tab-separated-values": ox.QueryResultsFormat.TSV}
RDF_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
             "application/rdf+xml": ox.RdfFormat.RDF_XML,
             "application/ld+json": ox.RdfFormat.JSON_LD}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A running ``wijkgraaf serve`` on the mini knowledge base (read-only in this module)."""
    store = load_store(tmp_path_factory.mktemp("serve") / "store", MINI)
    args = ["--time-limit", str(TIME_LIMIT), "--max-rows", str(MAX_ROWS), "--workers", "2",
            "--no-bundled", "--max-query-bytes", "20000"]
    with wijkgraaf_server(store, args) as url:
        yield url


def _solutions(response: httpx.Response) -> list[str]:
    parsed = ox.parse_query_results(response.content, format=RESULT_TYPES[
        response.headers["content-type"].split(";")[0]])
    return [s["s"].value.rsplit("/", 1)[-1] for s in parsed]


# --------------------------------------------------------------- §2.1.1–2.1.3 forms ---

def test_2_1_1_query_via_get(http):
    response = http.get("sparql", params={"query": SOLUTIONS})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert _solutions(response) == ["S01", "S02"]


def test_2_1_2_query_via_url_encoded_post(http):
    response = http.post("sparql", data={"query": SOLUTIONS})
    assert response.status_code == 200 and _solutions(response) == ["S01", "S02"]


def test_2_1_3_query_via_post_directly(http):
    response = http.post("sparql", content=SOLUTIONS.encode(),
                         headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 200 and _solutions(response) == ["S01", "S02"]


def test_head_runs_like_get_without_body(http):
    response = http.head("sparql", params={"query": "ASK {}"})
    assert response.status_code == 200 and response.content == b""


# ---------------------------------------------------------------- §2.1.4 datasets ---

def test_2_1_4_default_graph_uri_sets_the_default_graph(http):
    ask = f"ASK {{ <{WG}Solution> a ?type }}"  # a class: only in the ontology graph
    union = http.get("sparql", params={"query": ask}).json()["boolean"]
    only_mini = http.get("sparql", params={"query": ask, "default-graph-uri": MINI_GRAPH})
    both = http.post("sparql", data={"query": ask,
                                     "default-graph-uri": [MINI_GRAPH, G + "ontology"]})
    assert union is True
    assert only_mini.json()["boolean"] is False and both.json()["boolean"] is True


def test_2_1_4_named_graph_uri_sets_the_named_graphs(http):
    query = "SELECT ?g WHERE { GRAPH ?g { } } ORDER BY ?g"
    everything = http.get("sparql", params={"query": query}).json()["results"]["bindings"]
    assert {b["g"]["value"] for b in everything} >= {MINI_GRAPH, G + "meta", G + "ontology"}
    response = http.post("sparql", content=query.encode(), params={
        "named-graph-uri": MINI_GRAPH}, headers={"Content-Type": "application/sparql-query"})
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == [MINI_GRAPH]
    # named graphs only: the default graph is empty
    empty = http.get("sparql", params={"query": "ASK { ?s ?p ?o }",
                                       "named-graph-uri": MINI_GRAPH})
    assert empty.json()["boolean"] is False


def test_2_1_4_from_our_own_graph_is_honoured(http):
    query = f"ASK FROM <{MINI_GRAPH}> {{ <{WG}Solution> a ?type }}"
    assert http.get("sparql", params={"query": query}).json()["boolean"] is False
    query = f"SELECT (COUNT(*) AS ?n) FROM <{G}ontology> WHERE {{ ?s a wg:Solution }}"
    rows = http.get("sparql", params={"query": query}).json()["results"]["bindings"]
    assert rows[0]["n"]["value"] == "0"
    # the protocol's dataset overrides the query's (§2.1.4)
    rows = http.get("sparql", params={"query": query, "default-graph-uri": MINI_GRAPH}).json()
    assert rows["results"]["bindings"][0]["n"]["value"] == "2"


# ----------------------------------------------------------- §2.1.5 media types ---

@pytest.mark.parametrize("media", [*RESULT_TYPES, "text/csv"])
def test_2_1_5_select_in_every_result_format(http, media):
    response = http.get("sparql", params={"query": SOLUTIONS}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["s"] and [r[0].rsplit("/", 1)[-1] for r in rows[1:]] == ["S01", "S02"]
    else:
        assert _solutions(response) == ["S01", "S02"]


@pytest.mark.parametrize("media", ["application/sparql-results+json",
                                   "application/sparql-results+xml", "text/csv",
                                   "text/tab-separated-values"])
def test_2_1_5_ask_in_every_result_format(http, media):
    response = http.get("sparql", params={"query": "ASK { ?s a wg:Obstacle }"},
                        headers={"Accept": media})
    assert response.status_code == 200 and "true" in response.text


@pytest.mark.parametrize("media", list(RDF_TYPES))
@pytest.mark.parametrize("form", ["CONSTRUCT { ?s ?p ?o } WHERE { ?s a wg:Solution ; ?p ?o }",
                                  "DESCRIBE ?s WHERE { ?s a wg:Solution }"])
def test_2_1_5_construct_and_describe_in_every_rdf_format(http, media, form):
    response = http.post("sparql", data={"query": form}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    triples = {q.triple for q in ox.parse(response.content, format=RDF_TYPES[media])}
    reference = http.post("sparql", data={"query": form},
                          headers={"Accept": "application/n-triples"})
    expected = {q.triple for q in ox.parse(reference.content, format=ox.RdfFormat.N_TRIPLES)}
    assert triples == expected and len(triples) > 10


def test_2_1_5_q_values_and_format_parameter(http):
    accept = "text/csv;q=0.2, application/sparql-results+xml;q=0.9, */*;q=0.1"
    response = http.get("sparql", params={"query": SOLUTIONS}, headers={"Accept": accept})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    response = http.get("sparql", params={"query": SOLUTIONS, "format": "tsv"})
    assert response.headers["content-type"].startswith("text/tab-separated-values")


def test_406_when_no_acceptable_media_type(http):
    response = http.get("sparql", params={"query": SOLUTIONS}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text
    response = http.get("sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                        headers={"Accept": "text/csv"})
    assert response.status_code == 406 and "text/turtle" in response.text


# ------------------------------------------------------- §2.1.6/2.1.7 statuses ---

def test_2_1_7_syntax_error_is_400_with_place(http):
    response = http.post("sparql", data={"query": "SELECT ?s WHERE {\n  ?s ?p \n}"})
    assert response.status_code == 400
    assert "line 3, column" in response.text and "^" in response.text


def test_2_1_7_syntax_error_in_dutch(http):
    response = http.post("sparql", data={"query": "SELECT ?s WHERE { ?s }"},
                         headers={"Accept-Language": "nl"})
    assert response.status_code == 400 and "Syntaxfout" in response.text


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_wrong_method_is_405(http, method):
    response = http.request(method, "sparql", params={"query": "ASK {}"})
    assert response.status_code == 405 and "GET" in response.headers["allow"]


def test_update_via_get_is_refused(http):
    response = http.get("sparql", params={"update": "CLEAR ALL"})
    assert response.status_code == 405 and "POST" in response.text


def test_wrong_or_missing_media_type(http):
    text = SOLUTIONS.encode()
    assert http.post("sparql", content=text,
                     headers={"Content-Type": "text/plain"}).status_code == 415
    assert http.post("sparql", content=text).status_code == 400  # no Content-Type
    form = b"query=ASK%20%7B%7D"  # a form body without its media type: never run
    for headers in ({}, {"Content-Type": ""}):
        response = http.post("sparql", content=form, headers=headers)
        assert response.status_code == 400 and "Content-Type" in response.text
    assert http.post("sparql", content=SOLUTIONS.encode("utf-16"), headers={
        "Content-Type": "application/sparql-query; charset=utf-16"}).status_code == 415
    assert http.post("sparql", content=b"SELECT * { ?s ?p '\xff' }", headers={
        "Content-Type": "application/sparql-query"}).status_code == 400


def test_one_query_per_request(http):
    response = http.get("sparql", params={"query": ["ASK {}", "ASK {}"]})
    assert response.status_code == 400
    response = http.post("sparql", data={"query": "ASK {}", "update": "CLEAR ALL"})
    assert response.status_code == 400


def test_update_sent_as_query_is_400(http):
    response = http.get("sparql", params={"query": "DELETE WHERE { ?s ?p ?o }"})
    assert response.status_code == 400 and "update" in response.text


def test_request_size_cap(http):
    big = "ASK { FILTER(" + " || ".join(["true"] * 5000) + ") }"
    assert http.post("sparql", data={"query": big}).status_code == 413
    assert http.post("sparql", content=big.encode(), headers={
        "Content-Type": "application/sparql-query"}).status_code == 413


# ------------------------------------------------------------------- refusals ---

@pytest.mark.parametrize("query,word", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("select * { service silent ?x { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM"),
    ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM"),
    ("PREFIX ex: <http://example.org/> SELECT * FROM ex:data WHERE { ?s ?p ?o }", "FROM"),
])
def test_refused_with_403_and_reason(http, query, word):
    response = http.post("sparql", data={"query": query})
    assert response.status_code == 403
    assert word in response.text and "never" in response.text


def test_outside_default_graph_uri_refused(http):
    response = http.get("sparql", params={"query": "ASK {}",
                                          "default-graph-uri": "http://example.org/g"})
    assert response.status_code == 403


def test_keywords_in_strings_iris_and_comments_are_fine(http):
    query = ('SELECT ?s WHERE { ?s ?p ?o FILTER(?o = "SERVICE <http://x/> {}") } # FROM <x>\n'
             "LIMIT 1")
    assert http.post("sparql", data={"query": query}).status_code == 200


# ------------------------------------------------------ time limit and row cap ---

def test_time_limit_stops_a_heavy_query_while_others_are_served(http, base):
    heavy: dict = {}

    def run_heavy():
        started = time.monotonic()
        with httpx.Client(base_url=base, timeout=30) as client:
            heavy["response"] = client.post("sparql", data={"query": HEAVY})
        heavy["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_heavy)
    thread.start()
    time.sleep(0.2)
    fast = []
    while thread.is_alive():
        started = time.monotonic()
        response = http.get("sparql", params={"query": "ASK { ?s a wg:Solution }"})
        fast.append((response.status_code, time.monotonic() - started))
        time.sleep(0.05)
    thread.join()
    assert heavy["response"].status_code == 503
    assert "time limit" in heavy["response"].text
    assert heavy["seconds"] < TIME_LIMIT + 1
    assert fast and all(code == 200 and seconds < TIME_LIMIT for code, seconds in fast)
    # the killed worker is replaced: the endpoint keeps answering at full strength
    for _ in range(4):
        assert http.get("sparql", params={"query": SOLUTIONS}).status_code == 200


def test_row_cap_truncates_with_header_and_message(http):
    response = http.get("sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == MAX_ROWS
    assert response.headers["x-wijkgraaf-truncated"] == "true"
    assert str(MAX_ROWS) in response.headers["x-wijkgraaf-message"]
    small = http.get("sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"})
    assert "x-wijkgraaf-truncated" not in small.headers
    graph = http.get("sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                     headers={"Accept": "application/n-triples"})
    assert graph.headers["x-wijkgraaf-truncated"] == "true"
    assert len(graph.text.strip().splitlines()) == MAX_ROWS


def test_many_requests_at_once(base):
    def one(i):
        with httpx.Client(base_url=base, timeout=30) as client:
            return client.get("sparql", params={"query": f"SELECT ?s WHERE {{ ?s ?p {i} }}"}
                              ).status_code
    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(one, range(32))) == {200}


def test_cors_off_by_default(http):
    response = http.get("sparql", params={"query": "ASK {}"},
                        headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


# ------------------------------------------- service description, page, VoID, dump ---

def test_service_description_on_plain_get(http, base):
    response = http.get("sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.endpoint, rdflib.URIRef(base + "sparql")) in graph
    assert (None, sd.supportedLanguage, sd.SPARQL11Query) in graph
    names = {str(o) for o in graph.objects(None, sd.name)}
    assert MINI_GRAPH in names


def test_query_page_for_browsers_with_local_assets(http):
    response = http.get("sparql", headers={"Accept": "text/html,application/xml;q=0.9,*/*;q=0.8"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = http.get("", params={"lang": "en"}).text
    assert "Which solutions address an obstacle" in page  # cq13 as an example
    assert "cdn" not in page.lower() and 'src="http' not in page and 'href="http' not in page
    for asset in ("assets/endpoint.js", "assets/endpoint.css"):
        assert http.get(asset).status_code == 200
    assert "Voorbeeldvragen" in http.get("", headers={"Accept-Language": "nl"}).text


def test_void_without_a_public_url_names_the_address_reached_not_the_host_header(http):
    forged = http.get("void", headers={"Accept": "text/turtle", "Host": "evil.example"})
    assert forged.status_code == 200
    assert "evil.example" not in forged.text
    assert str(http.base_url).rstrip("/") + "/sparql" in forged.text


def test_void_and_dcat_description_and_dumps(http):
    response = http.get("void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dataset = rdflib.URIRef("https://w3id.org/wijkgraaf/id/dataset")
    assert (dataset, rdflib.RDF.type, dcat.Dataset) in graph
    assert int(graph.value(dataset, void.triples)) > 1000
    assert graph.value(dataset, dcat.version) is not None
    dumps = {str(o) for o in graph.objects(dataset, void.dataDump)}
    trig = next(d for d in dumps if d.endswith(".trig"))
    download = httpx.get(trig, timeout=30)
    assert download.status_code == 200 and "attachment" in download.headers[
        "content-disposition"]
    quads = list(ox.parse(download.content, format=ox.RdfFormat.TRIG))
    assert {q.graph_name.value for q in quads} >= {MINI_GRAPH, G + "meta"}
    again = http.get("dump.trig", headers={"If-None-Match": download.headers["etag"]})
    assert again.status_code == 304
    assert http.get("dump.xyz").status_code == 404


def test_graph_store_reads_are_public(http):
    response = http.get("graph-store", params={"graph": MINI_GRAPH},
                        headers={"Accept": "application/n-triples"})
    assert response.status_code == 200 and len(response.text.splitlines()) > 100
    union = http.get("graph-store", params={"default": ""})
    assert union.status_code == 200 and union.headers["content-type"].startswith("text/turtle")
    assert http.head("graph-store", params={"graph": MINI_GRAPH}).status_code == 200
    assert http.get("graph-store", params={"graph": G + "nope"}).status_code == 404
    assert http.get("graph-store").status_code == 400
    refused = http.put("graph-store", params={"graph": G + "x"}, content=b"")
    assert refused.status_code == 403 and "read-only" in refused.text  # no tokens configured


# --------------------------------------------------------------- real clients ---

@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(base, method, fmt):
    client = SPARQLWrapper(base + "sparql")
    client.setMethod(method)
    client.setQuery("PREFIX wg: <https://w3id.org/wijkgraaf/def#> " + SOLUTIONS)
    client.setReturnFormat(fmt)
    result = client.query().convert()
    if fmt == JSON:
        values = [b["s"]["value"] for b in result["results"]["bindings"]]
    elif fmt == XML:
        values = [n.firstChild.firstChild.data for n in result.getElementsByTagName("binding")]
    else:
        text = result.decode("utf-8")
        values = [line.strip().strip("<>") for line in text.splitlines()[1:] if line.strip()]
    assert [v.rsplit("/", 1)[-1] for v in values] == ["S01", "S02"]


@pytest.mark.parametrize("fmt", [TURTLE, XML, JSONLD, N3])
def test_sparqlwrapper_construct(base, fmt):
    client = SPARQLWrapper(base + "sparql")
    client.setQuery("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t ; a wg:Solution }")
    client.setReturnFormat(fmt)
    result = client.query().convert()
    graph = result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(
        data=result, format="json-ld" if fmt == JSONLD else "turtle")
    assert len(set(graph.subjects())) == 2


def test_sparqlwrapper_ask_and_bad_query(base):
    client = SPARQLWrapper(base + "sparql", returnFormat=JSON)
    client.setQuery("ASK { ?s a wg:Solution }")
    assert client.query().convert()["boolean"] is True
    client.setQuery("SELECT ?s WHERE { ?s }")
    with pytest.raises(QueryBadFormed, match="line 1"):
        client.query()


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore(base, method):
    graph = rdflib.Graph(store=SPARQLStore(base + "sparql", method=method))
    rows = list(graph.query("PREFIX wg: <https://w3id.org/wijkgraaf/def#> " + SOLUTIONS))
    assert [str(r.s).rsplit("/", 1)[-1] for r in rows] == ["S01", "S02"]
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    constructed = graph.query("CONSTRUCT WHERE { ?s a <https://w3id.org/wijkgraaf/def#Domain> }")
    assert len(constructed.graph) == 3
    assert json.loads(graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").serialize(
        format="json"))["results"]["bindings"][0]["n"]["value"].isdigit()


def test_no_outbound_request_ever(http):
    """A listener on loopback sees no connection from any of the refused forms."""
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        for query in (f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                      f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
                      f"SELECT * FROM <{target}> WHERE {{ ?s ?p ?o }}",
                      f"ASK {{ \\u0053ERVICE <{target}> {{ }} }}"):
            assert http.post("sparql", data={"query": query}).status_code in {400, 403}
        assert http.post("sparql", data={"update": f"LOAD <{target}>"}).status_code in {401,
                                                                                      403}
        with pytest.raises(TimeoutError):
            listener.accept()
