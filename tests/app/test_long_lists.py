"""Long lists, on a generated knowledge base of 100k triples (over a thousand obstacles, over
two thousand organisations). Pickers with more options than a list can carry list what is
chosen and the first matches of a search field, and say how many they hold; pages draw the
first items of a long list and say how many it holds (the CSV has them all); the bundled
knowledge base's pickers stay whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_lib.ui import LISTED, LONG_LIST, SHOWN
from bench.generate import generate, write
from graph.analytics.projection import short_id
from ontology.vocab import SKOS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def triples():
    return generate(100_000, seed=3)


@pytest.fixture(scope="module")
def data(tmp_path_factory, triples):
    path = tmp_path_factory.mktemp("long") / "gen.nt"
    write(str(path), triples)
    return path


@pytest.fixture(scope="module")
def ids(triples):
    """Dutch label → short id of every generated item."""
    return {t.object.value: short_id(t.subject.value) for t in triples
            if t.predicate.value == SKOS + "prefLabel" and t.object.language == "nl"}


@pytest.fixture
def page(monkeypatch, data):
    monkeypatch.setenv("WIJKGRAAF_STORE", ":memory:")
    monkeypatch.setenv("WIJKGRAAF_DATA", str(data))

    def make(name: str, **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(f"app_pages/{name}.py").run()
        assert not at.exception, at.exception
        return at
    return make


def _captions(at) -> list[str]:
    return [str(c.value) for c in at.caption]


def test_a_long_multiselect_lists_the_first_matches_and_says_so(page, ids):
    at = page("agenda")
    box = at.multiselect(key="agenda_obstacles")
    assert len(box.options) == LISTED
    total = next(c for c in _captions(at) if c.startswith("De lijst toont de eerste"))
    assert int(total.split(" van ")[1].split(";")[0]) > LONG_LIST
    at.text_input(key="agenda_obstacles__find").input("Obstacle 12").run()
    box = at.multiselect(key="agenda_obstacles")
    assert box.options and len(box.options) <= LISTED
    assert all("obstacle" in o and "12" in o for o in box.options)  # every word, any case
    first = box.options[0]
    at.multiselect(key="agenda_obstacles").select(ids[first.rsplit(" (", 1)[0]]).run()
    assert not at.exception, at.exception
    # a search that finds other items keeps what is chosen at the top of the list
    at.text_input(key="agenda_obstacles__find").input("obstacle 3").run()
    box = at.multiselect(key="agenda_obstacles")
    assert box.value == [ids[first.rsplit(" (", 1)[0]]] and box.options[0] == first
    assert all("3" in o for o in box.options[1:])
    at.text_input(key="agenda_obstacles__find").input("geen zulk woord").run()
    assert "Niets gevonden voor 'geen zulk woord'." in _captions(at)
    assert at.multiselect(key="agenda_obstacles").options == [first]


def test_a_long_selectbox_keeps_its_choice_in_the_list(page):
    at = page("routes")
    box = at.selectbox(key="route_a")
    assert len(box.options) <= LISTED + 1 and box.value is not None
    assert box.format_func(box.value) in box.options


def test_bundled_pickers_stay_whole(app):
    at = app("agenda")
    assert not [w for w in at.text_input if w.key == "agenda_obstacles__find"]
    assert not [c for c in _captions(at) if c.startswith("De lijst toont")]


def test_quality_page_draws_the_first_of_each_list_and_offers_them_all(page):
    """The generated graph breaks shapes thousands of times and has hundreds of items per
    list: the page draws the first of each, says how many, and offers every one as CSV."""
    at = page("editor_quality")
    captions = _captions(at)
    cut = [c for c in captions if c.startswith(f"Hier staan de eerste {SHOWN} van ")]
    assert cut and all(int(c.split(" van ")[1].split(";")[0].rstrip(".")) > SHOWN for c in cut)
    assert len([c for c in at.caption if ": " in str(c.value) and "[" in str(c.value)]) \
        <= SHOWN * len(at.expander)
    assert [b for b in at.get("download_button")]


def test_bridges_page_draws_the_first_obstacles_without_a_solution(page):
    at = page("bridges")
    unsolved = [str(c.value) for c in at.caption if str(c.value).startswith(
        f"Hier staan de eerste {SHOWN} van ")]
    assert unsolved, _captions(at)
    links = [p for p in at.get("page_link") if "obstacle" in str(p.proto.page)]
    assert len(links) <= 2 * SHOWN  # the unsolved list, and a cell's open obstacles at most


def test_players_tables_show_the_first_of_a_long_ranking(page, triples):
    at = page("players", tab="bridgers")
    solutions = len({t.subject.value for t in triples if t.predicate.value.endswith("#type")
                     and t.object.value.endswith("#Solution")})
    assert solutions > LISTED
    assert f"De tabel toont de eerste {LISTED} van {solutions}." in _captions(at)
    assert all(len(df.value) <= LISTED for df in at.dataframe)
