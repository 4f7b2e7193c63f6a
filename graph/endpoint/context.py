"""What every handler of the SPARQL endpoint shares: the store, the limits, the editors, the
worker pool and the frozen copies of each store version it hands to the workers.

The router (:mod:`graph.endpoint.router`) owns one :class:`EndpointContext` and passes it to
the handlers of :mod:`graph.endpoint.describe` and :mod:`graph.endpoint.write`, which import
this module only: no handler reaches back into the router.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
import time
import uuid
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from graph.endpoint.answers import Answers
from graph.endpoint.messages import RequestError, pick_language, say, syntax_message
from graph.query import DataSource, WorkerError, WorkerPool
from graph.store import EmbeddedStore, Store

__all__ = ["EndpointContext", "Version", "public_base"]


def public_base(url: str) -> str:
    """``url`` as the base of every URL the service writes about itself, ending in '/';
    :class:`ValueError` unless it is an absolute http(s) URL without query or fragment.

    >>> public_base("https://data.example.org/wijkgraaf")
    'https://data.example.org/wijkgraaf/'
    """
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query \
            or parts.fragment:
        raise ValueError(f"the public URL {url!r} is not an absolute http(s) URL such as "
                         "https://data.example.org/wijkgraaf/")
    return url.rstrip("/") + "/"


@dataclass
class Version:
    """What the endpoint knows about one store version."""

    version: int
    graphs: list[str]
    source: DataSource


class EndpointContext:
    """The configuration and shared state of one endpoint (see
    :class:`~graph.endpoint.router.SparqlRouter` for the options)."""

    def __init__(self, store: Store, *, time_limit: float = 10.0,
                 write_time_limit: float = 60.0, max_rows: int = 10_000,
                 max_query_bytes: int = 100_000, max_upload_bytes: int = 20_000_000,
                 workers: int = 2, editor_tokens: Mapping[str, str] | Iterable[str] | None = None,
                 public_url: str | None = None, start_method: str = "forkserver",
                 memory_copy_limit: int = 256 * 2**20) -> None:
        self.store = store
        self.time_limit, self.write_time_limit = float(time_limit), float(write_time_limit)
        self.max_rows, self.max_query_bytes = int(max_rows), int(max_query_bytes)
        self.max_upload_bytes = int(max_upload_bytes)
        self.memory_copy_limit = int(memory_copy_limit)
        self.public_url = public_base(public_url) if public_url else None
        tokens = editor_tokens or {}
        self.editor_tokens = (dict(tokens) if isinstance(tokens, Mapping)
                              else {t: "editor" for t in tokens})
        self.pool = WorkerPool(workers, start_method=start_method)
        self._on_disk = (isinstance(store, EmbeddedStore) and store.location != ":memory:"
                         and hasattr(store, "backup"))
        self._dirs: dict[str, Path] = {}  # made on first use, removed by aclose() or at exit
        self._frozen: list[list] = []  # [path, superseded at (monotonic) or None]
        self._versions: dict[int, Version] = {}
        self.stats_cache: dict[int, object] = {}  # per version: the dataset statistics
        self.answers = Answers()  # query answers per store version (graph.endpoint.answers)
        self._version_lock = asyncio.Lock()
        self.write_lock = asyncio.Lock()

    async def start(self) -> None:
        """Start the worker processes and load the current version into them."""
        state = await self.current()
        await self.pool.start(state.source)

    async def aclose(self) -> None:
        """Stop the workers and remove temporary files."""
        await self.pool.close()
        for path in self._dirs.values():
            shutil.rmtree(path, ignore_errors=True)

    def dir(self, kind: str) -> Path:
        """A private temporary directory: 'tmp' for snapshots and dumps, 'checkpoints' on
        the store's own file system (so that checkpoints are hard links)."""
        if kind not in self._dirs:
            path = None
            if kind == "checkpoints" and self._on_disk:
                with contextlib.suppress(OSError):
                    path = Path(tempfile.mkdtemp(prefix=".wijkgraaf-endpoint-",
                                                 dir=Path(self.store.location).resolve().parent))
            path = path or Path(tempfile.mkdtemp(prefix="wijkgraaf-endpoint-"))
            weakref.finalize(self, shutil.rmtree, path, ignore_errors=True)
            self._dirs[kind] = path
        return self._dirs[kind]

    async def current(self) -> Version:
        """The current store version with its graphs and the data source for workers."""
        version = await asyncio.to_thread(self.store.version)
        known = self._versions.get(version)
        if known:
            return known
        async with self._version_lock:
            if version not in self._versions:
                self._versions = {version: await asyncio.to_thread(self._prepare, version)}
            return self._versions[version]

    def _prepare(self, version: int) -> Version:
        """Graph names and a frozen copy of ``version`` for the workers: a RocksDB checkpoint
        of an on-disk store (hard links: instant, and never changed under a reader), else an
        N-Quads snapshot they load into memory."""
        self._retire()
        for _ in range(5):
            graphs = self.store.graph_names()
            if self._on_disk:
                path = self.dir("checkpoints") / f"v{version}-{uuid.uuid4().hex[:8]}"
                self.store.backup(path)
                size = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
                source = DataSource("path", str(path), version,
                                    copy=size <= self.memory_copy_limit)
            else:
                path = self.dir("tmp") / f"snapshot-v{version}-{uuid.uuid4().hex[:8]}.nq"
                path.write_bytes(ox.serialize(self.store.dump_quads(),
                                              format=ox.RdfFormat.N_QUADS))
                source = DataSource("snapshot", str(path), version)
            self._frozen.append([path, None])
            now = self.store.version()
            if now == version:
                return Version(version, graphs, source)
            version = now  # a write landed while copying: copy again, under its version
        raise WorkerError("the store keeps changing; could not take a consistent copy")

    def _retire(self) -> None:
        """Delete copies superseded long enough ago that no running job can still use them."""
        now = time.monotonic()
        grace = max(self.time_limit, self.write_time_limit) + 30
        for entry in self._frozen:
            if entry[1] is None:
                entry[1] = now
        keep = []
        for path, since in self._frozen:
            if now - since > grace:
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(
                    missing_ok=True)
            else:
                keep.append([path, since])
        self._frozen = keep

    def base_url(self, request: Request) -> str:
        """The URL this router is mounted at, ending in '/': the configured public URL when
        there is one, else the address of the socket the request reached (never the request's
        ``Host`` header, which the client chooses: a forged one would be cited in VoID)."""
        if self.public_url:
            return self.public_url
        root = request.scope.get("root_path", "").rstrip("/")  # includes where we are mounted
        server = request.scope.get("server")
        if not server:
            return f"{request.url.scheme}://{request.url.netloc}{root}/"
        host, port = server[0], server[1]
        host = f"[{host}]" if ":" in str(host) else host
        default = {"http": 80, "https": 443}.get(request.url.scheme)
        netloc = host if port in (None, default) else f"{host}:{port}"
        return f"{request.url.scheme}://{netloc}{root}/"

    @staticmethod
    def lang(request: Request) -> str:
        return pick_language(request.headers.get("accept-language"),
                             request.query_params.get("lang"))

    def error(self, request: Request, status: int, key: str,
              headers: Mapping[str, str] | None = None, **params: object) -> Response:
        """A plain-text error response with the message ``key`` in the request's language."""
        text = say(key, self.lang(request), **params)
        return PlainTextResponse(text + "\n", status_code=status, headers=dict(headers or {}))

    async def read_body(self, request: Request, limit: int) -> bytes:
        """The request body, refused with 413 past ``limit`` bytes (without reading it all)."""
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            raise RequestError(413, "too_large", limit=limit)
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise RequestError(413, "too_large", limit=limit)
            chunks.append(chunk)
        return b"".join(chunks)

    def syntax_error(self, request: Request, text: str, reply: dict, what: str) -> Response:
        """400 with the parser's message, the place, and the offending line marked."""
        body = syntax_message(text, reply["message"], reply.get("line"), reply.get("column"),
                              self.lang(request), what)
        return PlainTextResponse(body + "\n", status_code=400)


    def keep_until_superseded(self, path: Path) -> None:
        """Delete ``path`` (a dump or copy) once its version has been superseded long enough."""
        self._frozen.append([path, None])
