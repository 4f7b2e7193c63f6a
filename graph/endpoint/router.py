"""The SPARQL endpoint: a Starlette router any ASGI app can mount, and a thin app around it.

:class:`SparqlRouter` serves, relative to where it is mounted:

- ``/sparql`` — the SPARQL 1.1 Protocol: queries by GET, by form POST and by direct POST,
  with ``default-graph-uri``/``named-graph-uri``; results as SPARQL JSON, XML, CSV or TSV
  and graphs as Turtle, N-Triples, RDF/XML, JSON-LD (content negotiation, or ``format=``);
  updates by POST for editors. A plain GET gives the service description (the query page
  when a browser asks for HTML).
- ``/graph-store`` — the SPARQL 1.1 Graph Store HTTP Protocol (``?graph=`` or ``?default``):
  anyone may GET/HEAD, editors may PUT/POST/DELETE.
- ``/`` the query page, ``/void`` (and ``/.well-known/void``) the VoID/DCAT description,
  ``/dump.trig`` (``.nq``, ``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``) the full dump.

Safe by default: every query is read before it runs and refused (403, with the reason) when
it uses SERVICE or LOAD or names graphs outside the store; it runs in a worker process that
is killed at the time limit (503, never a cut-off 200); results over the row cap are cut,
with ``X-Wijkgraaf-Truncated``; bodies over the size cap get 413. Writes need an editor's
bearer token, are validated against the SHACL shapes on the would-be result (422 with the
report when they do not conform) and are atomic. Configuration is by arguments only.

>>> from graph.kb.loading import ensure_ready, open_store
>>> router = SparqlRouter(ensure_ready(open_store(), bundled=False), time_limit=5)
>>> sorted(r.path for r in router.routes)[:4]
['/', '/.well-known/void', '/assets', '/dump']
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
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route, Router
from starlette.staticfiles import StaticFiles

from ontology.files import PREFIXES
from graph.endpoint import describe
from graph.query import formats as fmt
from graph.endpoint import write
from graph.endpoint.describe import ASSETS
from graph.query.policy import analyse_query, refusal
from graph.endpoint.messages import RequestError, pick_language, say, syntax_message
from graph.store.embedded import EmbeddedStore, Store
from graph.query.workers import BusyError, DataSource, TimeLimitError, WorkerError, WorkerPool

__all__ = ["SparqlRouter", "make_app", "RequestError"]

_ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
EXPOSED_HEADERS = ["X-Wijkgraaf-Truncated", "X-Wijkgraaf-Row-Cap", "X-Wijkgraaf-Rows",
                   "X-Wijkgraaf-Message", "X-Wijkgraaf-Version", "Location", "ETag"]


@dataclass
class _Version:
    """What the router knows about one store version."""

    version: int
    graphs: list[str]
    source: DataSource


def _header_text(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


class SparqlRouter(Router):
    """The SPARQL service for ``store`` as a mountable router.

    Options: ``time_limit`` (s per query), ``write_time_limit`` (s per update or Graph Store
    write, validation included), ``max_rows`` (row cap of a result), ``max_query_bytes``
    (size cap of a query or update), ``max_upload_bytes`` (size cap of a Graph Store body),
    ``workers`` (query worker processes), ``editor_tokens`` (bearer tokens that may write:
    a mapping token → editor name, or a list of tokens; none means read-only),
    ``public_url`` (the base URL to put in descriptions; default: from the request),
    ``memory_copy_limit`` (bytes: an on-disk store up to this size is copied into each
    worker's memory, where queries run 4-25x faster; a larger one is read from disk).

    Call :meth:`start` and :meth:`aclose` from the host app's lifespan (``make_app`` does);
    otherwise the workers start on the first query and stop when the process ends.
    """

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
        self.public_url = public_url.rstrip("/") + "/" if public_url else None
        tokens = editor_tokens or {}
        self.editor_tokens = (dict(tokens) if isinstance(tokens, Mapping)
                              else {t: "editor" for t in tokens})
        self.pool = WorkerPool(workers, start_method=start_method)
        self._on_disk = (isinstance(store, EmbeddedStore) and store.location != ":memory:"
                         and hasattr(store, "backup"))
        self._dirs: dict[str, Path] = {}  # made on first use, removed by aclose() or at exit
        self._frozen: list[list] = []  # [path, superseded at (monotonic) or None]
        self._versions: dict[int, _Version] = {}
        self._stats: dict[int, object] = {}
        self._version_lock = asyncio.Lock()
        self.write_lock = asyncio.Lock()
        routes = [
            Route("/", self.page, methods=["GET"], name="page"),
            Route("/sparql", self.sparql, methods=_ALL_METHODS, name="sparql"),
            Route("/graph-store", self.graph_store, methods=_ALL_METHODS, name="graph-store"),
            Route("/void", self.void, methods=["GET"], name="void"),
            Route("/.well-known/void", self.void, methods=["GET"]),
            Route("/dump", self.dump, methods=["GET"], name="dump"),
            Route("/dump.{ext}", self.dump, methods=["GET"]),
            Mount("/assets", app=StaticFiles(directory=ASSETS), name="assets"),
        ]
        super().__init__(routes=routes)

    # ------------------------------------------------------------------ lifecycle ---
    async def start(self) -> None:
        """Start the worker processes and load the current version into them."""
        state = await self.current()
        await self.pool.start(state.source)

    async def aclose(self) -> None:
        """Stop the workers and remove temporary files."""
        await self.pool.close()
        for path in self._dirs.values():
            shutil.rmtree(path, ignore_errors=True)

    def _dir(self, kind: str) -> Path:
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

    # -------------------------------------------------------------------- helpers ---
    async def current(self) -> _Version:
        """The current store version with its graphs and the data source for workers."""
        version = await asyncio.to_thread(self.store.version)
        known = self._versions.get(version)
        if known:
            return known
        async with self._version_lock:
            if version not in self._versions:
                self._versions = {version: await asyncio.to_thread(self._prepare, version)}
            return self._versions[version]

    def _prepare(self, version: int) -> _Version:
        """Graph names and a frozen copy of ``version`` for the workers: a RocksDB checkpoint
        of an on-disk store (hard links: instant, and never changed under a reader), else an
        N-Quads snapshot they load into memory."""
        self._retire()
        for _ in range(5):
            graphs = self.store.graph_names()
            if self._on_disk:
                path = self._dir("checkpoints") / f"v{version}-{uuid.uuid4().hex[:8]}"
                self.store.backup(path)
                size = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
                source = DataSource("path", str(path), version,
                                    copy=size <= self.memory_copy_limit)
            else:
                path = self._dir("tmp") / f"snapshot-v{version}-{uuid.uuid4().hex[:8]}.nq"
                path.write_bytes(ox.serialize(self.store.dump_quads(),
                                              format=ox.RdfFormat.N_QUADS))
                source = DataSource("snapshot", str(path), version)
            self._frozen.append([path, None])
            now = self.store.version()
            if now == version:
                return _Version(version, graphs, source)
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
        """The URL this router is mounted at, ending in '/'."""
        if self.public_url:
            return self.public_url
        root = request.scope.get("root_path", "").rstrip("/")  # includes where we are mounted
        return f"{request.url.scheme}://{request.url.netloc}{root}/"

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

    async def protocol_params(self, request: Request) -> tuple[str, dict[str, list[str]]]:
        """The operation kind ('query', 'update' or 'none') and the protocol parameters of a
        /sparql request (URL parameters, and the body of a POST)."""
        params = {k: request.query_params.getlist(k) for k in request.query_params}
        if request.method in {"GET", "HEAD"}:
            return ("update" if "update" in params else "query" if "query" in params
                    else "none"), params
        media = request.headers.get("content-type")
        if not media:
            raise RequestError(400, "no_content_type")
        base, _, rest = media.partition(";")
        base = base.strip().lower()
        charset = next((p.split("=", 1)[1].strip().strip('"').lower() for p in rest.split(";")
                        if p.strip().lower().startswith("charset=")), "utf-8")
        if charset not in {"utf-8", "utf8"}:
            raise RequestError(415, "bad_charset", charset=charset)
        limit = self.max_query_bytes * 4 if base == FORM else self.max_query_bytes
        body = await self.read_body(request, limit)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise RequestError(400, "not_utf8") from None
        if base == FORM:
            try:
                form = parse_qs(text, keep_blank_values=True, errors="strict",
                                max_num_fields=10_000)
            except (UnicodeDecodeError, ValueError):
                raise RequestError(400, "not_utf8") from None
            for key, values in form.items():
                params[key] = values + [v for v in params.get(key, []) if key not in {
                    "query", "update"}]
            kind = "update" if "update" in form else "query" if "query" in form else "none"
            if kind == "none":
                raise RequestError(400, "one_query")
            return kind, params
        if base == QUERY_TYPE:
            return "query", {**params, "query": [text] + params.get("query", [])}
        if base == UPDATE_TYPE:
            return "update", {**params, "update": [text] + params.get("update", [])}
        raise RequestError(415, "bad_content_type", media=base,
                           expected=f"{QUERY_TYPE}, {UPDATE_TYPE} or {FORM}")

    # ---------------------------------------------------------------------- /sparql ---
    async def sparql(self, request: Request) -> Response:
        """The SPARQL 1.1 Protocol endpoint."""
        if request.method not in {"GET", "HEAD", "POST"}:
            allow = "GET, HEAD, POST"
            if request.method == "OPTIONS":
                return Response(status_code=204, headers={"Allow": allow})
            return self.error(request, 405, "method", {"Allow": allow},
                              method=request.method, allow=allow)
        try:
            kind, params = await self.protocol_params(request)
            if "query" in params and "update" in params:
                raise RequestError(400, "query_and_update")
            if kind == "update":
                if request.method != "POST":
                    raise RequestError(405, "update_by_get", {"Allow": "POST"})
                if len(params["update"]) != 1:
                    raise RequestError(400, "one_query")
                return await write.sparql_update(self, request, params)
            if kind == "none":
                return await describe.service(self, request)
            if len(params["query"]) != 1:
                raise RequestError(400, "one_query")
            return await self.run_query(request, params)
        except RequestError as error:
            return self.error(request, error.status, error.key, error.headers, **error.params)

    async def run_query(self, request: Request, params: dict[str, list[str]]) -> Response:
        """Read, check, negotiate and run one query in a worker."""
        text = params["query"][0]
        if len(text.encode("utf-8")) > self.max_query_bytes:
            raise RequestError(413, "too_large", limit=self.max_query_bytes)
        info = (analyse_query(text, PREFIXES) if len(text) < 4096  # long: off the loop
                else await asyncio.to_thread(analyse_query, text, PREFIXES))
        if info.form == "update":
            raise RequestError(400, "update_as_query")
        kind = info.form if info.form in {"select", "ask", "construct", "describe"} else "select"
        default_uris = params.get("default-graph-uri", [])
        named_uris = params.get("named-graph-uri", [])
        state = await self.current()
        reason = refusal(info, state.graphs, default_uris + named_uris)
        if reason:
            raise RequestError(403, reason[0], **reason[1])
        choice = self.choose_format(request, params, kind)
        prefixes = {p: PREFIXES[p] for p in info.undeclared if p in PREFIXES}  # parse less
        job = {"op": "query", "sparql": text, "prefixes": prefixes or None, "format": choice,
               "max_rows": self.max_rows, "query_dataset": info.has_dataset,
               "default_graphs": None, "named_graphs": None}
        if default_uris or named_uris:
            job["default_graphs"], job["named_graphs"] = default_uris, named_uris
        try:
            reply = await self.pool.run(job, state.source, self.time_limit)
        except TimeLimitError:
            raise RequestError(503, "time_limit", limit=self.time_limit) from None
        except BusyError:
            raise RequestError(503, "busy", {"Retry-After": "5"}) from None
        except WorkerError as error:
            raise RequestError(500, "worker_failed", detail=str(error)) from None
        if reply["status"] == "syntax":
            return self.syntax_error(request, text, reply, "query")
        if reply["status"] != "ok":
            raise RequestError(400 if "Evaluation" in reply["message"] else 500,
                               "query_failed", detail=reply["message"])
        headers = {"X-Wijkgraaf-Version": str(state.version),
                   "X-Wijkgraaf-Rows": str(reply["count"]), "Vary": "Accept"}
        if reply["truncated"]:
            headers.update({
                "X-Wijkgraaf-Truncated": "true", "X-Wijkgraaf-Row-Cap": str(self.max_rows),
                "X-Wijkgraaf-Message": _header_text(say("truncated", self.lang(request),
                                                        rows=self.max_rows))})
        return Response(reply["body"], media_type=fmt.media_type(choice, kind), headers=headers)

    def choose_format(self, request: Request, params: dict[str, list[str]], kind: str) -> str:
        """The result format: a ``format``/``output`` parameter naming one we offer, else
        content negotiation; 406 when nothing acceptable is offered."""
        for name in ("format", "output"):
            for value in params.get(name, []):
                chosen = fmt.format_from_param(value, kind)
                if chosen:
                    return chosen
        accept = request.headers.get("accept")
        chosen = fmt.negotiate(accept, kind)
        if chosen is None:
            offers = ", ".join(media for media, _ in fmt.offers(kind).values())
            what = {"select": "SELECT", "ask": "ASK", "construct": "CONSTRUCT",
                    "describe": "DESCRIBE"}.get(kind, kind)
            raise RequestError(406, "not_acceptable", accept=accept, what=what, offers=offers)
        return chosen

    def syntax_error(self, request: Request, text: str, reply: dict, what: str) -> Response:
        """400 with the parser's message, the place, and the offending line marked."""
        body = syntax_message(text, reply["message"], reply.get("line"), reply.get("column"),
                              self.lang(request), what)
        return PlainTextResponse(body + "\n", status_code=400)

    async def graph_store(self, request: Request) -> Response:
        """The Graph Store HTTP Protocol (see :mod:`graph.endpoint.write`)."""
        try:
            return await write.graph_store(self, request)
        except RequestError as error:
            return self.error(request, error.status, error.key, error.headers, **error.params)

    async def page(self, request: Request) -> Response:
        """The HTML query page (see :mod:`graph.endpoint.describe`)."""
        return await describe.page(self, request)

    async def void(self, request: Request) -> Response:
        """The VoID/DCAT description of the dataset."""
        try:
            return await describe.void(self, request)
        except RequestError as error:
            return self.error(request, error.status, error.key, error.headers, **error.params)

    async def dump(self, request: Request) -> Response:
        """The whole dataset as a file."""
        try:
            return await describe.dump(self, request)
        except RequestError as error:
            return self.error(request, error.status, error.key, error.headers, **error.params)


def make_app(store: Store, *, cors_origins: Iterable[str] = (), **options: object) -> Starlette:
    """A Starlette app serving a :class:`SparqlRouter` at the root, with its workers started
    and stopped by the app's lifespan. CORS is off unless ``cors_origins`` are given
    (``["*"]`` allows any origin to read; credentials are never allowed)."""
    router = SparqlRouter(store, **options)

    @asynccontextmanager
    async def lifespan(app):
        await router.start()
        try:
            yield
        finally:
            await router.aclose()

    middleware = []
    origins = list(cors_origins)
    if origins:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=origins, allow_methods=_ALL_METHODS,
            allow_headers=["Authorization", "Content-Type", "Accept", "Accept-Language"],
            expose_headers=EXPOSED_HEADERS, allow_credentials=False, max_age=600))
    app = Starlette(routes=[Mount("", app=router)], middleware=middleware, lifespan=lifespan)
    app.state.sparql = router
    return app

