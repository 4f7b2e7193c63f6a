"""``python -m bench.server --triples 1M``: Wijkgraaf on real SPARQL servers, per click.

Generates the seeded graph (:mod:`bench.generate`), starts ``oxigraph serve`` and Virtuoso 7
(each on a fresh database in a temporary folder, as the tests do), loads the graph through
:class:`~graph.store.remote.RemoteStore` (Graph Store chunks into a staging graph, one swap),
and times per click, with no cache (each click as if the version were new):

- ``obstacle``: an obstacle page's ranking, from the obstacle's neighbourhood of depth 2;
- ``ego2``: the neighbourhood of depth 2 of a solution (the network page);
- ``agenda``: a draft agenda for three obstacles, from their neighbourhood of depth 2;
- ``bridges``: the domain × domain counts of stated bridges (one GROUP BY);

and, in the same run, the bare SPARQL requests each click sends (recorded, then sent again
with httpx and read to the end, nothing parsed): ``ratio`` is ours ÷ bare. Also the load time
and the peak memory of this (the app's) process. Results go to stdout as a table and to
``--out`` as JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate, parse_size
from graph.analytics import selection
from graph.analytics.advice import rank_solutions
from graph.analytics.agenda import agenda
from graph.kb.loading import ensure_ready
from graph.store.remote import RemoteStore
from ontology.vocab import SOURCE_BASE, WG

__all__ = ["run", "main"]

SERVERS = ("oxigraph", "virtuoso")


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _start(name: str, folder: Path):
    from tests.oxigraph_server import oxigraph_server, virtuoso_server

    if name == "oxigraph":
        return oxigraph_server(folder / "db")
    return virtuoso_server(folder / "db", buffers=170000)  # 1.3 GiB of pages


def _url(name: str, base: str) -> str:
    from tests.oxigraph_server import virtuoso_store_url

    return base + "/query" if name == "oxigraph" else virtuoso_store_url(base)


class _Recorder:
    """Records the SELECT texts a click sends, to send them again bare."""

    def __init__(self, store: RemoteStore) -> None:
        self.store, self.sent = store, []
        self._select = store.select

    def __enter__(self):
        def select(sparql, bindings=None):
            self.sent.append(sparql)
            return self._select(sparql, bindings)
        self.store.select = select
        return self

    def __exit__(self, *exc) -> None:
        del self.store.select


def _bare(store: RemoteStore, queries: list[str]) -> float:
    """Seconds to send ``queries`` as the store does (same dataset), bodies read, unparsed."""
    start = time.perf_counter()
    for q in queries:
        store._query(q, None, "application/sparql-results+json").read()
    return time.perf_counter() - start


def _click(store: RemoteStore, fn, repeat: int) -> tuple[float, float, int]:
    best, bare, sent = float("inf"), float("inf"), 0
    for _ in range(repeat):
        selection._CACHE.clear()
        with _Recorder(store) as rec:
            t = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t)
        bare = min(bare, _bare(store, rec.sent))
        sent = len(rec.sent)
    return best, bare, sent


def _pick(store: RemoteStore) -> dict[str, object]:
    rows = store.select(
        f"SELECT ?o (COUNT(?s) AS ?n) WHERE {{ ?s <{WG.addresses}> ?o }} GROUP BY ?o "
        "ORDER BY DESC(?n) ?o LIMIT 200")
    obstacles = [r["o"].value for r in rows]
    middle = obstacles[len(obstacles) // 2:][:3]
    solution = store.select(f"SELECT ?s WHERE {{ ?s <{WG.addresses}> ?o }} LIMIT 1",
                            {"o": rows[len(rows) // 2]["o"]})[0]["s"].value
    return {"obstacle": middle[0], "three": middle, "solution": solution}


def _clicks(store: RemoteStore, chosen: dict) -> dict:
    one, three = chosen["obstacle"], chosen["three"]
    return {
        "obstacle": lambda: rank_solutions(selection.neighbourhood(store, [one], 2), [one]),
        "ego2": lambda: selection.neighbourhood(store, [chosen["solution"]], 2),
        "agenda": lambda: agenda(selection.neighbourhood(store, three, 2), three),
        "bridges": lambda: selection.bridge_counts(store),
    }


def run(triples: int, servers=SERVERS, seed: int = 0, repeat: int = 3, log=print) -> dict:
    """Results per server (see the module text)."""
    log(f"generating {triples} triples (seed {seed})")
    graph = generate(triples, seed=seed)
    results: dict = {"triples": len(graph), "seed": seed, "servers": {}}
    for name in servers:
        with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as folder, \
                _start(name, Path(folder)) as base:
            store = RemoteStore(_url(name, base), timeout=3600)
            ensure_ready(store, bundled=False)
            log(f"{name}: loading")
            t = time.perf_counter()
            store.replace_graphs({SOURCE_BASE + "bench.nt": graph}, [])
            load = time.perf_counter() - t
            log(f"{name}: loaded in {load:.1f} s")
            chosen = _pick(store)
            clicks = _clicks(store, chosen)
            rows = {}
            for click, fn in clicks.items():
                ours, bare, sent = _click(store, fn, repeat)
                rows[click] = {"seconds": round(ours, 3), "bare_seconds": round(bare, 3),
                               "ratio": round(ours / bare, 2) if bare else None,
                               "requests": sent}
                log(f"{name}: {click} {ours:.3f} s, bare {bare:.3f} s "
                    f"({sent} requests), ratio {rows[click]['ratio']}")
            results["servers"][name] = {"load_seconds": round(load, 1), "clicks": rows}
            store.close()
    results["peak_rss_mb"] = _rss_mb()
    return results


def to_markdown(results: dict) -> str:
    """The results as a Markdown table."""
    out = [f"{results['triples']} triples, peak memory of the app process "
           f"{results['peak_rss_mb']} MB", "",
           "| server | load s | click | ours s | bare SPARQL s | ratio | requests |",
           "|---|---|---|---|---|---|---|"]
    for name, r in results["servers"].items():
        for click, c in r["clicks"].items():
            out.append(f"| {name} | {r['load_seconds']} | {click} | {c['seconds']} | "
                       f"{c['bare_seconds']} | {c['ratio']} | {c['requests']} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.server", description=__doc__.split("\n")[0])
    p.add_argument("--triples", default="1M", help="size: 100k, 1M, 10M (default 1M)")
    p.add_argument("--servers", nargs="+", default=list(SERVERS), choices=SERVERS)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--repeat", type=int, default=3, help="clicks per operation, best taken")
    p.add_argument("--out", default="", help="a JSON file for the results")
    args = p.parse_args(argv)
    results = run(parse_size(args.triples), args.servers, args.seed, args.repeat,
                  log=lambda text: print(text, file=sys.stderr, flush=True))
    print(to_markdown(results))
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
