"""The shapes of ``shapes.ttl`` as SPARQL queries that find their violations in a store.

pySHACL (:func:`ontology.validate`) checks a copy of the data in rdflib: right for a file or an
edit, far too slow and too big for a load of millions of triples. The same shapes, compiled
here to one ``SELECT ?focus ?value`` per constraint, run inside the store itself (the new
store a big load builds, before it is swapped in), at the engine's speed and in its memory.

Only the constraint components ``shapes.ttl`` uses are compiled (targets by class; paths that
are a predicate or an ``sh:alternativePath`` of predicates; ``sh:minCount``, ``sh:maxCount``,
``sh:class``, ``sh:datatype``, ``sh:nodeKind sh:IRI``, ``sh:pattern``, ``sh:hasValue``,
``sh:or`` of datatypes, ``sh:qualifiedValueShape`` with ``sh:languageIn`` and qualified
counts). A shape with anything else raises :class:`ShapeNotCompiled` when the queries are
built, so a new kind of constraint cannot go unchecked. ``tests/ontology`` holds both
validators to the same results on every example of ``tests/data/shapes/``.

>>> checks = compiled_checks()
>>> sorted({c.shape for c in checks})[:2]
['wgsh:AreaShape', 'wgsh:ConceptShape']
>>> c = next(c for c in checks if c.shape == "wgsh:ObstacleShape" and "pattern" in c.component)
>>> c.path, c.message["en"]
('skos:notation', 'An obstacle has one code such as O08.')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from ontology.validate import ValidationReport, ValidationResult, _model, _shapes, _short
from ontology.vocab import ITEM_BASE, XSD

__all__ = ["Check", "ShapeNotCompiled", "compiled_checks", "engine_report"]

_TYPE = f"<{RDF.type}>"
#: what a value of a datatype must look like beyond its datatype IRI (ill-formed literals
#: are violations in SHACL; the engine keeps them as they were written)
_WELL_FORMED = {
    XSD.date: f"COALESCE(isLiteral(<{XSD.date}>(STR(?value))), false)",
    XSD.gYear: 'REGEX(STR(?value), "^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$")',
    XSD.boolean: 'STR(?value) IN ("true", "false", "1", "0")',
}
#: the parts of a property shape that are not constraints
_NOT_CONSTRAINTS = {SH.path, SH.message, SH.name, SH.description, SH.order, SH.group}


class ShapeNotCompiled(ValueError):
    """A shape uses a SHACL feature the SPARQL compilation does not know."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape as a query: each row is a violation, ``?focus`` the item
    and ``?value`` (where the constraint is about values) the offending value."""

    shape: str
    path: str
    component: str
    message: dict[str, str]
    query: str


def _iri(term: rdflib.term.Node) -> str:
    return f"<{term}>"


def _path(shapes: rdflib.Graph, node: rdflib.term.Node) -> tuple[str, str]:
    """The path as SPARQL and as the text a report shows."""
    if isinstance(node, rdflib.URIRef):
        return _iri(node), _short(node, shapes)
    alternatives = shapes.value(node, SH.alternativePath)
    members = list(Collection(shapes, alternatives)) if alternatives is not None else []
    if members and all(isinstance(m, rdflib.URIRef) for m in members):
        return ("(" + "|".join(map(_iri, members)) + ")",
                "|".join(_short(m, shapes) for m in members))
    raise ShapeNotCompiled(f"path {node!r}: only predicates and sh:alternativePath of "
                           "predicates are compiled")


def _classes(cls: rdflib.term.Node) -> str:
    """``cls`` and every class below it in the model (``rdfs:subClassOf*`` in the ontology and
    the vocabularies), as SPARQL terms: a fixed list instead of a property path per value,
    which the engine walks for every item (2.7M triples: the check took 4.5 times the load).
    Subclasses come from the model only: the store always holds it, and data defines none."""
    return " ".join(_iri(c) for c in sorted(_subclasses()[cls]))


@lru_cache(maxsize=1)
def _subclasses() -> dict[rdflib.term.Node, set[rdflib.term.Node]]:
    model = _model()
    below: dict[rdflib.term.Node, set[rdflib.term.Node]] = {}
    for sub, sup in model.subject_objects(rdflib.RDFS.subClassOf):
        below.setdefault(sup, set()).add(sub)

    class Closure(dict):
        def __missing__(self, cls):
            seen, todo = {cls}, [cls]
            while todo:
                for sub in below.get(todo.pop(), ()):
                    if sub not in seen:
                        seen.add(sub)
                        todo.append(sub)
            self[cls] = seen
            return seen
    return Closure()


def _datatype_ok(datatype: rdflib.term.Node) -> str:
    if datatype == RDF.langString:
        return '(isLiteral(?value) && LANG(?value) != "")'
    ok = f"(isLiteral(?value) && DATATYPE(?value) = {_iri(datatype)}"
    extra = _WELL_FORMED.get(str(datatype))
    return ok + (f" && {extra})" if extra else ")")


def _languages_ok(shapes: rdflib.Graph, node: rdflib.term.Node) -> str:
    tags = [str(t) for t in Collection(shapes, node)]
    return ("(isLiteral(?value) && ("
            + " || ".join(f'LANGMATCHES(LANG(?value), "{t}")' for t in tags) + "))")


def _value_ok(shapes: rdflib.Graph, component: rdflib.URIRef, value: rdflib.term.Node) -> str:
    """A SPARQL condition on ``?value`` that holds when the value satisfies the component."""
    if component == SH.datatype:
        return _datatype_ok(value)
    if component == SH["class"]:
        return f"EXISTS {{ VALUES ?type {{ {_classes(value)} }} ?value {_TYPE} ?type }}"
    if component == SH.nodeKind and value == SH.IRI:
        return "isIRI(?value)"
    if component == SH.pattern:
        pattern = str(value).replace("\\", "\\\\").replace('"', '\\"')
        return f'(!isBlank(?value) && REGEX(STR(?value), "{pattern}"))'
    if component == SH.languageIn:
        return _languages_ok(shapes, value)
    if component == SH["or"]:
        options = []
        for member in Collection(shapes, value):
            parts = [(p, o) for p, o in shapes.predicate_objects(member)]
            if len(parts) != 1:
                raise ShapeNotCompiled("sh:or: only members with one constraint are compiled")
            options.append(_value_ok(shapes, *parts[0]))
        return "(" + " || ".join(options) + ")"
    raise ShapeNotCompiled(f"constraint {component} {value}")


def _messages(shapes: rdflib.Graph, node: rdflib.term.Node) -> dict[str, str]:
    found = {getattr(m, "language", None) or "": str(m) for m in shapes.objects(node, SH.message)}
    return {"nl": found.get("nl", found.get("", "")), "en": found.get("en", found.get("", ""))}


def _property_checks(shapes: rdflib.Graph, shape: str, target: str,
                     prop: rdflib.term.Node) -> Iterable[Check]:
    path, path_text = _path(shapes, shapes.value(prop, SH.path))
    message = _messages(shapes, prop)
    constraints = {p: o for p, o in shapes.predicate_objects(prop) if p not in _NOT_CONSTRAINTS}

    def check(component: str, query: str) -> Check:
        return Check(shape, path_text, component, message, query)

    def values(condition: str) -> str:
        """The (focus, value) pairs of the path, with ``condition`` on the value."""
        return f"?focus {path} ?value ." + (f" FILTER({condition})" if condition else "")

    def counted(condition: str, low: int | None, high: int | None, name: str) -> Check:
        # The values are counted per item in a subquery of their own, which the engine
        # evaluates once and joins to the targets by hashing, instead of looking the values
        # up for each target (2.7M triples: 5 s -> 1 s a check); an item cannot fail both
        # bounds at once. Items with no value at all fail a lower bound: MINUS (for 1) or
        # OPTIONAL with a count of 0 (COALESCE) find them.
        grouped = (f"{{ SELECT ?focus (COUNT(DISTINCT ?value) AS ?n) WHERE "
                   f"{{ {values(condition)} }} GROUP BY ?focus }}")
        if low is not None and high is not None:
            query = (f"SELECT DISTINCT ?focus WHERE {{ {target} OPTIONAL {grouped} "
                     f"FILTER(COALESCE(?n, 0) < {low} || COALESCE(?n, 0) > {high}) }}")
        elif low == 1:
            query = f"SELECT DISTINCT ?focus WHERE {{ {target} MINUS {{ {values(condition)} }} }}"
        elif low is not None:
            query = (f"SELECT DISTINCT ?focus WHERE {{ {target} MINUS {{ SELECT ?focus WHERE "
                     f"{{ {values(condition)} }} GROUP BY ?focus "
                     f"HAVING (COUNT(DISTINCT ?value) >= {low}) }} }}")
        else:
            query = (f"SELECT DISTINCT ?focus WHERE {{ {{ SELECT ?focus WHERE "
                     f"{{ {values(condition)} }} GROUP BY ?focus "
                     f"HAVING (COUNT(DISTINCT ?value) > {high}) }} {target} }}")
        return check(name, query)

    def bound(key: rdflib.URIRef) -> int | None:
        return int(constraints[key]) if key in constraints else None

    if SH.minCount in constraints or SH.maxCount in constraints:
        yield counted("", bound(SH.minCount), bound(SH.maxCount), "count")
    if (SH.qualifiedMinCount in constraints or SH.qualifiedMaxCount in constraints) and \
            SH.qualifiedValueShape not in constraints:
        raise ShapeNotCompiled("sh:qualifiedMinCount/MaxCount without sh:qualifiedValueShape")
    for component, value in sorted(constraints.items()):
        if component in (SH.minCount, SH.maxCount, SH.qualifiedMinCount, SH.qualifiedMaxCount):
            continue
        if component == SH.hasValue:
            yield check("hasValue", f"SELECT DISTINCT ?focus WHERE {{ {target} "
                                    f"FILTER NOT EXISTS {{ ?focus {path} {_iri(value)} }} }}")
        elif component == SH.qualifiedValueShape:
            inner = [(p, o) for p, o in shapes.predicate_objects(value)]
            if len(inner) != 1:
                raise ShapeNotCompiled("sh:qualifiedValueShape: one constraint only")
            yield counted(_value_ok(shapes, *inner[0]), bound(SH.qualifiedMinCount),
                          bound(SH.qualifiedMaxCount), "qualifiedCount")
        else:
            # the offending values first, in a subquery (nearly always none), then their
            # items among the targets: the values are scanned once, not looked up per target
            if component == SH["class"]:
                wrong = (f"?focus {path} ?value . MINUS {{ VALUES ?type "
                         f"{{ {_classes(value)} }} ?value {_TYPE} ?type }}")
            else:
                wrong = values(f"!{_value_ok(shapes, component, value)}")
            yield check(component.split("#")[-1],
                        f"SELECT DISTINCT ?focus ?value WHERE {{ "
                        f"{{ SELECT ?focus ?value WHERE {{ {wrong} }} }} {target} }}")


@lru_cache(maxsize=1)
def compiled_checks() -> tuple[Check, ...]:
    """Every constraint of ``shapes.ttl`` as a :class:`Check`, in the file's shape order.

    Raises
    ------
    ShapeNotCompiled
        A shape uses a feature this compilation does not cover.
    """
    shapes = _shapes()
    checks: list[Check] = []
    for node in sorted(shapes.subjects(RDF.type, SH.NodeShape)):
        targets = sorted(shapes.objects(node, SH.targetClass))
        extra = {p for p in shapes.predicates(node)} - {RDF.type, SH.targetClass, SH.property}
        if extra or not targets:
            raise ShapeNotCompiled(f"{node}: only sh:targetClass and sh:property are compiled")
        target = (f"VALUES ?class {{ {' '.join(_classes(t) for t in targets)} }} "
                  f"?focus {_TYPE} ?class .")
        shape = _short(node, shapes)
        for prop in shapes.objects(node, SH.property):
            checks.extend(_property_checks(shapes, shape, target, prop))
    checks.sort(key=lambda c: (c.shape, c.path, c.component, c.message["en"]))
    return tuple(checks)


def _namespaces() -> rdflib.Graph:
    graph = rdflib.Graph()
    for prefix, ns in _model().namespaces():
        graph.bind(prefix, ns, override=False)
    graph.bind("wgd", ITEM_BASE)
    return graph


def engine_report(
    select: Callable[[str], Iterable[tuple[rdflib.term.Node, rdflib.term.Node | None]]],
    lang: str = "en",
    progress: Callable[[int, int], None] | None = None,
    threads: int = 1,
) -> ValidationReport:
    """Run every :class:`Check` through ``select`` (a SELECT over the union of the store's
    graphs giving ``(focus, value)`` rows as rdflib terms, ``value`` None where the query has
    none) and collect the rows as a :class:`ValidationReport`, sorted as :func:`validate`
    sorts it; ``progress(done, total)`` after each check, in the checks' order.

    With ``threads`` > 1 that many checks run at once (``select`` must then be safe to call
    from several threads: pyoxigraph evaluates a query without holding the GIL, so two
    threads check a big store in about half the time on two cores). The report is the same.
    """
    names = _namespaces()
    checks = compiled_checks()
    results = []

    def rows(check: Check) -> list[tuple[rdflib.term.Node, rdflib.term.Node | None]]:
        return list(select(check.query))

    with ThreadPoolExecutor(max(1, threads)) as pool:
        futures = [pool.submit(rows, check) for check in checks]
        try:
            for done, (check, future) in enumerate(zip(checks, futures, strict=True), start=1):
                for focus, value in future.result():
                    results.append(ValidationResult(
                        focus=_short(focus, names), path=check.path, shape=check.shape,
                        severity="sh:Violation",
                        message=check.message.get(lang) or check.message["en"],
                        value=_short(value, names),
                    ))
                if progress:
                    progress(done, len(checks))
        except BaseException:
            for future in futures:  # a failed check (or an interrupt) stops the others
                future.cancel()
            raise
    results.sort(key=lambda r: (r.focus, r.path, r.shape, r.message, r.value))
    return ValidationReport(conforms=not results, results=tuple(results))
