"""The store room: the embedded store, and a real Oxigraph server (``oxigraph serve``) as a
remote store behind the same protocol.

Shared fixtures (``mini_store``, ``mini_store_ro``, ``kb_store``) live in ``tests/conftest.py``."""
