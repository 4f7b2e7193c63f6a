"""The knowledge base as a whole: loading files into the store (atomic, validated), editing
items with a version check and undo, its statistics, the editors' quality report and the
knowledge base in figures (:func:`kb_report`)."""

from graph.kb.editing import (
    EDITS_GRAPH, EditConflictError, EditRefusedError, ItemState, delete_item, history,
    item_state, save_item, undo,
)
from graph.kb.loading import (
    BUNDLED_DIR, LOAD_BYTES_PER_SECOND, NotConformingError, Progress, SOURCE_BASE,
    engine_validate, ensure_ready, load_paths, open_store, shape_report, store_rdflib,
    validate_store,
)
from graph.kb.quality import QualityReport, quality_report
from graph.kb.report import DOMAIN_LIMIT, KBReport, kb_report
from graph.kb.stats import Stats, stats

__all__ = [
    "BUNDLED_DIR", "DOMAIN_LIMIT", "LOAD_BYTES_PER_SECOND", "Progress", "engine_validate",
    "shape_report", "store_rdflib",
    "EDITS_GRAPH", "EditConflictError", "EditRefusedError",
    "ItemState", "KBReport", "NotConformingError", "QualityReport", "SOURCE_BASE", "Stats",
    "delete_item", "ensure_ready", "history", "item_state", "kb_report", "load_paths",
    "open_store", "quality_report", "save_item", "stats", "undo", "validate_store",
]
