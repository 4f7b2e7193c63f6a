"""Answers kept per store version: what is built from a whole store (the search index, the
export's table of every statement) is built once per (store, version, key) and shared.

A store on disk or on a server is named by its location; in-memory stores all have the
location ``:memory:``, so they are told apart by identity, and a cached answer of one that
is gone (whose id a new store may reuse) is never handed to another.

>>> from graph.store import EmbeddedStore
>>> memo = version_memo(size=4)
>>> store, built = EmbeddedStore(), []
>>> build = lambda: built.append(1) or len(built)
>>> memo(store, "count", build), memo(store, "count", build), len(built)
(1, 1, 1)
>>> _ = store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
>>> memo(store, "count", build)
2
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from graph.store.embedded import Store

__all__ = ["version_memo"]

T = TypeVar("T")


def version_memo(size: int = 8) -> Callable[[Store, Hashable, Callable[[], T]], T]:
    """A cache ``memo(store, key, build)`` holding the last ``size`` answers, each for one
    (store, store version, key); ``build()`` runs outside the lock, so a slow build does not
    hold up readers of other answers."""
    cache: OrderedDict[tuple, tuple[Callable[[], object] | None, object]] = OrderedDict()
    lock = threading.Lock()

    def memo(store: Store, key: Hashable, build: Callable[[], T]) -> T:
        memory = store.location == ":memory:"
        full = (f":memory:{id(store)}" if memory else store.location, store.version(), key)
        with lock:
            hit = cache.get(full)
            if hit is not None and (hit[0] is None or hit[0]() is store):
                cache.move_to_end(full)
                return hit[1]  # type: ignore[return-value]
        value = build()
        with lock:
            cache[full] = (weakref.ref(store) if memory else None, value)
            while len(cache) > size:
                cache.popitem(last=False)
        return value

    memo.clear = cache.clear  # type: ignore[attr-defined]
    return memo
