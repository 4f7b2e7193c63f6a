"""Centrality kernels for the analytics: betweenness, PageRank and structural holes.

The graphs stay NetworkX; the heavy kernels run in igraph (betweenness, PageRank) or NumPy
(effective size and constraint), chosen by measurement in ``bench/``: igraph was 7–35× faster
for betweenness, conversion included, from 10 to 3,000 nodes, and PageRank needs no SciPy.
The collaboration graph the key players are ranked on is built straight in igraph from the
projection's edge arrays (:func:`collaboration`, a :class:`WeightedGraph`; at 1M triples
0.1 s where the NetworkX graph took 2 s); every kernel here takes it as well as a NetworkX
graph.
Above ``exact_limit`` nodes betweenness is estimated from ``samples`` random sources with a
fixed seed, and the standard error of the estimate is reported per node.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import igraph as ig
import networkx as nx
import numpy as np

from graph.analytics.arrays import co_members, edge_pairs
from graph.analytics.common import both
from graph.analytics.projection import ORG_CLASSIFICATION, edge_table, memoize
from ontology import WG

__all__ = ["Centrality", "betweenness", "pagerank", "structural_holes", "to_igraph",
           "PRPACK_FROM", "WeightedGraph", "collaboration", "whole_graph"]

PRPACK_FROM = 20_000  # nodes; see pagerank()


@dataclass(frozen=True)
class Centrality:
    """Scores per node; ``stderr`` per node when sampled (else ``None``); ``note`` says how."""

    values: dict[str, float]
    stderr: dict[str, float] | None
    note: dict[str, str]


@dataclass(frozen=True, eq=False)
class WeightedGraph:
    """A simple undirected graph held in igraph: ``g`` (tie strengths in the edge attribute
    ``"w"``) and ``nodes`` in vertex order. Iterating gives the nodes; ``degree(n)`` the
    number of neighbours, as on a NetworkX graph.

    >>> C = WeightedGraph(ig.Graph(n=3, edges=[(0, 1)], edge_attrs={"w": [2.0]}), ["a", "b", "c"])
    >>> list(C), C.degree("b"), C.number_of_nodes()
    (['a', 'b', 'c'], 1, 3)
    """

    g: ig.Graph
    nodes: list
    #: the links as vertex pairs and their strengths, when known (saves reading them back)
    links: np.ndarray | None = None
    weights: np.ndarray | None = None

    def __iter__(self):
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def degree(self, node) -> int:
        return self.g.degree(self._index()[node])

    def _index(self) -> dict:
        return memoize(self, "index", lambda: {n: i for i, n in enumerate(self.nodes)})


def collaboration(G: nx.MultiDiGraph, level: str = "organisation_type") -> WeightedGraph:
    """The collaboration graph of :func:`~graph.analytics.views.collaboration_graph` (same
    nodes, links and weights, without the lists of solutions and cases) built in igraph from
    the projection's edge arrays; memoised per projection.

    >>> from graph.analytics.common import example_graph, short_id
    >>> C = collaboration(example_graph())
    >>> [short_id(n) for n in C], C.g.ecount(), C.g.es["w"]
    (['ot-gemeente', 'ot-ggd', 'ot-woningcorporatie'], 1, [2.0])
    """
    if level not in {"organisation_type", "organisation"}:
        raise ValueError(f"level {level!r}: use 'organisation_type' or 'organisation'")

    def compute():
        orgs = [str(WG.involvesOrganisation), str(WG.contactOrganisation)]
        if level == "organisation_type":
            groups = [("case", orgs, ORG_CLASSIFICATION),
                      ("solution", [str(WG.involvesOrganisationType), str(WG.decidedBy)],
                       None)]
        else:
            groups = [("case", orgs, None)]
        nodes, links, weight = co_members(edge_table(G), groups, level)
        g = ig.Graph(n=len(nodes), edges=links.tolist())
        g.es["w"] = weight.tolist()
        return WeightedGraph(g, nodes, links.reshape(-1, 2), weight)
    return memoize(G, ("collaboration-igraph", level), compute)


def whole_graph(G: nx.MultiDiGraph) -> tuple[ig.Graph, list]:
    """The whole projection as a simple undirected igraph graph (multiple links and loops
    merged), nodes sorted, edges added in sorted order; memoised per projection.

    >>> from graph.analytics.common import example_graph
    >>> g, nodes = whole_graph(example_graph())
    >>> g.vcount(), g.ecount(), g.is_simple()
    (20, 45, True)
    """
    def compute():
        t = edge_table(G)
        g = ig.Graph(n=len(t.nodes), edges=edge_pairs(t).tolist())
        g.simplify(multiple=True, loops=True)
        return g, t.nodes
    return memoize(G, "whole-igraph", compute)


def to_igraph(H: nx.Graph, weight: str | None = None) -> tuple[ig.Graph, list]:
    """``H`` as an igraph graph (weights, if any, in the edge attribute ``"w"``) and the node
    list in igraph's vertex order; memoised per graph. A :class:`WeightedGraph` is already one.

    >>> g, nodes = to_igraph(nx.path_graph(3))
    >>> g.vcount(), g.ecount(), nodes
    (3, 2, [0, 1, 2])
    """
    if isinstance(H, WeightedGraph):
        return H.g, H.nodes

    def compute():
        # nodes and edges in sorted order, so floating-point results do not depend on the
        # order in which a backend returned the triples
        nodes = sorted(H, key=str)
        index = {n: i for i, n in enumerate(nodes)}
        edges = sorted(((index[u], index[v], d) for u, v, d in H.edges(data=True)),
                       key=lambda e: (e[0], e[1]))
        g = ig.Graph(n=len(nodes), edges=[(u, v) for u, v, _ in edges])
        if weight:
            g.es["w"] = [float(d.get(weight, 1)) for _, _, d in edges]
        return g, nodes
    return memoize(H, ("igraph", weight), compute)


def betweenness(H: nx.Graph, *, exact_limit: int = 2000, samples: int = 256, seed: int = 42,
                backend: str = "igraph") -> Centrality:
    """Normalised betweenness of an undirected graph (hops, not weights).

    Parameters
    ----------
    H : nx.Graph
        Any undirected graph.
    exact_limit : int
        Up to this many nodes the betweenness is exact.
    samples, seed : int
        Above ``exact_limit``, it is estimated from ``samples`` random sources (``seed``) in
        8 batches; each node's standard error comes from the spread between batches.
    backend : {"igraph", "networkx"}
        ``"networkx"`` runs ``nx.betweenness_centrality`` instead (same values, slower).

    Returns
    -------
    Centrality
        ``values``, ``stderr`` (``None`` when exact) and a ``note`` (nl, en) on the method.

    Examples
    --------
    >>> b = betweenness(nx.path_graph(5))
    >>> [round(b.values[n], 3) for n in range(5)], b.stderr
    ([0.0, 0.5, 0.667, 0.5, 0.0], None)
    """
    n = H.number_of_nodes()
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    if backend == "networkx":
        values = nx.betweenness_centrality(H) if n else {}
        return Centrality(values, None, both("exact (NetworkX)", "exact (NetworkX)"))
    g, nodes = to_igraph(H, None)
    if n <= exact_limit or samples >= n:
        raw = g.betweenness(directed=False) if n else []
        return Centrality({u: b * scale for u, b in zip(nodes, raw)}, None,
                          both("exact (igraph)", "exact (igraph)"))
    chosen = random.Random(seed).sample(range(n), samples)
    batches = [chosen[i::8] for i in range(8)]
    estimates = [[b * scale * n / len(batch) for b in g.betweenness(directed=False,
                                                                     sources=batch)]
                 for batch in batches]
    mean = [sum(col) / len(col) for col in zip(*estimates)]
    fpc = 1 - samples / n
    err = [math.sqrt(fpc * sum((x - m) ** 2 for x in col) / (len(col) - 1) / len(col))
           for col, m in zip(zip(*estimates), mean)]
    top = sorted(range(n), key=lambda i: -mean[i])[:10]
    rel = sorted(err[i] / mean[i] for i in top if mean[i] > 0)
    median = rel[len(rel) // 2] if rel else 0.0
    note = both(f"geschat uit {samples} van {n} bronnen (igraph, seed {seed}); standaardfout "
                f"van de top 10 mediaan {median:.0%}",
                f"estimated from {samples} of {n} sources (igraph, seed {seed}); standard error "
                f"of the top 10 median {median:.0%}")
    return Centrality(dict(zip(nodes, mean)), dict(zip(nodes, err)), note)


def pagerank(H: nx.Graph, weight: str | None = None, damping: float = 0.85) -> dict[str, float]:
    """PageRank of an undirected graph, by igraph (NetworkX's own needs SciPy).

    The solver is chosen by measurement: ARPACK up to ``PRPACK_FROM`` nodes (3 ms at 10k
    triples, 40 ms at 100k, every time: PRPACK took up to 0.65 s now and then on graphs it
    otherwise does in 1 ms), PRPACK above (1M triples: 0.7 s against ARPACK's 1.2–2.9 s).

    Parameters
    ----------
    H : nx.Graph
        Any undirected graph.
    weight : str, optional
        Edge attribute with tie strengths.
    damping : float
        Chance of following a link rather than jumping anywhere.

    Returns
    -------
    dict
        Node → PageRank; the values sum to 1.

    Examples
    --------
    >>> pr = pagerank(nx.star_graph(3))
    >>> round(pr[0], 3), round(sum(pr.values()), 6)
    (0.48, 1.0)
    """
    if not H.number_of_nodes():
        return {}
    g, nodes = to_igraph(H, weight)
    solver = "prpack" if g.vcount() > PRPACK_FROM else "arpack"
    values = g.pagerank(directed=False, damping=damping, weights="w" if weight else None,
                        implementation=solver)
    # ARPACK starts from a random vector: round off the last digits so runs agree exactly
    return {n: round(v, 12) for n, v in zip(nodes, values)}


def _holes(nodes: list, A: np.ndarray) -> tuple[dict, dict]:
    """Effective size and constraint from the dense tie-strength matrix ``A`` (as in
    NetworkX's SciPy path)."""
    tie = A > 0
    alone = ~tie.any(axis=1)
    sums, peaks = A.sum(axis=1, keepdims=True), A.max(axis=1, keepdims=True)
    P = np.divide(A, sums, out=np.zeros_like(A), where=sums > 0)
    M = np.divide(A, peaks, out=np.zeros_like(A), where=peaks > 0)
    size = np.where(tie, 1 - P @ M.T, 0).sum(axis=1)
    cons = np.where(tie, (P + P @ P) ** 2, 0).sum(axis=1)
    size[alone] = cons[alone] = np.nan
    return dict(zip(nodes, size.tolist())), dict(zip(nodes, cons.tolist()))


def structural_holes(H: nx.Graph, weight: str | None = None,
                     dense_limit: int = 2000) -> tuple[dict, dict]:
    """Burt's effective size and constraint of every node, as ``nx.effective_size`` and
    ``nx.constraint`` define them (``nan`` for isolated nodes; self-loops ignored).

    NetworkX without SciPy computes these pair by pair (0.8 s on the bundled 30-type
    collaboration graph, minutes on a dense 170-type one). Here, up to ``dense_limit``
    nodes, both come from dense NumPy matrices as in NetworkX's SciPy path; above it (where
    graphs are sparse) from each node's tie shares computed once.

    Parameters
    ----------
    H : nx.Graph
        An undirected graph.
    weight : str, optional
        Edge attribute with tie strengths (default: every tie 1).
    dense_limit : int
        Largest graph handled with dense matrices (memory grows with its square).

    Returns
    -------
    (dict, dict)
        Effective size and constraint per node.

    Examples
    --------
    >>> size, cons = structural_holes(nx.star_graph(3))
    >>> size[0], round(cons[0], 3), cons[1]
    (3.0, 0.333, 1.0)
    """
    if isinstance(H, WeightedGraph) and H.links is not None and 0 < len(H.nodes) <= dense_limit:
        # straight from the arrays (reading 0.5M links back out of igraph took 0.8 s at 3M)
        a, b = H.links[:, 0].astype(np.int64), H.links[:, 1].astype(np.int64)
        w = H.weights.astype(float) if weight else np.ones(len(a))
        keep = a != b
        a, b, w = a[keep], b[keep], w[keep]
        A = np.zeros((len(H.nodes), len(H.nodes)))  # each tie both ways, in tie order
        np.add.at(A, (np.column_stack([a, b]).ravel(), np.column_stack([b, a]).ravel()),
                  np.repeat(w, 2))
        return _holes(H.nodes, A)
    if isinstance(H, WeightedGraph):
        nodes = H.nodes
        links = H.g.get_edgelist()
        ws = [float(w) for w in H.g.es["w"]] if weight else [1.0] * len(links)
        ties = [(nodes[a], nodes[b], w) for (a, b), w in zip(links, ws)]
    else:
        nodes = list(H)
        ties = [(u, v, float(d.get(weight, 1)) if weight else 1.0)
                for u, v, d in H.edges(data=True)]
    if 0 < len(nodes) <= dense_limit:
        index = {n: i for i, n in enumerate(nodes)}
        A = np.zeros((len(nodes), len(nodes)))
        for u, v, w in ties:
            if u != v:
                A[index[u], index[v]] += w
                A[index[v], index[u]] += w
        return _holes(nodes, A)
    if isinstance(H, WeightedGraph):  # neighbours in sorted order, as in the NetworkX graph
        mutual: dict = {u: {} for u in nodes}
        for u, v, w in sorted(ties + [(v, u, w) for u, v, w in ties],
                              key=lambda x: (H._index()[x[0]], H._index()[x[1]])):
            if u != v:
                mutual[u][v] = w
    else:
        mutual = {u: {v: float(d.get(weight, 1) if weight else 1) for v, d in H[u].items()
                      if v != u} for u in nodes}
    share = {u: {v: w / sum(ws.values()) for v, w in ws.items()} for u, ws in mutual.items()
             if ws}
    strength = {u: {v: w / max(ws.values()) for v, w in ws.items()}
                for u, ws in mutual.items() if ws}
    size, cons = {}, {}
    for u in nodes:
        p = share.get(u)
        if not p:
            size[u] = cons[u] = math.nan
            continue
        size[u] = sum(1 - sum(p[w] * strength[v].get(w, 0.0) for w in p) for v in p)
        cons[u] = sum((p[v] + sum(p[w] * share[w].get(v, 0.0) for w in p)) ** 2 for v in p)
    return size, cons
