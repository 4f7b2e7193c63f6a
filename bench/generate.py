"""Seeded generator of knowledge graphs with the shape of the real Wijkgraaf model.

The mix of kinds and the links per item follow the bundled knowledge base (obstacles affect
2–4 domains and arise between organisation types; solutions address 1–4 obstacles, chosen
with a preference for obstacles that already have solutions, and mostly state the domains of
what they address; practice cases apply solutions in areas with organisations; areas nest
municipality → district → neighbourhood), scaled to a target number of triples. Domains and
organisation types are classifications, not data: they grow with the graph from the floors in
:data:`VOCABULARY` up to its ceilings (reached near a million triples) and then stay, as a
national programme keeps one list of domains and of organisation types however many obstacles
and cases it holds (the bundled knowledge base has 12 domains and 30 organisation types; the
ceilings are four to five times that). Everything else scales with the size. Same seed, same
graph.

>>> triples = generate(3000, seed=1)
>>> 2500 < len(triples) < 3500, triples == generate(3000, seed=1)
(True, True)
"""

from __future__ import annotations

import argparse

import random
from pathlib import Path

import pyoxigraph as ox

from ontology import WG, ITEM
from ontology.vocab import SKOS

__all__ = ["generate", "write", "parse_size", "size_argument", "SHAPE", "VOCABULARY",
           "item_counts"]

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREF, DEF, NOTATION = (ox.NamedNode(SKOS + x) for x in ("prefLabel", "definition", "notation"))
BROADER = ox.NamedNode(SKOS + "broader")
CLASSIFICATION = ox.NamedNode("http://www.w3.org/ns/org#classification")

#: share of the scaled items per kind (domains and organisation types: :data:`VOCABULARY`)
SHAPE = {"obstacle": 0.14, "solution": 0.18, "organisation": 0.26, "case": 0.2, "area": 0.12,
         "legal_frame": 0.06, "programme": 0.03, "theme": 0.01}
_CLASS = {"domain": WG.Domain, "organisation_type": WG.OrganisationType,
          "organisation": WG.Organisation, "obstacle": WG.Obstacle, "solution": WG.Solution,
          "legal_frame": WG.LegalFrame, "programme": WG.Programme, "area": WG.District,
          "case": WG.PracticeCase, "theme": WG.Theme}
_PREFIX = {"domain": "dom", "organisation_type": "ot", "organisation": "org", "obstacle": "O",
           "solution": "S", "legal_frame": "L", "programme": "P", "area": "A", "case": "C",
           "theme": "T"}
_TERMS = {
    WG.evidenceLevel: ["ev-praktijkgebaseerd", "ev-goed-beschreven", "ev-goed-onderbouwd",
                       "ev-effectief"],
    WG.effort: ["inspanning-laag", "inspanning-middel", "inspanning-hoog"],
    WG.decisionLevel: ["besluit-professional", "besluit-management", "besluit-bestuur"],
    WG.timeHorizon: ["termijn-kort", "termijn-middellang", "termijn-lang"],
    WG.implementationLevel: ["niveau-lokaal", "niveau-regionaal", "niveau-landelijk"],
    WG.hasCategory: ["cat-wetgeving", "cat-geld", "cat-cultuur", "cat-informatie-privacy",
                     "cat-organisatie-mandaat", "cat-capaciteit", "cat-geografie"],
}
#: kind → (floor, items per member, ceiling) for the classifications
VOCABULARY = {"domain": (10, 2000, 40), "organisation_type": (30, 500, 160)}
_TRIPLES_PER_ITEM = 11.9  # measured on generated graphs; used to size the item counts


def parse_size(text: str | int) -> int:
    """``"10k"``, ``"1M"``, ``"2500"`` → a number of triples.

    >>> parse_size("10k"), parse_size("1M"), parse_size(500)
    (10000, 1000000, 500)
    >>> parse_size("12q")
    Traceback (most recent call last):
    ValueError: size '12q': write a number of triples such as 10k, 1M or 2500

    (``argparse`` shows that message for an option whose ``type`` is :func:`size_argument`.)
    """
    if isinstance(text, int):
        return text
    t = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    try:
        value = int(float(t[:-1] if scale > 1 else t) * scale)
    except ValueError:
        value = -1
    if value < 0:
        raise ValueError(f"size {text!r}: write a number of triples such as 10k, 1M or 2500")
    return value


def size_argument(text: str) -> str:
    """An ``argparse`` type for a size: the text itself once :func:`parse_size` reads it."""
    try:
        parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def _n(node: ox.NamedNode, pred, value) -> ox.Triple:
    return ox.Triple(node, ox.NamedNode(str(pred)) if not isinstance(pred, ox.NamedNode)
                     else pred, value)


def item_counts(triples: int) -> dict[str, int]:
    """How many items of each kind a graph of about ``triples`` triples gets.

    >>> [item_counts(n)["organisation_type"] for n in (10_000, 1_000_000, 10_000_000)]
    [30, 160, 160]
    """
    items = max(60, int(triples / _TRIPLES_PER_ITEM))
    counts = {k: max(2, int(items * share)) for k, share in SHAPE.items()}
    for kind, (floor, per, ceiling) in VOCABULARY.items():
        counts[kind] = min(ceiling, max(floor, items // per))
    return counts


def generate(triples: int, seed: int = 0) -> list[ox.Triple]:
    """About ``triples`` triples (within a few per cent) of a Wijkgraaf-shaped graph."""
    rng = random.Random(seed)
    counts = item_counts(triples)
    ids = {k: [ox.NamedNode(f"{ITEM}{_PREFIX[k]}{i:06d}") for i in range(n)]
           for k, n in counts.items()}
    out: list[ox.Triple] = []
    add = out.append
    for kind, nodes in ids.items():
        cls = ox.NamedNode(str(_CLASS[kind]))
        for i, node in enumerate(nodes):
            add(ox.Triple(node, RDF_TYPE, cls))
            add(ox.Triple(node, PREF, ox.Literal(f"{kind} {i} nl", language="nl")))
            add(ox.Triple(node, PREF, ox.Literal(f"{kind} {i} en", language="en")))
            add(ox.Triple(node, DEF, ox.Literal(f"Een {kind} nummer {i}.", language="nl")))
            add(ox.Triple(node, DEF, ox.Literal(f"A {kind} number {i}.", language="en")))
            if kind in {"obstacle", "solution", "domain"}:
                add(ox.Triple(node, NOTATION, ox.Literal(f"{_PREFIX[kind]}{i}")))

    def pick(kind: str, k: int) -> list[ox.NamedNode]:
        return rng.sample(ids[kind], min(k, len(ids[kind])))

    def term(node: ox.NamedNode, pred) -> None:
        add(_n(node, pred, ox.NamedNode(str(ITEM[rng.choice(_TERMS[pred])]))))

    groups = ids["domain"][:2]
    for node in ids["domain"][2:]:
        add(_n(node, BROADER, rng.choice(groups)))
    affects: dict[ox.NamedNode, list[ox.NamedNode]] = {}
    for node in ids["obstacle"]:
        affects[node] = pick("domain", rng.randint(2, 4))
        for d in affects[node]:
            add(_n(node, WG.affectsDomain, d))
        for t in pick("organisation_type", rng.randint(1, 3)):
            add(_n(node, WG.arisesBetween, t))
        for law in pick("legal_frame", rng.randint(0, 2)):
            add(_n(node, WG.arisesFrom, law))
        add(_n(node, WG.hasTheme, rng.choice(ids["theme"])))
        term(node, WG.hasCategory)
    popular = list(ids["obstacle"])  # preferential attachment: chosen obstacles repeat
    for node in ids["solution"]:
        chosen = {rng.choice(popular) for _ in range(rng.randint(1, 4))}
        popular.extend(chosen)
        domains = set()
        for o in sorted(chosen, key=str):
            add(_n(node, WG.addresses, o))
            domains.update(affects[o])
        stated = rng.sample(sorted(domains, key=str), min(len(domains), rng.randint(1, 3)))
        if rng.random() < 0.2:
            stated.append(rng.choice(ids["domain"]))
        for d in set(stated):
            add(_n(node, WG.bridgesDomain, d))
        for t in pick("organisation_type", rng.randint(1, 4)):
            add(_n(node, WG.involvesOrganisationType, t))
        for law in pick("legal_frame", rng.randint(0, 2)):
            add(_n(node, WG.hasLegalBasis, law))
        if rng.random() < 0.4:
            term(node, WG.evidenceLevel)
        for pred in (WG.effort, WG.decisionLevel, WG.timeHorizon, WG.implementationLevel):
            term(node, pred)
        add(_n(node, WG.hasTheme, rng.choice(ids["theme"])))
        if rng.random() < 0.3:
            add(_n(node, WG.relatedSolution, rng.choice(ids["solution"])))
        if rng.random() < 0.3:
            add(_n(node, WG.supportedByProgramme, rng.choice(ids["programme"])))
    areas = ids["area"]
    tops = areas[: max(1, len(areas) // 20)]
    middles = areas[len(tops): len(tops) + max(1, len(areas) // 5)]
    for node in middles:
        add(_n(node, WG.partOfArea, rng.choice(tops)))
    for node in areas[len(tops) + len(middles):]:
        add(_n(node, WG.partOfArea, rng.choice(middles)))
    for node in ids["organisation"]:
        add(_n(node, CLASSIFICATION, rng.choice(ids["organisation_type"])))
        add(_n(node, WG.activeIn, rng.choice(areas)))
        for d in pick("domain", rng.randint(1, 2)):
            add(_n(node, WG.worksOnDomain, d))
    for node in ids["case"]:
        for s in pick("solution", rng.randint(1, 2)):
            add(_n(node, WG.appliesSolution, s))
        for o in pick("obstacle", rng.randint(1, 2)):
            add(_n(node, WG.tacklesObstacle, o))
        add(_n(node, WG.inArea, rng.choice(areas)))
        orgs = pick("organisation", rng.randint(2, 4))
        for org in orgs:
            add(_n(node, WG.involvesOrganisation, org))
        add(_n(node, WG.contactOrganisation, orgs[0]))
    for node in ids["legal_frame"][len(ids["legal_frame"]) // 3:]:
        add(_n(node, WG.partOfLaw, rng.choice(ids["legal_frame"][: len(ids["legal_frame"]) // 3
                                                                 or 1])))
    return out


def write(path: str | Path, triples: list[ox.Triple]) -> Path:
    """Write ``triples`` as N-Triples."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ox.serialize(triples, output=str(path), format=ox.RdfFormat.N_TRIPLES)
    return path
