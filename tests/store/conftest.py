"""The store room: the embedded store, and real SPARQL servers as remote stores behind the same
protocol: Oxigraph server (``oxigraph serve``) and Virtuoso 7 (Debian's ``virtuoso-t``).

``server`` is parametrized: every test that uses it runs once per server, each server started
once per module on a fresh database. Shared fixtures (``mini_store``, ``mini_store_ro``,
``kb_store``) live in ``tests/conftest.py``."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.oxigraph_server import oxigraph_server, virtuoso_server, virtuoso_store_url

SERVERS = ("oxigraph", "virtuoso")


@dataclass(frozen=True)
class Server:
    """A running SPARQL server: its name, base URL and the ``--store`` URL to give Wijkgraaf."""

    name: str
    base: str
    store: str


def start(name: str, directory):
    """The context manager that runs server ``name`` on a fresh database in ``directory``."""
    if name == "oxigraph":
        return oxigraph_server(directory / "db")
    return virtuoso_server(directory / "db")


@pytest.fixture(scope="module", params=SERVERS)
def server(request, tmp_path_factory):
    """A running server (each of :data:`SERVERS` in turn) on a fresh database."""
    with start(request.param, tmp_path_factory.mktemp(request.param)) as base:
        store = base + "/query" if request.param == "oxigraph" else virtuoso_store_url(base)
        yield Server(request.param, base, store)
