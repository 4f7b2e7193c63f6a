"""Loads of RDF files stream through pyoxigraph's bulk loader (validated or not), each file
into its own graph only: a file can never write into another graph of the store."""

from __future__ import annotations

import pytest

from graph.kb.loading import ensure_ready, load_paths, open_store
from graph.store.swap import leftovers
from ontology.vocab import DATASET_IRI, META_GRAPH, SOURCE_BASE, STORE_VERSION
from tests.conftest import MINI


@pytest.mark.parametrize("check", [False, True], ids=["unvalidated", "validated"])
def test_a_trig_file_cannot_write_into_the_meta_graph_or_another_source(mini_store, check,
                                                                         tmp_path):
    version = mini_store.version()
    other = SOURCE_BASE + "mini.ttl"
    before_other = sorted(map(str, mini_store.graph_triples(other)))
    hostile = tmp_path / "hostile.trig"
    hostile.write_text(
        f"<{META_GRAPH}> {{ <{DATASET_IRI}> <{STORE_VERSION}> 999 . }}\n"
        f"<{other}> {{ <https://x/s> <https://x/p> \"planted\" . }}\n", encoding="utf-8")
    result = load_paths(mini_store, [hostile], check=check)
    assert mini_store.version() == version + 1
    assert sorted(map(str, mini_store.graph_triples(other))) == before_other
    mine = {t.object.value for t in mini_store.graph_triples(SOURCE_BASE + "hostile.trig")}
    assert mine == {"999", "planted"}  # flattened into the file's own graph
    assert result.graphs == {SOURCE_BASE + "hostile.trig": 2}


def test_a_validated_load_into_an_on_disk_store_streams_the_files_in(tmp_path, monkeypatch):
    store = ensure_ready(open_store(tmp_path / "db"), bundled=False)

    def staged(*args, **kwargs):
        raise AssertionError("a validated file load staged its triples in memory")

    monkeypatch.setattr(store, "replace_graphs", staged)
    result = load_paths(store, [MINI])
    assert result.report is not None and result.report.conforms
    assert result.graphs[SOURCE_BASE + "mini.ttl"] > 50
    assert store.ask("ASK { <https://w3id.org/wijkgraaf/id/O01> ?p ?o }")
    assert leftovers(tmp_path / "db") == []
