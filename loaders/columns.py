"""The spreadsheet layout: one sheet (or CSV file) per kind, with documented columns.

Each column has a Dutch and an English header (both accepted on import), the predicate it
fills and how a cell is read. List cells hold several values separated by ``;``. References
may name an item by id (``O08``, ``dom-wonen``) or by its Dutch or English label.
"""

from __future__ import annotations

from dataclasses import dataclass
from ontology.vocab import DCT, ORG, SKOS, WG

__all__ = ["Column", "Kind", "KINDS", "kind_for_name"]



@dataclass(frozen=True)
class Column:
    """One column: headers, predicate, cell type, whether required, and a help text (nl, en).

    Cell types: ``id``; ``text@nl``/``text@en`` (one text); ``texts@nl``/``texts@en`` (list);
    ``ref:<Class>`` (list of references to items of that class); ``source`` (list of source
    IRIs or ids); ``string``; ``bool``; ``date``; ``year``; ``date|year``.
    """

    nl: str
    en: str
    predicate: str
    cell: str
    required: bool = False
    help_nl: str = ""
    help_en: str = ""


@dataclass(frozen=True)
class Kind:
    """A sheet: its names, the class its rows are, fixed extra types and scheme, its columns."""

    sheet_nl: str
    sheet_en: str
    cls: str
    columns: tuple[Column, ...]
    extra_types: tuple[str, ...] = ()
    scheme: str | None = None


def _common(notation: bool = False) -> tuple[Column, ...]:
    cols = [
        Column("id", "id", "", "id", True, "Korte id, zoals O08 of dom-wonen.",
               "Short id, such as O08 or dom-wonen."),
    ]
    if notation:
        cols.append(Column("code", "code", SKOS + "notation", "string", False,
                           "Code, zoals O08.", "Code, such as O08."))
    cols += [
        Column("naam", "name_en", SKOS + "prefLabel", "text@nl", True, "Naam in het Nederlands.",
               "Name in Dutch."),
        Column("naam_en", "name", SKOS + "prefLabel", "text@en", True, "Naam in het Engels.",
               "Name in English."),
        Column("andere_namen", "other_names_nl", SKOS + "altLabel", "texts@nl"),
        Column("andere_namen_en", "other_names", SKOS + "altLabel", "texts@en"),
        Column("definitie", "definition_nl", SKOS + "definition", "text@nl", True),
        Column("definitie_en", "definition", SKOS + "definition", "text@en", True),
    ]
    return tuple(cols)


def _tail() -> tuple[Column, ...]:
    return (
        Column("onzekerheid", "uncertainty_nl", WG + "uncertaintyNote", "text@nl"),
        Column("onzekerheid_en", "uncertainty", WG + "uncertaintyNote", "text@en"),
        Column("bronnen", "sources", DCT + "source", "source", True,
               "Bron-URL's of bron-id's, gescheiden door ;", "Source URLs or ids, separated by ;"),
        Column("gewijzigd", "modified", DCT + "modified", "date", True, "Datum JJJJ-MM-DD.",
               "Date YYYY-MM-DD."),
    )


def _kind(sheet_nl, sheet_en, cls, middle, notation=False, scheme=None, concept=True):
    extra = (SKOS + "Concept",) if concept else ()
    cols = _common(notation) + tuple(middle) + _tail()
    if scheme:
        cols = cols[:1] + (Column("schema", "scheme", SKOS + "inScheme", "ref:*"),) + cols[1:]
    return Kind(sheet_nl, sheet_en, WG + cls, cols, extra, scheme)


def _ref(nl, en, pred, target, required=False):
    return Column(nl, en, pred, f"ref:{target}", required)


KINDS: tuple[Kind, ...] = (
    _kind("domeinen", "domains", "Domain", [
        _ref("valt_onder", "broader", SKOS + "broader", "DomainGroup", True),
        Column("toelichting", "scope_note_nl", SKOS + "scopeNote", "text@nl"),
        Column("toelichting_en", "scope_note", SKOS + "scopeNote", "text@en"),
    ], notation=True, scheme="domeinen"),
    _kind("organisatietypen", "organisation_types", "OrganisationType", [
        _ref("zelfde_als", "exact_match", SKOS + "exactMatch", "*"),
        _ref("lijkt_op", "close_match", SKOS + "closeMatch", "*"),
        Column("toelichting", "scope_note_nl", SKOS + "scopeNote", "text@nl"),
        Column("toelichting_en", "scope_note", SKOS + "scopeNote", "text@en"),
    ], scheme="organisatietypen"),
    _kind("organisaties", "organisations", "Organisation", [
        _ref("organisatietype", "organisation_type", ORG + "classification", "OrganisationType",
             True),
        _ref("actief_in", "active_in", WG + "activeIn", "Area"),
        _ref("domeinen", "domains", WG + "worksOnDomain", "Domain"),
        _ref("zelfde_als", "exact_match", SKOS + "exactMatch", "*"),
    ], concept=False),
    _kind("belemmeringen", "obstacles", "Obstacle", [
        Column("voorbeeld", "example_nl", SKOS + "example", "text@nl", True),
        Column("voorbeeld_en", "example", SKOS + "example", "text@en", True),
        _ref("soort", "category", WG + "hasCategory", "ObstacleCategory", True),
        _ref("domeinen", "domains", WG + "affectsDomain", "Domain", True),
        _ref("tussen", "between", WG + "arisesBetween", "OrganisationType", True),
        _ref("wetten", "legal_frames", WG + "arisesFrom", "LegalFrame"),
        _ref("themas", "themes", WG + "hasTheme", "Theme", True),
        Column("open_witte_vlek", "open_gap", WG + "openGap", "bool"),
    ], notation=True, scheme="belemmeringen"),
    _kind("oplossingen", "solutions", "Solution", [
        Column("hoe_te_beginnen", "how_to_start_nl", WG + "howToStart", "text@nl", True),
        Column("hoe_te_beginnen_en", "how_to_start", WG + "howToStart", "text@en", True),
        _ref("pakt_aan", "addresses", WG + "addresses", "Obstacle", True),
        _ref("domeinen", "domains", WG + "bridgesDomain", "Domain", True),
        _ref("organisatietypen", "organisation_types", WG + "involvesOrganisationType",
             "OrganisationType", True),
        _ref("beslisniveau", "decision_level", WG + "decisionLevel", "DecisionLevel", True),
        _ref("besluit_door", "decided_by", WG + "decidedBy", "OrganisationType"),
        _ref("grondslag", "legal_basis", WG + "hasLegalBasis", "LegalFrame"),
        _ref("bewijsniveau", "evidence_level", WG + "evidenceLevel", "EvidenceLevel"),
        _ref("inspanning", "effort", WG + "effort", "EffortLevel", True),
        _ref("termijn", "time_horizon", WG + "timeHorizon", "TimeHorizon", True),
        _ref("uitvoeringsniveau", "implementation_level", WG + "implementationLevel",
             "ImplementationLevel", True),
        Column("wetswijziging_nodig", "requires_legal_change", WG + "requiresLegalChange", "bool",
               True),
        Column("escalatieroute", "escalation_route", WG + "isEscalationRoute", "bool"),
        _ref("themas", "themes", WG + "hasTheme", "Theme", True),
        _ref("verwante_oplossingen", "related_solutions", WG + "relatedSolution", "Solution"),
        _ref("programmas", "programmes", WG + "supportedByProgramme", "Programme"),
    ], notation=True, scheme="oplossingen"),
    _kind("praktijkvoorbeelden", "cases", "PracticeCase", [
        Column("resultaat", "outcome_nl", WG + "outcome", "text@nl", True),
        Column("resultaat_en", "outcome", WG + "outcome", "text@en", True),
        _ref("oplossingen", "solutions", WG + "appliesSolution", "Solution", True),
        _ref("belemmeringen", "obstacles", WG + "tacklesObstacle", "Obstacle"),
        _ref("gebied", "area", WG + "inArea", "Area", True),
        _ref("organisaties", "organisations", WG + "involvesOrganisation", "Organisation", True),
        _ref("contact", "contact", WG + "contactOrganisation", "Organisation"),
        Column("startjaar", "start_year", WG + "startYear", "year"),
        _ref("programmas", "programmes", WG + "supportedByProgramme", "Programme"),
    ], concept=False),
)


def kind_for_name(name: str) -> Kind | None:
    """The kind whose Dutch or English sheet name is ``name`` (case-insensitive).

    >>> kind_for_name("Belemmeringen").sheet_en
    'obstacles'
    """
    low = name.strip().lower()
    return next((k for k in KINDS if low in (k.sheet_nl, k.sheet_en)), None)
