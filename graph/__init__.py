"""Wijkgraaf's graph layer: stores, loading, queries, analytics, export, editing, endpoint.

Reading this file tells the whole public API; each room below has its own face
(``graph/<room>/__init__.py``) with a few more names:

- stores and loading: :func:`open_store` (directory, ``:memory:`` or a SPARQL server URL),
  :func:`ensure_ready`, :func:`load_paths`, :func:`validate_store`, :class:`Store`,
  :class:`EmbeddedStore`, :class:`RemoteStore`, :class:`NotConformingError`;
- queries: :func:`run_query`, :func:`format_result`, :func:`stats`, :func:`build_index`
  (search), :func:`obstacle_details`, :func:`solution_details`;
- analytics on the NetworkX projection: :func:`project`, :func:`bridge_matrix`,
  :func:`bridging_solutions`, :func:`gaps`, :func:`solutions_for`, :func:`agenda`,
  :func:`routes`, :func:`key_players`, :func:`communities`;
- out: :func:`dump_store`, :func:`serialize_triples`, :func:`select` and :class:`Selection`
  (subgraphs), :func:`export_subgraph`, :func:`write_toolbox`, :func:`quality_report`;
- editing: :func:`item_state`, :func:`save_item`, :func:`delete_item`, :func:`undo`,
  :func:`history`;
- the SPARQL service: :class:`SparqlRouter`, :func:`make_app`.
"""

from graph.analytics import (
    agenda, bridge_matrix, bridging_solutions, communities, gaps, key_players, project, routes,
    solutions_for,
)
from graph.endpoint import SparqlRouter, make_app
from graph.export import (
    Selection, dump_store, export_subgraph, select, serialize_triples, write_toolbox,
)
from graph.items import build_index, obstacle_details, solution_details
from graph.kb import (
    NotConformingError, delete_item, ensure_ready, history, item_state, load_paths, open_store,
    quality_report, save_item, stats, undo, validate_store,
)
from graph.query import format_result, run_query
from graph.store import EmbeddedStore, RemoteStore, Store

__all__ = [
    "EmbeddedStore", "NotConformingError", "RemoteStore", "Selection", "SparqlRouter", "Store",
    "agenda", "bridge_matrix", "bridging_solutions", "build_index", "communities", "delete_item",
    "dump_store", "ensure_ready", "export_subgraph", "format_result", "gaps", "history",
    "item_state", "key_players", "load_paths", "make_app", "obstacle_details", "open_store",
    "project", "quality_report", "routes", "run_query", "save_item", "select",
    "serialize_triples", "solution_details", "solutions_for", "stats", "undo", "validate_store",
    "write_toolbox",
]
