"""Read RDF files (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) into triples.

Parsing is pyoxigraph's (fast, with line and column in its errors). JSON-LD may only use a
local context: an inline object, or the Wijkgraaf context IRI, which is served from
``ontology/context.jsonld``; nothing is fetched.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from ontology import InputError
from ontology.errors import Message
from ontology.messages import ParserWords
from ontology.files import CONTEXT_JSONLD
from ontology.vocab import CONTEXT_IRI

__all__ = ["RDF_FORMATS", "read_rdf", "CONTEXT_IRI", "syntax_error", "bulk_format"]

RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}


def _read_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if not data.strip():
        raise InputError(Message("file_empty"), file=str(path))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(Message("not_utf8", byte=data[error.start]), file=str(path),
                         line=line) from None
    return data


def _local_context(data: bytes, path: Path) -> bytes:
    """Replace the Wijkgraaf context IRI by the local context; refuse any other remote one."""
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as error:
        raise InputError(Message("bad_json", words=ParserWords(error.msg)), file=str(path),
                         line=error.lineno, column=error.colno) from None
    local = json.loads(CONTEXT_JSONLD.read_text(encoding="utf-8"))["@context"]

    def fix(node: object) -> object:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "@context":
                    value = _resolve(value)
                out[key] = fix(value)
            return out
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node

    def _resolve(ctx: object) -> object:
        if isinstance(ctx, list):
            return [_resolve(c) for c in ctx]
        if isinstance(ctx, str):
            if ctx.rstrip("/") == CONTEXT_IRI:
                return local
            raise InputError(Message("remote_context", ctx=ctx, iri=CONTEXT_IRI),
                             file=str(path))
        return ctx

    return json.dumps(fix(doc)).encode("utf-8")


def read_rdf(path: str | Path) -> list[ox.Triple]:
    """The triples of an RDF file (quads of TriG/N-Quads are flattened into one graph).

    Raises :class:`~ontology.InputError` naming file, line and column for malformed input, an
    unknown file type, an empty or non-UTF-8 file.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "x.ttl")
    >>> _ = open(p, "w").write("<https://x/a> <https://x/b> 'c' .")
    >>> len(read_rdf(p))
    1
    """
    path = Path(path)
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(Message("unknown_file_type", suffix=path.suffix,
                                 formats=sorted(RDF_FORMATS)), file=str(path))
    data = _read_bytes(path)
    if fmt == ox.RdfFormat.JSON_LD:
        data = _local_context(data, path)
    try:
        quads = list(ox.parse(data, format=fmt, base_iri=path.resolve().as_uri()))
    except SyntaxError as error:
        raise syntax_error(error, path) from None
    return [q.triple for q in quads]


def syntax_error(error: SyntaxError, path: Path) -> InputError:
    """A pyoxigraph parse error as an :class:`~ontology.InputError` naming file, line, column."""
    line, column = (error.args[1][1], error.args[1][2]) if len(error.args) > 1 else (None, None)
    words = ParserWords(str(error.args[0]).split(": ", 1)[-1])
    return InputError(Message("malformed", fmt=path.suffix[1:], words=words), file=str(path),
                      line=line, column=column)


def bulk_format(path: str | Path) -> ox.RdfFormat | None:
    """The format of a file the streaming loader may take as it is (not JSON-LD, whose
    context must be checked first), after checking it exists and is not empty."""
    path = Path(path)
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None or fmt == ox.RdfFormat.JSON_LD:
        return None
    with path.open("rb") as handle:
        if not handle.read(4096).strip():
            raise InputError(Message("file_empty"), file=str(path))
    return fmt
