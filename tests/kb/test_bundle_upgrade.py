"""A store made from the bundled knowledge base picks up a topic file added to the bundle
later (after an upgrade), not only files that changed; a store of the user's own sources is
left alone."""

from __future__ import annotations

from graph.kb import BUNDLED_DIR, ensure_ready, load_paths, open_store
from graph.kb.loading import source_graph_iri, stale_bundled
from tests.conftest import MINI


def test_a_file_added_to_the_bundle_is_loaded_into_a_bundled_store(tmp_path):
    files = sorted(BUNDLED_DIR.glob("*.ttl"))
    newest = next(f for f in files if f.name == "solutions-more.ttl")
    store = ensure_ready(open_store(str(tmp_path / "s")), bundled=False)
    load_paths(store, [f for f in files if f != newest], check=False)
    assert source_graph_iri(newest) not in store.graph_names()
    assert stale_bundled(store) == [newest]
    ensure_ready(store)
    assert source_graph_iri(newest) in store.graph_names()
    assert stale_bundled(store) == []


def test_a_store_of_own_sources_gets_no_bundled_files(tmp_path):
    store = ensure_ready(open_store(str(tmp_path / "s")), bundled=False)
    load_paths(store, [MINI])
    assert stale_bundled(store) == []
