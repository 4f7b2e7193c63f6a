"""The app side: view models, the pages in AppTest, and the real app in headless Chromium
(``browser`` marker).

Shared fixtures (``mini_store``, ``mini_store_ro``, ``kb_store``) live in ``tests/conftest.py``."""
