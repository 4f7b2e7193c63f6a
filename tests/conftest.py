"""Shared fixtures: a tiny hand-made store and the bundled knowledge base, both in memory.

Fixtures build fresh stores (function scope) where a test writes; the session-scoped ones
are read-only by convention — never write to ``kb_store`` or ``mini_store_ro``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from graph.kb.loading import BUNDLED_DIR, ensure_ready, load_paths, open_store

# the same examples on every machine and every run (no example database in the checkout);
# `pytest --hypothesis-profile=explore` looks further, with fresh random examples
settings.register_profile("fixed", derandomize=True, database=None)
settings.register_profile("explore", database=None)
settings.load_profile("fixed")

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.ttl"


def make_mini_store():
    """A fresh in-memory store with the model and ``tests/data/mini.ttl``."""
    store = ensure_ready(open_store(), bundled=False)
    load_paths(store, [MINI])
    return store


@pytest.fixture
def mini_store():
    """A fresh, writable mini store for one test."""
    return make_mini_store()


@pytest.fixture(scope="session")
def mini_store_ro():
    """A shared mini store: do not write to it."""
    return make_mini_store()


@pytest.fixture(scope="session")
def kb_store():
    """The bundled knowledge base in memory (validated on load): do not write to it."""
    store = ensure_ready(open_store(), bundled=False)
    load_paths(store, [BUNDLED_DIR])
    return store


def pytest_collection_modifyitems(config, items):
    """Tests on the whole bundled knowledge base are ``slow`` (``-m "not slow"`` skips them)."""
    for item in items:
        if "kb_store" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
