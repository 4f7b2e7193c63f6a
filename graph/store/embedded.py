"""The ``Store`` protocol and its embedded Oxigraph adapter.

A store holds one named graph per source (the ontology, each data file or spreadsheet, the
edits), a meta graph describing each of them with DCTERMS/PROV, and a version counter in the
meta graph that changes on every write. Queries see the union of the named graphs except
the meta graph as their default graph (``default-graph-uri`` on a remote server), so the
competency queries run unchanged on every backend.

>>> store = EmbeddedStore()
>>> store.version()
0
>>> g = "https://w3id.org/wijkgraaf/graph/source/example"
>>> t = Triple(NamedNode("https://x/s"), NamedNode("https://x/p"), Literal("o"))
>>> store.replace_graphs({g: [t]}, meta=[])
1
>>> [row["o"].value for row in store.select("SELECT ?o WHERE { ?s ?p ?o }")]
['o']
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad, Triple

from ontology import QueryError, WijkgraafError
from ontology.vocab import DATASET_IRI, META_GRAPH, STAGING_PREFIX, STORE_VERSION
from graph.store.sparql import iri_nt, syntax_error, term_nt, with_values

__all__ = ["Store", "EmbeddedStore", "StoreBusyError", "open_embedded", "Row", "Triple",
           "NamedNode", "Literal", "version_bump"]

Row = dict[str, object]


class Store(Protocol):
    """What every backend offers. Terms are pyoxigraph terms on every backend."""

    location: str

    def select(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[Row]:
        """Rows of a SELECT query (variable name → term; unbound variables left out)."""

    def ask(self, sparql: str, bindings: Mapping[str, object] | None = None) -> bool:
        """The answer of an ASK query."""

    def construct(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query."""

    def update(self, sparql: str) -> int:
        """Run a SPARQL update atomically together with a version bump; return the new version."""

    def replace_graphs(self, graphs: Mapping[str, Iterable[Triple]], meta: Iterable[Triple]) -> int:
        """Replace each named graph and its meta description at once; return the new version."""

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""

    def graph_triples(self, iri: str) -> list[Triple]:
        """The triples of one named graph."""

    def version(self) -> int:
        """The version counter: changes on every write."""

    def dump_quads(self) -> list[Quad]:
        """Every quad of every named graph."""


def meta_update(graphs: Iterable[str], meta: Iterable[Triple]) -> str:
    """The update text that replaces meta descriptions of ``graphs`` and bumps the version."""
    parts = [
        f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ {iri_nt(g)} ?p ?o }} }}" for g in graphs
    ]
    meta_nt = " ".join(f"{term_nt(t.subject)} {term_nt(t.predicate)} {term_nt(t.object)} ."
                       for t in meta)
    if meta_nt:
        parts.append(f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{ {meta_nt} }} }}")
    parts.append(version_bump())
    return " ;\n".join(parts)


def version_bump() -> str:
    """The SPARQL update that increments the version counter in the meta graph."""
    return (
        f"DELETE {{ GRAPH <{META_GRAPH}> {{ <{DATASET_IRI}> <{STORE_VERSION}> ?v }} }} "
        f"INSERT {{ GRAPH <{META_GRAPH}> {{ <{DATASET_IRI}> <{STORE_VERSION}> ?next }} }} "
        f"WHERE {{ OPTIONAL {{ GRAPH <{META_GRAPH}> {{ <{DATASET_IRI}> <{STORE_VERSION}> ?v }} }} "
        f"BIND(COALESCE(?v, 0) + 1 AS ?next) }}"
    )


class StoreBusyError(WijkgraafError, OSError):
    """The on-disk store is open for writing in another process (the app, ``wijkgraaf serve``
    or another command), so this one could only open it to read."""

    def __init__(self, location: str) -> None:
        super().__init__(
            f"the store {location} is in use by another Wijkgraaf process (the app, "
            "'wijkgraaf serve' or a running command), so it is open read-only here. Stop that "
            "process and try again, or write through the running endpoint "
            "('wijkgraaf serve' with an editor token) / the app's edit page.")


def open_embedded(path: str | Path) -> EmbeddedStore:
    """The on-disk store at ``path``: read-write; read-only when another process holds it or
    the directory cannot be written (a read-only mount); writes then raise
    :class:`StoreBusyError` with a clear message."""
    folder = Path(path)
    if folder.is_dir() and any(folder.iterdir()) and not os.access(folder, os.W_OK):
        return EmbeddedStore(path, read_only=True)
    try:
        return EmbeddedStore(path)
    except OSError as error:
        if "lock" not in str(error).lower():
            raise
        return EmbeddedStore(path, read_only=True)


class EmbeddedStore:
    """A ``pyoxigraph.Store`` on a directory (persistent) or in memory (``path=None``)."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False) -> None:
        self.location = str(path) if path else ":memory:"
        self.read_only = read_only
        # one writer at a time: an update's WHERE (a version guard) and its changes are then
        # one step, also for threads sharing this store (app sessions share one instance)
        self._write_lock = threading.RLock()
        if path is None:
            self._ox = ox.Store()
        elif read_only:
            self._ox = ox.Store.read_only(str(path))
        else:
            Path(path).mkdir(parents=True, exist_ok=True)
            self._ox = ox.Store(str(path))
        if not read_only:
            self._drop_staging()

    def _drop_staging(self) -> None:
        """Remove staging graphs a crashed load left behind (they were never visible)."""
        for graph in list(self._ox.named_graphs()):
            if isinstance(graph, NamedNode) and graph.value.startswith(STAGING_PREFIX):
                self._ox.remove_graph(graph)

    def _run(self, sparql: str, bindings: Mapping[str, object] | None):
        graphs = [NamedNode(g) for g in self.graph_names() if g != META_GRAPH]
        try:
            return self._ox.query(with_values(sparql, bindings),
                                  default_graph=graphs or ox.DefaultGraph())
        except SyntaxError as error:
            raise syntax_error(error) from None

    def select(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[Row]:
        """Rows of a SELECT query."""
        result = self._run(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: v for n, v in zip(names, solution) if v is not None} for solution in result]

    def ask(self, sparql: str, bindings: Mapping[str, object] | None = None) -> bool:
        """The answer of an ASK query."""
        result = self._run(sparql, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(result)

    def construct(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query."""
        result = self._run(sparql, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        return list(result)

    def raw_query(self, sparql: str):
        """The pyoxigraph result object itself (for serialising results in any format)."""
        return self._run(sparql, None)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreBusyError(self.location)

    def update(self, sparql: str) -> int:
        """Run ``sparql`` and bump the version, in one transaction."""
        self._writable()
        with self._write_lock:
            try:
                self._ox.update(sparql + " ;\n" + version_bump())
            except SyntaxError as error:
                raise syntax_error(error) from None
            return self.version()

    def replace_graphs(self, graphs: Mapping[str, Iterable[Triple]], meta: Iterable[Triple]) -> int:
        """Stage every graph, then swap all of them and their meta in one update."""
        self._writable()
        staged = {}
        try:
            for iri, triples in graphs.items():
                tmp = NamedNode(STAGING_PREFIX + uuid.uuid4().hex)
                staged[iri] = tmp
                self._ox.extend(Quad(t.subject, t.predicate, t.object, tmp) for t in triples)
            swap = [f"DROP SILENT GRAPH {iri_nt(iri)} ; MOVE SILENT GRAPH {tmp} TO {iri_nt(iri)}"
                    for iri, tmp in staged.items()]
            with self._write_lock:
                self._ox.update(" ;\n".join(swap + [meta_update(graphs, meta)]))
        finally:
            for tmp in staged.values():
                self._ox.remove_graph(tmp)
        return self.version()

    def replace_graphs_from_files(
        self, files: Mapping[str, tuple[Path, object]],
        describe: Callable[[str, int], Iterable[Triple]],
    ) -> tuple[dict[str, int], int]:
        """Bulk-load each file (``iri → (path, RdfFormat)``) into a hidden staging graph with
        pyoxigraph's streaming loader, then swap all of them and their meta (``describe(iri,
        triple_count)``) in one update. The fast path for large loads that skip validation;
        parse errors raise ``SyntaxError`` before anything is visible. Returns the triple
        counts and the new version."""
        self._writable()
        staged: dict[str, NamedNode] = {}
        counts: dict[str, int] = {}
        try:
            for iri, (path, fmt) in files.items():
                tmp = NamedNode(STAGING_PREFIX + uuid.uuid4().hex)
                staged[iri] = tmp
                self._ox.bulk_load(path=str(path), format=fmt, to_graph=tmp,
                                   base_iri=Path(path).resolve().as_uri())
                (row,) = self._ox.query(
                    f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {tmp} {{ ?s ?p ?o }} }}")
                counts[iri] = int(row[0].value)
            meta = [t for iri in files for t in describe(iri, counts[iri])]
            swap = [f"DROP SILENT GRAPH {iri_nt(iri)} ; MOVE SILENT GRAPH {tmp} TO {iri_nt(iri)}"
                    for iri, tmp in staged.items()]
            with self._write_lock:
                self._ox.update(" ;\n".join(swap + [meta_update(files, meta)]))
        finally:
            for tmp in staged.values():
                self._ox.remove_graph(tmp)
        return counts, self.version()

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._ox.named_graphs()
                      if isinstance(g, NamedNode) and not g.value.startswith(STAGING_PREFIX))

    def graph_triples(self, iri: str) -> list[Triple]:
        """The triples of one named graph."""
        return [q.triple for q in self._ox.quads_for_pattern(None, None, None, NamedNode(iri))]

    def version(self) -> int:
        """The version counter (0 for a new store)."""
        quads = self._ox.quads_for_pattern(NamedNode(DATASET_IRI), NamedNode(STORE_VERSION), None,
                                           NamedNode(META_GRAPH))
        for quad in quads:
            return int(quad.object.value)
        return 0

    def dump_quads(self) -> list[Quad]:
        """Every quad of every named graph."""
        return [q for q in self._ox if not isinstance(q.graph_name, ox.DefaultGraph)]

    def flush(self) -> None:
        """Write buffered data to disk (a no-op in memory)."""
        if self.location != ":memory:":
            self._ox.flush()

    def backup(self, target: str | Path) -> None:
        """A consistent copy of this on-disk store in the new directory ``target`` (hard links
        on the same file system, so it is instant); raises ``OSError`` in memory."""
        self._ox.backup(str(target))
