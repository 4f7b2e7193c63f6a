"""Where the ontology files live (their IRIs are in :mod:`ontology.vocab`)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["HERE", "ONTOLOGY_TTL", "VOCABULARIES_TTL", "SHAPES_TTL", "QUERIES_DIR",
           "CONTEXT_JSONLD"]

HERE = Path(__file__).resolve().parent
ONTOLOGY_TTL = HERE / "wijkgraaf.ttl"
VOCABULARIES_TTL = HERE / "vocabularies.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
QUERIES_DIR = HERE / "queries"
CONTEXT_JSONLD = HERE / "context.jsonld"
