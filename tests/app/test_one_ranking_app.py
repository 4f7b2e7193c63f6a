"""The app shows the one ranking (issue 13, Deliver 2): the obstacle page, the bridges page and
the key players page list solutions in the order of
:func:`graph.analytics.advice.rank_solutions`, in Dutch and in English, on the bundled
knowledge base."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from graph.analytics import project, rank_solutions
from graph.analytics.projection import short_id

ROOT = Path(__file__).resolve().parents[2]
OBSTACLES = ["O06", "O08", "O01"]
PAIR = ("dom-gezondheid", "dom-wonen")
pytestmark = pytest.mark.slow


def _open(monkeypatch, page: str, lang: str, **params: str) -> AppTest:
    monkeypatch.setenv("WIJKGRAAF_STORE", ":memory:")
    monkeypatch.delenv("WIJKGRAAF_DATA", raising=False)  # the bundled knowledge base
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in {**params, **({"lang": lang} if lang != "nl" else {})}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _ranked_links(at: AppTest) -> list[str]:
    """The ids of the numbered solution links ('1. …', '2. …'), in page order."""
    found = []
    for e in at.get("page_link"):
        label = e.proto.label
        solution = e.proto.page in ("oplossing", "app_pages/solution.py")
        if solution and label.split(".")[0].isdigit():
            found.append(parse_qs(e.proto.query_string)["id"][0])
    return found


def test_app_lists_the_one_ranking_for_three_obstacles_and_a_pair(monkeypatch, kb_store):
    G = project(kb_store, "nl")
    for lang in ("nl", "en"):
        for o in OBSTACLES:
            at = _open(monkeypatch, "obstacle", lang, id=o)
            want = [short_id(r.solution) for r in rank_solutions(G, obstacles=[o])]
            assert _ranked_links(at) == want, (o, lang)
        at = _open(monkeypatch, "bridges", lang, a=PAIR[0], b=PAIR[1], derived="1")
        want = [short_id(r.solution) for r in rank_solutions(G, domains=PAIR)]
        assert _ranked_links(at) == want, lang
        # the key players page shows the pair's top ten in the same order
        at = _open(monkeypatch, "players", lang, tab="bridgers", a=PAIR[0], b=PAIR[1])
        assert _ranked_links(at) == want[:10], lang
