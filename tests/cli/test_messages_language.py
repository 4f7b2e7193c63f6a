"""Every message of the command line in the language of ``--lang``, one at a time (issue 15,
item 6: Dutch output read "fout / error: <English text>").

Failing commands of each sort run in Dutch and in English; the Dutch output may hold no
English sentence and the English none in Dutch (a list of marker words of each language,
outside what the user typed and the file names), and the place — file, line or row — is still
named."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from graph.cli.main import main
from tests.conftest import MINI

DATA = Path(__file__).resolve().parents[1] / "data"
SEARCH_TTL = Path(__file__).resolve().parents[1] / "items" / "search.ttl"

#: words only our English sentences use, and only our Dutch ones
ENGLISH = ["the", "unknown", "not", "file", "line", "row", "column", "error", "did you mean",
           "choose", "nothing", "loaded", "violations?", "expected", "names more than one",
           "give", "no such", "directory", "does not conform", "shapes", "is empty", "value"]
DUTCH = ["de", "het", "een", "geen", "niet", "fout", "bestand", "regel", "rij", "kolom",
         "onbekend", "bedoelde je", "niets", "geladen", "overtredingen?", "verwacht",
         "waarde", "tabblad", "past bij", "geef", "gevonden", "voldoen", "van"]


def _words(markers: list[str]) -> re.Pattern:
    return re.compile(r"\b(" + "|".join(markers) + r")\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """A store with the mini knowledge base, and one with the search fixture, whose
    'wachtlijst' names two obstacles."""
    root = tmp_path_factory.mktemp("lang")
    mini, search = str(root / "mini"), str(root / "search")
    assert main(["load", "--store", mini, "--no-bundled", "-q", str(MINI)]) == 0
    assert main(["load", "--store", search, "--no-bundled", "--no-validate", "-q",
                 str(SEARCH_TTL)]) == 0
    bad_row = root / "belemmeringen.csv"
    shutil.copy(DATA / "bad" / "unknownref" / "belemmeringen.csv", bad_row)
    return {"mini": mini, "search": search, "root": root, "bad_row": bad_row}


#: name → (arguments with {mini}/{search}/{root}/{bad_row}, what must be named, the exit code)
CASES = {
    "bad file name": (["load", "-q", "--store", "{mini}", "{root}/geen-bestand.ttl"],
                      ["geen-bestand.ttl"], 2),
    "ttl syntax error": (["load", "-q", "--store", "{mini}", str(DATA / "bad" / "malformed.ttl")],
                         ["malformed.ttl", "4"], 2),
    "spreadsheet bad row": (["load", "-q", "--store", "{mini}", "{bad_row}"],
                            ["belemmeringen.csv", "2", "dom-gezondhied"], 2),
    "unknown id": (["routes", "--store", "{mini}", "O99", "O01"], ["O99"], 2),
    "unknown id, near": (["routes", "--store", "{mini}", "O0l", "O01"], ["O0l", "O01"], 2),
    "ambiguous name": (["solutions", "--store", "{search}", "wachtlijst"], ["O07", "O08"], 2),
    "non-conforming load": (["load", "-q", "--store", "{mini}",
                             str(DATA / "bad" / "nonconforming.ttl")], ["O77"], 2),
    "bad query": (["query", "--store", "{mini}", "SELECT ?s WHERE {\n ?s ?p }"], ["2", "9"], 2),
    "update refused": (["query", "--store", "{mini}", "DELETE WHERE { ?s ?p ?o }"], [], 2),
    "unknown kind": (["rank", "bakkerij", "--store", "{mini}"], ["bakkerij"], 2),
    "two same domains": (["bridges", "--store", "{mini}", "dom-wonen", "wonen"], ["dom-wonen"], 2),
    "missing query file": (["query", "--store", "{mini}", "{root}/vraag.rq"], ["vraag.rq"], 2),
}
#: the place words each case must show, per language
PLACES = {"ttl syntax error": (["bestand", "regel", "kolom"], ["file", "line", "column"]),
          "spreadsheet bad row": (["bestand", "tabblad", "rij", "kolom"],
                                  ["file", "sheet", "row", "column"]),
          "bad query": (["regel", "kolom"], ["line", "column"])}


def _fill(arg: str, stores) -> str:
    for name, value in stores.items():
        arg = arg.replace("{" + name + "}", str(value))
    return arg


def _run(stores, args, lang, capsys) -> tuple[int, str]:
    capsys.readouterr()
    argv = [_fill(a, stores) for a in args] + ["--lang", lang]
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _ours(text: str, stores) -> str:
    """The text without what is not ours: file paths, what the user typed ('…'), ids."""
    text = text.replace(str(stores["root"]), "").replace(str(DATA), "")
    text = re.sub(r"'[^'\n]*'", "", text)
    return re.sub(r"\b[\w.-]+\.(ttl|csv|rq)\b", "", text)


@pytest.mark.parametrize("case", list(CASES))
def test_each_failure_speaks_one_language_and_says_where(stores, case, capsys):
    args, named, exit_code = CASES[case]
    for lang, other, prefix in (("nl", ENGLISH, "fout: "), ("en", DUTCH, "error: ")):
        code, text = _run(stores, args, lang, capsys)
        assert code == exit_code, text
        assert re.search(rf"^{prefix}", text, re.M) and "Traceback" not in text, text
        assert "fout / error" not in text
        for thing in named:
            assert thing in text, (lang, text)
        for word in PLACES.get(case, ([], []))[0 if lang == "nl" else 1]:
            assert re.search(rf"\b{word}\b", text), (lang, word, text)
        stray = _words(other).findall(_ours(text, stores))
        assert not stray, (lang, stray, text)


def test_the_english_text_of_an_error_is_what_it_always_was(stores, capsys):
    """Library users and tests match on ``str(error)``: it stays English."""
    from ontology import InputError
    from loaders import read_spreadsheet

    with pytest.raises(InputError) as error:
        read_spreadsheet(stores["bad_row"], {})
    assert str(error.value) == error.value.text("en")
    assert str(error.value).startswith(f"file {stores['bad_row']}, sheet belemmeringen, row 2")
    assert error.value.text("nl").startswith(f"bestand {stores['bad_row']}, tabblad "
                                             "belemmeringen, rij 2")


def test_output_lines_follow_the_language(stores, tmp_path, capsys):
    """Not only errors: the load summary, stats and the bridges table."""
    for lang, expect, foreign in (("nl", ["opslagversie", "grafen:"], ["store version",
                                                                      "graphs:"]),
                                  ("en", ["store version", "graphs:"], ["opslagversie",
                                                                        "grafen:"])):
        store = str(tmp_path / lang)
        _, text = _run(stores, ["load", "--store", store, "--no-bundled", "-q", str(MINI)],
                       lang, capsys)
        _, more = _run(stores, ["stats", "--store", store], lang, capsys)
        for word in expect:
            assert word in text + more, (lang, word)
        for word in foreign:
            assert word not in text + more, (lang, word)
    _, nl = _run(stores, ["bridges", "dom-wonen", "dom-gezondheid", "--store", "{mini}"], "nl",
                 capsys)
    _, en = _run(stores, ["bridges", "dom-wonen", "dom-gezondheid", "--store", "{mini}"], "en",
                 capsys)
    assert "genoemd" in nl and "stated" not in nl
    assert "stated" in en and "genoemd" not in en
    query = "SELECT ?s WHERE { ?s a wg:Solution }"
    assert "(2 rijen)" in _run(stores, ["query", "--store", "{mini}", query], "nl", capsys)[1]
    assert "(2 rows)" in _run(stores, ["query", "--store", "{mini}", query], "en", capsys)[1]


def test_the_library_notes_come_in_one_language(stores, tmp_path, capsys):
    """A skipped empty sheet is a log note of the loader: 'let op / note: …' in both
    languages before; now in the language of ``--lang``."""
    import openpyxl

    book_path = tmp_path / "kb.xlsx"
    assert main(["workbook", "--store", stores["mini"], "-o", str(book_path)]) == 0
    book = openpyxl.load_workbook(book_path)
    book.create_sheet("Blad1")
    book.save(book_path)
    for lang, note, foreign in (("nl", "is leeg en overgeslagen", "ignored"),
                                ("en", "is empty and ignored", "overgeslagen")):
        store = tmp_path / f"s-{lang}"
        shutil.copytree(stores["mini"], store)
        code, text = _run(stores, ["load", "-q", "--no-validate", "--store", str(store),
                                   str(book_path)], lang, capsys)
        assert code == 0, text
        assert note in text and "'Blad1'" in text and foreign not in text, text
