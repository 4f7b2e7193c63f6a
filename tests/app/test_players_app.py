"""The key players page answers "Wie verbindt het sociale en het fysieke domein?" in words
(issue 13, Deliver 3): in Dutch and in English, on the bundled knowledge base, the cards show
the library's brokers in order with their places and sentences; network measures only behind
a click; the sides live in the address."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from graph.analytics import brokers, ordinal, project
from graph.analytics.common import iri
from graph.analytics.projection import short_id

ROOT = Path(__file__).resolve().parents[2]
SIDES = ("sociaal-domein", "fysiek-domein")
QUESTION = {"nl": "Wie verbindt het sociale en het fysieke domein?",
            "en": "Who connects the social and the physical domain?"}
METRICS = ("betweenness", "tussenpositie", "constraint", "beperking", "pagerank")
pytestmark = pytest.mark.slow


def _open(monkeypatch, lang: str, **params: str) -> AppTest:
    monkeypatch.setenv("WIJKGRAAF_STORE", ":memory:")
    monkeypatch.delenv("WIJKGRAAF_DATA", raising=False)  # the bundled knowledge base
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in {**params, **({"lang": lang} if lang != "nl" else {})}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/players.py").run()
    assert not at.exception, at.exception
    return at


def _cards(at: AppTest) -> list[tuple[str, str]]:
    """(label, id) of the numbered links of the answer, in page order."""
    found = []
    for e in at.get("page_link"):
        label = e.proto.label
        if label[:1].isdigit() or label.startswith(("gedeeld", "joint")):
            found.append((label, parse_qs(e.proto.query_string)["id"][0]))
    return found


def _outside_expanders(at: AppTest) -> list[str]:
    inside = {id(m) for e in at.expander for m in e.markdown}
    return [m.value for m in at.markdown if id(m) not in inside]


@pytest.fixture(scope="module")
def kb(kb_store):
    return {lang: project(kb_store, lang) for lang in ("nl", "en")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_who_connects_the_social_and_the_physical_domain(monkeypatch, kb, lang):
    at = _open(monkeypatch, lang)
    assert [s.value for s in at.subheader] == [QUESTION[lang]]
    want = brokers(kb[lang], *(iri(s) for s in SIDES), lang=lang).players[:10]
    got = _cards(at)
    assert [i for _, i in got] == [short_id(p.id) for p in want]
    assert [label for label, _ in got] == [
        f"{ordinal(p.place, lang, p.shared)}. {kb[lang].nodes[p.id]['label']}" for p in want]
    shown = _outside_expanders(at)
    for p in want:  # each card says why, in the reader's language
        assert any(p.text[lang].replace("'", "") in m.replace("\\", "").replace("'", "")
                   for m in shown), p.text[lang]
    assert not any(word in m.lower() for m in shown for word in METRICS)
    labels = [e.label for e in at.expander]
    assert len(labels) == 3  # the order explained, the whole list, the measures
    measures = at.expander[2]
    assert measures.dataframe and any("tussenpositie" in m.value.lower() or "betweenness"
                                      in m.value.lower() for m in measures.markdown)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_bridging_solutions_for_two_chosen_domains_follow_the_one_ranking(monkeypatch, kb,
                                                                         lang):
    at = _open(monkeypatch, lang, tab="bridgers", a="dom-gezondheid", b="dom-wonen")
    assert at.subheader[0].value == {"nl": "Wie verbindt gezondheid en wonen?",
                                     "en": "Who connects health and housing?"}[lang]
    want = brokers(kb["nl"], iri("dom-gezondheid"), iri("dom-wonen"), "solution").players
    assert [i for _, i in _cards(at)] == [short_id(p.id) for p in want[:10]]
    at.selectbox(key="players_b").set_value("fysiek-domein").run()
    assert at.query_params["b"] == "fysiek-domein" and not at.warning
    want = brokers(kb["nl"], iri("dom-gezondheid"), iri("fysiek-domein"), "solution").players
    assert [i for _, i in _cards(at)] == [short_id(p.id) for p in want[:10]]


def test_two_sides_that_overlap_are_refused_in_words(monkeypatch):
    at = _open(monkeypatch, "nl", a="sociaal-domein", b="dom-gezondheid")
    assert "zonder gemeenschappelijk domein" in at.warning[0].value
    assert not _cards(at)
