"""Time Wijkgraaf's analytics beside the bare library calls they build on, as ratios.

For each size a graph is generated (:mod:`bench.generate`), written as N-Triples and run
through every step twice — once through Wijkgraaf, once as the bare call on the same data:

=====================  ==========================================  ===========================
step                   Wijkgraaf                                   bare call
=====================  ==========================================  ===========================
load                   ``load_paths`` (no shape check) in memory   ``pyoxigraph.Store.bulk_load``
projection             ``project`` (two SELECTs → typed graph)     the same two SELECTs, raw
bridge_matrix          ``bridge_matrix`` on the projection         3 GROUP BY queries, raw
rank_organisation_type ``key_players`` (builds the collaboration   igraph betweenness +
                       graph, betweenness, structural holes, PR)   constraint on that graph
rank_solution          ``key_players`` (bipartite betweenness,     igraph betweenness (same
                       PageRank on the whole graph)                sources) + ARPACK PageRank
routes                 ``routes(k=3)`` for 5 seeded pairs          ``nx.shortest_simple_paths``
agenda                 ``agenda`` for 10 seeded obstacles          a bare greedy set cover
=====================  ==========================================  ===========================

``ratio`` = Wijkgraaf ÷ bare (best of ``repeat`` runs each; memoised views are cleared before
every Wijkgraaf run). The projection's bare call is the grouped SELECT it runs; the two row
SELECTs of earlier versions are timed beside it (``rows_s``). Where feasible (small graphs)
plain NetworkX is timed too, under ``networkx_s``.

Memory: the generator runs in a child process (its triples never sit in the benchmark's
memory). Per step, ``rss_mb`` is the process's peak so far, ``step_mb`` its peak during the
step and ``kept_mb`` what the step left (resident after minus before; Linux resets the peak
per step through ``/proc/self/clear_refs``). The benchmark holds two stores (Wijkgraaf's and
the bare one); what the app would hold is measured apart (``app``): a child process that
loads the store, builds the projection and the key views, with the resident memory of each
part and its peak.
"""

from __future__ import annotations

import json
import multiprocessing
import platform
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from itertools import islice
from pathlib import Path

import igraph as ig
import networkx as nx
import pyoxigraph as ox

from concurrent.futures import ProcessPoolExecutor

from bench.generate import generate, parse_size, write
from graph.analytics import (
    agenda, bridge_matrix, collaboration_graph, key_players, routes, solution_domain_graph,
    to_igraph, undirected_view,
)
from graph.kb import ensure_ready, load_paths, open_store
from graph.analytics import clear_cache, nodes_of_kind, out_index, project, queries
from graph.analytics.projection import row_queries
from ontology.vocab import WG

__all__ = ["run", "to_markdown", "main_args"]

_NX_LIMIT = 400  # nodes: above this the plain-NetworkX comparisons take too long to be worth it


def _best(fn: Callable[[], object], repeat: int, before: Callable[[], None] | None = None):
    best, value = float("inf"), None
    for _ in range(repeat):
        if before:
            before()
        t = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t)
    return best, value


def _rss_mb() -> float:
    """Peak resident memory of this process so far (since the last :func:`_reset_peak`)."""
    found = _status("VmHWM")
    if found is not None:
        return found
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def _status(field: str) -> float | None:
    """A memory line of ``/proc/self/status`` in MB (``None`` where there is none)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _reset_peak() -> None:
    """Start a new peak (Linux: ``5`` into ``/proc/self/clear_refs`` resets VmHWM)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError:
        pass


class _Memory:
    """Resident memory around one step: its peak and what it left."""

    def __init__(self) -> None:
        self.peak_so_far = 0.0
        self.before = 0.0

    def start(self) -> None:
        self.peak_so_far = max(self.peak_so_far, _rss_mb())
        self.before = _status("VmRSS") or _rss_mb()
        _reset_peak()

    def stop(self) -> tuple[float, float, float]:
        """(peak of the process so far, peak during the step, kept by the step) in MB."""
        step = _rss_mb()
        self.peak_so_far = max(self.peak_so_far, step)
        after = _status("VmRSS") or step
        return self.peak_so_far, step, round(after - self.before, 1)


def _spawn():
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))


def _write_generated(triples: int, seed: int, path: str) -> int:
    """(In a child process.) Generate and write a graph; return its number of triples."""
    data = generate(triples, seed)
    write(path, data)
    return len(data)


def _app_memory(path: str) -> dict:
    """(In a child process.) Resident memory of what the app holds: the store (loaded as
    ``wijkgraaf app --data`` loads it, in memory), the projection (with its undirected view)
    and the key views (bridge matrix, key players), each in MB, and the peak."""
    rss = [_status("VmRSS") or _rss_mb()]
    store = ensure_ready(open_store(), bundled=False)
    load_paths(store, [Path(path)], check=False, who="bench")
    rss.append(_status("VmRSS") or _rss_mb())
    G = project(store)
    rss.append(_status("VmRSS") or _rss_mb())
    bridge_matrix(G)
    for kind in ("organisation_type", "solution", "obstacle"):
        key_players(G, kind)
    rss.append(_status("VmRSS") or _rss_mb())
    return {"start_mb": rss[0], "store_mb": round(rss[1] - rss[0], 1),
            "projection_mb": round(rss[2] - rss[1], 1), "views_mb": round(rss[3] - rss[2], 1),
            "peak_mb": _rss_mb()}


def _raw_rows(store: ox.Store, sparql: str) -> int:
    return sum(1 for _ in store.query(sparql))


_RAW_BRIDGES = [
    f"SELECT ?a ?b (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s <{WG}bridgesDomain> ?a, ?b "
    f"FILTER(STR(?a) < STR(?b)) }} GROUP BY ?a ?b",
    f"SELECT ?a ?b (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s <{WG}addresses> ?x, ?y . "
    f"?x <{WG}affectsDomain> ?a . ?y <{WG}affectsDomain> ?b FILTER(STR(?a) < STR(?b)) }} "
    f"GROUP BY ?a ?b",
    f"SELECT ?a ?b (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?o <{WG}affectsDomain> ?a, ?b "
    f"FILTER(STR(?a) < STR(?b)) }} GROUP BY ?a ?b",
]


def _greedy_cover(sets: dict[str, set[str]], universe: set[str]) -> list[str]:
    chosen, open_ = [], set(universe)
    while open_:
        best = max(sets, key=lambda s: (len(sets[s] & open_), s), default=None)
        if best is None or not sets[best] & open_:
            break
        chosen.append(best)
        open_ -= sets[best]
    return chosen


def _size(triples: int, seed: int, repeat: int, workdir: Path, log) -> dict:
    path = workdir / f"bench-{triples}.nt"
    with _spawn() as pool:  # the generator's triples live and die in a child process
        count = pool.submit(_write_generated, triples, seed, str(path)).result()
    steps: list[dict] = []
    memory = _Memory()

    def record(name, ours, raw, what, networkx=None, **extra):
        rss, step, kept = memory.stop()
        steps.append({"step": name, "ours_s": round(ours, 6), "raw_s": round(raw, 6),
                      "ratio": round(ours / raw, 2) if raw else None, "raw": what,
                      "networkx_s": None if networkx is None else round(networkx, 6),
                      "rss_mb": rss, "step_mb": step, "kept_mb": kept, **extra})
        log(f"  {name:<24} {ours:9.4f} s  bare {raw:9.4f} s  ×{steps[-1]['ratio']}  "
            f"peak {step:.0f} MB, kept {kept:.0f} MB")

    def ours_load():
        store = ensure_ready(open_store(), bundled=False)
        load_paths(store, [path], check=False, who="bench")
        return store

    def raw_load():
        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        return store

    memory.start()
    t_ours, store = _best(ours_load, repeat)
    t_raw, raw = _best(raw_load, repeat)
    record("load", t_ours, t_raw, "pyoxigraph bulk_load")

    memory.start()
    t_ours, G = _best(lambda: project(store, cache=False), repeat)
    t_raw, _ = _best(lambda: [_raw_rows(raw, q) for q in queries()], repeat)
    t_rows, _ = _best(lambda: [_raw_rows(raw, q) for q in row_queries()], repeat)
    record("projection", t_ours, t_raw, f"the grouped SELECT on pyoxigraph (the two row "
           f"SELECTs: {t_rows:.4f} s)", rows_s=round(t_rows, 6))

    memory.start()
    t_ours, _ = _best(lambda: bridge_matrix(G), repeat, clear_cache)
    t_raw, _ = _best(lambda: [_raw_rows(raw, q) for q in _RAW_BRIDGES], repeat)
    record("bridge_matrix", t_ours, t_raw, "3 GROUP BY queries on pyoxigraph")
    raw = None  # the bare store is not needed any more

    C = collaboration_graph(G)
    memory.start()
    t_ours, _ = _best(lambda: key_players(G, "organisation_type"), repeat, clear_cache)
    g, _nodes = to_igraph(C, "weight")
    t_raw, _ = _best(lambda: (g.betweenness(directed=False), g.constraint(weights="w")), repeat)
    t_nx = None
    if C.number_of_nodes() <= 60:
        t_nx, _ = _best(lambda: (nx.betweenness_centrality(C),
                                 nx.effective_size(C, weight="weight"),
                                 nx.constraint(C, weight="weight")), 1)
    record("rank_organisation_type", t_ours, t_raw, "igraph betweenness + constraint", t_nx)

    B, H = solution_domain_graph(G), undirected_view(G)
    gb, _ = to_igraph(B, None)
    gh, _ = to_igraph(H, None)
    memory.start()
    n = B.number_of_nodes()
    sources = random.Random(42).sample(range(n), 256) if n > 2000 else None
    t_ours, ranking = _best(lambda: key_players(G, "solution"), repeat, clear_cache)
    t_raw, _ = _best(lambda: (gb.betweenness(directed=False, sources=sources),
                              gh.pagerank(directed=False, implementation="arpack")), repeat)
    t_nx = None
    if n <= _NX_LIMIT:
        t_nx, _ = _best(lambda: nx.betweenness_centrality(B), 1)
    record("rank_solution", t_ours, t_raw, "igraph betweenness + PageRank", t_nx)

    rng = random.Random(seed)
    obstacles, orgs = nodes_of_kind(G, "obstacle"), nodes_of_kind(G, "organisation")
    pairs = [(rng.choice(obstacles), rng.choice(orgs)) for _ in range(5)]
    memory.start()
    t_ours, _ = _best(lambda: [routes(G, a, b, k=3) for a, b in pairs], repeat)
    t_raw, _ = _best(lambda: [list(islice(nx.shortest_simple_paths(H, a, b), 3))
                              for a, b in pairs], repeat)
    record("routes", t_ours, t_raw, "nx.shortest_simple_paths, first 3")

    chosen = rng.sample(obstacles, min(10, len(obstacles)))
    sets = {s: set(os) for s, os in out_index(G, "addresses").items()}
    memory.start()
    t_ours, _ = _best(lambda: agenda(G, chosen), repeat)
    t_raw, _ = _best(lambda: _greedy_cover(sets, set(chosen)), repeat)
    record("agenda", t_ours, t_raw, "bare greedy set cover")

    return {"triples": count, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
            "betweenness": ranking.method.get("en"), "steps": steps}


def _app(path: Path, log) -> dict:
    with _spawn() as pool:
        app = pool.submit(_app_memory, str(path)).result()
    log(f"  app process: store {app['store_mb']:.0f} MB, projection {app['projection_mb']:.0f}"
        f" MB, views {app['views_mb']:.0f} MB, peak {app['peak_mb']:.0f} MB")
    path.unlink()
    return app


def run(sizes: Sequence[str | int], seed: int = 0, repeat: int | None = None,
        log: Callable[[str], None] | None = None) -> dict:
    """Benchmark every size (``"10k"``, ``"100k"``, ``"1M"`` or a number of triples).

    ``repeat`` defaults to 3 up to 100k triples and 1 above. Returns plain data (see
    :func:`to_markdown`).
    """
    log = log or (lambda text: None)
    results = {"python": platform.python_version(), "machine": platform.machine(),
               "system": platform.system(), "networkx": nx.__version__,
               "igraph": ig.__version__, "pyoxigraph": ox.__version__, "seed": seed,
               "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="wijkgraaf-bench-") as tmp:
        for size in sizes:
            triples = parse_size(size)
            log(f"{size}: {triples} triples")
            found = _size(triples, seed, repeat or (3 if triples <= 100_000 else 1), Path(tmp),
                          log)
            clear_cache()  # the projections of this size go before the app is measured
            found["app"] = _app(Path(tmp) / f"bench-{triples}.nt", log)
            results["sizes"][str(size)] = found
    return results


def to_markdown(results: dict) -> str:
    """The results as Markdown: one table per size."""
    lines = ["# Wijkgraaf benchmark", "",
             f"Python {results['python']} on {results['system']} {results['machine']}; "
             f"NetworkX {results['networkx']}, igraph {results['igraph']}, pyoxigraph "
             f"{results['pyoxigraph']}; seed {results['seed']}. Times are the best of the "
             f"runs; ratio = Wijkgraaf ÷ bare call (lower is better; < 1 is faster than the "
             f"bare call); rss = peak resident memory of the process so far, step peak = "
             f"its peak during the step, kept = what the step left resident.", ""]
    for size, r in results["sizes"].items():
        lines += [f"## {size}: {r['triples']:,} triples, {r['nodes']:,} nodes, "
                  f"{r['edges']:,} edges", "", f"Betweenness: {r['betweenness']}.", "",
                  "| step | Wijkgraaf (s) | bare (s) | ratio | bare call | NetworkX (s) "
                  "| rss (MB) | step peak (MB) | kept (MB) |",
                  "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
        for s in r["steps"]:
            nx_s = "" if s["networkx_s"] is None else f"{s['networkx_s']:.4f}"
            lines.append(f"| {s['step']} | {s['ours_s']:.4f} | {s['raw_s']:.4f} | "
                         f"{s['ratio']} | {s['raw']} | {nx_s} | {s['rss_mb']} | "
                         f"{s.get('step_mb', '')} | {s.get('kept_mb', '')} |")
        app = r.get("app")
        if app:
            lines += ["", f"App process (store, projection and key views in a process of "
                      f"their own): store {app['store_mb']} MB, projection "
                      f"{app['projection_mb']} MB, views {app['views_mb']} MB on "
                      f"{app['start_mb']} MB at start; peak {app['peak_mb']} MB."]
        lines.append("")
    return "\n".join(lines)


def main_args(sizes: Sequence[str], seed: int, repeat: int | None, out: str | None,
              quiet: bool = False) -> int:
    """Run, print the Markdown, and write ``<out>/bench.json`` and ``<out>/bench.md``."""
    def log(text: str) -> None:
        if not quiet:
            print(text, file=sys.stderr, flush=True)

    results = run(sizes, seed=seed, repeat=repeat, log=log)
    markdown = to_markdown(results)
    print(markdown)
    if out:
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "bench.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        (folder / "bench.md").write_text(markdown + "\n", encoding="utf-8")
        log(f"→ {folder / 'bench.json'}, {folder / 'bench.md'}")
    return 0
