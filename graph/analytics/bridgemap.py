"""The bridge map: an evidence-and-gap map of the solutions between domains.

Two views (:data:`VIEWS`):

- ``"domains"``: domain × domain. A cell holds the solutions that bridge the two domains,
  stated and/or derived exactly as :func:`graph.analytics.bridges.bridge_matrix` says, and
  the obstacles that affect both domains.
- ``"categories"``: obstacle category × domain. A cell holds the obstacles of the category
  that affect the domain and the solutions that address at least one of them; such a
  solution is *stated* when its source names the domain (``wg:bridgesDomain``), and always
  *derived* (it addresses an obstacle in the domain). Obstacles without a category are in
  no row of this view.

Every cell (:class:`MapCell`) has its solutions (which of them stated, which derived), the
strongest evidence level among them, its obstacles, the obstacles none of its solutions
addresses (``uncovered``), and whether it is a **gap**: it has obstacles, and fewer solutions
than obstacles or obstacles that no solution of the cell addresses.

Filters (:class:`MapFilters`, facets :data:`FACETS`) narrow the solutions: theme, organisation
type taking part (involved or deciding), effort, decision level, evidence level, and area
with practice cases (a case in the area or inside it). A theme narrows the obstacles too.
Within a facet any chosen value counts, across facets all must hold; ``basis`` keeps any,
only stated or only derived bridges.

The unfiltered tables are computed once per projection (memoized, so once per store
version); a filtered map is one pass over them, never work on the whole graph.

>>> from graph.analytics.common import example_graph
>>> m = bridge_map(example_graph())
>>> c = m.cell("dom-wonen", "dom-gezondheid")
>>> [short_id(s) for s in c.solutions], [short_id(s) for s in c.stated], short_id(c.evidence)
(['S01', 'S02'], ['S01'], 'ev-goed-beschreven')
>>> [(short_id(g.row), short_id(g.col), [short_id(o) for o in g.uncovered]) for g in m.gaps]
[('dom-gezondheid', 'dom-veiligheid', ['O03'])]
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import networkx as nx

from ontology import InputError, Message, UnknownIdError, closest
from graph.analytics.advice import ancestors
from graph.analytics.bridges import bridge_matrix
from graph.analytics.common import term_rank
from graph.analytics.projection import (
    in_index, memoize, nodes_of_kind, out_index, short_id,
)

__all__ = ["VIEWS", "FACETS", "MapFilters", "MapCell", "BridgeMap", "bridge_map",
           "map_options", "resolve_option", "option_label", "UnsolvedObstacle", "ThinPair",
           "Gaps", "gaps"]

#: the two views of the map
VIEWS = ("domains", "categories")
#: the filters, in the order the app shows them
FACETS = ("theme", "organisation_type", "effort", "decision", "evidence", "area")
_TERM_CLASS = {"effort": "EffortLevel", "decision": "DecisionLevel",
               "evidence": "EvidenceLevel", "category": "ObstacleCategory"}
_ATTR = {"effort": "effort", "decision": "decisionLevel", "evidence": "evidenceLevel"}


@dataclass(frozen=True)
class MapFilters:
    """What the map counts: per facet the chosen values (IRIs; none chosen = all), and which
    bridges (``basis``: ``any``, ``stated`` or ``derived``). Hashable, so results cache."""

    theme: tuple[str, ...] = ()
    organisation_type: tuple[str, ...] = ()
    effort: tuple[str, ...] = ()
    decision: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    area: tuple[str, ...] = ()
    basis: str = "any"

    def __post_init__(self) -> None:
        if self.basis not in ("any", "stated", "derived"):
            raise InputError(Message("bad_map_basis", basis=self.basis))
        for f in FACETS:  # sorted and once each: equal filters, equal cache keys
            object.__setattr__(self, f, tuple(sorted(set(getattr(self, f)))))

    @property
    def active(self) -> int:
        """How many facets narrow the map."""
        return sum(1 for f in FACETS if getattr(self, f))

    def chosen(self) -> dict[str, tuple[str, ...]]:
        """The facets with values."""
        return {f: getattr(self, f) for f in FACETS if getattr(self, f)}

    def with_(self, **values) -> MapFilters:
        """A copy with some facets (or ``basis``) changed."""
        return replace(self, **values)


@dataclass(frozen=True)
class MapCell:
    """One cell: ``row`` and ``col`` (IRIs: two domains, or a category and a domain), its
    counted ``solutions`` (sorted ids) with the ``stated`` and ``derived`` among them, its
    ``obstacles``, the ``uncovered`` ones (no solution of the cell addresses them), the
    strongest ``evidence`` level among the solutions, and whether it is a ``gap``."""

    row: str
    col: str
    solutions: tuple[str, ...]
    stated: tuple[str, ...]
    derived: tuple[str, ...]
    obstacles: tuple[str, ...]
    uncovered: tuple[str, ...]
    evidence: str | None
    gap: bool

    @property
    def shortfall(self) -> int:
        """Obstacles minus solutions, at least 0."""
        return max(0, len(self.obstacles) - len(self.solutions))


@dataclass(frozen=True)
class BridgeMap:
    """:func:`bridge_map`: the ``view``, its ``rows`` and ``cols`` (IRIs, sorted by id), the
    ``cells`` (domain view: one per pair of distinct domains, ``row`` < ``col``), the
    ``filters``, how many solutions pass them, and the obstacles per domain (``obstacles_in``,
    theme-filtered)."""

    view: str
    rows: list[str]
    cols: list[str]
    cells: list[MapCell]
    filters: MapFilters
    passing: int
    obstacles_in: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def cell(self, row: str, col: str) -> MapCell:
        """The cell of ``row`` and ``col`` (ids or IRIs; in the domain view either order)."""
        r, c = _full(row, self.rows), _full(col, self.cols)
        if self.view == "domains":
            r, c = sorted((r, c))
        for cell in self.cells:
            if (cell.row, cell.col) == (r, c):
                return cell
        raise InputError(Message("no_cell", a=short_id(row), b=short_id(col), view=self.view))

    @property
    def gaps(self) -> list[MapCell]:
        """The gap cells, largest first: most uncovered obstacles, then largest shortfall,
        then most obstacles; ties by ids."""
        return sorted((c for c in self.cells if c.gap),
                      key=lambda c: (-len(c.uncovered), -c.shortfall, -len(c.obstacles),
                                     c.row, c.col))


def _full(value: str, pool: list[str]) -> str:
    return next((x for x in pool if value in (x, short_id(x))), value)


# -- per version: the facts the map is made of -------------------------------------------------

def _facets(G: nx.MultiDiGraph) -> dict[str, dict[str, frozenset]]:
    """solution → facet → the values it has (areas: of its cases, and the areas they lie in)."""
    def compute():
        themes = out_index(G, "hasTheme")
        involves, decided = out_index(G, "involvesOrganisationType"), out_index(G, "decidedBy")
        applied, in_area = in_index(G, "appliesSolution"), out_index(G, "inArea")
        up: dict[str, list[str]] = {}
        out = {}
        for s in nodes_of_kind(G, "solution"):
            node = G.nodes[s]
            areas = set()
            for case in applied.get(s, ()):
                for a in in_area.get(case, ()):
                    if a not in up:
                        up[a] = ancestors(G, a)
                    areas.update([a, *up[a]])
            out[s] = {"theme": frozenset(themes.get(s, ())),
                      "organisation_type": frozenset(involves.get(s, ()))
                      | frozenset(decided.get(s, ())),
                      "area": frozenset(areas),
                      **{f: frozenset([node[a]] if node.get(a) else ())
                         for f, a in _ATTR.items()}}
        return out
    return memoize(G, "bridgemap-facets", compute)


def _base(G: nx.MultiDiGraph, view: str):
    """(rows, cols, [(row, col, [(solution, stated, derived)], obstacles)]) unfiltered."""
    def domains():
        m = bridge_matrix(G)
        cells = [(p.a, p.b, [(b.solution, b.stated, b.derived) for b in p.solutions],
                  tuple(p.obstacles)) for p in m.pairs]
        return m.domains, m.domains, cells

    def categories():
        doms = nodes_of_kind(G, "domain")
        affects, by = out_index(G, "affectsDomain"), in_index(G, "addresses")
        named = out_index(G, "bridgesDomain")
        cats: dict[str, list[str]] = {}
        for o in nodes_of_kind(G, "obstacle"):
            c = G.nodes[o].get("hasCategory")
            if c:
                cats.setdefault(c, []).append(o)
        rows = sorted(cats, key=lambda c: (term_rank(G, c, 99), c))
        cells = []
        for c in rows:
            for d in doms:
                obs = tuple(o for o in cats[c] if d in affects.get(o, ()))
                sols = sorted({s for o in obs for s in by.get(o, ())})
                cells.append((c, d, [(s, d in named.get(s, ()), True) for s in sols], obs))
        return rows, doms, cells

    if view not in VIEWS:
        raise InputError(Message("bad_view", view=view, options=Message.pair(
            " of ".join(VIEWS), " or ".join(VIEWS))))
    return memoize(G, ("bridgemap-base", view), domains if view == "domains" else categories)


def _passes(values: dict[str, frozenset], filters: MapFilters) -> bool:
    return all(values[f] & set(chosen) for f, chosen in filters.chosen().items()
               if f != "theme") and (not filters.theme or bool(values["theme"]
                                                                 & set(filters.theme)))


def bridge_map(G: nx.MultiDiGraph, view: str = "domains",
               filters: MapFilters | None = None) -> BridgeMap:
    """The evidence-and-gap map of one view under some filters.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    view : {"domains", "categories"}
        Domain × domain, or obstacle category × domain.
    filters : MapFilters, optional
        What counts (default: everything, stated and derived).

    Returns
    -------
    BridgeMap

    Raises
    ------
    ontology.InputError
        An unknown view.

    Examples
    --------
    >>> from graph.analytics.common import example_graph, iri
    >>> G = example_graph()
    >>> m = bridge_map(G, filters=MapFilters(effort=(iri("inspanning-hoog"),)))
    >>> [short_id(s) for s in m.cell("dom-gezondheid", "dom-wonen").solutions], m.passing
    (['S02'], 1)
    >>> c = bridge_map(G, "categories").cell("cat-geld", "dom-veiligheid")
    >>> [short_id(s) for s in c.solutions], c.stated == c.solutions, c.gap
    (['S02'], True, False)
    """
    filters = filters or MapFilters()
    rows, cols, base = _base(G, view)
    facets = _facets(G)
    keep = {s for s, values in facets.items() if _passes(values, filters)}
    themes = out_index(G, "hasTheme")
    by_theme = set(filters.theme)

    def theme_ok(o: str) -> bool:
        return not by_theme or bool(set(themes.get(o, ())) & by_theme)

    addresses = out_index(G, "addresses")
    cells = []
    for r, c, bridges, obstacles in base:
        counted = [(s, st, dv) for s, st, dv in bridges if s in keep and (
            filters.basis == "any" or (st if filters.basis == "stated" else dv))]
        sols = tuple(s for s, _, _ in counted)
        obs = tuple(o for o in obstacles if theme_ok(o))
        covered = {o for s in sols for o in addresses.get(s, ())}
        uncovered = tuple(o for o in obs if o not in covered)
        levels = [G.nodes[s].get("evidenceLevel") for s in sols]
        levels = [lv for lv in levels if lv]
        strongest = max(levels, key=lambda lv: (term_rank(G, lv), lv)) if levels else None
        cells.append(MapCell(r, c, sols, tuple(s for s, st, _ in counted if st),
                             tuple(s for s, _, dv in counted if dv), obs, uncovered,
                             strongest, bool(obs) and (len(sols) < len(obs) or bool(uncovered))))
    per_domain = {}
    if view == "domains":
        affects = out_index(G, "affectsDomain")
        found: dict[str, list[str]] = {d: [] for d in rows}
        for o in nodes_of_kind(G, "obstacle"):
            if theme_ok(o):
                for d in affects.get(o, ()):
                    if d in found:
                        found[d].append(o)
        per_domain = {d: tuple(v) for d, v in found.items()}
    return BridgeMap(view, list(rows), list(cols), cells, filters, len(keep), per_domain)


# -- the filters' options ---------------------------------------------------------------------

def map_options(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Per facet the values worth offering (IRIs): themes, organisation types taking part in
    some solution, the effort, decision and evidence levels of the ontology (in their
    order), and the areas that hold practice cases (in them or inside them); items sorted by
    id, levels by rank.

    >>> from graph.analytics.common import example_graph
    >>> o = map_options(example_graph())
    >>> [short_id(x) for x in o["area"]], [short_id(x) for x in o["evidence"]][:2]
    (['GM0344', 'WK034401'], ['ev-praktijkgebaseerd', 'ev-goed-beschreven'])
    """
    def compute():
        facets = _facets(G)
        used = {f: set().union(*(v[f] for v in facets.values())) if facets else set()
                for f in ("theme", "organisation_type", "area")}
        terms = G.graph.get("terms", {})
        out = {"theme": sorted(n for n in nodes_of_kind(G, "theme")),
               "organisation_type": sorted(n for n in used["organisation_type"] if n in G),
               "area": sorted(n for n in used["area"] if n in G)}
        for f in ("effort", "decision", "evidence"):
            pool = [t for t, v in terms.items() if v.get("class") == _TERM_CLASS[f]]
            out[f] = sorted(pool, key=lambda t: (term_rank(G, t, 99), t))
        return {f: out[f] for f in FACETS}
    return memoize(G, "bridgemap-options", compute)


def option_label(G: nx.MultiDiGraph, value: str, lang: str) -> str:
    """The label of an option (an item or a classification value) in ``lang``."""
    if value in G:
        return G.nodes[value]["labels"][lang]
    term = G.graph.get("terms", {}).get(value)
    return term["labels"][lang] if term else short_id(value)


def resolve_option(G: nx.MultiDiGraph, facet: str, value: str) -> str:
    """The option of ``facet`` that ``value`` names: its IRI, id, notation or label (nl or
    en, any case).

    >>> from graph.analytics.common import example_graph
    >>> short_id(resolve_option(example_graph(), "effort", "High"))
    'inspanning-hoog'
    >>> resolve_option(example_graph(), "evidence", "proven")
    Traceback (most recent call last):
    ...
    ontology.errors.UnknownIdError: unknown evidence value 'proven'. Did you mean: ...?
    """
    if facet not in FACETS:
        raise InputError(Message("bad_facet", facet=facet, options=FACETS))
    pool = map_options(G)[facet]
    key = str(value).strip().casefold()
    for v in pool:
        names = {v, short_id(v), option_label(G, v, "nl"), option_label(G, v, "en")}
        term = G.graph.get("terms", {}).get(v) or (G.nodes[v] if v in G else {})
        names.add(term.get("notation") or "")
        if key in {n.casefold() for n in names if n}:
            return v
    known = [short_id(v) for v in pool] + [option_label(G, v, "en") for v in pool]
    raise UnknownIdError(value, closest(str(value), known) or [short_id(v) for v in pool][:3],
                         what=Message("what_value", facet=Message.pair(
                             _FACET_NL[facet], facet.replace("_", " "))))


#: the Dutch word for each filter, for messages
_FACET_NL = {"theme": "thema", "organisation_type": "organisatietype", "effort": "inspanning",
             "decision": "beslisniveau", "evidence": "bewijs", "area": "gebied"}



# -- gaps: what the CLI's ``gaps`` and the map's finding both list ---------------------------------

@dataclass(frozen=True)
class UnsolvedObstacle:
    """An obstacle no solution addresses; ``open_gap`` when the knowledge base says so."""

    obstacle: str
    label: str
    open_gap: bool
    domains: list[str]


@dataclass(frozen=True)
class ThinPair:
    """A gap cell of the domain map: a pair with fewer bridging solutions than obstacles, or
    with obstacles none of its bridging solutions addresses (``uncovered``)."""

    a: str
    b: str
    labels: tuple[str, str]
    obstacles: int
    solutions: int
    shortfall: int
    uncovered: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Gaps:
    """:func:`gaps`: obstacles without solutions and the gap cells of the domain map."""

    unsolved: list[UnsolvedObstacle]
    thin_pairs: list[ThinPair]


def gaps(G: nx.MultiDiGraph, min_obstacles: int = 1, basis: str = "any",
         filters: MapFilters | None = None) -> Gaps:
    """Where the knowledge base has no answer yet: the gaps of :func:`bridge_map`.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    min_obstacles : int
        Only domain pairs affected by at least this many obstacles count.
    basis : {"any", "stated", "derived"}
        Which bridges count (ignored when ``filters`` are given; they hold a basis).
    filters : MapFilters, optional
        The map's filters.

    Returns
    -------
    Gaps
        ``unsolved``: obstacles no solution addresses, sorted by id; ``thin_pairs``: the gap
        cells of the domain map in its order (:attr:`BridgeMap.gaps`: most uncovered
        obstacles first, then the largest shortfall, obstacles − solutions).

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
    m = bridge_map(G, "domains", filters or MapFilters(basis=basis))
    thin = [ThinPair(c.row, c.col, (G.nodes[c.row]["label"], G.nodes[c.col]["label"]),
                     len(c.obstacles), len(c.solutions), c.shortfall, list(c.uncovered))
            for c in m.gaps if len(c.obstacles) >= min_obstacles]
    return Gaps(unsolved, thin)
