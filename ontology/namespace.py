"""The closed Python namespace of the Wijkgraaf ontology.

``WG.Obstacle`` works; ``WG.Obstacel`` raises ``AttributeError`` at import time of the caller,
so a typo in a term never reaches the store. ``tests/test_ontology_lint.py`` checks that the
names here equal the terms declared in ``wijkgraaf.ttl``.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from ontology.files import DATA_BASE

__all__ = ["WG", "WGD"]


class WG(DefinedNamespace):
    """Terms of ``https://w3id.org/wijkgraaf/def#``."""

    _NS = Namespace("https://w3id.org/wijkgraaf/def#")
    _fail = True

    # classes
    Area: URIRef
    CostBand: URIRef
    DecisionLevel: URIRef
    District: URIRef
    Domain: URIRef
    DomainGroup: URIRef
    EffortLevel: URIRef
    EvidenceLevel: URIRef
    ImplementationLevel: URIRef
    LegalFrame: URIRef
    LegalStatus: URIRef
    Municipality: URIRef
    Neighbourhood: URIRef
    Obstacle: URIRef
    ObstacleCategory: URIRef
    Organisation: URIRef
    OrganisationType: URIRef
    PracticeCase: URIRef
    Programme: URIRef
    Solution: URIRef
    Source: URIRef
    SourceType: URIRef
    Theme: URIRef
    TimeHorizon: URIRef

    # object properties
    activeIn: URIRef
    addressedBy: URIRef
    addresses: URIRef
    affectsDomain: URIRef
    appliesSolution: URIRef
    contactPage: URIRef
    costBand: URIRef
    arisesBetween: URIRef
    arisesFrom: URIRef
    bridgesDomain: URIRef
    contactOrganisation: URIRef
    decidedBy: URIRef
    decisionLevel: URIRef
    effort: URIRef
    evidenceRecord: URIRef
    evidenceLevel: URIRef
    focusAreaOf: URIRef
    hasCategory: URIRef
    hasLegalBasis: URIRef
    hasTheme: URIRef
    implementationLevel: URIRef
    inArea: URIRef
    involvesOrganisation: URIRef
    involvesOrganisationType: URIRef
    legalStatus: URIRef
    materials: URIRef
    methodOwner: URIRef
    partOfArea: URIRef
    partOfLaw: URIRef
    relatedSolution: URIRef
    sourceType: URIRef
    supportedByProgramme: URIRef
    tacklesObstacle: URIRef
    timeHorizon: URIRef
    worksOnDomain: URIRef

    # datatype properties
    accessed: URIRef
    activeElement: URIRef
    amendedOn: URIRef
    article: URIRef
    bwbId: URIRef
    cbsCode: URIRef
    codeYear: URIRef
    costNote: URIRef
    endDate: URIRef
    evidenceNote: URIRef
    goal: URIRef
    howToStart: URIRef
    isEscalationRoute: URIRef
    openGap: URIRef
    outcome: URIRef
    recognitionDate: URIRef
    requiresLegalChange: URIRef
    startDate: URIRef
    startYear: URIRef
    storeVersion: URIRef
    targetGroup: URIRef
    uncertaintyNote: URIRef
    validFrom: URIRef
    validUntil: URIRef


#: Namespace of the knowledge-base items (``WGD["O08"]``, ``WGD["dom-wonen"]``): open by design.
WGD = Namespace(DATA_BASE)
