"""The endpoint's parts in-process: reading queries before they run, content negotiation,
messages, the worker pool, and the router mounted inside another ASGI app."""

from __future__ import annotations

import asyncio
import string
import time
import warnings

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route

from graph.cli.serve import parse_tokens
from graph.endpoint.router import SparqlRouter, make_app
from graph.query.formats import format_from_param, negotiate, rank
from graph.query.policy import analyse_query, analyse_update, refusal
from graph.endpoint.messages import MESSAGES, pick_language, say
from graph.query.workers import DataSource, TimeLimitError, WorkerPool

with warnings.catch_warnings():  # Starlette's notice about its test client and httpx
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

OURS = ["https://w3id.org/wijkgraaf/graph/ontology", "urn:ours"]


# --------------------------------------------------------------- reading queries ---

@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    "select * where { service silent <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c FILTER(?a<?b&&?c>?d) SERVICE<http://x/>{} }",
    "SELECT * WHERE { \\u0053ERVICE <http://x/> { } }",
    'SELECT * WHERE { "\\u0022" SERVICE <http://x/> { } }',
    "SELECT * WHERE {\n# comment\nSERVICE <http://x/> {}\n}",
    "SELECT * WHERE { OPTIONAL { SERVICE <http://x/> { ?s ?p ?o } } }",
    "ASK { { SELECT * { SERVICE <http://x/> {} } } }",
])
def test_service_is_found_however_it_is_written(query):
    assert refusal(analyse_query(query), OURS) == ("refuse_service", {})


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }',
    "SELECT * WHERE { ?s ?p '''LOAD\nSERVICE''' }",
    "SELECT * WHERE { ?s <http://x/SERVICE> ?o } # SERVICE <http://x/> {}",
    "SELECT ?SERVICE WHERE { ?SERVICE a service:x . ?s ex:SERVICE ?o }",
    "SELECT * FROM <urn:ours> WHERE { ?s ?p ?o }",
    "SELECT * FROM <https://w3id.org/wijkgraaf/graph/edits/gone> WHERE { ?s ?p ?o }",
    "PREFIX g: <https://w3id.org/wijkgraaf/graph/> SELECT * FROM NAMED g:ontology { }",
])
def test_harmless_queries_pass(query):
    assert refusal(analyse_query(query), OURS) is None


@pytest.mark.parametrize("query,iri", [
    ("SELECT * FROM <http://example.org/x> { }", "http://example.org/x"),
    ("SELECT * FROM NAMED <http://example.org/x> { }", "http://example.org/x"),
    ("BASE <http://example.org/> SELECT * FROM <x> { }", "http://example.org/x"),
    ("PREFIX e: <http://e/> SELECT * FROM e:x { }", "http://e/x"),
])
def test_from_outside_is_refused(query, iri):
    assert refusal(analyse_query(query), OURS) == ("refuse_outside", {"what": query.split(
        "FROM")[1].split()[0] == "NAMED" and "FROM NAMED" or "FROM", "iri": iri})


def test_from_with_unknown_prefix_is_refused():
    key, _ = refusal(analyse_query("SELECT * FROM nope:x { }"), OURS)
    assert key == "refuse_unresolved"


@pytest.mark.parametrize("query,form", [
    ("PREFIX a: <urn:a> BASE <urn:b> select * {}", "select"),
    ("# comment\nASK {}", "ask"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "construct"),
    ("DESCRIBE <urn:x>", "describe"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "update"),
    ("nonsense", "unknown"),
])
def test_query_form(query, form):
    assert analyse_query(query).form == form


def test_update_reading():
    assert analyse_update("LOAD <http://x/>").uses == ("LOAD",)
    assert analyse_update("INSERT DATA { <urn:a> <urn:b> 'LOAD' }").uses == ()
    assert analyse_update("DELETE { ?s ?p ?o } USING <urn:g> WHERE { ?s ?p ?o }").has_dataset
    assert not analyse_update("INSERT DATA { <urn:a> <urn:with> 'WITH' }").has_dataset


# ---------------------------------------------------------------- negotiation ---

@pytest.mark.parametrize("accept,kind,expected", [
    (None, "select", "json"),
    ("*/*", "construct", "turtle"),
    ("application/sparql-results+xml", "ask", "xml"),
    ("application/xml", "select", "xml"),
    ("application/xml", "construct", "xml"),
    ("application/json", "describe", "jsonld"),
    ("text/*", "select", "csv"),
    ("text/csv;q=0.1, text/tab-separated-values", "select", "tsv"),
    ("application/sparql-results+json;q=0, */*", "select", "xml"),
    ("application/rdf+xml, text/turtle;q=0.5", "construct", "xml"),
    ("image/png", "select", None),
    ("text/csv", "construct", None),
])
def test_negotiate(accept, kind, expected):
    assert negotiate(accept, kind) == expected


def test_rank_and_format_parameter():
    assert rank("text/turtle;q=0.4", "graph") == ("turtle", 0.4)
    assert format_from_param("json", "select") == "json"
    assert format_from_param("json", "construct") == "jsonld"
    assert format_from_param("text/csv", "select") == "csv"
    assert format_from_param("csv", "construct") is None


# ------------------------------------------------------------------- messages ---

def test_every_message_in_both_languages_with_the_same_fields():
    def fields(text):
        return {f.split("!")[0].split(":")[0] for _, f, _, _ in string.Formatter().parse(text)
                if f}
    for key, (nl, en) in MESSAGES.items():
        assert nl and en and nl != en or key == "time_limit", key
        assert fields(nl) == fields(en), key
        params = {f: 1 for f in fields(en)}
        assert say(key, "nl", **params) and say(key, "en", **params)


def test_language_choice():
    assert pick_language("nl-NL,en;q=0.5") == "nl"
    assert pick_language("en-GB,nl;q=0.9") == "en"
    assert pick_language("de", "nl") == "nl"


def test_parse_tokens():
    assert parse_tokens("# editors\nann=abc\nbob = def, ghi\n") == {
        "abc": "ann", "def": "bob", "ghi": "editor"}


# ------------------------------------------------------------------ worker pool ---

def test_pool_kills_and_replaces_a_worker_at_the_time_limit():
    values = " ".join(map(str, range(300)))
    heavy = ("SELECT (COUNT(*) AS ?n) WHERE { VALUES ?a { %s } VALUES ?b { %s } VALUES ?c { %s } "
             "BIND(?a * ?b * ?c AS ?d) FILTER(?d > -1) }" % (values, values, values))  # ~20 s

    async def scenario():
        pool = WorkerPool(size=2)
        source = DataSource("memory", "", 0)
        try:
            await pool.start()
            started = time.monotonic()
            slow = asyncio.ensure_future(pool.run(
                {"op": "query", "sparql": heavy, "format": "json"}, source, time_limit=0.5))
            fast = await pool.run({"op": "query", "sparql": "ASK {}", "format": "json"},
                                  source, time_limit=5)
            assert fast["status"] == "ok" and not slow.done()  # served beside the slow one
            with pytest.raises(TimeLimitError):
                await slow
            assert time.monotonic() - started < 0.5 + 2 and pool.kills == 1  # (a busy CI)
            for _ in range(4):  # both workers serve again, one of them new
                reply = await pool.run({"op": "query", "sparql": "ASK {}", "format": "json"},
                                       source, time_limit=5)
                assert reply["status"] == "ok"
        finally:
            await pool.close()

    asyncio.run(scenario())


# --------------------------------------------------------------- mounting, CORS ---

def test_router_mounts_inside_another_app(mini_store):
    router = SparqlRouter(mini_store, time_limit=5, workers=1)

    async def home(request):
        return PlainTextResponse("host app")

    app = Starlette(routes=[Route("/", home), Mount("/kg", app=router)])
    with TestClient(app) as client:
        assert client.get("/").text == "host app"
        response = client.get("/kg/sparql", params={"query": "ASK { ?s a wg:Solution }"})
        assert response.status_code == 200 and response.json()["boolean"] is True
        description = client.get("/kg/sparql", headers={"Accept": "text/turtle"}).text
        assert "http://testserver/kg/sparql" in description
        assert client.get("/kg/void", headers={"Accept": "application/n-triples"}).text.count(
            "http://testserver/kg/dump.trig") >= 1
    asyncio.run(router.aclose())


def test_cors_only_when_configured(mini_store):
    app = make_app(mini_store, cors_origins=["https://research.example"], workers=1)
    with TestClient(app) as client:
        response = client.get("/sparql", params={"query": "ASK {}"},
                              headers={"Origin": "https://research.example"})
        assert response.headers["access-control-allow-origin"] == "https://research.example"
        assert "X-Wijkgraaf-Truncated" in response.headers["access-control-expose-headers"]
        other = client.get("/sparql", params={"query": "ASK {}"},
                           headers={"Origin": "https://other.example"})
        assert "access-control-allow-origin" not in other.headers


def test_in_memory_store_writes_through_snapshots(mini_store):
    app = make_app(mini_store, workers=1, editor_tokens={"t0123456789abcdef": "ann"})
    with TestClient(app) as client:
        update = "INSERT DATA { GRAPH <urn:edits> { <urn:a> <urn:b> 'c' } }"
        response = client.post("/sparql", content=update, headers={
            "Content-Type": "application/sparql-update",
            "Authorization": "Bearer t0123456789abcdef"})
        assert response.status_code == 204
        assert client.get("/sparql", params={"query": "ASK { <urn:a> <urn:b> 'c' }"}).json()[
            "boolean"] is True
    assert "urn:edits" in mini_store.graph_names()


@pytest.mark.parametrize("limit", [0, 2**30])
def test_on_disk_store_read_from_checkpoints(tmp_path, limit):
    """Workers read a checkpoint of each version: from disk (large) or copied into memory."""
    from graph.kb.loading import ensure_ready, load_paths
    from graph.store.embedded import EmbeddedStore
    from tests.conftest import MINI

    store = EmbeddedStore(tmp_path / "store")
    ensure_ready(store, bundled=False)
    load_paths(store, [MINI])
    token = {"Authorization": "Bearer t0123456789abcdef"}
    app = make_app(store, workers=1, memory_copy_limit=limit,
                   editor_tokens={"t0123456789abcdef": "ann"})
    with TestClient(app) as client:
        router = app.state.sparql
        assert router.context._versions[store.version()].source.copy is (limit > 0)
        ask = {"query": "ASK { <urn:a> <urn:b> 'c' }"}
        assert client.get("/sparql", params=ask).json()["boolean"] is False
        update = "INSERT DATA { GRAPH <urn:edits> { <urn:a> <urn:b> 'c' } }"
        assert client.post("/sparql", data={"update": update}, headers=token).status_code == 204
        assert client.get("/sparql", params=ask).json()["boolean"] is True
    assert not any(p.name.startswith(".wijkgraaf-endpoint-") for p in tmp_path.iterdir())


def test_workers_never_rerun_the_main_script(tmp_path, monkeypatch):
    """Inside Streamlit (pages run as ``__main__``) a worker must not run the page again;
    regression: a swapped ``__main__`` whose file is gone crashed every new worker."""
    import sys
    import types

    script = tmp_path / "page.py"
    script.write_text("raise SystemExit('the main script ran in a worker')\n")
    fake = types.ModuleType("__main__")
    fake.__file__ = str(script)
    fake.__spec__ = None
    monkeypatch.setitem(sys.modules, "__main__", fake)

    async def scenario():
        pool = WorkerPool(size=1)
        try:
            reply = await pool.run({"op": "query", "sparql": "ASK {}", "format": "json"},
                                   DataSource("memory", "", 0), time_limit=10)
            assert reply["status"] == "ok"
        finally:
            await pool.close()

    asyncio.run(scenario())


@pytest.mark.parametrize("graph", ["javascript:alert(1)", "file:///etc/passwd",
                                   "data:text/plain,x"])
def test_graph_store_writes_only_web_and_urn_graphs(mini_store, graph):
    from starlette.testclient import TestClient

    token = "t0123456789abcdef"
    app = make_app(mini_store, workers=1, editor_tokens={token: "ann"})
    before = mini_store.graph_names()
    with TestClient(app) as client:
        response = client.put("/graph-store", params={"graph": graph},
                              content=b"<urn:a> <urn:b> <urn:c> .",
                              headers={"Content-Type": "application/n-triples",
                                       "Authorization": f"Bearer {token}",
                                       "Accept-Language": "en"})
        assert response.status_code == 400 and "http, https or urn" in response.text
        ok = client.put("/graph-store", params={"graph": "urn:wijkgraaf:test"},
                        content=b"<urn:a> <urn:b> <urn:c> .",
                        headers={"Content-Type": "application/n-triples",
                                 "Authorization": f"Bearer {token}"})
        assert ok.status_code in {201, 204}, ok.text
    assert set(mini_store.graph_names()) - set(before) == {"urn:wijkgraaf:test"}
