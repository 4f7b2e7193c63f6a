"""The agenda page knows its wijk (issue 13, Deliver 4): with Overvecht chosen it names
practice there and in Utrecht and the organisations located there."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("lang, heading, case, organisation", [
    ("nl", "Organisaties hier", "Wijkakkoord Overvecht", "Gemeente Utrecht"),
    ("en", "Organisations here", "Overvecht neighbourhood accord", "Municipality of Utrecht")])
def test_agenda_page_names_cases_and_organisations_of_overvecht(monkeypatch, lang, heading,
                                                                 case, organisation):
    monkeypatch.setenv("WIJKGRAAF_STORE", ":memory:")
    monkeypatch.delenv("WIJKGRAAF_DATA", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"area": "WK034403", "o": "O08,O06,O01"})
    if lang != "nl":
        at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/agenda.py").run()
    assert not at.exception
    shown = "\n".join(str(m.value) for m in at.markdown)
    assert heading in shown
    assert case in shown and organisation in shown
