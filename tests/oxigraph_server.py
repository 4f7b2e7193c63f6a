"""Real servers on loopback for tests: ``oxigraph serve`` and ``wijkgraaf serve``.

Each starts a process on a free port of 127.0.0.1, waits until it answers, and stops it
(SIGTERM, then SIGKILL) when done. Use them as context managers or through the fixtures
the test modules define on top of them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

VENV_BIN = Path(sys.executable).parent
OXIGRAPH = VENV_BIN / "oxigraph"
WIJKGRAAF = VENV_BIN / "wijkgraaf"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n"
                               + log.read_text(errors="replace")[-3000:])
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=2).status_code < 500:
                return
        time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not answer within {timeout} s:\n"
                       + log.read_text(errors="replace")[-3000:])


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextlib.contextmanager
def oxigraph_server(directory: Path, args: Sequence[str] = ()) -> Iterator[str]:
    """``oxigraph serve --location DIRECTORY ARGS`` on a free loopback port; yields its base
    URL (queries at ``/query``, updates at ``/update``, Graph Store at ``/store``)."""
    port = free_port()
    log = directory.parent / f"oxigraph-{port}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(OXIGRAPH), "serve", "--location", str(directory), "--bind",
             f"127.0.0.1:{port}", *args], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/query?query=ASK%7B%7D", process, log)
        yield base
    finally:
        _stop(process)


@contextlib.contextmanager
def wijkgraaf_server(store: str, args: Sequence[str] = (), env: dict | None = None
                     ) -> Iterator[str]:
    """``wijkgraaf serve --store STORE ARGS`` (uvicorn) on a free loopback port; yields its
    base URL ending in '/'."""
    port = free_port()
    log = Path(store).parent / f"wijkgraaf-serve-{port}.log"
    environment = {**os.environ, **(env or {})}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(WIJKGRAAF), "serve", "--store", store, "--port", str(port),
             "--no-access-log", *args],
            stdout=out, stderr=subprocess.STDOUT, env=environment)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait(base + "sparql?query=ASK%7B%7D", process, log)
        yield base
    finally:
        _stop(process)


def load_store(directory: Path, *paths: Path) -> str:
    """An on-disk Wijkgraaf store at ``directory`` with the model and ``paths`` loaded; the
    store is closed (its RocksDB lock released) when this returns."""
    import gc

    from graph.kb.loading import ensure_ready, load_paths
    from graph.store.embedded import EmbeddedStore

    store = EmbeddedStore(directory)
    ensure_ready(store, bundled=False)
    load_paths(store, list(paths))
    store.flush()
    del store
    gc.collect()
    return str(directory)
