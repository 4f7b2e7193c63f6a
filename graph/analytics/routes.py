"""Routes between any two items, each told as a sentence.

:func:`routes` finds the ``k`` shortest simple paths in the undirected view of the projection
(Yen's algorithm as ``nx.shortest_simple_paths`` runs it, the same paths in the same order,
on the projection's neighbour arrays: 5 pairs at 1M triples 0.1–0.2 s where NetworkX took
0.36 s) and explains each in Dutch and English:
"Belemmering 'X' wordt aangepakt door oplossing 'Y'; oplossing 'Y' betrekt organisatietype
'Z'." Equally long routes are ordered by their ids, so the answer is the same every run.

>>> from graph.analytics.common import example_graph
>>> r = routes(example_graph(), "O02", "woningcorporatie", k=1, skip_kinds=["theme"])
>>> print(r[0].sentence["nl"])
Belemmering 'geschotte budgetten' wordt aangepakt door oplossing 'ontschot budget'; oplossing
'ontschot budget' pakt belemmering 'gegevens delen mag niet' aan; belemmering 'gegevens delen
mag niet' ontstaat bij organisatietype 'woningcorporatie'.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from heapq import heappop, heappush
from itertools import count

import networkx as nx
import numpy as np

from ontology import InputError, Message, WG
from graph.analytics.common import both, lang_of, name, resolve
from graph.analytics.arrays import neighbours, undirected
from graph.analytics.projection import (ORG_CLASSIFICATION, SKOS_BROADER, edge_table, in_index,
                                       out_index, short_id)

__all__ = ["Step", "Route", "routes", "undirected_view", "statements", "PHRASES", "MEET",
           "CONNECTORS", "SharedProblem", "shared_problems"]

#: predicates by which two ends only *meet* an obstacle (it arises at both, affects both):
#: an obstacle in the middle of a route with one of these on both sides connects nothing
MEET = frozenset({str(WG.arisesBetween), str(WG.affectsDomain)})
#: what may lie between two parties (organisation types, organisations): what they do together
CONNECTORS = ("solution", "case", "programme", "organisation")
_PARTIES = {"organisation_type", "organisation"}
#: endings of Dutch nouns that take 'het' among organisation types (het wijkteam, het Rijk)
_HET = ("team", "huis", "bedrijf", "instituut", "schap", "ministerie", "rijk", "uwv")

#: predicate → ((nl active, nl passive), (en active, en passive)); ``{s}`` is the subject,
#: ``{o}`` the object; the active form is used when the route runs subject → object.
PHRASES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    str(WG.addresses): (("{s} pakt {o} aan", "{o} wordt aangepakt door {s}"),
                        ("{s} addresses {o}", "{o} is addressed by {s}")),
    str(WG.affectsDomain): (("{s} raakt {o}", "{o} wordt geraakt door {s}"),
                            ("{s} affects {o}", "{o} is affected by {s}")),
    str(WG.bridgesDomain): (("{s} verbindt {o} met andere domeinen", "{o} wordt door {s} "
                             "met andere domeinen verbonden"),
                            ("{s} bridges {o} with other domains", "{o} is bridged with "
                             "other domains by {s}")),
    str(WG.involvesOrganisationType): (("{s} betrekt {o}", "{o} is betrokken bij {s}"),
                                       ("{s} involves {o}", "{o} is involved in {s}")),
    str(WG.arisesBetween): (("{s} ontstaat bij {o}", "bij {o} ontstaat {s}"),
                            ("{s} arises at {o}", "{o} is where {s} arises")),
    str(WG.arisesFrom): (("{s} komt voort uit {o}", "{o} veroorzaakt {s}"),
                         ("{s} arises from {o}", "{o} gives rise to {s}")),
    str(WG.hasLegalBasis): (("{s} steunt op {o}", "{o} is de grondslag van {s}"),
                            ("{s} rests on {o}", "{o} is the legal basis of {s}")),
    str(WG.hasTheme): (("{s} hoort bij {o}", "{o} omvat {s}"),
                       ("{s} belongs to {o}", "{o} includes {s}")),
    str(WG.decidedBy): (("over {s} beslist {o}", "{o} beslist over {s}"),
                        ("{s} is decided by {o}", "{o} decides on {s}")),
    str(WG.relatedSolution): (("{s} hangt samen met {o}", "{o} hangt samen met {s}"),
                              ("{s} goes with {o}", "{o} goes with {s}")),
    str(WG.supportedByProgramme): (("{s} wordt gesteund door {o}", "{o} steunt {s}"),
                                   ("{s} is supported by {o}", "{o} supports {s}")),
    str(WG.appliesSolution): (("{s} past {o} toe", "{o} is toegepast in {s}"),
                              ("{s} applies {o}", "{o} is applied in {s}")),
    str(WG.tacklesObstacle): (("{s} pakt {o} aan", "{o} is aangepakt in {s}"),
                              ("{s} tackles {o}", "{o} was tackled in {s}")),
    str(WG.inArea): (("{s} speelt in {o}", "in {o} speelt {s}"),
                     ("{s} took place in {o}", "{o} is where {s} took place")),
    str(WG.involvesOrganisation): (("{s} betrekt {o}", "{o} doet mee aan {s}"),
                                   ("{s} involves {o}", "{o} takes part in {s}")),
    str(WG.contactOrganisation): (("{o} is aanspreekpunt voor {s}", "{o} is aanspreekpunt "
                                   "voor {s}"),
                                  ("{o} is the contact for {s}", "{o} is the contact for {s}")),
    str(WG.methodOwner): (("{o} beheert de methode {s}", "{o} beheert de methode {s}"),
                          ("{o} maintains the method {s}", "{o} maintains the method {s}")),
    str(WG.activeIn): (("{s} is actief in {o}", "in {o} is {s} actief"),
                       ("{s} is active in {o}", "{o} is where {s} is active")),
    str(WG.worksOnDomain): (("{s} werkt aan {o}", "aan {o} werkt {s}"),
                            ("{s} works on {o}", "{o} is worked on by {s}")),
    str(WG.partOfArea): (("{s} ligt in {o}", "{o} omvat {s}"),
                         ("{s} lies in {o}", "{o} contains {s}")),
    str(WG.focusAreaOf): (("{s} is focusgebied van {o}", "{o} heeft {s} als focusgebied"),
                          ("{s} is a focus area of {o}", "{o} has {s} as a focus area")),
    str(WG.partOfLaw): (("{s} is een onderdeel van {o}", "{o} bevat {s}"),
                        ("{s} is part of {o}", "{o} contains {s}")),
    ORG_CLASSIFICATION: (("{s} is een {o}", "{o} omvat {s}"),
                         ("{s} is a {o}", "{o} includes {s}")),
    SKOS_BROADER: (("{s} valt onder {o}", "{o} omvat {s}"),
                   ("{s} falls under {o}", "{o} includes {s}")),
}


@dataclass(frozen=True)
class Step:
    """One link of a route: from ``source`` to ``target`` along ``predicate``; ``forward``
    when the statement reads ``source predicate target``."""

    source: str
    target: str
    predicate: str
    forward: bool


@dataclass(frozen=True)
class Route:
    """A simple path: its nodes and labels, its steps, and the sentence that tells it."""

    nodes: list[str]
    labels: list[str]
    steps: list[Step]
    sentence: dict[str, str]

    @property
    def length(self) -> int:
        """The number of steps."""
        return len(self.steps)


def undirected_view(G: nx.MultiDiGraph) -> nx.Graph:
    """The projection as a simple undirected graph, nodes and neighbours in sorted order,
    built once per projection from its edge arrays (shared and read-only: every edge's data
    is one empty read-only mapping). :func:`statements` gives the statements behind an edge.

    >>> from graph.analytics.common import example_graph
    >>> from graph.analytics.projection import iri
    >>> H = undirected_view(example_graph())
    >>> H.number_of_edges(), H.has_edge(iri("O01"), iri("S01"))
    (45, True)
    """
    # once per edge table: the projection makes it when it reads the store, so the first
    # routes call does not wait for it (each language's projection has its own table)
    t = edge_table(G)
    return t.view("undirected", lambda: undirected(t))


def statements(G: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str, str]]:
    """The statements linking ``a`` and ``b`` in either direction, as sorted
    ``(subject, predicate, object)``.

    >>> from graph.analytics.common import example_graph
    >>> from graph.analytics.projection import iri
    >>> [p.rsplit("#")[-1] for _, p, _ in statements(example_graph(), iri("ot-gemeente"),
    ...                                               iri("S02"))]
    ['decidedBy', 'involvesOrganisationType']
    """
    found = [(a, p, b) for p in G[a].get(b, {})] + [(b, p, a) for p in G[b].get(a, {})]
    return sorted(found)


def _step(G: nx.MultiDiGraph, a: str, b: str) -> Step:
    s, p, o = statements(G, a, b)[0]
    return Step(a, b, p, forward=(s == a))


def _clause(G: nx.MultiDiGraph, step: Step, lang: str) -> str:
    s, o = (step.source, step.target) if step.forward else (step.target, step.source)
    forms = PHRASES.get(step.predicate)
    if forms is None:
        template = "{s} —" + short_id(step.predicate).rsplit("#", 1)[-1] + "→ {o}"
    else:
        template = forms[0 if lang == "nl" else 1][0 if step.forward else 1]
    return template.format(s=name(G, s, lang), o=name(G, o, lang))


def _sentence(G: nx.MultiDiGraph, steps: list[Step], lang: str) -> str:
    text = "; ".join(_clause(G, st, lang) for st in steps)
    return text[:1].upper() + text[1:] + "."


def routes(
    G: nx.MultiDiGraph,
    a: str,
    b: str,
    k: int = 3,
    lang: str | None = None,
    skip_kinds: Iterable[str] = (),
    max_candidates: int | None = None,
) -> list[Route]:
    """The ``k`` shortest simple routes between two items, each told as a sentence.

    Routes run in the undirected view, shortest first; routes of equal length are ordered
    by their node ids among the first ``max_candidates`` found.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    a, b : str
        Two different items: ids, IRIs, notations or labels (nl or en).
    k : int
        How many routes; fewer come back if there are fewer, none if ``a`` and ``b`` are not
        connected.
    lang : {"nl", "en"}, optional
        Language of ``labels``; default the graph's. Sentences come in both languages.
    skip_kinds : iterable of str
        Kinds left out of the middle of routes (e.g. ``["theme"]``, whose hubs connect
        almost everything).
    max_candidates : int, optional
        Routes looked at to order ties (default ``2 * k``; each extra costs a shortest-path
        search, about 7 ms on a 100k-triple graph).

    Returns
    -------
    list of Route

    Raises
    ------
    ontology.UnknownIdError
        An unknown id or label (with the closest ids).
    ontology.InputError
        ``a`` and ``b`` name the same item.

    Examples
    --------
    >>> from graph.analytics.common import example_graph
    >>> G = example_graph("en")
    >>> [r.length for r in routes(G, "O01", "O02", k=3)]
    [2, 2, 2]
    >>> print(routes(G, "O01", "O02", k=1)[0].sentence["en"])
    Obstacle 'data may not be shared' is addressed by solution 'pooled budget'; solution
    'pooled budget' addresses obstacle 'siloed budgets'.
    >>> routes(G, "O03", "P01", skip_kinds=["theme", "domain", "domain_group", "organisation_type"])
    []
    """
    lang = lang_of(G, lang)
    source, target = resolve(G, a), resolve(G, b)
    if source == target:
        raise InputError(Message("two_different_items", item=short_id(source)))
    if k < 1:
        return []
    t = edge_table(G)
    adj = t.view("neighbours", lambda: neighbours(t))
    index = t.view("index", lambda: {n: i for i, n in enumerate(t.nodes)})
    skip = set(skip_kinds)
    parties = {G.nodes[source]["kind"], G.nodes[target]["kind"]} <= _PARTIES
    blocked = None
    if skip or parties:  # the nodes a route may not pass (as H.subgraph would leave out)
        blocked = np.array([kind in skip or (parties and kind not in CONNECTORS)
                            for kind in t.kind], dtype=bool)
        blocked[index[source]] = blocked[index[target]] = False
    found: list[list[str]] = []
    for looked, ids in enumerate(_simple_paths(adj, index[source], index[target], blocked)):
        path = [t.nodes[i] for i in ids]
        if len(found) >= k and len(path) > len(found[k - 1]) or \
                len(found) >= max(k, max_candidates or 2 * k) or looked > 50 * k:
            break
        if not _only_meets(G, path):
            found.append(path)
    found.sort(key=lambda p: (len(p), p))
    out = []
    for path in found[:k]:
        steps = [_step(G, x, y) for x, y in zip(path, path[1:])]
        out.append(Route(path, [G.nodes[n]["labels"][lang] for n in path], steps,
                         both(_told(G, path, steps, "nl"), _told(G, path, steps, "en"))))
    return out


def _simple_paths(adj: tuple[np.ndarray, np.ndarray], source: int, target: int,
                  blocked: np.ndarray | None) -> Iterator[list[int]]:
    """The simple paths from ``source`` to ``target``, shortest first: NetworkX's
    ``shortest_simple_paths`` (Yen's algorithm over bidirectional breadth-first searches)
    step for step, on integer neighbour lists instead of graph views, so it yields the same
    paths in the same order (a test compares them) at a fraction of the cost. ``blocked``
    nodes are left out, as in a subgraph without them."""
    n = len(adj[0]) - 1
    work = (*adj, np.zeros(n, dtype=bool) if blocked is None else blocked.copy(),
            np.zeros(n, dtype=bool), np.full(n, -2, dtype=np.int64),  # -2: not reached,
            np.full(n, -2, dtype=np.int64))  # -1: where the search starts
    listA: list[list[int]] = []
    heap: list = []
    queued: set[tuple[int, ...]] = set()
    order = count()

    def push(cost: int, path: list[int]) -> None:
        key = tuple(path)
        if key not in queued:
            heappush(heap, (cost, next(order), path))
            queued.add(key)

    prev: list[int] | None = None
    while True:
        if not prev:
            path = _shortest(work, source, target, blocked, set(), set())
            if path is None:
                return
            push(len(path), path)
        else:
            ignore_nodes: set[int] = set()
            for i in range(1, len(prev)):
                root = prev[:i]
                # the edges Yen's algorithm leaves out all start at the spur node root[-1]:
                # an edge from an earlier root node is never walked (that node is ignored)
                cut = {p[i] for p in listA if p[:i] == root}
                spur = _shortest(work, root[-1], target, blocked, ignore_nodes, cut)
                if spur is not None:
                    push(len(root) + len(spur), root[:-1] + spur)
                ignore_nodes.add(root[-1])
        if not heap:
            return
        path = heappop(heap)[2]
        queued.discard(tuple(path))
        yield path
        listA.append(path)
        prev = path


def _shortest(work: tuple, source: int, target: int, blocked: np.ndarray | None,
              ignore: set[int], cut: set[int]) -> list[int] | None:
    """NetworkX's bidirectional breadth-first shortest path (``_bidirectional_pred_succ``)
    with the same visiting order and so the same answer, a whole level at a time in NumPy
    (``work``: CSR offsets and neighbours, and the search's arrays, see
    :func:`_simple_paths`). ``ignore``: nodes left out; ``cut``: neighbours
    of ``source`` whose edge to it is left out (either way). ``None`` when there is no path.
    """
    if source in ignore or target in ignore:
        return None
    if source == target:
        return [source]
    starts, others, out, cutting, pred, succ = work
    ignored, cuts = list(ignore), list(cut)
    out[ignored] = True
    cutting[cuts] = True
    pred[source], succ[target] = -1, -1
    reached = [np.array([source, target])]
    try:
        return _meet(starts, others, source, target, out, cutting, pred, succ, reached)
    finally:  # the workspace back as it was, for the next search
        out[ignored] = False if blocked is None else blocked[ignored]
        cutting[cuts] = False
        for ids in reached:
            pred[ids] = succ[ids] = -2


def _meet(starts, others, source, target, out, cutting, pred, succ, reached):
    """The two searches of :func:`_shortest`, level by level; every node they mark is
    listed in ``reached``."""
    forward, reverse = np.array([source]), np.array([target])
    while len(forward) and len(reverse):
        ahead = len(forward) <= len(reverse)
        level = forward if ahead else reverse
        mine, theirs = (pred, succ) if ahead else (succ, pred)
        lo = starts[level]
        many = starts[level + 1] - lo
        xs = np.repeat(level, many)
        ws = others[np.repeat(lo - np.cumsum(many) + many, many) + np.arange(many.sum())]
        ok = ~out[ws] & ~((xs == source) & cutting[ws]) & ~(cutting[xs] & (ws == source))
        xs, ws = xs[ok], ws[ok]
        hit = np.flatnonzero(theirs[ws] != -2)
        if len(hit):  # the first neighbour the other side reached: the searches meet
            j = hit[0]
            meet = int(ws[j])
            if mine[meet] == -2:
                mine[meet] = xs[j]
                reached.append(np.array([meet]))
            break
        fresh = mine[ws] == -2
        xs, ws = xs[fresh], ws[fresh]
        order = np.argsort(ws, kind="stable")
        sw = ws[order]
        firsts = np.sort(order[np.concatenate([[True], sw[1:] != sw[:-1]])]) if len(sw) \
            else order
        mine[ws[firsts]] = xs[firsts]  # reached first from the earliest node of the level
        reached.append(ws[firsts])
        if ahead:
            forward = ws[firsts]
        else:
            reverse = ws[firsts]
    else:
        return None
    path, w = [], meet
    while w != -1:
        path.append(w)
        w = int(succ[w])
    w = int(pred[path[0]])
    while w != -1:
        path.insert(0, w)
        w = int(pred[w])
    return path


def _only_meets(G: nx.MultiDiGraph, path: list[str]) -> bool:
    """Whether some obstacle in the middle of ``path`` is only met on both sides
    (:data:`MEET`): "both run into it" is a shared problem, not a connection."""
    for before, node, after in zip(path, path[1:], path[2:]):
        if G.nodes[node]["kind"] != "obstacle":
            continue
        sides = [{p for _, p, _ in statements(G, node, x)} for x in (before, after)]
        if all(side and side <= MEET for side in sides):
            return True
    return False


def _party(G: nx.MultiDiGraph, node: str, lang: str) -> str:
    """A party as a sentence names it: 'de huisartsenpraktijk', 'de GGD', 'Mitros'."""
    label = G.nodes[node]["labels"][lang]
    if G.nodes[node]["kind"] != "organisation_type":
        return f"'{label}'" if G.nodes[node]["kind"] not in _PARTIES else label
    if lang == "en":
        return "the " + label
    head = label.split("(")[0].strip().split()[-1].lower()
    return ("het " if head.endswith(_HET) else "de ") + label


def _case_place(G: nx.MultiDiGraph, case: str, lang: str) -> str:
    from graph.analytics.advice import join_names

    areas = [G.nodes[a]["labels"][lang] for a in sorted(out_index(G, "inArea").get(case, ()))]
    return f" ({join_names(areas, lang)})" if areas else ""


def _example_case(G: nx.MultiDiGraph, solution: str, lang: str) -> str:
    cases = sorted(in_index(G, "appliesSolution").get(solution, ()))
    if not cases:
        return ""
    c = cases[0]
    label = G.nodes[c]["labels"][lang]
    return ((", bijvoorbeeld in '" if lang == "nl" else ", for example in '") + label + "'"
            + _case_place(G, c, lang))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _told(G: nx.MultiDiGraph, path: list[str], steps: list[Step], lang: str) -> str:
    """The route as a person would tell it: who works together in what; else the chain."""
    kinds = [G.nodes[n]["kind"] for n in path]
    ends = {kinds[0], kinds[-1]} <= _PARTIES
    x, y = (_party(G, path[0], lang), _party(G, path[-1], lang))
    middle, mkinds = path[1:-1], kinds[1:-1]
    nl = lang == "nl"
    if ends and mkinds == ["solution"]:
        s = G.nodes[middle[0]]["labels"][lang]
        return _cap(f"{x} {'en' if nl else 'and'} {y} "
                    f"{'werken samen in' if nl else 'work together in'} '{s}'"
                    f"{_example_case(G, middle[0], lang)}.")
    if ends and mkinds.count("case") == 1 and set(mkinds) <= {"case", "organisation"}:
        c = middle[mkinds.index("case")]
        orgs = [G.nodes[n]["labels"][lang] for n in middle if G.nodes[n]["kind"] ==
                "organisation"]
        with_ = (f", {'met' if nl else 'with'} " + " en ".join(orgs) if nl else
                 ", with " + " and ".join(orgs)) if orgs else ""
        return _cap(f"{x} {'en' if nl else 'and'} {y} "
                    f"{'werkten samen in' if nl else 'worked together in'} "
                    f"'{G.nodes[c]['labels'][lang]}'{_case_place(G, c, lang)}{with_}.")
    if ends and mkinds == ["solution", "programme", "solution"]:
        s1, prog, s2 = (G.nodes[n]["labels"][lang] for n in middle)
        return _cap(f"{x} doet mee aan '{s1}' en {y} aan '{s2}'; beide krijgen steun van "
                    f"'{prog}'." if nl else
                    f"{x} takes part in '{s1}' and {y} in '{s2}'; both are supported by "
                    f"'{prog}'.")
    return _sentence(G, steps, lang)


@dataclass(frozen=True)
class SharedProblem:
    """An obstacle both ends meet (it arises at both, or affects both): shown beside the
    routes, as a problem they share, never as a route."""

    obstacle: str
    label: str
    sentence: dict[str, str]


def _meets_of(G: nx.MultiDiGraph, node: str) -> set[str]:
    """The obstacles ``node`` meets (arises at, affects), also through its organisation
    types for an organisation."""
    arises, affects = in_index(G, "arisesBetween"), in_index(G, "affectsDomain")
    targets = {node} | set(out_index(G, ORG_CLASSIFICATION).get(node, ()))
    return {o for t in targets for o in (*arises.get(t, ()), *affects.get(t, ()))}


def shared_problems(G: nx.MultiDiGraph, a: str, b: str, lang: str | None = None
                    ) -> list[SharedProblem]:
    """The obstacles two items both meet: they arise at both (organisation types, or the
    types of organisations) or affect both (domains); by id.

    >>> from graph.analytics.common import example_graph
    >>> found = shared_problems(example_graph(), "gemeente", "woningcorporatie")
    >>> [(short_id(p.obstacle), p.sentence["nl"]) for p in found]
    [('O01', "De gemeente en de woningcorporatie lopen allebei tegen 'gegevens delen mag niet'
    aan.")]
    """
    lang = lang_of(G, lang)
    a, b = resolve(G, a), resolve(G, b)
    out = []
    for o in sorted(_meets_of(G, a) & _meets_of(G, b)):
        texts = {}
        for lg in ("nl", "en"):
            x, y, label = _party(G, a, lg), _party(G, b, lg), G.nodes[o]["labels"][lg]
            texts[lg] = _cap(f"{x} en {y} lopen allebei tegen '{label}' aan." if lg == "nl"
                             else f"{x} and {y} both run into '{label}'.")
        out.append(SharedProblem(o, G.nodes[o]["labels"][lang], both(texts["nl"], texts["en"])))
    return out
