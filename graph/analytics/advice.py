"""One ranking for every list of solutions: for obstacles, for a pair of domains, for an agenda.

:func:`rank_solutions` ranks the solutions of a question — the obstacles chosen, or the two
domains to bridge, optionally in an area — by one key made of the solutions' own facts, and
gives its reasons as data (:class:`Reason`: a kind, the facts, a sentence in nl and en). The
order depends only on ids and numbers, never on a label or a language or the store's triple
order. The key, best first (:data:`ORDER` says it in words):

1. how much of the question it answers: the chosen obstacles it addresses; for a domain
   pair, stated *and* derived before stated before derived, then the obstacles it addresses
   that affect both domains, then either;
2. practice in the chosen area: applied in a case in it, then in its municipality;
3. evidence level (stronger first);
4. the number of practice cases in the knowledge base;
5. who decides: a professional can start it before management, before the board;
6. effort (lower first);
7. the id.

Reasons say what the item holds: which obstacles of the question it addresses (by name),
which others it addresses too, where it was applied, its evidence level, who decides and the
effort. Two solutions in one list share a reason text only when these facts are the same.

>>> from graph.analytics.common import example_graph, short_id
>>> ranked = rank_solutions(example_graph("en"), obstacles=["O01"])
>>> [(r.rank, short_id(r.solution)) for r in ranked]
[(1, 'S01'), (2, 'S02')]
>>> print(ranked[0].reason["en"])  # doctest: +NORMALIZE_WHITESPACE
Also addresses no other obstacle. Applied in West (Utrecht): 'Covenant in West'. Evidence level:
well described. Who decides is not recorded. Effort: medium.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from ontology import InputError, Message, UnknownIdError
from graph.analytics.common import both, lang_of, resolve, resolve_many, term_label, term_rank
from graph.analytics.projection import in_index, out_index, short_id
from graph.analytics.views import side_bridges, side_domains

__all__ = ["ORDER", "Reason", "RankedSolution", "rank_solutions", "pair_answer", "place",
           "ancestors", "join_names", "resolve_side", "side_name"]

#: the ranking key in words (nl, en), in order
ORDER = both(
    "Volgorde: eerst wat het meest van de vraag beantwoordt (gekozen belemmeringen, of voor "
    "een domeinpaar: genoemd én afgeleid, dan belemmeringen die beide domeinen raken), dan "
    "praktijk in het gekozen gebied, dan bewijsniveau, dan het aantal praktijkvoorbeelden, dan "
    "wie besluit (een professional kan zelf beginnen), dan inspanning (laag eerst), dan het id.",
    "Order: first what answers most of the question (chosen obstacles, or for a domain pair: "
    "stated and derived, then obstacles affecting both domains), then practice in the chosen "
    "area, then evidence level, then the number of practice cases, then who decides (a "
    "professional can start it), then effort (low first), then the id.")

_EFFORT_DEFAULT = 2
_DECISION_UNKNOWN = 9
#: decision level (its notation) → how the reason says it
_DECIDES = {1: both("Een professional kan zelf beginnen", "A professional can start it"),
            2: both("Besluit op managementniveau", "Decided at management level"),
            3: both("Besluit op bestuursniveau", "Decided at board level"),
            _DECISION_UNKNOWN: both("Wie besluit, is niet vastgelegd",
                                    "Who decides is not recorded")}


@dataclass(frozen=True)
class Reason:
    """One fact behind a solution's place: ``kind`` (``addresses``, ``also``, ``bridges``,
    ``applied``, ``evidence``, ``decides``, ``effort``), the ``facts`` (ids and values) and
    the sentence in nl and en."""

    kind: str
    facts: tuple
    text: dict[str, str]


@dataclass(frozen=True)
class RankedSolution:
    """A solution in a ranked list: its facts, the key it was ranked by, and its reasons."""

    rank: int
    solution: str
    label: str
    addresses: list[str]
    also: list[str]
    cases: list[str]
    places: list[str]
    evidence: str | None
    decision_level: str | None
    decided_by: list[str]
    effort: str | None
    key: dict[str, int]
    reasons: list[Reason]
    stated: bool | None = None
    derived: bool | None = None
    obstacles_both: list[str] = field(default_factory=list)
    obstacles_either: list[str] = field(default_factory=list)
    place: str | None = None

    @property
    def reason(self) -> dict[str, str]:
        """All reasons as one text per language."""
        return {lg: " ".join(r.text[lg] for r in self.reasons) for lg in ("nl", "en")}

    @property
    def facts(self) -> tuple:
        """The facts the reasons are built from (equal facts, equal reason text)."""
        return tuple(r.facts for r in self.reasons)


def join_names(names: list[str], lang: str, limit: int = 3) -> str:
    """Names as a phrase: 'A, B en C'; beyond ``limit``, 'A, B, C en 2 andere'.

    >>> join_names(["a", "b", "c"], "nl"), join_names(["a", "b"], "en")
    ('a, b en c', 'a and b')
    >>> join_names(list("abcde"), "en")
    'a, b, c and 2 others'
    """
    word = "en" if lang == "nl" else "and"
    if len(names) > limit:
        rest = len(names) - limit
        other = ("andere" if lang == "nl" else "others") if rest > 1 else (
            "andere" if lang == "nl" else "other")
        names = names[:limit] + [f"{rest} {other}"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {word} " + names[-1]


def resolve_side(G: nx.MultiDiGraph, value: str) -> str:
    """The domain, or else the domain group (such as the social domain), that ``value``
    names; :class:`~ontology.UnknownIdError` (about domains) when it names neither.

    >>> from graph.analytics.common import example_graph, short_id
    >>> G = example_graph("en")
    >>> short_id(resolve_side(G, "housing")), short_id(resolve_side(G, "sociaal domein"))
    ('dom-wonen', 'sociaal-domein')
    """
    try:
        return resolve(G, value, "domain")
    except UnknownIdError as error:
        try:
            return resolve(G, value, "domain_group")
        except UnknownIdError:
            raise error from None


def side_name(G: nx.MultiDiGraph, node: str, lang: str) -> str:
    """A side as a phrase: a domain by its label, a domain group with its article
    ('het sociaal domein', 'the social domain').

    >>> from graph.analytics.common import example_graph, iri
    >>> side_name(example_graph(), iri("sociaal-domein"), "nl"), side_name(
    ...     example_graph(), iri("dom-wonen"), "en")
    ('het sociaal domein', 'housing')
    """
    label = G.nodes[node]["labels"][lang]
    if G.nodes[node]["kind"] != "domain_group":
        return label
    return ("het " if lang == "nl" else "the ") + label


def ancestors(G: nx.MultiDiGraph, area: str) -> list[str]:
    """The areas ``area`` lies in (wg:partOfArea, transitively), nearest first."""
    parents, seen, todo = out_index(G, "partOfArea"), [], [area]
    while todo:
        for p in parents.get(todo.pop(0), ()):
            if p not in seen:
                seen.append(p)
                todo.append(p)
    return seen


def place(G: nx.MultiDiGraph, s: str, area: str | None) -> tuple[str | None, str | None]:
    """("in" | "near" | None, the case that shows it) for solution ``s`` and ``area``: a case
    in the area (or inside it) is "in", one elsewhere in the same municipality is "near"."""
    if area is None:
        return None, None
    up = ancestors(G, area)
    best: tuple[str | None, str | None] = (None, None)
    in_area = out_index(G, "inArea")
    for case in sorted(in_index(G, "appliesSolution").get(s, ())):
        for x in sorted(in_area.get(case, ())):
            x_up = ancestors(G, x)
            if x == area or area in x_up:
                return "in", case
            if best[0] is None and (x in up or set(x_up) & set(up)):
                best = ("near", case)
    return best


def _where(G: nx.MultiDiGraph, area: str, lang: str) -> str:
    """An area with its municipality: 'Wijk 03 Overvecht (Utrecht)'."""
    label = G.nodes[area]["labels"][lang]
    up = [a for a in ancestors(G, area) if a in G]
    return f"{label} ({G.nodes[up[0]]['labels'][lang]})" if up else label


def _places(G: nx.MultiDiGraph, cases: list[str], lang: str) -> list[str]:
    """The municipalities (else areas) of ``cases``, as names, each once, sorted by id."""
    in_area = out_index(G, "inArea")
    found: dict[str, str] = {}
    for c in cases:
        for a in in_area.get(c, ()):
            up = ancestors(G, a)
            top = up[-1] if up else a
            found.setdefault(top, _where(G, a, lang) if len(in_area.get(c, ())) == 1 and up
                             and len(cases) == 1 else G.nodes[top]["labels"][lang])
    return [found[k] for k in sorted(found)]


def _q(G, nodes, lang) -> list[str]:
    return [f"'{G.nodes[n]['labels'][lang]}'" for n in nodes]


def _texts(make) -> dict[str, str]:
    return both(make("nl"), make("en"))


def _reasons(G, s, ctx, facts) -> list[Reason]:
    """The reasons of solution ``s`` in a question ``ctx``, from its ``facts``."""
    out = []
    chosen, pair = ctx["chosen"], ctx["pair"]
    if pair:
        a, b = pair
        both_, either = facts["both"], facts["either"]
        if both_:
            def make(lg):
                da, db = (side_name(G, x, lg) for x in pair)
                names = join_names(_q(G, both_, lg), lg)
                if lg == "nl":
                    verb = "raakt" if len(both_) == 1 else "raken"
                    return f"Pakt {names} aan, die {da} en {db} allebei {verb}."
                verb = "affects" if len(both_) == 1 else "affect"
                return f"Addresses {names}, which {verb} both {da} and {db}."
            out.append(Reason("addresses", ("both", *both_), _texts(make)))
        else:
            one_side = [o for o in either if o not in both_]

            def make(lg):
                da, db = (side_name(G, x, lg) for x in pair)
                tail = (f" Pakt wel {join_names(_q(G, one_side, lg), lg)} aan, in één van "
                        f"beide." if lg == "nl" else
                        f" It does address {join_names(_q(G, one_side, lg), lg)}, in one of "
                        f"them.") if one_side else ""
                return (f"De bron noemt haar een brug tussen {da} en {db}; geen belemmering "
                        f"die ze aanpakt raakt beide.{tail}" if lg == "nl" else
                        f"Its source calls it a bridge between {da} and {db}; no obstacle it "
                        f"addresses affects both.{tail}")
            out.append(Reason("bridges", ("stated", *one_side), _texts(make)))
        if facts["stated"] and not facts["derived"] and both_:
            out.append(Reason("bridges", ("stated-only",), both(
                "Genoemd door de bron, niet af te leiden uit wat ze aanpakt.",
                "Stated by its source, not borne out by what it addresses.")))
        elif facts["derived"] and not facts["stated"]:
            out.append(Reason("bridges", ("derived-only",), both(
                "Afgeleid uit de belemmeringen die ze aanpakt; de bron noemt het niet.",
                "Derived from the obstacles it addresses; its source does not say so.")))
    elif len(chosen) > 1:
        hits = facts["hits"]

        def make(lg):
            names = join_names(_q(G, hits, lg), lg)
            return (f"Pakt {names} aan ({len(hits)} van de {len(chosen)} gekozen)."
                    if lg == "nl" else
                    f"Addresses {names} ({len(hits)} of the {len(chosen)} chosen).")
        out.append(Reason("addresses", tuple(hits), _texts(make)))
    also = facts["also"]
    if not pair:
        def make(lg):
            if not also:
                return ("Pakt verder geen andere belemmering aan." if lg == "nl" else
                        "Also addresses no other obstacle.")
            names = join_names(_q(G, also, lg), lg, limit=2)
            return f"Pakt ook {names} aan." if lg == "nl" else f"Also addresses {names}."
        out.append(Reason("also", tuple(also), _texts(make)))
    cases, where, case = facts["cases"], facts["place"], facts["case"]

    def applied(lg):
        if where:
            here = (("in dit gebied" if where == "in" else "in dezelfde gemeente") if lg == "nl"
                    else ("in this area" if where == "in" else "in the same municipality"))
            return (f"Al toegepast {here}: '{G.nodes[case]['labels'][lg]}'." if lg == "nl" else
                    f"Already applied {here}: '{G.nodes[case]['labels'][lg]}'.")
        if not cases:
            return ("Nog geen praktijkvoorbeeld in de kennisbank." if lg == "nl" else
                    "No practice case in the knowledge base yet.")
        names = join_names(_places(G, cases, lg), lg)
        n = len(cases)
        if n == 1:  # name the one case: the place alone would read the same for two solutions
            one = G.nodes[cases[0]]["labels"][lg]
            return (f"Toegepast in {names}: '{one}'." if lg == "nl" else
                    f"Applied in {names}: '{one}'.")
        return (f"Toegepast in {names} ({n} praktijkvoorbeeld{'en' if n != 1 else ''})."
                if lg == "nl" else
                f"Applied in {names} ({n} practice case{'s' if n != 1 else ''}).")
    out.append(Reason("applied", (where, case, *cases), _texts(applied)))
    ev = facts["evidence"]
    out.append(Reason("evidence", (ev,), _texts(
        lambda lg: (f"Bewijsniveau: {term_label(G, ev, lg)}." if lg == "nl" else
                    f"Evidence level: {term_label(G, ev, lg)}.") if ev and term_rank(G, ev) else
        ("Bewijsniveau nog niet vastgesteld." if lg == "nl" else
         "Evidence level not established yet."))))
    level, deciders = facts["decision"], facts["decided_by"]

    def decides(lg):
        who = join_names([G.nodes[t]["labels"][lg] for t in deciders], lg)
        rank = term_rank(G, level, _DECISION_UNKNOWN) if level else _DECISION_UNKNOWN
        if rank not in _DECIDES or rank == _DECISION_UNKNOWN:
            return ((f"Besluit door {who}." if lg == "nl" else f"Decided by {who}.") if who
                    else _DECIDES[_DECISION_UNKNOWN][lg] + ".")
        text = _DECIDES[rank][lg]
        if who:
            text += (f", door {who}" if lg == "nl" else f", by {who}")
        return text + "."
    out.append(Reason("decides", (level, *deciders), _texts(decides)))
    effort = facts["effort"]
    out.append(Reason("effort", (effort,), _texts(
        lambda lg: (f"Inspanning: {term_label(G, effort, lg)}." if lg == "nl" else
                    f"Effort: {term_label(G, effort, lg)}.") if effort else
        ("Inspanning niet vastgelegd." if lg == "nl" else "Effort not recorded."))))
    return out


def pair_answer(stated: bool, derived: bool, both: int, either: int) -> dict[str, int]:
    """The first part of the key for a domain pair, how much of the question a solution
    answers: ``basis`` (stated and derived 4, stated 2, derived 1), then the number of
    obstacles it addresses that affect both sides, then either side (higher first).

    >>> pair_answer(True, True, 2, 3), pair_answer(False, True, 1, 1)["basis"]
    ({'basis': 4, 'both': 2, 'either': 3}, 1)
    """
    return {"basis": 2 * stated + derived + stated * derived, "both": both, "either": either}


def rank_solutions(G: nx.MultiDiGraph, obstacles: Iterable[str] | str | None = None,
                   domains: tuple[str, str] | None = None, area: str | None = None,
                   lang: str | None = None, candidates: Iterable[str] | None = None,
                   top: int | None = None) -> list[RankedSolution]:
    """The solutions of one question, best first, each with its reasons as data.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projection.
    obstacles : iterable of str, or str, optional
        The chosen obstacles (ids, IRIs, notations or labels): the solutions that address any.
    domains : (str, str), optional
        Two domains instead: the solutions that bridge them (stated or derived, as
        :func:`graph.analytics.bridges.bridge_matrix` says). Either may be a domain group
        (such as the social and the physical domain): its domains form one side
        (:func:`graph.analytics.views.side_bridges`); the two sides share no domain.
    area : str, optional
        An area (id, CBS code, name): practice in it and its municipality counts.
    lang : {"nl", "en"}, optional
        Language of ``label``; reasons come in both.
    candidates : iterable of str, optional
        Rank only these solutions (IRIs), e.g. a filtered cell of the bridge map.
    top : int, optional
        Only the first ``top``.

    Returns
    -------
    list of RankedSolution

    Raises
    ------
    ontology.UnknownIdError
        An unknown obstacle, domain or area.
    ontology.InputError
        Neither obstacles nor domains, both, no obstacle, or the same domain twice.

    Examples
    --------
    >>> from graph.analytics.common import example_graph, short_id
    >>> G = example_graph("en")
    >>> [short_id(r.solution) for r in rank_solutions(G, obstacles=["O01", "O02"])]
    ['S02', 'S01']
    >>> r = rank_solutions(G, domains=("wonen", "health"))
    >>> [(short_id(x.solution), x.stated, x.derived) for x in r]
    [('S01', True, True), ('S02', False, True)]
    >>> print(r[1].reasons[0].text["nl"])
    Pakt 'gegevens delen mag niet' aan, die wonen en gezondheid allebei raakt.
    """
    lang = lang_of(G, lang)
    if (obstacles is None) == (domains is None):
        raise InputError(Message("obstacles_or_domains"))
    where = resolve(G, area, "area") if area else None
    addresses, addressed_by = out_index(G, "addresses"), in_index(G, "addresses")
    affects = out_index(G, "affectsDomain")
    bridge_of: dict[str, tuple[bool, bool]] = {}
    pair = None
    chosen: list[str] = []
    if domains is not None:
        a, b = (resolve_side(G, d) for d in domains)
        if a == b:
            raise InputError(Message("two_different_domains", item=short_id(a)))
        pair = (a, b)
        members = {x: set(side_domains(G, x)) for x in pair}
        if members[a] & members[b]:
            raise InputError(Message("shared_domains", a=short_id(a), b=short_id(b)))
        bridge_of = side_bridges(G, members[a], members[b])
        pool = sorted(bridge_of)
    else:
        chosen = resolve_many(G, [obstacles] if isinstance(obstacles, str) else obstacles,
                              "obstacle")
        if not chosen:
            raise InputError(Message("one_obstacle"))
        pool = sorted({s for o in chosen for s in addressed_by.get(o, ())})
    if candidates is not None:
        keep = set(candidates)
        pool = [s for s in pool if s in keep]
    applied = in_index(G, "appliesSolution")
    decided = out_index(G, "decidedBy")
    ctx = {"chosen": chosen, "pair": pair}
    rows = []
    for s in pool:
        node = G.nodes[s]
        own = sorted(addresses.get(s, ()))
        facts = {"hits": [o for o in chosen if o in own],
                 "cases": sorted(applied.get(s, ())),
                 "evidence": node.get("evidenceLevel"), "decision": node.get("decisionLevel"),
                 "decided_by": sorted(decided.get(s, ())), "effort": node.get("effort"),
                 "stated": None, "derived": None, "both": [], "either": []}
        facts["place"], facts["case"] = place(G, s, where)
        if pair:
            hit = [(o, {x for x in pair if set(affects.get(o, ())) & members[x]})
                   for o in own]
            facts["both"] = [o for o, ds in hit if len(ds) == 2]
            facts["either"] = [o for o, ds in hit if ds]
            stated, derived = bridge_of[s]
            facts["stated"], facts["derived"] = stated, derived
            facts["also"] = [o for o in own if o not in facts["either"]]
            answer = pair_answer(stated, derived, len(facts["both"]), len(facts["either"]))
        else:
            facts["also"] = [o for o in own if o not in chosen]
            answer = {"addresses": len(facts["hits"])}
        key = {**answer,
               "here": {"in": 2, "near": 1, None: 0}[facts["place"]],
               "evidence": term_rank(G, facts["evidence"]),
               "cases": len(facts["cases"]),
               "decision": term_rank(G, facts["decision"], _DECISION_UNKNOWN)
               if facts["decision"] else _DECISION_UNKNOWN,
               "effort": term_rank(G, facts["effort"], _EFFORT_DEFAULT) or _EFFORT_DEFAULT}
        order = tuple(-v for k, v in answer.items()) + (
            -key["here"], -key["evidence"], -key["cases"], key["decision"], key["effort"], s)
        rows.append((order, s, facts, key))
    rows.sort(key=lambda r: r[0])
    rows = rows[:top] if top else rows
    return [RankedSolution(
        i, s, G.nodes[s]["labels"][lang], facts["hits"] if not pair else facts["both"],
        facts["also"], facts["cases"], _places(G, facts["cases"], lang), facts["evidence"],
        facts["decision"], facts["decided_by"], facts["effort"], key,
        _reasons(G, s, ctx, facts), facts["stated"], facts["derived"], facts["both"],
        facts["either"], facts["place"])
        for i, (_, s, facts, key) in enumerate(rows, 1)]

