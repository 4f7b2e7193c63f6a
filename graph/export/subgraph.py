"""Select a self-contained part of the knowledge graph: by facets, or seeds plus depth.

A :class:`Selection` names what an editor wants — domains, obstacles, solutions, organisation
types, neighbourhoods, themes, and seeds with a depth — by id, IRI, notation, CBS code or any
name the one resolver of search knows (:func:`graph.items.resolve`: names, other names, the
words people use, typos). :func:`select` turns it into a :class:`Subgraph`:

- **the core**: each facet picks a set of obstacles and a set of solutions; facets of different
  kinds narrow each other down (AND), values of one facet widen it (OR) — except domains:
  several domains mean a *bridge* between all of them (``wonen × gezondheid``: the obstacles
  that affect every one of them and the solutions stated to bridge them all). The practice
  cases that apply a chosen solution (in the chosen neighbourhood, if one is given) join the
  core; so do the seeds. Then the core grows ``depth`` steps along the links between items.
  Core items come with every statement about them.
- **the closure**: everything the core refers to is named (type, labels, definition, notation,
  title); the sources it cites are described in full; the ontology terms it uses come with
  their definitions from the ontology. So a selection never refers to something it cannot name.
- **provenance**: every statement stays in the named graph it came from; the meta graph holds
  the description of each of those graphs and a header that says what was selected, when,
  and from which store version.

No facet and no seed selects the whole store.

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, ["tests/data/mini.ttl"])
>>> sub = select(store, Selection(domains=("wonen", "gezondheid")))
>>> [short_id(i) for i in sub.items]
['C01', 'O01', 'S01']
>>> sub.counts()["solution"], "dom-wonen" in {short_id(i) for i in sub.referenced}
(1, True)
>>> [short_id(i) for i in select(store, Selection(themes=("regels",))).selection.themes]
['thema-regels']
>>> select(store, Selection(themes=("qqqq",)))
Traceback (most recent call last):
...
ontology.errors.UnknownIdError: unknown theme id or name 'qqqq'. Did you mean: thema-regels?
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace

import networkx as nx
import pyoxigraph as ox

from ontology import WG
from ontology.vocab import (
    DATASET_IRI, DCT, META_GRAPH, ONTOLOGY_GRAPH, PROV, RDFS, RDF_TYPE, SELECTION_BASE,
    SHAPES_GRAPH, SKOS, XSD,
)
from ontology.kinds import CLASS_KIND as KINDS
from graph.analytics import in_index, nodes_of_kind, out_index, resolve, short_id
from graph.items import named_projection
from graph.store import Store, version_memo

__all__ = ["Selection", "Subgraph", "select", "resolve_selection", "SELECTION_BASE",
           "FACETS"]

#: what names a referenced thing
NAMING = frozenset({RDF_TYPE, SKOS + "prefLabel", RDFS + "label", SKOS + "definition",
                    SKOS + "notation", DCT + "title"})
#: facet field → (kind of item it names, Dutch and English word for the header)
FACETS = {
    "domains": ("domain", "domeinen", "domains"),
    "obstacles": ("obstacle", "belemmeringen", "obstacles"),
    "solutions": ("solution", "oplossingen", "solutions"),
    "organisation_types": ("organisation_type", "organisatietypen", "organisation types"),
    "neighbourhoods": ("area", "gebieden", "areas"),
    "themes": ("theme", "thema's", "themes"),
    "seeds": (None, "startpunten", "seeds"),
}


@dataclass(frozen=True)
class Selection:
    """What to select. Values are ids, IRIs, notations, CBS codes or unambiguous labels."""

    domains: tuple[str, ...] = ()
    obstacles: tuple[str, ...] = ()
    solutions: tuple[str, ...] = ()
    organisation_types: tuple[str, ...] = ()
    neighbourhoods: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    seeds: tuple[str, ...] = ()
    depth: int = 0

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name != "depth":
                object.__setattr__(self, f.name, tuple(getattr(self, f.name)))
        if self.depth < 0:
            raise ValueError("depth must be 0 or more")

    def is_empty(self) -> bool:
        """True when nothing is chosen (the whole store is selected).

        >>> Selection().is_empty(), Selection(seeds=("O01",)).is_empty()
        (True, False)
        """
        return not any(getattr(self, name) for name in FACETS)

    def text(self) -> str:
        """A stable one-line form, e.g. ``domains=dom-wonen,dom-gezondheid; depth=0``.

        >>> Selection(domains=("dom-wonen",), depth=1).text()
        'domains=dom-wonen; depth=1'
        """
        parts = [f"{name}={','.join(short_id(v) for v in getattr(self, name))}"
                 for name in FACETS if getattr(self, name)]
        return "; ".join(parts + [f"depth={self.depth}"]) if parts else "all"


@dataclass(frozen=True)
class Subgraph:
    """A selection as data: statements with their graphs, and what they are about."""

    selection: Selection
    items: tuple[str, ...]
    referenced: tuple[str, ...]
    kinds: dict[str, str]
    quads: tuple[ox.Quad, ...]
    header: str
    version: int
    created: str
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def triples(self) -> list[ox.Triple]:
        """Every statement once (graphs merged), sorted (made once per subgraph: shared, do
        not change it)."""
        if "_triples" not in self.__dict__:  # a frozen dataclass: memoised by hand
            object.__setattr__(self, "_triples", sorted(self._distinct(), key=_triple_key))
        return self.__dict__["_triples"]

    def _distinct(self) -> list[ox.Triple]:
        if "_unsorted" not in self.__dict__:
            object.__setattr__(self, "_unsorted", list(dict.fromkeys(q.triple
                                                                    for q in self.quads)))
        return self.__dict__["_unsorted"]

    def size(self) -> int:
        """The number of statements (graphs merged), without sorting them."""
        return len(self._distinct())

    def of_kind(self, kind: str, core: bool = True) -> list[str]:
        """The items of one kind (only core items unless ``core`` is false), sorted."""
        pool = self.items if core else (*self.items, *self.referenced)
        return sorted(i for i in pool if self.kinds.get(i) == kind)

    def counts(self) -> dict[str, int]:
        """Core items per kind.

        >>> from graph.kb.loading import ensure_ready, open_store
        >>> select(ensure_ready(open_store(), bundled=False), Selection()).counts()
        {}
        """
        found: dict[str, int] = defaultdict(int)
        for item in self.items:
            if item in self.kinds:
                found[self.kinds[item]] += 1
        return dict(sorted(found.items()))

    def held(self) -> dict[str, tuple[int, int]]:
        """What an RDF file of this selection holds, per kind: (items with every statement
        about them, items only named), counted over the file's own statements (an item typed
        with two kinds counts for both).

        >>> from graph.kb.loading import ensure_ready, load_paths, open_store
        >>> store = ensure_ready(open_store(), bundled=False)
        >>> _ = load_paths(store, ["tests/data/mini.ttl"])
        >>> select(store, Selection(domains=("wonen", "gezondheid"))).held()["solution"]
        (1, 1)
        """
        core = set(self.items)
        typed: dict[str, set[str]] = defaultdict(set)
        for t in self._distinct():  # counted: the order does not matter
            if t.predicate.value == RDF_TYPE and t.object.value in KINDS:
                typed[KINDS[t.object.value]].add(t.subject.value)
        return {kind: (len(found & core), len(found - core))
                for kind, found in sorted(typed.items())}

    def describe(self, lang: str = "nl") -> str:
        """What was selected, in words (labels in ``lang``)."""
        return describe_selection(self.selection, self.labels, lang)


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def describe_selection(selection: Selection, labels: dict[str, dict[str, str]],
                       lang: str = "nl") -> str:
    """The selection in words, e.g. 'domeinen: wonen × gezondheid'.

    >>> describe_selection(Selection(), {}, "en")
    'the whole knowledge base'
    """
    if selection.is_empty():
        return "de hele kennisbank" if lang == "nl" else "the whole knowledge base"
    parts = []
    for name, (_, nl, en) in FACETS.items():
        values = getattr(selection, name)
        if values:
            names = [labels.get(v, {}).get(lang) or short_id(v) for v in values]
            joint = " × " if name == "domains" else ", "
            parts.append(f"{nl if lang == 'nl' else en}: {joint.join(names)}")
    if selection.depth:
        parts.append(f"{'diepte' if lang == 'nl' else 'depth'} {selection.depth}")
    return "; ".join(parts)


def resolve_selection(G: nx.MultiDiGraph, selection: Selection) -> Selection:
    """The selection with every value turned into the IRI it names.

    Raises :class:`~ontology.UnknownIdError` (with the closest ids) for a value that names
    nothing of its kind, and ``AmbiguousIdError`` for a label that names several items.
    """
    changes = {}
    for name, (kind, _, _) in FACETS.items():
        changes[name] = tuple(dict.fromkeys(resolve(G, v, kind) for v in getattr(selection, name)))
    return replace(selection, **changes)


def _all_of(index: dict[str, tuple[str, ...]], wanted: set[str], pool: Iterable[str]) -> set[str]:
    return {n for n in pool if wanted <= set(index.get(n, ()))}


def _any_of(index: dict[str, tuple[str, ...]], wanted: set[str], pool: Iterable[str]) -> set[str]:
    return {n for n in pool if wanted & set(index.get(n, ()))}


def _linked(index: dict[str, tuple[str, ...]], nodes: Iterable[str]) -> set[str]:
    return {v for n in nodes for v in index.get(n, ())}


def _areas_within(G: nx.MultiDiGraph, areas: set[str]) -> set[str]:
    inside = in_index(G, "partOfArea")
    found, todo = set(areas), list(areas)
    while todo:
        for child in inside.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def core_items(G: nx.MultiDiGraph, selection: Selection) -> set[str]:
    """The core of a resolved selection (see the module text), before ``depth`` steps."""
    obstacles, solutions = nodes_of_kind(G, "obstacle"), nodes_of_kind(G, "solution")
    addresses, addressed = out_index(G, "addresses"), in_index(G, "addresses")
    facets: list[tuple[set[str], set[str]]] = []
    cases_here: set[str] | None = None
    if selection.obstacles:
        o = set(selection.obstacles)
        facets.append((o, _linked(addressed, o)))
    if selection.solutions:
        s = set(selection.solutions)
        facets.append((_linked(addresses, s), s))
    if selection.domains:
        d = set(selection.domains)
        o = _all_of(out_index(G, "affectsDomain"), d, obstacles)
        facets.append((o, _all_of(out_index(G, "bridgesDomain"), d, solutions)))
    if selection.organisation_types:
        t = set(selection.organisation_types)
        involved = {s: (*out_index(G, "involvesOrganisationType").get(s, ()),
                        *out_index(G, "decidedBy").get(s, ())) for s in solutions}
        facets.append((_any_of(out_index(G, "arisesBetween"), t, obstacles),
                       _any_of(involved, t, solutions)))
    if selection.themes:
        themes = out_index(G, "hasTheme")
        t = set(selection.themes)
        facets.append((_any_of(themes, t, obstacles), _any_of(themes, t, solutions)))
    if selection.neighbourhoods:
        areas = _areas_within(G, set(selection.neighbourhoods))
        cases_here = _any_of(out_index(G, "inArea"), areas, nodes_of_kind(G, "case"))
        s = _linked(out_index(G, "appliesSolution"), cases_here)
        facets.append((_linked(out_index(G, "tacklesObstacle"), cases_here)
                       | _linked(addresses, s), s))
    core: set[str] = set(selection.seeds)
    if facets:
        chosen_o = set.intersection(*(o for o, _ in facets))
        chosen_s = set.intersection(*(s for _, s in facets))
        cases = _any_of(out_index(G, "appliesSolution"), chosen_s, nodes_of_kind(G, "case"))
        if cases_here is not None:
            cases &= cases_here
        core |= chosen_o | chosen_s | cases
    return core


def grow(G: nx.MultiDiGraph, nodes: Iterable[str], depth: int) -> set[str]:
    """``nodes`` and everything within ``depth`` links of them (either direction)."""
    found = {n for n in nodes if n in G}
    frontier = set(found)
    for _ in range(depth):
        frontier = {m for n in frontier for m in (*G.successors(n), *G.predecessors(n))} - found
        if not frontier:
            break
        found |= frontier
    return found | set(nodes)


class _Statements:
    """Every statement of the store (not meta, not shapes), indexed by subject, with its graph."""

    def __init__(self, store: Store) -> None:
        self.by_subject: dict[object, list[tuple[ox.Triple, str]]] = defaultdict(list)
        self.meta: dict[str, list[ox.Triple]] = defaultdict(list)
        for graph in store.graph_names():
            if graph == SHAPES_GRAPH:
                continue
            for t in store.graph_triples(graph):
                if graph == META_GRAPH:
                    self.meta[str(t.subject.value)].append(t)
                else:
                    self.by_subject[t.subject].append((t, graph))
        self.sources = {s for s, ts in self.by_subject.items()
                        if any(t.predicate.value == RDF_TYPE and t.object.value == WG + "Source"
                               for t, _ in ts)}


#: every statement of a store, indexed once per store version (not once per selection)
_STATEMENTS = version_memo(size=2)


def _closure(statements: _Statements, full: set, name: set) -> set[tuple[ox.Triple, str]]:
    """Statements about ``full`` (all) and ``name`` (naming only), closed as the module says."""
    found: set[tuple[ox.Triple, str]] = set()
    done_full: set = set()
    done_name: set = set()
    todo_full, todo_name = set(full), set(name)
    while todo_full or todo_name:
        new: list[ox.Triple] = []
        for s in todo_full - done_full:
            done_full.add(s)
            for t, g in statements.by_subject.get(s, ()):
                if (t, g) not in found:
                    found.add((t, g))
                    new.append(t)
        for s in todo_name - done_full - done_name:
            done_name.add(s)
            for t, g in statements.by_subject.get(s, ()):
                if t.predicate.value in NAMING and (t, g) not in found:
                    found.add((t, g))
                    new.append(t)
        todo_full, todo_name = set(), set()
        for t in new:
            p = t.predicate
            if p.value.startswith(WG):
                todo_full.add(p)
            o = t.object
            if isinstance(o, ox.BlankNode) or o in statements.sources:
                todo_full.add(o)
            elif isinstance(o, ox.NamedNode):
                used_type = p.value == RDF_TYPE and o.value.startswith(WG)
                (todo_full if used_type else todo_name).add(o)
        todo_full -= done_full
        todo_name -= done_full | done_name
    return found


def _header(iri: str, selection: Selection, labels, version: int, created: str,
            graphs: Iterable[str], size: int) -> list[ox.Triple]:
    s, nn, lit = ox.NamedNode(iri), ox.NamedNode, ox.Literal
    out = [
        ox.Triple(s, nn(RDF_TYPE), nn("http://www.w3.org/ns/dcat#Dataset")),
        ox.Triple(s, nn(DCT + "title"), lit("Wijkgraaf-selectie", language="nl")),
        ox.Triple(s, nn(DCT + "title"), lit("Wijkgraaf selection", language="en")),
        ox.Triple(s, nn(DCT + "created"), lit(created, datatype=nn(XSD + "dateTime"))),
        ox.Triple(s, nn(PROV + "wasDerivedFrom"), nn(DATASET_IRI)),
        ox.Triple(s, nn(str(WG.storeVersion)), lit(str(version), datatype=nn(XSD + "integer"))),
        ox.Triple(s, nn("http://rdfs.org/ns/void#triples"),
                  lit(str(size), datatype=nn(XSD + "integer"))),
        ox.Triple(s, nn(DCT + "identifier"), lit(selection.text())),
    ]
    for lang in ("nl", "en"):
        text = describe_selection(selection, labels, lang)
        out.append(ox.Triple(s, nn(DCT + "description"), lit(text, language=lang)))
    for name in FACETS:
        out += [ox.Triple(s, nn(DCT + "subject"), nn(v)) for v in getattr(selection, name)]
    out += [ox.Triple(s, nn(PROV + "wasDerivedFrom"), nn(g)) for g in sorted(graphs)]
    return out


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def select(store: Store, selection: Selection, *, now: str | None = None) -> Subgraph:
    """The self-contained subgraph that ``selection`` names (see the module text).

    ``now`` (an ISO date-time) fixes the header's creation time, for reproducible output.
    Raises :class:`~ontology.UnknownIdError` for a value that names nothing.
    """
    G = named_projection(store, "nl")  # a selection's values: any name search knows
    resolved = resolve_selection(G, selection)
    statements = _STATEMENTS(store, "statements", lambda: _Statements(store))
    if resolved.is_empty():
        core = {s for s, ts in statements.by_subject.items()
                if any(g != ONTOLOGY_GRAPH for _, g in ts)}
    else:
        core = {ox.NamedNode(n) for n in grow(G, core_items(G, resolved), resolved.depth)}
    criteria = {ox.NamedNode(v) for name in FACETS for v in getattr(resolved, name)}
    header_terms = {ox.NamedNode(str(WG.storeVersion))}  # the header's own term
    found = _closure(statements, core | header_terms, criteria)
    graphs = sorted({g for _, g in found})
    # (statement, graph) pairs, made into quads once sorted (the triples are the index's own
    # objects: a quad's .triple makes a new one each time, at 1M most of a selection's time)
    pairs = set(found) | {(t, META_GRAPH) for g in graphs for t in statements.meta.get(g, ())}
    labels = {n: dict(G.nodes[n]["labels"]) for n in G}
    version = store.version()
    created = now or _now()
    digest = hashlib.sha256(f"{resolved.text()}|{version}|{store.location}".encode()).hexdigest()
    header = SELECTION_BASE + digest[:16]
    size = len({t for t, _ in pairs})
    pairs |= {(t, META_GRAPH)
              for t in _header(header, resolved, labels, version, created, graphs, size)}
    kinds: dict[str, str] = {}
    for t, _ in found:
        if t.predicate.value == RDF_TYPE and t.object.value in KINDS:
            iri = t.subject.value
            kind = KINDS[t.object.value]
            kinds[iri] = min(kinds.get(iri, kind), kind)
    subjects = {t.subject for t, _ in found}
    items = tuple(sorted(s.value for s in core if isinstance(s, ox.NamedNode)))
    referenced = tuple(sorted(s.value for s in subjects if isinstance(s, ox.NamedNode)
                              and s.value in kinds and s not in core))
    quads = tuple(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g)) for t, g in
                  sorted(pairs, key=lambda p: (p[1], *_triple_key(p[0]))))
    return Subgraph(resolved, items, referenced, kinds, quads, header, version, created, labels)
