"""The knowledge base in figures (``graph.kb.report``): exact figures on the hand-made mini
store (counted by hand from ``tests/data/mini.ttl`` and the extra items below), and the
targets of issue 11 on the bundled knowledge base.
Every target is a plain test: the bundled data meets them all (the last, half of the cases
at wijk or buurt level, since 2026-12-07).
"""

from __future__ import annotations

import json

import pytest

from graph.cli.main import main
from graph.kb import kb_report, load_paths

D = "https://w3id.org/wijkgraaf/id/"
# beside mini.ttl: two more domains, an obstacle with five domains and no source, the fields
# on S01 and S02, a second source with an access date, and three more cases (one without an
# area, one at municipality level, one in a municipality and a district)
EXTRA = """
@prefix wg:      <https://w3id.org/wijkgraaf/def#> .
@prefix wgd:     <https://w3id.org/wijkgraaf/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

<https://example.org/bron2> a wg:Source ; dcterms:title "Tweede bron" ;
    wg:accessed "2025-01-01"^^xsd:date .
wgd:dom-milieu a wg:Domain ; skos:prefLabel "milieu"@nl, "environment"@en .
wgd:dom-jeugd a wg:Domain ; skos:prefLabel "jeugd"@nl, "youth"@en .
wgd:O04 a wg:Obstacle ; skos:prefLabel "alles tegelijk"@nl, "everything at once"@en ;
    wg:affectsDomain wgd:dom-gezondheid, wgd:dom-wonen, wgd:dom-veiligheid, wgd:dom-milieu,
                     wgd:dom-jeugd .
wgd:S01 wg:goal "Gegevens veilig delen."@nl, "Share data safely."@en ;
    wg:targetGroup "professionals"@nl ; wg:materials <https://example.org/handboek> ;
    skos:altLabel "privacyconvenant"@nl ; dcterms:source <https://example.org/bron2> .
wgd:S02 wg:evidenceLevel wgd:ev-praktijkgebaseerd ;
    wg:targetGroup "bewoners"@nl, "residents"@en .
wgd:C02 a wg:PracticeCase ; skos:prefLabel "Zonder plek"@nl ; wg:appliesSolution wgd:S02 .
wgd:C03 a wg:PracticeCase ; skos:prefLabel "In Utrecht"@nl ; wg:appliesSolution wgd:S01 ;
    wg:inArea wgd:GM0344 .
wgd:C04 a wg:PracticeCase ; skos:prefLabel "Utrecht en West"@nl ; wg:appliesSolution wgd:S01 ;
    wg:inArea wgd:GM0344, wgd:WK034401 .
"""
MINI_COUNTS = {"obstacle": 3, "solution": 2, "domain": 3, "organisation_type": 3,
               "organisation": 2, "legal_frame": 1, "case": 1, "area": 2, "programme": 1,
               "theme": 1, "source": 1}


@pytest.fixture(scope="module")
def mini_report(mini_store_ro):
    return kb_report(mini_store_ro, "nl")


@pytest.fixture
def extra_report(mini_store, tmp_path):
    path = tmp_path / "extra.ttl"
    path.write_text(EXTRA, encoding="utf-8")
    load_paths(mini_store, [path], check=False)  # O04 breaks the domain limit on purpose
    return kb_report(mini_store, "en")


def figures(tallies) -> dict[str, int]:
    return {t.id: t.n for t in tallies}


# -- the mini store, by hand ------------------------------------------------------------------

def test_counts_every_kind(mini_report):
    assert mini_report.counts == MINI_COUNTS


def test_counts_obstacles_and_stated_bridges_per_domain_and_theme(mini_report):
    assert figures(mini_report.obstacles_per_domain) == {
        "dom-gezondheid": 2, "dom-wonen": 2, "dom-veiligheid": 2}
    assert figures(mini_report.solutions_per_domain) == {
        "dom-gezondheid": 1, "dom-wonen": 2, "dom-veiligheid": 1}
    assert figures(mini_report.obstacles_per_theme) == {"thema-regels": 3}
    assert [t.label for t in mini_report.obstacles_per_domain] == ["gezondheid", "veiligheid",
                                                                   "wonen"]


def test_counts_solutions_per_evidence_level_blank_included(mini_report):
    assert [(t.id, t.n) for t in mini_report.evidence] == [
        ("ev-niet-vastgesteld", 0), ("ev-praktijkgebaseerd", 0), ("ev-goed-beschreven", 1),
        ("ev-goed-onderbouwd", 0), ("ev-effectief", 0), ("", 1)]
    assert mini_report.solutions_without_evidence == 1


def test_mini_fills_none_of_the_professional_fields(mini_report):
    assert [f.field for f in mini_report.fields] == [
        "goal", "targetGroup", "activeElement", "costBand", "costNote", "materials",
        "methodOwner", "contactPage", "evidenceRecord", "evidenceNote", "altLabel",
        "hiddenLabel"]
    assert {f.filled for f in mini_report.fields} == {0}
    assert mini_report.fields[0].label == "doel"


def test_sources_per_item_one_each_in_mini(mini_report):
    spread = {s.kind: (s.items, s.min, s.median, s.max, len(s.under_two))
              for s in mini_report.sources}
    assert spread == {k: (n, 1, 1, 1, n) for k, n in MINI_COUNTS.items() if k != "source"}
    assert (mini_report.sources_accessed, mini_report.sources_not_accessed) == (0, 1)
    assert mini_report.over_domain_limit == ()


def test_cases_solutions_with_a_case_and_the_bridge_peak(mini_report):
    assert mini_report.cases_per_level == {"municipality": 0, "district": 1,
                                           "neighbourhood": 0, "none": 0}
    assert mini_report.solutions_with_case == 1 and mini_report.solutions_with_case_share == 0.5
    assert mini_report.cases_local_share == 1.0
    peak = mini_report.bridge_max
    assert (peak.a, peak.b, peak.n) == ("dom-gezondheid", "dom-wonen", 2)


# -- the mini store with the extra items, by hand ---------------------------------------------

def test_fields_filled_count_solutions_and_languages(extra_report):
    fields = {f.field: (f.filled, f.nl, f.en) for f in extra_report.fields}
    assert fields["goal"] == (1, 1, 1)
    assert fields["targetGroup"] == (2, 2, 1)
    assert fields["materials"] == (1, None, None)
    assert fields["altLabel"] == (1, 1, 0)
    assert fields["costBand"] == (0, None, None) and fields["hiddenLabel"] == (0, None, None)
    assert {f.field: f.label for f in extra_report.fields}["altLabel"] == "other names"


def test_obstacles_over_the_domain_limit_are_listed(extra_report):
    assert [(t.id, t.label, t.n) for t in extra_report.over_domain_limit] == [
        ("O04", "everything at once", 5)]
    assert figures(extra_report.obstacles_per_domain) == {
        "dom-gezondheid": 3, "dom-wonen": 3, "dom-veiligheid": 3, "dom-milieu": 1,
        "dom-jeugd": 1}


def test_evidence_levels_after_adding_one(extra_report):
    assert figures(extra_report.evidence) == {
        "ev-niet-vastgesteld": 0, "ev-praktijkgebaseerd": 1, "ev-goed-beschreven": 1,
        "ev-goed-onderbouwd": 0, "ev-effectief": 0, "": 0}


def test_sources_min_median_max_and_items_under_two(extra_report):
    spread = {s.kind: s for s in extra_report.sources}
    assert [(s.items, s.min, s.median, s.max) for s in
            (spread["obstacle"], spread["solution"], spread["case"], spread["domain"])] == [
        (4, 0, 1, 1), (2, 1, 1.5, 2), (4, 0, 0, 1), (5, 0, 1, 1)]
    assert [(t.id, t.n) for t in spread["solution"].under_two] == [("S02", 1)]
    assert [(t.id, t.n) for t in spread["case"].under_two] == [
        ("C01", 1), ("C02", 0), ("C03", 0), ("C04", 0)]
    assert (extra_report.sources_accessed, extra_report.sources_not_accessed) == (1, 1)


def test_a_case_counts_at_its_finest_area_and_only_placed_cases_are_dutch(extra_report):
    assert extra_report.cases_per_level == {"municipality": 1, "district": 2,
                                            "neighbourhood": 0, "none": 1}
    assert extra_report.cases_local_share == 0.5
    assert extra_report.solutions_with_case == 1  # C02 (S02) has no area


def test_checks_set_figures_beside_the_targets(extra_report):
    checks = {c.key: c for c in extra_report.checks()}
    assert (checks["solutions"].value, checks["solutions"].target, checks["solutions"].ok) == (
        2, 100, False)
    assert checks["over_domain_limit"].value == 1 and not checks["over_domain_limit"].ok
    assert checks["evidence_blank"].ok and checks["bridge_max"].target == 1
    assert not checks["bridge_max"].ok  # 2 solutions in one cell, half of all is 1
    assert checks["domain:dom-milieu"].value == 1 and "domain:dom-jeugd" not in checks
    assert checks["cases_local_share"].ok and not checks["solutions_with_case_share"].ok


def test_text_and_plain_data_in_both_languages(extra_report):
    nl, en = extra_report.text("nl"), extra_report.text("en")
    assert "Kennisbank in cijfers" in nl and "Knowledge base in figures" in en
    assert "Belemmeringen met meer dan 4 domeinen: 1" in nl
    assert "O04 (5)  everything at once" in en
    assert "✗ solutions: 2 (target ≥ 100)" in en
    assert "de helft van alle oplossingen is 1" in nl
    data = json.loads(json.dumps(extra_report.to_dict()))
    assert data["counts"]["obstacle"] == 4 and data["cases_local_share"] == 0.5
    assert data["over_domain_limit"][0]["id"] == "O04"
    assert {c["key"] for c in data["checks"]} >= {"solutions", "bridge_max"}


def test_report_command_in_every_format(tmp_path, capsys):
    from tests.conftest import MINI

    store = str(tmp_path / "store")
    assert main(["load", "--store", store, "--no-bundled", "-q", str(MINI)]) == 0
    capsys.readouterr()
    assert main(["report", "--store", store, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == MINI_COUNTS and data["solutions_with_case"] == 1
    assert main(["report", "--store", store, "--format", "markdown", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "| housing | 2 | 2 |" in out and "| well described | 1 |" in out
    assert main(["report", "--store", store]) == 0
    assert "Oplossingen per bewijsniveau" in capsys.readouterr().out


# -- the bundled knowledge base against issue 11 ----------------------------------------------

@pytest.fixture(scope="module")
def kb(kb_store):
    return kb_report(kb_store, "nl")


SEED = ["dom-gezondheid", "dom-milieu", "dom-veiligheid", "dom-wonen", "dom-leefbaarheid"]
THEMES = ["thema-actief-burgerschap", "thema-budgetten", "thema-cultuurverschillen",
          "thema-regels", "thema-wijkagenda"]


def test_at_least_100_solutions(kb):
    assert kb.counts["solution"] >= 100


def test_at_least_60_obstacles(kb):
    assert kb.counts["obstacle"] >= 60


def test_at_least_60_cases(kb):
    assert kb.counts["case"] >= 60


@pytest.mark.parametrize("domain", SEED)
def test_each_seed_domain_has_at_least_10_obstacles(kb, domain):
    assert figures(kb.obstacles_per_domain)[domain] >= 10


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_has_at_least_10_obstacles(kb, theme):
    assert figures(kb.obstacles_per_theme)[theme] >= 10


def test_the_five_themes_are_all_there(kb):
    assert sorted(figures(kb.obstacles_per_theme)) == THEMES


def test_every_solution_has_an_evidence_level(kb):
    assert kb.solutions_without_evidence == 0


def test_no_obstacle_over_four_domains(kb):
    assert [t.id for t in kb.over_domain_limit] == []


def test_at_least_80_percent_of_solutions_have_a_dutch_case(kb):
    assert kb.solutions_with_case_share >= 0.8


def test_at_least_half_of_the_cases_at_wijk_or_buurt_level(kb):
    assert kb.cases_local_share >= 0.5


def test_no_bridge_cell_over_half_of_the_solutions(kb):
    assert 2 * kb.bridge_max.n <= kb.counts["solution"], kb.bridge_max


def test_every_solution_has_at_least_two_sources(kb):
    assert [t.id for t in kb.spread("solution").under_two] == []


def test_the_report_agrees_with_its_own_checks(kb):
    """The checks the Kwaliteit page shows say 'met' exactly where the figures meet them."""
    checks = {c.key: c.ok for c in kb.checks()}
    assert checks["obstacles"] == (kb.counts["obstacle"] >= 60)
    assert checks["evidence_blank"] == (kb.solutions_without_evidence == 0)
    assert checks["bridge_max"] == (2 * kb.bridge_max.n <= kb.counts["solution"])
    assert len([k for k in checks if k.startswith("theme:")]) == len(THEMES)
