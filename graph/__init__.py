"""Wijkgraaf's graph layer: stores, loading, queries, analytics, export, editing, endpoint.

Reading this file tells the whole public API (names are imported on first use, so
``import graph`` stays light):

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

from importlib import import_module

_WHERE = {
    "open_store": "kb.loading", "ensure_ready": "kb.loading", "load_paths": "kb.loading",
    "validate_store": "kb.loading", "NotConformingError": "kb.loading", "Store":
    "store.embedded", "EmbeddedStore": "store.embedded", "RemoteStore": "store.remote",
    "run_query": "query.service", "format_result": "query.service", "stats": "kb.stats",
    "build_index": "items.search", "obstacle_details": "items.details", "solution_details":
    "items.details", "project": "analytics.projection", "bridge_matrix": "analytics.bridges",
    "bridging_solutions": "analytics.bridges", "gaps": "analytics.bridges", "solutions_for":
    "analytics.agenda", "agenda": "analytics.agenda", "routes": "analytics.routes",
    "key_players": "analytics.ranking", "communities": "analytics.ranking", "dump_store":
    "export.rdf", "serialize_triples": "export.rdf", "export_subgraph": "export.rdf", "select":
    "export.subgraph", "Selection": "export.subgraph", "write_toolbox": "export.toolbox",
    "quality_report": "kb.quality", "item_state": "kb.editing", "save_item": "kb.editing",
    "delete_item": "kb.editing", "undo": "kb.editing", "history": "kb.editing", "SparqlRouter":
    "endpoint.router", "make_app": "endpoint.router",
}

__all__ = [
    "EmbeddedStore", "NotConformingError", "RemoteStore", "Selection", "SparqlRouter", "Store",
    "agenda", "bridge_matrix", "bridging_solutions", "build_index", "communities", "delete_item",
    "dump_store", "ensure_ready", "export_subgraph", "format_result", "gaps", "history",
    "item_state", "key_players", "load_paths", "make_app", "obstacle_details", "open_store",
    "project", "quality_report", "routes", "run_query", "save_item", "select",
    "serialize_triples", "solution_details", "solutions_for", "stats", "undo", "validate_store",
    "write_toolbox",
]


def __getattr__(name: str) -> object:
    """Import the named part of the API on first use."""
    if name not in _WHERE:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    value = getattr(import_module(f"graph.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
