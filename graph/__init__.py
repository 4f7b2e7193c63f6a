"""Wijkgraaf's graph layer: stores, loading, queries, export (and analytics, endpoint, CLI).

- :func:`open_store`, :func:`ensure_ready`, :func:`load_paths`, :func:`validate_store` — open a
  store (embedded directory, memory, or a SPARQL server URL) and load sources into it.
- :class:`Store`, :class:`EmbeddedStore` — the store protocol and its Oxigraph adapter.
- :func:`run_query`, :func:`format_result` — read-only SPARQL and its formats.
- :func:`dump_store`, :func:`serialize_triples` — RDF out.
- :func:`stats` — counts per kind.
"""

from graph.export import dump_store, serialize_triples
from graph.kb import NotConformingError, ensure_ready, load_paths, open_store, validate_store
from graph.query import format_result, run_query
from graph.stats import stats
from graph.store import EmbeddedStore, Store

__all__ = [
    "open_store", "ensure_ready", "load_paths", "validate_store", "NotConformingError",
    "Store", "EmbeddedStore", "run_query", "format_result", "dump_store", "serialize_triples",
    "stats",
]
