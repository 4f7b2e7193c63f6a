"""The knowledge graph as a NetworkX graph: built once per store version, reused everywhere.

:func:`project` reads the store with one grouped SELECT (:mod:`graph.analytics.columns`:
strings split in C, integer ids and NumPy arrays, NetworkX's adjacency filled in one pass; at
1M triples 4 s of CPU where reading rows took 8 s) into an ``nx.MultiDiGraph``:

- nodes are item IRIs with ``kind`` (a value of :data:`KINDS`), ``label`` (requested language,
  else the other), ``labels`` (``{"nl", "en"}``), ``notation``, and classification values
  named after their ontology property (``evidenceLevel``, ``effort``, ``hasCategory``, ... as
  IRIs; ``openGap``, ``requiresLegalChange``, ``isEscalationRoute`` as booleans; ``cbsCode``);
- edges come from the object properties whose range is an item class, plus
  ``org:classification`` and ``skos:broader``; key and ``predicate`` attribute are the property
  IRI. Inverses are stored in the canonical direction (``O wg:addressedBy S`` becomes
  ``S → O``, ``wg:addresses``). Properties whose range is a classification scheme (evidence,
  effort, ...) become node attributes, not edges, so routes do not run through "effort: high";
- ``G.graph`` holds ``lang``, ``version``, ``location`` and ``terms`` (classification values:
  IRI → ``{"class", "labels", "notation"}``).

Projections are cached on (store location, version, language); derived views and indexes are
memoised per graph object. Treat all of them as read-only.

>>> from graph.analytics.common import example_graph
>>> G = example_graph()
>>> G.nodes[iri("S02")]["label"], G.nodes[iri("S02")]["kind"]
('ontschot budget', 'solution')
>>> sorted(short_id(v) for v in G.successors(iri("S02")) if G.nodes[v]["kind"] == "obstacle")
['O01', 'O02']
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from functools import lru_cache

import networkx as nx
import numpy as np
import pyoxigraph as ox

from ontology import ITEM, QueryError, WG
from ontology.kinds import CLASS_KIND
from ontology.files import ONTOLOGY_TTL
from graph.analytics.arrays import neighbours, out_lists
from graph.analytics.columns import (EdgeTable, Group, attach, column_query, edge_table, ids,
                                     read_columns, smallest)
from graph.store import EmbeddedStore, Store, iri_nt
from ontology.vocab import ORG, OWL, RDFS, RDF_TYPE, SKOS

__all__ = [
    "KINDS", "project", "build_graph", "edge_predicates",
    "out_index", "in_index", "short_id",
    "nodes_of_kind", "memoize", "clear_cache", "iri", "queries", "row_queries", "edge_table",
]

ORG_CLASSIFICATION = ORG.classification
SKOS_BROADER = SKOS + "broader"

#: class IRI → node kind (from :mod:`ontology.kinds`)
KINDS = CLASS_KIND
#: classification classes whose members become values of node attributes
TERM_CLASSES = ("EvidenceLevel", "EffortLevel", "DecisionLevel", "TimeHorizon",
                "ImplementationLevel", "LegalStatus", "ObstacleCategory", "SourceType")
#: datatype properties copied onto nodes
_LITERAL_ATTRS = ("openGap", "requiresLegalChange", "isEscalationRoute", "cbsCode", "bwbId")
#: inverse property → canonical property (edges are stored in the canonical direction)
CANONICAL = {str(WG.addressedBy): str(WG.addresses)}
_LABELS = (SKOS + "prefLabel", RDFS + "label")
NOTATION = SKOS + "notation"


@lru_cache(maxsize=1)
def _model() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(edge predicates, attribute predicates) read from ``ontology/wijkgraaf.ttl``."""
    ranges: dict[str, str] = {}
    objects: set[str] = set()
    for quad in ox.parse(path=str(ONTOLOGY_TTL)):
        s, p, o = quad.subject.value, quad.predicate.value, quad.object.value
        if p == RDF_TYPE and o == OWL + "ObjectProperty":
            objects.add(s)
        elif p == RDFS + "range":
            ranges[s] = o
    item_classes = set(KINDS)
    term_classes = {WG + c for c in TERM_CLASSES}
    edges = {p for p in objects if ranges.get(p) in item_classes and p not in CANONICAL}
    attrs = {p for p in objects if ranges.get(p) in term_classes}
    return (tuple(sorted(edges | {ORG_CLASSIFICATION, SKOS_BROADER})), tuple(sorted(attrs)))


def edge_predicates() -> tuple[str, ...]:
    """The predicates projected as edges (canonical direction), sorted.

    >>> str(WG.addresses) in edge_predicates(), str(WG.effort) in edge_predicates()
    (True, False)
    """
    return _model()[0]


def short_id(iri: str) -> str:
    """An item IRI without the item namespace (other IRIs unchanged).

    >>> short_id(iri("O08"))
    'O08'
    """
    base = str(ITEM)
    return iri[len(base):] if iri.startswith(base) else iri


def _values(iris: Iterable[str]) -> str:
    return " ".join(iri_nt(i) for i in iris)


def _node_query() -> str:
    classes = [*KINDS, *(WG + c for c in TERM_CLASSES)]
    preds = [RDF_TYPE, *_LABELS, SKOS + "notation", *_model()[1],
             *(WG + a for a in _LITERAL_ATTRS)]
    # the sub-select first finds the items, then their values (7× faster than one flat join)
    return (f"SELECT ?s ?p ?o WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ VALUES ?t "
            f"{{ {_values(classes)} }} ?s a ?t }} }} VALUES ?p {{ {_values(preds)} }} ?s ?p ?o }}")


def _edge_query() -> str:
    preds = [*edge_predicates(), *CANONICAL]
    return (f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {_values(preds)} }} ?s ?p ?o "
            f"FILTER(isIRI(?s) && isIRI(?o)) }}")


def queries() -> tuple[str]:
    """The SELECT :func:`project` runs (one grouped query, see :mod:`graph.analytics.columns`).

    >>> [q.split()[0] for q in queries()]
    ['SELECT']
    """
    return (column_query([*edge_predicates(), *CANONICAL], _node_preds()),)


def row_queries() -> tuple[str, str]:
    """The two row SELECTs (items with their values, and links) read when a value holds a
    separator character, and by earlier versions; the benchmark times them for reference.

    >>> [q.split()[0] for q in row_queries()]
    ['SELECT', 'SELECT']
    """
    return _node_query(), _edge_query()


def _literal(term: ox.Literal) -> object:
    if term.datatype.value.endswith("#boolean"):
        return term.value in {"true", "1"}
    return term.value


def _labels(raw: dict, iri: str) -> dict[str, str]:
    """``{"nl", "en"}``: prefLabel, then rdfs:label, in the language, the other, none; the id."""
    out = {}
    for lang in ("nl", "en"):
        order = (lang, "en" if lang == "nl" else "nl", "")
        tried = [raw.get(p, {}).get(k) for p in _LABELS for k in order]
        out[lang] = next((t for t in tried if t), None) or short_id(iri)
    return out


def _node_preds() -> list[str]:
    return [RDF_TYPE, *_LABELS, NOTATION, *_model()[1], *(WG + a for a in _LITERAL_ATTRS)]


def _graph_from_columns(groups: list[Group], lang: str) -> tuple[nx.MultiDiGraph, EdgeTable]:
    """The projection from :func:`~graph.analytics.columns.read_columns`: node values by
    dictionary updates in C, links as integer arrays sorted by NumPy, then NetworkX's own
    adjacency dicts filled in one pass (the same graph :func:`_graph_from_rows` builds)."""
    attr_names = {p: p[len(WG):] for p in _model()[1]}
    attr_names.update({WG + a: a for a in _LITERAL_ATTRS})
    link_preds = {*edge_predicates(), *CANONICAL}
    types: dict[str, list[str]] = {}
    labels: dict[tuple[str, str], tuple[list, list]] = {}
    notation: tuple[list, list] = ([], [])
    attrs: dict[str, tuple[list, list]] = {}
    links = []
    for g in groups:
        if g.p in link_preds:
            links.append(g)
            continue
        if g.p == RDF_TYPE:
            if g.value is not None:
                types.setdefault(g.value, []).extend(g.subjects)
            continue
        values = g.objects
        if g.p in _LABELS:
            parts = labels.setdefault((g.p, g.lang), ([], [])) if g.lang is not None else None
        elif g.p == NOTATION:
            parts = notation
        else:
            if g.datatype is not None and g.datatype.endswith("#boolean"):
                values = [v in {"true", "1"} for v in values]
            parts = attrs.setdefault(attr_names[g.p], ([], []))
        if parts is not None:
            parts[0].extend(g.subjects)
            parts[1].extend(values)
    kind_of: dict[str, str] = {}
    for kind, cls in sorted(((k, c) for c, k in KINDS.items()), reverse=True):
        kind_of.update(dict.fromkeys(types.get(cls, ()), kind))  # the smallest kind wins
    term_nodes = {s for c in TERM_CLASSES for s in types.get(WG + c, ())}.difference(kind_of)
    term_class: dict[str, str] = {}
    for cls, subjects in types.items():
        if term_nodes and cls.startswith(WG):
            for s in term_nodes.intersection(subjects):
                if s not in term_class or cls[len(WG):] < term_class[s]:
                    term_class[s] = cls[len(WG):]
    found = {key: smallest(*parts) for key, parts in labels.items()}
    for key, values in found.items():
        if "" in values.values():  # an empty label counts as none
            found[key] = {s: v for s, v in values.items() if v}
    by_lang = {}
    for want in ("nl", "en"):
        order = (want, "en" if want == "nl" else "nl", "")
        best: dict[str, str] = {}
        for p in reversed(_LABELS):
            for k in reversed(order):
                best.update(found.get((p, k), {}))
        by_lang[want] = best
    nl, en = by_lang["nl"], by_lang["en"]
    notations = smallest(*notation)
    nodes = sorted(kind_of)

    def named(n: str) -> dict[str, str]:
        return {"nl": nl.get(n) or short_id(n), "en": en.get(n) or short_id(n)}

    names = [named(n) for n in nodes]
    data = {n: {"label": x[lang], "labels": x, "kind": kind_of[n], "notation": notations.get(n)}
            for n, x in zip(nodes, names)}
    for name, parts in attrs.items():
        for n, value in smallest(*parts, key=str).items():
            if n in data:
                data[n][name] = value
    terms = {n: {"class": term_class.get(n), "labels": named(n), "notation": notations.get(n)}
             for n in sorted(term_nodes)}
    G = nx.MultiDiGraph(lang=lang, version=None, location=None, terms=terms)
    G._node.update(data)  # NetworkX's own node and adjacency dicts, filled in node order
    table = _link_table(links, nodes, [kind_of[n] for n in nodes])
    succ, pred = _adjacency(table)
    G._succ.update(succ)
    G._pred.update(pred)
    return G, table


def _adjacency(table: EdgeTable) -> tuple[dict, dict]:
    """NetworkX's successor and predecessor dicts of a multigraph with ``table``'s edges added
    in table order: ``succ[u][v]`` and ``pred[v][u]`` are one key dict ``{k: {"predicate": k}}``
    (as ``add_edge`` makes them), neighbours in the order their first edge came; grouped by
    NumPy, so Python only creates the dicts."""
    n, m = len(table.nodes), len(table.u)
    u, v = table.u.astype(np.int64), table.v.astype(np.int64)
    _, first, pair = np.unique(u * n + v, return_index=True, return_inverse=True)
    pair = pair.reshape(-1)
    by_place = np.argsort(first, kind="stable")  # pairs in the order their first edge came
    rank = np.empty_like(by_place)
    rank[by_place] = np.arange(len(first))
    pair = rank[pair]  # pair ids now count up in order of appearance
    first = first[by_place]
    # one attribute dict per predicate and one key dict per predicate for every pair linked
    # once (nearly all): shared, as the graph is read-only (a dict per edge took 1.4 s at 3M)
    attrs = [{"predicate": p} for p in table.preds]
    single = np.empty(len(table.preds), dtype=object)
    single[:] = [{p: a} for p, a in zip(table.preds, attrs)]
    keydicts = single[table.k[first]].tolist()
    if len(first) < m:  # further keys of a pair, in table order: that pair's own dict
        extra = np.ones(m, dtype=bool)
        extra[first] = False
        ks = table.k.tolist()
        for i in np.flatnonzero(extra).tolist():
            j = pair[i]
            if keydicts[j] is single[ks[first[j]]]:
                keydicts[j] = dict(keydicts[j])
            keydicts[j][table.preds[ks[i]]] = attrs[ks[i]]
    held = np.empty(len(keydicts), dtype=object)
    held[:] = keydicts
    names = table.node_array()
    pu, pv = u[first], v[first]
    out = []
    for a, b in ((pu, pv), (pv, pu)):
        order = np.argsort(a, kind="stable")  # by node, then order of appearance
        ends = np.cumsum(np.bincount(a, minlength=n)).tolist()
        others = names[b[order]].tolist()
        dicts = held[order].tolist()
        adj = {x: {} for x in table.nodes}
        adj.update({table.nodes[x]: dict(zip(others[s:e], dicts[s:e]))
                    for x, s, e in zip(range(n), [0, *ends], ends) if e > s})
        out.append(adj)
    return out[0], out[1]


def _link_table(links: list[Group], nodes: list[str], kinds: list[str]) -> EdgeTable:
    """The links as an :class:`EdgeTable`, in the order :func:`build_graph` adds them: sorted
    by (subject, predicate, object) as stated, inverses turned round in place, each once."""
    index = {n: i for i, n in enumerate(nodes)}
    preds = sorted({g.p for g in links} | set(CANONICAL.values()))
    at = {p: i for i, p in enumerate(preds)}
    u = np.concatenate([ids(index, g.subjects) for g in links] or [np.zeros(0, np.int64)])
    v = np.concatenate([ids(index, g.objects) for g in links] or [np.zeros(0, np.int64)])
    k = np.concatenate([np.full(len(g.subjects), at[g.p]) for g in links]
                       or [np.zeros(0, np.int64)])
    keep = (u >= 0) & (v >= 0)  # both ends must be items
    u, v, k = u[keep], v[keep], k[keep]
    order = np.lexsort((v, k, u))  # node and predicate ids follow the sorted IRIs
    u, v, k = u[order], v[order], k[order]
    for inverse, canonical in CANONICAL.items():
        if inverse in at:
            turn = k == at[inverse]
            u, v = np.where(turn, v, u), np.where(turn, u, v)
            k = np.where(turn, at[canonical], k)
    key = (u * len(nodes) + v) * len(preds) + k
    first = np.sort(np.unique(key, return_index=True)[1])  # each statement once, first place
    return EdgeTable(nodes, preds, u[first].astype(np.int32), v[first].astype(np.int32),
                     k[first].astype(np.int32), kinds)


def _graph_from_rows(node_rows: list, edge_rows: list, lang: str) -> nx.MultiDiGraph:
    items: dict[str, dict] = {}
    attr_preds = {p: p[len(WG):] for p in _model()[1]}
    attr_preds.update({WG + a: a for a in _LITERAL_ATTRS})
    for s, p, o in node_rows:
        item = items.setdefault(s, {"types": set(), "raw": {}})
        if p == RDF_TYPE:
            item["types"].add(o.value)
        elif p in _LABELS and isinstance(o, ox.Literal):
            found = item["raw"].setdefault(p, {})
            found[o.language or ""] = min(o.value, found.get(o.language or "", o.value))
        elif p == SKOS + "notation":
            item["notation"] = min(o.value, item.get("notation", o.value))
        elif p in attr_preds:
            value = _literal(o) if isinstance(o, ox.Literal) else o.value
            previous = item.setdefault("attrs", {}).get(attr_preds[p])
            if previous is None or str(value) < str(previous):  # deterministic if several
                item["attrs"][attr_preds[p]] = value
    nodes, terms = [], {}
    for node in sorted(items):
        item = items[node]
        kinds = sorted({KINDS[t] for t in item["types"] if t in KINDS})
        labels = _labels(item["raw"], node)
        if kinds:
            nodes.append({"id": node, "kind": kinds[0], "labels": labels,
                          "notation": item.get("notation"), **item.get("attrs", {})})
        else:
            cls = sorted(t[len(WG):] for t in item["types"] if t.startswith(WG))
            terms[node] = {"class": cls[0] if cls else None, "labels": labels,
                          "notation": item.get("notation")}
    edges = [(s, p, o.value) for s, p, o in edge_rows]
    return build_graph(nodes, edges, lang=lang, terms=terms, strict=False)


def build_graph(
    nodes: Iterable[Mapping],
    edges: Iterable[tuple[str, str, str]],
    *,
    lang: str = "nl",
    terms: Mapping[str, Mapping] | None = None,
    strict: bool = True,
) -> nx.MultiDiGraph:
    """A projection-shaped graph from plain records (for tests, examples and benchmarks).

    ``nodes`` are mappings with ``id``, ``kind`` and ``labels`` (``{"nl", "en"}``) or
    ``label``, plus any attributes; ``edges`` are ``(subject, predicate, object)``. Ids
    without a scheme are item ids (``"O01"`` → ``ITEM["O01"]``); a predicate without a scheme
    is an ontology term (``"addresses"`` → ``WG.addresses``, a typo raises ``AttributeError``).
    Nodes and edges are added in sorted order, so algorithms see the same order every run.
    Edges whose ends are not nodes are left out, or raise ``KeyError`` when ``strict``.

    >>> G = build_graph([{"id": "S1", "kind": "solution", "label": "buurtteam"},
    ...                  {"id": "O1", "kind": "obstacle", "label": "wachtlijst"}],
    ...                 [("S1", "addresses", "O1")])
    >>> [(short_id(u), short_id(v)) for u, v in G.edges()]
    [('S1', 'O1')]
    """
    G = nx.MultiDiGraph(lang=lang, version=None, location=None, terms=dict(terms or {}))
    for record in sorted(nodes, key=lambda r: iri(r["id"])):
        attrs = {k: v for k, v in record.items() if k not in {"id", "label", "labels"}}
        if attrs.get("kind") not in KINDS.values():
            raise ValueError(f"node {record['id']!r}: unknown kind {attrs.get('kind')!r}; "
                             f"use one of {', '.join(sorted(set(KINDS.values())))}")
        labels = dict(record.get("labels") or {"nl": record.get("label"),
                                               "en": record.get("label")})
        node = iri(record["id"])
        labels = {k: labels.get(k) or labels.get("en" if k == "nl" else "nl") or short_id(node)
                  for k in ("nl", "en")}
        attrs.setdefault("notation", None)
        G.add_node(node, label=labels[lang], labels=labels, **attrs)
    for s, p, o in sorted((iri(s), _pred(p), iri(o)) for s, p, o in edges):
        if p in CANONICAL:
            s, p, o = o, CANONICAL[p], s
        if s not in G or o not in G:
            if strict:
                raise KeyError(f"edge ({s}, {p}, {o}): both ends must be nodes")
            continue
        G.add_edge(s, o, key=p, predicate=p)
    return G


def iri(value: str) -> str:
    """The IRI of an item id (an IRI stays as it is), as the plain string nodes are keyed by.

    >>> iri("O08")
    'https://w3id.org/wijkgraaf/id/O08'
    """
    return value if ":" in value else str(ITEM[value])


def _pred(value: str) -> str:
    return value if ":" in value else str(getattr(WG, value))


# -- caching --------------------------------------------------------------------------------

_CACHE: OrderedDict[tuple, tuple[Callable[[], object] | None, nx.MultiDiGraph]] = OrderedDict()
_CACHE_SIZE = 8
_LOCK = threading.Lock()


def clear_cache() -> None:
    """Forget every cached projection and every memoised view and index."""
    with _LOCK:
        _CACHE.clear()
        _MEMO.clear()


def project(store: Store, lang: str = "nl", *, cache: bool = True) -> nx.MultiDiGraph:
    """The store as a typed ``nx.MultiDiGraph``, built once per (location, version, language).

    In-memory stores all have the location ``:memory:``, so they are told apart by identity.
    The result is shared between callers: do not change it (copy it first).

    >>> from graph.kb.loading import ensure_ready, open_store
    >>> store = ensure_ready(open_store(), bundled=False)
    >>> G = project(store, "en")
    >>> G.number_of_nodes(), G.graph["lang"], project(store, "en") is G
    (0, 'en', True)
    """
    if lang not in {"nl", "en"}:
        raise ValueError(f"language {lang!r}: use 'nl' or 'en'")
    version, memory = store.version(), store.location == ":memory:"
    key = (f":memory:{id(store)}" if memory else store.location, version, lang)
    with _LOCK:
        hit = _CACHE.get(key) if cache else None
        if hit is not None and (hit[0] is None or hit[0]() is store):
            _CACHE.move_to_end(key)
            return hit[1]
    # the cyclic garbage collector would scan the millions of new tuples and dicts again and
    # again while nothing here makes a cycle: off during the build (1M triples: 12.9 → 8.9 s)
    with paused_gc():
        try:
            groups = read_columns(store, queries()[0])
        except QueryError:  # a server that cannot run the grouped query (Virtuoso 7: SP031)
            groups = None
        if groups is not None:
            G, table = _graph_from_columns(groups, lang)
            attach(G, table)
            # for routes: neighbours as integer arrays and the node index (0.1 s at 1M; the
            # NetworkX undirected view took 0.4 s and is now built only when asked for)
            table.view("neighbours", lambda: neighbours(table))
            table.view("index", lambda: {n: i for i, n in enumerate(table.nodes)})
        else:  # a value holds a separator character, or the server refused: read rows
            G = _graph_from_rows(_rows(store, _node_query()), _rows(store, _edge_query()), lang)
    G.graph.update(version=version, location=store.location)
    if cache:
        with _LOCK:
            _CACHE[key] = (weakref.ref(store) if memory else None, G)
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    return G


def _rows(store: Store, sparql: str) -> list[tuple[str, str, object]]:
    """(subject IRI, predicate IRI, object term) of each row; straight from pyoxigraph for the
    embedded store (its ``select`` builds a dict of terms per row: 2.5× slower at 100k)."""
    if isinstance(store, EmbeddedStore):
        return [(x[0].value, x[1].value, x[2]) for x in store.raw_query(sparql)]
    return [(r["s"].value, r["p"].value, r["o"]) for r in store.select(sparql)]


_MEMO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: graph → key → the lock held while that value is computed
_GATES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_PAUSES = [0]  # how many threads are inside paused_gc (guarded by _GC_LOCK)
_GC_LOCK = threading.Lock()


@contextmanager
def paused_gc():
    """The cyclic garbage collector off inside (threads may nest; it comes back on when the
    last one leaves, if it was on). Views of a big projection make many objects that hold no
    cycles, and every collection meanwhile would walk the projection's millions of dicts
    (3M triples: the bridge matrix 0.75 s with collections, 0.34 s without)."""
    with _GC_LOCK:
        if _PAUSES[0] == 0:
            _PAUSES.append(gc.isenabled())
            gc.disable()
        _PAUSES[0] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _PAUSES[0] -= 1
            if _PAUSES[0] == 0 and _PAUSES.pop():
                gc.enable()


def memoize(G: nx.Graph, key: object, compute: Callable[[], object]) -> object:
    """``compute()`` once per graph object and key (recomputed if the number of nodes changed;
    graphs are read-only by contract, so that is only a safety net).

    >>> from graph.analytics.common import example_graph
    >>> G = example_graph()
    >>> memoize(G, "answer", lambda: 42), memoize(G, "answer", lambda: 0)
    (42, 42)
    """
    size = G.number_of_nodes()  # O(1); counting edges of a multigraph is O(edges)
    with _LOCK:
        hit = _MEMO.setdefault(G, {}).get(key)
        if hit is not None and hit[0] == size:
            return hit[1]
        gate = _GATES.setdefault(G, {}).setdefault(key, threading.RLock())
    with gate:  # a second caller waits for the first one's answer, not computing it again
        with _LOCK:
            hit = _MEMO.setdefault(G, {}).get(key)
        if hit is not None and hit[0] == size:
            return hit[1]
        with paused_gc():
            value = compute()
        with _LOCK:
            _MEMO.setdefault(G, {})[key] = (size, value)
    return value


# -- indexes and views ----------------------------------------------------------------------

def out_index(G: nx.MultiDiGraph, predicate: str) -> dict[str, tuple[str, ...]]:
    """subject → sorted objects of ``predicate`` (an IRI or an ontology term name).

    >>> from graph.analytics.common import example_graph
    >>> out_index(example_graph(), "addresses")[iri("S02")] == (iri("O01"), iri("O02"))
    True
    """
    p = _pred(predicate)

    def compute():  # every predicate at once, from the edge arrays (arrays.out_lists)
        return out_lists(edge_table(G))
    return memoize(G, "out", compute).get(p, {})


def in_index(G: nx.MultiDiGraph, predicate: str) -> dict[str, tuple[str, ...]]:
    """object → sorted subjects of ``predicate``.

    >>> from graph.analytics.common import example_graph
    >>> [short_id(s) for s in in_index(example_graph(), "addresses")[iri("O01")]]
    ['S01', 'S02']
    """
    p = _pred(predicate)

    def compute():
        found: dict[str, set[str]] = {}
        for u, vs in out_index(G, p).items():
            for v in vs:
                found.setdefault(v, set()).add(u)
        return {v: tuple(sorted(us)) for v, us in sorted(found.items())}
    return memoize(G, ("in", p), compute)


def nodes_of_kind(G: nx.Graph, kind: str) -> list[str]:
    """The nodes of one kind, sorted.

    >>> from graph.analytics.common import example_graph
    >>> [short_id(n) for n in nodes_of_kind(example_graph(), "domain")]
    ['dom-gezondheid', 'dom-veiligheid', 'dom-wonen']
    """
    return memoize(G, ("kind", kind),
                   lambda: sorted(n for n, k in G.nodes(data="kind") if k == kind))
