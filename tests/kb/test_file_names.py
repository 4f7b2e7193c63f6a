"""Any file name loads, or is refused with a clear error: graph IRIs are percent-encoded file
names and every IRI reaches SPARQL text as a term written by pyoxigraph (issue: a space in a
name ended in ``ValueError: Invalid IRI code point ' '``)."""

from __future__ import annotations

import shutil

import pytest

from graph.cli import main
from graph.kb import ensure_ready, load_paths, open_store, validate_store
from graph.kb.loading import source_graph_iri
from tests.conftest import DATA, MINI

NAMES = ["mini copy.ttl", "één bestand.ttl", "a#b?c.ttl", 'quote"<{x}>.ttl', "50% klaar.ttl"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("check", [True, False], ids=["validated", "unvalidated"])
def test_a_file_of_any_name_loads_into_its_own_graph(tmp_path, name, check):
    path = tmp_path / name
    shutil.copy(MINI, path)
    store = ensure_ready(open_store(str(tmp_path / "store")), bundled=False)
    result = load_paths(store, [path], check=check)
    iri = source_graph_iri(path)
    assert list(result.graphs) == [iri] and result.graphs[iri] > 0
    assert iri in store.graph_names() and " " not in iri and "#" not in iri
    assert validate_store(store, [path]).conforms
    again = load_paths(store, [path], check=check)  # a re-import replaces the same graph
    assert again.graphs == result.graphs
    assert store.graph_names().count(iri) == 1


def test_cli_loads_mini_copy_ttl(tmp_path, capsys):
    path = tmp_path / "mini copy.ttl"
    shutil.copy(MINI, path)
    assert main(["load", "--store", str(tmp_path / "s"), "--no-bundled", "-q", str(path)]) == 0
    assert "source/mini%20copy.ttl" in capsys.readouterr().out


def test_workbook_with_a_space_in_its_name_loads(tmp_path, mini_store_ro, mini_store):
    from graph.kb import SOURCE_BASE
    from loaders import write_workbook

    triples = [t for g in mini_store_ro.graph_names() if g.startswith(SOURCE_BASE)
               for t in mini_store_ro.graph_triples(g)]
    path = write_workbook(triples, tmp_path / "kennisbank mei.xlsx")
    result = load_paths(mini_store, [path], check=False)  # the same items, in a second graph
    assert list(result.graphs) == [source_graph_iri(path)] and result.graphs[source_graph_iri(path)]
    assert source_graph_iri(path).endswith("kennisbank%20mei.xlsx")


@pytest.mark.parametrize("name", ["kapot bestand.ttl", "één#kapot?.ttl"])
def test_an_unloadable_file_of_any_name_gets_a_clear_error(tmp_path, capsys, name):
    path = tmp_path / name
    shutil.copy(DATA / "bad" / "malformed.ttl", path)
    store = str(tmp_path / "s")
    assert main(["load", "--store", store, "--no-bundled", "-q", str(MINI)]) == 0
    capsys.readouterr()
    assert main(["load", "--store", store, "--no-bundled", "-q", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: ") and name in err and "Traceback" not in err
    assert main(["stats", "--store", store]) == 0  # what was there before is still there
