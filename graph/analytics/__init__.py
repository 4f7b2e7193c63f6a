"""Network analytics on the NetworkX projection of the store: the projection itself, derived
views, bridges between domains, routes, key players, and the draft wijkagenda. Every function
is ``f(G, ...)`` returning plain data."""

from graph.analytics.advice import ORDER, Reason, RankedSolution, join_names, rank_solutions
from graph.analytics.agenda import Agenda, agenda, solutions_for
from graph.analytics.bridges import bridge_matrix, bridging_solutions
from graph.analytics.bridgemap import (
    FACETS, VIEWS, BridgeMap, MapCell, MapFilters, bridge_map, gaps, map_options, option_label,
    resolve_option,
)
from graph.analytics.brokers import (BROKER_ORDER, CRITERIA, SideRanking, brokers, ordinal,
                                     standings)
from graph.analytics.common import (
    AmbiguousIdError, parse_kind, resolve, resolve_many, use_names,
)
from graph.analytics.projection import (
    CANONICAL, KINDS, build_graph, clear_cache, in_index, nodes_of_kind, out_index,
    project, queries, short_id,
)
from graph.analytics.ranking import communities, key_players, to_igraph
from graph.analytics.routes import SharedProblem, routes, shared_problems, undirected_view
from graph.analytics.views import collaboration_graph, solution_domain_graph
from graph.analytics.warm import warm, warm_in_background

__all__ = [
    "Agenda", "AmbiguousIdError", "BROKER_ORDER", "BridgeMap", "CANONICAL", "CRITERIA", "FACETS",
    "KINDS", "MapCell", "MapFilters", "ORDER", "RankedSolution", "Reason", "SharedProblem",
    "SideRanking", "VIEWS", "agenda", "join_names", "bridge_map", "brokers", "map_options",
    "option_label",
    "ordinal", "rank_solutions", "resolve_option", "shared_problems", "standings",
    "bridge_matrix", "bridging_solutions", "build_graph", "clear_cache", "collaboration_graph",
    "communities", "gaps", "in_index", "key_players", "nodes_of_kind", "out_index",
    "parse_kind", "project", "queries", "resolve", "resolve_many", "routes", "short_id",
    "solution_domain_graph", "solutions_for", "to_igraph", "undirected_view", "use_names",
    "warm", "warm_in_background",
]
