"""Media types of the SPARQL endpoint: content negotiation and result serialisation.

Result sets (SELECT, ASK) come as SPARQL 1.1 Results JSON, XML, CSV or TSV; graphs (CONSTRUCT,
DESCRIBE, the Graph Store, the service description) as Turtle, N-Triples, RDF/XML, JSON-LD,
TriG or N-Quads. :func:`negotiate` picks the best offer for an ``Accept`` header (RFC 9110
q-values, the most specific range deciding) or ``None`` for 406.

>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "select")
'xml'
>>> negotiate("text/html", "select") is None
True
>>> negotiate("*/*", "construct"), negotiate(None, "select")
('turtle', 'json')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from graph.query.service import term_json

__all__ = ["RESULT_TYPES", "RDF_TYPES", "negotiate", "rank", "quality", "parse_accept",
           "format_from_param", "solutions_json", "serialize_solutions", "serialize_graph",
           "rdf_format_for", "media_type", "offers"]

#: result-set format → (media type, other media types that mean the same)
RESULT_TYPES = {
    "json": ("application/sparql-results+json", ("application/json",)),
    "xml": ("application/sparql-results+xml", ("application/xml", "text/xml")),
    "csv": ("text/csv", ()),
    "tsv": ("text/tab-separated-values", ()),
}
#: RDF format → (media type, aliases)
RDF_TYPES = {
    "turtle": ("text/turtle", ("application/x-turtle", "application/turtle")),
    "nt": ("application/n-triples", ()),
    "xml": ("application/rdf+xml", ("application/xml", "text/xml")),
    "jsonld": ("application/ld+json", ("application/json", "application/x-json+ld")),
    "trig": ("application/trig", ()),
    "nq": ("application/n-quads", ()),
}
_OX_RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_OX_RDF = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
           "xml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD,
           "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
#: short names accepted in a ``format=``/``output=`` parameter
_PARAM_NAMES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv",
                "tsv": "tsv", "turtle": "turtle", "ttl": "turtle", "n3": "turtle",
                "nt": "nt", "ntriples": "nt", "n-triples": "nt", "rdf": "xml",
                "rdfxml": "xml", "rdf+xml": "xml", "jsonld": "jsonld", "json-ld": "jsonld",
                "trig": "trig", "nq": "nq", "nquads": "nq"}


def offers(kind: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The formats offered for a query form or 'graph'/'results'."""
    return RDF_TYPES if kind in {"construct", "describe", "graph"} else RESULT_TYPES


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``[(media range, q), ...]`` of an Accept header; malformed parts are skipped.

    >>> parse_accept("text/*;q=0.3, application/json")
    [('text/*', 0.3), ('application/json', 1.0)]
    """
    out = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((media, q))
    return out


def quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching ``media`` (0 when none matches)."""
    best, specificity = 0.0, -1
    kind = media.split("/", maxsplit=1)[0]
    for rng, q in ranges:
        score = (2 if rng == media else 1 if rng == f"{kind}/*" else 0 if rng == "*/*"
                 else -1)
        if score > specificity:
            best, specificity = q, score
    return best if specificity >= 0 else 0.0


def rank(header: str | None, kind: str, default: str | None = None
         ) -> tuple[str | None, float]:
    """The best format for ``header`` and its q (``(None, 0.0)`` when nothing is acceptable).

    Without an Accept header (or with ``*/*`` only) the answer is ``default`` or the first
    offer (JSON for result sets, Turtle for graphs).
    """
    table = offers(kind)
    first = default or next(iter(table))
    ranges = parse_accept(header)
    if not ranges:
        return first, 1.0
    exact = {media: q for media, q in ranges}
    best, best_q = None, 0.0
    for name in [first] + [n for n in table if n != first]:
        media, aliases = table[name]
        # wildcards reach an offer through its own media type; aliases count when named
        q = max([quality(media, ranges)] + [exact[a] for a in aliases if a in exact])
        if exact.get(media) == 0.0:
            q = 0.0
        if q > best_q:
            best, best_q = name, q
    return best, best_q


def negotiate(header: str | None, kind: str, default: str | None = None) -> str | None:
    """The format name to answer with, or ``None`` when nothing acceptable is offered."""
    return rank(header, kind, default)[0]


def format_from_param(value: str | None, kind: str) -> str | None:
    """The format a ``format=``/``output=`` parameter names (short name or media type)."""
    if not value:
        return None
    value = value.strip().lower()
    table = offers(kind)
    name = _PARAM_NAMES.get(value)
    if table is RDF_TYPES and name == "json":
        name = "jsonld"
    if name in table:
        return name
    for name, (media, aliases) in table.items():
        if value == media or value in aliases:
            return name
    return None


def media_type(name: str, kind: str) -> str:
    """The media type (with charset for text) of format ``name``."""
    media = offers(kind)[name][0]
    return media + "; charset=utf-8" if media.startswith("text/") or "json" in media or (
        "xml" in media) else media


def rdf_format_for(media: str | None) -> ox.RdfFormat | None:
    """The pyoxigraph RDF format of a request Content-Type, or ``None``."""
    base = (media or "").split(";")[0].strip().lower()
    for name, (main, aliases) in RDF_TYPES.items():
        if base == main or (base in aliases and base != "application/json"):
            return _OX_RDF[name]
    return {"text/plain": ox.RdfFormat.N_TRIPLES, "application/json": ox.RdfFormat.JSON_LD,
            "text/n3": ox.RdfFormat.N3}.get(base)


_term_json = term_json


def solutions_json(variables: list[str], rows: Iterable[ox.QuerySolution]) -> bytes:
    """SPARQL 1.1 Results JSON of the solutions ``rows`` (unbound variables left out)."""
    bindings = []
    for row in rows:
        binding = {}
        for name in variables:
            value = row[name]
            if value is not None:
                binding[name] = _term_json(value)
        bindings.append(binding)
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def serialize_solutions(variables: list[str], rows: Iterable[ox.QuerySolution],
                        fmt: str) -> bytes:
    """The solutions in ``fmt`` (json, xml, csv, tsv): written once as JSON, then converted
    by pyoxigraph's own writers so every format follows its W3C note exactly."""
    data = solutions_json(variables, rows)
    if fmt == "json":
        return data
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=_OX_RESULTS[fmt])


def serialize_boolean(result: ox.QueryBoolean, fmt: str) -> bytes:
    """An ASK answer in ``fmt``."""
    return result.serialize(format=_OX_RESULTS[fmt])


def serialize_graph(triples: Iterator[ox.Triple] | list[ox.Triple], fmt: str,
                    prefixes: dict[str, str] | None = None) -> bytes:
    """Triples in ``fmt`` (turtle, nt, xml, jsonld; trig and nq in the default graph)."""
    triples = list(triples)
    if fmt in {"trig", "nq"}:
        quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
        return ox.serialize(quads, format=_OX_RDF[fmt],
                            prefixes=prefixes if fmt == "trig" else None)
    use = prefixes if fmt in {"turtle", "xml"} else None
    return ox.serialize(triples, format=_OX_RDF[fmt], prefixes=use)
