"""The Kwaliteit page's "Kennisbank in cijfers" section in AppTest: the figures of
``graph.kb.kb_report`` on a private copy of the mini knowledge base, in both languages, computed
once per store version and language."""

from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import app_lib.state
from app_lib.texts import TEXTS

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.ttl"


@pytest.fixture
def quality_page(monkeypatch, tmp_path):
    """``open(lang)``: the Kwaliteit page of ``app.py`` on a fresh copy of mini.ttl (its own
    path, so its own cached store and figures)."""
    data = tmp_path / uuid.uuid4().hex / "mini.ttl"
    data.parent.mkdir()
    shutil.copy(MINI, data)
    monkeypatch.setenv("WIJKGRAAF_STORE", ":memory:")
    monkeypatch.setenv("WIJKGRAAF_DATA", str(data))

    def open_page(lang: str = "nl") -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        if lang != "nl":
            at.query_params["lang"] = lang
        at.run()
        at.switch_page("app_pages/editor_quality.py").run()
        assert not at.exception, at.exception
        return at
    return open_page


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def tables(at: AppTest) -> list[list[list[object]]]:
    return [d.value.values.tolist() for d in at.dataframe]


def test_figures_section_shows_the_mini_figures(quality_page):
    at = quality_page()
    assert any(h.value == "Kennisbank in cijfers" for h in at.header)
    shown = metrics(at)
    assert shown["Oplossingen ✗"] == "2" and shown["Belemmeringen ✗"] == "3"
    assert shown["Met voorbeeld ✗"] == "50%"
    assert shown["Wijk of buurt ✓"] == "100%"
    assert shown["Brugcel ✗"] == "2 / 2"
    rows = tables(at)
    assert ["wonen", 2, 2] in next(t for t in rows if ["gezondheid", 2, 1] in t)
    assert ["(geen bewijsniveau)", 1] in next(t for t in rows if ["goed beschreven", 1] in t)
    assert ["wijk", 1] in next(t for t in rows if ["gemeente", 0] in t)
    targets = next(t for t in rows if t and t[0][0] == "oplossingen")
    assert targets[0] == ["oplossingen", "2", "≥ 100", "✗"]
    assert ["belemmeringen met meer dan 4 domeinen", "0", "≤ 0", "✓"] in targets
    assert any("0 bronnen hebben een datum van raadplegen, 1 nog niet" in c.value
               for c in at.caption)


def test_figures_section_in_english_without_dutch(quality_page):
    at = quality_page("en")
    assert any(h.value == "Knowledge base in figures" for h in at.header)
    assert metrics(at)["District level ✓"] == "100%"
    rows = tables(at)
    assert ["housing", 2, 2] in next(t for t in rows if ["health", 2, 1] in t)
    shown = "\n".join([h.value for h in at.header] + [s.value for s in at.subheader]
                      + [c.value for c in at.caption] + list(metrics(at))
                      + [str(cell) for t in rows for row in t for cell in row])
    fragments = {max(re.split(r"\{[^}]*\}", nl), key=len).strip()
                 for key, (nl, en) in TEXTS.items() if key.startswith("kbr_") and nl != en}
    dutch = [f for f in fragments if len(f) > 6 and f in shown]
    assert dutch == []


def test_figures_are_computed_once_per_version_and_language(quality_page, monkeypatch):
    calls = []
    real = app_lib.state.kb_report

    def counting(store, lang="nl"):
        calls.append(lang)
        return real(store, lang)
    monkeypatch.setattr(app_lib.state, "kb_report", counting)
    at = quality_page()
    at.run()  # a rerun (any click) uses the cached figures
    assert calls == ["nl"]
    at.query_params["lang"] = "en"
    at.session_state["lang"] = "en"
    at.run()
    assert calls == ["nl", "en"]
