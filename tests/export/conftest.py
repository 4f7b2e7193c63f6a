"""The export room: RDF and table formats, selections and the toolbox.

Shared fixtures (``mini_store``, ``mini_store_ro``, ``kb_store``) live in ``tests/conftest.py``."""
