"""One item at a time: what the store says about an obstacle or a solution (details, read
with the queries in ``queries/``), and finding items by what people type (search)."""

from graph.items.details import (
    ObstacleDetails, Ref, SolutionDetails, obstacle_details, solution_details,
)
from graph.items.search import SearchIndex, build_index, group_by_kind

__all__ = [
    "ObstacleDetails", "Ref", "SearchIndex", "SolutionDetails", "build_index", "group_by_kind",
    "obstacle_details", "solution_details",
]
