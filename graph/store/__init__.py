"""Where the triples live: the ``Store`` protocol, the embedded Oxigraph store, a remote
SPARQL 1.1 server behind the same protocol, and the SPARQL text helpers they share."""

from graph.store.embedded import (
    EmbeddedStore, Literal, NamedNode, Row, Store, StoreBusyError, Triple, open_embedded,
    version_bump,
)
from graph.store.memo import version_memo
from graph.store.remote import RemoteError, RemoteStore, endpoints_for
from graph.store.sparql import (
    PREDICATE_FORMS, among, among_strings, error_position, excerpt, iri_nt, parser_message,
    predicate_union, syntax_error, term_nt, with_values,
)

__all__ = [
    "EmbeddedStore", "Literal", "NamedNode", "PREDICATE_FORMS", "RemoteError", "RemoteStore",
    "Row", "Store", "StoreBusyError", "Triple", "among", "among_strings", "endpoints_for",
    "error_position", "excerpt", "iri_nt", "open_embedded", "parser_message", "predicate_union",
    "syntax_error", "term_nt", "version_bump", "version_memo", "with_values",
]
