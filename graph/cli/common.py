"""What every ``wijkgraaf`` command shares: which store to open (the only place that reads
``WIJKGRAAF_STORE``), a progress line on stderr, and the words of the commands' own output
lines in Dutch and English (:func:`say`; errors carry theirs, :mod:`ontology.messages`)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from graph.kb import LOAD_BYTES_PER_SECOND, ensure_ready, open_store

__all__ = ["DEFAULT_STORE", "store_from_args", "progress", "say", "TEXTS"]

DEFAULT_STORE = Path.home() / ".local" / "share" / "wijkgraaf" / "store"


def store_from_args(args: argparse.Namespace, bundled: bool = True):
    """Open the store the arguments (or ``WIJKGRAAF_STORE``) name, ready with the model and,
    when empty, the bundled knowledge base."""
    location = args.store or os.environ.get("WIJKGRAAF_STORE") or str(DEFAULT_STORE)
    return ensure_ready(open_store(location), bundled=bundled)


#: the commands' output lines: key → (nl, en) templates with ``{name}`` parameters
TEXTS: dict[str, tuple[str, str]] = {
    "loaded_graph": ("{count:>7} triples  {iri}", "{count:>7} triples  {iri}"),
    "store_version": ("opslagversie {version}", "store version {version}"),
    "template_written": ("sjabloon → {path}", "template → {path}"),
    "workbook_written": ("werkmap → {path}", "workbook → {path}"),
    "bytes_written": ("{n} bytes → {path}", "{n} bytes → {path}"),
    "toolbox_written": ("gereedschapskist → {path}", "toolbox → {path}"),
    "selection_empty": ("let op: de selectie is leeg", "note: the selection is empty"),
    "nothing": ("niets", "nothing"),
    "app_at": ("Wijkgraaf: {url}  (opslag: {store})", "Wijkgraaf: {url}  (store: {store})"),
    "serve_at": ("Wijkgraaf SPARQL: {url}sparql  (querypagina {url}; opslag {store}; {mode})",
                 "Wijkgraaf SPARQL: {url}sparql  (query page {url}; store {store}; {mode})"),
    "serve_writes": ("wijzigen met een redacteurstoken", "writes with an editor token"),
    "serve_read_only": ("alleen lezen", "read-only"),
    "public_url": ("publieke URL: {url} (in VoID, de servicebeschrijving, de citatie en de "
                   "dumplinks)", "public URL: {url} (in VoID, the service description, the "
                   "citation and the dump links)"),
    "no_public_url": ("waarschuwing: zonder --public-url noemen VoID en de citatie de URL "
                      "waarmee een verzoek binnenkwam", "warning: without --public-url, VoID "
                      "and the citation name the URL a request came in on"),
    "short_token": ("waarschuwing: het redacteurstoken van {names} is korter dan 16 tekens",
                    "warning: editor token of {names} is shorter than 16 characters"),
}


def say(key: str, lang: str = "nl", **params: object) -> str:
    """An output line of the commands in ``lang``.

    >>> say("store_version", "nl", version=3), say("store_version", "en", version=3)
    ('opslagversie 3', 'store version 3')
    """
    return TEXTS[key][0 if lang == "nl" else 1].format(**params)


#: what each step of a load is called on the progress line
_STEPS = {"read": ("lezen", "reading"), "load": ("laden", "loading"),
          "check": ("controleren", "checking")}


def progress(enabled: bool, lang: str = "nl", clock: Callable[[], float] = time.monotonic,
             out=None):
    """A ``progress(step, done, total, detail)`` for :func:`graph.kb.load_paths` that draws
    a bar on stderr with what is left: before the bulk load an estimate from the file size
    (:data:`graph.kb.LOAD_BYTES_PER_SECOND`), while checking from the pace so far. On a
    terminal the line is redrawn in place; into a file or a pipe (a log, CI) a line is
    written only when a step starts, passes a quarter or ends, not once per check.

    >>> import io, itertools
    >>> ticks = itertools.chain([0.0, 4.0, 4.0, 6.0], itertools.repeat(8.0))
    >>> buf = io.StringIO()
    >>> show = progress(True, "en", clock=lambda: next(ticks), out=buf)
    >>> show("load", 0, 50_000_000, "big.ttl")
    >>> show("load", 50_000_000, 50_000_000, "big.ttl")
    >>> show("check", 0, 4, ""); show("check", 1, 4, "")
    >>> for n in range(2, 9): show("check", n, 100, "")
    >>> print(buf.getvalue().replace("\\r", "").strip())
    [........................] loading big.ttl: 50 MB, about 5 s
    [########################] loading big.ttl: 50 MB in 4 s
    [........................] checking 0/4
    [######..................] checking 1/4, about 6 s left
    [........................] checking 2/100, about 3 min left
    """
    if not enabled:
        return None
    nl = lang == "nl"
    started: dict[str, float] = {}
    written: tuple = ()  # the last line's (step, detail, quarter) into a file or pipe

    def seconds(value: float) -> str:
        value = max(1, round(value))
        return f"{value} s" if value < 120 else f"{round(value / 60)} min"

    def show(step: str, done: int, total: int, detail: str) -> None:
        stream = out or sys.stderr
        last = done >= total or step == "load"
        if not stream.isatty():
            nonlocal written
            mark = (step, detail, 4 * done // total if total else 4)
            if mark == written and not last:
                return
            written = mark
        now = clock()
        started.setdefault(step, now)
        name = _STEPS.get(step, (step, step))[0 if nl else 1]
        width = 24
        filled = width * done // total if total else width
        bar = "#" * filled + "." * (width - filled)
        if step == "load":
            size = f"{total / 1e6:.0f} MB" if total >= 1e6 else f"{max(1, round(total / 1e3))} kB"
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
        end = "\n" if last or not stream.isatty() else ""
        print(f"\r[{bar}] {text:<48}".rstrip(), end=end, file=stream, flush=True)
    return show
