"""Run read-only SPARQL and turn the results into tables, CSV or JSON.

Queries from users are parsed first; updates are refused here (they go through
:meth:`Store.update` with a version bump, and only for editors).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ontology import Message, QueryError
from ontology.vocab import XSD, sparql_prologue
from graph.query.policy import analyse_query
from graph.store import Store

__all__ = ["QueryResult", "run_query", "format_result", "read_query_arg", "term_text",
           "term_json"]


@dataclass(frozen=True)
class QueryResult:
    """A SELECT/ASK/CONSTRUCT result as plain data: ``kind`` is 'select', 'ask' or 'graph'."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[dict, ...] = ()
    boolean: bool | None = None
    triples: tuple = ()
    truncated: bool = False


def term_text(term: object) -> str:
    """A term as a person reads it: an IRI as is, a literal by its value."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)




def run_query(store: Store, sparql: str, limit: int | None = None, prefixes: bool = True
              ) -> QueryResult:
    """Run a read-only query with the Wijkgraaf prefixes predeclared.

    ``limit`` caps the rows (``truncated`` says if it cut). Updates raise
    :class:`~ontology.QueryError`; so do syntax errors, with line and column of the user's text.
    """
    info = analyse_query(sparql)  # read once, with the grammar's tokenizer
    kind = {"construct": "graph", "describe": "graph"}.get(info.form, info.form)
    if kind == "update":
        raise QueryError(Message("read_only_updates"))
    prologue = sparql_prologue() if prefixes else ""
    try:
        if kind == "ask":
            return QueryResult("ask", boolean=store.ask(prologue + sparql))
        if kind == "graph":
            triples = store.construct(prologue + sparql)
            cut = limit is not None and len(triples) > limit
            return QueryResult("graph", triples=tuple(triples[:limit] if cut else triples),
                               truncated=cut)
        rows = store.select(prologue + sparql)
    except QueryError as error:
        if error.line is not None:  # the place in the user's text, not in the prologue's
            raise QueryError(error.message, line=max(1, error.line - prologue.count("\n")),
                             column=error.column) from None
        raise
    variables = _variables(info.variables, rows)
    cut = limit is not None and len(rows) > limit
    return QueryResult("select", variables=variables, rows=tuple(rows[:limit] if cut else rows),
                       truncated=cut)


def term_json(term: object) -> dict:
    """A term in the SPARQL 1.1 JSON results format.

    >>> term_json(ox.Literal("wonen", language="nl"))
    {'type': 'literal', 'value': 'wonen', 'xml:lang': 'nl'}
    """
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):  # RDF-star quoted triples
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    if not isinstance(term, ox.Literal):
        raise TypeError(f"not an RDF term: {term!r}")
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD.string:
        out["datatype"] = term.datatype.value
    return out


def _variables(projected: tuple[str, ...], rows: list[dict]) -> tuple[str, ...]:
    """The projected variables (from the tokenizer), then any other a row binds (``*``)."""
    names = list(projected)
    for row in rows:
        names += [name for name in row if name not in names]
    return tuple(names)


def format_result(result: QueryResult, fmt: str = "table", lang: str = "en") -> str:
    """``table`` (aligned text, its row count in ``lang``), ``csv``, ``json`` (SPARQL 1.1 JSON
    results), or for graph results also ``turtle``/``nt``."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) if fmt == "json" else str(
            result.boolean).lower()
    if result.kind == "graph":
        rdf = ox.RdfFormat.N_TRIPLES if fmt in {"nt", "csv", "table"} else ox.RdfFormat.TURTLE
        return ox.serialize(list(result.triples), format=rdf).decode("utf-8")
    if fmt == "json":
        bindings = [{k: term_json(v) for k, v in row.items()} for row in result.rows]
        return json.dumps({"head": {"vars": list(result.variables)},
                           "results": {"bindings": bindings}}, ensure_ascii=False, indent=1)
    table = [[term_text(row.get(v)) for v in result.variables] for row in result.rows]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(table)
        return buf.getvalue()
    widths = [min(60, max([len(v)] + [len(r[i]) for r in table])) for i, v in
              enumerate(result.variables)]
    def line(cells):
        return "  ".join(c[:w].ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(result.variables), line(["-" * w for w in widths])] + [line(r) for r in table]
    n, nl = len(table), lang == "nl"
    rows = ("rij" if n == 1 else "rijen") if nl else ("row" if n == 1 else "rows")
    cut = (", afgekapt" if nl else ", truncated") if result.truncated else ""
    out.append(f"({n} {rows}{cut})")
    return "\n".join(out)


def read_query_arg(text: str) -> str:
    """A query given on the command line: a path to a ``.rq``/``.sparql`` file or to another
    existing file, or else the query text itself (of any length).

    >>> read_query_arg("ASK { ?s ?p ?o }" + " " * 300)[:16]
    'ASK { ?s ?p ?o }'
    """
    path = Path(text)
    if text.endswith((".rq", ".sparql")):
        if not _is_file(path):
            raise QueryError(Message("query_file_missing", name=text))
        return path.read_text(encoding="utf-8")
    if "{" not in text and "\n" not in text and _is_file(path):
        return path.read_text(encoding="utf-8")
    return text


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # e.g. a name longer than the file system allows: not a file
        return False
