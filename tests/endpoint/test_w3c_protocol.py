"""The W3C SPARQL 1.1 Protocol test suite, read from its manifest and run against
``wijkgraaf serve`` as a real process.

The manifest (``tests/data/w3c/sparql/sparql11/protocol/manifest.ttl``, copied unchanged from
w3c/rdf-tests with its data and licence) describes each case as a list of ``ht:Request``
resources: a method, a path starting with ``/sparql/``, headers and a body, and the expected
response (``mf:expectedStatus``, ``mf:expectedBoolean``, ``mf:expectedFormat``). Every
request of every entry is sent as written, with ``/sparql/`` replaced by the endpoint's
``/sparql``; every request carries an editor's token, so that no update case passes merely
because a write without a token gets 401.

Every case either passes or is listed in :data:`REFUSED` with the status Wijkgraaf answers
and the policy that makes it answer so; a refused case is checked to get exactly that
answer, and where the refused statement is only the preparation of the case, the rest of it
is run too, with the refused statement replaced (see :func:`adapted`).

The test dataset: the graphs of the cases' ``ut:graphData`` (``data1.nt``-``data3.nt``),
loaded through the Graph Store Protocol. The manifest also names
``http://kasei.us/2009/09/sparql/data/data0.rdf`` in ``default-graph-uri`` parameters
without giving its data (the original suite fetched it from the web, which this endpoint
never does: a graph outside the store is refused with 403, tested in
``test_endpoint_protocol.py``); it is loaded here like its siblings, one
``foaf:Document`` triple, so that policy does not hide what these cases test.

The manifest's ``query_post_direct`` entry holds a path only (no method, no expected
response: the record is cut short upstream); it is sent as a GET and must be answered 2xx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.collection import Collection

from tests.oxigraph_server import wijkgraaf_server

pytestmark = pytest.mark.slow  # a real server process per module

SUITE = Path(__file__).parent.parent / "data" / "w3c" / "sparql" / "sparql11" / "protocol"
TOKEN = "w3c-protocol-token-0123456789"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
KASEI = "http://kasei.us/2009/09/sparql/data/"
DATA0 = f"<{KASEI}data0.rdf> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " \
        "<http://xmlns.com/foaf/0.1/Document> .\n"

#: media types that carry each ``mf:expectedFormat``, with how to parse them
FORMATS = {
    "boolean": {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                "application/sparql-results+xml": ox.QueryResultsFormat.XML},
    "tabular": {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                "application/sparql-results+xml": ox.QueryResultsFormat.XML,
                "text/csv": ox.QueryResultsFormat.CSV,
                "text/tab-separated-values": ox.QueryResultsFormat.TSV},
    "RDF": {"application/rdf+xml": ox.RdfFormat.RDF_XML, "text/turtle": ox.RdfFormat.TURTLE,
            "application/n-triples": ox.RdfFormat.N_TRIPLES},
}

#: the cases Wijkgraaf answers otherwise by policy: case → (status, words of the message,
#: the policy). The same table is in README.md, section "SPARQL".
REFUSED = {
    name: (403, "which Wijkgraaf manages itself",
           f"{statement} would empty the ontology, shapes and provenance graphs, which the "
           "store keeps: Wijkgraaf refuses any write to them (403)")
    for name, statement in [
        ("update_dataset_default_graph", "CLEAR ALL"),
        ("update_dataset_default_graphs", "DROP ALL"),
        ("update_dataset_named_graphs", "DROP ALL"),
        ("update_dataset_full", "DROP ALL"),
        ("update_post_form", "CLEAR ALL"),
        ("update_post_direct", "CLEAR ALL"),
    ]
}


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str] = field(default_factory=set)  # {'2xx', '3xx', ...}; empty: any 2xx
    boolean: bool | None = None
    format: str | None = None


@dataclass
class Case:
    name: str
    title: str
    graphs: dict[str, str]  # graph IRI → data file name
    requests: list[Request]


def _request(graph: rdflib.Graph, node) -> Request:
    method = str(graph.value(node, HT.methodName) or "GET")
    headers = {}
    header_list = graph.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            headers[str(graph.value(header, HT.fieldName))] = str(
                graph.value(header, HT.fieldValue))
    body = None
    content = graph.value(node, HT.body)
    if content is not None:
        encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(content, CNT.chars)).encode(encoding)
    request = Request(method, str(graph.value(node, HT.absolutePath)), headers, body)
    response = graph.value(node, HT.resp)
    if response is not None:
        request.statuses = {str(s).removeprefix(HTS).lower()
                            for s in graph.objects(response, MF.expectedStatus)}
        expected = graph.value(response, MF.expectedBoolean)
        request.boolean = None if expected is None else expected.toPython()
        fmt = graph.value(response, MF.expectedFormat)
        request.format = None if fmt is None else str(fmt)
    return request


def read_manifest(path: Path = SUITE / "manifest.ttl") -> list[Case]:
    """Every entry of the manifest, in its order, with its requests."""
    graph = rdflib.Graph().parse(path, format="turtle")
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    cases = []
    for entry in Collection(graph, graph.value(manifest, MF.entries)):
        graphs = {str(graph.value(data, rdflib.RDFS.label)):
                  str(graph.value(data, UT.graph)).rsplit("/", 1)[-1]
                  for data in graph.objects(entry, UT.graphData)}
        action = graph.value(entry, MF.action)
        requests = [_request(graph, node)
                    for node in Collection(graph, graph.value(action, HT.requests))]
        cases.append(Case(str(entry).rsplit("#", 1)[-1], str(graph.value(entry, MF.name)),
                          graphs, requests))
    return cases


CASES = read_manifest()


def adapted(case: Case) -> Case | None:
    """A refused case with its refused statement (``CLEAR ALL``/``DROP ALL`` before the
    statements the case is about) replaced by ``CLEAR SILENT GRAPH`` of every graph the
    update names, so that the rest of the case still runs; ``None`` when nothing is left."""
    first = case.requests[0]
    text = first.body.decode("utf-8")
    statement = re.search(r"\b(CLEAR|DROP) ALL\s*;", text)
    if statement is None or len(case.requests) == 1:
        return None
    graphs = dict.fromkeys(re.findall(r"GRAPH\s*<([^>]+)>", text))
    clear = " ".join(f"CLEAR SILENT GRAPH <{g}> ;" for g in graphs)
    body = (text[:statement.start()] + clear + text[statement.end():]).encode("utf-8")
    replaced = Request(first.method, first.path, first.headers, body, first.statuses)
    return Case(case.name, case.title, case.graphs, [replaced, *case.requests[1:]])


def model_store(directory: Path) -> str:
    """An on-disk store at ``directory`` with the model only (ontology, shapes), closed."""
    import gc

    from graph.kb.loading import ensure_ready
    from graph.store.embedded import EmbeddedStore

    store = EmbeddedStore(directory)
    ensure_ready(store, bundled=False)
    store.flush()
    del store
    gc.collect()
    return str(directory)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """``wijkgraaf serve`` on a store with the model and the suite's graphs, for an editor."""
    store = model_store(tmp_path_factory.mktemp("w3c-protocol") / "store")
    args = ["--workers", "2", "--no-bundled", "--time-limit", "10"]
    with wijkgraaf_server(store, args, env={"WIJKGRAAF_EDITOR_TOKENS": f"w3c={TOKEN}"}) as url:
        graphs = {iri: (SUITE / name).read_bytes()
                  for case in CASES for iri, name in case.graphs.items()}
        graphs[KASEI + "data0.rdf"] = DATA0.encode()
        for iri, data in graphs.items():
            response = httpx.put(url + "graph-store", params={"graph": iri}, content=data,
                                 headers={"Content-Type": "application/n-triples",
                                          "Authorization": f"Bearer {TOKEN}"}, timeout=60)
            assert response.status_code in {201, 204}, response.text
        yield url


def send(base: str, request: Request) -> httpx.Response:
    """Send one manifest request as written, at the endpoint's /sparql, with the token."""
    assert request.path.startswith("/sparql/")
    url = base + "sparql" + request.path.removeprefix("/sparql/")
    headers = {**request.headers, "Authorization": f"Bearer {TOKEN}"}
    return httpx.request(request.method, url, headers=headers, content=request.body,
                         timeout=60, follow_redirects=False)


def check(response: httpx.Response, request: Request) -> None:
    """The response as the manifest expects it: status class, format, boolean."""
    where = f"{request.method} {request.path} -> {response.status_code}: {response.text[:300]}"
    statuses = request.statuses or {"2xx"}
    assert f"{response.status_code // 100}xx" in statuses, where
    if request.format is None and request.boolean is None:
        return
    media = response.headers.get("content-type", "").split(";")[0].strip()
    offered = FORMATS[request.format or "boolean"]
    assert media in offered, f"{where} (content type {media})"
    if isinstance(offered[media], ox.RdfFormat):
        list(ox.parse(response.content, format=offered[media]))
        return
    result = ox.parse_query_results(response.content, format=offered[media])
    if request.format == "boolean" or request.boolean is not None:
        assert isinstance(result, ox.QueryBoolean), where
    if request.boolean is not None:
        assert bool(result) is request.boolean, where


def test_the_manifest_is_read_whole():
    names = [case.name for case in CASES]
    assert len(names) == 34 == len(set(names))
    assert set(REFUSED) <= set(names)
    assert sum(len(case.requests) for case in CASES) == 39  # five cases send two


@pytest.mark.parametrize("case", [c for c in CASES if c.name not in REFUSED],
                         ids=lambda c: c.name)
def test_w3c_protocol_case_passes(base, case):
    for request in case.requests:
        check(send(base, request), request)


@pytest.mark.parametrize("case", [c for c in CASES if c.name in REFUSED], ids=lambda c: c.name)
def test_w3c_protocol_case_refused_by_policy(base, case):
    status, words, _reason = REFUSED[case.name]
    response = send(base, case.requests[0])
    assert response.status_code == status and words in response.text, response.text
    rest = adapted(case)
    if rest is not None:
        for request in rest.requests:
            check(send(base, request), request)
