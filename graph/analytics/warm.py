"""Computing ahead: the views of a projection that the app's pages read, computed once in
the background when a big graph gets a new version, so that a page's first click finds them
ready instead of computing them (at 1M triples the solutions' key players take 5 s).

Every view here is memoised on the projection (:func:`~graph.analytics.projection.memoize`,
which makes a caller that comes while a view is being computed wait for that answer rather
than compute it again), so :func:`warm` only fills what the pages would fill themselves.

>>> from graph.analytics.common import example_graph
>>> G = example_graph()
>>> warm(G)
>>> from graph.analytics.ranking import key_players
>>> key_players(G, "solution") is key_players(G, "solution")
True
"""

from __future__ import annotations

import threading

import networkx as nx

from graph.analytics.bridgemap import map_options
from graph.analytics.bridges import bridge_matrix
from graph.analytics.ranking import key_players
from graph.analytics.routes import undirected_view

__all__ = ["WARM_FROM", "warm", "warm_in_background", "wait_for_warming"]

#: nodes from which a projection is warmed in the background (smaller graphs answer a first
#: click fast enough without it)
WARM_FROM = 20_000
#: the key players the players page shows
_KINDS = ("organisation_type", "solution", "obstacle")


def warm(G: nx.MultiDiGraph) -> None:
    """Compute the views the pages read of ``G``: the bridge matrix, the bridge map's
    options, the undirected view (routes) and the key players of each kind shown."""
    bridge_matrix(G)
    map_options(G)
    undirected_view(G)
    for kind in _KINDS:
        key_players(G, kind)


def warm_in_background(G: nx.MultiDiGraph, start_from: int = WARM_FROM
                       ) -> threading.Thread | None:
    """:func:`warm` in a daemon thread when ``G`` has ``start_from`` nodes or more; the
    thread (None when not started)."""
    if G.number_of_nodes() < start_from:
        return None
    thread = threading.Thread(target=warm, args=(G,), name=_NAME, daemon=True)
    thread.start()
    return thread


_NAME = "wijkgraaf-warm"


def wait_for_warming(timeout: float | None = None) -> None:
    """Wait until every warming thread of this process has finished (benchmarks time the
    app's clicks after it; a warming thread's igraph kernels hold the interpreter, so clicks
    during warming wait for them)."""
    for thread in threading.enumerate():
        if thread.name == _NAME:
            thread.join(timeout)
