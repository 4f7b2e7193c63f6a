"""The query room: one safe way to run a user's SPARQL, whichever door it comes in by.

Shared fixtures (``mini_store``, ``mini_store_ro``, ``kb_store``) live in ``tests/conftest.py``."""
