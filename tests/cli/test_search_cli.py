"""``wijkgraaf search`` and the item arguments of the analytics commands, which go through the
one resolver (ids, names, the words people use)."""

from __future__ import annotations

import json

import pytest

from ontology import ITEM
from graph.cli.main import main
from graph.items import build_index
from tests.conftest import MINI


@pytest.fixture
def store_dir(tmp_path):
    path = tmp_path / "store"
    assert main(["load", "--store", str(path), "--no-bundled", "-q", str(MINI)]) == 0
    return str(path)


def test_search_prints_ranked_hits_as_json(store_dir, capsys):
    capsys.readouterr()
    assert main(["search", "--store", store_dir, "--format", "json", "gegevns", "delen"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["corrections"] == {"gegevns": "gegevens"}
    first = out["hits"][0]
    assert first["id"] == "O01" and first["kind"] == "obstacle"
    assert first["matched"] == ["gegevens", "delen"] and first["score"] > 0


def test_search_table_shows_the_correction_and_honours_kind_and_n(store_dir, capsys):
    capsys.readouterr()
    assert main(["search", "--store", store_dir, "--kind", "oplossing", "-n", "1",
                 "gegevns", "delen"]) == 0
    out = capsys.readouterr().out
    assert "bedoelde je 'gegevens'?" in out
    rows = [line for line in out.splitlines() if line[:1].isdigit()]
    assert len(rows) == 1 and "S01" in rows[0] and "oplossing" in rows[0]


def test_search_says_what_it_searched_when_nothing_is_found(store_dir, capsys):
    capsys.readouterr()
    assert main(["search", "--store", store_dir, "--lang", "en", "qqqqzzzz"]) == 0
    assert "Nothing found for: qqqqzzzz" in capsys.readouterr().out


def test_analytics_arguments_accept_names_and_words(store_dir, capsys):
    capsys.readouterr()
    assert main(["solutions", "--store", store_dir, "--format", "json", "budgetten"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)[0]["solution"] == ITEM["S02"]
    assert "budgetten → O02" in captured.err
    assert main(["routes", "--store", store_dir, "gemeente", "woningcorporatie", "-k", "1"]) == 0


def test_an_unknown_name_stops_the_command_with_the_nearest_ids(store_dir, capsys):
    assert main(["agenda", "--store", store_dir, "O01", "--wijk", "Utrekt"]) == 2
    err = capsys.readouterr().err
    assert "Utrekt" in err and "GM0344" in err


@pytest.mark.slow
def test_agenda_on_everyday_words_and_an_area_name(capsys):
    capsys.readouterr()
    assert main(["agenda", "--store", ":memory:", "--format", "json", "schulden", "eenzaamheid",
                 "--wijk", "Overvecht"]) == 0
    captured = capsys.readouterr()
    plan = json.loads(captured.out)
    covered = {o for item in plan["items"] for o in item["covers"]}
    assert len(covered | {u["obstacle"] for u in plan["uncovered"]}) == 2
    assert "Overvecht → WK" in captured.err


@pytest.mark.slow
def test_agenda_in_overvecht_names_utrecht_and_keeps_an_unmatched_theme_open(capsys):
    """Issue 13's line: cases or programmes and organisations located there, and what nothing
    covers listed as open, a typed theme that matched no obstacle included."""
    capsys.readouterr()
    assert main(["agenda", "--store", ":memory:", "schulden", "eenzaamheid", "verloedering",
                 "qqqzorgweg", "--wijk", "Overvecht"]) == 0
    out = capsys.readouterr().out
    assert "Wijkakkoord Overvecht" in out and "Gemeente Utrecht" in out
    assert "Open (geen belemmering gevonden): 'qqqzorgweg'" in out


def test_search_on_the_bundled_knowledge_base_answers_the_issue(kb_store):
    index = build_index(kb_store)
    money = {r["o"].value for r in kb_store.select(
        "SELECT ?o WHERE { ?o <https://w3id.org/wijkgraaf/def#hasCategory> "
        "<https://w3id.org/wijkgraaf/id/cat-geld> }")}
    assert money and not money & {h.iri for h in index.search("geluid", limit=10)}
    first = index.search("vocht en schimmel in huurwoningen")[0]
    assert first.kind in ("obstacle", "solution") and "schimmel" in first.label.lower()
    first = index.search("eenzaamheid")[0]
    assert first.kind in ("obstacle", "solution") and "eenzaamheid" in first.label.lower()


def test_export_selects_by_any_name_search_knows(store_dir, capsys):
    capsys.readouterr()
    assert main(["export", "--store", store_dir, "--format", "nt", "--obstacle", "gegevns delen",
                 "--neighbourhood", "utrecht"]) == 0
    out = capsys.readouterr().out
    assert f"<{ITEM['O01']}>" in out and f"<{ITEM['O02']}> " not in out
    assert main(["export", "--store", store_dir, "--obstacle", "qqqqzzzz"]) == 2
    assert "qqqqzzzz" in capsys.readouterr().err
