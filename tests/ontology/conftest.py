"""The ontology: terms, shapes (with their valid and invalid examples) and the competency
queries.

Shared fixtures (``mini_store``, ``mini_store_ro``, ``kb_store``) live in ``tests/conftest.py``."""
