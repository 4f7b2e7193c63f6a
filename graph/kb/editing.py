"""Edit one item in the store: save, delete and undo, validated, atomic, with a version check.

An editor opens an item with :func:`item_state` and keeps its ``token`` (a digest of every
statement about the item). :func:`save_item` and :func:`delete_item` take that token back:
if someone else changed the item meanwhile, :class:`EditConflictError` is raised, the store
is left as the other editor left it, and the error carries the submitted statements so
nothing typed is lost. Before anything is written the changed items are validated against
the shapes; a violation raises :class:`EditRefusedError` with the shape's message.

A save moves the item's statements into the edits graph (:data:`EDITS_GRAPH`). Each change is
one SPARQL update that removes and adds the statements, records the edit in the meta graph
(who, when, the statements before and after, as N-Quads) and updates the edits graph's
provenance; it only applies when the store version is still the one read (else it is retried
or refused). :func:`undo` applies the recorded change backwards; :func:`history` lists edits.

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, ["tests/data/mini.ttl"])
>>> from ontology.vocab import SKOS
>>> state = item_state(store, "https://w3id.org/wijkgraaf/id/O02")
>>> changed = [t for t in state.triples() if t.predicate.value != SKOS + "example"]
>>> delete_item(store, state.iri, token="stale", who="ann")
Traceback (most recent call last):
...
graph.kb.editing.EditConflictError: O02 was changed by someone else after you opened it; ...
>>> save_item(store, state.iri, changed, token=state.token, who="ann")
Traceback (most recent call last):
...
graph.kb.editing.EditRefusedError: O02 was not saved: Exactly one example in Dutch is required. ...
>>> done = save_item(store, state.iri, state.triples(), token=state.token, who="ann",
...                  now="2026-12-01T10:00:00+00:00")
>>> [(e.action, e.who) for e in history(store, state.iri)]
[('save', 'ann')]
>>> back = undo(store, done.edit, who="ann")
>>> item_state(store, state.iri).token == state.token
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
import rdflib

from ontology import Message, ValidationReport, WijkgraafError, validate
from ontology.vocab import (
    DATASET_IRI, DCT, EDITS_GRAPH, ITEM_BASE, META_GRAPH, ONTOLOGY_GRAPH, PROV, RDF_TYPE,
    SHAPES_GRAPH, STORE_VERSION, XSD,
)
from graph.store import Store, iri_nt, term_nt

__all__ = ["EDITS_GRAPH", "ItemState", "EditResult", "EditRecord", "EditConflictError",
           "EditRefusedError", "item_state", "save_item", "delete_item", "undo", "history"]

EDIT_BASE = EDITS_GRAPH + "/"
_HIDDEN = (META_GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH)
_NOT_HIDDEN = "FILTER(?g NOT IN (" + ", ".join(f"<{g}>" for g in _HIDDEN) + "))"


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


class EditConflictError(WijkgraafError):
    """The item changed since it was opened (or exists already). ``yours`` holds the submitted
    statements, ``theirs`` the item as it is now: nothing was written."""

    def __init__(self, iri: str, yours: Iterable[ox.Triple], theirs: ItemState,
                 reason: Message | None = None) -> None:
        self.iri, self.yours, self.theirs = iri, list(yours), theirs
        super().__init__(reason or Message("edit_conflict", item=_short(iri)))


class EditRefusedError(WijkgraafError, ValueError):
    """The edit would break a shape; ``report`` has the results. Nothing was written."""

    def __init__(self, iri: str, report: ValidationReport, lang: str = "en") -> None:
        self.iri, self.report = iri, report
        messages = list(dict.fromkeys(r.message for r in report.results))
        super().__init__(Message("edit_refused", item=_short(iri), reasons=" ".join(messages)))
        self.lang = lang  # the language of the shapes' messages in ``report``


@dataclass(frozen=True)
class ItemState:
    """Every statement about an item (subject) with its graph, and their digest ``token``."""

    iri: str
    quads: tuple[ox.Quad, ...]
    token: str

    def triples(self) -> list[ox.Triple]:
        """The statements without their graphs, once each."""
        return list(dict.fromkeys(q.triple for q in self.quads))

    @property
    def exists(self) -> bool:
        """True when the store says anything about the item."""
        return bool(self.quads)


@dataclass(frozen=True)
class EditResult:
    """A change that was written: the edit record, the item, the new version and token."""

    edit: str
    item: str
    action: str
    version: int
    token: str


@dataclass(frozen=True)
class EditRecord:
    """One recorded edit (newest first in :func:`history`)."""

    edit: str
    item: str
    action: str
    who: str
    when: str
    undoes: str = ""
    removed: tuple[ox.Quad, ...] = field(default=(), repr=False)
    added: tuple[ox.Quad, ...] = field(default=(), repr=False)
    token: str = ""


def _token(quads: Iterable[ox.Quad]) -> str:
    lines = sorted(f"{q.predicate} {q.object} {q.graph_name}" for q in quads)
    return "sha256:" + hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def item_state(store: Store, iri: str) -> ItemState:
    """What the store says about ``iri`` now (empty for an unknown item)."""
    rows = store.select(f"SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_HIDDEN} }}",
                        {"s": ox.NamedNode(iri)})
    quads = sorted({ox.Quad(ox.NamedNode(iri), r["p"], r["o"], r["g"]) for r in rows}, key=str)
    return ItemState(iri, tuple(quads), _token(quads))


def _incoming(store: Store, iri: str) -> list[ox.Quad]:
    rows = store.select(f"SELECT ?g ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_HIDDEN} }}",
                        {"o": ox.NamedNode(iri)})
    return sorted({ox.Quad(r["s"], r["p"], ox.NamedNode(iri), r["g"]) for r in rows}, key=str)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


# -- validation -----------------------------------------------------------------------------

def _check(store: Store, iri: str, focus: set[str], removed: list[ox.Quad],
           added: list[ox.Quad], lang: str) -> None:
    """Validate the ``focus`` items as they would be after the change; raise if one breaks."""
    gone, new = {q.triple for q in removed}, {q.triple for q in added}
    after: set[ox.Triple] = set()
    for subject in focus:
        current = {q.triple for q in item_state(store, subject).quads}
        after |= (current - gone) | {t for t in new if t.subject.value == subject}
    objects = sorted({t.object for t in after if isinstance(t.object, ox.NamedNode)}, key=str)
    if objects:
        values = " ".join(term_nt(o) for o in objects)
        rows = store.select(f"SELECT ?s ?t WHERE {{ VALUES ?s {{ {values} }} ?s a ?t }}")
        types = {ox.Triple(r["s"], ox.NamedNode(RDF_TYPE), r["t"]) for r in rows}
        after |= (types - gone) | {t for t in new if t.predicate.value == RDF_TYPE}
    graph = rdflib.Graph()
    data = ox.serialize(sorted(after, key=str), format=ox.RdfFormat.N_TRIPLES)
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    report = validate(graph, lang=lang)
    prefixed = {"wgd:" + f[len(ITEM_BASE):] for f in focus}
    mine = tuple(r for r in report.results if r.focus in focus | prefixed
                 and r.severity.endswith("Violation"))
    if mine:
        raise EditRefusedError(iri, ValidationReport(False, mine), lang)


# -- writing --------------------------------------------------------------------------------

def _nt(q: ox.Quad) -> str:
    return f"{term_nt(q.subject)} {term_nt(q.predicate)} {term_nt(q.object)} ."


def _block(quads: Iterable[ox.Quad]) -> str:
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name.value, []).append(_nt(q))
    return " ".join(f"GRAPH {iri_nt(g)} {{ {' '.join(lines)} }}" for g, lines in by_graph.items())


def _nquads(quads: Iterable[ox.Quad]) -> str:
    return ox.serialize(sorted(quads, key=str), format=ox.RdfFormat.N_QUADS).decode("utf-8")


def _record(edit: str, iri: str, action: str, who: str, now: str, removed, added, token: str,
            undoes: str = "") -> list[ox.Quad]:
    e, nn, lit, meta = ox.NamedNode(edit), ox.NamedNode, ox.Literal, ox.NamedNode(META_GRAPH)
    before, after = nn(edit + "/before"), nn(edit + "/after")
    out = [(e, RDF_TYPE, nn(PROV + "Activity")), (e, DCT + "subject", nn(iri)),
           (e, DCT + "type", lit(action)), (e, PROV + "wasAssociatedWith", lit(who)),
           (e, PROV + "startedAtTime", lit(now, datatype=nn(XSD + "dateTime"))),
           (e, PROV + "used", before), (e, PROV + "generated", after),
           (before, RDF_TYPE, nn(PROV + "Entity")), (before, PROV + "value", lit(_nquads(removed))),
           (after, RDF_TYPE, nn(PROV + "Entity")), (after, PROV + "value", lit(_nquads(added))),
           (after, DCT + "identifier", lit(token))]
    if undoes:
        out.append((e, PROV + "wasInformedBy", nn(undoes)))
    return [ox.Quad(s, p if isinstance(p, ox.NamedNode) else nn(p), o, meta) for s, p, o in out]


def _apply(store: Store, iri: str, action: str, removed: list[ox.Quad], added: list[ox.Quad],
           who: str, now: str, expected: ItemState, undoes: str = "") -> EditResult:
    """Write the change in one update, guarded by the store version; retry if only the version
    moved, refuse (nothing written) if the item is no longer ``expected``."""
    after_quads = [q for q in added if q.subject.value == iri]
    keep = [q for q in expected.quads if q not in set(removed)]
    token = _token([*keep, *after_quads])
    edit = EDIT_BASE + "e-" + uuid.uuid4().hex[:16]
    record = _record(edit, iri, action, who, now, removed, added, token, undoes)
    for _ in range(5):
        # the version first, then the item: a write in between moves the version, and the
        # guarded update below then changes nothing; so the item we compare is the item the
        # update would change, and the check and the write are one step against the store
        version = store.version()
        current = item_state(store, iri)
        if current.token != expected.token:
            raise EditConflictError(iri, [q.triple for q in added], current)
        edits_now = set(store.graph_triples(EDITS_GRAPH)) \
            if EDITS_GRAPH in store.graph_names() else set()
        count = len((edits_now - {q.triple for q in removed if q.graph_name.value == EDITS_GRAPH})
                    | {q.triple for q in added if q.graph_name.value == EDITS_GRAPH})
        g, meta = ox.NamedNode(EDITS_GRAPH), ox.NamedNode(META_GRAPH)
        describe = [ox.Quad(g, ox.NamedNode(p), o, meta) for p, o in (
            (RDF_TYPE, ox.NamedNode(PROV + "Entity")), (DCT + "title", ox.Literal("edits")),
            (PROV + "generatedAtTime", ox.Literal(now, datatype=ox.NamedNode(XSD + "dateTime"))),
            (PROV + "wasAttributedTo", ox.Literal(who)),
            ("http://rdfs.org/ns/void#triples",
             ox.Literal(str(count), datatype=ox.NamedNode(XSD + "integer"))))]
        old_meta = f"GRAPH <{META_GRAPH}> {{ <{EDITS_GRAPH}> ?mp ?mo }}"
        guard = f"GRAPH <{META_GRAPH}> {{ <{DATASET_IRI}> <{STORE_VERSION}> ?v }}"
        update = (f"DELETE {{ {_block(removed)} {old_meta} }}"
                  f" INSERT {{ {_block([*added, *record, *describe])} }}"
                  f" WHERE {{ OPTIONAL {{ {guard} }} FILTER(COALESCE(?v, 0) = {version})"
                  f" OPTIONAL {{ {old_meta} }} }}")
        new_version = store.update(update)
        if store.ask(f"ASK {{ GRAPH <{META_GRAPH}> {{ {iri_nt(edit)} ?p ?o }} }}"):
            return EditResult(edit, iri, action, new_version, token)  # ours landed
    raise WijkgraafError(Message("store_kept_changing"))


def save_item(store: Store, iri: str, triples: Iterable[ox.Triple], *, token: str | None,
              who: str, now: str | None = None, lang: str = "en") -> EditResult:
    """Replace every statement about ``iri`` with ``triples`` (all about ``iri``).

    ``token`` is the one from :func:`item_state` when the item was opened (``None`` for a new
    item, which must not exist yet). ``dcterms:modified`` is set to today. Raises
    :class:`EditConflictError` or :class:`EditRefusedError`; then nothing is written.
    """
    now = now or _now()
    triples = [t for t in dict.fromkeys(triples) if t.predicate.value != DCT + "modified"]
    for t in triples:
        if t.subject != ox.NamedNode(iri):
            raise WijkgraafError(Message("other_subject", subject=t.subject, item=iri))
        if isinstance(t.object, ox.BlankNode):
            raise WijkgraafError(Message("blank_nodes"))
    triples.append(ox.Triple(ox.NamedNode(iri), ox.NamedNode(DCT + "modified"),
                             ox.Literal(now[:10], datatype=ox.NamedNode(XSD + "date"))))
    current = item_state(store, iri)
    if token is None and current.exists:
        raise EditConflictError(iri, triples, current, Message("edit_exists", item=_short(iri)))
    if token is not None and token != current.token:
        raise EditConflictError(iri, triples, current)
    added = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(EDITS_GRAPH)) for t in triples]
    removed = list(current.quads)
    _check(store, iri, {iri}, removed, added, lang)
    return _apply(store, iri, "save", removed, added, who, now, current)


def delete_item(store: Store, iri: str, *, token: str, who: str, now: str | None = None,
                lang: str = "en") -> EditResult:
    """Remove every statement about ``iri`` and every link to it (undo brings them back).

    Refused (:class:`EditRefusedError`) when an item that links to it would break a shape, e.g.
    a solution left without any obstacle it addresses.
    """
    now = now or _now()
    current = item_state(store, iri)
    if token != current.token:
        raise EditConflictError(iri, [], current)
    links = _incoming(store, iri)
    removed = [*current.quads, *links]
    focus = {q.subject.value for q in links if isinstance(q.subject, ox.NamedNode)} - {iri}
    _check(store, iri, focus, removed, [], lang)
    return _apply(store, iri, "delete", removed, [], who, now, current)


def _parse(text: str) -> tuple[ox.Quad, ...]:
    return tuple(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) if text else ()


def history(store: Store, iri: str | None = None) -> list[EditRecord]:
    """The recorded edits (of ``iri``, or all), newest first."""
    rows = store.select(
        "SELECT ?e ?item ?action ?who ?when ?undoes ?before ?after ?token WHERE { GRAPH ?m {"
        f" ?e <{DCT}subject> ?item ; <{DCT}type> ?action ; <{PROV}wasAssociatedWith> ?who ;"
        f" <{PROV}startedAtTime> ?when ; <{PROV}used> ?b ; <{PROV}generated> ?a ."
        f" ?b <{PROV}value> ?before . ?a <{PROV}value> ?after ; <{DCT}identifier> ?token"
        f" OPTIONAL {{ ?e <{PROV}wasInformedBy> ?undoes }} }} FILTER(?m = <{META_GRAPH}>) }}")
    out = []
    for r in rows:
        if iri is not None and r["item"].value != iri:
            continue
        out.append(EditRecord(r["e"].value, r["item"].value, r["action"].value, r["who"].value,
                              r["when"].value, r["undoes"].value if "undoes" in r else "",
                              _parse(r["before"].value), _parse(r["after"].value),
                              r["token"].value))
    undone = {e.edit: e.undoes for e in out}

    def depth(edit: str) -> int:  # an undo comes after what it undoes, even in the same second
        n = 0
        while undone.get(edit) and n < len(undone):
            edit, n = undone[edit], n + 1
        return n

    return sorted(out, key=lambda e: (e.when, depth(e.edit), e.edit), reverse=True)


def undo(store: Store, edit: str, *, who: str, now: str | None = None,
         lang: str = "en") -> EditResult:
    """Reverse the recorded ``edit``: the item (and links) return exactly as they were.

    Refused with :class:`EditConflictError` when the item changed after that edit.
    """
    record = next((e for e in history(store) if e.edit == edit), None)
    if record is None:
        raise WijkgraafError(Message("no_edit", edit=edit))
    current = item_state(store, record.item)
    if current.token != record.token:
        raise EditConflictError(record.item, [], current,
                                Message("undo_later_first", item=_short(record.item)))
    focus = {q.subject.value for q in record.removed if isinstance(q.subject, ox.NamedNode)}
    _check(store, record.item, focus | {record.item}, list(record.added), list(record.removed),
           lang)
    return _apply(store, record.item, "undo", list(record.added), list(record.removed), who,
                  now or _now(), current, undoes=edit)
