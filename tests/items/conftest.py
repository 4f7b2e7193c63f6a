"""Search and the one resolver, on a tiny purpose-built knowledge base (``search.ttl``: a few
obstacles and solutions with everyday words, an area, an organisation type) in a real store.

Shared fixtures (``mini_store``, ``mini_store_ro``, ``kb_store``) live in ``tests/conftest.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.items import build_index
from graph.kb.loading import ensure_ready, load_paths, open_store

SEARCH_TTL = Path(__file__).with_name("search.ttl")


def make_search_store():
    store = ensure_ready(open_store(), bundled=False)
    load_paths(store, [SEARCH_TTL], check=False)
    return store


@pytest.fixture(scope="module")
def search_store():
    """The tiny search knowledge base: do not write to it."""
    return make_search_store()


@pytest.fixture(scope="module")
def index(search_store):
    return build_index(search_store)
