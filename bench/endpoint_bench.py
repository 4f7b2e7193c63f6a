"""Throughput and time-limit behaviour of ``wijkgraaf serve``, beside ``oxigraph serve`` on the
same data, measured in the same run; prints a Markdown table.

``python -m bench.endpoint_bench [--clients 8] [--seconds 5] [--data mini|bundled|DIR]``

1. throughput: ``--clients`` threads, each with its own keep-alive connection, send the same
   simple SELECT (SPARQL JSON results) for ``--seconds``; requests/s and latency percentiles,
   to ``wijkgraaf serve`` (on-disk store; its workers hold in-memory copies) and straight to
   ``oxigraph serve --union-default-graph``, on disk and in memory;
2. time limit: a cross product over the data with ``--time-limit`` seconds, while a second
   client keeps sending the simple SELECT: when the heavy query is answered (and with what),
   the latency of the fast queries meanwhile, and when the pool is whole again. Oxigraph's own
   ``--timeout-s`` is timed on the same query for comparison;
3. worker start: how long a fresh worker takes to answer its first query, by start method
   (``forkserver``, the one used, and ``spawn``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox

BIN = Path(sys.executable).parent
QUERY = ("PREFIX wg: <https://w3id.org/wijkgraaf/def#> "
         "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
         "SELECT ?s ?label WHERE { ?s a ?type ; skos:prefLabel ?label "
         "FILTER(LANG(?label) = 'nl') } ORDER BY ?s LIMIT 50")
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def _server(command: list[str], probe: str) -> Iterator[None]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(probe, timeout=2).status_code < 500:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"{command[0]} did not start")
        yield
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _prepare(data: str, work: Path) -> tuple[Path, Path, int]:
    """An on-disk Wijkgraaf store and an Oxigraph server directory with the same quads."""
    from graph.kb import BUNDLED_DIR, ensure_ready, load_paths
    from graph.store import EmbeddedStore

    source = {"mini": Path(__file__).resolve().parents[1] / "tests" / "data" / "mini.ttl",
              "bundled": BUNDLED_DIR}.get(data, Path(data))
    store = EmbeddedStore(work / "wijkgraaf")
    ensure_ready(store, bundled=False)
    load_paths(store, [source], check=False)
    quads = store.dump_quads()
    dump = work / "dump.nq"
    dump.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    store.flush()
    del store
    gc.collect()
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(work / "oxigraph"),
                    "--file", str(dump)], check=True, capture_output=True)
    return work / "wijkgraaf", work / "oxigraph", len(quads)


def _hammer(url: str, clients: int, seconds: float, data: dict) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        mine = []
        with httpx.Client(timeout=30) as http:
            while time.monotonic() < stop:
                started = time.perf_counter()
                response = http.post(url, data=data,
                                     headers={"Accept": "application/sparql-results+json"})
                mine.append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {"rps": len(latencies) / elapsed, "p50": latencies[len(latencies) // 2] * 1000,
            "p95": latencies[int(len(latencies) * 0.95)] * 1000, "n": len(latencies),
            "errors": errors[0]}


def _time_limit(url: str, data: dict, limit: float) -> dict:
    heavy: dict = {}

    give_up = limit * 5 + 10

    def run() -> None:
        started = time.monotonic()
        try:
            with httpx.Client(timeout=give_up) as http:
                response = http.post(url, data={**data, "query": HEAVY})
            status = str(response.status_code)
            if response.status_code == 200:  # a timed-out query that still says 200
                try:
                    ox.parse_query_results(response.content,
                                           format=ox.QueryResultsFormat.JSON).serialize(
                        format=ox.QueryResultsFormat.JSON)
                except (SyntaxError, ValueError):
                    status = "200, cut-off body"
        except httpx.TimeoutException:
            status = f"none in {give_up:g} s"
        heavy.update(seconds=time.monotonic() - started, status=status)

    thread = threading.Thread(target=run)
    thread.start()
    fast = []
    with httpx.Client(timeout=30) as http:
        time.sleep(0.1)
        while thread.is_alive():
            started = time.perf_counter()
            ok = http.post(url, data={**data, "query": QUERY}).status_code == 200
            fast.append((time.perf_counter() - started, ok))
        thread.join()
        answered = time.monotonic()
        # whole again: two queries at once both answered
        def ask(client: httpx.Client, out: list) -> None:
            out.append(client.post(url, data={**data, "query": QUERY}).status_code)

        while True:
            with httpx.Client(timeout=30) as other:
                results: list[int] = []
                pair = [threading.Thread(target=ask, args=(c, results)) for c in (http, other)]
                for t in pair:
                    t.start()
                for t in pair:
                    t.join()
            if results == [200, 200]:
                break
        whole = time.monotonic() - answered
    during = sorted(s for s, _ in fast)
    return {"heavy_s": heavy["seconds"], "status": heavy["status"],
            "fast_n": len(fast), "fast_ok": all(ok for _, ok in fast),
            "fast_p50": during[len(during) // 2] * 1000 if during else float("nan"),
            "fast_max": during[-1] * 1000 if during else float("nan"), "whole_s": whole}


def _worker_start(method: str, repeat: int = 5) -> float:
    from graph.query import DataSource, WorkerPool

    async def once() -> float:
        pool = WorkerPool(size=1, start_method=method)
        try:
            started = time.perf_counter()
            await pool.run({"op": "query", "sparql": "ASK {}", "format": "json"},
                           DataSource("memory", "", 0), time_limit=30)
            return time.perf_counter() - started
        finally:
            await pool.close()

    async def replaced() -> float:
        pool = WorkerPool(size=1, start_method=method)
        try:
            source = DataSource("memory", "", 0)
            await pool.run({"op": "query", "sparql": "ASK {}", "format": "json"}, source, 30)
            times = []
            for _ in range(repeat):
                values = " ".join(map(str, range(300)))
                slow = ("SELECT (COUNT(*) AS ?n) WHERE { VALUES ?a { %s } VALUES ?b { %s } "
                        "VALUES ?c { %s } BIND(?a * ?b * ?c AS ?d) FILTER(?d > -1) }"
                        % (values, values, values))
                with contextlib.suppress(Exception):
                    await pool.run({"op": "query", "sparql": slow, "format": "json"},
                                   source, time_limit=0.2)
                started = time.perf_counter()
                await pool.run({"op": "query", "sparql": "ASK {}", "format": "json"},
                               source, time_limit=30)
                times.append(time.perf_counter() - started)
            return statistics.median(times)
        finally:
            await pool.close()

    asyncio.run(once())  # the first start of a forkserver also starts the server
    return asyncio.run(replaced())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--data", default="bundled", help="mini, bundled or a directory")
    parser.add_argument("--time-limit", type=float, default=2.0)
    parser.add_argument("--workers", type=int, default=max(2, min(4, os.cpu_count() or 2)))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wijkgraaf-endpoint-bench-") as tmp:
        ours, theirs, n = _prepare(args.data, Path(tmp))
        wport, oport = _port(), _port()
        wurl, ourl = f"http://127.0.0.1:{wport}/sparql", f"http://127.0.0.1:{oport}/query"
        serve = [str(BIN / "wijkgraaf"), "serve", "--store", str(ours), "--port", str(wport),
                 "--no-bundled", "--no-access-log", "--log-level", "warning",
                 "--workers", str(args.workers), "--time-limit", str(args.time_limit)]
        oxi = [str(BIN / "oxigraph"), "serve", "--location", str(theirs), "--bind",
               f"127.0.0.1:{oport}", "--union-default-graph",
               "--timeout-s", str(int(args.time_limit))]
        rows = []
        with _server(serve, wurl + "?query=ASK%7B%7D"):
            for clients in (1, args.clients):
                rows.append(("wijkgraaf serve", clients,
                             _hammer(wurl, clients, args.seconds, {"query": QUERY})))
            limit_ours = _time_limit(wurl, {}, args.time_limit)
        with _server(oxi, ourl + "?query=ASK%7B%7D"):
            for clients in (1, args.clients):
                rows.append(("oxigraph serve (on disk)", clients,
                             _hammer(ourl, clients, args.seconds, {"query": QUERY})))
            limit_theirs = _time_limit(ourl, {}, args.time_limit)
        memory = [a for a in oxi if a not in {"--location", str(theirs)}]
        with _server(memory, ourl + "?query=ASK%7B%7D"):  # in memory, loaded over HTTP
            httpx.post(ourl.replace("/query", "/store"), content=(Path(tmp) / "dump.nq")
                       .read_bytes(), headers={"Content-Type": "application/n-quads"},
                       timeout=600).raise_for_status()
            for clients in (1, args.clients):
                rows.append(("oxigraph serve (in memory)", clients,
                             _hammer(ourl, clients, args.seconds, {"query": QUERY})))
    starts = {m: _worker_start(m) for m in ("forkserver", "spawn")}

    print(f"# SPARQL endpoint benchmark\n\n{platform.platform()}, Python "
          f"{platform.python_version()}, {os.cpu_count()} CPUs; {n} quads ({args.data}); "
          f"wijkgraaf serve with {args.workers} workers.\n")
    print("## Throughput: one simple SELECT (SPARQL JSON), keep-alive clients\n")
    print("| server | clients | requests/s | p50 ms | p95 ms | requests | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, clients, r in rows:
        print(f"| {name} | {clients} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | "
              f"{r['n']} | {r['errors']} |")
    print("\nRatio of requests/s, wijkgraaf serve ÷ oxigraph serve:\n")
    for other in ("oxigraph serve (on disk)", "oxigraph serve (in memory)"):
        base = {c: r["rps"] for name, c, r in rows if name == other}
        ratios = ", ".join(f"{clients} client(s) {r['rps'] / base[clients]:.2f}"
                           for name, clients, r in rows if name == "wijkgraaf serve")
        print(f"- against {other}: {ratios}")
    print(f"\n## Time limit ({args.time_limit:g} s): a cross product, while another client "
          "sends the simple SELECT\n")
    print("| server | heavy answered after s | status | fast queries meanwhile | "
          "fast p50 ms | fast max ms | all fast OK | whole again after s |")
    print("|---|---:|---:|---:|---:|---:|---|---:|")
    for name, r in (("wijkgraaf serve", limit_ours), ("oxigraph serve --timeout-s",
                                                       limit_theirs)):
        print(f"| {name} | {r['heavy_s']:.2f} | {r['status']} | {r['fast_n']} | "
              f"{r['fast_p50']:.1f} | {r['fast_max']:.1f} | {r['fast_ok']} | "
              f"{r['whole_s']:.2f} |")
    print("\n## Worker replacement: a killed worker's successor answers its first query after\n")
    print("| start method | median ms |")
    print("|---|---:|")
    for method, seconds in starts.items():
        print(f"| {method} | {seconds * 1000:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
