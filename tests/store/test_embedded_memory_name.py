"""``:memory:`` is the name every command takes for a store in memory: handed to the embedded
store's constructor or to ``open_embedded`` directly it is memory too, never a directory of
that name in the working folder (a doctest once left one in the checkout)."""

from __future__ import annotations

from graph.store import EmbeddedStore, open_embedded


def test_memory_name_opens_no_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for store in (open_embedded(":memory:"), EmbeddedStore(":memory:")):
        store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
        assert store.location == ":memory:"
    assert list(tmp_path.iterdir()) == []
