"""Views computed ahead (graph.analytics.warm) are the ones the pages then read, and a view
asked while it is being computed is computed once."""

from __future__ import annotations

import threading
import time

from graph.analytics.bridges import bridge_matrix
from graph.analytics.common import example_graph
from graph.analytics import projection
from graph.analytics.projection import memoize
from graph.analytics.ranking import key_players
from graph.analytics.warm import WARM_FROM, warm_in_background


def test_a_view_asked_while_it_is_computed_is_computed_once():
    G = example_graph()
    calls, started, go = [], threading.Event(), threading.Event()

    def compute():
        calls.append(1)
        started.set()
        go.wait()
        return object()

    answers = []
    first = threading.Thread(target=lambda: answers.append(memoize(G, "slow", compute)))
    first.start()
    started.wait()
    second = threading.Thread(target=lambda: answers.append(memoize(G, "slow", compute)))
    second.start()
    time.sleep(0.2)  # the second caller is now waiting at the gate
    # (waits here have no timeouts: under faketime a timed wait's deadline is 400 days off)
    go.set()
    first.join()
    second.join()
    assert len(calls) == 1 and len(answers) == 2 and answers[0] is answers[1]


def test_warming_fills_what_the_pages_read():
    G = example_graph()
    thread = warm_in_background(G, start_from=1)
    assert thread is not None
    thread.join()
    warmed = {k[:2] for k in projection._MEMO[G] if isinstance(k, tuple)}
    assert {("key_players", k) for k in ("organisation_type", "solution", "obstacle")} <= warmed
    assert "bridge_matrix" in projection._MEMO[G]
    ranking = key_players(G, "solution")
    assert key_players(G, "solution") is ranking  # memoised, not computed again
    assert bridge_matrix(G) is bridge_matrix(G)
    assert key_players(G, "solution", top=1).players == ranking.players[:1]


def test_small_graphs_are_not_warmed():
    G = example_graph()
    assert G.number_of_nodes() < WARM_FROM
    assert warm_in_background(G) is None
