"""The SPARQL endpoint: a Starlette router any ASGI app can mount, and a thin app around it.

:class:`SparqlRouter` serves, relative to where it is mounted:

- ``/sparql`` — the SPARQL 1.1 Protocol: queries by GET, by form POST and by direct POST,
  with ``default-graph-uri``/``named-graph-uri``; results as SPARQL JSON, XML, CSV or TSV
  and graphs as Turtle, N-Triples, RDF/XML, JSON-LD (content negotiation, or ``format=``);
  updates by POST for editors, with ``using-graph-uri``/``using-named-graph-uri``. Relative
  IRIs resolve against the endpoint's URL (on ``public_url`` when set). A plain GET gives
  the service description (the query page when a browser asks for HTML).
- ``/graph-store`` — the SPARQL 1.1 Graph Store HTTP Protocol (``?graph=`` or ``?default``,
  or ``/graph-store/PATH`` for the graph with that URL): anyone may GET/HEAD, editors may
  PUT/POST/DELETE.
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
import hashlib
from collections.abc import Iterable, Mapping
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route, Router
from starlette.staticfiles import StaticFiles
from urllib.parse import parse_qs

from ontology.vocab import PREFIXES
from graph.endpoint import describe, write
from graph.endpoint.context import EndpointContext
from graph.endpoint.describe import ASSETS
from graph.endpoint.messages import RequestError, say
from graph.query import (
    BusyError, NestingError, TimeLimitError, WorkerError, analyse_query, refusal,
)
from graph.query import formats as fmt
from graph.store import Store

__all__ = ["SparqlRouter", "make_app", "RequestError"]

_ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
EXPOSED_HEADERS = ["X-Wijkgraaf-Truncated", "X-Wijkgraaf-Row-Cap", "X-Wijkgraaf-Rows",
                   "X-Wijkgraaf-Message", "X-Wijkgraaf-Version", "Location", "ETag",
                   "X-Wijkgraaf-Answer"]


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
        self.context = EndpointContext(
            store, time_limit=time_limit, write_time_limit=write_time_limit, max_rows=max_rows,
            max_query_bytes=max_query_bytes, max_upload_bytes=max_upload_bytes, workers=workers,
            editor_tokens=editor_tokens, public_url=public_url, start_method=start_method,
            memory_copy_limit=memory_copy_limit)
        routes = [
            Route("/", self.page, methods=["GET"], name="page"),
            Route("/sparql", self.sparql, methods=_ALL_METHODS, name="sparql"),
            Route("/graph-store", self.graph_store, methods=_ALL_METHODS, name="graph-store"),
            Route("/graph-store/{path:path}", self.graph_store, methods=_ALL_METHODS),
            Route("/void", self.void, methods=["GET"], name="void"),
            Route("/.well-known/void", self.void, methods=["GET"]),
            Route("/dump", self.dump, methods=["GET"], name="dump"),
            Route("/dump.{ext}", self.dump, methods=["GET"]),
            Mount("/assets", app=StaticFiles(directory=ASSETS), name="assets"),
        ]
        super().__init__(routes=routes)

    async def start(self) -> None:
        """Start the worker processes and load the current version into them."""
        await self.context.start()

    async def aclose(self) -> None:
        """Stop the workers and remove temporary files."""
        await self.context.aclose()

    @property
    def store(self) -> Store:
        return self.context.store

    def _refuse(self, request: Request, error: RequestError) -> Response:
        return self.context.error(request, error.status, error.key, error.headers,
                                  **error.params)

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
        limit = self.context.max_query_bytes * 4 if base == FORM else self.context.max_query_bytes
        body = await self.context.read_body(request, limit)
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
            return self.context.error(request, 405, "method", {"Allow": allow},
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
                return await write.sparql_update(self.context, request, params)
            if kind == "none":
                return await describe.service(self.context, request)
            if len(params["query"]) != 1:
                raise RequestError(400, "one_query")
            return await self.run_query(request, params)
        except RequestError as error:
            return self._refuse(request, error)

    async def run_query(self, request: Request, params: dict[str, list[str]]) -> Response:
        """Read, check, negotiate and run one query in a worker."""
        text = params["query"][0]
        if len(text.encode("utf-8")) > self.context.max_query_bytes:
            raise RequestError(413, "too_large", limit=self.context.max_query_bytes)
        try:
            info = (analyse_query(text, PREFIXES) if len(text) < 4096  # long: off the loop
                    else await asyncio.to_thread(analyse_query, text, PREFIXES))
        except NestingError as error:
            raise RequestError(400, "too_deep", depth=error.depth, limit=error.limit) from None
        if info.form == "update":
            raise RequestError(400, "update_as_query")
        kind = info.form if info.form in {"select", "ask", "construct", "describe"} else "select"
        default_uris = params.get("default-graph-uri", [])
        named_uris = params.get("named-graph-uri", [])
        state = await self.context.current()
        reason = refusal(info, state.graphs, default_uris + named_uris)
        if reason:
            raise RequestError(403, reason[0], **reason[1])
        choice = self.choose_format(request, params, kind)
        prefixes = {p: PREFIXES[p] for p in info.undeclared if p in PREFIXES}  # parse less
        job = {"op": "query", "sparql": text, "prefixes": prefixes or None, "format": choice,
               "max_rows": self.context.max_rows, "query_dataset": info.has_dataset,
               "default_graphs": None, "named_graphs": None,
               "base_iri": self.context.base_url(request) + "sparql"}
        if default_uris or named_uris:
            job["default_graphs"], job["named_graphs"] = default_uris, named_uris
        # the same query on the same store version is run once (graph.endpoint.answers)
        key = (state.version, text, choice, tuple(default_uris), tuple(named_uris),
               job["base_iri"], self.context.max_rows)
        tag = '"q' + hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:32] + '"'
        if tag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}:
            return Response(status_code=304, headers={"ETag": tag, "Vary": "Accept"})
        try:
            reply, how = await self.context.answers.get(key, lambda: self.context.pool.run(
                job, state.source, self.context.time_limit))
        except TimeLimitError:
            raise RequestError(503, "time_limit", limit=self.context.time_limit) from None
        except BusyError:
            raise RequestError(503, "busy", {"Retry-After": "5"}) from None
        except WorkerError as error:
            raise RequestError(500, "worker_failed", detail=str(error)) from None
        if reply["status"] == "syntax":
            return self.context.syntax_error(request, text, reply, "query")
        if reply["status"] != "ok":
            raise RequestError(400 if "Evaluation" in reply["message"] else 500,
                               "query_failed", detail=reply["message"])
        headers = {"X-Wijkgraaf-Version": str(state.version),
                   "X-Wijkgraaf-Rows": str(reply["count"]), "Vary": "Accept", "ETag": tag,
                   "X-Wijkgraaf-Answer": how}
        if reply["truncated"]:
            headers.update({
                "X-Wijkgraaf-Truncated": "true", "X-Wijkgraaf-Row-Cap": str(self.context.max_rows),
                "X-Wijkgraaf-Message": _header_text(say("truncated", self.context.lang(request),
                                                        rows=self.context.max_rows))})
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

    async def graph_store(self, request: Request) -> Response:
        """The Graph Store HTTP Protocol (see :mod:`graph.endpoint.write`)."""
        try:
            return await write.graph_store(self.context, request)
        except RequestError as error:
            return self._refuse(request, error)

    async def page(self, request: Request) -> Response:
        """The HTML query page (see :mod:`graph.endpoint.describe`)."""
        return await describe.page(self.context, request)

    async def void(self, request: Request) -> Response:
        """The VoID/DCAT description of the dataset."""
        try:
            return await describe.void(self.context, request)
        except RequestError as error:
            return self._refuse(request, error)

    async def dump(self, request: Request) -> Response:
        """The whole dataset as a file."""
        try:
            return await describe.dump(self.context, request)
        except RequestError as error:
            return self._refuse(request, error)


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

