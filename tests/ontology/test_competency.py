"""Every competency question runs, with checked answers on the mini knowledge base and
meaningful, non-empty answers on the bundled one."""

from __future__ import annotations

import pytest

from graph.query.service import run_query
from ontology import competency_queries

QUERIES = {q.id.split("-")[0]: q for q in competency_queries()}


def rows(store, cq: str) -> list[dict[str, str]]:
    result = run_query(store, QUERIES[cq].sparql)
    return [{k: v.value.rsplit("/", 1)[-1] for k, v in row.items()} for row in result.rows]


# (query, expected rows on mini.ttl as {variable: value} subsets, in order)
MINI_EXPECTED = {
    "cq02": [{"solution": "S01", "case": "C01", "code": "WK034401", "focusArea": "true",
              "contactLabel": "Mitros"}] * 1,
    "cq03": [],
    "cq04": [{"obstacle": "O03"}],
    "cq06": [{"solution": "S01", "evidenceLevel": "goed beschreven", "strongEvidence": "false"},
             {"solution": "S02", "strongEvidence": "false", "onlyPractice": "true"}],
    "cq07": [{"type": "ot-gemeente", "domains": "3", "solutions": "2"},
             {"type": "ot-woningcorporatie", "domains": "2", "solutions": "1"}],
    "cq09": [{"solution": "S02", "noContact": "true", "noSource": "false"}],
    "cq11": [{"item": "C01", "reason": "CBS-code uit oudere indeling", "target": "WK034401"}],
    "cq13": [{"obstacle": "O01", "solution": "S01"}, {"obstacle": "O01", "solution": "S02"},
             {"obstacle": "O02", "solution": "S02"}],
    # as pair_bridges and rank_solutions say (gezondheid × veiligheid: no obstacle of S02
    # affects both, so no derived bridge)
    "cq14": [{"domainB": "wonen", "solution": "S01", "stated": "true", "derived": "true"},
             {"domainB": "wonen", "solution": "S02", "stated": "false", "derived": "true"},
             {"domainA": "veiligheid", "solution": "S02", "stated": "true", "derived": "true"}],
    "cq15": [{"solution": "S01", "typeLabel": "gemeente", "decides": "false",
              "examples": "Gemeente Utrecht"},
             {"solution": "S01", "typeLabel": "woningcorporatie", "examples": "Mitros"},
             {"solution": "S02", "typeLabel": "gemeente", "decides": "true"}],
}


@pytest.mark.parametrize("cq", sorted(MINI_EXPECTED))
def test_answer_on_mini(mini_store_ro, cq):
    got = rows(mini_store_ro, cq)
    expected = MINI_EXPECTED[cq]
    if cq == "cq02":  # one case, found through both the stated and the derived bridge
        got = [dict(t) for t in {tuple(sorted(r.items())) for r in got}]
    assert len(got) == len(expected), got
    for row, want in zip(got, expected, strict=True):
        assert want.items() <= row.items(), (row, want)


def test_cq10_counts_white_spots_on_mini(mini_store_ro):
    got = {(r["domainA"], r["domainB"]): r for r in rows(mini_store_ro, "cq10")}
    assert got[("gezondheid", "veiligheid")]["withoutSolution"] == "1"
    assert got[("gezondheid", "wonen")]["solutions"] == "1"


def test_cq05_cq08_cq12_on_mini(mini_store_ro):
    assert {r["obstacle"] for r in rows(mini_store_ro, "cq05")} == {"O01", "O02", "O03"}
    periods = {(r["kind"], r["item"]): r["period"] for r in rows(mini_store_ro, "cq08")}
    assert periods[("belemmering", "O01")].startswith("2:")
    lacking = {r["concept"] for r in rows(mini_store_ro, "cq12")}
    assert "O01" in lacking and "S01" in lacking


@pytest.mark.parametrize("cq", sorted(QUERIES))
def test_every_query_answers_on_the_bundled_knowledge_base(kb_store, cq):
    if cq == "cq09":  # incomplete records: the bundled base should have none without sources
        assert all(r.get("noSource") != "true" for r in rows(kb_store, cq))
        return
    assert rows(kb_store, cq), f"{cq} gives no answer on the bundled knowledge base"


def test_cq01_data_sharing_solutions_have_legal_basis(kb_store):
    answer = rows(kb_store, "cq01")
    assert len(answer) >= 3
    assert any("BWBR" in r.get("legalBasis", "") for r in answer)
    assert all(r.get("organisationTypes") for r in answer)
