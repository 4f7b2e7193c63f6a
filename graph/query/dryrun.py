"""A write tried on a copy of the data, in a worker process: what would change, and whether
the result would conform to the SHACL shapes. Nothing here touches the real store: the
endpoint commits the changed graphs afterwards (:mod:`graph.endpoint.write`), so a write that
is refused, fails or runs past its time limit (the worker is killed) changes nothing.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> reply = execute_write(store, {"update": "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }"})
>>> reply["status"], sorted(reply["changed"]), reply["conforms"]
('ok', ['urn:g'], True)
>>> execute_write(store, {"update": "INSERT DATA { <urn:a> <urn:b> 1 }"})["key"]
'default_graph_write'
"""

from __future__ import annotations

import pyoxigraph as ox

from ontology.vocab import META_GRAPH, STAGING_PREFIX
from graph.query.policy import _TOKEN  # the tokenizer's terminals, with their places
from graph.store import syntax_error

__all__ = ["execute_write", "with_dataset"]


def with_dataset(update: str, using: list[str] = (), using_named: list[str] = ()) -> str:
    """``update`` with ``USING <g>`` and ``USING NAMED <g>`` before the ``WHERE`` of each of
    its DELETE/INSERT operations: the ``using-graph-uri`` and ``using-named-graph-uri``
    parameters of the protocol (SPARQL 1.1 Protocol §2.2.3), which apply to every operation
    with a WHERE clause. The caller refuses an update that names its own dataset (USING,
    WITH) and checks the IRIs; keywords in strings, IRIs and comments are never touched.

    >>> with_dataset("INSERT { GRAPH <urn:o> { ?s a 1 } } WHERE { ?s ?p 'WHERE' } ;"
    ...              " DELETE WHERE { GRAPH <urn:o> { ?s ?p ?o } }", [], ["urn:g"])
    "INSERT { GRAPH <urn:o> { ?s a 1 } } USING NAMED <urn:g> WHERE { ?s ?p 'WHERE' } ; \
DELETE WHERE { GRAPH <urn:o> { ?s ?p ?o } }"
    """
    clause = " ".join([f"USING <{g}>" for g in using] +
                      [f"USING NAMED <{g}>" for g in using_named])
    if not clause:
        return update
    parts, last, depth, previous = [], 0, 0, ""
    for match in _TOKEN.finditer(update):
        kind, text = match.lastgroup.rstrip("0123456789"), match.group()
        if kind in {"ws", "comment"}:
            continue
        if kind == "op" and text in "{([":
            depth += 1
        elif kind == "op" and text in "})]":
            depth -= 1
        elif (kind == "word" and depth == 0 and text.upper() == "WHERE"
              and previous != "DELETE"):  # DELETE WHERE takes no USING
            parts.append(update[last:match.start()] + clause + " ")
            last = match.start()
        previous = text.upper()
    return "".join(parts) + update[last:]


def _fingerprint(store: ox.Store, graph: object) -> tuple[int, int]:
    count, total = 0, 0
    for quad in store.quads_for_pattern(None, None, None, graph):
        count += 1
        total = (total + hash(str(quad.triple))) & 0xFFFFFFFFFFFFFFFF
    return count, total


def _names(store: ox.Store) -> set[str]:
    return {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}


def execute_write(store: ox.Store, job: dict) -> dict:
    """Apply one write to a copy of ``store`` and validate the would-be result (in a worker).

    ``job``: ``update`` (SPARQL Update text) with optional ``using_graphs`` and
    ``using_named_graphs`` (the ``using-graph-uri`` and ``using-named-graph-uri`` parameters)
    and ``base_iri`` (to resolve relative IRIs against: the endpoint's own URL), or ``graph``
    with ``action`` 'put', 'post' or 'delete' and for put/post ``data`` bytes in ``media``
    type. The update sees the union of the named graphs except the meta graph as its default
    graph, which is read-only. Returns
    ``{"status": "ok", "changed": {graph: N-Triples bytes or None}, "conforms", "report",
    "results"}``, 'syntax' with a ``message``, or 'bad'/'refused' with a message ``key`` and
    ``params`` for :func:`graph.endpoint.messages.say`. Bodies are parsed by pyoxigraph, which
    never fetches anything (no remote JSON-LD contexts, no external XML entities).
    """
    from graph.query.formats import rdf_format_for

    copy = ox.Store()
    data = store.dump(format=ox.RdfFormat.N_QUADS)
    if data:
        copy.load(data, format=ox.RdfFormat.N_QUADS)
    copy.clear_graph(ox.DefaultGraph())  # the union a query copy keeps there: rebuilt below
    before_names = _names(copy)
    protected = set(job.get("protected", ()))
    if job.get("update") is not None:
        sources = job.get("using_graphs") or [
            g for g in sorted(before_names) if g != META_GRAPH and not g.startswith(STAGING_PREFIX)]
        copy.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                    for g in sources for q in copy.quads_for_pattern(None, None, None,
                                                                     ox.NamedNode(g)))
        before = {g: _fingerprint(copy, ox.NamedNode(g)) for g in before_names}
        default_before = _fingerprint(copy, ox.DefaultGraph())
        try:
            copy.update(with_dataset(job["update"], job.get("using_graphs") or [],
                                     job.get("using_named_graphs") or []),
                        prefixes=job.get("prefixes"), base_iri=job.get("base_iri"))
        except SyntaxError as error:
            found = syntax_error(error)
            return {"status": "syntax", "message": found.detail, "line": found.line,
                    "column": found.column}
        after_names = _names(copy)
        changed = sorted(g for g in before_names | after_names
                         if before.get(g) != (_fingerprint(copy, ox.NamedNode(g))
                                              if g in after_names else None))
        if (_fingerprint(copy, ox.DefaultGraph()) != default_before
                and not set(changed) & protected):
            return {"status": "bad", "key": "default_graph_write", "params": {}}
    else:
        graph = ox.NamedNode(job["graph"])
        if job["action"] in {"put", "delete"}:
            copy.remove_graph(graph)
        if job["action"] in {"put", "post"}:
            fmt = rdf_format_for(job.get("media"))
            if fmt is None:
                return {"status": "bad", "key": "bad_content_type",
                        "params": {"media": job.get("media"), "expected": "Turtle"}}
            try:
                quads = list(ox.parse(job["data"], format=fmt, base_iri=job["graph"]))
            except (SyntaxError, ValueError) as error:
                return {"status": "syntax", "message": str(error), "line": None,
                        "column": None}
            if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
                return {"status": "bad", "key": "named_graphs_in_body", "params": {}}
            copy.extend(ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads)
            if not quads:
                copy.add_graph(graph)
        changed = [job["graph"]]
    touched = sorted(set(changed) & protected)
    if touched:
        return {"status": "refused", "key": "protected_graph",
                "params": {"graphs": ", ".join(f"<{g}>" for g in touched)}}
    result = {"status": "ok", "changed": {}}
    for g in changed:
        triples = [q.triple for q in copy.quads_for_pattern(None, None, None, ox.NamedNode(g))]
        result["changed"][g] = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
                                if g in _names(copy) else None)
    result.update(_validate(copy, job.get("skip_validation", ())))
    return result


def _validate(store: ox.Store, skip: list[str]) -> dict:
    import rdflib

    from ontology import validate

    graph = rdflib.Graph()
    for name in sorted(_names(store) - set(skip)):
        if name.startswith(STAGING_PREFIX):
            continue
        data = ox.serialize([q.triple for q in store.quads_for_pattern(
            None, None, None, ox.NamedNode(name))], format=ox.RdfFormat.N_TRIPLES)
        if data:
            graph.parse(data=data.decode("utf-8"), format="nt")
    report = validate(graph)
    return {"conforms": report.conforms, "report": report.text("en"),
            "report_nl": report.text("nl"),
            "results": [r.__dict__ for r in report.results]}
