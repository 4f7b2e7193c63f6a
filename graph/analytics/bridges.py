"""Which solutions bridge which domains, and where bridges are missing.

A solution *bridges* two domains when it says so (``wg:bridgesDomain``, **stated**) or when at
least half of the obstacles it addresses, and at least one, each affect both domains
(``wg:addresses`` → ``wg:affectsDomain``, **derived**): one generic obstacle among several
specific ones does not make a solution bridge every domain that obstacle touches.
:func:`bridge_matrix` lays this out domain × domain with
the number of obstacles that affect each pair beside it; :func:`bridging_solutions` ranks the
bridges of one pair with a reason; :func:`gaps` lists obstacles without any solution and
pairs with many obstacles and few bridges.

>>> from graph.analytics.common import example_graph
>>> m = bridge_matrix(example_graph())
>>> [(short_id(b.solution), b.basis) for b in m.cell("dom-wonen", "dom-veiligheid")]
[('S02', 'stated+derived')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from ontology import InputError
from graph.analytics.common import both, lang_of, resolve, term_label, term_rank
from graph.analytics.views import solution_domain_graph
from graph.analytics.projection import in_index, nodes_of_kind, out_index, short_id

__all__ = [
    "BASES", "Bridge", "BridgePair", "BridgeMatrix", "bridge_matrix", "derives",
    "BridgingSolution", "bridging_solutions", "UnsolvedObstacle", "ThinPair", "Gaps", "gaps",
]


@dataclass(frozen=True)
class Bridge:
    """One solution bridging a pair: ``stated`` (``wg:bridgesDomain``), ``derived`` (at least
    half of the obstacles it addresses affect both domains, see :func:`derives`), or both."""

    solution: str
    label: str
    stated: bool
    derived: bool

    @property
    def basis(self) -> str:
        """``"stated"``, ``"derived"`` or ``"stated+derived"``."""
        return "+".join(w for w, on in (("stated", self.stated), ("derived", self.derived)) if on)


@dataclass(frozen=True)
class BridgePair:
    """A pair of domains (``a`` < ``b`` by id): its bridging solutions and the obstacles that
    affect both domains."""

    a: str
    b: str
    solutions: list[Bridge]
    obstacles: list[str]


@dataclass(frozen=True)
class BridgeMatrix:
    """Domain × domain: every pair of distinct domains, plus the obstacles per domain."""

    domains: list[str]
    labels: dict[str, str]
    pairs: list[BridgePair]
    obstacles_in: dict[str, list[str]] = field(default_factory=dict)

    def pair(self, a: str, b: str) -> BridgePair:
        """The pair of domains ``a`` and ``b`` (ids or IRIs, either order)."""
        a, b = sorted((_full(a, self.domains), _full(b, self.domains)))
        for p in self.pairs:
            if (p.a, p.b) == (a, b):
                return p
        raise InputError(f"no domain pair ({short_id(a)}, {short_id(b)}) in the matrix")

    def cell(self, a: str, b: str, basis: str = "any") -> list[Bridge]:
        """The solutions that bridge ``a`` and ``b``: ``basis`` ``"any"``, or only the
        ``"stated"`` or only the ``"derived"`` bridges."""
        return _only(self.pair(a, b).solutions, basis)

    def count(self, a: str, b: str, what: str = "solutions", basis: str = "any") -> int:
        """How many solutions (with ``basis`` as in :meth:`cell`) or, with
        ``what="obstacles"``, obstacles a cell holds."""
        if what == "obstacles":
            return len(self.pair(a, b).obstacles)
        return len(self.cell(a, b, basis))


BASES = ("any", "stated", "derived")


def _only(bridges: list[Bridge], basis: str) -> list[Bridge]:
    if basis not in BASES:
        raise InputError(f"basis {basis!r}: use one of {', '.join(BASES)}")
    return [b for b in bridges if basis == "any" or getattr(b, basis)]


def _full(value: str, domains: list[str]) -> str:
    return next((d for d in domains if value in (d, short_id(d))), value)


def _domain_obstacles(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {d: set() for d in nodes_of_kind(G, "domain")}
    for o, domains in out_index(G, "affectsDomain").items():
        for d in domains:
            if d in found:
                found[d].add(o)
    return found


def derives(obstacles, affects: dict, a: str, b: str) -> bool:
    """Whether a solution addressing ``obstacles`` bridges domains ``a`` and ``b`` by
    derivation: at least one of them, and at least half, affect both (``affects``: obstacle →
    its domains).

    >>> affects = {"O1": ["A", "B"], "O2": ["B", "C"], "O3": ["A", "B", "C"]}
    >>> derives(["O1", "O2"], affects, "A", "B"), derives(["O1", "O2", "O2"], affects, "A", "B")
    (True, False)
    >>> derives(["O3"], affects, "A", "C"), derives([], affects, "A", "B")
    (True, False)
    """
    hits = sum(1 for o in obstacles if {a, b} <= set(affects.get(o, ())))
    return hits > 0 and 2 * hits >= len(obstacles)


def bridge_matrix(G: nx.MultiDiGraph) -> BridgeMatrix:
    """Every pair of domains with the solutions that bridge it and the obstacles it shares.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection (:func:`graph.analytics.projection.project`).

    Returns
    -------
    BridgeMatrix
        ``domains`` (sorted ids), ``labels``, and one :class:`BridgePair` per pair of distinct
        domains: its bridging solutions (stated and/or derived, sorted by id) and the
        obstacles that affect both (sorted), for the app's solutions/obstacles toggle.

    Examples
    --------
    >>> from graph.analytics.common import example_graph
    >>> m = bridge_matrix(example_graph())
    >>> len(m.domains), len(m.pairs), m.count("dom-gezondheid", "dom-veiligheid", "obstacles")
    (3, 3, 1)
    >>> [(short_id(b.solution), b.basis) for b in m.cell("dom-gezondheid", "dom-wonen")]
    [('S01', 'stated+derived'), ('S02', 'derived')]
    """
    B = solution_domain_graph(G)
    domains = nodes_of_kind(G, "domain")
    per_domain = _domain_obstacles(G)
    affects, addresses = out_index(G, "affectsDomain"), out_index(G, "addresses")
    pairs = []
    for a, b in combinations(domains, 2):
        bridges = []
        for s in sorted(set(B[a]) & set(B[b])):
            ea, eb = B.edges[s, a], B.edges[s, b]
            derived = (ea["derived"] and eb["derived"]
                       and derives(addresses.get(s, ()), affects, a, b))
            bridges.append(Bridge(s, G.nodes[s]["label"], ea["stated"] and eb["stated"],
                                  derived))
        bridges = [x for x in bridges if x.stated or x.derived]
        pairs.append(BridgePair(a, b, bridges, sorted(per_domain[a] & per_domain[b])))
    return BridgeMatrix(domains, {d: G.nodes[d]["label"] for d in domains}, pairs,
                        {d: sorted(per_domain[d]) for d in domains})


@dataclass(frozen=True)
class BridgingSolution:
    """A solution that bridges a pair of domains, with why it ranks where it does."""

    rank: int
    solution: str
    label: str
    stated: bool
    derived: bool
    obstacles_both: list[str]
    obstacles_either: list[str]
    evidence: str | None
    reason: dict[str, str]


def bridging_solutions(G: nx.MultiDiGraph, domain_a: str, domain_b: str,
                       lang: str | None = None) -> list[BridgingSolution]:
    """The solutions that bridge two domains, best first, each with its reason.

    Ranked by: stated *and* derived, then stated, then derived only; then the number of
    addressed obstacles that affect both domains, then either; then evidence level; ties by
    id.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    domain_a, domain_b : str
        Two different domains: ids, IRIs, notations or labels (nl or en).
    lang : {"nl", "en"}, optional
        Language of ``label``; default the graph's. Reasons come in both languages.

    Returns
    -------
    list of BridgingSolution

    Raises
    ------
    ontology.UnknownIdError
        A domain that is not known (with the closest ids).
    ontology.InputError
        The same domain twice.

    Examples
    --------
    >>> from graph.analytics.common import example_graph
    >>> ranked = bridging_solutions(example_graph(), "wonen", "health")
    >>> [(r.rank, short_id(r.solution)) for r in ranked]
    [(1, 'S01'), (2, 'S02')]
    >>> print(ranked[1].reason["en"])
    'pooled budget' links housing and health because it addresses obstacles in both domains
    (derived, not stated); it addresses 1 obstacle that affects both. Evidence level: not
    established.
    """
    lang = lang_of(G, lang)
    a, b = resolve(G, domain_a, "domain"), resolve(G, domain_b, "domain")
    if a == b:
        raise InputError(f"choose two different domains, not {short_id(a)} twice")
    matrix = bridge_matrix(G)
    affects = out_index(G, "affectsDomain")
    addresses = out_index(G, "addresses")
    rows = []
    for bridge in matrix.cell(a, b):
        s = bridge.solution
        hit = [(o, set(affects.get(o, ())) & {a, b}) for o in addresses.get(s, ())]
        both_ = sorted(o for o, ds in hit if len(ds) == 2)
        either = sorted(o for o, ds in hit if ds)
        evidence = G.nodes[s].get("evidenceLevel")
        key = (-(2 * bridge.stated + bridge.derived + bridge.stated * bridge.derived),
               -len(both_), -len(either), -term_rank(G, evidence), s)
        rows.append((key, bridge, both_, either, evidence))
    rows.sort(key=lambda r: r[0])
    return [BridgingSolution(i, br.solution, G.nodes[br.solution]["labels"][lang], br.stated,
                             br.derived, both_, either, evidence,
                             _bridge_reason(G, br, a, b, both_, evidence))
            for i, (_, br, both_, either, evidence) in enumerate(rows, start=1)]


def _bridge_reason(G, bridge: Bridge, a: str, b: str, both_: list[str],
                   evidence: str | None) -> dict[str, str]:
    texts = {}
    for lang in ("nl", "en"):
        s, da, db = (G.nodes[x]["labels"][lang] for x in (bridge.solution, a, b))
        ev = term_label(G, evidence, lang) or (
            "niet vastgesteld" if lang == "nl" else "not established")
        n = len(both_)
        if lang == "nl":
            how = {"stated+derived": "volgens de bron, en dat blijkt uit de belemmeringen "
                                     "die ze aanpakt",
                   "stated": "volgens de bron (niet af te leiden uit de belemmeringen die ze "
                             "aanpakt)",
                   "derived": "omdat ze belemmeringen in beide domeinen aanpakt (afgeleid, "
                              "niet vermeld)"}[bridge.basis]
            texts[lang] = (f"'{s}' verbindt {da} en {db} {how}; ze pakt {n} "
                           f"belemmering{'en' if n != 1 else ''} aan die beide raakt. "
                           f"Bewijsniveau: {ev}.")
        else:
            how = {"stated+derived": "as its source states, borne out by the obstacles it "
                                     "addresses",
                   "stated": "as its source states (not borne out by the obstacles it "
                             "addresses)",
                   "derived": "because it addresses obstacles in both domains (derived, "
                              "not stated)"}[bridge.basis]
            texts[lang] = (f"'{s}' links {da} and {db} {how}; it addresses {n} "
                           f"obstacle{'s' if n != 1 else ''} that affect{'s' if n == 1 else ''} "
                           f"both. Evidence level: {ev}.")
    return both(texts["nl"], texts["en"])


@dataclass(frozen=True)
class UnsolvedObstacle:
    """An obstacle no solution addresses; ``open_gap`` when the knowledge base says so."""

    obstacle: str
    label: str
    open_gap: bool
    domains: list[str]


@dataclass(frozen=True)
class ThinPair:
    """A domain pair with more obstacles than bridging solutions."""

    a: str
    b: str
    labels: tuple[str, str]
    obstacles: int
    solutions: int
    shortfall: int


@dataclass(frozen=True)
class Gaps:
    """:func:`gaps`: obstacles without solutions and thinly bridged domain pairs."""

    unsolved: list[UnsolvedObstacle]
    thin_pairs: list[ThinPair]


def gaps(G: nx.MultiDiGraph, min_obstacles: int = 1, basis: str = "any") -> Gaps:
    """Where the knowledge base has no answer yet.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    min_obstacles : int
        Only domain pairs affected by at least this many obstacles count as thin.
    basis : {"any", "stated", "derived"}
        Which bridges count.

    Returns
    -------
    Gaps
        ``unsolved``: obstacles no solution addresses, sorted by id; ``thin_pairs``: domain
        pairs with fewer bridging solutions than obstacles, largest shortfall (obstacles −
        solutions) first, ties by the pair's ids.

    Examples
    --------
    >>> from graph.analytics.common import example_graph
    >>> g = gaps(example_graph())
    >>> [(short_id(u.obstacle), u.open_gap) for u in g.unsolved]
    [('O03', True)]
    >>> [(short_id(p.a), short_id(p.b), p.shortfall) for p in g.thin_pairs]  # O03: no solution
    [('dom-gezondheid', 'dom-veiligheid', 1)]
    >>> [(short_id(p.a), short_id(p.b)) for p in gaps(example_graph(), basis="stated").thin_pairs]
    [('dom-gezondheid', 'dom-veiligheid')]
    """
    addressed = in_index(G, "addresses")
    affects = out_index(G, "affectsDomain")
    unsolved = [UnsolvedObstacle(o, G.nodes[o]["label"], bool(G.nodes[o].get("openGap")),
                                 list(affects.get(o, ())))
                for o in nodes_of_kind(G, "obstacle") if not addressed.get(o)]
    thin = []
    for p in bridge_matrix(G).pairs:
        n_o, n_s = len(p.obstacles), len(_only(p.solutions, basis))
        if n_o >= min_obstacles and n_s < n_o:
            thin.append(ThinPair(p.a, p.b, (G.nodes[p.a]["label"], G.nodes[p.b]["label"]),
                                 n_o, n_s, n_o - n_s))
    thin.sort(key=lambda t: (-t.shortfall, -t.obstacles, t.a, t.b))
    return Gaps(unsolved, thin)
