"""The remote adapter of the ``Store`` protocol: any SPARQL 1.1 Protocol + Graph Store
Protocol server, over HTTP with httpx.

``RemoteStore(url)`` takes the query endpoint; the update and Graph Store endpoints follow
the server's convention unless given:

- Oxigraph server: ``http://host:7878/query``, update ``/update``, Graph Store ``/store``;
- Apache Jena Fuseki: ``http://host:3030/ds/query``, update ``/ds/update``, Graph Store
  ``/ds/data`` (give it: ``#store=data``);
- GraphDB and RDF4J: ``http://host:7200/repositories/ID``, update ``…/ID/statements``,
  Graph Store ``…/ID/rdf-graphs/service``.

Overrides go in the arguments or, for a URL in ``--store`` or ``$WIJKGRAAF_STORE``, in its
fragment, which is never sent: ``http://host:3030/ds/query#store=data&timeout=120``
(``update=``, ``store=``, relative to the query URL or absolute; ``timeout=`` seconds).

As in the embedded store, a query's default graph is the union of every named graph except
the meta graph — sent as standard ``default-graph-uri`` parameters (with every graph as a
``named-graph-uri``, so ``GRAPH`` patterns still see them all) — so the competency queries run
unchanged. Bindings become a trailing ``VALUES`` clause written by pyoxigraph
(:func:`graph.store.embedded.with_values`); user text is never pasted into a query.

Portable writes. Every write ends in one SPARQL Update request: one transaction on the
server, with the version bump. Blank nodes never reach a data clause (Virtuoso refuses them
in ``INSERT DATA``): they are written as skolem IRIs under :data:`~ontology.vocab.GENID_BASE`
(``…/.well-known/genid/…``, RDF 1.1 §3.5) and read back as blank nodes. A large
:meth:`RemoteStore.replace_graphs` (over :data:`BULK_TRIPLES` triples) first sends each graph
through the server's Graph Store Protocol (``POST`` of N-Triples, in chunks) into a hidden
staging graph, then swaps them in with one update (``MOVE``); without a Graph Store URL it is
one ``INSERT DATA``. The Graph Store Protocol alone is not used for the write itself: one
``PUT`` per graph could leave half a load behind, and the version bump would be a request of
its own.

Answers that differ from the standard are read as the standard means them, and queries a
server plans badly are written the way it plans well (:meth:`RemoteStore.predicate_form`,
:meth:`RemoteStore.values_limit`, which the per-selection analytics ask for); each such quirk
is named in :data:`QUIRKS` (server, what it does, what is done about it) with a test in
``tests/store/test_remote.py``.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad, Triple

from ontology import Message, ParserWords, QueryError, WijkgraafError
from ontology.vocab import (
    DATASET_IRI, GENID_BASE, META_GRAPH, STAGING_PREFIX, STORE_VERSION, XSD,
)
from graph.store.embedded import Row, meta_update, version_bump
from graph.store.sparql import syntax_error, term_nt, with_values

__all__ = ["RemoteStore", "RemoteError", "endpoints_for", "QUIRKS", "SYSTEM_GRAPHS",
           "BULK_TRIPLES", "VIRTUOSO_VALUES", "skolemize", "unskolemize", "values_inside"]

_JSON = "application/sparql-results+json"
_XML = "application/sparql-results+xml"
_NT = "application/n-triples"
_BOOLEAN = XSD + "boolean"
_ASK_VARIABLE = "__ASK_RETVAL"

#: quirk → (server, what it answers or refuses, what RemoteStore does about it)
QUIRKS: dict[str, tuple[str, str, str]] = {
    "ask-as-select": (
        "Virtuoso 7", "answers ASK in JSON as a SELECT of one variable __ASK_RETVAL (a row "
        "with 1 for true, no row for false)", "read as the boolean it stands for"),
    "boolean-digits": (
        "Virtuoso 7", "writes xsd:boolean values as 1 and 0 in JSON results",
        "read as true and false (the canonical forms)"),
    "blank-nodes-in-data": (
        "Virtuoso 7", "refuses blank nodes in INSERT DATA ('Blank node … is not allowed in a "
        "constant clause')", "blank nodes are written as skolem IRIs and read back"),
    "empty-graph-pattern": (
        "Virtuoso 7", "binds nothing for GRAPH ?g { }", "the graphs are listed with "
        "GRAPH ?g { ?s ?p ?o } when GRAPH ?g { } gives an empty binding"),
    "distinct-graphs": (
        "Virtuoso 7", "takes seconds for SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } "
        "(8 s at 100k triples; every query needs the graph list for its dataset)",
        "the graphs are listed with GROUP BY ?g instead (0.04 s at 100k)"),
    "system-graphs": (
        "Virtuoso 7", "keeps graphs of its own (virtrdf#, ldp#, its service description)",
        "the graphs in SYSTEM_GRAPHS are left out of graph_names, so of the default graph"),
    "trailing-values": (
        "Virtuoso 7", "refuses a VALUES clause after ASK and one on a variable that is not "
        "selected ('No column …')", "bindings go in a VALUES block at the start of the "
        "query's WHERE group (same answers for queries without aggregates)"),
    "insert-data-size": (
        "Virtuoso 7", "runs out of parser memory on an INSERT DATA of some thousands of "
        "triples ('memory exhausted')", "over VIRTUOSO_BULK_TRIPLES triples go through the "
        "Graph Store into a staging graph (as every large write does)"),
    "drop-unknown-graph": (
        "Virtuoso 7", "refuses DROP GRAPH of a graph made by INSERT ('has not been explicitly "
        "created')", "Wijkgraaf itself drops with DROP SILENT GRAPH"),
    "boolean-expressions": (
        "Virtuoso 7", "gives the value of a boolean expression (BIND(?a = ?b AS ?x), "
        "EXISTS) as xsd:integer 1 or 0", "nothing can tell such a 1 from a number: "
        "queries compare with 1 or use the value as a number (README, Virtuoso)"),
    "slow-json-results": (
        "Virtuoso 7", "writes SPARQL JSON results several times slower than XML (8589 rows: "
        "0.46 s as JSON, 0.16 s as XML, same query, at 100k triples)",
        "query results are asked as SPARQL XML from Virtuoso (its TSV drops datatypes and "
        "languages)"),
    "syntax-error-line": (
        "Virtuoso 7", "names a syntax error's place as 'SPARQL compiler, line N' only",
        "the line is kept, the column left unknown"),
    "predicate-list-scan": (
        "Virtuoso 7", "plans FILTER(?p IN (<a>, …)) beside a VALUES of subjects or objects as "
        "a read of every triple of each listed predicate (1,946 subjects, 17 predicates: "
        "9.9 s at 1M triples; 120 objects, 25 predicates: 1.15 s); written as "
        "STR(?p) IN (\"a\", …) beside objects, it can plan a scan (401 objects: 146 s at "
        "100k)", "predicate_form is \"strings\" (STR(?p) IN …) beside subjects and "
        "constants (0.48 s for the 1,946), \"union\" (a triple pattern per predicate) "
        "beside objects (0.25 s for the 120; 0.07 s for the 401); the same rows"),
    "long-values-of-objects": (
        "Virtuoso 7", "plans VALUES ?o { … } of more than about 1,300 objects before ?s ?p ?o "
        "as a scan when no predicate is given or STR(?p) filters it (1,350 objects: over 60 s "
        "at 1M triples; 1,300: 0.25 s)", "values_limit(\"objects\") is VIRTUOSO_VALUES: "
        "the per-selection queries list at most that many objects per VALUES"),
    "timeout-cut-body": (
        "Oxigraph server", "answers 200 with a cut-off body when --timeout-s ends a query",
        "an error (RemoteError 'unreadable'), never a short answer"),
}

#: graphs a server keeps for itself (prefixes), never part of a Wijkgraaf store
SYSTEM_GRAPHS = ("http://www.openlinksw.com/", "http://www.w3.org/ns/ldp#",
                 "http://localuriqaserver/", "urn:activitystreams-owl:map",
                 "http://www.w3.org/2002/07/owl#")

#: above this many triples in one replace_graphs, the graphs go through the Graph Store first
BULK_TRIPLES = 20_000
_CHUNK = 20_000
#: the same for Virtuoso (QUIRKS insert-data-size)
VIRTUOSO_BULK_TRIPLES = 1_000
#: the most objects per VALUES block on Virtuoso (QUIRKS long-values-of-objects)
VIRTUOSO_VALUES = 1_000


def skolemize(term: object) -> object:
    """A blank node as its skolem IRI (other terms unchanged), for a data clause.

    >>> skolemize(ox.BlankNode("b1")).value
    'https://w3id.org/wijkgraaf/.well-known/genid/b1'
    >>> unskolemize(skolemize(ox.BlankNode("b1")))
    <BlankNode value=b1>
    """
    if isinstance(term, ox.BlankNode):
        return NamedNode(GENID_BASE + term.value)
    return term


def unskolemize(term: object) -> object:
    """A skolem IRI back as its blank node; xsd:boolean 1/0 as true/false; else unchanged."""
    if isinstance(term, NamedNode):
        if term.value.startswith(GENID_BASE):
            return ox.BlankNode(term.value[len(GENID_BASE):])
    elif isinstance(term, ox.Literal) and term.datatype.value == _BOOLEAN \
            and term.value in ("0", "1"):
        return ox.Literal("true" if term.value == "1" else "false", datatype=term.datatype)
    return term


def _read(triple: Triple) -> Triple:
    return Triple(unskolemize(triple.subject), triple.predicate, unskolemize(triple.object))


def _nt(triple: Triple) -> str:
    return (f"{term_nt(skolemize(triple.subject))} {term_nt(triple.predicate)} "
            f"{term_nt(skolemize(triple.object))} .")


def _triples(data: bytes) -> list[Triple]:
    try:
        return [_read(q.triple) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
    except (SyntaxError, ValueError) as error:
        raise RemoteError(Message("server_bad_ntriples", words=ParserWords(error))) from None


def values_inside(sparql: str, bindings: Mapping[str, object]) -> str:
    """``sparql`` with the bindings as a ``VALUES`` block at the start of its WHERE group
    (QUIRKS trailing-values); the group is the first ``{`` after ``WHERE`` (or after ``ASK``
    without it), found outside IRIs, strings and comments.

    >>> print(values_inside("ASK { ?s <urn:p> '{' } # {", {"s": NamedNode("urn:s")}))
    ASK { VALUES (?s) { (<urn:s>) } ?s <urn:p> '{' } # {
    >>> values_inside("SELECT ?s WHERE { ?s ?p ?o }", {"o": ox.Literal("x")})
    'SELECT ?s WHERE { VALUES (?o) { ("x") } ?s ?p ?o }'
    """
    block = with_values("", bindings).strip()
    i, n, depth_words = 0, len(sparql), None
    while i < n:
        c = sparql[i]
        if c == "#":
            i = sparql.find("\n", i)
            i = n if i < 0 else i
        elif c == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", sparql[i:]):
            i += re.match(r"<[^<>\"{}|^`\\\s]*>", sparql[i:]).end()
            continue
        elif c in "\"'":
            quote = sparql[i:i + 3] if sparql[i:i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            i = j + len(quote)
            continue
        elif c.isalpha():
            word = re.match(r"[A-Za-z]+", sparql[i:]).group(0)
            if word.upper() in ("WHERE", "ASK"):
                depth_words = word.upper()
            i += len(word)
            continue
        elif c == "{" and depth_words:
            return f"{sparql[:i + 1]} {block}{sparql[i + 1:]}"
        i += 1
    return with_values(sparql, bindings)


def _system(iri: str) -> bool:
    return iri.startswith(STAGING_PREFIX) or iri.startswith(SYSTEM_GRAPHS)


class RemoteError(WijkgraafError, ConnectionError):
    """The SPARQL server could not be reached or answered with an error."""


def endpoints_for(url: str) -> tuple[str, str, str | None, dict[str, str]]:
    """The query, update and Graph Store URLs for ``url`` (its fragment holds overrides),
    and the remaining fragment options.

    >>> endpoints_for("http://localhost:7878/query")[:3]
    ('http://localhost:7878/query', 'http://localhost:7878/update', 'http://localhost:7878/store')
    >>> endpoints_for("http://h:3030/ds/query#store=data")[1:3]
    ('http://h:3030/ds/update', 'http://h:3030/ds/data')
    >>> endpoints_for("http://h:7200/repositories/kg")[2]
    'http://h:7200/repositories/kg/rdf-graphs/service'
    """
    parts = urlsplit(url)
    options = {k: v[-1] for k, v in parse_qs(parts.fragment).items()}
    query = urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
    path = parts.path.rstrip("/")
    segments = path.split("/")
    if len(segments) >= 2 and segments[-2] == "repositories":  # GraphDB, RDF4J
        update, store = query + "/statements", query + "/rdf-graphs/service"
    elif segments[-1] in {"query", "sparql"}:  # Oxigraph, Fuseki
        update, store = urljoin(query, "update"), urljoin(query, "store")
    else:
        update, store = query, query
    if "update" in options:
        update = urljoin(query, options.pop("update"))
    if "store" in options:
        store = urljoin(query, options.pop("store"))
    return query, update, store or None, options


class RemoteStore:
    """A :class:`~graph.store.embedded.Store` on a SPARQL server (see the module docstring).

    ``graph_cache`` seconds the list of named graphs (needed for the default graph of every
    query) is reused; writes through this object refresh it at once. ``auth`` and
    ``headers`` go to every request (e.g. ``auth=("user", "password")``).
    """

    def __init__(self, url: str, *, update_url: str | None = None,
                 store_url: str | None = None, timeout: float | None = None,
                 graph_cache: float = 2.0, auth: object = None,
                 headers: Mapping[str, str] | None = None,
                 client: httpx.Client | None = None) -> None:
        query, update, store, options = endpoints_for(url)
        self.location = url
        self.query_url = query
        self.update_url = update_url or update
        self.store_url = store_url or store
        seconds = timeout if timeout is not None else float(options.get("timeout", 60))
        self._client = client or httpx.Client(
            timeout=httpx.Timeout(seconds, connect=10.0), auth=auth,
            headers={"User-Agent": "wijkgraaf", **(headers or {})}, follow_redirects=False)
        self.graph_cache = graph_cache
        self._graphs: tuple[float, list[str]] | None = None
        self._server: str | None = None

    def _virtuoso(self) -> bool:
        """Whether the server is Virtuoso (its ``Server`` header; asked once)."""
        if self._server is None:
            try:
                response = self._client.get(self.query_url, params={"query": "ASK {}"},
                                            headers={"Accept": _JSON})
                self._server = response.headers.get("server", "")
            except httpx.HTTPError as error:
                raise RemoteError(Message("server_unreachable", url=self.query_url,
                                          words=ParserWords(error))) from None
        return self._server.startswith("Virtuoso")

    # --------------------------------------------------------------- HTTP helpers ---
    def _post(self, url: str, data: dict | None = None, content: bytes | None = None,
              headers: dict | None = None) -> httpx.Response:
        try:
            response = self._client.post(url, data=data, content=content, headers=headers)
        except httpx.HTTPError as error:
            raise RemoteError(Message("server_unreachable", url=url,
                                      words=ParserWords(error))) from None
        return self._check(response, url)

    def _check(self, response: httpx.Response, url: str) -> httpx.Response:
        if response.status_code == 400:
            text = response.text.strip() or "bad request"
            error = syntax_error(SyntaxError(text))
            found = re.search(r"SPARQL compiler, line (\d+)", text)  # QUIRKS syntax-error-line
            if error.line is None and found:
                error = QueryError(ParserWords(text.split("\n")[0]), line=int(found.group(1)))
            raise error
        if response.status_code >= 400:
            raise RemoteError(Message("server_answered", url=url, status=response.status_code,
                                      words=ParserWords(response.text.strip()[:500])))
        return response

    def _query(self, sparql: str, bindings: Mapping[str, object] | None, accept: str,
               dataset: bool = True) -> httpx.Response:
        if bindings:  # a blank node read back from this store is its skolem IRI there
            bindings = {k: skolemize(v) for k, v in bindings.items()}
            text = (values_inside(sparql, bindings) if self._virtuoso()
                    else with_values(sparql, bindings))
        else:
            text = sparql
        data: dict[str, object] = {"query": text}
        if dataset:
            graphs = self.graph_names()
            union = [g for g in graphs if g != META_GRAPH]
            if union:
                data["default-graph-uri"] = union
                data["named-graph-uri"] = graphs
        return self._post(self.query_url, data=data, headers={"Accept": accept})

    def results_type(self) -> str:
        """The media type query results are asked in: SPARQL JSON, XML from Virtuoso (QUIRKS
        slow-json-results)."""
        return _XML if self._virtuoso() else _JSON

    def _results(self, sparql: str, bindings: Mapping[str, object] | None,
                 dataset: bool = True, unbound: bool = True) -> bool | tuple[list[str], list]:
        """An ASK answer, or the variables and the solutions (variable → term, ``None`` where
        unbound; without ``unbound``, left out), read to the end (a body cut off by a
        server-side timeout is an error here, not a short answer)."""
        accept = self.results_type()
        response = self._query(sparql, bindings, accept, dataset)
        form = ox.QueryResultsFormat.XML if accept == _XML else ox.QueryResultsFormat.JSON
        try:
            parsed = ox.parse_query_results(response.content, format=form)
            if isinstance(parsed, ox.QueryBoolean):
                return bool(parsed)
            names = [v.value for v in parsed.variables]
            if names == [_ASK_VARIABLE]:  # QUIRKS ask-as-select
                return any(t is not None and t.value in ("1", "true")
                           for (t,) in parsed)
            # one pass per solution, by position (by name is a lookup per term: at 10M
            # triples an agenda's 13k rows took 0.12 s of reading where this takes 0.05)
            if unbound:
                rows = [dict(zip(names, map(unskolemize, s))) for s in parsed]
            else:
                rows = [{n: unskolemize(t) for n, t in zip(names, s) if t is not None}
                        for s in parsed]
            return names, rows
        except (SyntaxError, ValueError) as error:
            raise RemoteError(Message("server_unreadable", url=self.query_url,
                                      words=ParserWords(error))) from None

    # -------------------------------------------------------------------- reading ---
    def select(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[Row]:
        """Rows of a SELECT query (variable name → term; unbound variables left out)."""
        result = self._results(sparql, bindings, unbound=False)
        if isinstance(result, bool):
            raise QueryError(Message("not_select"))
        return result[1]

    def ask(self, sparql: str, bindings: Mapping[str, object] | None = None) -> bool:
        """The answer of an ASK query."""
        result = self._results(sparql, bindings)
        if not isinstance(result, bool):
            raise QueryError(Message("not_ask"))
        return result

    def construct(self, sparql: str, bindings: Mapping[str, object] | None = None
                  ) -> list[Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query."""
        response = self._query(sparql, bindings, _NT)
        if "sparql-results" in response.headers.get("content-type", ""):
            raise QueryError(Message("not_construct"))
        return _triples(response.content)


    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted (reused for ``graph_cache`` seconds)."""
        now = time.monotonic()
        if self._graphs and now - self._graphs[0] < self.graph_cache:
            return list(self._graphs[1])
        _, rows = self._results("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", None,
                                dataset=False)
        if any(s["g"] is None for s in rows):  # QUIRKS empty-graph-pattern, distinct-graphs
            _, rows = self._results("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                                    None, dataset=False)
        names = sorted(s["g"].value for s in rows if isinstance(s["g"], NamedNode)
                       and not _system(s["g"].value))
        self._graphs = (now, names)
        return list(names)

    def graph_triples(self, iri: str) -> list[Triple]:
        """The triples of one named graph (Graph Store GET; SPARQL when there is none)."""
        if self.store_url:
            try:
                response = self._client.get(self.store_url, params={"graph": iri},
                                            headers={"Accept": _NT})
            except httpx.HTTPError as error:
                raise RemoteError(Message("graph_store_unreachable", url=self.store_url,
                                          words=ParserWords(error))) from None
            if response.status_code == 404:
                if iri in self.graph_names():  # the graph exists: wrong Graph Store URL
                    raise RemoteError(Message("graph_store_wrong", url=self.store_url,
                                              iri=iri))
                return []
            self._check(response, self.store_url)
            return _triples(response.content)
        node = term_nt(NamedNode(iri))
        response = self._query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}",
                               None, _NT, dataset=False)
        return _triples(response.content)

    def version(self) -> int:
        """The version counter (0 for a new store)."""
        _, rows = self._results(
            f"SELECT ?v WHERE {{ GRAPH <{META_GRAPH}> "
            f"{{ <{DATASET_IRI}> <{STORE_VERSION}> ?v }} }}",
            None, dataset=False)
        for solution in rows:
            return int(solution["v"].value)
        return 0

    def dump_quads(self) -> list[Quad]:
        """Every quad of every named graph."""
        _, rows = self._results("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", None,
                                dataset=False)
        return [Quad(s["s"], s["p"], s["o"], s["g"]) for s in rows
                if not _system(s["g"].value)]

    def predicate_form(self, listed: str) -> str:
        """How to write a predicate list beside listed subjects or objects (see
        :class:`~graph.store.embedded.Store`): on Virtuoso ``"strings"`` beside subjects and
        constants, ``"union"`` beside objects (QUIRKS predicate-list-scan); else ``"in"``."""
        if not self._virtuoso():
            return "in"
        return "union" if listed == "objects" else "strings"

    def values_limit(self, listed: str) -> int | None:
        """The most terms per ``VALUES`` block of ``listed`` (``"subjects"``, ``"objects"``):
        :data:`VIRTUOSO_VALUES` for objects on Virtuoso (QUIRKS long-values-of-objects),
        else None."""
        return VIRTUOSO_VALUES if listed == "objects" and self._virtuoso() else None

    # -------------------------------------------------------------------- writing ---
    def _update(self, text: str) -> int:
        self._post(self.update_url, content=text.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        self._graphs = None
        return self.version()

    def update(self, sparql: str) -> int:
        """Run ``sparql`` and bump the version in one update request (one transaction)."""
        return self._update(sparql + " ;\n" + version_bump())

    def replace_graphs(self, graphs: Mapping[str, Iterable[Triple]], meta: Iterable[Triple]
                       ) -> int:
        """Replace each named graph and its meta description in one update request (large
        graphs reach the server first through the Graph Store, see the module text)."""
        lines = {iri: [_nt(t) for t in triples] for iri, triples in graphs.items()}
        limit = VIRTUOSO_BULK_TRIPLES if self._virtuoso() else BULK_TRIPLES
        bulk = self.store_url and sum(map(len, lines.values())) > limit
        staged: list[str] = []
        parts = []
        try:
            for iri, body in lines.items():
                node = term_nt(NamedNode(iri))
                if bulk and body:
                    stage = STAGING_PREFIX + f"{time.time_ns()}-{len(staged)}"
                    staged.append(stage)
                    self._stage(stage, body)
                    parts.append(f"MOVE SILENT GRAPH <{stage}> TO {node}")
                    continue
                parts.append(f"DROP SILENT GRAPH {node}")
                if body:
                    text = "\n".join(body)
                    parts.append(f"INSERT DATA {{ GRAPH {node} {{\n{text}\n}} }}")
            parts.append(meta_update(graphs, meta))
            version = self._update(" ;\n".join(parts))
            staged = []
            return version
        finally:
            for stage in staged:  # a refused write leaves no staging graph behind
                with contextlib.suppress(RemoteError):
                    self._post(self.update_url, content=f"DROP SILENT GRAPH <{stage}>".encode(),
                               headers={"Content-Type": "application/sparql-update"})

    def _stage(self, stage: str, body: list[str]) -> None:
        """Send N-Triples lines to the staging graph ``stage`` (Graph Store POST, chunked)."""
        for start in range(0, len(body), _CHUNK):
            chunk = "\n".join(body[start:start + _CHUNK]) + "\n"
            try:
                response = self._client.post(
                    self.store_url, params={"graph": stage}, content=chunk.encode("utf-8"),
                    headers={"Content-Type": "text/turtle; charset=utf-8"})
            except httpx.HTTPError as error:
                raise RemoteError(Message("graph_store_unreachable", url=self.store_url,
                                          words=ParserWords(error))) from None
            self._check(response, self.store_url)

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()

    def __repr__(self) -> str:
        return f"RemoteStore({self.location!r})"
