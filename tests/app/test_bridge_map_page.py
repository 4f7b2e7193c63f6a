"""The bridge map page (issue 13, Deliver 1) in Streamlit's AppTest: the gap finding at the
top, filters that change the cells, the URL round trip, a cell with its ranked solutions and
reasons, its obstacles without a solution, and its CSV (formula-safe)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import app_test
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.ttl"
PAGE = "app_pages/bridges.py"


class _Kept(MemoryMediaFileStorage):
    """Streamlit's own in-memory media storage, keeping every file it was given (AppTest
    drops its storage after each run), so a test can read what a download button serves."""

    files: list = []

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
        _Kept.files.append((filename, mimetype, self.get_file(file_id).content))
        return file_id


@pytest.fixture
def kept(monkeypatch):
    _Kept.files = []
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", _Kept)
    return _Kept.files


def _open(monkeypatch, data: Path | None, lang: str = "nl", **params: str) -> AppTest:
    monkeypatch.setenv("WIJKGRAAF_STORE", ":memory:")
    if data is None:
        monkeypatch.delenv("WIJKGRAAF_DATA", raising=False)  # the bundled knowledge base
    else:
        monkeypatch.setenv("WIJKGRAAF_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in {**params, **({"lang": lang} if lang != "nl" else {})}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _ranked(at: AppTest) -> list[str]:
    """The numbered solution links ('1. …'), in page order."""
    return [e.proto.label for e in at.get("page_link")
            if e.proto.label.split(".")[0].isdigit()]


def _reasons(at: AppTest) -> list[str]:
    """The reason texts of the cell's solutions (the markdown after the chips)."""
    return [m.value.split("]  ", 1)[1] for m in at.markdown if "-badge[" in m.value]


def test_gap_finding_at_the_top_and_a_cell_with_its_open_obstacles(monkeypatch):
    at = _open(monkeypatch, MINI)
    finding = [m.value for m in at.markdown
               if m.value.startswith("**") and "witte vlek" in m.value.lower()]
    assert finding and finding[0].startswith("**Eén witte vlek**"), finding
    gap_links = [e for e in at.get("page_link") if "geen oplossing" in e.proto.label]
    assert [e.proto.label for e in gap_links] == [
        "gezondheid × veiligheid: de enige belemmering heeft geen oplossing · geen enkele "
        "oplossing"]
    assert "a=dom-gezondheid" in gap_links[0].proto.query_string
    at = _open(monkeypatch, MINI, a="dom-gezondheid", b="dom-veiligheid")
    assert at.subheader[0].value == "gezondheid × veiligheid"
    assert _ranked(at) == [] and "witte vlek" in at.warning[0].value
    open_links = [e.proto.label for e in at.get("page_link") if e.proto.page.endswith(
        "obstacle.py") or "belemmering" in e.proto.page]
    assert "niemand kent elkaar" in open_links


def test_filters_change_the_cells(monkeypatch):
    at = _open(monkeypatch, MINI, a="dom-gezondheid", b="dom-wonen")
    assert _ranked(at) == ["1. convenant gegevensdeling", "2. ontschot budget"]
    assert "2 van de 2 oplossingen tellen mee." in [c.value for c in at.caption]
    at.multiselect(key="bm_f_effort").set_value(["inspanning-hoog"]).run()
    assert _ranked(at) == ["1. ontschot budget"]
    assert "1 van de 2 oplossingen telt mee." in [c.value for c in at.caption]
    assert at.query_params["effort"] == "inspanning-hoog"
    at.multiselect(key="bm_f_effort").set_value([]).run()
    at.toggle(key="bm_derived").set_value(False).run()  # only stated bridges: S02 is derived
    assert _ranked(at) == ["1. convenant gegevensdeling"]
    assert at.query_params["derived"] == "0"
    at.multiselect(key="bm_f_area").set_value(["GM0344"]).run()  # S01 has a case in West
    assert _ranked(at) == ["1. convenant gegevensdeling"]
    assert any("Al toegepast in dit gebied" in r for r in _reasons(at))


def test_url_round_trip(monkeypatch):
    at = _open(monkeypatch, MINI, "en")
    at.segmented_control(key="bm_view").set_value("categories").run()
    at.multiselect(key="bm_f_decision").set_value(["besluit-bestuur"]).run()
    at.selectbox(key="bm_cell").set_value("cat-geld~dom-veiligheid").run()
    shown = (at.subheader[0].value, _ranked(at), _reasons(at))
    assert shown[0] == "money and funding × safety" and shown[1] == ["1. pooled budget"]
    url = {k: at.query_params[k] for k in at.query_params}
    assert url == {"view": "categories", "decision": "besluit-bestuur", "a": "cat-geld",
                   "b": "dom-veiligheid", "lang": "en"}
    again = _open(monkeypatch, MINI, **url)
    assert again.segmented_control(key="bm_view").value == "categories"
    assert again.multiselect(key="bm_f_decision").value == ["besluit-bestuur"]
    assert again.selectbox(key="bm_cell").value == "cat-geld~dom-veiligheid"
    assert (again.subheader[0].value, _ranked(again), _reasons(again)) == shown
    # a bad value in the address is ignored, not a traceback
    bad = _open(monkeypatch, MINI, view="weird", effort="nope", a="dom-x", b="dom-wonen")
    assert bad.segmented_control(key="bm_view").value == "domains"
    assert bad.multiselect(key="bm_f_effort").value == []


def test_a_bundled_cell_has_specific_reasons(monkeypatch):
    at = _open(monkeypatch, None, a="dom-gezondheid", b="dom-wonen")
    reasons = _reasons(at)
    assert len(reasons) >= 3 and len(set(reasons)) >= 3
    assert len(set(reasons)) == len(reasons)  # every solution of this cell: its own reason
    assert all("Bewijsniveau" in r for r in reasons)
    assert sum(1 for r in reasons if r.startswith("Pakt '")) >= 3  # obstacles by name
    # a cell of the category view ranks with the same one ranking
    at.segmented_control(key="bm_view").set_value("categories").run()
    assert _ranked(at) and len(set(_reasons(at))) == len(_reasons(at))


def test_cell_as_csv_is_formula_safe(monkeypatch, kept, tmp_path):
    data = tmp_path / "mini.ttl"
    data.write_text(MINI.read_text(encoding="utf-8").replace(
        '"convenant gegevensdeling"@nl', '"=HYPERLINK(\\"http://x\\") convenant"@nl'),
        encoding="utf-8")
    at = _open(monkeypatch, data, a="dom-gezondheid", b="dom-veiligheid")
    at.selectbox(key="bm_cell").set_value("dom-gezondheid~dom-wonen").run()
    files = [f for f in kept if f[0] and f[0].endswith(".csv")]
    assert files, kept
    name, mime, content = files[-1]
    assert name == "wijkgraaf-cel-dom-gezondheid-dom-wonen.csv" and mime == "text/csv"
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [(r["soort"], r["plaats"], r["id"]) for r in rows] == [
        ("oplossing", "1", "S01"), ("oplossing", "2", "S02")]
    assert rows[0]["naam"] == "'=HYPERLINK(\"http://x\") convenant"  # text, not a formula
    assert rows[0]["brug"] == "genoemd + afgeleid" and rows[1]["brug"] == "afgeleid"
    assert rows[0]["bewijsniveau"] == "goed beschreven"
    assert rows[0]["waarom"].startswith("Pakt 'gegevens delen mag niet' aan")
    svg = [f for f in kept if f[0] and f[0].endswith(".svg")]
    assert svg and svg[-1][2].startswith(b"<svg") and b"<circle" in svg[-1][2]
    # the gap cell: its obstacle without a solution is a row of the CSV
    at.selectbox(key="bm_cell").set_value("dom-gezondheid~dom-veiligheid").run()
    csvs = [f for f in kept if f[0] == "wijkgraaf-cel-dom-gezondheid-dom-veiligheid.csv"]
    rows = list(csv.DictReader(io.StringIO(csvs[-1][2].decode("utf-8-sig"))))
    assert [(r["soort"], r["id"], r["naam"]) for r in rows] == [
        ("belemmering zonder oplossing", "O03", "niemand kent elkaar")]
