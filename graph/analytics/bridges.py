"""Which solutions bridge which domains, and where bridges are missing.

A solution *bridges* two domains when it says so (``wg:bridgesDomain``, **stated**) or when at
least half of the obstacles it addresses, and at least one, each affect both domains
(``wg:addresses`` → ``wg:affectsDomain``, **derived**): one generic obstacle among several
specific ones does not make a solution bridge every domain that obstacle touches.
:func:`bridge_matrix` lays this out domain × domain with
the obstacles that affect each pair beside it; :func:`bridging_solutions` ranks the
bridges of one pair with a reason. The evidence-and-gap map with its filters, and the gaps,
are in :mod:`graph.analytics.bridgemap`.

>>> from graph.analytics.common import example_graph
>>> m = bridge_matrix(example_graph())
>>> [(short_id(b.solution), b.basis) for b in m.cell("dom-wonen", "dom-veiligheid")]
[('S02', 'stated+derived')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from ontology import InputError, Message
from graph.analytics.advice import rank_solutions
from graph.analytics.views import derives
from graph.analytics.projection import memoize, nodes_of_kind, out_index, short_id

__all__ = [
    "BASES", "Bridge", "BridgePair", "BridgeMatrix", "bridge_matrix", "derives",
    "BridgingSolution", "bridging_solutions",
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
        raise InputError(Message("no_pair", a=short_id(a), b=short_id(b)))

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
        raise InputError(Message("bad_basis", basis=basis, options=BASES))
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
    def compute():
        # solution by solution (each touches a few pairs), not pair by pair over every
        # solution: the same cells as :func:`pair_bridges` gives each pair (a test holds them
        # to it), 0.3 s instead of 3 s at 1M triples (bench/)
        domains = nodes_of_kind(G, "domain")
        place = {d: i for i, d in enumerate(domains)}
        per_domain = _domain_obstacles(G)
        stated_of, affects = out_index(G, "bridgesDomain"), out_index(G, "affectsDomain")
        addresses = out_index(G, "addresses")
        shared: dict[tuple[str, str], list[str]] = {}
        touched: dict[str, list[str]] = {}
        for o, ds in affects.items():
            ds = sorted({d for d in ds if d in place}, key=place.get)
            touched[o] = ds
            for pair in combinations(ds, 2):
                shared.setdefault(pair, []).append(o)
        cells: dict[tuple[str, str], list[Bridge]] = {}
        for s in nodes_of_kind(G, "solution"):
            obstacles = addresses.get(s, ())
            hits: dict[tuple[str, str], int] = {}
            for o in obstacles:
                for pair in combinations(touched.get(o, ()), 2):
                    hits[pair] = hits.get(pair, 0) + 1
            stated = sorted({d for d in stated_of.get(s, ()) if d in place}, key=place.get)
            stated_pairs = set(combinations(stated, 2))
            derived_pairs = {p for p, h in hits.items() if 2 * h >= len(obstacles)}
            for pair in stated_pairs | derived_pairs:
                cells.setdefault(pair, []).append(Bridge(
                    s, G.nodes[s]["label"], pair in stated_pairs, pair in derived_pairs))
        pairs = [BridgePair(a, b, sorted(cells.get((a, b), ()), key=lambda x: x.solution),
                            sorted(shared.get((a, b), ())))
                 for a, b in combinations(domains, 2)]
        return BridgeMatrix(domains, {d: G.nodes[d]["label"] for d in domains}, pairs,
                            {d: sorted(per_domain[d]) for d in domains})
    return memoize(G, "bridge_matrix", compute)


@dataclass(frozen=True)
class BridgingSolution:
    """A solution that bridges a pair of domains, with why it ranks where it does
    (``reasons`` as data, :class:`graph.analytics.advice.Reason`; ``reason`` their text)."""

    rank: int
    solution: str
    label: str
    stated: bool
    derived: bool
    obstacles_both: list[str]
    obstacles_either: list[str]
    evidence: str | None
    reason: dict[str, str]
    reasons: list = field(default_factory=list)
    key: dict = field(default_factory=dict)


def bridging_solutions(G: nx.MultiDiGraph, domain_a: str, domain_b: str,
                       lang: str | None = None, area: str | None = None,
                       candidates=None) -> list[BridgingSolution]:
    """The solutions that bridge two domains, best first, each with its reasons: the one
    ranking of :func:`graph.analytics.advice.rank_solutions`.

    Ranked by: stated *and* derived, then stated, then derived only; then the number of
    addressed obstacles that affect both domains, then either; then practice in ``area``,
    evidence level, practice cases, decision level, effort; ties by id.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    domain_a, domain_b : str
        Two different domains: ids, IRIs, notations or labels (nl or en).
    lang : {"nl", "en"}, optional
        Language of ``label``; default the graph's. Reasons come in both languages.
    area : str, optional
        An area whose practice counts.
    candidates : iterable of str, optional
        Rank only these solutions (IRIs): a filtered cell of the bridge map.

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
    Addresses 'data may not be shared', which affects both housing and health. Derived from the
    obstacles it addresses; its source does not say so. No practice case in the knowledge base
    yet. Evidence level not established yet. Decided by municipality. Effort: high.
    """
    ranked = rank_solutions(G, domains=(domain_a, domain_b), area=area, lang=lang,
                            candidates=candidates)
    return [BridgingSolution(r.rank, r.solution, r.label, bool(r.stated), bool(r.derived),
                             r.obstacles_both, r.obstacles_either, r.evidence, r.reason,
                             r.reasons, r.key)
            for r in ranked]

