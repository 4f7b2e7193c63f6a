"""SHACL validation of knowledge-base data against ``shapes.ttl``, with the result as data.

Like pySHACL, validation never raises for non-conforming data: it returns a
:class:`ValidationReport`. Only a failure to read the shapes raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import rdflib
import rdflib.collection
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from ontology.files import ONTOLOGY_TTL, SHAPES_TTL, VOCABULARIES_TTL
from ontology.vocab import ITEM_BASE

__all__ = ["ValidationReport", "ValidationResult", "validate", "model_graph"]


@dataclass(frozen=True)
class ValidationResult:
    """One violation: the item, the property path, the shape, the message, the offending value."""

    focus: str
    path: str
    shape: str
    severity: str
    message: str
    value: str = ""


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: ``conforms`` and the results, sorted for stable output."""

    conforms: bool
    results: tuple[ValidationResult, ...]

    def text(self, lang: str = "en") -> str:
        """A human report, one line per result (``lang`` picks the message language)."""
        if self.conforms:
            return "Conform: geen overtredingen." if lang == "nl" else "Conforms: no violations."
        n = len(self.results)
        lines = [(f"{n} overtreding:" if n == 1 else f"{n} overtredingen:") if lang == "nl"
                 else (f"{n} violation:" if n == 1 else f"{n} violations:")]
        for r in self.results:
            value = f" [{r.value}]" if r.value else ""
            lines.append(f"- {r.focus} {r.path}{value}: {r.message} ({r.shape})")
        return "\n".join(lines)

    def by_shape(self) -> dict[str, list[ValidationResult]]:
        """Results grouped by shape id, for quality reports."""
        groups: dict[str, list[ValidationResult]] = {}
        for r in self.results:
            groups.setdefault(r.shape, []).append(r)
        return groups


@lru_cache(maxsize=1)
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES_TTL)


@lru_cache(maxsize=1)
def _model() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(ONTOLOGY_TTL)
    graph.parse(VOCABULARIES_TTL)
    return graph


def model_graph() -> rdflib.Graph:
    """A fresh copy of the ontology plus the controlled vocabularies, as one rdflib graph."""
    copy = rdflib.Graph()
    for triple in _model():
        copy.add(triple)
    for prefix, ns in _model().namespaces():
        copy.bind(prefix, ns)
    return copy


def _short(term: object, graph: rdflib.Graph) -> str:
    if term is None:
        return ""
    if isinstance(term, rdflib.BNode):  # its id means nothing to a reader, and changes per run
        alternatives = _shapes().value(term, SH.alternativePath)
        if alternatives is None:
            return "[]"
        return "|".join(_short(m, _shapes()) for m in rdflib.collection.Collection(
            _shapes(), alternatives))
    if isinstance(term, rdflib.URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except ValueError:  # pragma: no cover - rdflib refuses some IRIs
            return str(term)
    return str(term)


def validate(data: rdflib.Graph, lang: str = "en", include_model: bool = True) -> ValidationReport:
    """Validate ``data`` against the Wijkgraaf shapes.

    The ontology and the controlled vocabularies are added to the data first (so references to
    ``wgd:cat-geld`` resolve) unless ``include_model`` is false.

    >>> from rdflib import Graph
    >>> validate(Graph()).conforms
    True
    >>> bad = Graph().parse(data='''
    ...   @prefix wg: <https://w3id.org/wijkgraaf/def#> .
    ...   <https://w3id.org/wijkgraaf/id/S99> a wg:Solution .''', format="turtle")
    >>> report = validate(bad)
    >>> report.conforms, any("addresses" in r.path for r in report.results)
    (False, True)
    """
    graph = rdflib.Graph()
    for triple in data:
        graph.add(triple)
    if include_model:
        for triple in _model():
            graph.add(triple)
    for prefix, ns in _model().namespaces():
        graph.bind(prefix, ns, override=False)
    graph.bind("wgd", ITEM_BASE)
    conforms, report, _ = shacl_validate(
        graph, shacl_graph=_shapes(), inference="none", advanced=False, allow_warnings=True
    )
    results = []
    for node in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        messages = list(report.objects(node, SH.resultMessage))
        chosen = next((m for m in messages if getattr(m, "language", None) == lang), None)
        chosen = chosen or (messages[0] if messages else "")
        shape = report.value(node, SH.sourceShape)
        # property shapes are blank nodes: name the node shape that holds them
        if isinstance(shape, rdflib.BNode):
            shape = _shapes().value(predicate=SH.property, object=shape) or shape
        results.append(ValidationResult(
            focus=_short(report.value(node, SH.focusNode), graph),
            path=_short(report.value(node, SH.resultPath), graph),
            shape=_short(shape, _shapes()),
            severity=_short(report.value(node, SH.resultSeverity), report).split("#")[-1],
            message=str(chosen),
            value=_short(report.value(node, SH.value), graph),
        ))
    results.sort(key=lambda r: (r.focus, r.path, r.shape, r.message, r.value))
    return ValidationReport(conforms=bool(conforms), results=tuple(results))
