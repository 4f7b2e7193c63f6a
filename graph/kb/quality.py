"""What is incomplete in the knowledge base: the data behind the editors' quality page.

:func:`quality_report` gathers, in one language:

- the SHACL report of the store, grouped by shape, each result with the item's label and kind;
- obstacles that no solution addresses (marked when left open on purpose, ``wg:openGap``);
- solutions without a source, and solutions without any practice case;
- items not modified for ``stale_days`` days (oldest first);
- records to review (competency question 11): links to repealed or amended law, to ended
  programmes, or to CBS codes of an older division.

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, ["tests/data/mini.ttl"])
>>> report = quality_report(store, "en", today="2028-01-01")
>>> report.conforms, [i.label for i in report.obstacles_without_solutions]
(True, ['nobody knows each other'])
>>> [i.label for i in report.solutions_without_cases], len(report.stale)
(['pooled budget'], 20)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ontology import competency_queries
from ontology.vocab import DCT, PREFIXES, sparql_prologue
from graph.kb.loading import shape_report
from ontology.kinds import CLASS_KIND as KINDS
from ontology.kinds import KIND
from graph.analytics import in_index, nodes_of_kind, out_index, project
from graph.store import Store, version_memo

__all__ = ["QualityItem", "ShapeResult", "ShapeGroup", "QualityReport", "quality_report"]

_REASONS = {"wet vervallen": "law repealed", "wet gewijzigd": "law amended",
            "programma afgelopen": "programme ended",
            "CBS-code uit oudere indeling": "CBS code from an older division"}


@dataclass(frozen=True)
class QualityItem:
    """An item that needs attention: IRI, label, kind, and what is the matter (``detail``)."""

    iri: str
    label: str
    kind: str
    detail: str = ""


@dataclass(frozen=True)
class ShapeResult:
    """One SHACL result: the item, the property, the message and the offending value."""

    item: QualityItem
    path: str
    message: str
    value: str = ""


@dataclass(frozen=True)
class ShapeGroup:
    """The results of one shape (``shape`` is its id, e.g. ``wgsh:SolutionShape``)."""

    shape: str
    results: tuple[ShapeResult, ...]


@dataclass(frozen=True)
class QualityReport:
    """Everything the quality page shows."""

    conforms: bool
    shapes: tuple[ShapeGroup, ...]
    obstacles_without_solutions: tuple[QualityItem, ...]
    solutions_without_sources: tuple[QualityItem, ...]
    solutions_without_cases: tuple[QualityItem, ...]
    stale: tuple[QualityItem, ...]
    to_review: tuple[QualityItem, ...]
    version: int
    checked: str
    stale_days: int

    def counts(self) -> dict[str, int]:
        """How many findings each part has."""
        return {"shapes": sum(len(g.results) for g in self.shapes),
                "obstacles_without_solutions": len(self.obstacles_without_solutions),
                "solutions_without_sources": len(self.solutions_without_sources),
                "solutions_without_cases": len(self.solutions_without_cases),
                "stale": len(self.stale), "to_review": len(self.to_review)}


def _expand(short: str) -> str:
    prefix, _, local = short.partition(":")
    if prefix in PREFIXES and not short.startswith(("http:", "https:")):
        return PREFIXES[prefix] + local
    return short


#: what does not depend on the day, per (store, version, language)
_FIXED = version_memo(size=8)


def quality_report(store: Store, lang: str = "nl", *, stale_days: int = 365,
                   today: str | None = None) -> QualityReport:
    """The quality report of ``store`` in ``lang`` (``today`` as YYYY-MM-DD, for tests).
    Everything but the stale list is read once per store version and language (at 1M
    generated triples the shape results alone are 300k), the days items were changed
    included, so another ``stale_days`` or ``today`` only filters those."""
    G = project(store, lang)

    def item(iri: str, detail: str = "") -> QualityItem:
        data = G.nodes[iri] if iri in G else {}
        label = (data.get("labels") or {}).get(lang) or iri.rsplit("/", 1)[-1]
        return QualityItem(iri, label, data.get("kind", ""), detail)

    conforms, groups, unsolved, no_source, no_case, review, changed = _FIXED(
        store, ("quality", lang), lambda: _fixed(store, lang, G, item))
    day = dt.date.fromisoformat(today) if today else dt.date.today()
    limit = day - dt.timedelta(days=stale_days)
    stale = [(when, item(iri, when.isoformat())) for iri, when in changed if when < limit]
    stale.sort(key=lambda x: (x[0], x[1].label.lower()))
    return QualityReport(conforms, groups, unsolved, no_source, no_case,
                         tuple(i for _, i in stale), review, store.version(),
                         day.isoformat(), stale_days)


def _fixed(store: Store, lang: str, G, item) -> tuple:
    """The parts of the report that depend only on the store's version and the language."""
    report = shape_report(store, lang)
    groups = []
    for shape, results in sorted(report.by_shape().items()):
        groups.append(ShapeGroup(shape, tuple(
            ShapeResult(item(_expand(r.focus)), r.path, r.message, r.value) for r in results)))
    addressed = in_index(G, "addresses")
    open_word = "bewust open" if lang == "nl" else "left open on purpose"
    unsolved = tuple(item(o, open_word if G.nodes[o].get("openGap") else "")
                     for o in nodes_of_kind(G, "obstacle") if o not in addressed)
    cited = {r["s"].value for r in store.select(
        f"SELECT DISTINCT ?s WHERE {{ ?s a <{_kind_class('solution')}> ; <{DCT}source> ?x }}")}
    solutions = nodes_of_kind(G, "solution")
    no_source = tuple(item(s) for s in solutions if s not in cited)
    applied = {s for ss in out_index(G, "appliesSolution").values() for s in ss}
    no_case = tuple(item(s) for s in solutions if s not in applied)
    review = []
    cq11 = next((q for q in competency_queries() if q.id.startswith("cq11")), None)
    if cq11 is not None:
        for row in store.select(sparql_prologue() + cq11.sparql):
            reason = row["reason"].value
            target = item(row["target"].value).label if "target" in row else ""
            words = reason if lang == "nl" else _REASONS.get(reason, reason)
            since = f" ({row['since'].value})" if "since" in row else ""
            review.append(item(row["item"].value, f"{words}: {target}{since}"))
    changed = []  # item → the day it was last changed (the earliest, if it says several)
    classes = " ".join(f"<{c}>" for c in KINDS)
    for row in store.select(f"SELECT ?s (MIN(STR(?m)) AS ?when) WHERE {{ VALUES ?t {{ {classes} }}"
                            f" ?s a ?t ; <{DCT}modified> ?m }} GROUP BY ?s"):
        try:
            changed.append((row["s"].value, dt.date.fromisoformat(row["when"].value[:10])))
        except ValueError:
            continue
    return (report.conforms, tuple(groups), unsolved, no_source, no_case, tuple(review),
            tuple(changed))


def _kind_class(kind: str) -> str:
    return KIND[kind].classes[0]
