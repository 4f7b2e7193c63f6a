"""The knowledge-base room: loading (and its errors), editing, quality, and the bundled
knowledge base itself.

Shared fixtures (``mini_store``, ``mini_store_ro``, ``kb_store``) live in ``tests/conftest.py``."""
