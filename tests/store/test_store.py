"""The embedded store: atomic replace, version counter, persistence, crash safety."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.kb.loading import ensure_ready, load_paths, open_store
from graph.store.embedded import EmbeddedStore, Literal, NamedNode, Triple
from tests.conftest import MINI

G = "https://w3id.org/wijkgraaf/graph/source/t"


def t(o: str) -> Triple:
    return Triple(NamedNode("https://x/s"), NamedNode("https://x/p"), Literal(o))


def test_version_changes_on_every_write():
    store = EmbeddedStore()
    versions = [store.version()]
    versions.append(store.replace_graphs({G: [t("a")]}, meta=[]))
    versions.append(store.update("INSERT DATA { GRAPH <%s> { <https://x/s> <https://x/p> 'b' } }"
                                 % G))
    versions.append(store.replace_graphs({G: [t("c")]}, meta=[]))
    assert versions == [0, 1, 2, 3]
    assert [r["o"].value for r in store.select("SELECT ?o WHERE { ?s ?p ?o }")] == ["c"]


def test_meta_graph_is_not_in_the_default_graph():
    store = ensure_ready(open_store(), bundled=False)
    assert not store.ask("ASK { ?d <https://w3id.org/wijkgraaf/def#storeVersion> ?v }")


def test_crash_in_the_middle_of_a_replace_leaves_the_store_as_before(monkeypatch):
    store = EmbeddedStore()
    store.replace_graphs({G: [t("old")]}, meta=[])
    before = (store.version(), sorted(map(str, store.dump_quads())))

    def explode(update, *args, **kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(store, "_ox", _Failing(store._ox, explode))
    with pytest.raises(OSError):
        store.replace_graphs({G: [t("new")], G + "2": [t("x")]}, meta=[])
    monkeypatch.undo()
    assert (store.version(), sorted(map(str, store.dump_quads()))) == before


class _Failing:
    """The real pyoxigraph store, except that ``update`` fails (after staging succeeded)."""

    def __init__(self, inner, update):
        self._inner, self.update = inner, update

    def __getattr__(self, name):
        return getattr(self._inner, name)


def test_persistent_store_survives_reopen_and_drops_staging(tmp_path):
    store = ensure_ready(open_store(tmp_path / "db"), bundled=False)
    load_paths(store, [MINI])
    version = store.version()
    store._ox.add(ox.Quad(NamedNode("https://x/s"), NamedNode("https://x/p"), Literal("junk"),
                          NamedNode("urn:wijkgraaf:staging:left-over")))
    store.flush()
    del store
    again = open_store(tmp_path / "db")
    assert again.version() == version
    assert not any("staging" in g for g in again.graph_names())
    assert again.ask("ASK { <https://w3id.org/wijkgraaf/id/O01> ?p ?o }")


def test_provenance_of_each_source_graph(mini_store_ro):
    rows = mini_store_ro._ox.query(
        "SELECT ?when ?who ?n WHERE { GRAPH <https://w3id.org/wijkgraaf/graph/meta> { "
        "<https://w3id.org/wijkgraaf/graph/source/mini.ttl> "
        "<http://www.w3.org/ns/prov#generatedAtTime> ?when ; "
        "<http://www.w3.org/ns/prov#wasAttributedTo> ?who ; <http://rdfs.org/ns/void#triples> ?n "
        "} }")
    (row,) = list(rows)
    assert int(row["n"].value) == len(mini_store_ro.graph_triples(
        "https://w3id.org/wijkgraaf/graph/source/mini.ttl"))


def test_bindings_are_values_not_text(mini_store_ro):
    hostile = Literal('x" } ; DROP ALL ; #')
    rows = mini_store_ro.select("SELECT ?s WHERE { ?s ?p ?label }", {"label": hostile})
    assert rows == []
    assert mini_store_ro.version() >= 1


def test_provenance_shows_no_private_paths(tmp_path):
    """The meta graph is public on the endpoint: bundled files by project path, others by name."""
    from graph.kb.loading import BUNDLED_DIR

    store = ensure_ready(open_store(), bundled=False)
    copy = tmp_path / "private" / "mini.ttl"
    copy.parent.mkdir()
    copy.write_bytes(MINI.read_bytes())
    load_paths(store, [copy, BUNDLED_DIR / "themes.ttl"], check=False)
    sources = {t.object.value for t in store.graph_triples(
        "https://w3id.org/wijkgraaf/graph/meta") if t.predicate.value.endswith("/source")}
    assert {"mini.ttl", "data/themes.ttl"} <= sources
    assert not any(str(tmp_path) in s for s in sources)
