"""One item at a time: what the store says about an obstacle or a solution (details, read
with the queries in ``queries/``), finding items by what people type (search: ranked, in
Dutch and English) and the one resolver every command and page uses for an item's name."""

from graph.items.details import (
    ObstacleDetails, Ref, SolutionDetails, obstacle_details, solution_details,
)
from graph.items.resolve import named_projection, resolve, resolve_many
from graph.items.search import (
    Found, SearchHit, SearchIndex, build_index, group_by_kind, normalise,
)

__all__ = [
    "Found", "ObstacleDetails", "Ref", "SearchHit", "SearchIndex", "SolutionDetails",
    "build_index", "group_by_kind", "named_projection", "normalise", "obstacle_details",
    "resolve", "resolve_many", "solution_details",
]
