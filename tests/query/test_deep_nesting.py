"""A query whose brackets nest thousands deep would kill the parser's process (a worker, the
console, the CLI itself): it is read by the tokenizer first and refused with a clear 400."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from graph.cli import main
from graph.endpoint import make_app
from graph.query import MAX_NESTING, Console, ConsoleError, NestingError, run_query

DEEP = ("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 20_000 + "?o" + ")" * 20_000 + ") }")


def test_library_refuses_a_filter_nested_20000_deep(mini_store_ro):
    with pytest.raises(NestingError, match=f"at most {MAX_NESTING}"):
        run_query(mini_store_ro, DEEP)


def test_cli_says_so_and_lives(tmp_path, capsys):
    assert main(["query", "--store", ":memory:", DEEP]) == 2
    assert "20002 diep genest" in capsys.readouterr().err
    assert main(["query", "--store", ":memory:", DEEP, "--lang", "en"]) == 2
    assert "nested 20002 deep" in capsys.readouterr().err


def test_console_refuses_it(mini_store_ro):
    console = Console()
    try:
        with pytest.raises(ConsoleError) as caught:
            console.run(mini_store_ro, DEEP)
        assert caught.value.reason == "refused"
    finally:
        console.close()


def test_endpoint_answers_400_and_keeps_serving(mini_store):
    token = "t0123456789abcdef"
    with TestClient(make_app(mini_store, workers=1, editor_tokens={token: "ann"})) as client:
        for body in (DEEP, "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> " + "(" * 20_000
                     + ")" * 20_000 + " } }"):
            key = "update" if body.startswith("INSERT") else "query"
            response = client.post("/sparql", data={key: body}, headers={
                "Accept-Language": "en", "Authorization": f"Bearer {token}"})
            assert response.status_code == 400, response.text
            assert "nests brackets 2000" in response.text
        ok = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert ok.status_code == 200 and ok.json()["boolean"] is True


def test_ordinary_nesting_still_runs(mini_store_ro):
    nested = "ASK { ?s ?p ?o FILTER(" + "(" * 50 + "true" + ")" * 50 + ") }"
    assert run_query(mini_store_ro, nested).boolean is True
