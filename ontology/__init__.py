"""Wijkgraaf's ontology: terms, shapes, competency queries, errors and validation.

The bottom layer: imports nothing else of Wijkgraaf.

- :data:`WG` — the closed namespace of ontology terms; :data:`ITEM` — the item namespace.
- :func:`validate` — SHACL validation returning a :class:`ValidationReport`.
- :func:`competency_queries` — the ``queries/*.rq`` files with their questions.
- errors: :class:`WijkgraafError` and its subclasses, each with a :class:`Message` in Dutch
  and English (``error.text(lang)``; the texts are in :mod:`ontology.messages`).
"""

from ontology.errors import (
    InputError, Message, QueryError, UnknownIdError, WijkgraafError, closest,
)
from ontology.messages import ParserWords
from ontology.queries import CompetencyQuery, competency_queries
from ontology.validate import ValidationReport, ValidationResult, model_graph, validate
from ontology.vocab import ITEM, PREFIXES, WG

__all__ = [
    "WG", "ITEM", "PREFIXES",
    "validate", "ValidationReport", "ValidationResult", "model_graph",
    "CompetencyQuery", "competency_queries",
    "WijkgraafError", "InputError", "UnknownIdError", "QueryError", "closest",
    "Message", "ParserWords",
]
