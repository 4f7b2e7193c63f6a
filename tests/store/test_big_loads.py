"""Big loads into an on-disk store: a new store is built beside the live one and swapped in,
so a load killed half-way leaves the old data readable at once, staging graphs are never
visible, and the next writable open cleans up (and says so) and gives the space back."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.bigload import run as bigload_run, to_markdown as bigload_markdown
from graph.kb.loading import ensure_ready, load_paths, open_store
from graph.query.workers import execute_query
from graph.store.embedded import EmbeddedStore, NamedNode, open_embedded
from graph.store.swap import leftovers, size_mb
from tests.conftest import MINI

ROOT = Path(__file__).resolve().parents[2]
BIG = "https://w3id.org/wijkgraaf/graph/source/big.nt"
GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _lines(start: int, stop: int) -> bytes:
    return "".join(f'<https://x/s{i}> <https://x/p> "{i}" .\n'
                   for i in range(start, stop)).encode()


def _mini_store(folder: Path) -> tuple[int, int]:
    """An on-disk store with the mini knowledge base; its version and triple count."""
    store = ensure_ready(open_store(folder), bundled=False)
    load_paths(store, [MINI])
    version, count = store.version(), _triples(store)
    store.flush()
    return version, count


def _triples(store: EmbeddedStore) -> int:
    (row,) = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(row["n"].value)


def _graphs(store: EmbeddedStore) -> set[str]:
    return {row["g"].value for row in store.select(GRAPHS_QUERY)}


def _child(folder: Path, source: Path) -> subprocess.Popen:
    """A process that bulk-loads ``source`` into the store at ``folder``."""
    script = ("import sys, pyoxigraph as ox; from pathlib import Path; "
              "from graph.store.embedded import open_embedded; "
              "store = open_embedded(sys.argv[1]); "
              f"store.replace_graphs_from_files({{{BIG!r}: (Path(sys.argv[2]), "
              "ox.RdfFormat.N_TRIPLES)}, lambda iri, n: [])")
    return subprocess.Popen([sys.executable, "-c", script, str(folder), str(source)],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stderr=subprocess.PIPE)


def test_a_load_killed_half_way_leaves_the_old_data_readable_and_the_next_open_cleans_up(
        tmp_path, capsys):
    folder = tmp_path / "db"
    version, count = _mini_store(folder)
    fifo = tmp_path / "big.nt"
    os.mkfifo(fifo)  # the child reads the file as we write it: we kill it half-way, for sure
    child = _child(folder, fifo)
    try:
        with open(fifo, "wb") as pipe:  # opens once the child's bulk loader does
            pipe.write(_lines(0, 300_000))
            pipe.flush()
            assert leftovers(folder), "the new store is built beside the live one"
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
    except BrokenPipeError:
        pass
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    left = leftovers(folder)
    assert left and size_mb(left) > 0

    reader = EmbeddedStore(folder, read_only=True)  # at once, while the debris is still there
    assert (reader.version(), _triples(reader)) == (version, count)
    assert not any("staging" in g for g in _graphs(reader))
    del reader

    capsys.readouterr()
    store = open_embedded(folder)
    said = capsys.readouterr().err
    assert "opruimen van een afgebroken laadactie" in said
    assert "cleaning up an interrupted load" in said
    assert leftovers(folder) == []
    assert (store.version(), _triples(store)) == (version, count)
    assert BIG not in store.graph_names()
    del store
    open_embedded(folder)
    assert "afgebroken" not in capsys.readouterr().err  # nothing left to say the next time


def test_staging_graphs_in_the_store_are_never_visible_and_their_space_is_given_back(
        tmp_path, capsys):
    folder = tmp_path / "db"
    version, count = _mini_store(folder)
    raw = ox.Store(str(folder))  # as an older load killed half-way left it
    junk = NamedNode("urn:wijkgraaf:staging:left-over")
    raw.bulk_extend(ox.Quad(NamedNode(f"https://x/s{i}"), NamedNode("https://x/p"),
                            ox.Literal("x" * 200 + str(i)), junk) for i in range(50_000))
    raw.flush()
    del raw
    before = size_mb([folder])

    reader = EmbeddedStore(folder, read_only=True)
    graphs = _graphs(reader)
    assert graphs and not any(g.startswith("urn:wijkgraaf:staging:") for g in graphs)
    assert not reader.ask("ASK { GRAPH <urn:wijkgraaf:staging:left-over> { ?s ?p ?o } }")
    assert not any("staging" in q.graph_name.value for q in reader.dump_quads())
    del reader
    worker_store = ox.Store.read_only(str(folder))  # what a query worker opens
    visible = [g for g in worker_store.named_graphs() if g != junk]
    reply = execute_query(worker_store, visible, {"sparql": GRAPHS_QUERY, "format": "json"})
    assert reply["status"] == "ok" and reply["count"] == len(graphs)
    assert b"staging" not in reply["body"]
    del worker_store

    capsys.readouterr()
    store = open_embedded(folder)
    assert "cleaning up an interrupted load" in capsys.readouterr().err
    assert junk.value not in {g.value for g in store._ox.named_graphs()}
    assert (store.version(), _triples(store)) == (version, count)
    assert size_mb([folder]) < before / 2, "the staging graph's space is given back"


def test_readers_see_the_old_graph_or_the_new_one_never_half_a_load(tmp_path):
    folder = tmp_path / "db"
    _mini_store(folder)
    store = open_embedded(folder)
    small, big = tmp_path / "small" / "big.nt", tmp_path / "big" / "big.nt"
    small.parent.mkdir()
    big.parent.mkdir()
    small.write_bytes(_lines(0, 1_000))
    big.write_bytes(_lines(0, 40_000))
    load_paths(store, [small], check=False)
    seen: list[tuple[int, int]] = []  # (version, triples in the graph), in the order read
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            version = store.version()
            (row,) = store.select(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}")
            seen.append((version, int(row["n"].value)))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        time.sleep(0.05)
        result = load_paths(store, [big], check=False)
        time.sleep(0.05)
    finally:
        done.set()
        reader.join()
    counts = [n for _, n in seen]
    assert set(counts) == {1_000, 40_000}, "only the old graph or the new one, whole"
    first_new = counts.index(40_000)
    assert set(counts[first_new:]) == {40_000}, "once the new graph is seen, never the old"
    versions = [v for v, _ in seen]
    assert versions == sorted(versions)
    assert result.graphs == {BIG: 40_000}
    assert leftovers(folder) == []


def test_a_malformed_file_changes_nothing_and_leaves_nothing_beside_the_store(tmp_path):
    folder = tmp_path / "db"
    version, count = _mini_store(folder)
    store = open_embedded(folder)
    bad = tmp_path / "bad.nt"
    bad.write_bytes(_lines(0, 5_000) + b"<https://x/s> <https://x/p> oops .\n")
    with pytest.raises(Exception, match="bad.nt"):
        load_paths(store, [bad], check=False)
    assert (store.version(), _triples(store)) == (version, count)
    assert leftovers(folder) == []


def test_a_bulk_load_keeps_the_other_graphs_their_meta_and_counts_the_version_once(tmp_path):
    folder = tmp_path / "db"
    version, _ = _mini_store(folder)
    store = open_embedded(folder)
    before = {g: sorted(map(str, store.graph_triples(g))) for g in store.graph_names()}
    source = tmp_path / "big.nt"
    source.write_bytes(_lines(0, 2_000))
    load_paths(store, [source], check=False)
    assert store.version() == version + 1
    after = {g: sorted(map(str, store.graph_triples(g))) for g in store.graph_names()}
    meta = "https://w3id.org/wijkgraaf/graph/meta"
    assert {g: t for g, t in after.items() if g not in {BIG, meta}} == {
        g: t for g, t in before.items() if g != meta}
    (row,) = store.select(f"SELECT ?n WHERE {{ GRAPH <{meta}> {{ <{BIG}> "
                          "<http://rdfs.org/ns/void#triples> ?n } }")
    assert int(row["n"].value) == 2_000
    del store
    again = open_embedded(folder)  # the swapped-in directory is the store from now on
    assert again.version() == version + 1 and BIG in again.graph_names()


@pytest.mark.slow  # it loads the whole bundled knowledge base first, as the default store has
def test_big_load_benchmark_reports_both_loads_beside_each_other():
    from ontology.shapes_sparql import compiled_checks

    results = bigload_run(3_000, check_times=3)
    for side in ("wijkgraaf", "bulk_load"):
        assert results[side]["seconds"] > 0 and results[side]["rss_mb"] > 0
    assert results["wijkgraaf"]["loaded"] == results["triples"] > 2_000
    assert results["validated"]["violations"] == 0
    timed = results["check_times"]
    assert timed["checks"] == len(compiled_checks()) and len(timed["slowest"]) == 3
    assert [t[0] for t in timed["slowest"]] == sorted((t[0] for t in timed["slowest"]),
                                                      reverse=True)
    table = bigload_markdown(results)
    assert "| time (s) |" in table and "| peak RSS (MB) |" in table
    assert f"{timed['checks']} checks" in table and timed["slowest"][0][1] in table
    json.dumps(results)


def _generated_with_one_fault(path: Path, fault: str | None) -> str:
    """A generated, conforming Wijkgraaf graph of about 40k triples written as Turtle, with one
    ``fault`` (if any) in an item 90% of the way into the file; that item's IRI."""
    from bench.bigload import complete
    from bench.generate import generate
    from ontology.vocab import DCT, ITEM, WG

    data = complete(generate(30_000, seed=3))
    solutions = sorted({t.subject.value for t in data if t.predicate.value == WG.addresses})
    victim = ox.NamedNode(solutions[len(solutions) * 9 // 10])
    if fault == "no modification date":
        data = [t for t in data if not (t.subject == victim
                                        and t.predicate.value == DCT + "modified")]
    elif fault:  # a reference to an item the store does not hold (a check across the graphs)
        data.append(ox.Triple(victim, ox.NamedNode(WG.addresses),
                              ox.NamedNode(ITEM["O-does-not-exist"])))
    ox.serialize(data, output=str(path), format=ox.RdfFormat.TURTLE)
    return victim.value


@pytest.mark.slow  # it loads the whole bundled knowledge base first, as the default store has
@pytest.mark.parametrize("fault", ["no modification date", "unknown obstacle"])
def test_a_big_file_with_one_violation_deep_inside_is_refused_and_nothing_changes(
        tmp_path, fault):
    from graph.kb.loading import NotConformingError

    folder = tmp_path / "db"
    store = ensure_ready(open_store(folder))
    version, count, graphs = store.version(), _triples(store), store.graph_names()
    source = tmp_path / "generated.ttl"
    victim = _generated_with_one_fault(source, fault)
    assert source.stat().st_size > 1_000_000
    with pytest.raises(NotConformingError) as caught:
        load_paths(store, [source])
    report = caught.value.report
    short = "wgd:" + victim.rsplit("/", 1)[-1]
    assert [r.focus for r in report.results] == [short], report.text()
    assert short in caught.value.text()
    assert (store.version(), _triples(store), store.graph_names()) == (version, count, graphs)
    assert leftovers(folder) == []
    _generated_with_one_fault(source, None)  # the same file without the fault loads
    assert load_paths(store, [source]).report.conforms
    assert store.version() == version + 1 and store.ask(f"ASK {{ <{victim}> ?p ?o }}")
