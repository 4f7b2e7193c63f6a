"""Derived views of the projection: the solution–domain graph and the collaboration graph.

Both are built once per projection (memoized on it) and shared: never change a result.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from graph.analytics.projection import (ORG_CLASSIFICATION, SKOS_BROADER, in_index, memoize,
                                       nodes_of_kind, out_index)

__all__ = ["solution_domain_graph", "collaboration_graph", "derives", "pair_bridges",
           "side_bridges", "side_domains"]


def solution_domain_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """The bipartite solution–domain graph: an edge where a solution bridges a domain, stated
    (``wg:bridgesDomain``) or derived (it addresses an obstacle that affects the domain);
    edge attributes ``stated`` and ``derived``. Do not change the result (it is shared).

    >>> from graph.analytics.common import example_graph
    >>> from graph.analytics.projection import iri, short_id
    >>> B = solution_domain_graph(example_graph())
    >>> B.edges[iri("S02"), iri("dom-gezondheid")]
    {'stated': False, 'derived': True}
    """
    def compute():
        B = nx.Graph()
        for s in nodes_of_kind(G, "solution"):
            B.add_node(s, bipartite=0, kind="solution", label=G.nodes[s]["label"])
        for d in nodes_of_kind(G, "domain"):
            B.add_node(d, bipartite=1, kind="domain", label=G.nodes[d]["label"])
        stated = out_index(G, "bridgesDomain")
        affects = out_index(G, "affectsDomain")
        for s, obstacles in out_index(G, "addresses").items():
            for d in sorted({d for o in obstacles for d in affects.get(o, ())}):
                B.add_edge(s, d, stated=False, derived=True)
        for s, domains in stated.items():
            for d in domains:
                if s in B and d in B:
                    derived = B.has_edge(s, d)
                    B.add_edge(s, d, stated=True, derived=derived)
        return B
    return memoize(G, "solution_domain", compute)


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


def pair_bridges(G: nx.MultiDiGraph, a: str, b: str) -> dict[str, tuple[bool, bool]]:
    """The solutions that bridge domains ``a`` and ``b``: solution → (stated, derived), by id.

    Stated: it states both (``wg:bridgesDomain``); derived: :func:`derives`.

    >>> from graph.analytics.common import example_graph
    >>> from graph.analytics.projection import iri, short_id
    >>> found = pair_bridges(example_graph(), iri("dom-gezondheid"), iri("dom-wonen"))
    >>> [(short_id(s), v) for s, v in found.items()]
    [('S01', (True, True)), ('S02', (False, True))]
    """
    B = solution_domain_graph(G)
    affects, addresses = out_index(G, "affectsDomain"), out_index(G, "addresses")
    found = {}
    for s in sorted(set(B[a]) & set(B[b])):
        ea, eb = B.edges[s, a], B.edges[s, b]
        derived = (ea["derived"] and eb["derived"]
                   and derives(addresses.get(s, ()), affects, a, b))
        stated = ea["stated"] and eb["stated"]
        if stated or derived:
            found[s] = (stated, derived)
    return found


def side_domains(G: nx.MultiDiGraph, node: str) -> list[str]:
    """The domains of a side: a domain itself, or the domains of a domain group
    (``skos:broader``), sorted.

    >>> from graph.analytics.common import example_graph
    >>> from graph.analytics.projection import iri, short_id
    >>> [short_id(d) for d in side_domains(example_graph(), iri("sociaal-domein"))]
    ['dom-gezondheid', 'dom-veiligheid', 'dom-wonen']
    """
    if G.nodes[node]["kind"] == "domain":
        return [node]
    return sorted(d for d in in_index(G, SKOS_BROADER).get(node, ())
                  if G.nodes[d]["kind"] == "domain")


def side_bridges(G: nx.MultiDiGraph, side_a: Iterable[str],
                 side_b: Iterable[str]) -> dict[str, tuple[bool, bool]]:
    """The solutions that bridge two *sides*, each a set of domains (such as the domains of
    the social and of the physical domain group): solution → (stated, derived), by id.

    Stated: it states a domain of each side; derived: :func:`derives`, with "affects both"
    read as "affects a domain of each side". Two sides of one domain each are
    :func:`pair_bridges`.

    >>> from graph.analytics.common import example_graph
    >>> from graph.analytics.projection import iri, short_id
    >>> G = example_graph()
    >>> found = side_bridges(G, [iri("dom-gezondheid")], [iri("dom-wonen"), iri("dom-veiligheid")])
    >>> [(short_id(s), v) for s, v in found.items()]
    [('S01', (True, True)), ('S02', (False, True))]
    """
    a, b = set(side_a), set(side_b)
    if len(a) == 1 and len(b) == 1:
        return pair_bridges(G, next(iter(a)), next(iter(b)))
    B = solution_domain_graph(G)
    affects, addresses = out_index(G, "affectsDomain"), out_index(G, "addresses")
    sides = {o: [x for x, side in (("a", a), ("b", b)) if set(ds) & side]
             for o, ds in affects.items()}
    found = {}
    for s in sorted(n for n in B if B.nodes[n]["kind"] == "solution"):
        said = {d for d in B[s] if B.edges[s, d]["stated"]}
        stated = bool(said & a) and bool(said & b)
        derived = derives(addresses.get(s, ()), sides, "a", "b")
        if stated or derived:
            found[s] = (stated, derived)
    return found


def collaboration_graph(G: nx.MultiDiGraph, level: str = "organisation_type") -> nx.Graph:
    """Who works with whom: organisation types (or organisations, ``level="organisation"``)
    linked when involved in the same solution or practice case. Edge attributes:
    ``solutions`` and ``cases`` (sorted ids) and ``weight`` (their number). Do not change
    the result (it is shared).

    >>> from graph.analytics.common import example_graph
    >>> from graph.analytics.projection import iri, short_id
    >>> C = collaboration_graph(example_graph())
    >>> e = C.edges[iri("ot-gemeente"), iri("ot-woningcorporatie")]
    >>> [short_id(s) for s in e["solutions"]], [short_id(c) for c in e["cases"]], e["weight"]
    (['S01'], ['C01'], 2)
    """
    if level not in {"organisation_type", "organisation"}:
        raise ValueError(f"level {level!r}: use 'organisation_type' or 'organisation'")

    def compute():
        classification = out_index(G, ORG_CLASSIFICATION)
        involves = out_index(G, "involvesOrganisation")
        contact = out_index(G, "contactOrganisation")
        groups: list[tuple[str, str, set[str]]] = []
        for case in nodes_of_kind(G, "case"):
            orgs = set(involves.get(case, ())) | set(contact.get(case, ()))
            if level == "organisation_type":
                orgs = {t for o in orgs for t in classification.get(o, ())}
            groups.append(("cases", case, orgs))
        if level == "organisation_type":
            types, deciders = out_index(G, "involvesOrganisationType"), out_index(G, "decidedBy")
            for s in nodes_of_kind(G, "solution"):
                groups.append(("solutions", s, set(types.get(s, ())) | set(deciders.get(s, ()))))
        C = nx.Graph(level=level)
        C.add_nodes_from((n, {"kind": level, "label": G.nodes[n]["label"]})
                         for n in nodes_of_kind(G, level))
        pairs: dict[tuple[str, str], dict] = {}
        for field, item, members in groups:
            for pair in combinations(sorted(m for m in members if m in C), 2):
                data = pairs.setdefault(pair, {"solutions": [], "cases": [], "weight": 0})
                data[field].append(item)
                data["weight"] += 1
        C.add_edges_from((a, b, d) for (a, b), d in sorted(pairs.items()))
        return C
    return memoize(G, ("collaboration", level), compute)
