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
import numpy as np

from ontology import WG, InputError, Message
from graph.analytics.advice import rank_solutions
from graph.analytics.views import derives
from graph.analytics.arrays import unique
from graph.analytics.columns import edge_table
from graph.analytics.projection import memoize, short_id

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


def _pairs(group: np.ndarray, pos: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``a < b`` of the positions (``0 .. n-1``) a group has, as the group and the
    pair's place in ``combinations(range(n), 2)``; sorted by group, then pair."""
    keys = unique(group.astype(np.int64) * n + pos)  # each position once per group
    g, p = keys // n, keys % n
    change = np.concatenate([[True], g[1:] != g[:-1]]) if len(g) else np.zeros(0, bool)
    starts = np.flatnonzero(change)
    size = np.diff(np.append(starts, len(g)))
    after = np.repeat(size, size) - (np.arange(len(g)) - np.repeat(starts, size)) - 1
    first = np.repeat(np.arange(len(g)), after)
    second = first + 1 + (np.arange(after.sum()) - np.repeat(np.cumsum(after) - after, after))
    a, b = p[first], p[second]
    return g[first], a * n - a * (a + 1) // 2 + (b - a - 1)


def _within(x: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """Whether each of ``x`` is in ``pool`` (sorted, distinct)."""
    at = np.minimum(np.searchsorted(pool, x), max(len(pool) - 1, 0))
    return pool[at] == x if len(pool) else np.zeros(len(x), bool)


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
        # from the edge arrays: the pairs of domains each obstacle affects, joined to the
        # obstacles each solution addresses, counted in NumPy; the same cells as
        # :func:`pair_bridges` gives each pair (a test holds them to it). Python only makes
        # the Bridge records (1M triples: 0.15 s; solution by solution in dicts 0.75 s)
        t = edge_table(G)
        kinds = np.asarray(t.kind, dtype=object)
        dom = np.flatnonzero(kinds == "domain")  # node ids in IRI order, as nodes_of_kind
        domains = [t.nodes[i] for i in dom.tolist()]
        n, nd = len(t.nodes), len(domains)
        place = np.full(n, -1, dtype=np.int64)
        place[dom] = np.arange(nd)
        u, v = t.u.astype(np.int64), t.v.astype(np.int64)
        names = t.node_array()
        sol = np.flatnonzero(kinds == "solution")
        row_of = np.full(n, -1, dtype=np.int64)
        row_of[sol] = np.arange(len(sol))

        def rows(pred: str) -> np.ndarray:
            return t.k == t.pred(pred) if t.pred(pred) >= 0 else np.zeros(len(u), bool)

        aff = rows(str(WG.affectsDomain)) & (place[v] >= 0)
        ao, ad = u[aff], place[v[aff]]
        order = np.lexsort((ao, ad))  # by domain, then subject (= IRI order)
        ends = np.cumsum(np.bincount(ad, minlength=nd)).tolist()
        listed = names[ao[order]].tolist()
        per_domain = {d: listed[a:b] for d, a, b in zip(domains, [0, *ends], ends)}
        po, pp = _pairs(ao, ad, nd)  # obstacle → each pair of domains it affects, by obstacle
        by_pair = np.lexsort((po, pp))
        pair_ends = np.cumsum(np.bincount(pp, minlength=nd * (nd - 1) // 2)).tolist()
        shared = names[po[by_pair]].tolist()
        adr = rows(str(WG.addresses)) & (row_of[u] >= 0)
        su, so = row_of[u[adr]], v[adr]
        count = np.bincount(su, minlength=len(sol))  # what each solution addresses
        lo = np.searchsorted(po, so, "left")
        many = np.searchsorted(po, so, "right") - lo
        at = np.repeat(lo - np.cumsum(many) + many, many) + np.arange(many.sum())
        npairs = max(nd * (nd - 1) // 2, 1)
        keys = np.sort(np.repeat(su, many) * npairs + pp[at])
        heads = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]])) \
            if len(keys) else np.zeros(0, np.int64)
        hits, keys = np.diff(np.append(heads, len(keys))), keys[heads]
        derived = keys[2 * hits >= count[keys // npairs]]  # hits > 0: every key has one
        st = rows(str(WG.bridgesDomain)) & (row_of[u] >= 0) & (place[v] >= 0)
        ss, sp = _pairs(row_of[u[st]], place[v[st]], nd)
        stated = unique(ss * npairs + sp)
        every = unique(np.concatenate([stated, derived]))
        is_st, is_dv = _within(every, stated), _within(every, derived)
        srow, spair = every // npairs, every % npairs
        order = np.lexsort((srow, spair))
        srow, is_st, is_dv = srow[order].tolist(), is_st[order].tolist(), is_dv[order].tolist()
        bends = np.cumsum(np.bincount(spair, minlength=npairs)).tolist()
        sols = [t.nodes[i] for i in sol.tolist()]
        label = [G.nodes[x]["label"] for x in sols]
        made = [Bridge(sols[i], label[i], x, y) for i, x, y in zip(srow, is_st, is_dv)]
        pairs = [BridgePair(domains[a], domains[b], made[bs:be], shared[ps:pe])
                 for (a, b), bs, be, ps, pe in zip(combinations(range(nd), 2), [0, *bends],
                                                    bends, [0, *pair_ends], pair_ends)]
        return BridgeMatrix(domains, {d: G.nodes[d]["label"] for d in domains}, pairs,
                            per_domain)
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

