"""Small hand-made projections with known answers, shared by the analytics tests.

``make(kinds, edges, attrs)`` builds one: ``kinds`` maps short ids to kinds, ``edges`` is
"S1 addresses O1; S1 bridgesDomain A" (ontology term names), ``attrs`` maps ids to extra node
attributes (values that name classification terms are given as short ids).
Labels are the lower-cased ids in Dutch and ``en-<id>`` in English.
"""

from __future__ import annotations

import pytest

from graph.analytics.common import example_graph, iri
from graph.analytics.projection import ORG_CLASSIFICATION, SKOS_BROADER, build_graph

_TERMS = example_graph().graph["terms"]
_SPECIAL = {"broader": SKOS_BROADER, "classification": ORG_CLASSIFICATION}
_TERM_ATTRS = {"effort", "evidenceLevel", "decisionLevel", "hasCategory"}


def make(kinds: dict[str, str], edges: str = "", attrs: dict | None = None, lang: str = "nl"):
    nodes = []
    for i, kind in kinds.items():
        extra = {k: iri(v) if k in _TERM_ATTRS else v for k, v in (attrs or {}).get(i, {}).items()}
        nodes.append({"id": i, "kind": kind, "labels": {"nl": i.lower(), "en": f"en-{i}"},
                      **extra})
    triples = []
    for part in edges.replace("\n", " ").split(";"):
        if part.strip():
            s, p, o = part.split()
            triples.append((s, _SPECIAL.get(p, p), o))
    return build_graph(nodes, triples, lang=lang, terms=_TERMS)


def bridges_graph(lang: str = "nl"):
    """Domains A, B, C, D (D only touched by O8). Known matrix:
    A-B: S1 stated+derived, S3/S4/S5/S6 derived; obstacles O1, O3.
    A-C: S2 stated, S3 derived; obstacles O5.  B-C: S3 derived; obstacles O2, O6, O7.
    C-D: nothing; obstacles O8.  Unsolved: O4, O5 (open gap), O6, O7, O8."""
    kinds = {d: "domain" for d in "ABCD"}
    kinds |= {f"O{i}": "obstacle" for i in range(1, 9)}
    kinds |= {f"S{i}": "solution" for i in range(1, 7)}
    kinds |= {"T1": "organisation_type", "T2": "organisation_type"}
    edges = """O1 affectsDomain A; O1 affectsDomain B; O2 affectsDomain B; O2 affectsDomain C;
    O3 affectsDomain A; O3 affectsDomain B; O4 affectsDomain C; O5 affectsDomain A;
    O5 affectsDomain C; O6 affectsDomain B; O6 affectsDomain C; O7 affectsDomain B;
    O7 affectsDomain C; O8 affectsDomain C; O8 affectsDomain D;
    S1 addresses O1; S1 bridgesDomain A; S1 bridgesDomain B; S2 bridgesDomain A;
    S2 bridgesDomain C; S3 addresses O2; S3 addresses O3; S4 addresses O3; S5 addresses O3;
    S6 addresses O3; S1 involvesOrganisationType T1; S3 involvesOrganisationType T1;
    S3 involvesOrganisationType T2; O1 arisesBetween T2"""
    attrs = {"S4": {"evidenceLevel": "ev-effectief"}, "S5": {"evidenceLevel": "ev-effectief"},
             "O5": {"openGap": True}}
    return make(kinds, edges, attrs, lang)


def routes_graph(lang: str = "nl"):
    """O1 reaches T1 by S1 and by S2 (two steps each) and by S3-S4 (three steps);
    Z1-Z2 is a separate component."""
    kinds = {"O1": "obstacle", "S1": "solution", "S2": "solution", "S3": "solution",
             "S4": "solution", "T1": "organisation_type", "Z1": "obstacle", "Z2": "solution",
             "H": "theme"}
    edges = """S1 addresses O1; S2 addresses O1; S3 addresses O1; S1 involvesOrganisationType T1;
    S2 involvesOrganisationType T1; S3 relatedSolution S4; S4 involvesOrganisationType T1;
    Z2 addresses Z1; O1 hasTheme H; S4 hasTheme H"""
    return make(kinds, edges, lang=lang)


def star_graph(lang: str = "nl"):
    """Organisation type T0 works with T1, T2, T3 through S1-S3; T4 works with nobody."""
    kinds = {f"T{i}": "organisation_type" for i in range(5)}
    kinds |= {f"S{i}": "solution" for i in range(1, 4)}
    edges = "; ".join(f"S{i} involvesOrganisationType T0; S{i} involvesOrganisationType T{i}"
                      for i in range(1, 4))
    return make(kinds, edges, lang=lang)


def cover_graph(lang: str = "nl"):
    """Weighted set cover: SA covers O1-O4 at high effort, SB covers O1-O2 and SC covers
    O3-O4 at low effort; SD covers O1-O2 at low effort and was applied in case C1 in area N1
    (in district W, in municipality M); SN covers O3-O4 at low effort too, applied in case C2
    in N2, also in W. O5 has no solution."""
    kinds = {f"O{i}": "obstacle" for i in range(1, 6)}
    kinds |= {s: "solution" for s in ("SA", "SB", "SC", "SD", "SN")}
    kinds |= {"C1": "case", "C2": "case", "N1": "area", "N2": "area", "N3": "area",
              "W": "area", "M": "area", "TA": "organisation_type", "TB": "organisation_type"}
    edges = """SA addresses O1; SA addresses O2; SA addresses O3; SA addresses O4;
    SB addresses O1; SB addresses O2; SC addresses O3; SC addresses O4; SD addresses O1;
    SD addresses O2; SN addresses O3; SN addresses O4; C1 appliesSolution SD; C1 inArea N1;
    C2 appliesSolution SN; C2 inArea N2; N1 partOfArea W; N2 partOfArea W; N3 partOfArea M;
    W partOfArea M; SB involvesOrganisationType TA; SC involvesOrganisationType TA;
    SC involvesOrganisationType TB; SD decidedBy TB"""
    attrs = {"SA": {"effort": "inspanning-hoog"}, "SB": {"effort": "inspanning-laag"},
             "SC": {"effort": "inspanning-laag"}, "SD": {"effort": "inspanning-laag"},
             "SN": {"effort": "inspanning-laag"}}
    return make(kinds, edges, attrs, lang)


@pytest.fixture(scope="module")
def mini_dir(tmp_path_factory):
    """An on-disk store holding ``tests/data/mini.ttl``, for command-line tests."""
    from graph.cli.main import main
    from tests.conftest import MINI

    path = tmp_path_factory.mktemp("cli") / "store"
    assert main(["load", "--store", str(path), "--no-bundled", "-q", str(MINI)]) == 0
    return str(path)
