"""From a set of obstacles to solutions: a ranked list, and a draft joint agenda.

:func:`solutions_for` ranks every solution that addresses part of a selection of obstacles.
:func:`agenda` picks a small set of solutions that together address the selection — a
weighted greedy set cover: each round takes the solution with the most still-open obstacles
per unit of cost, where cost grows with effort (``wgd:inspanning-laag/middel/hoog``: 1, 2, 3)
and shrinks with evidence (practice-based ×1.0, well described ×0.9, well founded ×0.8,
effective ×0.7) and, given a neighbourhood, with practice there (applied in a case in it
×0.5, nearby ×0.75). Each choice comes with its reason, the organisation types to invite,
and what stays open.

>>> from graph.analytics.common import example_graph, short_id
>>> a = agenda(example_graph(), ["O01", "O02", "O03"])
>>> [short_id(i.solution) for i in a.items], [short_id(u.obstacle) for u in a.uncovered]
(['S02'], ['O03'])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from ontology import InputError, Message
from graph.analytics.advice import ancestors, place, rank_solutions
from graph.analytics.common import both, lang_of, resolve, resolve_many, term_label, term_rank
from graph.analytics.views import solution_domain_graph
from graph.analytics.projection import ORG_CLASSIFICATION, in_index, out_index

__all__ = ["Local", "local", "SolutionMatch", "solutions_for", "AgendaItem", "Invitation",
           "Uncovered", "Agenda", "agenda", "solution_cost"]

_EFFORT_DEFAULT = 2
_EVIDENCE_FACTOR = {0: 1.0, 1: 1.0, 2: 0.9, 3: 0.8, 4: 0.7}
_PLACE_FACTOR = {"in": 0.5, "near": 0.75, None: 1.0}


@dataclass(frozen=True)
class SolutionMatch:
    """A solution for part of a selection: what it addresses of it and why it ranks here
    (``reasons`` as data, :class:`graph.analytics.advice.Reason`; ``reason`` their text)."""

    rank: int
    solution: str
    label: str
    addresses: list[str]
    share: float
    evidence: str | None
    domains: list[str]
    organisation_types: list[str]
    reason: dict[str, str]
    reasons: list = field(default_factory=list)
    key: dict = field(default_factory=dict)


def _selection(G: nx.MultiDiGraph, obstacles: Iterable[str]) -> list[str]:
    chosen = resolve_many(G, [obstacles] if isinstance(obstacles, str) else obstacles,
                          "obstacle")
    if not chosen:
        raise InputError(Message("one_obstacle"))
    return chosen


def _org_types(G: nx.MultiDiGraph, s: str) -> list[str]:
    return sorted(set(out_index(G, "involvesOrganisationType").get(s, ()))
                  | set(out_index(G, "decidedBy").get(s, ())))


def _labels(G: nx.MultiDiGraph, nodes: Iterable[str], lang: str) -> str:
    return ", ".join(f"'{G.nodes[n]['labels'][lang]}'" for n in nodes)


def solutions_for(G: nx.MultiDiGraph, obstacles: Iterable[str], lang: str | None = None,
                  top: int | None = None, area: str | None = None) -> list[SolutionMatch]:
    """Every solution that addresses part of a selection of obstacles, best first: the one
    ranking of :func:`graph.analytics.advice.rank_solutions`.

    Ranked by how many of the obstacles it addresses, then practice in ``area``, evidence
    level, practice cases, decision level (a professional can start it first), effort (low
    first); ties by id.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    obstacles : iterable of str, or str
        Ids, IRIs, notations or labels (nl or en).
    lang : {"nl", "en"}, optional
        Language of ``label``; reasons come in both.
    top : int, optional
        Only the first ``top``.
    area : str, optional
        An area whose practice counts.

    Returns
    -------
    list of SolutionMatch

    Raises
    ------
    ontology.UnknownIdError
        An unknown obstacle; ``ontology.InputError`` for an empty selection.

    Examples
    --------
    >>> from graph.analytics.common import example_graph, short_id
    >>> ranked = solutions_for(example_graph("en"), ["O01", "siloed budgets"])
    >>> [(short_id(m.solution), m.share) for m in ranked]
    [('S02', 1.0), ('S01', 0.5)]
    >>> print(ranked[1].reason["en"])
    Addresses 'data may not be shared' (1 of the 2 chosen). Also addresses no other obstacle.
    Applied in West (Utrecht): 'Covenant in West'. Evidence level: well described. Who decides
    is not recorded. Effort: medium.
    """
    chosen = _selection(G, obstacles)
    B = solution_domain_graph(G)
    return [SolutionMatch(r.rank, r.solution, r.label, r.addresses,
                          len(r.addresses) / len(chosen), r.evidence, sorted(B[r.solution]),
                          _org_types(G, r.solution), r.reason, r.reasons, r.key)
            for r in rank_solutions(G, obstacles=chosen, area=area, lang=lang, top=top)]


def solution_cost(G: nx.MultiDiGraph, s: str, neighbourhood: str | None = None) -> float:
    """The weight of solution ``s`` in :func:`agenda`: effort × evidence × place factor.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    s : str
        A solution IRI.
    neighbourhood : str, optional
        An area IRI: practice in it (×0.5) or nearby (×0.75) lowers the cost.

    Returns
    -------
    float

    Examples
    --------
    >>> from graph.analytics.common import example_graph, iri
    >>> G = example_graph()
    >>> solution_cost(G, iri("S01")), solution_cost(G, iri("S01"), iri("WK034401"))
    (1.8, 0.9)
    """
    effort = term_rank(G, G.nodes[s].get("effort"), _EFFORT_DEFAULT) or _EFFORT_DEFAULT
    evidence = _EVIDENCE_FACTOR.get(term_rank(G, G.nodes[s].get("evidenceLevel")), 1.0)
    return round(effort * evidence * _PLACE_FACTOR[place(G, s, neighbourhood)[0]], 6)


@dataclass(frozen=True)
class AgendaItem:
    """A chosen solution: the open obstacles it closes, the cost, why it was chosen."""

    solution: str
    label: str
    covers: list[str]
    also_addresses: list[str]
    cost: float
    organisation_types: list[str]
    case: str | None
    reason: dict[str, str]


@dataclass(frozen=True)
class Invitation:
    """An organisation type to invite, for which chosen solutions, and (given an area) the
    organisations of that type located there, to invite by name."""

    organisation_type: str
    label: str
    for_solutions: list[str]
    organisations: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Uncovered:
    """A chosen obstacle the agenda does not address, and why."""

    obstacle: str
    label: str
    reason: dict[str, str]


@dataclass(frozen=True)
class Agenda:
    """A draft joint agenda: the obstacles, the chosen solutions in order, whom to invite,
    what stays open."""

    obstacles: list[str]
    neighbourhood: str | None
    items: list[AgendaItem]
    invite: list[Invitation]
    uncovered: list[Uncovered]
    local: Local | None = None
    unmatched: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Local:
    """What the knowledge base holds about the chosen area: practice cases in it and in its
    municipality (those that apply a chosen solution or tackle a chosen obstacle first),
    programmes active there, organisations located there (``wg:activeIn``), and the
    obstacles recorded in those cases."""

    area: str
    municipality: str | None
    cases: list[str]
    programmes: list[str]
    organisations: list[str]
    obstacles: list[str]


def local(G: nx.MultiDiGraph, area: str, obstacles: Iterable[str] = (),
          solutions: Iterable[str] = ()) -> Local:
    """What the knowledge base knows of ``area`` (an IRI) and its municipality: see
    :class:`Local`.

    >>> from graph.analytics.common import example_graph, iri, short_id
    >>> here = local(example_graph(), iri("WK034401"))
    >>> [short_id(c) for c in here.cases], [short_id(o) for o in here.organisations]
    (['C01'], ['org-mitros', 'org-gemeente-utrecht'])
    >>> [short_id(p) for p in here.programmes], short_id(here.municipality)
    (['P01'], 'GM0344')
    """
    up = ancestors(G, area)
    municipality = next((a for a in up if str(G.nodes[a].get("cbsCode", "")).startswith("GM")),
                        up[-1] if up else None)
    inside = in_index(G, "partOfArea")

    def below(x):
        seen, todo = [], [x]
        while todo:
            for c in inside.get(todo.pop(), ()):
                if c not in seen:
                    seen.append(c)
                    todo.append(c)
        return seen
    near = [area, *below(area)]
    wider = [a for a in ([municipality, *below(municipality)] if municipality else [])
             if a not in near]
    in_area = in_index(G, "inArea")
    chosen_o, chosen_s = set(obstacles), set(solutions)
    tackles, applies = out_index(G, "tacklesObstacle"), out_index(G, "appliesSolution")

    def ranked_cases(areas):
        cases = sorted({c for a in areas for c in in_area.get(a, ())})
        return sorted(cases, key=lambda c: (-len(set(tackles.get(c, ())) & chosen_o)
                                            - len(set(applies.get(c, ())) & chosen_s), c))
    cases = ranked_cases(near)
    cases += [c for c in ranked_cases(wider) if c not in cases]
    focus = out_index(G, "focusAreaOf")
    programmes = sorted({p for a in near + wider + up for p in focus.get(a, ())})
    active = in_index(G, "activeIn")
    organisations = sorted({o for a in near for o in active.get(a, ())})
    organisations += sorted({o for a in wider + up for o in active.get(a, ())}
                            - set(organisations))
    recorded = sorted({o for c in cases for o in tackles.get(c, ())})
    return Local(area, municipality, cases, programmes, organisations, recorded)


def agenda(G: nx.MultiDiGraph, obstacles: Iterable[str], neighbourhood: str | None = None,
           max_solutions: int | None = None, lang: str | None = None,
           unmatched: Iterable[str] = ()) -> Agenda:
    """A draft joint agenda: a small set of solutions that addresses ``obstacles``.

    A weighted greedy set cover: each round picks the solution with the most still-open
    obstacles per unit of :func:`solution_cost`; ties go to more obstacles, then lower cost,
    then the place in the one ranking (:func:`graph.analytics.advice.rank_solutions`). It
    stops when every obstacle that some solution addresses is covered, or after
    ``max_solutions``.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    obstacles : iterable of str, or str
        Ids, IRIs, notations or labels (nl or en).
    neighbourhood : str, optional
        An area (id, CBS code or name): solutions applied in practice cases in it or nearby
        cost less.
    max_solutions : int, optional
        At most this many solutions.
    lang : {"nl", "en"}, optional
        Language of the labels; reasons come in both.
    unmatched : iterable of str
        Themes the user typed that matched no obstacle (from the search): kept in
        ``unmatched``, so "what stays open" lists them too.

    Returns
    -------
    Agenda
        ``items`` (chosen solutions in order, with what they close and why), ``invite``
        (organisation types and for which solutions), ``uncovered`` (with the reason).

    Raises
    ------
    ontology.UnknownIdError
        An unknown obstacle or area; ``ontology.InputError`` for an empty selection.

    Examples
    --------
    >>> from graph.analytics.common import example_graph, short_id
    >>> a = agenda(example_graph("en"), ["O01"], neighbourhood="WK034401")
    >>> [short_id(i.solution) for i in a.items], [short_id(t.organisation_type) for t in a.invite]
    (['S01'], ['ot-gemeente', 'ot-woningcorporatie'])
    >>> print(a.items[0].reason["en"])
    Addresses the open obstacle 'data may not be shared', with medium effort; evidence: well
    described; already applied in this area (Covenant in West).
    """
    lang = lang_of(G, lang)
    chosen = _selection(G, obstacles)
    area = resolve(G, neighbourhood, "area") if neighbourhood else None
    addresses = out_index(G, "addresses")
    addressed_by = in_index(G, "addresses")
    candidates = sorted({s for o in chosen for s in addressed_by.get(o, ())})
    cover = {s: set(addresses[s]) & set(chosen) for s in candidates}
    cost = {s: solution_cost(G, s, area) for s in candidates}
    order = {r.solution: r.rank for r in rank_solutions(G, obstacles=chosen, area=area)}
    open_ = {o for o in chosen if addressed_by.get(o)}
    items: list[AgendaItem] = []
    while open_ and (max_solutions is None or len(items) < max_solutions):
        best = min((s for s in candidates if cover[s] & open_),
                   key=lambda s: (-len(cover[s] & open_) / cost[s], -len(cover[s] & open_),
                                  cost[s], order[s]))
        closes = sorted(cover[best] & open_)
        open_ -= cover[best]
        place_, case = place(G, best, area)
        items.append(AgendaItem(best, G.nodes[best]["labels"][lang], closes,
                                sorted(cover[best] - set(closes)), cost[best],
                                _org_types(G, best), case,
                                _item_reason(G, best, closes, cost[best], place_, case)))
    invite: dict[str, list[str]] = {}
    for item in items:
        for t in item.organisation_types:
            invite.setdefault(t, []).append(item.solution)
    here = local(G, area, chosen, [i.solution for i in items]) if area else None
    types_of = out_index(G, ORG_CLASSIFICATION)
    invitations = [Invitation(t, G.nodes[t]["labels"][lang], ss,
                              [o for o in (here.organisations if here else ())
                               if t in types_of.get(o, ())])
                   for t, ss in sorted(invite.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    uncovered = []
    for o in chosen:
        if not addressed_by.get(o):
            why = both("er is nog geen oplossing bekend", "no solution is known yet")
        elif o in open_:
            why = both(f"valt buiten de eerste {max_solutions} oplossingen",
                       f"left out by the limit of {max_solutions} solutions")
        else:
            continue
        uncovered.append(Uncovered(o, G.nodes[o]["labels"][lang], why))
    return Agenda(chosen, area, items, invitations, uncovered, here,
                  [str(u) for u in unmatched])


def _item_reason(G, s, closes, cost, place, case) -> dict[str, str]:
    """Why a solution was chosen, in plain words (the weight ``cost`` is left to the data)."""
    texts = {}
    for lg in ("nl", "en"):
        effort = term_label(G, G.nodes[s].get("effort"), lg) or "?"
        ev = term_label(G, G.nodes[s].get("evidenceLevel"), lg)
        n = len(closes)
        if lg == "nl":
            amount = {"laag": "weinig", "middel": "gemiddelde", "hoog": "veel"}.get(effort, effort)
            text = (f"Pakt {n} van de nog open belemmeringen aan ({_labels(G, closes, lg)}), "
                    f"met {amount} inspanning" if n != 1 else
                    f"Pakt de nog open belemmering {_labels(G, closes, lg)} aan, "
                    f"met {amount} inspanning")
            text += f"; bewijs: {ev}" if ev else "; nog zonder erkend bewijsniveau"
            if place:
                where = "in dit gebied" if place == "in" else "in de buurt van dit gebied"
                text += f"; al toegepast {where} ({G.nodes[case]['labels'][lg]})"
        else:
            text = (f"Addresses {n} of the obstacles still open ({_labels(G, closes, lg)}), "
                    f"with {effort} effort" if n != 1 else
                    f"Addresses the open obstacle {_labels(G, closes, lg)}, with {effort} effort")
            text += f"; evidence: {ev}" if ev else "; no recognised evidence level yet"
            if place:
                where = "in this area" if place == "in" else "near this area"
                text += f"; already applied {where} ({G.nodes[case]['labels'][lg]})"
        texts[lg] = text + "."
    return both(texts["nl"], texts["en"])
