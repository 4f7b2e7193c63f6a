"""Answers kept per store version: the same query on the same data is run once.

A public endpoint gets the same few queries from many clients (the examples on the query page,
a dashboard that polls). Without this, 200 clients asking the same SELECT at once queue for
the two worker processes and wait seconds; with it, the first request runs the query and the
others wait for that one answer ("single flight"), then later ones are served from memory
until the store changes. An answer is only kept for its store version (the key holds it), so a
write is never answered with old data; the memory is bounded in entries and bytes.

>>> import asyncio
>>> answers = Answers(max_entries=2, max_bytes=100)
>>> calls = []
>>> async def run():
...     calls.append(1)
...     return {"status": "ok", "body": b"x" * 10}
>>> async def twice():
...     first = await answers.get(("v1", "q"), run)
...     again = await answers.get(("v1", "q"), run)
...     return first[1], again[1]
>>> asyncio.run(twice()), len(calls)
(('miss', 'hit'), 1)
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable

__all__ = ["Answers"]


class Answers:
    """Replies by key, least recently used first out; only ``status == "ok"`` replies kept."""

    def __init__(self, max_entries: int = 512, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._kept: OrderedDict[Hashable, dict] = OrderedDict()
        self._size = 0
        self._running: dict[Hashable, asyncio.Future] = {}

    async def get(self, key: Hashable, run: Callable[[], Awaitable[dict]]) -> tuple[dict, str]:
        """The reply for ``key`` and how it came: ``"hit"`` (kept), ``"joined"`` (another
        request was running it) or ``"miss"`` (run now). Errors of ``run`` propagate to every
        request waiting for it and nothing is kept."""
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key], "hit"
        if key in self._running:
            return await asyncio.shield(self._running[key]), "joined"
        future = asyncio.get_running_loop().create_future()
        self._running[key] = future
        try:
            reply = await run()
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved: no "never retrieved" warning when nobody waits
            raise
        else:
            future.set_result(reply)
            self._keep(key, reply)
            return reply, "miss"
        finally:
            del self._running[key]

    def _keep(self, key: Hashable, reply: dict) -> None:
        if reply.get("status") != "ok":
            return
        size = len(reply.get("body") or b"")
        if size > self.max_bytes // 4:  # one big answer may not push out all the others
            return
        self._kept[key] = reply
        self._size += size
        while len(self._kept) > self.max_entries or self._size > self.max_bytes:
            _, old = self._kept.popitem(last=False)
            self._size -= len(old.get("body") or b"")
