"""Projections per selection: the part of the graph one page needs, fetched with a few SPARQL
queries, for a store too big to project whole on every version (a SPARQL server holding
millions of triples).

:func:`neighbourhood` gives a graph of the same shape as :func:`~.projection.project` (same
node attributes, same edges, ``G.graph["terms"]`` with every classification value), holding
the items within ``depth`` steps of the seeds in either direction, the links among them, and
the areas above every area in it (``wg:partOfArea``, for the place names in reasons). Items
of the few-member kinds in :data:`HUBS` (domains, organisation types, themes) are taken in
but not walked through: at 10 million triples one domain is linked to a hundred thousand
obstacles. So an obstacle's neighbourhood of depth 2 holds everything
:func:`~.advice.rank_solutions` reads for it: its solutions, their other obstacles, practice
cases, deciders and values, and the cases' areas; the ranking is the one the whole
projection gives (``tests/analytics/test_selection.py`` checks it).

:func:`bridge_counts` gives the domain × domain counts of stated bridges as one SPARQL
aggregate (``GROUP BY``) instead of a projection.

Both are cached per (store location, store version, arguments), like the projection.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

import networkx as nx
import pyoxigraph as ox

from graph.analytics.projection import (
    CANONICAL, KINDS, TERM_CLASSES, _graph_from_rows, _model, edge_predicates, iri,
)
from graph.store import Store, iri_nt
from ontology import WG
from ontology.vocab import RDF_TYPE, RDFS, SKOS

__all__ = ["HUBS", "neighbourhood", "bridge_counts", "selection_queries"]

#: kinds with few members and very many links: taken into a neighbourhood, not walked through
HUBS = frozenset({"domain", "organisation_type", "theme"})
_LITERALS = ("openGap", "requiresLegalChange", "isEscalationRoute", "cbsCode", "bwbId")
_VALUE_PREDICATES = (RDF_TYPE, SKOS + "prefLabel", RDFS + "label", SKOS + "notation")
_BATCH = 2000

_CACHE: OrderedDict[tuple, object] = OrderedDict()
_CACHE_SIZE = 64
_LOCK = threading.Lock()


def _values(nodes: Iterable[str]) -> str:
    return " ".join(iri_nt(n) for n in nodes)


def _edge_preds() -> str:
    return _values([*edge_predicates(), *CANONICAL])


def selection_queries(nodes: Iterable[str]) -> dict[str, str]:
    """The SPARQL queries one step of :func:`neighbourhood` sends for ``nodes``: links out,
    links in, kinds, and values (for ``bench.server`` to time them bare).

    >>> sorted(selection_queries([iri("O01")]))
    ['in', 'kinds', 'out', 'values']
    """
    values = _values(nodes)
    preds = [*_VALUE_PREDICATES, *_model()[1], *(WG + a for a in _LITERALS)]
    return {
        "out": f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} VALUES ?p "
               f"{{ {_edge_preds()} }} ?s ?p ?o FILTER(isIRI(?o)) }}",
        "in": f"SELECT ?s ?p ?o WHERE {{ VALUES ?o {{ {values} }} VALUES ?p "
              f"{{ {_edge_preds()} }} ?s ?p ?o FILTER(isIRI(?s)) }}",
        "kinds": f"SELECT ?s ?t WHERE {{ VALUES ?s {{ {values} }} ?s a ?t }}",
        "values": f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} VALUES ?p "
                  f"{{ {_values(preds)} }} ?s ?p ?o }}",
    }


def _batched(store: Store, name: str, nodes: list[str]) -> list[dict]:
    rows: list[dict] = []
    for start in range(0, len(nodes), _BATCH):
        rows += store.select(selection_queries(nodes[start:start + _BATCH])[name])
    return rows


def _cached(key: tuple, compute):
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = compute()
    with _LOCK:
        _CACHE[key] = value
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


def _key(store: Store, *rest: object) -> tuple:
    where = f":memory:{id(store)}" if store.location == ":memory:" else store.location
    return (where, store.version(), *rest)


def _terms_rows(store: Store) -> list[tuple[str, str, object]]:
    classes = _values(WG + c for c in TERM_CLASSES)
    rows = store.select(
        f"SELECT ?s ?p ?o WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ VALUES ?t {{ {classes} }} "
        f"?s a ?t }} }} VALUES ?p {{ {_values(_VALUE_PREDICATES)} }} ?s ?p ?o }}")
    return [(r["s"].value, r["p"].value, r["o"]) for r in rows]


def neighbourhood(store: Store, seeds: Iterable[str], depth: int = 2, lang: str = "nl"
                  ) -> nx.MultiDiGraph:
    """The projection of the items within ``depth`` steps of ``seeds`` (ids or IRIs), hubs
    not walked through (see the module text). Shared per store version: do not change it.

    >>> from tests.conftest import make_mini_store
    >>> G = neighbourhood(make_mini_store(), ["O01"], depth=1)
    >>> sorted(G.nodes[n]["kind"] for n in G)[:3], G.graph["lang"]
    (['case', 'domain', 'domain'], 'nl')
    """
    if lang not in {"nl", "en"}:
        raise ValueError(f"language {lang!r}: use 'nl' or 'en'")
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    start = tuple(sorted({iri(s) for s in seeds}))
    return _cached(_key(store, "neighbourhood", start, depth, lang),
                   lambda: _neighbourhood(store, start, depth, lang))


def _neighbourhood(store: Store, seeds: tuple[str, ...], depth: int, lang: str
                   ) -> nx.MultiDiGraph:
    kinds: dict[str, str | None] = {}

    def learn(nodes: list[str]) -> None:
        new = [n for n in nodes if n not in kinds]
        for n in new:
            kinds[n] = None
        for row in _batched(store, "kinds", new):
            kind = KINDS.get(row["t"].value)
            if kind and (kinds[row["s"].value] is None or kind < kinds[row["s"].value]):
                kinds[row["s"].value] = kind

    learn(list(seeds))
    frontier = [s for s in seeds if kinds[s]]
    for _ in range(depth):
        walk = [n for n in frontier if kinds[n] not in HUBS or n in seeds]
        found = {r["o"].value for r in _batched(store, "out", walk)}
        found |= {r["s"].value for r in _batched(store, "in", walk)}
        fresh = sorted(found - set(kinds))
        learn(fresh)
        frontier = [n for n in fresh if kinds[n]]
    part_of = str(WG.partOfArea)
    areas = [n for n, k in kinds.items() if k == "area"]
    while areas:  # the areas above every area (municipality above district above wijk)
        ups = sorted({r["o"].value for r in _batched(store, "out", areas)
                      if r["p"].value == part_of} - set(kinds))
        learn(ups)
        areas = [n for n in ups if kinds[n] == "area"]
    items = sorted(n for n, k in kinds.items() if k)
    node_rows = [(r["s"].value, r["p"].value, r["o"]) for r in _batched(store, "values", items)]
    inside = set(items)
    edge_rows = [(r["s"].value, r["p"].value, r["o"]) for r in _batched(store, "out", items)
                 if r["o"].value in inside]
    G = _graph_from_rows(node_rows + _terms_rows(store), edge_rows, lang)
    G.graph.update(version=store.version(), location=store.location, seeds=seeds, depth=depth)
    return G


def bridge_counts(store: Store) -> dict[tuple[str, str], int]:
    """(domain A, domain B) → the number of solutions that state both (``wg:bridgesDomain``),
    A before B, counted by the server in one ``GROUP BY`` query.

    >>> from tests.conftest import make_mini_store
    >>> counts = bridge_counts(make_mini_store())
    >>> counts[(iri("dom-gezondheid"), iri("dom-wonen"))]
    1
    """
    def compute():
        bridges = iri_nt(str(WG.bridgesDomain))
        rows = store.select(
            f"SELECT ?a ?b (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s {bridges} ?a . "
            f"?s {bridges} ?b . FILTER(STR(?a) < STR(?b)) }} GROUP BY ?a ?b")
        return {(r["a"].value, r["b"].value): int(r["n"].value) for r in rows
                if isinstance(r["a"], ox.NamedNode)}
    return _cached(_key(store, "bridge_counts"), compute)
