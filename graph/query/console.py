"""The app's SPARQL console: read-only queries with a time limit that really stops them.

:class:`Console` reads a query before it runs (:mod:`graph.query.policy`: updates,
``SERVICE``, ``LOAD`` and graphs outside the store are refused), then runs it in a worker
process of :class:`graph.query.workers.WorkerPool` that is killed at the time limit, and caps the
rows. It is synchronous (the pool runs on its own event-loop thread), so a Streamlit page can
call it directly. A remote store is queried directly: its server enforces its own limits.

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, ["tests/data/mini.ttl"])
>>> console = Console()
>>> result = console.run(store, "SELECT ?o WHERE { ?o a wg:Obstacle } ORDER BY ?o", limit=2)
>>> [row["o"] for row in result.rows], result.truncated
(['https://w3id.org/wijkgraaf/id/O01', 'https://w3id.org/wijkgraaf/id/O02'], True)
>>> console.run(store, "DELETE WHERE { ?s ?p ?o }")
Traceback (most recent call last):
...
graph.query.console.ConsoleError: updates are refused: the console is read-only
>>> console.run(store, "SELECT * WHERE { ?s ?p }")
Traceback (most recent call last):
...
graph.query.console.ConsoleError: line 1, column 25: ...
>>> console.close()
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from loaders import csv_text
from ontology import Message, ParserWords, QueryError
from ontology.vocab import PREFIXES
from graph.query.policy import NestingError, analyse_query, refusal
from graph.store import EmbeddedStore, Store
from graph.query.workers import DataSource, TimeLimitError, WorkerPool

__all__ = ["Console", "ConsoleResult", "ConsoleError"]


class ConsoleError(QueryError):
    """A query the console does not run, or that failed; ``reason`` says which: 'syntax',
    'update', 'refused', 'time_limit', 'failed'."""

    def __init__(self, message: Message | ParserWords | str, reason: str, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message, line=line, column=column)
        self.reason = reason


@dataclass(frozen=True)
class ConsoleResult:
    """A result as the console shows it: ``kind`` 'select', 'ask' or 'graph'; ``variables``
    and ``rows`` (text per variable; for graphs: subject, predicate, object); the SPARQL JSON
    (or Turtle) body; whether the row cap cut it; seconds taken."""

    kind: str
    variables: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    body: str
    truncated: bool
    seconds: float
    boolean: bool | None = None

    def csv(self) -> str:
        """The rows as CSV (header first), every cell safe to open in a spreadsheet
        (:func:`loaders.csv_text`: a value that starts like a formula gets an apostrophe)."""
        return csv_text(self.variables, ([row.get(v, "") for v in self.variables]
                                         for row in self.rows))


class Console:
    """Runs console queries in ``workers`` killable worker processes."""

    def __init__(self, workers: int = 1) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name="wijkgraaf-console")
        self._thread.start()
        self._pool = WorkerPool(size=workers)
        self._tmp = Path(tempfile.mkdtemp(prefix="wijkgraaf-console-"))
        self._sources: dict[tuple[str, int, int], DataSource] = {}
        self._lock = threading.Lock()

    def _source(self, store: Store) -> DataSource:
        version = store.version()
        key = (store.location, id(store), version)
        with self._lock:
            if key not in self._sources:
                if isinstance(store, EmbeddedStore) and store.location != ":memory:":
                    store.flush()
                    source = DataSource("path", store.location, version)
                else:
                    path = self._tmp / f"snapshot-{id(store)}-{version}.nq"
                    path.write_bytes(ox.serialize(store.dump_quads(),
                                                  format=ox.RdfFormat.N_QUADS))
                    source = DataSource("snapshot", str(path), version)
                self._sources = {k: v for k, v in self._sources.items() if k[:2] != key[:2]}
                self._sources[key] = source
            return self._sources[key]

    def run(self, store: Store, sparql: str, *, limit: int = 1000,
            timeout: float = 10.0) -> ConsoleResult:
        """Run a read-only query (Wijkgraaf prefixes predeclared); at most ``limit`` rows.

        Raises :class:`ConsoleError`: updates and refused queries before they run, syntax
        errors with line and column of ``sparql``, 'time_limit' when the worker was stopped.
        """
        try:
            info = analyse_query(sparql, PREFIXES)
        except NestingError as error:
            raise ConsoleError(error.message, "refused") from None
        if info.form == "update":
            raise ConsoleError(Message("console_updates"), "update")
        reason = refusal(info, store.graph_names())
        if reason:
            detail = ", ".join(f"{k} {v}" for k, v in reason[1].items())
            raise ConsoleError(Message("console_refused", reason=reason[0],
                                       detail=": " + detail if detail else ""), "refused")
        graph_form = info.form in {"construct", "describe"}
        started = time.perf_counter()
        if not isinstance(store, EmbeddedStore):
            return self._direct(store, sparql, limit, started)
        job = {"op": "query", "sparql": sparql, "prefixes": PREFIXES,
               "format": "turtle" if graph_form else "json", "max_rows": limit,
               "query_dataset": bool(info.default_graphs or info.named_graphs),
               "default_graphs": None, "named_graphs": None}
        future = asyncio.run_coroutine_threadsafe(
            self._pool.run(job, self._source(store), time_limit=timeout), self._loop)
        try:
            reply = future.result(timeout + 60)
        except TimeLimitError:
            raise ConsoleError(Message("stopped_after", seconds=timeout), "time_limit") from None
        seconds = time.perf_counter() - started
        if reply["status"] == "syntax":
            raise ConsoleError(ParserWords(reply["message"]), "syntax", reply.get("line"),
                               reply.get("column"))
        if reply["status"] != "ok":
            raise ConsoleError(ParserWords(reply["message"]), "failed")
        body = reply["body"].decode("utf-8")
        if graph_form:
            triples = ox.parse(reply["body"], format=ox.RdfFormat.TURTLE)
            rows = tuple({"subject": _text(q.subject), "predicate": _text(q.predicate),
                          "object": _text(q.object)} for q in triples)
            return ConsoleResult("graph", ("subject", "predicate", "object"), rows, body,
                                 reply["truncated"], seconds)
        data = json.loads(body)
        if "boolean" in data:
            return ConsoleResult("ask", (), (), body, False, seconds, bool(data["boolean"]))
        variables = tuple(data["head"]["vars"])
        rows = tuple({k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"])
        return ConsoleResult("select", variables, rows, body, reply["truncated"], seconds)

    def _direct(self, store: Store, sparql: str, limit: int, started: float) -> ConsoleResult:
        from graph.query.service import format_result, run_query, term_text

        result = run_query(store, sparql, limit=limit)
        seconds = time.perf_counter() - started
        if result.kind == "ask":
            return ConsoleResult("ask", (), (), format_result(result, "json"), False, seconds,
                                 result.boolean)
        if result.kind == "graph":
            rows = tuple({"subject": term_text(t.subject), "predicate": term_text(t.predicate),
                          "object": term_text(t.object)} for t in result.triples)
            return ConsoleResult("graph", ("subject", "predicate", "object"), rows,
                                 format_result(result, "turtle"), result.truncated, seconds)
        rows = tuple({k: term_text(v) for k, v in r.items()} for r in result.rows)
        return ConsoleResult("select", result.variables, rows, format_result(result, "json"),
                             result.truncated, seconds)

    def close(self) -> None:
        """Stop the workers and the loop; remove snapshots."""
        future = asyncio.run_coroutine_threadsafe(self._pool.close(), self._loop)
        try:
            future.result(30)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)
            shutil.rmtree(self._tmp, ignore_errors=True)


def _text(term: object) -> str:
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)) else str(term)
