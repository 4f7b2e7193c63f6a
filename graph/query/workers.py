"""A small pool of worker processes that run SPARQL with a time limit that really stops them.

pyoxigraph has no query timeout and a running query cannot be interrupted from Python, so
every user query runs in a worker process; when it passes its time limit the process is
killed (SIGKILL) and replaced, and the caller gets :class:`TimeLimitError`. Each worker holds
the data itself, taken from a frozen copy of one store version: a RocksDB checkpoint of an
on-disk store (opened with ``Store.read_only``; copied into memory when it is small, since
queries then run 4-25 times faster), or an N-Quads snapshot loaded into memory (for in-memory
and remote stores). A job carries the :class:`DataSource` it needs, so after a write each
worker reopens the new version before its next job — never during a timed job.

Workers start through ``forkserver`` (a fork of a clean helper process: ~20 ms after the
first, safe to use from a threaded, async server). Measured replacement times are in
``bench/endpoint_bench.py``.

>>> import asyncio
>>> async def demo():
...     pool = WorkerPool(size=1)
...     try:
...         source = DataSource("memory", "", 0)
...         reply = await pool.run({"op": "query", "sparql": "ASK {}", "format": "json"},
...                                source, time_limit=5)
...         return reply["body"]
...     finally:
...         await pool.close()
>>> asyncio.run(demo())
b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyoxigraph as ox

from ontology.vocab import META_GRAPH, STAGING_PREFIX
from graph.store import syntax_error

__all__ = ["DataSource", "WorkerPool", "WorkerError", "TimeLimitError", "BusyError",
           "execute_query"]



class WorkerError(RuntimeError):
    """A worker failed (crashed, or could not open the data)."""


class TimeLimitError(WorkerError):
    """A job ran past its time limit; its worker was killed."""


class BusyError(WorkerError):
    """No worker became free in time."""


@dataclass(frozen=True)
class DataSource:
    """Where a worker gets its data: ``mode`` 'path' (an on-disk store, opened read-only, and
    copied into memory when ``copy`` is set), 'snapshot' (an N-Quads file loaded into memory)
    or 'memory' (empty, for tests), and the store ``version`` it holds."""

    mode: str
    location: str
    version: int
    copy: bool = False


# --------------------------------------------------------------------- inside a worker ---

class _State:
    store: ox.Store | None = None
    source: DataSource | None = None
    graphs: list[ox.NamedNode] = []
    union_in_default: bool = False


_EMPTY = ox.NamedNode("urn:wijkgraaf:empty-graph")


def _open(state: _State, source: DataSource) -> None:
    """Open ``source``. An in-memory copy also gets the union of its named graphs except the
    meta graph as its real default graph: queries on it run ~3x faster than on a list of
    graphs, and it is the RDF merge (a triple in two graphs counts once)."""
    state.store = None
    if source.mode == "path":
        store = ox.Store.read_only(source.location)
        if source.copy:  # queries run 4-25x faster in memory (bench/endpoint_bench.py)
            data = store.dump(format=ox.RdfFormat.N_QUADS)
            store = ox.Store()
            if data:
                store.load(data, format=ox.RdfFormat.N_QUADS)
    else:
        store = ox.Store()
        if source.mode == "snapshot":
            store.load(path=source.location, format=ox.RdfFormat.N_QUADS)
    state.graphs = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)
                           and not g.value.startswith(STAGING_PREFIX)), key=lambda g: g.value)
    state.union_in_default = source.mode != "path" or source.copy
    if state.union_in_default:
        store.extend(ox.Quad(q.subject, q.predicate, q.object)
                     for g in state.graphs if g.value != META_GRAPH
                     for q in store.quads_for_pattern(None, None, None, g))
    state.store, state.source = store, source


def execute_query(store: ox.Store, graphs: list[ox.NamedNode], job: dict,
                  union_in_default: bool = False) -> dict:
    """Run one query job on ``store`` and serialise its result (in the worker).

    ``job``: ``sparql``, ``format``, optional ``prefixes``, ``max_rows``, ``default_graphs``
    and ``named_graphs`` (protocol parameters, or ``None``), ``query_dataset`` (the query has
    FROM clauses), ``base_iri`` (to resolve relative IRIs against: the endpoint's own URL).
    Without a dataset the default graph is the union of the named graphs except
    the meta graph (already in the store's default graph when ``union_in_default``). Returns
    ``{"status": "ok", "body", "truncated", "count"}`` or ``{"status": "syntax", "message",
    "line", "column"}``.
    """
    from graph.query.formats import (serialize_boolean, serialize_graph,
                                        serialize_solutions)
    from ontology.vocab import PREFIXES

    kwargs: dict = {}
    if job.get("default_graphs") is not None or job.get("named_graphs") is not None:
        default = [ox.NamedNode(g) for g in job.get("default_graphs") or []]
        kwargs["default_graph"] = default or _EMPTY
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.get("named_graphs") or []]
    elif not job.get("query_dataset"):
        if not union_in_default:
            kwargs["default_graph"] = [g for g in graphs if g.value != META_GRAPH] or _EMPTY
        if any(isinstance(g, ox.NamedNode) and g.value.startswith(STAGING_PREFIX)
               for g in store.named_graphs()):  # a load's staging graph: not in GRAPH ?g
            kwargs["named_graphs"] = graphs
    try:
        result = store.query(job["sparql"], prefixes=job.get("prefixes"),
                             base_iri=job.get("base_iri"), **kwargs)
    except SyntaxError as error:
        found = syntax_error(error)
        return {"status": "syntax", "message": found.detail, "line": found.line,
                "column": found.column}
    cap = job.get("max_rows")
    if isinstance(result, ox.QueryBoolean):
        return {"status": "ok", "body": serialize_boolean(result, job["format"]),
                "truncated": False, "count": 1}
    items = []
    truncated = False
    for item in result:
        if cap is not None and len(items) >= cap:
            truncated = True
            break
        items.append(item)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        body = serialize_solutions(names, items, job["format"])
    else:
        body = serialize_graph(items, job["format"], PREFIXES)
    return {"status": "ok", "body": body, "truncated": truncated, "count": len(items)}


def _worker_main(conn) -> None:
    """The loop of a worker process: receive a job, send its reply, until the pipe closes."""
    state = _State()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if job["op"] == "open":
                _open(state, job["source"])
                reply = {"status": "ok"}
            elif job["op"] == "query":
                reply = execute_query(state.store, state.graphs, job, state.union_in_default)
            elif job["op"] == "write":
                from graph.query.dryrun import execute_write

                reply = execute_write(state.store, job)
            else:
                reply = {"status": "error", "message": f"unknown job {job['op']!r}"}
        except Exception as error:  # noqa: BLE001 - every failure goes back as data
            reply = {"status": "error", "message": f"{type(error).__name__}: {error}"}
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


# ----------------------------------------------------------------------- in the server ---

_START_LOCK = threading.Lock()


def _start_without_main(process) -> None:
    """Start ``process`` without making it re-run the parent's ``__main__``.

    ``spawn`` and ``forkserver`` children normally re-import the parent's main script; inside
    a Streamlit app (whose pages run as ``__main__``), or under a test runner that swaps it,
    that would run the app in the worker or fail on a file that is gone. The worker needs
    nothing from ``__main__`` (its target is in this module), so the start leaves it out.
    """
    from multiprocessing import spawn

    with _START_LOCK:
        original = spawn.get_preparation_data

        def preparation_data(name):
            data = original(name)
            data.pop("init_main_from_path", None)
            data.pop("init_main_from_name", None)
            return data

        spawn.get_preparation_data = preparation_data
        try:
            process.start()
        finally:
            spawn.get_preparation_data = original


class _Worker:
    def __init__(self, ctx) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child,), daemon=True,
                                   name="wijkgraaf-sparql-worker")
        _start_without_main(self.process)
        child.close()
        self.source: DataSource | None = None

    def call(self, job: dict) -> dict:
        self.conn.send(job)
        return self.conn.recv()

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(timeout=5)
        with contextlib.suppress(Exception):
            self.conn.close()


class WorkerPool:
    """``size`` worker processes; :meth:`run` gives a job to a free one, with a time limit.

    Jobs wait at most ``wait_limit`` seconds for a free worker (then :class:`BusyError`).
    Opening a new data version has its own, generous ``open_limit``.
    """

    def __init__(self, size: int = 2, *, start_method: str = "forkserver",
                 open_limit: float = 600.0) -> None:
        self.size = max(1, size)
        self.open_limit = open_limit
        self._ctx = mp.get_context(start_method)
        if start_method == "forkserver":
            self._ctx.set_forkserver_preload(["graph.query.workers", "graph.query.formats"])
        self._executor = ThreadPoolExecutor(self.size * 2 + 2, thread_name_prefix="sparql")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._last_source: DataSource | None = None
        self.kills = 0

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx)
        with self._lock:
            self._all.add(worker)
        source = self._last_source
        if source is not None:  # warm it up with the data it will most likely need
            try:
                if worker.call({"op": "open", "source": source})["status"] == "ok":
                    worker.source = source
            except (EOFError, OSError):
                pass
        return worker

    async def start(self, source: DataSource | None = None) -> None:
        """Start the workers, opening ``source`` in each (done on first use otherwise)."""
        self._last_source = source or self._last_source
        if self._idle is not None:
            return
        self._idle = asyncio.Queue()
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(*[loop.run_in_executor(self._executor, self._spawn)
                                         for _ in range(self.size)])
        for worker in workers:
            self._idle.put_nowait(worker)

    async def _replace(self, worker: _Worker) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, worker.kill)
        with self._lock:
            self._all.discard(worker)
        if self._closed:
            return
        fresh = await loop.run_in_executor(self._executor, self._spawn)
        if self._closed:
            fresh.kill()
        else:
            self._idle.put_nowait(fresh)

    async def run(self, job: dict, source: DataSource, time_limit: float,
                  wait_limit: float | None = None) -> dict:
        """Run ``job`` on a worker holding ``source``; its reply as a dict.

        Raises :class:`TimeLimitError` (the worker was killed and is being replaced),
        :class:`BusyError` (no worker free within ``wait_limit``, default ``time_limit``) or
        :class:`WorkerError` (the worker crashed or could not open the data).
        """
        await self.start()
        self._last_source = source
        try:
            worker = await asyncio.wait_for(self._idle.get(), wait_limit or time_limit)
        except TimeoutError:
            raise BusyError("every query worker is busy") from None
        loop = asyncio.get_running_loop()
        try:
            if worker.source != source:
                worker.source = None
                opened = await asyncio.wait_for(loop.run_in_executor(
                    self._executor, worker.call, {"op": "open", "source": source}),
                    self.open_limit)
                if opened["status"] != "ok":
                    raise WorkerError("could not open the data: " + opened["message"])
                worker.source = source
            reply = await asyncio.wait_for(
                loop.run_in_executor(self._executor, worker.call, job), time_limit)
        except TimeoutError:
            self.kills += 1
            asyncio.ensure_future(self._replace(worker))
            raise TimeLimitError(f"stopped after {time_limit:g} s") from None
        except (EOFError, OSError) as error:
            asyncio.ensure_future(self._replace(worker))
            raise WorkerError(f"the worker stopped unexpectedly ({error!r})") from None
        except BaseException:
            asyncio.ensure_future(self._replace(worker))
            raise
        self._idle.put_nowait(worker)
        return reply

    async def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
        self._executor.shutdown(wait=False, cancel_futures=True)
