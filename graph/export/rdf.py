"""Serialise the store, a selection, or any list of triples, to the formats people use.

One registry, :data:`FORMATS` (format name → media type, file suffix, what it holds), used by
the CLI, the app and the endpoint alike; :data:`MEDIA_TYPES` and :data:`RDF_WRITERS` are views
of it. RDF formats (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD with the local context in
``ontology/context.jsonld``) are written here; the network and table formats (GraphML, GEXF,
CSV zip, XLSX) by :mod:`graph.export.tables`. :func:`export_subgraph` writes a selection in any of
them: TriG and N-Quads keep each statement in its source graph, with the provenance and the
selection header in the meta graph.

>>> sorted(f for f, spec in FORMATS.items() if spec.kind == "table")
['csv', 'gexf', 'graphml', 'xlsx']
>>> format_for_path("kaart.graphml"), format_for_path("x.ttl"), format_for_path("x.doc")
('graphml', 'turtle', None)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from loaders import write_atomic
from ontology.files import CONTEXT_JSONLD
from ontology.vocab import META_GRAPH, PREFIXES
from graph.store import Store

__all__ = ["FORMATS", "Format", "RDF_WRITERS", "MEDIA_TYPES", "serialize_triples", "dump_store",
           "write_atomic", "export_subgraph", "format_for_path"]


@dataclass(frozen=True)
class Format:
    """An export format: media type, file suffix, and ``kind``: ``rdf`` (triples),
    ``dataset`` (named graphs) or ``table`` (network or spreadsheet, via
    :mod:`graph.export.tables`)."""

    media_type: str
    suffix: str
    kind: str
    label: str


#: every export format, in the order the app offers them
FORMATS: dict[str, Format] = {
    "turtle": Format("text/turtle", ".ttl", "rdf", "Turtle"),
    "trig": Format("application/trig", ".trig", "dataset", "TriG"),
    "nt": Format("application/n-triples", ".nt", "rdf", "N-Triples"),
    "nq": Format("application/n-quads", ".nq", "dataset", "N-Quads"),
    "jsonld": Format("application/ld+json", ".jsonld", "rdf", "JSON-LD"),
    "xml": Format("application/rdf+xml", ".rdf", "rdf", "RDF/XML"),
    "graphml": Format("application/graphml+xml", ".graphml", "table", "GraphML"),
    "gexf": Format("application/gexf+xml", ".gexf", "table", "GEXF"),
    "csv": Format("application/zip", ".zip", "table", "CSV (zip)"),
    "xlsx": Format("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   ".xlsx", "table", "Excel (XLSX)"),
}
MEDIA_TYPES = {name: spec.media_type for name, spec in FORMATS.items()}
_OX = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
       "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}


def _jsonld(triples: list[ox.Triple]) -> bytes:
    import rdflib  # noqa: PLC0415

    graph = rdflib.Graph()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    context = json.loads(CONTEXT_JSONLD.read_text(encoding="utf-8"))["@context"]
    return graph.serialize(format="json-ld", context=context, auto_compact=True,
                           indent=1).encode("utf-8")


def serialize_triples(triples: Iterable[ox.Triple], fmt: str) -> bytes:
    """Triples in ``fmt`` (turtle, nt, xml, jsonld; trig/nq put them in the default graph)."""
    triples = list(triples)
    if fmt == "jsonld":
        return _jsonld(triples)
    if fmt not in _OX:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(RDF_WRITERS)}")
    if fmt in {"trig", "nq"}:
        return ox.serialize([ox.Quad(t.subject, t.predicate, t.object) for t in triples],
                            format=_OX[fmt])
    prefixes = PREFIXES if fmt in {"turtle", "xml"} else None
    return ox.serialize(triples, format=_OX[fmt], prefixes=prefixes)


def dump_store(store: Store, fmt: str = "turtle", include_meta: bool = False) -> bytes:
    """The whole store: ``trig``/``nq`` keep the named graphs (and provenance in the meta
    graph); the other formats give the union of the source and ontology graphs."""
    quads = [q for q in store.dump_quads()
             if include_meta or fmt in {"trig", "nq"} or q.graph_name.value != META_GRAPH]
    if fmt in {"trig", "nq"}:
        quads.sort(key=lambda q: (q.graph_name.value, str(q.subject), str(q.predicate)))
        return ox.serialize(quads, format=_OX[fmt], prefixes=PREFIXES if fmt == "trig" else None)
    seen = dict.fromkeys(q.triple for q in quads)
    return serialize_triples(sorted(seen, key=lambda t: (str(t.subject), str(t.predicate),
                                                          str(t.object))), fmt)


RDF_WRITERS = {name: name for name, spec in FORMATS.items() if spec.kind != "table"}
_SUFFIXES = {spec.suffix: name for name, spec in FORMATS.items()} | {
    ".turtle": "turtle", ".json": "jsonld", ".xml": "xml", ".owl": "xml", ".csv": "csv"}


def format_for_path(path: str | Path) -> str | None:
    """The format a file name's suffix asks for, or ``None``."""
    return _SUFFIXES.get(Path(path).suffix.lower())


def export_subgraph(sub, fmt: str, lang: str = "nl") -> bytes:
    """A :class:`~graph.export.subgraph.Subgraph` in ``fmt`` (any name in :data:`FORMATS`).

    ``lang`` picks the language of labels in the network and table formats.
    """
    spec = FORMATS.get(fmt)
    if spec is None:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if spec.kind == "dataset":
        return ox.serialize(list(sub.quads), format=_OX[fmt],
                            prefixes=PREFIXES if fmt == "trig" else None)
    if spec.kind == "rdf":
        return serialize_triples(sub.triples(), fmt)
    from graph.export.tables import WRITERS  # noqa: PLC0415 - networkx, openpyxl only when needed

    return WRITERS[fmt](sub, lang)


