"""SPARQL text helpers shared by every store: terms written by pyoxigraph (never pasted
text), VALUES bindings, and the place a parser names in its syntax error."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode

from ontology import Message, ParserWords, QueryError

__all__ = ["iri_nt", "term_nt", "among", "among_strings", "predicate_union", "PREDICATE_FORMS",
           "with_values", "error_position", "parser_message", "syntax_error"]

#: the ways to write "a triple whose predicate is one of these" (``Store.predicate_form``):
#: ``FILTER(?p IN (<a>, …))``, ``FILTER(STR(?p) IN ("a", …))``, one pattern per predicate
PREDICATE_FORMS = ("in", "strings", "union")


def iri_nt(iri: str) -> str:
    """An IRI written as a term for SPARQL text (``<…>``), checked by pyoxigraph: a value
    that is not an IRI raises :class:`~ontology.QueryError` instead of reaching the text.

    >>> iri_nt("https://w3id.org/wijkgraaf/graph/source/mini%20copy.ttl")
    '<https://w3id.org/wijkgraaf/graph/source/mini%20copy.ttl>'
    >>> iri_nt("urn:a> } ; DROP ALL ; INSERT DATA { <urn:b")
    Traceback (most recent call last):
    ...
    ontology.errors.QueryError: not an IRI: 'urn:a> } ; DROP ALL ; INSERT DATA { <urn:b'
    """
    try:
        return str(NamedNode(iri))
    except ValueError:
        raise QueryError(Message("not_iri", iri=iri)) from None


def term_nt(term: object) -> str:
    """A term in N-Triples syntax, safe to put in a query (escaping is pyoxigraph's).

    >>> term_nt(Literal('a "quoted" word', language="nl"))
    '"a \\\\"quoted\\\\" word"@nl'
    """
    if isinstance(term, (NamedNode, Literal, ox.BlankNode)):
        return str(term)
    raise TypeError(f"not an RDF term: {term!r}")


def among(variable: str, iris: Iterable[str]) -> str:
    """``variable IN (<a>, <b>, …)``: the filter "``variable`` is one of ``iris``".

    >>> among("?p", ["urn:a", "urn:b"])
    '?p IN (<urn:a>, <urn:b>)'
    """
    return f"{variable} IN ({', '.join(iri_nt(i) for i in iris)})"


def among_strings(variable: str, iris: Iterable[str]) -> str:
    """``STR(variable) IN ("a", "b", …)``: the same filter for a variable that only ever holds
    IRIs (a triple's predicate), in a form a server cannot turn into a read of every triple
    of each IRI (``graph.store.remote.QUIRKS`` predicate-list-scan). Each IRI is checked as
    in :func:`iri_nt`.

    >>> among_strings("?p", ["urn:a", "urn:b"])
    'STR(?p) IN ("urn:a", "urn:b")'
    """
    strings = [term_nt(Literal(iri_nt(i)[1:-1])) for i in iris]
    return f"STR({variable}) IN ({', '.join(strings)})"


def predicate_union(subject: str, variable: str, object_: str, iris: Iterable[str]) -> str:
    """The triples ``subject variable object_`` whose predicate is one of ``iris``, as one
    triple pattern per predicate (``variable`` bound to it), joined by ``UNION``.

    >>> predicate_union("?s", "?p", "?o", ["urn:a", "urn:b"])
    '{ ?s <urn:a> ?o BIND(<urn:a> AS ?p) } UNION { ?s <urn:b> ?o BIND(<urn:b> AS ?p) }'
    """
    return " UNION ".join(f"{{ {subject} {i} {object_} BIND({i} AS {variable}) }}"
                          for i in map(iri_nt, iris))


def _as_term(value: object) -> object:
    if isinstance(value, (NamedNode, Literal, ox.BlankNode)):
        return value
    if isinstance(value, str):
        return Literal(value)
    raise TypeError(f"cannot bind {value!r}: give a pyoxigraph term or a string")


def with_values(sparql: str, bindings: Mapping[str, object] | None) -> str:
    """``sparql`` with a trailing ``VALUES`` clause binding each variable to its term.

    Terms are written by pyoxigraph, so no user text is ever pasted into the query.

    >>> print(with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal('x" }')}))
    SELECT ?s WHERE { ?s ?p ?o }
    VALUES (?o) { ("x\\" }") }
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not name.isidentifier():
            raise QueryError(Message("bad_variable", name=name))
    terms = " ".join(term_nt(_as_term(bindings[n])) for n in names)
    return f"{sparql}\nVALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}"


def error_position(message: str) -> tuple[int | None, int | None]:
    """The line and column (1-based) a SPARQL parser message names, or ``(None, None)``.

    pyoxigraph says "at 1:25" or "line 1, column 25"; servers say "line 1 column 25".

    >>> error_position("error at 2:7: expected '}'"), error_position("line 3, column 1: x")
    ((2, 7), (3, 1))
    >>> error_position("no place")
    (None, None)
    """
    found = (re.search(r"line (\d+)\D+column (\d+)", message)
             or re.search(r"at (\d+):(\d+)", message))
    return (int(found.group(1)), int(found.group(2))) if found else (None, None)


def parser_message(message: str) -> str:
    """The parser's own words, without the place it prefixes them with.

    >>> parser_message("error at 2:7: expected '}'"), parser_message("line 1, column 3: x")
    ("expected '}'", 'x')
    """
    return re.sub(r"^(error at \d+:\d+|line \d+,? column \d+):\s*", "", message.strip())


def excerpt(text: str, line: int | None, column: int | None) -> str:
    r"""Line ``line`` of the user's ``text``, numbered, with a caret under ``column`` (tabs
    kept, so the caret lines up in any terminal); ``""`` when the place is not in the text.
    A place just past the end (the parser ran out of text) points after the last line.
    The endpoint, the CLI and the app's console show a syntax error's place with it.

    >>> print(excerpt("SELECT ?s\nWHERE { ?s }", 2, 11))
        2 | WHERE { ?s }
          |           ^
    >>> print(excerpt("ASK {\n\t?s ?p\n", 3, 1))
        2 | 	?s ?p
          | 	     ^
    >>> excerpt("ASK {}", 3, 1)
    ''
    """
    lines = text.splitlines()
    if not line or not 0 < line <= len(lines) + (1 if column in (None, 1) else 0):
        return ""
    if line > len(lines):  # past the end: after the last line
        line, column = len(lines), len(lines[-1]) + 1
    source = lines[line - 1]
    before = source[:max(0, min(len(source), (column or 1) - 1))]
    lead = "".join(c if c == "\t" else " " for c in before)
    return f"{line:>5} | {source}\n      | {lead}^"


def syntax_error(error: SyntaxError | str, line_offset: int = 0) -> QueryError:
    """The one syntax error every query path raises: the parser's words, and the line and
    column in the user's own text (``line_offset`` lines of prologue taken off).

    >>> e = syntax_error("error at 16:9: expected a verb", line_offset=14)
    >>> (e.line, e.column, e.detail, str(e))
    (2, 9, 'expected a verb', 'line 2, column 9: expected a verb')
    """
    message = str(error)
    line, column = error_position(message)
    if line is not None:
        line = max(1, line - line_offset)
    return QueryError(ParserWords(parser_message(message)), line=line, column=column)
