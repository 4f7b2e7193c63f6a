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
every Wijkgraaf run). ``rss_mb`` is the process's peak resident memory after the step.
Where feasible (small graphs) plain NetworkX is timed too, under ``networkx_s``.
"""

from __future__ import annotations

import json
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

from bench.generate import generate, parse_size, write
from graph.analytics import (
    agenda, bridge_matrix, collaboration_graph, key_players, routes, solution_domain_graph,
    to_igraph, undirected_view,
)
from graph.kb import ensure_ready, load_paths, open_store
from graph.analytics import clear_cache, nodes_of_kind, out_index, project, queries
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
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


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
    data = generate(triples, seed)
    path = write(workdir / f"bench-{triples}.nt", data)
    steps: list[dict] = []

    def record(name, ours, raw, what, networkx=None):
        steps.append({"step": name, "ours_s": round(ours, 6), "raw_s": round(raw, 6),
                      "ratio": round(ours / raw, 2) if raw else None, "raw": what,
                      "networkx_s": None if networkx is None else round(networkx, 6),
                      "rss_mb": _rss_mb()})
        log(f"  {name:<24} {ours:9.4f} s  bare {raw:9.4f} s  ×{steps[-1]['ratio']}")

    def ours_load():
        store = ensure_ready(open_store(), bundled=False)
        load_paths(store, [path], check=False, who="bench")
        return store

    def raw_load():
        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        return store

    t_ours, store = _best(ours_load, repeat)
    t_raw, raw = _best(raw_load, repeat)
    record("load", t_ours, t_raw, "pyoxigraph bulk_load")

    t_ours, G = _best(lambda: project(store, cache=False), repeat)
    t_raw, _ = _best(lambda: [_raw_rows(raw, q) for q in queries()], repeat)
    record("projection", t_ours, t_raw, "the two SELECTs on pyoxigraph")

    t_ours, _ = _best(lambda: bridge_matrix(G), repeat, clear_cache)
    t_raw, _ = _best(lambda: [_raw_rows(raw, q) for q in _RAW_BRIDGES], repeat)
    record("bridge_matrix", t_ours, t_raw, "3 GROUP BY queries on pyoxigraph")

    C = collaboration_graph(G)
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
    t_ours, _ = _best(lambda: [routes(G, a, b, k=3) for a, b in pairs], repeat)
    t_raw, _ = _best(lambda: [list(islice(nx.shortest_simple_paths(H, a, b), 3))
                              for a, b in pairs], repeat)
    record("routes", t_ours, t_raw, "nx.shortest_simple_paths, first 3")

    chosen = rng.sample(obstacles, min(10, len(obstacles)))
    sets = {s: set(os) for s, os in out_index(G, "addresses").items()}
    t_ours, _ = _best(lambda: agenda(G, chosen), repeat)
    t_raw, _ = _best(lambda: _greedy_cover(sets, set(chosen)), repeat)
    record("agenda", t_ours, t_raw, "bare greedy set cover")

    return {"triples": len(data), "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
            "betweenness": ranking.method.get("en"), "steps": steps}


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
            results["sizes"][str(size)] = _size(triples, seed, repeat or (3 if triples <= 100_000
                                                                          else 1),
                                                Path(tmp), log)
    return results


def to_markdown(results: dict) -> str:
    """The results as Markdown: one table per size."""
    lines = ["# Wijkgraaf benchmark", "",
             f"Python {results['python']} on {results['system']} {results['machine']}; "
             f"NetworkX {results['networkx']}, igraph {results['igraph']}, pyoxigraph "
             f"{results['pyoxigraph']}; seed {results['seed']}. Times are the best of the "
             f"runs; ratio = Wijkgraaf ÷ bare call (lower is better; < 1 is faster than the "
             f"bare call); rss = peak resident memory of the process so far.", ""]
    for size, r in results["sizes"].items():
        lines += [f"## {size}: {r['triples']:,} triples, {r['nodes']:,} nodes, "
                  f"{r['edges']:,} edges", "", f"Betweenness: {r['betweenness']}.", "",
                  "| step | Wijkgraaf (s) | bare (s) | ratio | bare call | NetworkX (s) "
                  "| rss (MB) |", "| --- | ---: | ---: | ---: | --- | ---: | ---: |"]
        for s in r["steps"]:
            nx_s = "" if s["networkx_s"] is None else f"{s['networkx_s']:.4f}"
            lines.append(f"| {s['step']} | {s['ours_s']:.4f} | {s['raw_s']:.4f} | "
                         f"{s['ratio']} | {s['raw']} | {nx_s} | {s['rss_mb']} |")
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
