"""Smoke test of the benchmark at a tiny size: the generator's shape and the report."""

from __future__ import annotations

import json

import pyoxigraph as ox

from bench.__main__ import main as bench_main
from bench.generate import VOCABULARY, generate, item_counts
from bench.run import run, to_markdown
from graph.kb.loading import ensure_ready, open_store
from graph.analytics.projection import edge_predicates, project
from ontology import WG
from ontology.vocab import RDF_TYPE

STEPS = ["load", "projection", "bridge_matrix", "rank_organisation_type", "rank_solution",
         "routes", "agenda"]


def test_generated_graph_has_the_model_shape():
    triples = generate(4000, seed=3)
    assert triples == generate(4000, seed=3) and triples != generate(4000, seed=4)
    store = ensure_ready(open_store(), bundled=False)
    store.replace_graphs({"https://w3id.org/wijkgraaf/graph/source/bench": triples}, meta=[])
    G = project(store)
    kinds = {k for _, k in G.nodes(data="kind")}
    assert {"domain", "obstacle", "solution", "organisation_type", "organisation", "case",
            "area", "legal_frame", "programme", "theme"} <= kinds
    used = {t.predicate.value for t in triples if isinstance(t.object, ox.NamedNode)}
    assert {k for _, _, k in G.edges(keys=True)} <= set(edge_predicates()) & used
    assert 0.05 < G.number_of_nodes() / len(triples) < 0.15  # about 1M → 98k nodes


def test_classifications_grow_to_their_ceiling_and_stay():
    """Domains and organisation types are lists a programme keeps, not data that grows with
    it: past their ceiling (near 1M triples) only the other kinds grow."""
    small, big, bigger = (item_counts(n) for n in (4000, 1_000_000, 3_000_000))
    for kind, (floor, _, ceiling) in VOCABULARY.items():
        assert small[kind] == floor and big[kind] == bigger[kind] == ceiling
    assert bigger["obstacle"] > 2.5 * big["obstacle"]
    triples = generate(4000, seed=3)
    types = {t.subject.value for t in triples if t.predicate.value == str(RDF_TYPE)
             and t.object.value == str(WG.OrganisationType)}
    assert len(types) == small["organisation_type"]


def test_run_reports_every_step_with_ratios(tmp_path, capsys):
    results = run([1500], repeat=1)
    size = results["sizes"]["1500"]
    assert [s["step"] for s in size["steps"]] == STEPS
    for step in size["steps"]:
        assert step["ours_s"] > 0 and step["raw_s"] > 0 and step["ratio"] > 0
        assert step["rss_mb"] > 0
    assert "| rank_solution |" in to_markdown(results)
    assert bench_main(["--sizes", "1500", "--repeat", "1", "--out", str(tmp_path), "-q"]) == 0
    assert json.loads((tmp_path / "bench.json").read_text())["sizes"]["1500"]["triples"] > 1000
    assert capsys.readouterr().out.startswith("# Wijkgraaf benchmark")


def test_bench_doctests():
    import doctest

    import bench.generate

    assert doctest.testmod(bench.generate, optionflags=doctest.ELLIPSIS).failed == 0


def test_first_warm_click_is_reported_beside_the_engine(monkeypatch):
    from pathlib import Path

    from bench import app_bench

    mini = Path(__file__).resolve().parents[1] / "data" / "mini.ttl"
    monkeypatch.setattr(app_bench, "_STORE", [])
    monkeypatch.setenv("WIJKGRAAF_STORE", ":memory:")
    out = app_bench.warm_clicks(str(mini), repeat=1, pages={
        "obstacle": app_bench.warm_obstacle, "solution": app_bench.warm_solution})
    assert list(out) == ["obstacle", "solution"]
    for row in out.values():
        assert row["first_click_ms"] > 0 and row["engine_ms"] > 0 and row["target_ms"] == 300
        # (the ratio is taken before rounding the two times)
        assert abs(row["ratio"] - row["first_click_ms"] / row["engine_ms"]) <= \
            0.05 * row["ratio"] + 0.1


def test_warm_clicks_run_on_a_generated_graph(tmp_path, monkeypatch):
    """The pages whose clicks name bundled items (routes, players, export) pick the
    generated graph's own items when those are missing (``--data gen-1m.nt``)."""
    from bench import app_bench
    from bench.generate import write

    data = write(tmp_path / "gen.nt", generate(3000, seed=2))
    monkeypatch.setattr(app_bench, "_STORE", [])
    monkeypatch.setenv("WIJKGRAAF_STORE", ":memory:")
    names = ["routes", "players", "players#sides", "editor_export"]
    out = app_bench.warm_clicks(str(data), repeat=1,
                                pages={n: app_bench.WARM[n] for n in names})
    assert list(out) == names
    assert all(row["first_click_ms"] > 0 and row["engine_ms"] > 0 for row in out.values())


def test_run_measures_memory_per_step_and_the_app_apart():
    size = run([1500], repeat=1)["sizes"]["1500"]
    for step in size["steps"]:
        assert 0 < step["step_mb"] <= step["rss_mb"] and "kept_mb" in step
    projection = next(s for s in size["steps"] if s["step"] == "projection")
    assert projection["rows_s"] > 0 and "row SELECTs" in projection["raw"]
    app = size["app"]
    assert app["store_mb"] >= 0 and app["projection_mb"] >= 0 and app["peak_mb"] > 0
    assert app["peak_mb"] >= app["start_mb"]
