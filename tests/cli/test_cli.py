"""The ``wijkgraaf`` command end to end, on a store in a temporary directory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from graph.cli.main import main
from tests.conftest import MINI

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


@pytest.fixture
def store_dir(tmp_path):
    path = tmp_path / "store"
    assert main(["load", "--store", str(path), "--no-bundled", "-q", str(MINI)]) == 0
    return str(path)


def test_load_and_stats(store_dir, capsys):
    capsys.readouterr()
    assert main(["stats", "--store", store_dir]) == 0
    out = capsys.readouterr().out
    assert "belemmeringen" in out and "(versie " in out and "version" not in out
    assert main(["stats", "--store", store_dir, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "obstacles" in out and "(version " in out and "versie" not in out


def test_validate_exit_codes(store_dir, capsys):
    assert main(["validate", "--store", store_dir]) == 0
    assert main(["validate", "--store", store_dir, str(BAD / "nonconforming.ttl")]) == 1
    assert "O77" in capsys.readouterr().out
    assert main(["validate", "--store", store_dir, str(BAD / "malformed.ttl")]) == 2


def test_query_formats(store_dir, capsys):
    capsys.readouterr()
    q = "SELECT ?s WHERE { ?s a wg:Solution } ORDER BY ?s"
    assert main(["query", "--store", store_dir, q, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = [b["s"]["value"].rsplit("/", 1)[1] for b in data["results"]["bindings"]]
    assert ids == ["S01", "S02"]
    assert main(["query", "--store", store_dir, q, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "s"


def test_query_syntax_error_has_line_and_column(store_dir, capsys):
    assert main(["query", "--store", store_dir, "SELECT ?s WHERE {\n ?s ?p }"]) == 2
    assert "regel 2" in capsys.readouterr().err
    assert main(["query", "--store", store_dir, "SELECT ?s WHERE {\n ?s ?p }", "--lang",
                 "en"]) == 2
    assert "line 2" in capsys.readouterr().err


def test_query_refuses_updates(store_dir, capsys):
    assert main(["query", "--store", store_dir, "DELETE WHERE { ?s ?p ?o }", "--lang", "en"]) == 2
    assert "read-only" in capsys.readouterr().err


def test_export_formats_parse_back(store_dir, tmp_path):
    for fmt, rdflib_fmt in [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"),
                            ("xml", "xml"), ("trig", "trig")]:
        out = tmp_path / f"dump.{fmt}"
        assert main(["export", "--store", store_dir, "--format", fmt, "-o", str(out)]) == 0
        graph = rdflib.Dataset() if fmt == "trig" else rdflib.Graph()
        graph.parse(out, format=rdflib_fmt)
        assert len(graph) > 0 or len(list(graph.quads())) > 0


def test_template_written(tmp_path):
    out = tmp_path / "t.xlsx"
    assert main(["template", "-o", str(out)]) == 0
    import openpyxl

    assert "belemmeringen" in openpyxl.load_workbook(out).sheetnames


def test_bad_load_exits_2_and_keeps_store(store_dir, capsys):
    assert main(["load", "--store", store_dir, str(BAD / "malformed.ttl")]) == 2
    assert "regel 4" in capsys.readouterr().err
    assert main(["validate", "--store", store_dir]) == 0


def test_console_script_help():
    exe = Path(sys.executable).parent / "wijkgraaf"
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True).stdout
    for command in ("load", "validate", "query", "export", "stats", "template"):
        assert command in out


def test_query_kinds_with_prefixes_and_comments(store_dir, capsys):
    ask = ("# is there a solution?\nPREFIX x: <https://w3id.org/wijkgraaf/def#>\n"
           "ASK { ?s a x:Solution }")
    assert main(["query", "--store", store_dir, ask]) == 0
    assert capsys.readouterr().out.strip() == "true"
    construct = "CONSTRUCT { ?s a wg:Solution } WHERE { ?s a wg:Solution } # all"
    assert main(["query", "--store", store_dir, construct]) == 0
    assert capsys.readouterr().out.count("Solution") == 2


def test_a_store_held_by_another_process_can_be_read_not_written(store_dir):
    import pyoxigraph as ox

    holder = ox.Store(store_dir)  # as the running app or 'wijkgraaf serve' would
    exe = str(Path(sys.executable).parent / "wijkgraaf")
    stats = subprocess.run([exe, "stats", "--store", store_dir], capture_output=True, text=True,
                           check=False)
    assert stats.returncode == 0 and "belemmeringen" in stats.stdout
    load = subprocess.run([exe, "load", "--store", store_dir, str(MINI), "--lang", "en"],
                          capture_output=True, text=True, check=False)
    assert load.returncode == 2 and "in use by another Wijkgraaf process" in load.stderr
    del holder


def test_a_long_inline_query_is_text_not_a_file_name(store_dir, capsys):
    """`wijkgraaf query "<300 characters>"` ran into `[Errno 36] File name too long`."""
    query = ("SELECT ?s WHERE { ?s a <https://w3id.org/wijkgraaf/def#Obstacle> }" + " " * 200
             + "# " + "x" * 40)
    assert 255 <= len(query) < 400
    assert main(["query", "--store", store_dir, query, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("s\n")


def test_files_written_with_o_get_the_umask_mode(store_dir, tmp_path):
    """Files written with `-o` got mode 0600 (the temporary file's), not the user's umask."""
    import os

    old = os.umask(0o022)
    try:
        out = tmp_path / "export.ttl"
        assert main(["export", "--store", store_dir, "--format", "turtle", "-o", str(out)]) == 0
        book = tmp_path / "kb.xlsx"
        assert main(["workbook", "--store", store_dir, "-o", str(book)]) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    assert book.stat().st_mode & 0o777 == 0o644
