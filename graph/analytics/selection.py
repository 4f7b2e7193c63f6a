"""Projections per selection: the part of the graph one page needs, fetched with a few SPARQL
queries, for a store too big to project whole on every version (a SPARQL server holding
millions of triples).

Every function here answers one page's question with a few batched SPARQL queries
(``VALUES`` of up to 2000 items, fewer where the store's ``values_limit`` says so) and never
reads the whole graph. A list of predicates is written in the form the store names for the
side a ``VALUES`` block lists (``Store.predicate_form``): ``FILTER(?p IN …)``, which Oxigraph
answers from its subject or object index (``VALUES ?p`` beside ``VALUES ?s`` makes it scan,
100× slower at 1M); Virtuoso's forms in ``graph.store.remote.QUIRKS``:

- :func:`neighbourhood`: a graph of the same shape as :func:`~.projection.project` (same node
  attributes, same edges, ``G.graph["terms"]`` with every classification value), holding the
  items within ``depth`` steps of the seeds in either direction, the links among them, the
  areas of every case and organisation in it, and the areas above every area in it (for the
  place names in reasons). Items of the few-member kinds in :data:`HUBS` (domains,
  organisation types, themes) are taken in but not walked through: at 10 million triples one
  domain is linked to a hundred thousand obstacles. So an obstacle's neighbourhood of depth
  2 holds everything :func:`~.advice.rank_solutions` reads for it, and the ranking is the
  one the whole projection gives;
- :func:`pair_selection`: what a bridge-map cell (two domains or domain groups) needs for
  :func:`~.bridges.bridging_solutions`;
- :func:`pair_ranking`: a cell's first page in the one ranking and its count, for cells too
  big to fetch whole (ranked on the cell's figures first, then only the page fetched);
- :func:`route_selection` and :func:`party_routes`: routes between two organisation types
  or organisations, in the connectors within a few steps of either end;
- :func:`agenda_selection`: what :func:`~.agenda.agenda` reads for some obstacles and an area;
- :func:`labels`: item → label for some kinds (pickers, the search over labels);
- :func:`bridge_counts`: the domain × domain counts of stated bridges as one SPARQL
  aggregate (``GROUP BY``).

``tests/analytics/test_selection.py`` checks each answer against the whole projection's.
Selections are cached per (store location, store version, arguments); the classification
values and the labels per store version (:func:`clear_clicks` forgets only the former).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache

import networkx as nx
import pyoxigraph as ox

from graph.analytics.advice import ancestors, pair_answer, rank_solutions
from graph.analytics.projection import (
    CANONICAL, KINDS, TERM_CLASSES, _graph_from_rows, _model, edge_predicates, iri, short_id,
)
from graph.analytics.routes import CONNECTORS, routes
from graph.store import Store, among, among_strings, iri_nt, predicate_union
from ontology import WG
from ontology.files import ONTOLOGY_TTL
from ontology.vocab import RDF_TYPE, RDFS, SKOS

__all__ = ["HUBS", "neighbourhood", "bridge_counts", "selection_queries", "pair_selection",
           "pair_ranking",
           "route_selection", "party_routes", "agenda_selection", "labels", "clear_clicks"]

#: kinds with few members and very many links: taken into a neighbourhood, not walked through
HUBS = frozenset({"domain", "organisation_type", "theme"})
_LITERALS = ("openGap", "requiresLegalChange", "isEscalationRoute", "cbsCode", "bwbId")
_VALUE_PREDICATES = (RDF_TYPE, SKOS + "prefLabel", RDFS + "label", SKOS + "notation")
_BATCH = 2000

#: answers per click (selections), and tables per store version (terms, labels)
_CACHE: OrderedDict[tuple, object] = OrderedDict()
_VERSIONED: OrderedDict[tuple, object] = OrderedDict()
_CACHE_SIZE = 64
_LOCK = threading.Lock()


def _values(nodes: Iterable[str]) -> str:
    return " ".join(iri_nt(n) for n in nodes)


def _batches(store: Store, nodes: list[str], listed: str = "subjects") -> list[list[str]]:
    """``nodes`` in runs of at most :data:`_BATCH`, or the store's ``values_limit`` for
    ``VALUES`` that list ``listed`` (``"subjects"``, ``"objects"``)."""
    size = min(_BATCH, store.values_limit(listed) or _BATCH)
    return [nodes[start:start + size] for start in range(0, len(nodes), size)]


def _triples(store: Store, triple: str, iris: Iterable[str], listed: str, test: str = ""
             ) -> str:
    """The pattern ``triple`` (``"?s ?p ?o"``, the predicate a variable) with its predicate one
    of ``iris`` and the filter ``test``, in the form ``store.predicate_form(listed)`` names
    (``listed``: the end a ``VALUES`` block lists, ``"subjects"`` or ``"objects"``, or
    ``"constants"``)."""
    s, p, o = triple.split()
    form = store.predicate_form(listed)
    if form == "union":
        union = predicate_union(s, p, o, iris)
        return f"{union} FILTER({test})" if test else union
    return f"{triple} FILTER({test + ' && ' if test else ''}{_one_of(form, p, iris)})"


def _one_of(form: str, variable: str, iris: Iterable[str]) -> str:
    """The filter "``variable`` is one of ``iris``" in a filter ``form`` (``"strings"``, else
    the standard ``IN``)."""
    return (among_strings if form == "strings" else among)(variable, iris)


def selection_queries(store: Store, nodes: Iterable[str]) -> dict[str, str]:
    """The SPARQL queries one step of :func:`neighbourhood` sends ``store`` for ``nodes``:
    links out, links in, kinds, and values.

    >>> from graph.store import EmbeddedStore
    >>> sorted(selection_queries(EmbeddedStore(), [iri("O01")]))
    ['in', 'kinds', 'out', 'values']
    """
    values = _values(nodes)
    edges = [*edge_predicates(), *CANONICAL]
    preds = [*_VALUE_PREDICATES, *_model()[1], *(WG + a for a in _LITERALS)]
    out = _triples(store, "?s ?p ?o", edges, "subjects", "isIRI(?o)")
    into = _triples(store, "?s ?p ?o", edges, "objects", "isIRI(?s)")
    return {
        "out": f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} {out} }}",
        "in": f"SELECT ?s ?p ?o WHERE {{ VALUES ?o {{ {values} }} {into} }}",
        "kinds": f"SELECT ?s ?t WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?t "
                 f"FILTER(?p = {iri_nt(RDF_TYPE)}) }}",
        "values": f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} "
                  f"{_triples(store, '?s ?p ?o', preds, 'subjects')} }}",
    }


def _batched(store: Store, name: str, nodes: list[str]) -> list[dict]:
    rows: list[dict] = []
    for batch in _batches(store, nodes, "objects" if name == "in" else "subjects"):
        rows += store.select(selection_queries(store, batch)[name])
    return rows


def _cached(key: tuple, compute, cache: OrderedDict | None = None):
    cache = _CACHE if cache is None else cache
    with _LOCK:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    value = compute()
    with _LOCK:
        cache[key] = value
        while len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
    return value


def clear_clicks() -> None:
    """Forget the selections (not the tables per store version): for ``bench.server``, which
    times each click as if it were new."""
    with _LOCK:
        _CACHE.clear()


def _key(store: Store, *rest: object) -> tuple:
    where = f":memory:{id(store)}" if store.location == ":memory:" else store.location
    return (where, store.version(), *rest)


def _terms_rows(store: Store) -> list[tuple[str, str, object]]:
    """The classification values (evidence levels, effort, …): once per store version."""
    def compute():
        rows = store.select(
            f"SELECT ?s ?p ?o WHERE {{ VALUES ?t {{ {_values(WG + c for c in TERM_CLASSES)} }} "
            f"?s a ?t . {_triples(store, '?s ?p ?o', _VALUE_PREDICATES, 'subjects')} }}")
        return [(r["s"].value, r["p"].value, r["o"]) for r in rows]
    return _cached(_key(store, "terms"), compute, _VERSIONED)


def neighbourhood(store: Store, seeds: Iterable[str], depth: int = 2, lang: str = "nl",
                  also: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The projection of the items within ``depth`` steps of ``seeds`` (ids or IRIs), hubs
    not walked through (see the module text), with the items ``also`` taken in as they are
    (not walked). Shared per store version: do not change it.

    >>> from tests.conftest import make_mini_store
    >>> G = neighbourhood(make_mini_store(), ["O01"], depth=1)
    >>> sorted(G.nodes[n]["kind"] for n in G)[:3], G.graph["lang"]
    (['area', 'area', 'case'], 'nl')
    """
    if lang not in {"nl", "en"}:
        raise ValueError(f"language {lang!r}: use 'nl' or 'en'")
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    start = tuple(sorted({iri(s) for s in seeds}))
    extra = tuple(sorted({iri(s) for s in also}))
    return _cached(_key(store, "neighbourhood", start, depth, lang, extra),
                   lambda: _selection(store, [(start, depth, None)], extra, lang))


class _Walker:
    """The kinds of the items met so far, learnt in batches."""

    def __init__(self, store: Store) -> None:
        self.store, self.kinds = store, {}
        self._rows: dict[str, dict[str, list[tuple[str, str, str]]]] = {"out": {}, "in": {}}

    def links(self, way: str, nodes: Iterable[str]) -> list[tuple[str, str, str]]:
        """(subject, predicate, object) of the links out of (``way="out"``) or into
        ``nodes``, each node asked once per walker."""
        seen = self._rows[way]
        nodes = list(dict.fromkeys(nodes))
        new = [n for n in nodes if n not in seen]
        for n in new:
            seen[n] = []
        end = "s" if way == "out" else "o"
        for r in _batched(self.store, way, new):
            seen[r[end].value].append((r["s"].value, r["p"].value, r["o"].value))
        return [row for n in nodes for row in seen[n]]

    def learn(self, nodes: Iterable[str]) -> None:
        new = [n for n in dict.fromkeys(nodes) if n not in self.kinds]
        for n in new:
            self.kinds[n] = None
        for row in _batched(self.store, "kinds", new):
            kind = KINDS.get(row["t"].value)
            s = row["s"].value
            if kind and (self.kinds[s] is None or kind < self.kinds[s]):
                self.kinds[s] = kind

    def walk(self, seeds: Iterable[str], depth: int, only: frozenset | None = None
             ) -> set[str]:
        """The items within ``depth`` steps of ``seeds`` (hubs not walked through, seeds
        always; with ``only``, only items of those kinds past the seeds)."""
        seeds = list(dict.fromkeys(seeds))
        self.learn(seeds)
        taken = {s for s in seeds if self.kinds[s]}
        frontier = sorted(taken)
        for _ in range(depth):
            walk = [n for n in frontier if self.kinds[n] not in HUBS or n in seeds]
            found = {o for _, _, o in self.links("out", walk)}
            found |= {x for x, _, _ in self.links("in", walk)}
            fresh = sorted(found - taken)
            self.learn(fresh)
            frontier = [n for n in fresh if self.kinds[n]
                        and (only is None or self.kinds[n] in only)]
            taken.update(frontier)
        return taken


def _selection(store: Store, walks: list[tuple[tuple[str, ...], int, frozenset | None]],
               extra: Iterable[str], lang: str, outward: Iterable[str] = (),
               follow: Iterable[str] = (), walker: _Walker | None = None
               ) -> nx.MultiDiGraph:
    """The projection of the items the ``walks`` (seeds, depth, kinds) reach and ``extra``,
    with what items of the kinds ``outward`` link to (by the predicates ``follow``, or any),
    the areas of every case and organisation in it and the areas above every area."""
    walker = walker or _Walker(store)
    follow = set(follow)
    items: set[str] = set()
    for seeds, depth, only in walks:
        items |= walker.walk(seeds, depth, only)
    walker.learn(extra)
    items |= {n for n in extra if walker.kinds[n]}
    kinds = walker.kinds
    out_of = sorted(n for n in items if kinds[n] in set(outward))
    targets = sorted({o for _, p, o in walker.links("out", out_of)
                      if not follow or p in follow} - items)
    walker.learn(targets)
    items |= {n for n in targets if kinds[n]}
    part_of, in_area, active = str(WG.partOfArea), str(WG.inArea), str(WG.activeIn)
    placed = sorted(n for n in items if kinds[n] in ("case", "organisation"))
    areas = sorted({o for _, p, o in walker.links("out", placed)
                    if p in (in_area, active)} - items)
    walker.learn(areas)
    areas = [n for n in areas if kinds[n] == "area"]
    items.update(areas)
    areas = sorted(n for n in items if kinds[n] == "area")
    while areas:  # the areas above every area (municipality above district above wijk)
        ups = sorted({o for _, p, o in walker.links("out", areas) if p == part_of} - items)
        walker.learn(ups)
        areas = [n for n in ups if kinds[n] == "area"]
        items.update(areas)
    ordered = sorted(items)
    node_rows = [(r["s"].value, r["p"].value, r["o"])
                 for r in _batched(store, "values", ordered)]
    edge_rows = [(x, p, ox.NamedNode(o)) for x, p, o in walker.links("out", ordered)
                 if o in items]
    G = _graph_from_rows(node_rows + _terms_rows(store), edge_rows, lang)
    G.graph.update(version=store.version(), location=store.location,
                   seeds=tuple(s for w in walks for s in w[0]),
                   depth=max((w[1] for w in walks), default=0))
    return G


def _column(store: Store, sparql: str, name: str = "x") -> list[str]:
    return sorted({r[name].value for r in store.select(sparql)
                   if isinstance(r.get(name), ox.NamedNode)})


def _side(store: Store, node: str) -> list[str]:
    """A side of the bridge map: a domain itself (also one with narrower domains, as
    :func:`graph.analytics.views.side_domains` has it), or the domains of a domain group."""
    broader, domain = iri_nt(SKOS + "broader"), iri_nt(str(WG.Domain))
    if store.ask(f"ASK {{ {iri_nt(node)} ?a {domain} FILTER(?a = {iri_nt(RDF_TYPE)}) }}"):
        return [node]
    below = _column(store, f"SELECT ?x WHERE {{ ?x {broader} {iri_nt(node)} . "
                           f"?x ?a {domain} FILTER(?a = {iri_nt(RDF_TYPE)}) }}")
    return below or [node]


def pair_selection(store: Store, a: str, b: str, lang: str = "nl", also: Iterable[str] = (),
                   only: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The projection a bridge-map cell needs for sides ``a`` and ``b`` (domains or domain
    groups, ids or IRIs): every solution that bridges them (:func:`_leading`; with ``only``,
    those solutions instead, without asking for the cell's solutions again), what the
    ranking reads one step from them (obstacles, cases, deciders, domains), their
    obstacles' domains, and the sides with their domains. ``bridging_solutions`` on it
    answers as on the whole projection.

    >>> from tests.conftest import make_mini_store
    >>> from graph.analytics.bridges import bridging_solutions
    >>> G = pair_selection(make_mini_store(), "dom-wonen", "dom-gezondheid")
    >>> [short_id(r.solution) for r in bridging_solutions(G, "dom-wonen", "dom-gezondheid")]
    ['S01', 'S02']
    """
    a, b = iri(a), iri(b)
    more = tuple(sorted({iri(x) for x in also}))
    kept = None if only is None else tuple(sorted({iri(x) for x in only}))

    def compute():
        sides = {x: _side(store, x) for x in (a, b)}
        solutions = sorted(_leading(store, sides[a], sides[b])) if kept is None else kept
        extra = {a, b, *sides[a], *sides[b], *more}
        return _selection(store, [(tuple(solutions), 1, _RANKED)], extra, lang, ("obstacle",),
                          (str(WG.affectsDomain),))
    if lang not in {"nl", "en"}:
        raise ValueError(f"language {lang!r}: use 'nl' or 'en'")
    return _cached(_key(store, "pair", a, b, lang, more, kept), compute)


def _cell_facts(store: Store, a: str, b: str, sides: dict[str, list[str]],
                solutions: list[str], area: str | None, lang: str) -> nx.MultiDiGraph:
    """A projection of a cell that holds only what the ranking's key reads of its
    candidates, not their names: their kind, evidence level, decision level and effort, the
    items they address (with those items' domains on either side), the domains they state,
    the items applying them (practice cases) and, with ``area``, where those are and the
    areas above; plus the sides. Labels are ids. A few batched queries of IRIs, each read
    from a subject or object index, a few requests per two thousand solutions, where a whole
    selection (:func:`pair_selection`) reads every name, case and obstacle around them."""
    type_, addresses, applies, affects, bridges = (str(p) for p in (
        RDF_TYPE, WG.addresses, WG.appliesSolution, WG.affectsDomain, WG.bridgesDomain))
    own = [type_, str(WG.evidenceLevel), str(WG.decisionLevel), str(WG.effort), bridges,
           addresses]
    domains = {a, b, *sides[a], *sides[b]}
    node_rows: list[tuple] = []
    edge_rows: list[tuple] = []

    linked: set[str] = set()  # what the candidates address, and the cases applying them
    out = _triples(store, "?s ?p ?o", own, "subjects")
    into = _triples(store, "?x ?p ?s", [str(WG.addressedBy), applies], "objects", "isIRI(?x)")
    for batch in _batches(store, solutions, "objects"):  # listed as subjects, then objects
        values = _values(batch)
        for r in store.select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} {out} }}"):
            s, p, o = r["s"].value, r["p"].value, r["o"]
            if p == addresses and isinstance(o, ox.NamedNode):
                edge_rows.append((s, p, o))
                linked.add(o.value)
            elif p == bridges:
                if o.value in domains:
                    edge_rows.append((s, p, o))
            elif p != addresses:
                node_rows.append((s, p, o))
        for r in store.select(f"SELECT ?x ?p ?s WHERE {{ VALUES ?s {{ {values} }} {into} }}"):
            x = r["x"].value
            linked.add(x)
            edge_rows.append((r["s"].value, addresses, ox.NamedNode(x))
                             if r["p"].value != applies else (x, applies, r["s"]))
    kinds = _triples(store, "?s ?p ?o", [type_, affects], "subjects")
    for batch in _batches(store, sorted(linked)):  # their kinds, and the obstacles' domains
        for r in store.select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(batch)} }} "
                              f"{kinds} }}"):
            if r["p"].value == type_:
                node_rows.append((r["s"].value, type_, r["o"]))
            elif r["o"].value in domains:
                edge_rows.append((r["s"].value, affects, r["o"]))
    walker = _Walker(store)
    ends = {a, b, *domains}
    if area:
        cases = sorted({s for s, p, _ in edge_rows if p == applies})
        placed = [(c, p, o) for c, p, o in walker.links("out", cases) if p == str(WG.inArea)]
        edge_rows += [(c, p, ox.NamedNode(o)) for c, p, o in placed]
        areas = sorted({o for _, _, o in placed} | {area})
        seen = set(areas)
        while areas:  # the areas above (place() compares municipalities)
            up = [(x, p, o) for x, p, o in walker.links("out", areas) if p == str(WG.partOfArea)]
            edge_rows += [(x, p, ox.NamedNode(o)) for x, p, o in up]
            areas = sorted({o for _, _, o in up} - seen)
            seen.update(areas)
        ends |= seen
    node_rows += [(r["s"].value, r["p"].value, r["o"]) for r in _batched(store, "values",
                                                                          sorted(ends))]
    for side, members in sides.items():
        if members != [side]:
            edge_rows += [(d, SKOS + "broader", ox.NamedNode(side)) for d in members]
    G = _graph_from_rows(node_rows + _terms_rows(store), edge_rows, lang)
    G.graph.update(version=store.version(), location=store.location)
    return G


def _leading(store: Store, side_a: list[str], side_b: list[str]) -> dict[str, tuple[int, int]]:
    """Every solution bridging two sides (domains), with the first two parts of its key
    (:func:`graph.analytics.advice.pair_answer`: basis, obstacles affecting both): the
    solutions stating a domain of each side, the obstacles affecting both with who
    addresses them, and how many obstacles each of those addresses (for "at least half").
    Items are taken as typed (the shapes require it); the ranking checks again."""
    bridges, addresses, addressed_by, affects = (iri_nt(str(p)) for p in (
        WG.bridgesDomain, WG.addresses, WG.addressedBy, WG.affectsDomain))
    da, db = _values(side_a), _values(side_b)
    stated = set(_column(store, f"SELECT DISTINCT ?x WHERE {{ VALUES ?a {{ {da} }} "
                                f"VALUES ?b {{ {db} }} ?x {bridges} ?a . ?x {bridges} ?b }}"))
    hits: dict[str, set[str]] = {}
    for r in store.select(
            f"SELECT DISTINCT ?x ?o WHERE {{ VALUES ?a {{ {da} }} VALUES ?b {{ {db} }} "
            f"?o {affects} ?a . ?o {affects} ?b . {{ ?x {addresses} ?o }} UNION "
            f"{{ ?o {addressed_by} ?x }} FILTER(isIRI(?x)) }}"):
        hits.setdefault(r["x"].value, set()).add(r["o"].value)
    addressed: dict[str, int] = {}
    near = sorted(hits)
    for batch in _batches(store, near, "objects"):  # ?x on either end
        for r in store.select(
                f"SELECT ?x (COUNT(DISTINCT ?o) AS ?n) WHERE {{ VALUES ?x "
                f"{{ {_values(batch)} }} {{ ?x {addresses} ?o }} UNION "
                f"{{ ?o {addressed_by} ?x }} FILTER(isIRI(?o)) }} GROUP BY ?x"):
            addressed[r["x"].value] = int(r["n"].value)
    found = {}
    for s in stated | set(hits):
        both = len(hits.get(s, ()))
        derived = both > 0 and 2 * both >= addressed.get(s, 0)
        if s in stated or derived:
            answer = pair_answer(s in stated, derived, both, 0)
            found[s] = (answer["basis"], answer["both"])
    return found


def pair_ranking(store: Store, a: str, b: str, lang: str = "nl", area: str | None = None,
                 top: int = 50, candidates: Iterable[str] | None = None) -> tuple[list, int]:
    """The first ``top`` solutions of a bridge-map cell of sides ``a`` and ``b`` in the one
    ranking (:func:`graph.analytics.advice.rank_solutions` with ``domains``, each with its
    reasons), and how many the cell holds: for a cell too big to fetch whole (at 10M
    triples, hundreds to thousands of solutions). Three steps, each a few queries:

    1. every solution of the cell with the first two parts of its key, basis and the
       obstacles affecting both sides (:func:`_leading`): only those as good as the
       ``top``-th on these can be in the top;
    2. those contenders ranked on what the rest of the key reads (:func:`_cell_facts`: ids
       and numbers, no names);
    3. the first ``top`` fetched with everything their reasons name (:func:`pair_selection`
       with ``only``) and ranked again.

    So ranks, keys and reasons are those of the whole projection
    (``tests/analytics/test_selection.py`` holds them to it). ``candidates`` (IRIs) rank
    only those, as a filtered cell does. Cached per store version and arguments.

    >>> from tests.conftest import make_mini_store
    >>> ranked, total = pair_ranking(make_mini_store(), "dom-wonen", "dom-gezondheid", top=1)
    >>> [short_id(r.solution) for r in ranked], total
    (['S01'], 2)
    """
    if lang not in {"nl", "en"}:
        raise ValueError(f"language {lang!r}: use 'nl' or 'en'")
    if top < 1:
        raise ValueError("top must be 1 or more")
    a, b = iri(a), iri(b)
    where = iri(area) if area else None
    kept = None if candidates is None else tuple(sorted({iri(x) for x in candidates}))

    def compute():
        sides = {x: _side(store, x) for x in (a, b)}
        leading = _leading(store, sides[a], sides[b])
        if kept is not None:
            leading = {s: v for s, v in leading.items() if s in set(kept)}
        if not leading:
            return [], 0
        # the key starts with (basis, both): only those as good as the top-th can be in the top
        bar = sorted(leading.values(), reverse=True)[min(top, len(leading)) - 1]
        contenders = sorted(s for s, v in leading.items() if v >= bar)
        facts = _cell_facts(store, a, b, sides, contenders, where, lang)
        first = rank_solutions(facts, domains=(a, b), area=where, candidates=contenders,
                               top=top)
        chosen = [r.solution for r in first]
        G = pair_selection(store, a, b, lang, (where,) if where else (), chosen)
        return rank_solutions(G, domains=(a, b), area=where, lang=lang,
                              candidates=chosen), len(leading)
    return _cached(_key(store, "pair_ranking", a, b, lang, where, top, kept), compute)


#: the kinds the ranking of a bridge cell reads next to its solutions
_RANKED = frozenset({"obstacle", "case", "organisation_type", "domain", "domain_group"})
#: what may lie between two parties on a route (``graph.analytics.routes.CONNECTORS``)
_CONNECTORS = frozenset(CONNECTORS)
_PARTIES = frozenset({"organisation_type", "organisation"})


def route_selection(store: Store, a: str, b: str, reach: int = 2, lang: str = "nl"
                    ) -> nx.MultiDiGraph:
    """The projection that routes between two parties (organisation types, organisations;
    ids or IRIs) run in: the solutions, cases, programmes and organisations within ``reach``
    steps of either end (routes between parties pass only these). It holds every route of at
    most ``2 * reach + 1`` steps, so :func:`graph.analytics.routes.routes` on it gives the
    whole projection's routes when they are that short (see :func:`party_routes`).

    >>> from tests.conftest import make_mini_store
    >>> G = route_selection(make_mini_store(), "ot-gemeente", "ot-woningcorporatie")
    >>> sorted({G.nodes[n]["kind"] for n in G})
    ['area', 'case', 'organisation', 'organisation_type', 'programme', 'solution']
    """
    a, b = iri(a), iri(b)
    if lang not in {"nl", "en"}:
        raise ValueError(f"language {lang!r}: use 'nl' or 'en'")
    return _cached(_key(store, "routes", a, b, reach, lang),
                   lambda: _selection(store, [((a,), reach, _CONNECTORS),
                                              ((b,), reach, _CONNECTORS)], (), lang))


@lru_cache(maxsize=1)
def _between_connectors() -> tuple[str, ...]:
    """The edge predicates whose ``rdfs:domain`` and ``rdfs:range`` (where stated) are
    connector classes (``wg:appliesSolution``, ``wg:relatedSolution``, …), from the
    ontology."""
    ends: dict[str, dict[str, str]] = {"domain": {}, "range": {}}
    for quad in ox.parse(path=str(ONTOLOGY_TTL)):
        for end, found in ends.items():
            if quad.predicate.value == RDFS + end:
                found[quad.subject.value] = quad.object.value

    def fits(p, end):
        return p not in ends[end] or KINDS.get(ends[end][p]) in _CONNECTORS
    return tuple(p for p in edge_predicates()
                 if p in ends["range"] and fits(p, "domain") and fits(p, "range"))


def _kind_test(kinds: frozenset) -> str:
    """The filter that ``?n ?a ?t`` makes ``?n`` an item of ``kinds``: ``?a`` is
    ``rdf:type`` and ``?t`` one of the kinds' classes."""
    classes = [c for c, kind in KINDS.items() if kind in kinds]
    return f"?a = {iri_nt(RDF_TYPE)} && {among('?t', classes)}"


def _connected(store: Store, nodes: list[str], kinds: frozenset,
               edges: Iterable[str] | None = None) -> dict[str, set[str]]:
    """node → the items of ``kinds`` (connectors) one link away in either direction (by
    ``edges``, default every edge predicate): one query per batch, the kind tested by the
    server."""
    among_edges = among("?p", edges or [*edge_predicates(), *CANONICAL])
    found: dict[str, set[str]] = {}
    for batch in _batches(store, nodes, "objects"):  # ?x on either end
        rows = store.select(
            f"SELECT DISTINCT ?x ?n WHERE {{ VALUES ?x {{ {_values(batch)} }}"
            f" {{ ?x ?p ?n }} UNION {{ ?n ?p ?x }} FILTER(isIRI(?n) && {among_edges}) "
            f"?n ?a ?t FILTER({_kind_test(kinds)}) }}")
        for r in rows:
            found.setdefault(r["x"].value, set()).add(r["n"].value)
    return found


def _shared(store: Store, a: str, b: str, kinds: frozenset) -> set[str]:
    """The items of ``kinds`` (connectors) one link away from both ``a`` and ``b`` (by any
    edge predicate, either direction): one query whose answer is only the shared ones, where
    :func:`_connected` would send both whole rings (at 10M triples thousands of items each)."""
    edges = [*edge_predicates(), *CANONICAL]
    form = store.predicate_form("constants")
    x, y = iri_nt(a), iri_nt(b)
    # the four ways round as a UNION of joins, each from one end's index to the other end
    # (a UNION per end, joined, made Oxigraph build both rings whole: twice as slow at 10M)
    ways = " UNION ".join(f"{{ {one} . {two} }}" for one in (f"?n ?p {x}", f"{x} ?p ?n")
                          for two in (f"?n ?q {y}", f"{y} ?q ?n"))
    rows = store.select(
        f"SELECT DISTINCT ?n WHERE {{ {ways} ?n ?a ?t "
        f"FILTER(isIRI(?n) && {_one_of(form, '?p', edges)} && {_one_of(form, '?q', edges)} "
        f"&& {_kind_test(kinds)}) }}")
    return {r["n"].value for r in rows if isinstance(r.get("n"), ox.NamedNode)}


def _linked(store: Store, nodes: list[str]) -> dict[str, set[str]]:
    """node → the items one link away in either direction by the predicates between
    connectors (:func:`_between_connectors`, so by the ontology those are connectors too;
    :func:`graph.analytics.routes.routes` checks the kinds again): two queries per batch,
    links out and links in, without a join (twice as fast as :func:`_connected`)."""
    between = _between_connectors()
    out = _triples(store, "?x ?p ?n", between, "subjects", "isIRI(?n)")
    into = _triples(store, "?n ?p ?x", between, "objects", "isIRI(?n)")
    found: dict[str, set[str]] = {}
    for batch in _batches(store, nodes, "objects"):  # links out, then in, of each batch
        values = _values(batch)
        for r in store.select(f"SELECT ?x ?n WHERE {{ VALUES ?x {{ {values} }} {out} }}"):
            found.setdefault(r["x"].value, set()).add(r["n"].value)
        for r in store.select(f"SELECT ?x ?n WHERE {{ VALUES ?x {{ {values} }} {into} }}"):
            found.setdefault(r["x"].value, set()).add(r["n"].value)
    return found


def _party_paths(store: Store, a: str, b: str, k: int, skip: Iterable[str]
                 ) -> tuple[set[str], int] | None:
    """The connectors on every route of at most ``n`` steps between parties ``a`` and ``b``,
    and ``n``: 2 when ``k`` or more connectors are next to both (asked as one query that
    returns only those, :func:`_shared`), else 4, 5 or 6, the first that gives ``k`` routes
    (meeting in the middle: the connectors next to each end, those next to them, then those
    next to the second ring of ``a``, then of ``b``). None when an end is not a party."""
    walker = _Walker(store)
    walker.learn([a, b])
    if not {walker.kinds[a], walker.kinds[b]} <= _PARTIES:
        return None
    kinds = _CONNECTORS - set(skip)
    keep = _shared(store, a, b, kinds) - {a, b}  # a - x - b, intersected by the server
    if len(keep) >= k:
        return keep, 2
    first = _connected(store, [a, b], kinds)
    ball = {end: first.get(end, set()) - {a, b} for end in (a, b)}
    count = len(keep)
    second = _linked(store, sorted(ball[a] | ball[b]))
    near = {end: {n for x in ball[end] for n in second.get(x, ())} - {a, b} for end in (a, b)}
    for x in ball[a]:  # a - x - y - b
        for y in second.get(x, set()) & ball[b]:
            keep |= {x, y}
            count += 1
    for z in near[a] & near[b]:  # a - x - z - y - b
        sides = [{x for x in ball[end] if z in second.get(x, ())} for end in (a, b)]
        keep |= sides[0] | sides[1] | {z}
        count += len(sides[0]) * len(sides[1])
    if count >= k:
        return keep, 4
    def towards(end, z):  # the first ring's connectors that lead from ``end`` to ``z``
        return {x for x in ball[end] if z in second.get(x, ())}
    third = _linked(store, sorted(near[a]))
    for z in near[a]:  # a - x - z - w - y - b
        for w in third.get(z, set()) & near[b]:
            keep |= towards(a, z) | towards(b, w) | {z, w}
            count += 1
    if count >= k:
        return keep, 5
    back = _linked(store, sorted(near[b]))
    reached: dict[str, set[str]] = {}  # the third ring of a: node → the second-ring nodes
    for z in near[a]:
        for u in third.get(z, set()) - {a, b}:
            reached.setdefault(u, set()).add(z)
    for w in near[b]:  # a - x - z - u - w - y - b
        for u in back.get(w, set()) & set(reached):
            keep |= towards(b, w) | {u, w}
            for z in reached[u]:
                keep |= towards(a, z) | {z}
    return keep, 6


def party_routes(store: Store, a: str, b: str, k: int = 3, lang: str = "nl",
                 skip_kinds: Iterable[str] = ()) -> list:
    """:func:`graph.analytics.routes.routes` between two parties (organisation types or
    organisations; ids or IRIs) on a selection: first the connectors on every route of at
    most 2, 4, 5 or 6 steps (a few batched queries from both ends, see :func:`_party_paths`),
    with their practice cases; when that holds fewer than ``k`` routes,
    :func:`route_selection` of reach 2, then 3 (every route of at most 5, 7 steps). Equally
    long routes come in the order Yen's algorithm meets them on the selection, which can
    differ from the whole projection's when there are more than ``2k`` of them. Cached per
    store version and arguments."""
    a, b = iri(a), iri(b)
    if lang not in {"nl", "en"}:
        raise ValueError(f"language {lang!r}: use 'nl' or 'en'")
    skip = tuple(sorted(set(skip_kinds)))

    def compute():
        found: list = []
        met = _party_paths(store, a, b, k, skip) if a != b else None
        if met is not None:
            keep, longest = met
            # with the cases of the connectors (a route's sentence names an example case)
            G = _selection(store, [((a, b), 0, None),
                                   (tuple(sorted(keep)), 1, frozenset({"case"}))], (), lang)
            found = routes(G, a, b, k=k, lang=lang, skip_kinds=skip)
            if len(found) >= k and found[-1].length <= longest:
                return found
        for reach in (2, 3):
            found = routes(route_selection(store, a, b, reach, lang), a, b, k=k, lang=lang,
                           skip_kinds=skip)
            if len(found) >= k and found[-1].length <= 2 * reach + 1:
                break
        return found
    return _cached(_key(store, "party_routes", a, b, k, lang, skip), compute)


def agenda_selection(store: Store, obstacles: Iterable[str], area: str | None = None,
                     lang: str = "nl") -> nx.MultiDiGraph:
    """The projection an agenda needs: the obstacles' neighbourhood of depth 2 and, for an
    area, its municipality (the highest area above it with a ``GM`` CBS code, else the
    highest) with every area below it and what is one step from them (cases, organisations,
    programmes). :func:`graph.analytics.agenda.agenda` on it answers as on the whole
    projection.

    >>> from tests.conftest import make_mini_store
    >>> G = agenda_selection(make_mini_store(), ["O01"])
    >>> iri("O01") in G
    True
    """
    chosen = tuple(sorted({iri(o) for o in obstacles}))
    where = iri(area) if area else None

    def compute():
        walks = [(chosen, 2, None)]
        if where:
            up = ancestors(neighbourhood(store, [where], 0, lang), where)
            G0 = neighbourhood(store, [where], 0, lang)
            top = next((x for x in up if str(G0.nodes[x].get("cbsCode", "")).startswith("GM")),
                       up[-1] if up else where)
            below = _column(store, f"SELECT ?x WHERE {{ ?x {iri_nt(str(WG.partOfArea))}+ "
                                   f"{iri_nt(top)} }}")
            walks.append((tuple(dict.fromkeys([where, top, *up, *below])), 2, None))
        return _selection(store, walks, (), lang)
    if lang not in {"nl", "en"}:
        raise ValueError(f"language {lang!r}: use 'nl' or 'en'")
    return _cached(_key(store, "agenda", chosen, where, lang), compute)


def labels(store: Store, kinds: Iterable[str], lang: str = "nl") -> dict[str, str]:
    """Item IRI → its label in ``lang`` (the other language, then the id, when missing) for
    the items of ``kinds``: one query per store version, for pickers and the search over
    labels on a store too big to project whole.

    >>> from tests.conftest import make_mini_store
    >>> labels(make_mini_store(), ["domain"], "en")[iri("dom-wonen")]
    'housing'
    """
    wanted = tuple(sorted(set(kinds)))

    def compute():
        classes = _values(c for c, k in KINDS.items() if k in wanted)
        pref = iri_nt(SKOS + "prefLabel")
        # the class as VALUES: the server reads its members from its object index (a
        # FILTER on ?t made Oxigraph read every rdf:type triple: 84k items at 1M, 18 s → 2 s)
        items = store.select(f"SELECT DISTINCT ?s WHERE {{ VALUES ?t {{ {classes} }} ?s a ?t }}")
        rows = store.select(
            f"SELECT ?s ?l WHERE {{ VALUES ?t {{ {classes} }} ?s a ?t . ?s {pref} ?l }}")
        order = {lang: 0, ("en" if lang == "nl" else "nl"): 1, "": 2}
        best: dict[str, tuple[int, str]] = {}
        for r in rows:
            label = r["l"]
            if isinstance(r["s"], ox.NamedNode) and isinstance(label, ox.Literal):
                rank = (order.get(label.language or "", 3), label.value)
                if r["s"].value not in best or rank < best[r["s"].value]:
                    best[r["s"].value] = rank
        found = {r["s"].value: best[r["s"].value][1] if r["s"].value in best
                 else short_id(r["s"].value)
                 for r in items if isinstance(r["s"], ox.NamedNode)}
        return dict(sorted(found.items()))
    return _cached(_key(store, "labels", wanted, lang), compute, _VERSIONED)


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
