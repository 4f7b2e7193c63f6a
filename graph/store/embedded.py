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

import gc
import os
import sys
import threading
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol, TypeVar

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad, Triple

from ontology import Message, QueryError, WijkgraafError
from ontology.vocab import DATASET_IRI, META_GRAPH, STAGING_PREFIX, STORE_VERSION
from graph.store.sparql import iri_nt, syntax_error, term_nt, with_values
from graph.store.swap import (
    Gate, building, exchange, leftovers, remove_tree, restore, size_mb, swap_lock,
)

__all__ = ["Store", "EmbeddedStore", "StoreBusyError", "open_embedded", "Row", "Triple",
           "NamedNode", "Literal", "version_bump"]

Row = dict[str, object]
T = TypeVar("T")


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

    def predicate_form(self, listed: str) -> str:
        """How to write a triple pattern whose predicate is one of several IRIs, when a
        ``VALUES`` block lists its subjects (``listed="subjects"``), its objects
        (``"objects"``) or neither (``"constants"``): the one of
        :data:`~graph.store.sparql.PREDICATE_FORMS` this store's engine answers from the
        listed terms' index rather than by reading every triple of each predicate."""

    def values_limit(self, listed: str) -> int | None:
        """The most terms one ``VALUES`` block that lists a pattern's subjects
        (``listed="subjects"``) or objects (``"objects"``) should hold on this store (None:
        no limit of its own)."""


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
    """The SPARQL update that increments the version counter in the meta graph.

    Two operations: the counter is first set to 0 where there is none, then incremented by a
    plain match. (One ``OPTIONAL`` with ``COALESCE`` says the same, but Virtuoso 7 runs such
    an update on no solution at all, and its ``FILTER NOT EXISTS { GRAPH … }`` is always
    true in an update: the count below is what works on both.)
    """
    counter = f"GRAPH <{META_GRAPH}> {{ <{DATASET_IRI}> <{STORE_VERSION}> ?v }}"
    return (
        f"INSERT {{ GRAPH <{META_GRAPH}> {{ <{DATASET_IRI}> <{STORE_VERSION}> 0 }} }} "
        f"WHERE {{ {{ SELECT (COUNT(*) AS ?n) WHERE {{ {counter} }} }} FILTER(?n = 0) }} ;\n"
        f"DELETE {{ {counter} }} "
        f"INSERT {{ GRAPH <{META_GRAPH}> {{ <{DATASET_IRI}> <{STORE_VERSION}> ?next }} }} "
        f"WHERE {{ {counter} BIND(?v + 1 AS ?next) }}"
    )


class StoreBusyError(WijkgraafError, OSError):
    """The on-disk store is open for writing in another process (the app, ``wijkgraaf serve``
    or another command), so this one could only open it to read."""

    def __init__(self, location: str) -> None:
        super().__init__(Message("store_busy", location=location))


def open_embedded(path: str | Path, notice: Callable[[str], None] | None = None
                  ) -> EmbeddedStore:
    """The on-disk store at ``path``: read-write; read-only when another process holds it or
    the directory cannot be written (a read-only mount); writes then raise
    :class:`StoreBusyError` with a clear message. A writable open first cleans up after a
    load that was killed half-way, saying so through ``notice`` (default: stderr)."""
    folder = Path(path)
    if folder.is_dir() and any(folder.iterdir()) and not os.access(folder, os.W_OK):
        return EmbeddedStore(path, read_only=True)
    try:
        return EmbeddedStore(path, notice=notice)
    except OSError as error:
        if "lock" not in str(error).lower():
            raise
        return EmbeddedStore(path, read_only=True)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _hidden(graph) -> bool:
    return isinstance(graph, NamedNode) and graph.value.startswith(STAGING_PREFIX)


class EmbeddedStore:
    """A ``pyoxigraph.Store`` on a directory (persistent) or in memory (``path=None``).

    Big loads (:meth:`replace_graphs_from_files`) build a complete new store — the graphs
    kept, copied, and the new files, bulk-loaded straight into their own graph names — and
    then put it in place of the old one in one step: beside the live directory for an
    on-disk store (see :mod:`graph.store.swap`), as a new in-memory store otherwise. Readers
    see the old store or the new one, never half a load."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False,
                 notice: Callable[[str], None] | None = None) -> None:
        if path is not None and str(path) == ":memory:":  # the name every command takes
            path = None  # for memory: never a directory of that name in the working folder
        self.location = str(path) if path else ":memory:"
        self.read_only = read_only
        # one writer at a time: an update's WHERE (a version guard) and its changes are then
        # one step, also for threads sharing this store (app sessions share one instance)
        self._write_lock = threading.RLock()
        self._gate = Gate()
        self._notice = notice or _say
        if path is None:
            self._ox = ox.Store()
        elif read_only:
            self._ox = ox.Store.read_only(str(path))
        else:
            folder = Path(path)
            with swap_lock(folder):
                if restore(folder):
                    self._notice(f"Wijkgraaf: de opslag {folder} is teruggezet na een "
                                 f"onderbroken wissel / the store {folder} was put back after "
                                 "an interrupted swap")
                folder.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(folder))
            self._recover()

    # ------------------------------------------------------------------ crash recovery ---

    def _recover(self) -> None:
        """Clean up after a load that was killed: hidden directories beside the store (a
        half-built store) are deleted; staging graphs inside it (an older way of loading, or
        a :meth:`replace_graphs` cut short) are left out of a rebuilt store, so their space
        is given back too. Says what it does, since it can take a moment."""
        folder = Path(self.location)
        left = leftovers(folder)
        staging = [g for g in self._ox.named_graphs() if _hidden(g)]
        if not left and not staging:
            return
        size = size_mb(left) + (size_mb([folder]) if staging else 0)
        self._notice(f"Wijkgraaf: opruimen van een afgebroken laadactie in {folder} "
                     f"({size:.0f} MB) … / cleaning up an interrupted load in {folder} "
                     f"({size:.0f} MB) …")
        for path in left:
            remove_tree(path)
        if staging and self._can_rebuild():
            self._rebuild(set(), lambda fresh: None)  # the copy leaves staging graphs out
        else:
            for graph in staging:
                self._ox.remove_graph(graph)
        freed = max(0.0, size - size_mb([folder])) if staging else size
        self._notice(f"Wijkgraaf: opgeruimd, {freed:.0f} MB vrijgemaakt / cleaned up, "
                     f"{freed:.0f} MB freed")

    # ------------------------------------------------------------------------ rebuilds ---

    def _can_rebuild(self) -> bool:
        if self.location == ":memory:":
            return True
        parent = Path(self.location).resolve().parent
        return os.access(parent, os.W_OK)

    def _copy_into(self, fresh: ox.Store, skip: set[str]) -> None:
        """Stream every quad except those of the graphs ``skip`` and staging graphs into
        ``fresh`` with the bulk loader (nothing held in memory)."""
        graphs = [g for g in self._ox.named_graphs()
                  if not _hidden(g) and not (isinstance(g, NamedNode) and g.value in skip)]

        def quads() -> Iterator[Quad]:
            yield from self._ox.quads_for_pattern(None, None, None, ox.DefaultGraph())
            for graph in graphs:
                yield from self._ox.quads_for_pattern(None, None, None, graph)

        fresh.bulk_extend(quads())

    def _rebuild(self, skip: set[str], fill: Callable[[ox.Store], T]) -> T:
        """A new store with everything but the graphs ``skip``, completed by ``fill(new)``,
        put in place of this one at once; returns what ``fill`` returned. Any error before
        the swap leaves this store as it was (and the half-built one is deleted)."""
        with self._write_lock:
            if self.location == ":memory:":
                fresh = ox.Store()
                self._copy_into(fresh, skip)
                result = fill(fresh)
                self._ox = fresh
                return result
            folder = Path(self.location)
            target = building(folder)
            try:
                result = self._build(target, skip, fill)
            except BaseException:
                remove_tree(target)
                raise
            with swap_lock(folder), self._gate.closed():
                self._ox = None
                gc.collect()  # the old store closed before its directory moves
                try:
                    exchange(folder, target)
                finally:
                    self._ox = ox.Store(str(folder))
            remove_tree(target)  # the old store
            return result

    def _build(self, target: Path, skip: set[str], fill: Callable[[ox.Store], T]) -> T:
        """Build the new store in ``target`` and close it (its directory is about to move:
        no handle on it may stay open, not even in a traceback)."""
        fresh = ox.Store(str(target))
        try:
            self._copy_into(fresh, skip)
            result = fill(fresh)
            fresh.flush()
            return result
        except BaseException as error:
            traceback.clear_frames(error.__traceback__)
            raise
        finally:
            del fresh

    # ------------------------------------------------------------------------- queries ---

    def _query(self, sparql: str, bindings: Mapping[str, object] | None,
               take: Callable[[object], T]) -> T:
        """Run a query on the union of the visible named graphs (staging graphs are neither
        in it nor in ``GRAPH ?g``) and hand the result to ``take`` while the store is held."""
        with self._gate.reading():
            every = list(self._ox.named_graphs())
            visible = [g for g in every if not _hidden(g)]
            default = [g for g in visible if isinstance(g, NamedNode) and g.value != META_GRAPH]
            kwargs: dict = {"default_graph": default or ox.DefaultGraph()}
            if len(visible) < len(every):
                kwargs["named_graphs"] = visible
            try:
                result = self._ox.query(with_values(sparql, bindings), **kwargs)
            except SyntaxError as error:
                raise syntax_error(error) from None
            return take(result)

    def select(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[Row]:
        """Rows of a SELECT query."""
        def take(result) -> list[Row]:
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError(Message("not_select"))
            names = [v.value for v in result.variables]
            return [{n: v for n, v in zip(names, solution) if v is not None}
                    for solution in result]

        return self._query(sparql, bindings, take)

    def ask(self, sparql: str, bindings: Mapping[str, object] | None = None) -> bool:
        """The answer of an ASK query."""
        def take(result) -> bool:
            if not isinstance(result, ox.QueryBoolean):
                raise QueryError(Message("not_ask"))
            return bool(result)

        return self._query(sparql, bindings, take)

    def construct(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query."""
        def take(result) -> list[Triple]:
            if not isinstance(result, ox.QueryTriples):
                raise QueryError(Message("not_construct"))
            return list(result)

        return self._query(sparql, bindings, take)

    def raw_query(self, sparql: str):
        """The pyoxigraph result object itself (for serialising results in any format).
        Consume it at once: it reads the store as it was when the query started."""
        return self._query(sparql, None, lambda result: result)

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
        """Stage every graph, then swap all of them and their meta in one update (for
        triples already in memory; files go through :meth:`replace_graphs_from_files`)."""
        self._writable()
        staged = {}
        with self._write_lock:
            try:
                for iri, triples in graphs.items():
                    tmp = NamedNode(STAGING_PREFIX + uuid.uuid4().hex)
                    staged[iri] = tmp
                    self._ox.extend(Quad(t.subject, t.predicate, t.object, tmp) for t in triples)
                swap = [f"DROP SILENT GRAPH {iri_nt(iri)} ; "
                        f"MOVE SILENT GRAPH {tmp} TO {iri_nt(iri)}" for iri, tmp in staged.items()]
                self._ox.update(" ;\n".join(swap + [meta_update(graphs, meta)]))
            finally:
                for tmp in staged.values():
                    self._ox.remove_graph(tmp)
            return self.version()

    def replace_graphs_from_files(
        self, files: Mapping[str, tuple[Path, object]],
        describe: Callable[[str, int], Iterable[Triple]],
        check: Callable[[ox.Store], None] | None = None,
        loading: Callable[[str, bool], None] | None = None,
    ) -> tuple[dict[str, int], int]:
        """Replace the graphs ``files`` names (``iri → (path, RdfFormat)``) by the files'
        contents and their meta (``describe(iri, triple_count)``), all at once, with
        pyoxigraph's streaming loader: a new store is built with the other graphs copied and
        each file bulk-loaded straight into its graph, then put in place of this one (see
        :meth:`_rebuild`), so memory stays bounded and the time close to the bare
        ``bulk_load``. ``check(new_store)`` runs on the complete new store before it is put
        in place: if it raises, nothing changes (the error goes to the caller).
        ``loading(iri, finished)`` is called before and after each file. Parse errors raise
        ``SyntaxError`` and change nothing. Returns the triple counts and the new version.

        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "a.nt"
        >>> _ = path.write_text('<https://x/s> <https://x/p> "o" .\\n')
        >>> store = EmbeddedStore()
        >>> g = "https://w3id.org/wijkgraaf/graph/source/a.nt"
        >>> store.replace_graphs_from_files({g: (path, ox.RdfFormat.N_TRIPLES)},
        ...                                 lambda iri, n: [])
        ({'https://w3id.org/wijkgraaf/graph/source/a.nt': 1}, 1)
        """
        self._writable()
        if not self._can_rebuild():  # no room beside the store: stage inside it
            return self._staged_files(files, describe, check, loading)

        def fill(fresh: ox.Store) -> dict[str, int]:
            counts = {}
            for iri, (path, fmt) in files.items():
                if loading:
                    loading(iri, False)
                fresh.bulk_load(path=str(path), format=fmt, to_graph=NamedNode(iri),
                                base_iri=Path(path).resolve().as_uri())
                counts[iri] = _count(fresh, NamedNode(iri))
                if loading:
                    loading(iri, True)
            meta = [t for iri in files for t in describe(iri, counts[iri])]
            fresh.update(meta_update(files, meta))
            if check:
                check(fresh)
            return counts

        counts = self._rebuild(set(files), fill)
        return counts, self.version()

    def _staged_files(self, files: Mapping[str, tuple[Path, object]],
                      describe: Callable[[str, int], Iterable[Triple]],
                      check: Callable[[ox.Store], None] | None = None,
                      loading: Callable[[str, bool], None] | None = None,
                      ) -> tuple[dict[str, int], int]:
        """Bulk-load into hidden staging graphs, then MOVE them in one update: atomic, but
        the update holds every moved quad in memory (only where no new store can be built
        beside this one). ``check`` gets an in-memory copy of the store as it would be."""
        staged: dict[str, NamedNode] = {}
        counts: dict[str, int] = {}
        with self._write_lock:
            try:
                for iri, (path, fmt) in files.items():
                    tmp = NamedNode(STAGING_PREFIX + uuid.uuid4().hex)
                    staged[iri] = tmp
                    if loading:
                        loading(iri, False)
                    self._ox.bulk_load(path=str(path), format=fmt, to_graph=tmp,
                                       base_iri=Path(path).resolve().as_uri())
                    counts[iri] = _count(self._ox, tmp)
                    if loading:
                        loading(iri, True)
                if check:
                    future = ox.Store()
                    self._copy_into(future, set(files))
                    future.bulk_extend(
                        Quad(q.subject, q.predicate, q.object, NamedNode(iri))
                        for iri, tmp in staged.items()
                        for q in self._ox.quads_for_pattern(None, None, None, tmp))
                    check(future)
                    del future
                meta = [t for iri in files for t in describe(iri, counts[iri])]
                swap = [f"DROP SILENT GRAPH {iri_nt(iri)} ; "
                        f"MOVE SILENT GRAPH {tmp} TO {iri_nt(iri)}" for iri, tmp in staged.items()]
                self._ox.update(" ;\n".join(swap + [meta_update(files, meta)]))
            finally:
                for tmp in staged.values():
                    self._ox.remove_graph(tmp)
            return counts, self.version()

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        with self._gate.reading():
            return sorted(g.value for g in self._ox.named_graphs()
                          if isinstance(g, NamedNode) and not _hidden(g))

    def graph_triples(self, iri: str) -> list[Triple]:
        """The triples of one named graph."""
        with self._gate.reading():
            return [q.triple
                    for q in self._ox.quads_for_pattern(None, None, None, NamedNode(iri))]

    def version(self) -> int:
        """The version counter (0 for a new store)."""
        with self._gate.reading():
            quads = self._ox.quads_for_pattern(NamedNode(DATASET_IRI), NamedNode(STORE_VERSION),
                                               None, NamedNode(META_GRAPH))
            for quad in quads:
                return int(quad.object.value)
            return 0

    def dump_quads(self) -> list[Quad]:
        """Every quad of every named graph (staging graphs aside)."""
        with self._gate.reading():
            return [q for q in self._ox
                    if not isinstance(q.graph_name, ox.DefaultGraph) and not _hidden(q.graph_name)]

    def predicate_form(self, listed: str) -> str:
        """``"in"`` (``FILTER(?p IN (<a>, …))``): Oxigraph answers it from the index of the
        subjects or objects listed beside it."""
        return "in"

    def values_limit(self, listed: str) -> int | None:
        """None: any ``VALUES`` block is planned from its terms."""
        return None

    def flush(self) -> None:
        """Write buffered data to disk (a no-op in memory)."""
        if self.location != ":memory:":
            with self._gate.reading():
                self._ox.flush()

    def backup(self, target: str | Path) -> None:
        """A consistent copy of this on-disk store in the new directory ``target`` (hard links
        on the same file system, so it is instant); raises ``OSError`` in memory."""
        with self._gate.reading():
            self._ox.backup(str(target))


def _count(store: ox.Store, graph: NamedNode) -> int:
    """The number of triples in ``graph``."""
    (row,) = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    return int(row[0].value)
