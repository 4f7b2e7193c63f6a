"""The bridge map (issue 13, Deliver 1): cells, filters, gaps and the category view on a
hand-made graph with known answers; on the bundled knowledge base the map agrees with the
bridge matrix, a cell's reasons differ where its solutions' facts differ, and the CLI prints
the map's numbers."""

from __future__ import annotations

import json

import pytest

from ontology import InputError, UnknownIdError
from graph.analytics import (
    MapFilters, bridge_map, bridge_matrix, gaps, map_options, project, rank_solutions,
    resolve_option,
)
from graph.analytics.common import iri
from graph.analytics.projection import short_id
from graph.cli.main import main
from tests.data.analytics.graphs import make


def _graph():
    """Domains A, B, C. O1 (A, B; theme H1; category geld), O2 (A, B; theme H2; category
    cultuur), O3 (B, C; category geld). S1 addresses O1, states A and B, management, low
    effort, effective, applied in W (inside G). S2 addresses O1 and O2, management, high
    effort, practice-based. S3 addresses O3, states B and C, involves T1. Nothing addresses
    O4 (A, B)."""
    kinds = {"A": "domain", "B": "domain", "C": "domain", "H1": "theme", "H2": "theme",
             "T1": "organisation_type", "G": "area", "W": "area", "K1": "case"}
    kinds |= {f"O{i}": "obstacle" for i in range(1, 5)}
    kinds |= {f"S{i}": "solution" for i in range(1, 4)}
    edges = """O1 affectsDomain A; O1 affectsDomain B; O2 affectsDomain A; O2 affectsDomain B;
    O3 affectsDomain B; O3 affectsDomain C; O4 affectsDomain A; O4 affectsDomain B;
    O1 hasTheme H1; O2 hasTheme H2; O3 hasTheme H1; O4 hasTheme H2;
    S1 addresses O1; S1 bridgesDomain A; S1 bridgesDomain B; S1 hasTheme H1;
    S2 addresses O1; S2 addresses O2; S2 hasTheme H2; S3 addresses O3; S3 bridgesDomain B;
    S3 bridgesDomain C; S3 involvesOrganisationType T1; S3 hasTheme H1;
    W partOfArea G; K1 appliesSolution S1; K1 inArea W"""
    attrs = {"S1": {"decisionLevel": "besluit-management", "effort": "inspanning-laag",
                    "evidenceLevel": "ev-effectief"},
             "S2": {"decisionLevel": "besluit-bestuur", "effort": "inspanning-hoog",
                    "evidenceLevel": "ev-praktijkgebaseerd"},
             "O1": {"hasCategory": "cat-geld"}, "O2": {"hasCategory": "cat-cultuur"},
             "O3": {"hasCategory": "cat-geld"}}
    return make(kinds, edges, attrs)


def _ids(values):
    return [short_id(v) for v in values]


def test_cells_hold_solutions_evidence_and_uncovered_obstacles():
    m = bridge_map(_graph())
    ab = m.cell("B", "A")  # either order
    assert (_ids(ab.solutions), _ids(ab.stated), _ids(ab.derived)) == (
        ["S1", "S2"], ["S1"], ["S1", "S2"])
    assert _ids(ab.obstacles) == ["O1", "O2", "O4"] and _ids(ab.uncovered) == ["O4"]
    assert short_id(ab.evidence) == "ev-effectief" and ab.gap and ab.shortfall == 1
    bc = m.cell("B", "C")
    assert _ids(bc.solutions) == ["S3"] and not bc.gap and bc.evidence is None
    assert m.cell("A", "C").solutions == () and not m.cell("A", "C").gap  # no obstacles
    assert [(short_id(c.row), short_id(c.col)) for c in m.gaps] == [("A", "B")]
    with pytest.raises(InputError):
        m.cell("A", "Z")


def test_filters_change_the_cells():
    G = _graph()
    f = MapFilters(effort=(iri("inspanning-hoog"),))
    ab = bridge_map(G, filters=f).cell("A", "B")
    assert _ids(ab.solutions) == ["S2"] and short_id(ab.evidence) == "ev-praktijkgebaseerd"
    assert _ids(ab.uncovered) == ["O4"]
    # area: a case inside the chosen area counts (W lies in G)
    assert _ids(bridge_map(G, filters=MapFilters(area=(iri("G"),))).cell("A", "B")
                .solutions) == ["S1"]
    # organisation type taking part; decision level; evidence; basis
    assert bridge_map(G, filters=MapFilters(organisation_type=(iri("T1"),))).passing == 1
    assert _ids(bridge_map(G, filters=MapFilters(decision=(iri("besluit-bestuur"),)))
                .cell("A", "B").solutions) == ["S2"]
    only = bridge_map(G, filters=MapFilters(evidence=(iri("ev-effectief"),))).cell("A", "B")
    assert _ids(only.solutions) == ["S1"] and _ids(only.uncovered) == ["O2", "O4"]
    assert _ids(bridge_map(G, filters=MapFilters(basis="stated")).cell("A", "B")
                .solutions) == ["S1"]
    # a theme narrows the obstacles too: H2 leaves O2, O4 and S2 in A-B
    h2 = bridge_map(G, filters=MapFilters(theme=(iri("H2"),))).cell("A", "B")
    assert (_ids(h2.obstacles), _ids(h2.solutions), _ids(h2.uncovered)) == (
        ["O2", "O4"], ["S2"], ["O4"])
    # two values of one facet: either; two facets: both
    either = MapFilters(effort=(iri("inspanning-hoog"), iri("inspanning-laag")))
    assert bridge_map(G, filters=either).passing == 2
    assert bridge_map(G, filters=either.with_(evidence=(iri("ev-effectief"),))).passing == 1
    assert MapFilters(effort=("b", "a", "a")) == MapFilters(effort=("a", "b"))
    with pytest.raises(InputError, match="basis"):
        MapFilters(basis="claimed")


def test_category_view():
    m = bridge_map(_graph(), "categories")
    assert _ids(m.rows) == ["cat-cultuur", "cat-geld"] and _ids(m.cols) == ["A", "B", "C"]
    geld_b = m.cell("cat-geld", "B")
    assert _ids(geld_b.obstacles) == ["O1", "O3"] and _ids(geld_b.solutions) == ["S1", "S2",
                                                                               "S3"]
    assert _ids(geld_b.stated) == ["S1", "S3"]  # their sources name domain B
    assert _ids(m.cell("cat-geld", "C").solutions) == ["S3"]
    assert m.cell("cat-cultuur", "C").obstacles == ()
    with pytest.raises(InputError, match="view"):
        bridge_map(_graph(), "themes")


def test_options_and_their_resolution():
    G = _graph()
    o = map_options(G)
    assert _ids(o["area"]) == ["G", "W"] and _ids(o["organisation_type"]) == ["T1"]
    assert _ids(o["theme"]) == ["H1", "H2"]
    assert _ids(o["evidence"])[0] == "ev-praktijkgebaseerd"
    assert short_id(resolve_option(G, "effort", "Laag")) == "inspanning-laag"
    assert short_id(resolve_option(G, "evidence", "4")) == "ev-effectief"  # its notation
    assert short_id(resolve_option(G, "area", "w")) == "W"
    with pytest.raises(UnknownIdError):
        resolve_option(G, "effort", "enorm")
    with pytest.raises(InputError):
        resolve_option(G, "colour", "rood")


def test_the_map_is_computed_once_per_projection():
    G = _graph()
    a, b = bridge_map(G), bridge_map(G, filters=MapFilters(effort=(iri("inspanning-laag"),)))
    from graph.analytics.bridgemap import _base

    assert _base(G, "domains") is _base(G, "domains")
    assert bridge_matrix(G) is bridge_matrix(G)
    assert a != b


# -- the bundled knowledge base ------------------------------------------------------------------

@pytest.fixture(scope="module")
def kb(kb_store):
    return project(kb_store, "nl")


def test_bundled_map_agrees_with_the_matrix_and_marks_gaps(kb):
    m, matrix = bridge_map(kb), bridge_matrix(kb)
    for p in matrix.pairs:
        cell = m.cell(p.a, p.b)
        assert list(cell.solutions) == [b.solution for b in p.solutions]
        assert list(cell.obstacles) == p.obstacles
    assert m.gaps, "the bundled knowledge base has obstacles no bridge addresses"
    assert [(g.a, g.b) for g in gaps(kb).thin_pairs] == [(c.row, c.col) for c in m.gaps]
    strongest = {short_id(c.evidence) for c in m.cells if c.evidence}
    assert {"ev-praktijkgebaseerd", "ev-goed-beschreven"} <= strongest


def test_bundled_cells_give_specific_reasons(kb):
    """In every cell two solutions share a reason text only when their facts are the same,
    and the best-filled cell has at least three different reason texts."""
    m = bridge_map(kb)
    most = 0
    for cell in m.cells:
        if not cell.solutions:
            continue
        ranked = rank_solutions(kb, domains=(cell.row, cell.col), candidates=cell.solutions)
        seen: dict[str, tuple] = {}
        for r in ranked:
            for lang in ("nl", "en"):
                text = r.reason[lang]
                assert seen.setdefault(lang + text, r.facts) == r.facts, (cell, text)
        most = max(most, len({r.reason["nl"] for r in ranked}))
    assert most >= 3


def test_cli_prints_the_maps_numbers(kb, capsys):
    """``wijkgraaf bridges`` and ``gaps`` print what :func:`bridge_map` holds (the CLI loads
    the same bundled knowledge base into its own store)."""
    assert main(["bridges", "--store", ":memory:", "--format", "json", "--decision",
                 "professional"]) == 0
    data = json.loads(capsys.readouterr().out)
    want = bridge_map(kb, filters=MapFilters(decision=(iri("besluit-professional"),)))
    assert [c["solutions"] for c in data["cells"]] == [list(c.solutions) for c in want.cells]
    assert main(["gaps", "--store", ":memory:", "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)["thin_pairs"]
    assert [(p["a"], p["b"], p["uncovered"]) for p in got] == [
        (c.row, c.col, list(c.uncovered)) for c in bridge_map(kb).gaps]
    assert main(["bridges", "--store", ":memory:", "--view", "categories"]) == 0
    table = capsys.readouterr().out
    m = bridge_map(kb, "categories")
    first = m.rows[0]
    line = next(x for x in table.splitlines() if x.startswith(
        kb.graph["terms"][first]["labels"]["nl"]))
    assert line.split()[-len(m.cols):] == [str(len(m.cell(first, d).solutions))
                                           for d in m.cols]
