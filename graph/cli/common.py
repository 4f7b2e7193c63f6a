"""What every ``wijkgraaf`` command shares: which store to open (the only place that reads
``WIJKGRAAF_STORE``) and a progress line on stderr."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from graph.kb import ensure_ready, open_store

__all__ = ["DEFAULT_STORE", "store_from_args", "progress"]

DEFAULT_STORE = Path.home() / ".local" / "share" / "wijkgraaf" / "store"


def store_from_args(args: argparse.Namespace, bundled: bool = True):
    """Open the store the arguments (or ``WIJKGRAAF_STORE``) name, ready with the model and,
    when empty, the bundled knowledge base."""
    location = args.store or os.environ.get("WIJKGRAAF_STORE") or str(DEFAULT_STORE)
    return ensure_ready(open_store(location), bundled=bundled)


def progress(enabled: bool):
    if not enabled:
        return None

    def show(index: int, total: int, path: Path) -> None:
        width = 24
        done = width * index // total
        bar = "#" * done + "." * (width - done)
        end = "\n" if index == total or not sys.stderr.isatty() else ""
        print(f"\r[{bar}] {index}/{total} {path.name:<40}", end=end, file=sys.stderr, flush=True)
    return show
