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
(:func:`graph.store.embedded.with_values`); user text is never pasted into a query. Every write,
including :meth:`RemoteStore.replace_graphs`, is one SPARQL Update request: one transaction
on the server, with the version bump.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad, Triple

from ontology import QueryError, WijkgraafError
from ontology.vocab import DATASET_IRI, META_GRAPH, STAGING_PREFIX, STORE_VERSION
from graph.store.embedded import Row, meta_update, version_bump
from graph.store.sparql import syntax_error, term_nt, with_values

__all__ = ["RemoteStore", "RemoteError", "endpoints_for"]

_JSON = "application/sparql-results+json"
_NT = "application/n-triples"


def _triples(data: bytes) -> list[Triple]:
    try:
        return [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
    except (SyntaxError, ValueError) as error:
        raise RemoteError(f"the SPARQL server sent unreadable N-Triples: {error}") from None


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

    # --------------------------------------------------------------- HTTP helpers ---
    def _post(self, url: str, data: dict | None = None, content: bytes | None = None,
              headers: dict | None = None) -> httpx.Response:
        try:
            response = self._client.post(url, data=data, content=content, headers=headers)
        except httpx.HTTPError as error:
            raise RemoteError(f"SPARQL server {url} unreachable: {error}") from None
        return self._check(response, url)

    def _check(self, response: httpx.Response, url: str) -> httpx.Response:
        if response.status_code == 400:
            raise syntax_error(SyntaxError(response.text.strip() or "bad request"))
        if response.status_code >= 400:
            raise RemoteError(f"SPARQL server {url} answered {response.status_code}: "
                              f"{response.text.strip()[:500]}")
        return response

    def _query(self, sparql: str, bindings: Mapping[str, object] | None, accept: str,
               dataset: bool = True) -> httpx.Response:
        data: dict[str, object] = {"query": with_values(sparql, bindings)}
        if dataset:
            graphs = self.graph_names()
            union = [g for g in graphs if g != META_GRAPH]
            if union:
                data["default-graph-uri"] = union
                data["named-graph-uri"] = graphs
        return self._post(self.query_url, data=data, headers={"Accept": accept})

    def _results(self, sparql: str, bindings: Mapping[str, object] | None,
                 dataset: bool = True) -> bool | tuple[list[str], list]:
        """An ASK answer, or the variables and the solutions, read to the end (a body cut
        off by a server-side timeout is an error here, not a short answer)."""
        response = self._query(sparql, bindings, _JSON, dataset)
        try:
            parsed = ox.parse_query_results(response.content,
                                            format=ox.QueryResultsFormat.JSON)
            if isinstance(parsed, ox.QueryBoolean):
                return bool(parsed)
            return [v.value for v in parsed.variables], list(parsed)
        except (SyntaxError, ValueError) as error:
            raise RemoteError(f"SPARQL server {self.query_url} sent unreadable results "
                              f"(a server-side timeout?): {error}") from None

    # -------------------------------------------------------------------- reading ---
    def select(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[Row]:
        """Rows of a SELECT query (variable name → term; unbound variables left out)."""
        result = self._results(sparql, bindings)
        if isinstance(result, bool):
            raise QueryError("not a SELECT query")
        names, solutions = result
        return [{n: s[n] for n in names if s[n] is not None} for s in solutions]

    def ask(self, sparql: str, bindings: Mapping[str, object] | None = None) -> bool:
        """The answer of an ASK query."""
        result = self._results(sparql, bindings)
        if not isinstance(result, bool):
            raise QueryError("not an ASK query")
        return result

    def construct(self, sparql: str, bindings: Mapping[str, object] | None = None
                  ) -> list[Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query."""
        response = self._query(sparql, bindings, _NT)
        if "sparql-results" in response.headers.get("content-type", ""):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        return _triples(response.content)


    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted (reused for ``graph_cache`` seconds)."""
        now = time.monotonic()
        if self._graphs and now - self._graphs[0] < self.graph_cache:
            return list(self._graphs[1])
        _, rows = self._results("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", None,
                                dataset=False)
        names = sorted(s["g"].value for s in rows if isinstance(s["g"], NamedNode)
                       and not s["g"].value.startswith(STAGING_PREFIX))
        self._graphs = (now, names)
        return list(names)

    def graph_triples(self, iri: str) -> list[Triple]:
        """The triples of one named graph (Graph Store GET; SPARQL when there is none)."""
        if self.store_url:
            try:
                response = self._client.get(self.store_url, params={"graph": iri},
                                            headers={"Accept": _NT})
            except httpx.HTTPError as error:
                raise RemoteError(f"Graph Store {self.store_url} unreachable: {error}") from None
            if response.status_code == 404:
                if iri in self.graph_names():  # the graph exists: wrong Graph Store URL
                    raise RemoteError(
                        f"Graph Store {self.store_url} does not know <{iri}>, which the "
                        "server holds: give the Graph Store URL (e.g. '#store=data' after "
                        "the query URL for Fuseki)")
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
                if not s["g"].value.startswith(STAGING_PREFIX)]

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
        """Replace each named graph and its meta description in one update request."""
        parts = []
        for iri, triples in graphs.items():
            node = term_nt(NamedNode(iri))
            parts.append(f"DROP SILENT GRAPH {node}")
            body = "\n".join(f"{term_nt(t.subject)} {term_nt(t.predicate)} "
                             f"{term_nt(t.object)} ." for t in triples)
            if body:
                parts.append(f"INSERT DATA {{ GRAPH {node} {{\n{body}\n}} }}")
        parts.append(meta_update(graphs, meta))
        return self._update(" ;\n".join(parts))

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()

    def __repr__(self) -> str:
        return f"RemoteStore({self.location!r})"
