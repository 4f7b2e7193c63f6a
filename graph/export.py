"""Serialise the store, or any list of triples, to the RDF formats editors and researchers use.

One registry, :data:`RDF_WRITERS` (format name → writer), used by the CLI, the app and the
endpoint alike. JSON-LD uses the local context in ``ontology/context.jsonld``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ontology.files import CONTEXT_JSONLD, META_GRAPH, PREFIXES
from graph.store import Store

__all__ = ["RDF_WRITERS", "MEDIA_TYPES", "serialize_triples", "dump_store", "write_atomic"]

MEDIA_TYPES = {
    "turtle": "text/turtle", "trig": "application/trig", "nt": "application/n-triples",
    "nq": "application/n-quads", "xml": "application/rdf+xml", "jsonld": "application/ld+json",
}
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


RDF_WRITERS = {name: name for name in MEDIA_TYPES}


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
