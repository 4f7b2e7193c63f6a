"""The CLI, the app's console and the endpoint answer a syntax error the same way: the same
parser words, and the same line and column counted in the user's own text (never in the
prefixes Wijkgraaf puts in front)."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from graph.cli import main
from graph.endpoint import make_app
from graph.query import Console, ConsoleError, run_query
from graph.store import excerpt
from ontology import QueryError

BAD = [
    "SELECT ?s WHERE {\n  ?s ?p }",
    "PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:p ?o\n\nFILTER(?o > ) }",
    "ASK { ?s wg:addresses }",
]


def _cli(store_dir, text, capsys) -> tuple[str, int, int]:
    capsys.readouterr()
    assert main(["query", "--store", store_dir, text, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    message = re.split(r"\n +\d+ \| ", err)[0]  # the message, then the marked line
    found = re.search(r"error: line (\d+), column (\d+): (.*)", message, re.S)
    assert found, err
    pointed = excerpt(text, int(found.group(1)), int(found.group(2)))
    assert pointed and err.rstrip("\n").endswith(pointed), err  # the place, shown
    return found.group(3).strip(), int(found.group(1)), int(found.group(2))


def _endpoint(client, text) -> tuple[str, int, int]:
    response = client.get("/sparql", params={"query": text}, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    body = re.split(r"\n +\d+ \| ", response.text)[0]  # the message, not the marked line
    found = re.search(r"at line (\d+), column (\d+): (.*)", body, re.S)
    assert found, response.text
    return found.group(3).strip(), int(found.group(1)), int(found.group(2))


@pytest.fixture(scope="module")
def doors(tmp_path_factory):
    from tests.conftest import MINI

    store_dir = str(tmp_path_factory.mktemp("one-error") / "store")
    assert main(["load", "--store", store_dir, "--no-bundled", "-q", str(MINI)]) == 0
    from graph.kb import open_store

    store = open_store(store_dir)
    console = Console()
    app = make_app(store, workers=1)
    with TestClient(app) as client:
        yield store_dir, store, console, client
    console.close()


@pytest.mark.parametrize("text", BAD, ids=["missing-object", "empty-comparison", "no-object"])
def test_cli_console_and_endpoint_give_the_same_error(doors, text, capsys):
    store_dir, store, console, client = doors
    with pytest.raises(QueryError) as library:
        run_query(store, text)
    with pytest.raises(ConsoleError) as in_console:
        console.run(store, text)
    expected = (library.value.detail, library.value.line, library.value.column)
    assert library.value.line is not None and library.value.line <= text.count("\n") + 1
    assert (in_console.value.detail, in_console.value.line, in_console.value.column) == expected
    assert _cli(store_dir, text, capsys) == expected
    assert _endpoint(client, text) == expected
    assert str(in_console.value) == str(library.value)
