"""Who connects two sides: the organisation types and the solutions between two domains or two
domain groups (such as the social and the physical domain), each with a sentence that says why.

:func:`brokers` answers "Wie verbindt het sociale en het fysieke domein?" directly, in words
rather than network measures (those stay in :func:`graph.analytics.ranking.key_players`):

- **solutions**: the one ranking of :func:`graph.analytics.advice.rank_solutions` for the two
  sides, with its reasons (which obstacles of both sides it addresses, by name; where it was
  applied; its evidence; who decides);
- **organisation types**: the solutions that bridge the two sides and the practice cases that
  join them, in which the type takes part (by name), and the domains of both sides it reaches
  that way.

Ties are broken by the criteria the ranking states (:data:`BROKER_ORDER`, :data:`CRITERIA`);
what is still equal shares a place (:func:`standings`): "gedeeld 3e", never a silent id
order. Each entry says which criterion put it after the one above it when the first criterion
was equal (``decided_by``). Sentences are built from each entry's facts: two entries of one
ranking read the same only when their facts are the same.

>>> from graph.analytics.common import example_graph, short_id
>>> r = brokers(example_graph("en"), "dom-gezondheid", "dom-wonen")
>>> [(b.place, short_id(b.id), b.key) for b in r.players]
[(1, 'ot-gemeente', {'work': 3, 'cases': 1, 'domains': 2}),
 (2, 'ot-woningcorporatie', {'work': 2, 'cases': 1, 'domains': 2})]
>>> print(r.players[1].text["nl"])  # doctest: +NORMALIZE_WHITESPACE
Doet mee aan 1 oplossing die gezondheid en wonen verbindt: 'convenant gegevensdeling';
daarnaast aan 1 praktijkvoorbeeld dat beide kanten verbindt: 'Convenant in West'. Bereikt zo
beide domeinen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from graph.analytics.advice import (ORDER, RankedSolution, join_names, rank_solutions,
                                    resolve_side, side_name)
from graph.analytics.common import both, count, parse_kind
from graph.analytics.projection import ORG_CLASSIFICATION, nodes_of_kind, out_index
from graph.analytics.views import side_domains, solution_domain_graph

__all__ = ["BROKER_ORDER", "CRITERIA", "Standing", "Broker", "SideRanking", "brokers",
           "standings", "ordinal"]

#: how organisation types between two sides are ordered (nl, en)
BROKER_ORDER = both(
    "Volgorde: eerst het aantal oplossingen en praktijkvoorbeelden die beide kanten verbinden "
    "en waaraan het organisatietype meedoet; bij gelijke stand het aantal "
    "praktijkvoorbeelden daaronder; dan het aantal domeinen van beide kanten dat het zo "
    "bereikt. Wie dan nog "
    "gelijk staat, deelt een plaats. Een oplossing verbindt beide kanten als de bron haar een "
    "brug noemt tussen een domein van elke kant, of als ten minste de helft van de "
    "belemmeringen die ze aanpakt een domein van elke kant raakt (afgeleid); een "
    "praktijkvoorbeeld als het zo'n oplossing toepast of een belemmering aanpakt die beide "
    "kanten raakt.",
    "Order: first the number of solutions and practice cases that join both sides and in "
    "which the organisation type takes part; on a tie, the number of practice cases among "
    "them; then the number of domains of both sides it reaches this way. Whoever is still equal "
    "shares a place. A solution joins both sides when its source calls it a bridge between a "
    "domain of each side, or when at least half of the obstacles it addresses affect a domain "
    "of each side (derived); a practice case when it applies such a solution or tackles an "
    "obstacle that affects both sides.")

#: each ranking criterion in words, as "ahead by …" (nl, en)
CRITERIA = {
    "work": both("meer gezamenlijk werk", "more joint work"),
    "domains": both("meer domeinen bereikt", "more domains reached"),
    "cases": both("meer praktijkvoorbeelden", "more practice cases"),
    "basis": both("genoemd én afgeleid", "stated and derived"),
    "both": both("meer belemmeringen aan beide kanten", "more obstacles on both sides"),
    "either": both("meer belemmeringen aan een van beide kanten",
                   "more obstacles on one of the sides"),
    "addresses": both("meer gekozen belemmeringen", "more chosen obstacles"),
    "here": both("praktijk in het gekozen gebied", "practice in the chosen area"),
    "evidence": both("sterker bewijs", "stronger evidence"),
    "decision": both("lager beslisniveau (sneller te beginnen)",
                     "lower decision level (quicker to start)"),
    "effort": both("minder inspanning", "less effort"),
    "betweenness": both("vaker op de kortste verbinding tussen anderen",
                        "more often on the shortest link between others"),
    "effective_size": both("meer partners die elkaar niet kennen",
                           "more partners who do not know each other"),
    "constraint": both("minder afhankelijk van één groep", "less tied to one group"),
    "reach": both("breder bereik", "wider reach"),
    "pagerank": both("centraler in het hele netwerk", "more central in the whole network"),
}


@dataclass(frozen=True)
class Standing:
    """A place in a ranking: ``place`` (equal keys share the place of the first of them),
    ``shared`` (another entry has the same place) and ``decided_by`` (the criterion that put
    this entry after the one above it, when they were equal on the first criterion)."""

    place: int
    shared: bool
    decided_by: str | None


def standings(keys: list[dict]) -> list[Standing]:
    """The places of entries already sorted best first by their ``keys`` (criterion → value,
    in the order of the ranking): equal keys share a place ("1, 2, 2, 4").

    >>> [(s.place, s.shared, s.decided_by) for s in standings(
    ...     [{"a": 3, "b": 1}, {"a": 2, "b": 5}, {"a": 2, "b": 4}, {"a": 2, "b": 4}])]
    [(1, False, None), (2, False, None), (3, True, 'b'), (3, True, None)]
    """
    out: list[Standing] = []
    for i, key in enumerate(keys):
        prev = keys[i - 1] if i else None
        nxt = keys[i + 1] if i + 1 < len(keys) else None
        same_prev = prev is not None and list(prev.values()) == list(key.values())
        place = out[-1].place if same_prev else i + 1
        first = next(iter(key), None)
        decided = None
        if prev is not None and not same_prev and first is not None \
                and prev.get(first) == key.get(first):
            decided = next((k for k in key if prev.get(k) != key[k]), None)
        shared = same_prev or (nxt is not None and list(nxt.values()) == list(key.values()))
        out.append(Standing(place, shared, decided))
    return out


def ordinal(place: int, lang: str, shared: bool = False) -> str:
    """A place as people write it: '3', or shared 'gedeeld 3e' / 'joint 3rd'.

    >>> ordinal(3, "nl"), ordinal(3, "nl", True), ordinal(2, "en", True), ordinal(12, "en", True)
    ('3', 'gedeeld 3e', 'joint 2nd', 'joint 12th')
    """
    if not shared:
        return str(place)
    if lang == "nl":
        return f"gedeeld {place}e"
    tail = "th" if 10 <= place % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(place % 10, "th")
    return f"joint {place}{tail}"


@dataclass(frozen=True)
class Broker:
    """One entry of a :class:`SideRanking`: its place, the facts behind it and the sentence
    built from them (nl, en). For organisation types ``solutions`` and ``cases`` are the joint
    work it takes part in (solutions in the one ranking's order), ``domains`` the domains of
    both sides it reaches; for solutions ``ranked`` is the entry of the one ranking."""

    place: int
    shared: bool
    decided_by: str | None
    id: str
    kind: str
    label: str
    key: dict[str, int]
    solutions: tuple[str, ...]
    cases: tuple[str, ...]
    domains: tuple[str, ...]
    text: dict[str, str]
    ranked: RankedSolution | None = None

    @property
    def facts(self) -> tuple:
        """What the sentence is built from (equal facts, equal sentence)."""
        if self.ranked is not None:
            return self.ranked.facts
        return (self.solutions, self.cases, self.domains)


@dataclass(frozen=True)
class SideRanking:
    """:func:`brokers`: who connects ``sides`` (two domains or domain groups), best first,
    with how they are ordered (``order``, nl and en)."""

    sides: tuple[str, str]
    side_domains: tuple[tuple[str, ...], tuple[str, ...]]
    kind: str
    players: list[Broker]
    order: dict[str, str]


def brokers(G: nx.MultiDiGraph, side_a: str, side_b: str, kind: str = "organisation_type",
            top: int | None = None, lang: str | None = None) -> SideRanking:
    """Who connects two sides, best first, each with a sentence that says why.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    side_a, side_b : str
        Two domains or domain groups (ids, IRIs or labels), without a domain in common.
    kind : str
        ``organisation_type`` or ``solution`` (Dutch or English, singular or plural).
    top : int, optional
        Only the first ``top`` entries (entries sharing the last place are kept).
    lang : {"nl", "en"}, optional
        Language of ``label``; sentences come in both.

    Returns
    -------
    SideRanking

    Raises
    ------
    ontology.UnknownIdError
        A side that names no domain or domain group.
    ontology.InputError
        The same side twice, or two sides that share a domain.
    ValueError
        Another kind.

    Examples
    --------
    >>> from graph.analytics.common import example_graph, short_id
    >>> r = brokers(example_graph("en"), "health", "housing", "solutions")
    >>> [(b.place, short_id(b.id), b.decided_by) for b in r.players]
    [(1, 'S01', None), (2, 'S02', None)]
    """
    kind = parse_kind(kind)
    if kind not in {"organisation_type", "solution"}:
        raise ValueError(f"no brokers of kind {kind!r}: use organisation_type or solution")
    ranked = rank_solutions(G, domains=(side_a, side_b), lang=lang)
    a, b = resolve_side(G, side_a), resolve_side(G, side_b)
    members = (tuple(side_domains(G, a)), tuple(side_domains(G, b)))
    if kind == "solution":
        marks = standings([r.key for r in ranked])
        players = [Broker(m.place, m.shared, m.decided_by, r.solution, kind, r.label, r.key,
                          (), tuple(r.cases), (), r.reason, r)
                   for m, r in zip(marks, ranked)]
        order = ORDER
    else:
        players = _types(G, (a, b), members, ranked, lang or G.graph.get("lang") or "nl")
        order = BROKER_ORDER
    if top is not None and len(players) > top:
        last = players[top - 1].place
        players = [p for p in players if p.place <= last]
    return SideRanking((a, b), members, kind, players, order)


def _types(G, sides, members, ranked: list[RankedSolution], lang: str) -> list[Broker]:
    """The organisation types between the sides (see :data:`BROKER_ORDER`)."""
    reach = set(members[0]) | set(members[1])
    position = {r.solution: i for i, r in enumerate(ranked)}
    affects = out_index(G, "affectsDomain")

    def joins(o: str) -> bool:
        ds = set(affects.get(o, ()))
        return bool(ds & set(members[0])) and bool(ds & set(members[1]))

    B = solution_domain_graph(G)
    applies, tackles = out_index(G, "appliesSolution"), out_index(G, "tacklesObstacle")
    joint_cases = {c for c in nodes_of_kind(G, "case")
                   if any(s in position for s in applies.get(c, ()))
                   or any(joins(o) for o in tackles.get(c, ()))}
    takes_part: dict[str, set[str]] = {}
    for prop in ("involvesOrganisationType", "decidedBy"):
        for s, types in out_index(G, prop).items():
            if s in position:
                for t in types:
                    takes_part.setdefault(t, set()).add(s)
    classification = out_index(G, ORG_CLASSIFICATION)
    for prop in ("involvesOrganisation", "contactOrganisation"):
        for c, orgs in out_index(G, prop).items():
            if c in joint_cases:
                for o in orgs:
                    for t in classification.get(o, ()):
                        takes_part.setdefault(t, set()).add(c)
    rows = []
    for t in nodes_of_kind(G, "organisation_type"):
        work = takes_part.get(t, set())
        solutions = tuple(sorted((x for x in work if x in position), key=position.get))
        cases = tuple(sorted(x for x in work if x not in position))
        if not work:
            continue
        found = {d for s in solutions for d in B[s]}
        found |= {d for c in cases for o in tackles.get(c, ()) for d in affects.get(o, ())}
        found |= {d for c in cases for s in applies.get(c, ()) if s in B for d in B[s]}
        domains = tuple(sorted(found & reach, key=lambda d: G.nodes[d]["labels"][lang].lower()))
        key = {"work": len(solutions) + len(cases), "cases": len(cases),
               "domains": len(domains)}
        rows.append((tuple(-v for v in key.values()) + (t,), t, key, solutions, cases, domains))
    rows.sort(key=lambda r: r[0])
    texts = _unique([(r[3], r[4], r[5]) for r in rows],
                    lambda facts, limit: _type_text(G, sides, *facts, limit, len(reach)))
    marks = standings([r[2] for r in rows])
    return [Broker(m.place, m.shared, m.decided_by, t, "organisation_type",
                   G.nodes[t]["labels"][lang], key, solutions, cases, domains, text)
            for m, (_, t, key, solutions, cases, domains), text in zip(marks, rows, texts)]


def _unique(facts: list[tuple], make: Callable[[tuple, int | None], dict[str, str]],
            limit: int = 3) -> list[dict[str, str]]:
    """Sentences for ``facts``, naming ``limit`` examples; where two entries with different
    facts would read the same, their sentences name everything."""
    texts = [make(f, limit) for f in facts]
    seen: dict[tuple[str, str], set[tuple]] = {}
    for f, text in zip(facts, texts):
        seen.setdefault((text["nl"], text["en"]), set()).add(f)
    return [make(f, None) if len(seen[(text["nl"], text["en"])]) > 1 else text
            for f, text in zip(facts, texts)]


def _names(G, nodes, lg: str, limit: int | None) -> tuple[str, bool]:
    """('A', 'B' en 'C', all named?) for ``nodes``, the first ``limit`` of them."""
    shown = nodes if limit is None else nodes[:limit]
    quoted = [f"'{G.nodes[n]['labels'][lg]}'" for n in shown]
    return join_names(quoted, lg, limit=len(quoted)), len(shown) == len(nodes)


def _type_text(G, sides, solutions, cases, domains, limit, every) -> dict[str, str]:
    """The sentence for an organisation type between the sides, from its facts."""
    def listed(nodes, lg) -> str:
        names, every = _names(G, nodes, lg, limit)
        return (": " if every else (", zoals " if lg == "nl" else ", such as ")) + names

    def make(lg: str) -> str:
        da, db = (side_name(G, x, lg) for x in sides)
        n, m = len(solutions), len(cases)
        if lg == "nl":
            what = count(n, "oplossing", "oplossingen")
            where = count(m, "praktijkvoorbeeld", "praktijkvoorbeelden")
            join = "verbindt" if n == 1 else "verbinden"
            if solutions:
                text = f"Doet mee aan {what} die {da} en {db} {join}{listed(solutions, lg)}"
                text += ((f"; daarnaast aan {where} "
                          f"{'dat' if m == 1 else 'die'} beide kanten "
                          f"{'verbindt' if m == 1 else 'verbinden'}{listed(cases, lg)}.")
                         if cases else "; nog geen praktijkvoorbeeld dat beide kanten "
                                       "verbindt.")
            else:
                text = (f"Doet mee aan {where} {'dat' if m == 1 else 'die'} {da} en {db} "
                        f"{'verbindt' if m == 1 else 'verbinden'}{listed(cases, lg)}, maar aan "
                        f"geen oplossing die dat doet.")
            tail = f" Bereikt zo {count(len(domains), 'domein', 'domeinen')}: {{}}."
        else:
            what = count(n, "solution", "solutions")
            where = count(m, "practice case", "practice cases")
            if solutions:
                text = (f"Takes part in {what} that {'bridges' if n == 1 else 'bridge'} {da} "
                        f"and {db}{listed(solutions, lg)}")
                text += ((f"; and in {where} that {'joins' if m == 1 else 'join'} both "
                          f"sides{listed(cases, lg)}.")
                         if cases else "; no practice case joining both sides yet.")
            else:
                text = (f"Takes part in {where} that {'joins' if m == 1 else 'join'} {da} and "
                        f"{db}{listed(cases, lg)}, but in no solution that does.")
            tail = f" Reaches {count(len(domains), 'domain', 'domains')} this way: {{}}."
        if len(domains) == every == 2:
            text += " Bereikt zo beide domeinen." if lg == "nl" else " Reaches both domains."
        elif len(domains) == every > 2:
            text += (f" Bereikt zo alle {every} domeinen van beide kanten." if lg == "nl" else
                     f" Reaches all {every} domains of both sides this way.")
        elif domains:
            text += tail.format(join_names([G.nodes[d]["labels"][lg] for d in domains], lg,
                                           limit=len(domains)))
        return text
    return both(make("nl"), make("en"))
