"""Writes through the SPARQL endpoint: SPARQL 1.1 Update and the Graph Store HTTP Protocol.

Only requests with an editor's bearer token write (401 without a token, 403 with a wrong
one). Every write runs in a worker process on a copy of the current data, with a time limit:
the worker applies it, works out which named graphs changed, and validates the would-be store
against the SHACL shapes. A non-conforming write is refused with 422 and the report; a
conforming one is committed with :meth:`Store.replace_graphs` — all changed graphs and their
provenance in one atomic step, with a version bump. The default graph (the union view) and
the graphs Wijkgraaf manages itself (ontology, shapes, provenance) cannot be written.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.parser
import email.policy
import hashlib
import hmac
import json
import re
import uuid
from typing import TYPE_CHECKING
from urllib.parse import quote

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ontology.vocab import (
    DCT, GRAPH_BASE, META_GRAPH, ONTOLOGY_GRAPH, PREFIXES, PROV, RDF_TYPE, SHAPES_GRAPH,
    STAGING_PREFIX, VOID, XSD,
)
from graph.query import formats as fmt
from graph.endpoint.describe import rdf_response
from graph.query import (
    BusyError, NestingError, TimeLimitError, WorkerError, analyse_update, refusal,
)
from graph.endpoint.messages import RequestError, say

if TYPE_CHECKING:
    from graph.endpoint.context import EndpointContext

__all__ = ["editor_name", "sparql_update", "graph_store", "PROTECTED"]

#: graphs Wijkgraaf manages itself: never written through the endpoint
PROTECTED = (META_GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH)
EDITS_BASE = GRAPH_BASE + "edits/"
_GSP_METHODS = "GET, HEAD, PUT, POST, DELETE"


def editor_name(ctx: EndpointContext, request: Request) -> str:
    """The editor whose bearer token the request carries; else :class:`RequestError` 401
    (no token), 403 (a wrong token, or no tokens configured)."""
    if not ctx.editor_tokens:
        raise RequestError(403, "read_only")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise RequestError(401, "no_token", {"WWW-Authenticate": 'Bearer realm="wijkgraaf"'})
    for known, name in ctx.editor_tokens.items():
        if hmac.compare_digest(known.encode("utf-8"), token.encode("utf-8")):
            return name
    raise RequestError(403, "bad_token",
                       {"WWW-Authenticate": 'Bearer realm="wijkgraaf", error="invalid_token"'})


async def sparql_update(ctx: EndpointContext, request: Request,
                        params: dict[str, list[str]]) -> Response:
    """A SPARQL 1.1 Update (POST, form or direct), for editors."""
    name = editor_name(ctx, request)
    text = params["update"][0]
    if len(text.encode("utf-8")) > ctx.max_query_bytes:
        raise RequestError(413, "too_large", limit=ctx.max_query_bytes)
    try:
        info = (analyse_update(text) if len(text) < 4096
                else await asyncio.to_thread(analyse_update, text))
    except NestingError as error:
        raise RequestError(400, "too_deep", depth=error.depth, limit=error.limit) from None
    using = params.get("using-graph-uri", [])
    using_named = params.get("using-named-graph-uri", [])
    if (using or using_named) and info.has_dataset:
        raise RequestError(400, "using_conflict")
    using, using_named = [_graph_iri(g) for g in using], [_graph_iri(g) for g in using_named]
    state = await ctx.current()
    reason = refusal(info, state.graphs, using + using_named)
    if reason:
        raise RequestError(403, reason[0], **reason[1])
    job = {"op": "write", "update": text, "prefixes": PREFIXES, "using_graphs": using or None,
           "using_named_graphs": using_named or None,
           "base_iri": ctx.base_url(request) + "sparql"}
    return await _commit(ctx, request, job, name, text=text)


def _meta(store, changed: dict[str, list[ox.Triple]], editor: str) -> list[ox.Triple]:
    """Provenance of the changed graphs: what was known, with a new time, editor and size."""
    existing = store.graph_triples(META_GRAPH)
    now = ox.Literal(dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                     datatype=ox.NamedNode(XSD.dateTime))
    replaced = {PROV.generatedAtTime, PROV.wasAttributedTo, VOID.triples, DCT.identifier}
    out = []
    for iri, triples in changed.items():
        if not triples:
            continue
        node = ox.NamedNode(iri)
        kept = [t for t in existing if t.subject == node and t.predicate.value not in replaced]
        predicates = {t.predicate.value for t in kept}
        if RDF_TYPE not in predicates:
            kept.append(ox.Triple(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(PROV.Entity)))
        if (DCT + "title") not in predicates:
            kept.append(ox.Triple(node, ox.NamedNode(DCT + "title"),
                                  ox.Literal(iri.rsplit("/", 1)[-1] or iri)))
        kept += [
            ox.Triple(node, ox.NamedNode(PROV.generatedAtTime), now),
            ox.Triple(node, ox.NamedNode(PROV.wasAttributedTo),
                      ox.Literal(f"{editor} (SPARQL endpoint)")),
            ox.Triple(node, ox.NamedNode(VOID.triples), ox.Literal(
                str(len(triples)), datatype=ox.NamedNode(XSD.integer))),
        ]
        out += kept
    return out


def _not_conforming(ctx: EndpointContext, request: Request, reply: dict) -> Response:
    lang = ctx.lang(request)
    message = say("not_conforming", lang)
    if fmt.quality("application/json", fmt.parse_accept(request.headers.get("accept"))) > \
            fmt.quality("text/plain", fmt.parse_accept(request.headers.get("accept"))):
        body = {"message": message, "conforms": False, "results": reply["results"]}
        return Response(json.dumps(body, ensure_ascii=False, indent=1), status_code=422,
                        media_type="application/json")
    report = reply["report_nl"] if lang == "nl" else reply["report"]
    return PlainTextResponse(f"{message}\n\n{report}\n", status_code=422)


async def _commit(ctx: EndpointContext, request: Request, job: dict, editor: str,
                  status: int = 204, location: str | None = None, text: str = "") -> Response:
    """Run a write job in a worker, validate, and commit it atomically (one at a time)."""
    job.update({"protected": list(PROTECTED), "skip_validation": list(PROTECTED)})
    store = ctx.store
    async with ctx.write_lock:
        state = await ctx.current()
        try:
            reply = await ctx.pool.run(job, state.source, ctx.write_time_limit,
                                          wait_limit=ctx.write_time_limit)
        except TimeLimitError:
            raise RequestError(503, "write_time_limit", limit=ctx.write_time_limit) from None
        except BusyError:
            raise RequestError(503, "busy", {"Retry-After": "5"}) from None
        except WorkerError as error:
            raise RequestError(500, "worker_failed", detail=str(error)) from None
        if reply["status"] == "syntax":
            if text:
                return ctx.syntax_error(request, text, reply, "update")
            return PlainTextResponse(reply["message"] + "\n", status_code=400)
        if reply["status"] in {"bad", "refused"}:
            raise RequestError(400 if reply["status"] == "bad" else 403, reply["key"],
                               **reply["params"])
        if reply["status"] != "ok":
            raise RequestError(500, "query_failed", detail=reply["message"])
        if not reply["conforms"]:
            return _not_conforming(ctx, request, reply)
        changed = {g: [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
                   if data else []
                   for g, data in reply["changed"].items()}
        version = state.version
        if changed:
            meta = await asyncio.to_thread(_meta, store, changed, editor)
            if await asyncio.to_thread(store.version) != state.version:
                raise RequestError(409, "conflict")
            version = await asyncio.to_thread(store.replace_graphs, changed, meta)
    headers = {"X-Wijkgraaf-Version": str(version)}
    if location:
        headers["Location"] = location
    return Response(status_code=status, headers=headers)


def _graph_iri(value: str) -> str:
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        raise RequestError(400, "bad_iri", iri=value)
    try:
        return ox.NamedNode(value).value
    except ValueError:
        raise RequestError(400, "bad_iri", iri=value) from None


def _multipart(body: bytes, media: str, graph: str) -> bytes:
    """The parts of a ``multipart/form-data`` body, each parsed in its own RDF format, as one
    N-Triples document (Graph Store Protocol §5.5: the graphs of the parts are merged)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + media.encode("latin-1") + b"\r\n\r\n" + body)
    if not message.is_multipart():
        raise RequestError(400, "bad_multipart")
    triples = []
    for part in message.iter_parts():
        name = part.get_filename() or part.get_param("name", header="content-disposition") or "?"
        kind = fmt.rdf_format_for(part.get_content_type())
        if kind is None:
            raise RequestError(415, "bad_content_type", media=f"{part.get_content_type()} "
                               f"({name})", expected=", ".join(m for m, _ in
                                                               fmt.RDF_TYPES.values()))
        try:
            quads = list(ox.parse(part.get_payload(decode=True), format=kind, base_iri=graph))
        except (SyntaxError, ValueError) as error:
            raise RequestError(400, "bad_part", part=name, detail=str(error)) from None
        if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
            raise RequestError(400, "named_graphs_in_body")
        triples += [q.triple for q in quads]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


async def graph_store(ctx: EndpointContext, request: Request) -> Response:
    """The SPARQL 1.1 Graph Store HTTP Protocol on ``?graph=<IRI>`` and ``?default``
    (indirect identification) and on ``/graph-store/PATH`` (direct: the graph whose IRI is
    that URL under the service's base, e.g. the public URL)."""
    method = request.method
    if method == "OPTIONS":
        return Response(status_code=204, headers={"Allow": _GSP_METHODS})
    if method not in _GSP_METHODS.split(", "):
        raise RequestError(405, "method", {"Allow": _GSP_METHODS}, method=method,
                           allow=_GSP_METHODS)
    writing = method in {"PUT", "POST", "DELETE"}
    name = editor_name(ctx, request) if writing else ""
    graphs = request.query_params.getlist("graph")
    default = "default" in request.query_params
    state = await ctx.current()
    listing = ", ".join(f"<{g}>" for g in state.graphs)
    direct = request.path_params.get("path")
    if direct:
        if graphs or default:
            raise RequestError(400, "graph_param", graphs=listing)
        graphs = [ctx.base_url(request) + "graph-store/" + direct]
    if len(graphs) > 1 or (graphs and default):
        raise RequestError(400, "graph_param", graphs=listing)
    if not graphs and not default:
        if method != "POST":
            raise RequestError(400, "graph_param", graphs=listing)
        graphs = [EDITS_BASE + uuid.uuid4().hex]  # POST to the store: a new graph
    iri = _graph_iri(graphs[0]) if graphs else None
    if not writing:
        if default:
            triples = await asyncio.to_thread(_union, ctx.store, state.graphs)
        elif iri not in state.graphs:
            raise RequestError(404, "no_graph", iri=iri)
        else:
            triples = await asyncio.to_thread(ctx.store.graph_triples, iri)
        tag = f"gsp-{state.version}-" + hashlib.sha1((iri or "").encode()).hexdigest()[:12]
        return rdf_response(request, triples, etag=tag)
    if default:
        raise RequestError(405, "default_read_only", {"Allow": "GET, HEAD"})
    if iri in PROTECTED or iri.startswith(STAGING_PREFIX):
        raise RequestError(403, "protected_graph", graphs=f"<{iri}>")
    if not re.match(r"(https?|urn):", iri, re.IGNORECASE):  # no javascript:, file:, data:
        raise RequestError(400, "graph_scheme", iri=iri)
    exists = iri in state.graphs
    if method == "DELETE":
        if not exists:
            raise RequestError(404, "no_graph", iri=iri)
        job = {"op": "write", "graph": iri, "action": "delete"}
        return await _commit(ctx, request, job, name)
    media = request.headers.get("content-type", "")
    multipart = method == "POST" and media.lower().startswith("multipart/form-data")
    if fmt.rdf_format_for(media) is None and not multipart:
        raise RequestError(415, "bad_content_type", media=media or "(none)",
                           expected=", ".join(m for m, _ in fmt.RDF_TYPES.values()))
    data = await ctx.read_body(request, ctx.max_upload_bytes)
    if multipart:
        data = await asyncio.to_thread(_multipart, data, media, iri)
        media = "application/n-triples"
    job = {"op": "write", "graph": iri, "action": method.lower(), "data": data,
           "media": media}
    location = None
    if not exists:
        location = ctx.base_url(request) + "graph-store?graph=" + quote(iri, safe="")
    return await _commit(ctx, request, job, name, status=204 if exists else 201,
                         location=location)


def _union(store, graphs: list[str]) -> list[ox.Triple]:
    seen: dict[ox.Triple, None] = {}
    for iri in graphs:
        if iri != META_GRAPH and not iri.startswith(STAGING_PREFIX):
            seen.update(dict.fromkeys(store.graph_triples(iri)))
    return list(seen)
