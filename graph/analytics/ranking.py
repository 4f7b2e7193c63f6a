"""Who and what holds the network together: key players and communities.

:func:`key_players` ranks one kind of item, each with its numbers and a short explanation of
what they mean (nl and en):

- organisation types (or organisations): brokerage on the collaboration graph — betweenness,
  effective size and constraint (Burt's structural holes, as ``nx.effective_size`` and
  ``nx.constraint`` define them; see :func:`structural_holes`);
- solutions: bridging — betweenness on the solution–domain graph and the number of domains;
- obstacles: reach — the domains and organisation types they touch;
- PageRank beside each (collaboration graph for organisations, else the whole projection).

Kernels, chosen by measurement (``bench/``; on this machine igraph was 7–35× faster for
betweenness, conversion included, from 10 to 3,000 nodes, and PageRank needs no SciPy):
betweenness and PageRank run in igraph, the graphs stay NetworkX. Above ``exact_limit``
nodes betweenness is estimated from ``samples`` random sources (fixed seed), and the
standard error of the estimate is reported. :func:`communities` clusters obstacles and
solutions with Louvain (fixed seed).

>>> from graph.analytics.common import example_graph, short_id
>>> r = key_players(example_graph(), "organisation_type")
>>> [(p.rank, p.shared, short_id(p.id), round(p.scores["betweenness"], 2)) for p in r.players]
[(1, True, 'ot-gemeente', 0.0), (1, True, 'ot-woningcorporatie', 0.0), (3, False, 'ot-ggd', 0.0)]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import networkx as nx

from graph.analytics.brokers import standings
from graph.analytics.common import both, count, parse_kind, term_rank
from graph.analytics.centrality import (
    PRPACK_FROM,
    Centrality,
    betweenness,
    collaboration,
    pagerank,
    structural_holes,
    to_igraph,
    whole_graph,
)
from graph.analytics.views import solution_domain_graph
from graph.analytics.projection import (

    in_index,
    memoize,
    nodes_of_kind,
    out_index,

)

__all__ = ["Centrality", "betweenness", "pagerank", "structural_holes", "to_igraph", "Player",
           "Ranking", "key_players", "Community", "communities"]


@dataclass(frozen=True)
class Player:
    """One ranked item: its numbers (``scores``) and what they mean for it (nl and en)."""

    rank: int
    id: str
    label: str
    scores: dict[str, float | int | None]
    explanation: dict[str, str]
    shared: bool = False
    decided_by: str | None = None


@dataclass(frozen=True)
class Ranking:
    """:func:`key_players`: the players best first, what each measure means, how computed."""

    kind: str
    players: list[Player]
    measures: dict[str, dict[str, str]]
    method: dict[str, str] = field(default_factory=dict)


_MEASURES = {
    "betweenness": both("aandeel van de kortste verbindingen tussen anderen dat hier doorheen "
                        "loopt (0–1)", "share of the shortest links between others that run "
                        "through here (0–1)"),
    "effective_size": both("aantal partners dat niet ook elkaars partner is",
                           "number of partners who are not also each other's partners"),
    "constraint": both("hoe afhankelijk van één groep (laag = makelaar tussen groepen)",
                       "how tied to one group (low = broker between groups)"),
    "pagerank": both("kans dat een willekeurige wandeling door het netwerk hier uitkomt",
                     "chance that a random walk through the network ends up here"),
    "partners": both("aantal partners", "number of partners"),
    "domains": both("aantal domeinen", "number of domains"),
    "organisation_types": both("aantal organisatietypen", "number of organisation types"),
    "solutions": both("aantal oplossingen", "number of solutions"),
    "cases": both("aantal praktijkvoorbeelden", "number of practice cases"),
}


def _dutch_decimals(text: str) -> str:
    """Decimal commas: '0.19' → '0,19' (only between digits)."""
    return re.sub(r"(?<=\d)\.(?=\d)", ",", text)


def _number(x: float) -> float | None:
    return None if x is None or math.isnan(x) else float(x)


def key_players(G: nx.MultiDiGraph, kind: str, top: int | None = None, *,
                exact_limit: int = 2000, samples: int = 256, seed: int = 42) -> Ranking:
    """The key players of one kind, best first, with what their numbers mean.

    Organisation types (and organisations) rank by betweenness on the collaboration graph,
    then effective size, then low constraint; solutions by betweenness on the
    solution–domain graph, then domains, then practice cases, then evidence level; obstacles
    by reach (domains + organisation types), then domains, then PageRank. Players equal on
    every criterion share a place (``rank``, ``shared``; listed by id);
    ``decided_by`` names the criterion that put a player after the one above it when the
    first criterion was equal.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    kind : str
        ``organisation_type``, ``organisation``, ``solution`` or ``obstacle`` (Dutch or
        English, singular or plural).
    top : int, optional
        Only the first ``top`` players (and whoever shares the last place).
    exact_limit, samples, seed : int
        Passed to :func:`betweenness`.

    Returns
    -------
    Ranking
        ``players`` (:class:`Player`: rank, id, label, scores, explanation in nl and en),
        ``measures`` (what each score means) and ``method`` (how betweenness was computed).

    Raises
    ------
    ontology.UnknownIdError
        A kind nobody knows; ``ValueError`` for a kind without key players (e.g. domain).

    Examples
    --------
    >>> from graph.analytics.common import example_graph, short_id
    >>> r = key_players(example_graph("en"), "solutions")
    >>> [(short_id(p.id), p.scores["domains"]) for p in r.players]
    [('S02', 3), ('S01', 2)]
    >>> print(r.players[0].explanation["en"])
    Bridges 3 domains; lies on 58% of the shortest links in the solution–domain graph.
    """
    kind = parse_kind(kind)
    if kind not in {"organisation_type", "organisation", "solution", "obstacle"}:
        raise ValueError(f"no key players for kind {kind!r}: use organisation_type, "
                         "organisation, solution or obstacle")

    def compute():
        if kind == "solution":
            rows, method, measures = _bridgers(G, exact_limit, samples, seed)
        elif kind == "obstacle":
            rows, method, measures = _reach(G, exact_limit, samples, seed)
        else:
            rows, method, measures = _brokers(G, kind, exact_limit, samples, seed)
        rows.sort(key=lambda r: (tuple(r[0].values()), r[1]))
        marks = standings([r[0] for r in rows])
        players = [Player(m.place, node, G.nodes[node]["label"], scores, expl, m.shared,
                          m.decided_by)
                   for m, (_, node, scores, expl) in zip(marks, rows)]
        return Ranking(kind, players, {m: _MEASURES[m] for m in measures}, method)
    # once per projection (at 1M triples the solutions' ranking takes seconds): shared
    ranking = memoize(G, ("key_players", kind, exact_limit, samples, seed), compute)
    players = ranking.players
    if top and len(players) > top:  # keep whoever shares the last place
        players = [p for p in players if p.rank <= players[top - 1].rank]
        return Ranking(kind, players, ranking.measures, ranking.method)
    return ranking


def _tied(x: float | None) -> float:
    """A score as a sort key: rounded, so that equal scores computed along different paths
    compare equal (ties then go to the next criterion, not to floating-point noise)."""
    return math.inf if x is None else round(x, 12)


def _brokers(G, kind, exact_limit, samples, seed):
    C = collaboration(G, kind)  # straight in igraph
    bc = betweenness(C, exact_limit=exact_limit, samples=samples, seed=seed)
    size, cons = structural_holes(C, weight="weight")
    pr = pagerank(C, weight="weight")
    rows = []
    for n in C:
        b, es, co = bc.values[n], _number(size[n]), _number(cons[n])
        scores = {"betweenness": b, "effective_size": es, "constraint": co,
                  "pagerank": pr[n], "partners": C.degree(n)}
        key = {"betweenness": -_tied(b), "effective_size": -_tied(es or 0),
               "constraint": _tied(co)}
        partners = count(C.degree(n), "partner", "partners")
        nl = (f"Werkt samen met {partners}, feitelijk {es or 0:.1f} niet-overlappende "
              f"contacten; ligt op {b:.0%} van de kortste verbindingen tussen anderen.")
        en = (f"Works with {partners}, in effect {es or 0:.1f} non-redundant contacts; lies on "
              f"{b:.0%} of the shortest links between others.")
        if co is not None:
            broker = co < 0.5
            nl += f" Beperking {co:.2f}: " + ("makelaar tussen groepen." if broker else
                                                "vooral binnen één groep.")
            en += f" Constraint {co:.2f}: " + ("a broker between groups." if broker else
                                               "mostly within one group.")
        nl = _dutch_decimals(nl)
        rows.append((key, n, scores, both(nl, en)))
    return rows, bc.note, ["betweenness", "effective_size", "constraint", "pagerank", "partners"]


def _whole_pagerank(G: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank of the whole projection as a simple undirected graph, built straight in
    igraph from the edge arrays (building the NetworkX undirected view first took 7 s of 18
    at 1M triples)."""
    def compute():
        g, nodes = whole_graph(G)  # sorted: results independent of the backend's triple order
        solver = "prpack" if g.vcount() > PRPACK_FROM else "arpack"
        values = g.pagerank(directed=False, implementation=solver)
        return {n: round(v, 12) for n, v in zip(nodes, values)}  # ARPACK: random start
    return memoize(G, "pagerank", compute)


def _bridgers(G, exact_limit, samples, seed):
    B = solution_domain_graph(G)
    bc = betweenness(B, exact_limit=exact_limit, samples=samples, seed=seed)
    pr = _whole_pagerank(G)
    applied = in_index(G, "appliesSolution")
    rows = []
    for s in nodes_of_kind(G, "solution"):
        b, d, c = bc.values[s], B.degree(s), len(applied.get(s, ()))
        scores = {"betweenness": b, "domains": d, "cases": c, "pagerank": pr[s]}
        key = {"betweenness": -_tied(b), "domains": -d, "cases": -c,
               "evidence": -term_rank(G, G.nodes[s].get("evidenceLevel"))}
        rows.append((key, s, scores, both(
            f"Verbindt {count(d, 'domein', 'domeinen')}; ligt op {b:.0%} van de kortste "
            f"verbindingen in de graaf van oplossingen en domeinen.",
            f"Bridges {count(d, 'domain', 'domains')}; lies on {b:.0%} of the shortest links "
            f"in the solution–domain graph.")))
    return rows, bc.note, ["betweenness", "domains", "cases", "pagerank"]


def _reach(G, exact_limit, samples, seed):
    pr = _whole_pagerank(G)
    affects, arises = out_index(G, "affectsDomain"), out_index(G, "arisesBetween")
    involves, addressed = out_index(G, "involvesOrganisationType"), in_index(G, "addresses")
    rows = []
    for o in nodes_of_kind(G, "obstacle"):
        solutions = addressed.get(o, ())
        types = set(arises.get(o, ())) | {t for s in solutions for t in involves.get(s, ())}
        d, t = len(affects.get(o, ())), len(types)
        scores = {"domains": d, "organisation_types": t, "solutions": len(solutions),
                  "pagerank": pr[o]}
        key = {"reach": -(d + t), "domains": -d, "pagerank": -_tied(pr[o])}
        rows.append((key, o, scores, both(
            f"Raakt {count(d, 'domein', 'domeinen')} en "
            f"{count(t, 'organisatietype', 'organisatietypen')} (bij het ontstaan of in de "
            f"oplossingen); {count(len(solutions), 'oplossing', 'oplossingen')} bekend.",
            f"Touches {count(d, 'domain', 'domains')} and "
            f"{count(t, 'organisation type', 'organisation types')} (where it arises or in its "
            f"solutions); {count(len(solutions), 'solution', 'solutions')} known.")))
    return rows, both("exact", "exact"), ["domains", "organisation_types", "solutions",
                                           "pagerank"]


@dataclass(frozen=True)
class Community:
    """A cluster of obstacles and solutions, named after its most central members."""

    number: int
    name: str
    members: list[str]
    obstacles: list[str]
    solutions: list[str]


def _cluster_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Obstacles and solutions; weights: addresses, applied together in a case, related."""
    def compute():
        K = nx.Graph()
        K.add_nodes_from(nodes_of_kind(G, "obstacle") + nodes_of_kind(G, "solution"))
        pairs = [(s, o) for s, os in out_index(G, "addresses").items() for o in os]
        tackles = out_index(G, "tacklesObstacle")
        pairs += [(s, o) for c, ss in out_index(G, "appliesSolution").items() for s in ss
                  for o in tackles.get(c, ())]
        pairs += [(s, r) for s, rs in out_index(G, "relatedSolution").items() for r in rs]
        for u, v in sorted(pairs):
            if u in K and v in K and u != v:
                w = K.edges[u, v]["weight"] + 1 if K.has_edge(u, v) else 1
                K.add_edge(u, v, weight=w)
        return K
    return memoize(G, "clusters", compute)


def communities(G: nx.MultiDiGraph, seed: int = 42, resolution: float = 1.0,
                min_size: int = 1) -> list[Community]:
    """Clusters of obstacles and solutions, each named by its two most central members.

    Obstacles and solutions are linked by ``wg:addresses``, by being applied and tackled in
    the same practice case, and by ``wg:relatedSolution`` (weights add up); Louvain
    (``nx.community.louvain_communities``) finds the clusters.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    seed : int
        Louvain's seed: same seed, same clusters.
    resolution : float
        Above 1 favours smaller clusters, below 1 larger ones.
    min_size : int
        Leave out smaller clusters (1 keeps obstacles without any solution).

    Returns
    -------
    list of Community
        Largest first, ties by first member; members by weighted degree within the cluster,
        ties by id.

    Examples
    --------
    >>> from graph.analytics.common import example_graph, short_id
    >>> [(c.name, len(c.members)) for c in communities(example_graph("en"))]
    [('data may not be shared / data-sharing covenant', 2), ('siloed budgets / pooled budget', 2),
     ('nobody knows each other', 1)]
    """
    K = _cluster_graph(G)
    parts = nx.community.louvain_communities(K, weight="weight", resolution=resolution,
                                             seed=seed) if K.number_of_nodes() else []
    found = []
    for part in parts:
        sub = K.subgraph(part)
        members = sorted(part, key=lambda n: (-sub.degree(n, weight="weight"), n))
        if len(members) >= min_size:
            found.append(members)
    found.sort(key=lambda m: (-len(m), min(m)))
    return [Community(i, " / ".join(G.nodes[n]["label"] for n in m[:2]), m,
                      sorted(n for n in m if G.nodes[n]["kind"] == "obstacle"),
                      sorted(n for n in m if G.nodes[n]["kind"] == "solution"))
            for i, m in enumerate(found, 1)]
