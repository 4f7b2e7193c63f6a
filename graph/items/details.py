"""What an obstacle page and a solution page show, read from the store as plain data.

:func:`obstacle_details` and :func:`solution_details` return frozen dataclasses with every
label already in the asked language (falling back to the other one), so a page only lays them
out. The store is read through :mod:`graph.items.item` (SPARQL in ``graph/queries/*.rq``, the item
IRI a bound value, never pasted into the query text).

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> from pathlib import Path
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, [Path("tests/data/mini.ttl")])
>>> page = obstacle_details(store, "https://w3id.org/wijkgraaf/id/O01", "en")
>>> page.item.label, [d.label for d in page.domains]
('data may not be shared', ['health', 'housing'])
>>> [(s.item.notation, s.reason.split(";")[0]) for s in page.solutions]
[('S01', 'addresses this obstacle directly'), ('S02', 'addresses this obstacle directly')]
>>> solution_details(store, "https://w3id.org/wijkgraaf/id/S02").domains_derived[0].label
'gezondheid'
"""

from __future__ import annotations

from dataclasses import dataclass

from ontology import Message, UnknownIdError
from ontology.kinds import CLASS_KIND, noun
from ontology.vocab import DCT, ITEM_BASE, SKOS, WG
from graph.analytics import join_names
from graph.items.item import Item, Ref, incoming, item_ref, pick, read, short
from graph.store import Store

__all__ = ["Ref", "SourceRef", "LegalRef", "CaseRef", "SolutionSummary", "ObstacleDetails",
           "SolutionDetails", "obstacle_details", "solution_details", "legal_url"]

#: evidence levels from weakest to strongest (the rank counts in the ordering of solutions)
EVIDENCE_RANK = {ITEM_BASE + "ev-praktijkgebaseerd": 0, ITEM_BASE + "ev-goed-beschreven": 1,
                 ITEM_BASE + "ev-goed-onderbouwd": 2, ITEM_BASE + "ev-effectief": 3}


@dataclass(frozen=True)
class SourceRef:
    """A source: title, web address (empty if none), year and kind."""

    iri: str
    title: str
    url: str
    year: str = ""
    kind: str = ""


@dataclass(frozen=True)
class LegalRef:
    """A legal frame with its BWB id, article, status and a link to wetten.overheid.nl."""

    iri: str
    label: str
    bwb: str = ""
    article: str = ""
    status: str = ""
    url: str = ""
    definition: str = ""


@dataclass(frozen=True)
class CaseRef:
    """A practice case: where (area and CBS code), when, by whom, what it applied and got."""

    iri: str
    label: str
    definition: str = ""
    area: Ref | None = None
    year: str = ""
    outcome: str = ""
    organisations: tuple[Ref, ...] = ()
    contact: tuple[Ref, ...] = ()
    solutions: tuple[Ref, ...] = ()
    obstacles: tuple[Ref, ...] = ()
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class SolutionSummary:
    """A solution as listed on an obstacle page, with the reason for its place in the list."""

    item: Ref
    definition: str
    evidence: str
    effort: str
    implementation: str
    domains: tuple[Ref, ...]
    organisation_types: tuple[Ref, ...]
    n_cases: int
    requires_legal_change: bool
    escalation: bool
    score: float
    reason: str


@dataclass(frozen=True)
class ObstacleDetails:
    """Everything the obstacle page shows."""

    item: Ref
    definition: str
    example: str
    categories: tuple[Ref, ...]
    themes: tuple[Ref, ...]
    domains: tuple[Ref, ...]
    arises_between: tuple[Ref, ...]
    legal_frames: tuple[LegalRef, ...]
    solutions: tuple[SolutionSummary, ...]
    cases: tuple[CaseRef, ...]
    sources: tuple[SourceRef, ...]
    open_gap: bool = False
    uncertainty: str = ""


@dataclass(frozen=True)
class SolutionDetails:
    """Everything the solution page shows."""

    item: Ref
    definition: str
    how_to_start: str
    obstacles: tuple[Ref, ...]
    domains_stated: tuple[Ref, ...]
    domains_derived: tuple[Ref, ...]
    organisation_types: tuple[Ref, ...]
    decided_by: tuple[Ref, ...]
    legal_basis: tuple[LegalRef, ...]
    evidence: str
    effort: str
    time_horizon: str
    decision_level: str
    implementation: str
    requires_legal_change: bool | None
    escalation: bool
    programmes: tuple[Ref, ...]
    themes: tuple[Ref, ...]
    cases: tuple[CaseRef, ...]
    related: tuple[Ref, ...]
    sources: tuple[SourceRef, ...]
    uncertainty: str = ""


def _exists(item: Item, kind: str) -> None:
    if WG + kind not in item.types:
        kind_name = CLASS_KIND.get(WG + kind, kind)
        raise UnknownIdError(short(item.iri), what=Message.pair(noun(kind_name, "nl"),
                                                                kind.lower()))


def legal_url(bwb: str) -> str:
    """The wetten.overheid.nl address of a law by its BWB id (empty for no id).

    >>> legal_url("BWBR0035362")
    'https://wetten.overheid.nl/BWBR0035362'
    """
    return f"https://wetten.overheid.nl/{bwb}" if bwb.startswith("BWB") else ""


def _sources(store: Store, iris: list[str], lang: str) -> tuple[SourceRef, ...]:
    out = []
    for iri in dict.fromkeys(iris):
        src = read(store, iri)
        title = src.get(DCT + "title", lang) or src.get(SKOS + "prefLabel", lang) or iri
        web = iri.startswith(("http://", "https://")) and not iri.startswith(ITEM_BASE)
        url = iri if web else ""
        if not url:
            for pred in (DCT + "identifier", "http://xmlns.com/foaf/0.1/page"):
                url = url or next(iter(src.links.get(pred, [])), "")
        year = (src.get(DCT + "issued", lang) or src.get(DCT + "date", lang))[:4]
        out.append(SourceRef(iri, title, url, year, src.label_of(WG + "sourceType", lang)))
    return tuple(sorted(out, key=lambda s: s.title.lower()))


def _legal(store: Store, iris: list[str], lang: str) -> tuple[LegalRef, ...]:
    out = []
    for iri in dict.fromkeys(iris):
        frame = read(store, iri)
        bwb = frame.get(WG + "bwbId", lang)
        label = frame.get(SKOS + "prefLabel", lang) or short(iri)
        if not bwb:
            for law in frame.links.get(WG + "partOfLaw", []):
                bwb = bwb or read(store, law).get(WG + "bwbId", lang)
        out.append(LegalRef(iri, label, bwb, frame.get(WG + "article", lang),
                            frame.label_of(WG + "legalStatus", lang), legal_url(bwb),
                            frame.get(SKOS + "definition", lang)))
    return tuple(sorted(out, key=lambda r: r.label.lower()))


def _case(store: Store, iri: str, lang: str) -> CaseRef:
    case = read(store, iri)
    areas = case.refs(WG + "inArea", lang)
    return CaseRef(
        iri, case.get(SKOS + "prefLabel", lang) or short(iri), case.get(SKOS + "definition", lang),
        areas[0] if areas else None, case.get(WG + "startYear", lang)[:4],
        case.get(WG + "outcome", lang), case.refs(WG + "involvesOrganisation", lang),
        case.refs(WG + "contactOrganisation", lang), case.refs(WG + "appliesSolution", lang),
        case.refs(WG + "tacklesObstacle", lang),
        _sources(store, case.links.get(DCT + "source", []), lang))


def _cases(store: Store, iris, lang: str) -> tuple[CaseRef, ...]:
    cases = [_case(store, i, lang) for i in dict.fromkeys(iris)]
    return tuple(sorted(cases, key=lambda c: (c.year or "9999", c.label.lower())))


# -- the obstacle page ----------------------------------------------------------------------

_TEXT = {
    "nl": {"direct": "pakt deze belemmering direct aan",
           "bridges": "verbindt {d}", "evidence": "bewijsniveau {e}",
           "cases": "{n} praktijkvoorbeelden", "cases_one": "1 praktijkvoorbeeld",
           "local": "lokaal uit te voeren",
           "law": "vraagt een wetswijziging of ontheffing", "escalation": "escalatieroute",
           "effort": "inspanning {e}"},
    "en": {"direct": "addresses this obstacle directly",
           "bridges": "bridges {d}", "evidence": "evidence level {e}",
           "cases": "{n} practice cases", "cases_one": "1 practice case",
           "local": "can be done locally",
           "law": "needs a change in the law or an exemption", "escalation": "escalation route",
           "effort": "effort {e}"},
}


def _summary(store: Store, iri: str, domains: set[str], lang: str) -> SolutionSummary:
    sol = read(store, iri)
    words = _TEXT[lang]
    shared = [r for r in sol.refs(WG + "bridgesDomain", lang) if r.iri in domains]
    evidence_iri = next(iter(sol.links.get(WG + "evidenceLevel", [])), "")
    n_cases = len(incoming(store, iri).get(WG + "appliesSolution", {}))
    legal_change = bool(sol.flag(WG + "requiresLegalChange"))
    escalation = bool(sol.flag(WG + "isEscalationRoute"))
    local = ITEM_BASE + "niveau-lokaal" in sol.links.get(WG + "implementationLevel", [])
    effort = sol.label_of(WG + "effort", lang)
    reasons = [words["direct"]]
    if len(shared) >= 2:
        reasons.append(words["bridges"].format(d=join_names([r.label for r in shared], lang,
                                                            limit=len(shared))))
    if evidence_iri:
        reasons.append(words["evidence"].format(e=sol.label_of(WG + "evidenceLevel", lang)))
    if n_cases:
        reasons.append(words["cases_one" if n_cases == 1 else "cases"].format(n=n_cases))
    if legal_change:
        reasons.append(words["law"])
    elif local:
        reasons.append(words["local"])
    if escalation:
        reasons.append(words["escalation"])
    if effort:
        reasons.append(words["effort"].format(e=effort))
    effort_iri = next(iter(sol.links.get(WG + "effort", [])), "")
    score = (2.0 * len(shared) + 1.5 * EVIDENCE_RANK.get(evidence_iri, 0) + min(n_cases, 3)
             + (1.0 if local and not legal_change else 0.0) - (2.0 if legal_change else 0.0)
             - (0.5 if effort_iri.endswith("hoog") else 0.0))
    return SolutionSummary(
        item_ref(sol, lang), sol.get(SKOS + "definition", lang),
        sol.label_of(WG + "evidenceLevel", lang), effort,
        sol.label_of(WG + "implementationLevel", lang), sol.refs(WG + "bridgesDomain", lang),
        sol.refs(WG + "involvesOrganisationType", lang), n_cases, legal_change, escalation,
        round(score, 2), "; ".join(reasons))


def obstacle_details(store: Store, iri: str, lang: str = "nl") -> ObstacleDetails:
    """The data of the obstacle page for ``iri``; solutions ranked, each with its reason.

    Raises :class:`~ontology.UnknownIdError` if ``iri`` is not an obstacle.
    """
    item = read(store, iri)
    _exists(item, "Obstacle")
    links_in = incoming(store, iri)
    solution_iris = list(dict.fromkeys([*item.links.get(WG + "addressedBy", []),
                                        *links_in.get(WG + "addresses", {})]))
    domains = set(item.links.get(WG + "affectsDomain", []))
    solutions = sorted((_summary(store, s, domains, lang) for s in solution_iris),
                       key=lambda s: (-s.score, s.item.label.lower()))
    case_iris = list(links_in.get(WG + "tacklesObstacle", {}))
    return ObstacleDetails(
        item=item_ref(item, lang),
        definition=item.get(SKOS + "definition", lang),
        example=item.get(SKOS + "example", lang),
        categories=item.refs(WG + "hasCategory", lang),
        themes=item.refs(WG + "hasTheme", lang),
        domains=item.refs(WG + "affectsDomain", lang),
        arises_between=item.refs(WG + "arisesBetween", lang),
        legal_frames=_legal(store, item.links.get(WG + "arisesFrom", []), lang),
        solutions=tuple(solutions),
        cases=_cases(store, case_iris, lang),
        sources=_sources(store, item.links.get(DCT + "source", []), lang),
        open_gap=bool(item.flag(WG + "openGap")),
        uncertainty=item.get(WG + "uncertaintyNote", lang),
    )


# -- the solution page ----------------------------------------------------------------------

def solution_details(store: Store, iri: str, lang: str = "nl") -> SolutionDetails:
    """The data of the solution page for ``iri``.

    Derived domains are those of the obstacles the solution addresses that it does not state
    itself. Raises :class:`~ontology.UnknownIdError` if ``iri`` is not a solution.
    """
    item = read(store, iri)
    _exists(item, "Solution")
    links_in = incoming(store, iri)
    obstacle_iris = list(dict.fromkeys([*item.links.get(WG + "addresses", []),
                                        *links_in.get(WG + "addressedBy", {})]))
    obstacles = []
    derived: dict[str, Ref] = {}
    stated = item.refs(WG + "bridgesDomain", lang)
    stated_iris = {r.iri for r in stated}
    for o in obstacle_iris:
        obstacle = read(store, o)
        obstacles.append(item_ref(obstacle, lang))
        for ref in obstacle.refs(WG + "affectsDomain", lang):
            if ref.iri not in stated_iris:
                derived.setdefault(ref.iri, ref)
    related = {r.iri: r for r in item.refs(WG + "relatedSolution", lang)}
    for s, labels in links_in.get(WG + "relatedSolution", {}).items():
        related.setdefault(s, Ref(s, pick(labels, lang) or short(s)))
    return SolutionDetails(
        item=item_ref(item, lang),
        definition=item.get(SKOS + "definition", lang),
        how_to_start=item.get(WG + "howToStart", lang),
        obstacles=tuple(sorted(obstacles, key=lambda r: r.label.lower())),
        domains_stated=stated,
        domains_derived=tuple(sorted(derived.values(), key=lambda r: r.label.lower())),
        organisation_types=item.refs(WG + "involvesOrganisationType", lang),
        decided_by=item.refs(WG + "decidedBy", lang),
        legal_basis=_legal(store, item.links.get(WG + "hasLegalBasis", []), lang),
        evidence=item.label_of(WG + "evidenceLevel", lang),
        effort=item.label_of(WG + "effort", lang),
        time_horizon=item.label_of(WG + "timeHorizon", lang),
        decision_level=item.label_of(WG + "decisionLevel", lang),
        implementation=item.label_of(WG + "implementationLevel", lang),
        requires_legal_change=item.flag(WG + "requiresLegalChange"),
        escalation=bool(item.flag(WG + "isEscalationRoute")),
        programmes=item.refs(WG + "supportedByProgramme", lang),
        themes=item.refs(WG + "hasTheme", lang),
        cases=_cases(store, links_in.get(WG + "appliesSolution", {}), lang),
        related=tuple(sorted(related.values(), key=lambda r: r.label.lower())),
        sources=_sources(store, item.links.get(DCT + "source", []), lang),
        uncertainty=item.get(WG + "uncertaintyNote", lang),
    )
