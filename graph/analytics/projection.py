"""The knowledge graph as a NetworkX graph: built once per store version, reused everywhere.

:func:`project` reads the store with two SELECT queries (items with labels and attributes;
links between items) into an ``nx.MultiDiGraph``:

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
from functools import lru_cache

import networkx as nx
import pyoxigraph as ox

from ontology import ITEM, WG
from ontology.kinds import CLASS_KIND
from ontology.files import ONTOLOGY_TTL
from graph.store import EmbeddedStore, Store, iri_nt
from ontology.vocab import ORG, OWL, RDFS, RDF_TYPE, SKOS

__all__ = [
    "KINDS", "project", "build_graph", "edge_predicates",
    "out_index", "in_index", "short_id",
    "nodes_of_kind", "memoize", "clear_cache", "iri", "queries",
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


def queries() -> tuple[str, str]:
    """The two SELECT queries :func:`project` runs: items with their values, and links.

    >>> [q.split()[0] for q in queries()]
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
    enabled = gc.isenabled()
    gc.disable()
    try:
        G = _graph_from_rows(_rows(store, _node_query()), _rows(store, _edge_query()), lang)
    finally:
        if enabled:
            gc.enable()
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
        table = _MEMO.setdefault(G, {})
        hit = table.get(key)
    if hit is not None and hit[0] == size:
        return hit[1]
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

    def compute():  # one pass over the edges serves every predicate
        found: dict[str, dict[str, set[str]]] = {}
        for u, v, k in G.edges(keys=True):
            found.setdefault(k, {}).setdefault(u, set()).add(v)
        return {k: {u: tuple(sorted(vs)) for u, vs in sorted(by.items())}
                for k, by in found.items()}
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
