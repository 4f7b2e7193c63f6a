"""The quality report: SHACL by shape, gaps, thin solutions, stale and outdated records."""

from __future__ import annotations

from pathlib import Path

from graph.kb.loading import load_paths
from graph.kb.quality import quality_report

BAD = Path(__file__).resolve().parents[1] / "data" / "bad" / "nonconforming.ttl"
D = "https://w3id.org/wijkgraaf/id/"


def test_mini_store_findings(mini_store_ro):
    report = quality_report(mini_store_ro, "nl", today="2026-12-01")
    assert report.conforms and report.shapes == ()
    assert [(i.iri, i.detail) for i in report.obstacles_without_solutions] == [
        (D + "O03", "bewust open")]
    assert [i.iri for i in report.solutions_without_cases] == [D + "S02"]
    assert report.solutions_without_sources == ()
    assert report.stale == () and report.version == mini_store_ro.version()


def test_stale_items_oldest_first(mini_store_ro):
    report = quality_report(mini_store_ro, "en", today="2028-01-01", stale_days=365)
    assert report.stale and all(i.detail == "2026-11-28" for i in report.stale)
    assert {i.kind for i in report.stale} >= {"obstacle", "solution", "case"}
    assert quality_report(mini_store_ro, today="2027-01-01", stale_days=400).stale == ()


def test_shacl_results_grouped_by_shape_with_labels(mini_store):
    load_paths(mini_store, [BAD], check=False)
    report = quality_report(mini_store, "nl", today="2026-12-01")
    assert not report.conforms
    groups = {g.shape: g for g in report.shapes}
    result = groups["wgsh:SolutionShape"].results[0]  # S01 addresses an unknown O77
    assert (result.item.iri, result.item.kind, result.value) == (D + "S01", "solution", "wgd:O77")
    assert result.item.label == "convenant gegevensdeling"
    assert result.message == "Een oplossing pakt minstens één bekende belemmering aan."
    assert report.counts()["shapes"] == sum(len(g.results) for g in report.shapes)


def test_solutions_without_sources(mini_store):
    mini_store.update("DELETE WHERE { GRAPH ?g { <%sS02> <http://purl.org/dc/terms/source> ?s } }"
                      % D)
    report = quality_report(mini_store, "en")
    assert [i.label for i in report.solutions_without_sources] == ["pooled budget"]


def test_bundled_knowledge_base(kb_store):
    report = quality_report(kb_store, "en", today="2026-12-01")
    assert report.conforms
    assert report.to_review and all(i.detail for i in report.to_review)
    assert any("CBS code from an older division" in i.detail for i in report.to_review)
    counts = report.counts()
    assert counts["solutions_without_cases"] > 0 and counts["stale"] == 0


def test_another_stale_limit_reuses_the_rest_and_a_write_does_not(mini_store):
    first = quality_report(mini_store, "nl", today="2028-01-01", stale_days=365)
    other = quality_report(mini_store, "nl", today="2028-01-01", stale_days=3650)
    assert first.stale and other.stale == ()
    assert other.shapes is first.shapes and other.to_review is first.to_review
    load_paths(mini_store, [BAD], check=False)  # a new version: everything is read again
    after = quality_report(mini_store, "nl", today="2028-01-01", stale_days=3650)
    assert not after.conforms and after.shapes != first.shapes
