"""A store on a read-only mount can still be queried, and a load never publishes the name of
the operating-system user who ran it."""

from __future__ import annotations

import getpass
import os

import pytest

from graph.kb import ensure_ready, load_paths, open_store
from graph.store import StoreBusyError
from ontology.vocab import META_GRAPH, PROV
from tests.conftest import MINI


def test_a_store_that_cannot_be_written_opens_read_only_and_answers(tmp_path, monkeypatch):
    folder = tmp_path / "store"
    store = ensure_ready(open_store(str(folder)), bundled=False)
    load_paths(store, [MINI])
    del store
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if (
        mode & os.W_OK and os.fspath(p) == os.fspath(folder)) else real(p, mode, **kw))
    again = open_store(str(folder))  # as on a read-only mount: no LOG file can be opened
    assert again.read_only
    assert again.ask("ASK { ?s a <https://w3id.org/wijkgraaf/def#Obstacle> }")
    with pytest.raises(StoreBusyError):
        again.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }")


def test_loads_are_attributed_to_wijkgraaf_not_to_the_os_user(mini_store):
    rows = mini_store.select(f"SELECT DISTINCT ?who WHERE {{ GRAPH <{META_GRAPH}> "
                             f"{{ ?g <{PROV.wasAttributedTo}> ?who }} }}")
    names = {r["who"].value for r in rows}
    assert names and getpass.getuser() not in names
    assert all(n.startswith("wijkgraaf") for n in names), names
