"""Reading one item from the store: its statements, and the labels of what it links to.

The plain reading layer under :mod:`graph.items.details`: :func:`read` gives an :class:`Item` (its
types, literals per predicate and language, links with the labels of their targets) and
:func:`incoming` the items that link to it. SPARQL lives in ``graph/queries/*.rq``; the item is
a bound value, never pasted into the query.

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, ["tests/data/mini.ttl"])
>>> item = read(store, ITEM_BASE + "S01")
>>> item.get(SKOS + "prefLabel", "en"), [r.label for r in item.refs(WG + "addresses", "nl")]
('data-sharing covenant', ['gegevens delen mag niet'])
>>> [short(p) for p in incoming(store, ITEM_BASE + "S02")]
['https://w3id.org/wijkgraaf/def#relatedSolution']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pyoxigraph import NamedNode

from graph.store import Store
from ontology.vocab import DCT, ITEM_BASE, RDF_TYPE, SKOS, WG

__all__ = ["Ref", "Item", "read", "incoming", "item_ref", "pick", "short", "WG", "SKOS", "DCT"]

QUERIES = Path(__file__).with_name("queries")


@cache
def query_text(name: str) -> str:
    """The text of ``graph/queries/<name>.rq``."""
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Ref:
    """A linked item: IRI, label in the asked language, notation or CBS code if any."""

    iri: str
    label: str
    notation: str = ""


@dataclass
class Item:
    """The raw statements about one item: literals per predicate and language, links."""

    iri: str
    types: set[str] = field(default_factory=set)
    text: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    links: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    names: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    codes: dict[str, str] = field(default_factory=dict)

    def get(self, pred: str, lang: str) -> str:
        found = self.text.get(pred, {})
        other = "en" if lang == "nl" else "nl"
        return found.get(lang) or found.get(other) or found.get("") or ""

    def flag(self, pred: str) -> bool | None:
        value = self.get(pred, "")
        return None if value == "" else value in {"true", "1"}

    def refs(self, pred: str, lang: str) -> tuple[Ref, ...]:
        refs = [self.ref(iri, lang) for iri in self.links.get(pred, [])]
        return tuple(sorted(refs, key=lambda r: (r.label.lower(), r.iri)))

    def ref(self, iri: str, lang: str) -> Ref:
        label = pick(self.names.get(iri, {}), lang) or short(iri)
        return Ref(iri, label, self.codes.get(iri, ""))

    def label_of(self, pred: str, lang: str) -> str:
        return ", ".join(r.label for r in self.refs(pred, lang))


def pick(found: dict[str, str], lang: str) -> str:
    other = "en" if lang == "nl" else "nl"
    return found.get(lang) or found.get(other) or found.get("") or ""


def short(iri: str) -> str:
    return iri[len(ITEM_BASE):] if iri.startswith(ITEM_BASE) else iri


def read(store: Store, iri: str) -> Item:
    item = Item(iri)
    for row in store.select(query_text("describe"), {"item": NamedNode(iri)}):
        pred, obj = row["p"].value, row["o"]
        if pred == RDF_TYPE:
            item.types.add(obj.value)
        elif isinstance(obj, NamedNode):
            if obj.value not in item.links[pred]:
                item.links[pred].append(obj.value)
            for key in ("label", "title"):
                if key in row:
                    term = row[key]
                    item.names[obj.value].setdefault(term.language or "", term.value)
            code = row.get("notation") or row.get("code")
            if code is not None:
                item.codes.setdefault(obj.value, code.value)
        else:
            item.text[pred].setdefault(getattr(obj, "language", None) or "", obj.value)
    return item


def incoming(store: Store, iri: str) -> dict[str, dict[str, dict[str, str]]]:
    """predicate → subject IRI → labels by language."""
    found: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for row in store.select(query_text("incoming"), {"item": NamedNode(iri)}):
        labels = found[row["p"].value].setdefault(row["s"].value, {})
        if "label" in row:
            labels.setdefault(row["label"].language or "", row["label"].value)
    return found


def item_ref(item: Item, lang: str) -> Ref:
    return Ref(item.iri, item.get(SKOS + "prefLabel", lang) or short(item.iri),
               item.get(SKOS + "notation", lang))
