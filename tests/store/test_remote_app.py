"""Analytics and the app's main pages on real servers (``oxigraph serve`` and Virtuoso 7, the
``server`` fixture) give what they give on the embedded store."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from streamlit.testing.v1 import AppTest

from graph.analytics.agenda import agenda
from graph.analytics.bridges import bridge_matrix, bridging_solutions
from graph.kb.loading import ensure_ready, load_paths, open_store
from graph.analytics.projection import project
from graph.analytics.ranking import key_players
from graph.analytics.routes import routes
from graph.store.remote import RemoteStore
from tests.conftest import MINI, make_mini_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def remote_url(server):
    store = ensure_ready(open_store(server.store), bundled=False)
    load_paths(store, [MINI])
    return server.store


@pytest.fixture(scope="module")
def graphs(remote_url):
    remote = project(open_store(remote_url), "nl", cache=False)
    embedded = project(make_mini_store(), "nl", cache=False)
    return remote, embedded


def test_projection_is_the_same(graphs):
    remote, embedded = graphs
    assert sorted(remote.nodes(data="label")) == sorted(embedded.nodes(data="label"))
    assert sorted(remote.edges(keys=True)) == sorted(embedded.edges(keys=True))


def test_selections_are_the_same(remote_url):
    from graph.analytics.advice import rank_solutions
    from graph.analytics.selection import bridge_counts, neighbourhood, pair_ranking

    remote, embedded = open_store(remote_url), make_mini_store()
    for seed in ("O01", "S01"):
        a, b = neighbourhood(remote, [seed], 2), neighbourhood(embedded, [seed], 2)
        assert sorted(a.nodes(data="label")) == sorted(b.nodes(data="label"))
        assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))
    assert rank_solutions(neighbourhood(remote, ["O01"], 2), ["O01"]) == \
        rank_solutions(neighbourhood(embedded, ["O01"], 2), ["O01"])
    assert bridge_counts(remote) == bridge_counts(embedded)
    for top in (1, 50):
        ranked = pair_ranking(remote, "dom-wonen", "dom-gezondheid", top=top)
        assert ranked == pair_ranking(embedded, "dom-wonen", "dom-gezondheid", top=top)
        assert ranked[0] and ranked[1] >= len(ranked[0])


def test_selections_in_the_server_form_and_batches(monkeypatch, remote_url, server):
    """QUIRKS predicate-list-scan and long-values-of-objects through the selections: on
    Virtuoso no predicate list is ``?p IN (<…>)`` and no VALUES of objects holds more than
    ``values_limit("objects")`` (set to 2 here, so the walks go in many batches); on
    Oxigraph server the texts are the standard ones; the answers are the embedded store's."""
    from graph.analytics import selection
    from graph.analytics.advice import rank_solutions
    from graph.store import remote as remote_module

    monkeypatch.setattr(remote_module, "VIRTUOSO_VALUES", 2)
    requests = []
    client = httpx.Client(event_hooks={"request": [requests.append]})
    remote = RemoteStore(remote_url, client=client)

    def answers(store):
        selection.clear_clicks()
        G = selection.neighbourhood(store, ["S01"], 2)
        return (sorted(G.nodes(data="label")), sorted(G.edges(keys=True)),
                rank_solutions(selection.neighbourhood(store, ["O01"], 2), ["O01"]),
                bridging_solutions(selection.pair_selection(store, "dom-wonen",
                                                            "dom-gezondheid"),
                                   "dom-wonen", "dom-gezondheid"),
                selection.party_routes(store, "ot-gemeente", "ot-woningcorporatie"),
                selection.party_routes(store, "org-mitros", "ot-gemeente"),
                agenda(selection.agenda_selection(store, ["O01", "O02"]), ["O01", "O02"]))
    assert answers(remote) == answers(make_mini_store())
    texts = [dict(httpx.QueryParams(r.content.decode())).get("query", "") for r in requests
             if r.method == "POST"]
    items = [block for t in texts
             for block in re.findall(r"VALUES \?[ox] \{([^}]*)\}", t)]
    listed = [t for t in texts if re.search(r"VALUES \?[sox] ", t) and "?p" in t]
    assert items and listed
    if server.name == "virtuoso":
        assert max(block.count("<") for block in items) <= 2
        assert not [t for t in listed if re.search(r"\?[pq] IN \(<", t)
                    and "UNION { ?n ?p ?x }" not in t]
        assert any("STR(?p) IN (" in t for t in listed)
        assert any("BIND(<" in t for t in listed)
    else:
        assert max(block.count("<") for block in items) > 2
        assert not [t for t in texts if "STR(?p)" in t or "BIND(<" in t]


def test_analytics_give_the_same_answers(graphs):
    remote, embedded = graphs
    assert bridge_matrix(remote) == bridge_matrix(embedded)
    assert bridging_solutions(remote, "dom-wonen", "dom-gezondheid") == \
        bridging_solutions(embedded, "dom-wonen", "dom-gezondheid")
    assert routes(remote, "ot-woningcorporatie", "ot-ggd") == \
        routes(embedded, "ot-woningcorporatie", "ot-ggd")
    assert key_players(remote, "organisation_type") == key_players(embedded, "organisation_type")
    assert agenda(remote, ["O01", "O02"]) == agenda(embedded, ["O01", "O02"])


@pytest.mark.parametrize(("page", "params", "expected"), [
    ("start", {}, "Belemmeringen"),
    ("obstacle", {"id": "O01"}, "gegevens delen mag niet"),
    ("solution", {"id": "S01"}, "convenant gegevensdeling"),
    ("bridges", {"a": "dom-gezondheid", "b": "dom-wonen"}, "convenant gegevensdeling"),
    ("agenda", {"o": "O01,O02"}, "ontschot budget"),
])
def test_main_pages_on_the_server(monkeypatch, remote_url, page, params, expected):
    monkeypatch.setenv("WIJKGRAAF_STORE", remote_url)
    monkeypatch.delenv("WIJKGRAAF_DATA", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "start":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    shown = " ".join(str(e.value) for kind in ("title", "markdown", "caption", "subheader")
                     for e in at.get(kind))
    shown += " ".join(str(e.proto.label) for e in at.get("page_link"))
    assert expected in shown


def _page(monkeypatch, store: str, data: str | None, page: str, params: dict) -> str:
    monkeypatch.setenv("WIJKGRAAF_STORE", store)
    if data:
        monkeypatch.setenv("WIJKGRAAF_DATA", data)
    else:
        monkeypatch.delenv("WIJKGRAAF_DATA", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return " | ".join(str(e.value) for kind in ("title", "markdown", "caption", "subheader",
                                                "warning", "info")
                      for e in at.get(kind)) + " ".join(str(e.proto.label)
                                                      for e in at.get("page_link"))


@pytest.mark.parametrize(("page", "params", "expected"), [
    ("obstacle", {"id": "O01"}, "convenant gegevensdeling"),
    ("agenda", {"o": "O01,O02"}, "ontschot budget"),
    ("routes", {"a": "ot-gemeente", "b": "ot-woningcorporatie"}, "convenant gegevensdeling"),
    ("routes", {"a": "org-mitros", "b": "ot-gemeente", "k": "3"}, "Convenant in West"),
])
def test_pages_per_selection_show_what_the_whole_projection_shows(
        monkeypatch, remote_url, page, params, expected):
    """On a remote store these pages get their selection (graph.analytics.selection), never
    the whole projection; what they show is what the embedded store's pages show."""
    from graph.analytics import projection

    projection.clear_cache()
    remote = _page(monkeypatch, remote_url, None, page, params)
    assert not any(remote_url in str(k) for k in projection._CACHE), "whole projection built"
    embedded = _page(monkeypatch, ":memory:", str(MINI), page, params)
    assert expected in remote and remote == embedded


def test_network_page_per_selection(monkeypatch, remote_url):
    remote = _page(monkeypatch, remote_url, None, "network", {"id": "O01", "depth": "2"})
    embedded = _page(monkeypatch, ":memory:", str(MINI), "network", {"id": "O01", "depth": "2"})
    assert "gegevens delen mag niet" in remote and "gegevens delen mag niet" in embedded
