"""Putting a freshly built store directory in place of the live one, and cleaning up after
a load that was killed half-way.

A big load builds a complete new store in a hidden directory beside the live one
(``.NAME.load-<hex>``), with pyoxigraph's bulk loader, then swaps the two directories in one
step (``renameat2(RENAME_EXCHANGE)`` on Linux; elsewhere two renames, the old directory kept
as ``.NAME.old-<hex>`` until the new one is in place). The live directory is never written
during the build, so a crash at any moment leaves it as it was; what a crash leaves behind is
only hidden directories beside it, which the next writable open deletes.

The swap and every writable open take a lock on ``.NAME.lock`` beside the store, so no other
process can open the store for writing in the moment between closing the old directory and
opening the new one.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> live, new = root / "store", building(root / "store")
>>> live.mkdir(); _ = (live / "f").write_text("old"); new.mkdir(); _ = (new / "f").write_text("new")
>>> exchange(live, new)
>>> (live / "f").read_text(), (new / "f").read_text()
('new', 'old')
>>> leftovers(live) == [new]
True
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

__all__ = ["Gate", "building", "exchange", "leftovers", "restore", "swap_lock", "size_mb",
           "remove_tree"]

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _sibling(store: Path, kind: str) -> Path:
    return store.parent / f".{store.name}.{kind}-{uuid.uuid4().hex[:12]}"


def building(store: Path) -> Path:
    """A new hidden directory name beside ``store`` for a store being built."""
    return _sibling(store, "load")


def leftovers(store: Path) -> list[Path]:
    """Hidden directories beside ``store`` that a load left (killed while building, or an
    old directory not yet deleted); only the process that holds the store for writing may
    delete them."""
    if not store.parent.is_dir():
        return []
    return sorted(p for p in store.parent.iterdir()
                  if p.is_dir() and (p.name.startswith(f".{store.name}.load-")
                                     or p.name.startswith(f".{store.name}.old-")))


def _renameat2(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` in one step; False where the system cannot."""
    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if call(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in {22, 38, 95}:  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot
        return False
    raise OSError(errno, os.strerror(errno), str(a))


def exchange(live: Path, new: Path) -> None:
    """Put ``new`` in place of ``live``; the old contents end up at ``new``'s name."""
    if _renameat2(live, new):
        return
    old = _sibling(live, "old")
    live.rename(old)  # a crash here leaves no ``live``: :func:`restore` puts ``old`` back
    try:
        new.rename(live)
    except OSError:
        old.rename(live)
        raise
    old.rename(new)


def restore(store: Path) -> bool:
    """After a crash in the middle of a two-rename :func:`exchange`: put the old directory
    back where the store belongs. True when something was restored."""
    if store.exists():
        return False
    old = [p for p in leftovers(store) if p.name.startswith(f".{store.name}.old-")]
    if not old:
        return False
    old[0].rename(store)
    return True


@contextlib.contextmanager
def swap_lock(store: Path) -> Iterator[None]:
    """Hold ``.NAME.lock`` beside ``store`` (blocking). Without a writable parent directory
    there is nothing to lock (and no swap can happen either)."""
    try:
        handle = open(store.parent / f".{store.name}.lock", "a+b")  # noqa: SIM115
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def size_mb(paths: list[Path]) -> float:
    """The size of the files under ``paths`` in MB."""
    total = 0
    for path in paths:
        for f in path.rglob("*"):
            with contextlib.suppress(OSError):
                if f.is_file():
                    total += f.stat().st_size
    return round(total / 1e6, 1)


def remove_tree(path: Path) -> None:
    """Delete a directory, ignoring files already gone."""
    shutil.rmtree(path, ignore_errors=True)


class Gate:
    """Readers of one store object pass freely; :meth:`closed` waits until none is inside
    and keeps new ones out while the live directory is swapped for a new one. A waiting swap
    goes first: new readers wait behind it, so a steady stream of readers cannot starve it."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._closed = False
        self._waiting = 0  # swaps waiting for the readers inside to leave

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._closed or self._waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def closed(self) -> Iterator[None]:
        with self._cond:
            self._waiting += 1
            try:
                while self._closed or self._readers:
                    self._cond.wait()
            finally:
                self._waiting -= 1
            self._closed = True
        try:
            yield
        finally:
            with self._cond:
                self._closed = False
                self._cond.notify_all()
