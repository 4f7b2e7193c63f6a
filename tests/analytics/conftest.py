"""The analytics room: projection, bridges, routes, rankings and the agenda, on small
hand-made graphs (``tests/data/analytics``) and on the bundled knowledge base.

Shared fixtures (``mini_store``, ``mini_store_ro``, ``kb_store``) live in ``tests/conftest.py``."""
