"""The endpoint room: the SPARQL 1.1 Protocol and Graph Store, against ``wijkgraaf serve``
run as a real server process (``tests/oxigraph_server.py`` starts it on a port it reports).

Each test module starts its own server (fixture ``base``, configured for what it tests);
``http`` is a client on it."""

import httpx
import pytest


@pytest.fixture(scope="module")
def http(base):
    """An HTTP client on the module's server."""
    with httpx.Client(base_url=base, timeout=30) as client:
        yield client
