"""The projection's data as columns: one grouped query, integer ids and arrays, no row loop.

:func:`read_columns` asks the store for every statement the projection needs in one SELECT
that groups them by predicate (and by value for types and classification values, by language
and datatype for literals); each group comes back as *one* string of ``subject US object RS
subject US object ...`` (``US``/``RS``: the ASCII unit and record separators) beside its
``COUNT(*)``. Python splits those strings in C (``str.split``) instead of touching a result
row per statement: at 1M triples the grouped query costs the engine about what the two row
SELECTs of the earlier projection cost (2.2 s against 1.8 s of CPU), and no row reaches
Python. When a value holds a separator the
counts disagree and :func:`read_columns` returns ``None``: the caller reads rows instead.

:class:`EdgeTable` is the projection's links as integer arrays over the sorted node list
(``u → v`` with predicate ``k``, each statement once). Views and kernels that need every edge
(out-indexes, the undirected view, PageRank, the collaboration graph) start from it rather
than from the NetworkX graph.

>>> from graph.analytics.common import example_graph
>>> t = edge_table(example_graph())
>>> len(t.nodes), len(t.u), t.nodes == sorted(t.nodes)
(20, 47, True)
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat

import networkx as nx
import numpy as np

from graph.store import Store, iri_nt

__all__ = ["US", "RS", "Group", "column_query", "read_columns", "EdgeTable", "edge_table",
           "attach", "smallest", "ids"]

US, RS = "\x1f", "\x1e"


@dataclass(frozen=True)
class Group:
    """One group of :func:`read_columns`: predicate ``p``; ``value`` (the IRI every object in
    the group has, for types and classification values) or ``lang`` and ``datatype`` (for
    literals; neither for links); ``subjects`` and ``objects`` as parallel lists."""

    p: str
    value: str | None
    lang: str | None
    datatype: str | None
    subjects: list[str]
    objects: list[str]


def _values(iris: Iterable[str]) -> str:
    return " ".join(iri_nt(i) for i in iris)


def column_query(edge_preds: Sequence[str], node_preds: Sequence[str]) -> str:
    """The one grouped SELECT (standard SPARQL 1.1): links between IRIs by predicate; IRI
    values of ``node_preds`` by predicate and value; literals by predicate, language and
    datatype.

    >>> column_query(["http://x/p"], ["http://x/q"]).split()[0]
    'SELECT'
    """
    pair = f'CONCAT(STR(?s), "{US}", COALESCE(STR(?o), ""))'
    return (f"SELECT ?p ?c ?lang ?dt (COUNT(*) AS ?n) "
            f'(GROUP_CONCAT({pair}; separator="{RS}") AS ?pairs) WHERE {{ '
            f"{{ VALUES ?p {{ {_values(edge_preds)} }} ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) }}"
            f" UNION {{ VALUES ?p {{ {_values(node_preds)} }} ?s ?p ?c "
            f"FILTER(isIRI(?s) && isIRI(?c)) }}"
            f" UNION {{ VALUES ?p {{ {_values(node_preds)} }} ?s ?p ?o "
            f"FILTER(isIRI(?s) && isLiteral(?o)) BIND(LANG(?o) AS ?lang) "
            f"BIND(DATATYPE(?o) AS ?dt) }} }} GROUP BY ?p ?c ?lang ?dt")


def read_columns(store: Store, query: str) -> list[Group] | None:
    """The groups of ``query`` (made by :func:`column_query`) on ``store``, or ``None`` when a
    value contains a separator (the counts then disagree) or a group could not be joined."""
    groups = []
    for row in store.select(query):
        n = int(row["n"].value)
        text = row["pairs"].value if "pairs" in row else None
        value = row["c"].value if "c" in row else None
        if text is None or text.count(RS) != n - 1:
            return None
        flat = text.replace(RS, US).split(US)
        if len(flat) != 2 * n:
            return None
        subjects = flat[0::2]
        objects = flat[1::2] if value is None else [value] * n
        lang = row["lang"].value if "lang" in row else None
        datatype = row["dt"].value if "dt" in row else None
        groups.append(Group(row["p"].value, value, lang, datatype, subjects, objects))
    return groups


def smallest(keys: list, values: list, key=None) -> dict:
    """``{key: smallest value}`` (by ``key(value)``, else the value), in one C pass when every
    key comes once.

    >>> smallest(["a", "b", "a"], ["y", "x", "w"])
    {'a': 'w', 'b': 'x'}
    """
    found = dict(zip(keys, values))
    if len(found) == len(keys):
        return found
    found = {}
    for k, v in zip(keys, values):
        old = found.get(k, found)
        if old is found or (key(v) < key(old) if key else v < old):
            found[k] = v
    return found


@dataclass(frozen=True, eq=False)
class EdgeTable:
    """The links of a projection as arrays: ``nodes`` sorted (their position is their id),
    ``preds`` sorted, and per statement ``u`` (subject), ``v`` (object), ``k`` (predicate
    position), each ``(u, v, k)`` once; ``kind`` the node kinds in node order."""

    nodes: list[str]
    preds: list[str]
    u: np.ndarray
    v: np.ndarray
    k: np.ndarray
    kind: list[str]
    views: dict = field(default_factory=dict, repr=False)

    def view(self, name: str, compute):
        """``compute()`` once per table (views that hold no labels, such as the undirected
        graph)."""
        if name not in self.views:
            self.views[name] = compute()
        return self.views[name]

    def node_array(self) -> np.ndarray:
        """The nodes as a NumPy object array (for fancy indexing back to IRIs)."""
        out = np.empty(len(self.nodes), dtype=object)
        out[:] = self.nodes
        return out

    def pred(self, iri: str) -> int:
        """The position of predicate ``iri`` (-1 when no edge has it)."""
        try:
            return self.preds.index(iri)
        except ValueError:
            return -1


_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def attach(G: nx.MultiDiGraph, table: EdgeTable) -> None:
    """Keep ``table`` with ``G`` (as long as ``G`` lives; :func:`edge_table` returns it)."""
    _TABLES[G] = table


def edge_table(G: nx.MultiDiGraph) -> EdgeTable:
    """The :class:`EdgeTable` of ``G``: the one the projection made, else built from ``G``'s
    edges once (graphs are read-only by contract)."""
    table = _TABLES.get(G)
    if table is not None and len(table.nodes) == G.number_of_nodes():
        return table
    nodes = sorted(G)
    index = {n: i for i, n in enumerate(nodes)}
    triples = list(G.edges(keys=True))
    preds = sorted({k for _, _, k in triples})
    at = {p: i for i, p in enumerate(preds)}
    m = len(triples)
    u = np.fromiter((index[a] for a, _, _ in triples), dtype=np.int32, count=m)
    v = np.fromiter((index[b] for _, b, _ in triples), dtype=np.int32, count=m)
    k = np.fromiter((at[p] for _, _, p in triples), dtype=np.int32, count=m)
    kinds = [G.nodes[n].get("kind") for n in nodes]
    table = EdgeTable(nodes, preds, u, v, k, kinds)
    _TABLES[G] = table
    return table


def ids(index: dict[str, int], iris: list[str]) -> np.ndarray:
    """Positions of ``iris`` in ``index`` (-1 for unknown ones), in one C loop."""
    return np.fromiter(map(index.get, iris, repeat(-1)), dtype=np.int64, count=len(iris))
