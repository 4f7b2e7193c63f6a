"""A bridge-map cell bigger than a page, on real servers: the page shows the first page of the
one ranking with the cell's count, as ``graph.analytics.selection.pair_ranking`` gives it,
and those are the whole projection's first solutions."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.generate import generate
from graph.analytics.advice import rank_solutions
from graph.analytics.projection import project, short_id
from graph.analytics.selection import bridge_counts, pair_ranking
from graph.kb.loading import ensure_ready, open_store
from ontology.vocab import SOURCE_BASE

ROOT = Path(__file__).resolve().parents[2]
#: big enough for cells of more than 50 solutions (the biggest holds about 100)
TRIPLES = 40_000


@pytest.fixture(scope="module")
def generated():
    return generate(TRIPLES, seed=3)


@pytest.fixture(scope="module")
def stores(server, generated):
    remote = ensure_ready(open_store(server.store), bundled=False)
    remote.replace_graphs({SOURCE_BASE + "gen.nt": generated}, [])
    embedded = ensure_ready(open_store(), bundled=False)
    embedded.replace_graphs({SOURCE_BASE + "gen.nt": generated}, [])
    return server.store, remote, embedded


@pytest.fixture(scope="module")
def biggest(stores):
    counts = bridge_counts(stores[2])
    return min(counts, key=lambda k: (-counts[k], k))


def test_first_page_of_a_big_cell_is_the_whole_rankings(stores, biggest):
    _, remote, embedded = stores
    whole = rank_solutions(project(embedded, "nl"), domains=biggest)
    assert len(whole) > 50
    ranked, total = pair_ranking(remote, *biggest)
    assert ranked == whole[:50] and total == len(whole)


def test_bridges_page_shows_the_first_page_and_the_count(monkeypatch, stores, biggest):
    url, _, embedded = stores
    whole = rank_solutions(project(embedded, "nl"), domains=biggest)
    monkeypatch.setenv("WIJKGRAAF_STORE", url)
    monkeypatch.delenv("WIJKGRAAF_DATA", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["a"], at.query_params["b"] = (short_id(x) for x in biggest)
    at.run()
    at.switch_page("app_pages/bridges.py").run()
    assert not at.exception, at.exception
    captions = [str(c.value) for c in at.caption]
    assert f"De beste 50 van de {len(whole)} oplossingen in deze cel staan hier, en in de " \
        "CSV. Met de filters maak je de cel kleiner." in captions
    shown = [str(p.proto.label) for p in at.get("page_link")]
    assert f"1. {whole[0].label}" in shown and f"50. {whole[49].label}" in shown
    assert not any(x.startswith("51. ") for x in shown)
