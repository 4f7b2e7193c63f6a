"""What the endpoint says about itself and its data: the SPARQL service description, the
VoID/DCAT description of the dataset (to cite a versioned dataset), and the HTML query page.

All three are built from plain numbers and graph names, so they are easy to test:

>>> base = "http://localhost:8000/"
>>> triples = service_description(base, {"urn:g": 3}, 3, writable=False)
>>> any(t.object.value.endswith("SPARQL_Results_CSV") for t in triples)
True
"""

from __future__ import annotations

import asyncio
import html
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from ontology import competency_queries
from ontology.vocab import (
    DATASET_IRI, DCAT, DCT, FORMATS, ITEM_BASE, META_GRAPH, ONTOLOGY_IRI, PREFIXES, PROV, RDFS,
    RDF_TYPE, SD, VOID, XSD,
)
from graph.query import formats as fmt
from graph.endpoint.messages import RequestError, page_language
from graph.export import MEDIA_TYPES, dump_store
from graph.store import Store

if TYPE_CHECKING:
    from graph.endpoint.context import EndpointContext

__all__ = ["DatasetStats", "dataset_stats", "service_description", "void_description",
           "query_page", "ASSETS", "DUMP_FORMATS", "service", "page", "void", "dump",
           "rdf_response"]

ASSETS = Path(__file__).resolve().parent / "assets" / "endpoint"
#: dump file extension → export format name
DUMP_FORMATS = {"trig": "trig", "nq": "nq", "ttl": "turtle", "nt": "nt", "jsonld": "jsonld",
                "rdf": "xml"}

_RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                   "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "TriG",
                   "N-Quads"]
_EXTRA_PREFIXES = {"sd": SD, "formats": FORMATS}
_MEDIA = {"trig": "application/trig", "nq": "application/n-quads", "ttl": "text/turtle",
          "nt": "application/n-triples", "jsonld": "application/ld+json",
          "rdf": "application/rdf+xml"}


@dataclass(frozen=True)
class DatasetStats:
    """Counts of the union default graph and of each named graph, with provenance."""

    version: int
    triples: int
    subjects: int
    objects: int
    properties: int
    classes: dict[str, int] = field(default_factory=dict)
    graphs: dict[str, int] = field(default_factory=dict)
    modified: str | None = None


def dataset_stats(store: Store) -> DatasetStats:
    """Count what VoID describes (run once per store version; the caller caches it).

    >>> from graph.kb.loading import ensure_ready, open_store
    >>> stats = dataset_stats(ensure_ready(open_store(), bundled=False))
    >>> stats.triples > 0 and "https://w3id.org/wijkgraaf/graph/ontology" in stats.graphs
    True
    """
    row = store.select("SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?s) "
                       "(COUNT(DISTINCT ?o) AS ?o) (COUNT(DISTINCT ?p) AS ?p) "
                       "WHERE { ?s ?p ?o }")[0]
    classes = {r["c"].value: int(r["n"].value) for r in store.select(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c")}
    graphs = {r["g"].value: int(r["n"].value) for r in store.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    modified = store.select(f"SELECT (MAX(?t) AS ?m) WHERE {{ GRAPH <{META_GRAPH}> "
                            f"{{ ?g <{PROV}generatedAtTime> ?t }} }}")
    when = modified[0].get("m") if modified else None
    return DatasetStats(store.version(), int(row["t"].value), int(row["s"].value),
                        int(row["o"].value), int(row["p"].value), dict(sorted(classes.items())),
                        dict(sorted(graphs.items())), when.value if when is not None else None)


def _nn(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_nn(XSD + "integer"))


def _text(nl: str, en: str) -> list[ox.Literal]:
    return [ox.Literal(nl, language="nl"), ox.Literal(en, language="en")]


def service_description(base: str, graphs: dict[str, int], default_triples: int,
                        writable: bool, time_limit: float | None = None,
                        max_rows: int | None = None) -> list[ox.Triple]:
    """The SPARQL 1.1 service description of the endpoint at ``base`` + ``sparql``."""
    endpoint = _nn(base + "sparql")
    service, dataset, default = (_nn(base + "sparql#service"), _nn(base + "sparql#dataset"),
                                 _nn(base + "sparql#default-graph"))
    t = ox.Triple
    out = [t(service, _nn(RDF_TYPE), _nn(SD + "Service")),
           t(service, _nn(SD + "endpoint"), endpoint),
           t(service, _nn(SD + "supportedLanguage"), _nn(SD + "SPARQL11Query")),
           t(service, _nn(SD + "defaultEntailmentRegime"),
             _nn("http://www.w3.org/ns/entailment/Simple")),
           t(service, _nn(SD + "defaultDataset"), dataset),
           t(service, _nn(DCAT + "servesDataset"), _nn(DATASET_IRI))]
    if writable:
        out.append(t(service, _nn(SD + "supportedLanguage"), _nn(SD + "SPARQL11Update")))
    out += [t(service, _nn(SD + "resultFormat"), _nn(FORMATS + f)) for f in _RESULT_FORMATS]
    out += [t(service, _nn(DCT + "title"), lit) for lit in _text(
        "Wijkgraaf SPARQL-endpoint", "Wijkgraaf SPARQL endpoint")]
    limits_nl = ("Standaardgraaf: de vereniging van alle benoemde grafen behalve de "
                 "herkomstgraaf. SERVICE, LOAD en FROM buiten deze dataset worden geweigerd.")
    limits_en = ("Default graph: the union of every named graph except the provenance graph. "
                 "SERVICE, LOAD and FROM outside this dataset are refused.")
    if time_limit:
        limits_nl += f" Tijdslimiet per query: {time_limit:g} s."
        limits_en += f" Time limit per query: {time_limit:g} s."
    if max_rows:
        limits_nl += f" Rijlimiet: {max_rows}."
        limits_en += f" Row cap: {max_rows}."
    out += [t(service, _nn(RDFS + "comment"), lit) for lit in _text(limits_nl, limits_en)]
    out += [t(dataset, _nn(RDF_TYPE), _nn(SD + "Dataset")),
            t(dataset, _nn(SD + "defaultGraph"), default),
            t(default, _nn(RDF_TYPE), _nn(SD + "Graph")),
            t(default, _nn(VOID + "triples"), _int(default_triples))]
    for i, (iri, count) in enumerate(sorted(graphs.items())):
        named, graph = _nn(base + f"sparql#named-{i}"), _nn(base + f"sparql#graph-{i}")
        out += [t(dataset, _nn(SD + "namedGraph"), named),
                t(named, _nn(RDF_TYPE), _nn(SD + "NamedGraph")),
                t(named, _nn(SD + "name"), _nn(iri)),
                t(named, _nn(SD + "graph"), graph),
                t(graph, _nn(RDF_TYPE), _nn(SD + "Graph")),
                t(graph, _nn(VOID + "triples"), _int(count))]
    return out


def void_description(base: str, stats: DatasetStats, meta: list[ox.Triple]) -> list[ox.Triple]:
    """VoID and DCAT for the dataset: version, size, partitions, graphs, endpoint and dumps.

    ``meta`` are the triples of the provenance graph (titles and times of the graphs).
    """
    t, ds = ox.Triple, _nn(DATASET_IRI)
    service = _nn(base + "sparql#service")
    out = [t(ds, _nn(RDF_TYPE), _nn(VOID + "Dataset")), t(ds, _nn(RDF_TYPE), _nn(DCAT + "Dataset"))]
    out += [t(ds, _nn(DCT + "title"), lit) for lit in _text("Wijkgraaf", "Wijkgraaf")]
    out += [t(ds, _nn(DCT + "description"), lit) for lit in _text(
        "Kennisgraaf van belemmeringen bij domeinoverstijgend wijkgericht werken en van "
        "praktische oplossingen daarvoor.",
        "Knowledge graph of obstacles in cross-domain neighbourhood work and of practical "
        "solutions for them.")]
    citation = (f"Wijkgraaf, version {stats.version}"
                + (f" ({stats.modified[:10]})" if stats.modified else "") + f". {base}void")
    out += [
        t(ds, _nn(DCT + "license"), _nn("https://creativecommons.org/licenses/by/4.0/")),
        t(ds, _nn(DCT + "conformsTo"), _nn(ONTOLOGY_IRI)),
        t(ds, _nn(DCAT + "version"), ox.Literal(str(stats.version))),
        t(ds, _nn(DCT + "bibliographicCitation"), ox.Literal(citation)),
        t(ds, _nn(VOID + "sparqlEndpoint"), _nn(base + "sparql")),
        t(ds, _nn(VOID + "uriSpace"), ox.Literal(ITEM_BASE)),
        t(ds, _nn(VOID + "triples"), _int(stats.triples)),
        t(ds, _nn(VOID + "distinctSubjects"), _int(stats.subjects)),
        t(ds, _nn(VOID + "distinctObjects"), _int(stats.objects)),
        t(ds, _nn(VOID + "properties"), _int(stats.properties)),
        t(ds, _nn(VOID + "classes"), _int(len(stats.classes))),
        t(ds, _nn(DCAT + "accessService"), service),
        t(service, _nn(RDF_TYPE), _nn(DCAT + "DataService")),
        t(service, _nn(DCAT + "endpointURL"), _nn(base + "sparql")),
        t(service, _nn(DCAT + "endpointDescription"), _nn(base + "sparql")),
        t(service, _nn(DCAT + "servesDataset"), ds),
    ]
    if stats.modified:
        out.append(t(ds, _nn(DCT + "modified"),
                     ox.Literal(stats.modified, datatype=_nn(XSD + "dateTime"))))
    for prefix in ("wg", "skos", "org", "dcterms", "prov"):
        out.append(t(ds, _nn(VOID + "vocabulary"), _nn(PREFIXES[prefix])))
    for ext, media in _MEDIA.items():
        dist = _nn(f"{base}dump.{ext}")
        out += [t(ds, _nn(VOID + "dataDump"), dist),
                t(ds, _nn(DCAT + "distribution"), dist),
                t(dist, _nn(RDF_TYPE), _nn(DCAT + "Distribution")),
                t(dist, _nn(DCAT + "downloadURL"), dist),
                t(dist, _nn(DCAT + "mediaType"),
                  _nn("https://www.iana.org/assignments/media-types/" + media))]
    for i, (cls, count) in enumerate(stats.classes.items()):
        part = _nn(f"{base}void#class-{i}")
        out += [t(ds, _nn(VOID + "classPartition"), part),
                t(part, _nn(VOID + "class"), _nn(cls)),
                t(part, _nn(VOID + "entities"), _int(count))]
    keep = {PROV + "generatedAtTime", DCT + "title", PROV + "wasAttributedTo", DCT + "source"}
    for iri, count in stats.graphs.items():
        if iri == META_GRAPH:
            continue
        graph = _nn(iri)
        out += [t(ds, _nn(VOID + "subset"), graph),
                t(graph, _nn(RDF_TYPE), _nn(VOID + "Dataset")),
                t(graph, _nn(VOID + "triples"), _int(count))]
        out += [m for m in meta if m.subject == graph and m.predicate.value in keep]
    return out


_PAGE_TEXT = {
    "title": ("Wijkgraaf — SPARQL", "Wijkgraaf — SPARQL"),
    "intro": ("Stel SPARQL 1.1-vragen aan de kennisgraaf. Voorvoegsels als wg:, wgd:, skos: en "
              "org: zijn al gedeclareerd. De standaardgraaf is de vereniging van alle grafen "
              "behalve de herkomstgraaf.",
              "Ask the knowledge graph SPARQL 1.1 questions. Prefixes such as wg:, wgd:, skos: "
              "and org: are predeclared. The default graph is the union of every graph except "
              "the provenance graph."),
    "examples": ("Voorbeeldvragen", "Example questions"),
    "choose": ("— kies een vraag —", "— choose a question —"),
    "query": ("Query", "Query"),
    "format": ("Resultaatformaat", "Result format"),
    "run": ("Uitvoeren", "Run"),
    "download": ("Resultaat downloaden", "Download result"),
    "limits": ("Limieten: {time:g} s per query, {rows} rijen.",
               "Limits: {time:g} s per query, {rows} rows."),
    "links": ("Dataset", "Dataset"),
    "void": ("Beschrijving (VoID/DCAT)", "Description (VoID/DCAT)"),
    "service": ("Servicebeschrijving", "Service description"),
    "dump": ("Volledige dump", "Full dump"),
    "prefixes": ("Voorvoegsels", "Prefixes"),
    "other": ("English", "Nederlands"),
    "running": ("Bezig…", "Running…"),
    "rows": ("{n} rijen in {ms} ms", "{n} rows in {ms} ms"),
    "truncated": ("afgekapt", "truncated"),
    "yes": ("ja", "yes"), "no": ("nee", "no"),
}


def query_page(lang: str, examples: list[dict], time_limit: float, max_rows: int) -> str:
    """The HTML query page (assets served locally from ``assets/``), in ``lang``."""
    i = 0 if lang == "nl" else 1
    text = {k: v[i] for k, v in _PAGE_TEXT.items()}
    template = (ASSETS / "index.html").read_text(encoding="utf-8")
    config = {"lang": lang, "text": text, "examples": examples}
    options = "\n".join(
        f'<option value="{n}">{html.escape(e["id"].split("-")[0])} — '
        f'{html.escape(e["question"])}</option>' for n, e in enumerate(examples))
    prefixes = "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items())
    values = {
        "lang": lang, "other_lang": "en" if lang == "nl" else "nl",
        "options": options, "prefixes": html.escape(prefixes),
        "config": json.dumps(config, ensure_ascii=False).replace("</", "<\\/"),
        "limits": html.escape(text["limits"].format(time=time_limit, rows=max_rows)),
        "first": html.escape(examples[0]["sparql"] if examples else
                             "SELECT * WHERE { ?s ?p ?o } LIMIT 10"),
    }
    values.update({f"t_{k}": html.escape(v) for k, v in text.items()})
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", str(value))
    return template


# ------------------------------------------------------------- the HTTP handlers ---

async def service(ctx: EndpointContext, request: Request) -> Response:
    """A plain GET /sparql: the service description (the query page for a browser)."""
    accept = request.headers.get("accept")
    if accept and not request.query_params.get("format"):
        html_q = fmt.quality("text/html", fmt.parse_accept(accept))
        if html_q > 0 and html_q > fmt.rank(accept, "graph")[1]:
            return await page(ctx, request)
    state = await ctx.current()
    counts = await stats(ctx, state.version)
    triples = service_description(ctx.base_url(request), counts.graphs, counts.triples,
                                  writable=bool(ctx.editor_tokens),
                                  time_limit=ctx.time_limit, max_rows=ctx.max_rows)
    return rdf_response(request, triples, etag=f"sd-{state.version}")


def rdf_response(request: Request, triples: list, etag: str | None = None) -> Response:
    """Triples in the negotiated RDF format (or ``format=``); for a browser, which prefers
    HTML, as plain text (Turtle unless ``format=`` says otherwise) so that it shows. 406
    when nothing acceptable is offered."""
    accept = request.headers.get("accept")
    chosen = next((c for v in request.query_params.getlist("format")
                   if (c := fmt.format_from_param(v, "graph"))), None)
    best, best_q = fmt.rank(accept, "graph")
    browser = bool(accept) and fmt.quality("text/html", fmt.parse_accept(accept)) > best_q
    media = "text/plain; charset=utf-8" if browser else None  # so that a browser shows it
    chosen = chosen or ("turtle" if browser else best)
    if chosen is None:
        offers = ", ".join(m for m, _ in fmt.RDF_TYPES.values())
        raise RequestError(406, "not_acceptable", accept=accept, what="RDF", offers=offers)
    tag = f'"{etag}-{chosen}"' if etag else None
    if tag and request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers={"ETag": tag})
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate)))
    body = fmt.serialize_graph(ordered, chosen, {**PREFIXES, **_EXTRA_PREFIXES})
    headers = {"Vary": "Accept", **({"ETag": tag} if tag else {})}
    return Response(body, media_type=media or fmt.media_type(chosen, "graph"), headers=headers)


async def stats(ctx: EndpointContext, version: int) -> DatasetStats:
    """VoID statistics of ``version`` (computed once per version)."""
    if version not in ctx.stats_cache:
        ctx.stats_cache = {version: await asyncio.to_thread(dataset_stats, ctx.store)}
    return ctx.stats_cache[version]


async def page(ctx: EndpointContext, request: Request) -> Response:
    """The HTML query page with the competency queries as examples: Dutch, or English by
    ``?lang=en`` or for a browser that prefers English to Dutch."""
    lang = page_language(request.headers.get("accept-language"),
                         request.query_params.get("lang"))
    examples = [{"id": q.id, "question": q.question(lang), "sparql": q.sparql}
                for q in competency_queries()]
    body = query_page(lang, examples, ctx.time_limit, ctx.max_rows)
    return HTMLResponse(body, headers={
        "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                                   "style-src 'self'; script-src 'self'",
        "Content-Language": lang, "Vary": "Accept-Language"})


async def void(ctx: EndpointContext, request: Request) -> Response:
    """The VoID/DCAT description of the dataset at its current version."""
    state = await ctx.current()
    counts = await stats(ctx, state.version)
    meta = await asyncio.to_thread(ctx.store.graph_triples, META_GRAPH)
    triples = void_description(ctx.base_url(request), counts, meta)
    return rdf_response(request, triples, etag=f"void-{state.version}")


async def dump(ctx: EndpointContext, request: Request) -> Response:
    """The whole dataset as a file: TriG and N-Quads keep the named graphs and provenance."""
    ext = request.path_params.get("ext") or request.query_params.get("format") or "trig"
    ext = {"turtle": "ttl", "xml": "rdf"}.get(ext, ext)
    if ext not in DUMP_FORMATS:
        raise RequestError(404, "unknown_format", fmt=ext,
                           offers=", ".join(f"dump.{e}" for e in DUMP_FORMATS))
    state = await ctx.current()
    name = DUMP_FORMATS[ext]
    tag = f'"dump-{state.version}-{ext}"'
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers={"ETag": tag})
    path = ctx.dir("tmp") / f"dump-v{state.version}.{ext}"
    if not path.exists():
        data = await asyncio.to_thread(dump_store, ctx.store, name)
        part = path.with_name(f"{path.name}.{uuid.uuid4().hex}.part")
        part.write_bytes(data)
        part.replace(path)
        ctx.keep_until_superseded(path)
    return FileResponse(path, media_type=MEDIA_TYPES[name],
                        filename=f"wijkgraaf-v{state.version}.{ext}", headers={"ETag": tag})
