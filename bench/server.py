"""``python -m bench.server --triples 1M``: Wijkgraaf on real SPARQL servers, per click.

Generates the seeded graph (:mod:`bench.generate`) in a child process, loads it into
``oxigraph serve`` (with ``oxigraph load`` into the fresh database before the server starts;
``--protocol-load`` sends it through :class:`~graph.store.remote.RemoteStore` instead) and
into Virtuoso 7 (through the store: Graph Store chunks into a staging graph, one swap), each
on a fresh database in a temporary folder as the tests do, then times per click, through the
per-selection functions of :mod:`graph.analytics.selection` only (no whole projection), with
the selections forgotten before each click (the tables per store version, classification
values and labels, are kept: they are not per click):

- ``obstacle``: an obstacle page's ranking, from the obstacle's neighbourhood of depth 2;
- ``bridge cell``: the first page (50) of the biggest domain-pair cell's solutions, ranked,
  with the number in the cell (:func:`~graph.analytics.selection.pair_ranking`);
- ``ego2``: the neighbourhood of depth 2 of a solution (the network page);
- ``routes 5 pairs``: three routes for each of five pairs of organisation types
  (:func:`~graph.analytics.selection.party_routes`);
- ``agenda``: a draft agenda for three obstacles and an area
  (:func:`~graph.analytics.selection.agenda_selection`);

and, in the same run, the bare SPARQL requests each click sends (recorded, then sent again
with httpx and read to the end, nothing parsed): ``ratio`` is ours ÷ bare. Also the load time
the labels of every item (once per store version, as the app's pickers read them), and the
peak memory of this process (the app's part: the graph is generated and loaded in child
processes). Results go to stdout as a table and to ``--out`` as JSON.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate, parse_size, size_argument, write
from graph.analytics import selection
from graph.analytics.advice import rank_solutions
from graph.analytics.agenda import agenda
from graph.kb.loading import ensure_ready
from graph.store.remote import RemoteStore
from ontology.kinds import ORDER
from ontology.vocab import SOURCE_BASE, WG

__all__ = ["run", "main"]

SERVERS = ("oxigraph", "virtuoso")


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _oxigraph() -> Path:
    from tests.oxigraph_server import OXIGRAPH

    return OXIGRAPH


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
        store._query(q, None, store.results_type()).read()
    return time.perf_counter() - start


def _click(store: RemoteStore, fn, repeat: int) -> tuple[float, float, int]:
    best, bare, sent = float("inf"), float("inf"), 0
    for _ in range(repeat):
        selection.clear_clicks()
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
    solution = store.select(f"SELECT ?s WHERE {{ ?s <{WG.addresses}> ?o }} ORDER BY ?s LIMIT 1",
                            {"o": rows[len(rows) // 2]["o"]})[0]["s"].value
    area = store.select(f"SELECT ?a WHERE {{ ?c <{WG.tacklesObstacle}> ?o . ?c <{WG.inArea}> ?a }}"
                        " ORDER BY ?a LIMIT 1", {"o": rows[len(rows) // 2]["o"]})
    counts = selection.bridge_counts(store)
    pair = min(counts, key=lambda k: (-counts[k], k))
    types = [r["t"].value for r in store.select(
        f"SELECT ?t WHERE {{ ?t a <{WG.OrganisationType}> }} ORDER BY ?t LIMIT 10")]
    return {"obstacle": middle[0], "three": middle, "solution": solution,
            "area": area[0]["a"].value if area else None, "pair": pair,
            "types": list(zip(types[0::2], types[1::2]))}


def _clicks(store: RemoteStore, chosen: dict) -> dict:
    """The five clicks, each through the per-selection functions only."""
    one, three, (a, b) = chosen["obstacle"], chosen["three"], chosen["pair"]
    return {
        "obstacle": lambda: rank_solutions(selection.neighbourhood(store, [one], 2), [one]),
        "bridge cell": lambda: selection.pair_ranking(store, a, b),
        "ego2": lambda: selection.neighbourhood(store, [chosen["solution"]], 2),
        "routes 5 pairs": lambda: [selection.party_routes(store, x, y, k=3)
                                   for x, y in chosen["types"]],
        "agenda": lambda: agenda(selection.agenda_selection(store, three, chosen["area"]),
                                 three, neighbourhood=chosen["area"]),
    }


def _prepare(triples: int, seed: int, path: str) -> int:
    """In a child process (so the graph never sits in the app's memory): generate, write."""
    graph = generate(triples, seed=seed)
    write(path, graph)
    return len(graph)


def _load_child(url: str, path: str) -> float:
    """In a child process: the generated file through the store (Graph Store chunks, swap)."""
    import pyoxigraph as ox

    store = RemoteStore(url, timeout=3600)
    graph = list(ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES))
    t = time.perf_counter()
    store.replace_graphs({SOURCE_BASE + "bench.nt": graph}, [])
    return time.perf_counter() - t


def _child(fn, *args):
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(fn, args)


def run(triples: int, servers=SERVERS, seed: int = 0, repeat: int = 3, log=print,
        bulk: bool = True) -> dict:
    """Results per server (see the module text)."""
    results: dict = {"seed": seed, "servers": {}}
    with tempfile.TemporaryDirectory(prefix="bench-server-") as work:
        data = str(Path(work) / "bench.nt")
        log(f"generating {triples} triples (seed {seed})")
        results["triples"] = _child(_prepare, triples, seed, data)
        for name in servers:
            folder = Path(work) / name
            folder.mkdir()
            load = 0.0
            how = "bulk" if bulk and name == "oxigraph" else "graph store"
            if how == "bulk":  # `oxigraph load` into the database, before the server starts
                log(f"{name}: loading ({how})")
                t = time.perf_counter()
                subprocess.run([str(_oxigraph()), "load", "--location", str(folder / "db"),
                                "--file", data, "--graph", SOURCE_BASE + "bench.nt"],
                               check=True, capture_output=True)
                load = time.perf_counter() - t
            with _start(name, folder) as base:
                store = RemoteStore(_url(name, base), timeout=3600)
                ensure_ready(store, bundled=False)
                if how != "bulk":
                    log(f"{name}: loading ({how})")
                    load = _child(_load_child, _url(name, base), data)
                log(f"{name}: loaded in {load:.1f} s")
                chosen = _pick(store)
                t = time.perf_counter()  # per store version, not per click: the app's pickers
                names = sum(len(selection.labels(store, [kind])) for kind in ORDER)
                per_version = {"labels_seconds": round(time.perf_counter() - t, 2),
                               "labels": names}
                log(f"{name}: labels of {names} items in {per_version['labels_seconds']} s")
                rows = {}
                for click, fn in _clicks(store, chosen).items():
                    ours, bare, sent = _click(store, fn, repeat)
                    rows[click] = {"seconds": round(ours, 3), "bare_seconds": round(bare, 3),
                                   "ratio": round(ours / bare, 2) if bare else None,
                                   "requests": sent}
                    log(f"{name}: {click} {ours:.3f} s, bare {bare:.3f} s "
                        f"({sent} requests), ratio {rows[click]['ratio']}")
                results["servers"][name] = {"load_seconds": round(load, 1), "load": how,
                                            "clicks": rows, **per_version}
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
        out.append(f"| {name} | | labels of {r.get('labels')} items (per version) | "
                   f"{r.get('labels_seconds')} | | | |")
        for click, c in r["clicks"].items():
            out.append(f"| {name} | {r['load_seconds']} ({r['load']}) | {click} | {c['seconds']} | "
                       f"{c['bare_seconds']} | {c['ratio']} | {c['requests']} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.server", description=__doc__.split("\n")[0])
    p.add_argument("--triples", default="1M", type=size_argument,
                   help="size: 100k, 1M, 10M (default 1M)")
    p.add_argument("--servers", nargs="+", default=list(SERVERS), choices=SERVERS)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--repeat", type=int, default=3, help="clicks per operation, best taken")
    p.add_argument("--out", default="", help="a JSON file for the results")
    p.add_argument("--protocol-load", action="store_true",
                   help="load oxigraph through the Graph Store too (default: `oxigraph load`)")
    args = p.parse_args(argv)
    results = run(parse_size(args.triples), args.servers, args.seed, args.repeat,
                  log=lambda text: print(text, file=sys.stderr, flush=True),
                  bulk=not args.protocol_load)
    print(to_markdown(results))
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
