"""What every ``wijkgraaf`` command shares: which store to open (the only place that reads
``WIJKGRAAF_STORE``) and a progress line on stderr."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from graph.kb import LOAD_BYTES_PER_SECOND, ensure_ready, open_store

__all__ = ["DEFAULT_STORE", "store_from_args", "progress"]

DEFAULT_STORE = Path.home() / ".local" / "share" / "wijkgraaf" / "store"


def store_from_args(args: argparse.Namespace, bundled: bool = True):
    """Open the store the arguments (or ``WIJKGRAAF_STORE``) name, ready with the model and,
    when empty, the bundled knowledge base."""
    location = args.store or os.environ.get("WIJKGRAAF_STORE") or str(DEFAULT_STORE)
    return ensure_ready(open_store(location), bundled=bundled)


#: what each step of a load is called on the progress line
_STEPS = {"read": ("lezen", "reading"), "load": ("laden", "loading"),
          "check": ("controleren", "checking")}


def progress(enabled: bool, lang: str = "nl", clock: Callable[[], float] = time.monotonic,
             out=None):
    """A ``progress(step, done, total, detail)`` for :func:`graph.kb.load_paths` that draws
    a bar on stderr with what is left: before the bulk load an estimate from the file size
    (:data:`graph.kb.LOAD_BYTES_PER_SECOND`), while checking from the pace so far.

    >>> import io
    >>> ticks, buf = iter([0.0, 4.0, 4.0, 6.0]), io.StringIO()
    >>> show = progress(True, "en", clock=lambda: next(ticks), out=buf)
    >>> show("load", 0, 50_000_000, "big.ttl")
    >>> show("load", 50_000_000, 50_000_000, "big.ttl")
    >>> show("check", 0, 4, ""); show("check", 1, 4, "")
    >>> print(buf.getvalue().replace("\\r", "").strip())
    [........................] loading big.ttl: 50 MB, about 5 s
    [########################] loading big.ttl: 50 MB in 4 s
    [........................] checking 0/4
    [######..................] checking 1/4, about 6 s left
    """
    if not enabled:
        return None
    nl = lang == "nl"
    started: dict[str, float] = {}

    def seconds(value: float) -> str:
        value = max(1, round(value))
        return f"{value} s" if value < 120 else f"{round(value / 60)} min"

    def show(step: str, done: int, total: int, detail: str) -> None:
        stream = out or sys.stderr
        now = clock()
        started.setdefault(step, now)
        name = _STEPS.get(step, (step, step))[0 if nl else 1]
        width = 24
        filled = width * done // total if total else width
        bar = "#" * filled + "." * (width - filled)
        if step == "load":
            size = f"{total / 1e6:.0f} MB"
            if done < total:
                about = seconds((total - done) / LOAD_BYTES_PER_SECOND)
                text = f"{name} {detail}: {size}, " + ("ongeveer " if nl else "about ") + about
            else:
                took = seconds(now - started[step])
                text = f"{name} {detail}: {size} in {took}"
        elif step == "check":
            text = f"{name} {done}/{total}"
            if 0 < done < total:
                left = seconds((now - started[step]) / done * (total - done))
                text += f", nog ongeveer {left}" if nl else f", about {left} left"
        else:
            text = f"{name} {done}/{total} {detail}"
        last = done >= total or step == "load"
        end = "\n" if last or not stream.isatty() else ""
        print(f"\r[{bar}] {text:<48}".rstrip(), end=end, file=stream, flush=True)
    return show
