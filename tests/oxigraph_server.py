"""Real servers on loopback for tests: ``oxigraph serve``, ``wijkgraaf serve`` and Virtuoso 7
(Debian's ``virtuoso-t``).

Each starts a process on 127.0.0.1, waits until it answers, and stops it (SIGTERM, then
SIGKILL) when done. No port is chosen in advance and bound later (that races with every
other process on the machine): ``oxigraph serve`` and ``wijkgraaf serve`` bind port 0 and
the port the system gave them is read from ``/proc``; Virtuoso cannot listen on port 0, so it
is started on ports the system just handed out and started again on others when one was
taken in between. Use them as context managers or through the fixtures the test modules
define on top of them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
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


VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
ISQL = shutil.which("isql-vt") or "/usr/bin/isql-vt"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (for a client that must
    find nothing there; a server is never started on it later, see the module text)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_ports(pid: int) -> list[int]:
    """The TCP ports process ``pid`` listens on (from /proc: its socket inodes in LISTEN)."""
    inodes = set()
    with contextlib.suppress(OSError):
        for fd in os.listdir(f"/proc/{pid}/fd"):
            with contextlib.suppress(OSError):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:["):
                    inodes.add(link[8:-1])
    ports = []
    for table in ("tcp", "tcp6"):
        with contextlib.suppress(OSError), open(f"/proc/{pid}/net/{table}") as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                    ports.append(int(fields[1].rsplit(":", 1)[1], 16))
    return sorted(set(ports))


def _bound_port(process: subprocess.Popen, log: Path, timeout: float = 60.0) -> int:
    """The port a server started with port 0 got from the system."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n"
                               + log.read_text(errors="replace")[-3000:])
        ports = listening_ports(process.pid)
        if ports:
            return ports[0]
        time.sleep(0.05)
    raise RuntimeError(f"server did not listen within {timeout} s:\n"
                       + log.read_text(errors="replace")[-3000:])


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
    """``oxigraph serve --location DIRECTORY ARGS`` on a loopback port the system chooses;
    yields its base URL (queries at ``/query``, updates at ``/update``, Graph Store at
    ``/store``)."""
    log = directory.parent / f"oxigraph-{directory.name}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(OXIGRAPH), "serve", "--location", str(directory), "--bind",
             "127.0.0.1:0", *args], stdout=out, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{_bound_port(process, log)}"
        _wait(base + "/query?query=ASK%7B%7D", process, log)
        yield base
    finally:
        _stop(process)


@contextlib.contextmanager
def wijkgraaf_server(store: str, args: Sequence[str] = (), env: dict | None = None
                     ) -> Iterator[str]:
    """``wijkgraaf serve --store STORE ARGS`` (uvicorn) on a loopback port the system
    chooses; yields its base URL ending in '/'."""
    log = Path(store).parent / f"wijkgraaf-serve-{time.time_ns()}.log"
    environment = {**os.environ, **(env or {})}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(WIJKGRAAF), "serve", "--store", store, "--port", "0",
             "--no-access-log", *args],
            stdout=out, stderr=subprocess.STDOUT, env=environment)
    try:
        base = f"http://127.0.0.1:{_bound_port(process, log)}/"
        _wait(base + "sparql?query=ASK%7B%7D", process, log)
        yield base
    finally:
        _stop(process)


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
TransactionAfterImageLimit = 2000000000
DirsAllowed = ., {dir}
DefaultIsolation = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
MaxClientConnections = 8
ServerThreads = 8

[SPARQL]
ResultSetMaxRows = 100000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""

#: what Wijkgraaf needs of a fresh Virtuoso: SPARQL Update and Graph Store writes for the
#: anonymous ``SPARQL`` user (loopback only, a throw-away database)
VIRTUOSO_GRANTS = ('GRANT SPARQL_UPDATE TO "SPARQL";',
                   "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")


def virtuoso_store_url(base: str) -> str:
    """The ``--store`` URL of a Virtuoso at ``base``: queries and updates at ``/sparql``,
    Graph Store at ``/sparql-graph-crud``."""
    return base + "/sparql#update=sparql&store=sparql-graph-crud"


@contextlib.contextmanager
def virtuoso_server(directory: Path, buffers: int = 10000, tries: int = 5) -> Iterator[str]:
    """Virtuoso 7 (``virtuoso-t -f``) with a small ``virtuoso.ini`` and its own database in
    ``directory``, on loopback ports, with :data:`VIRTUOSO_GRANTS` given through ``isql-vt``;
    yields its base URL (see :func:`virtuoso_store_url`). ``buffers`` is Virtuoso's
    ``NumberOfBuffers`` (8 KiB pages in memory; 10000 is 80 MiB). ``TransactionAfterImageLimit``
    is raised from its 50 MB default to 2 GB: one load is one transaction, and the swap of a
    million triples (``MOVE``) is refused at the default ("log after image size went above
    the limit")."""
    directory.mkdir(parents=True, exist_ok=True)
    log = directory / "virtuoso-t.log"
    for attempt in range(tries):
        sql, http = free_port(), free_port()
        (directory / "virtuoso.ini").write_text(_VIRTUOSO_INI.format(
            dir=directory, sql=sql, http=http, buffers=buffers, dirty=buffers * 3 // 4))
        with open(log, "wb") as out:
            process = subprocess.Popen([VIRTUOSO, "-f", "-c", "virtuoso.ini"], cwd=directory,
                                       stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{http}"
        try:
            _wait(base + "/sparql?query=ASK%7B%7D", process, log, timeout=120)
            break
        except RuntimeError:
            _stop(process)
            text = log.read_text(errors="replace")
            if attempt + 1 < tries and ("listen" in text.lower() or "in use" in text.lower()):
                continue  # a port was taken between choosing and binding: other ports
            raise
    try:
        for statement in VIRTUOSO_GRANTS:
            subprocess.run([ISQL, f"127.0.0.1:{sql}", "dba", "dba", f"exec={statement}"],
                           check=True, capture_output=True, timeout=60)
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
