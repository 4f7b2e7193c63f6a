"""Opening stores and loading sources into them: the one loading path every door uses.

A load reads every file first (any error stops it before anything is written), validates the
new sources together with what the store already holds against the SHACL shapes, and only then
replaces each source's named graph and its provenance in one atomic step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import rdflib

from loaders import SUPPORTED_SUFFIXES, read_rdf, read_source
from loaders.rdf import bulk_format, syntax_error
from ontology import InputError, Message, ValidationReport, WijkgraafError, validate
from ontology.errors import text_in
from ontology.shapes_sparql import engine_report
from ontology.files import ONTOLOGY_TTL, SHAPES_TTL, VOCABULARIES_TTL
from ontology.vocab import (
    DCT, EDITS_GRAPH, ITEM_BASE, META_GRAPH, ONTOLOGY_GRAPH, PROV, RDF_TYPE, SHAPES_GRAPH, SKOS,
    SOURCE_BASE, VOID, XSD,
)
from graph.store import EmbeddedStore, Store, open_embedded

__all__ = [
    "BUNDLED_DIR", "LoadResult", "NotConformingError", "open_store", "load_paths",
    "ensure_ready", "validate_store", "engine_validate", "shape_report", "Progress",
    "LOAD_BYTES_PER_SECOND",
    "source_graph_iri", "store_rdflib", "expand_paths",
]

BUNDLED_DIR = Path(__file__).resolve().parents[2] / "data"
#: who a load is attributed to when no editor is named: never the operating-system user,
#: whose name would be public in the dataset's provenance
LOADER = "wijkgraaf load"
_NT = ox.RdfFormat.N_TRIPLES
#: what a load tells as it goes: ``progress(step, done, total, detail)`` with ``step`` one of
#: ``"read"`` (files read, ``detail`` the file name), ``"load"`` (bytes handed to the bulk
#: loader, ``detail`` the file name; ``done == 0`` before it starts, ``done == total`` after)
#: and ``"check"`` (shape constraints checked in the new store, ``detail`` the shape)
Progress = Callable[[str, int, int, str], None]
#: Turtle bytes the bulk loader takes per second on a 2-core machine (``python -m
#: bench.bigload``: the 212 MB file in about 21 s), for the estimate shown before a big load
LOAD_BYTES_PER_SECOND = 10_000_000
#: checks of a validated big load that run at once (2.7M triples on 2 cores: 17 s one at a
#: time, 8.5 s two at a time; more threads gain nothing there)
CHECK_THREADS = min(2, os.cpu_count() or 1)


class NotConformingError(WijkgraafError, ValueError):
    """A load whose data does not conform to the shapes; ``report`` says why. Nothing written."""

    def __init__(self, report: ValidationReport, hint: Message | str = "") -> None:
        self.report = report
        self.hint = hint
        super().__init__(Message("not_conforming"))

    def text(self, lang: str = "en") -> str:
        """What failed, the hint (if any) and the report, in ``lang`` (the shapes' messages
        are in the language the load was checked in)."""
        hint = text_in(self.hint, lang)
        return "\n".join([text_in(self.message, lang), *([hint] if hint else []),
                          self.report.text(lang)])

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class LoadResult:
    """What a load did: triples per graph IRI, the new store version, the validation report."""

    graphs: dict[str, int]
    version: int
    report: ValidationReport | None


def open_store(location: str | Path | None = None) -> Store:
    """A store at ``location``: ``None`` or ``":memory:"`` in memory, an ``http(s)://`` URL a
    remote SPARQL server, anything else a directory for the embedded store."""
    text = str(location) if location is not None else ":memory:"
    if text == ":memory:":
        return EmbeddedStore()
    if text.startswith(("http://", "https://")):
        from graph.store import RemoteStore

        return RemoteStore(text)
    return open_embedded(text)


def source_graph_iri(path: str | Path) -> str:
    """The named graph of a source file: by file name (percent-encoded, so any name makes an
    IRI), so a re-import replaces it.

    >>> source_graph_iri("data/obstacles.ttl")
    'https://w3id.org/wijkgraaf/graph/source/obstacles.ttl'
    >>> source_graph_iri("mini copy.ttl")
    'https://w3id.org/wijkgraaf/graph/source/mini%20copy.ttl'
    >>> source_graph_iri("één#bestand?.ttl")[len(SOURCE_BASE):]
    '%C3%A9%C3%A9n%23bestand%3F.ttl'
    """
    return SOURCE_BASE + quote(Path(path).name, safe="")


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the loadable files inside named directories, sorted and unique."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.iterdir()
                              if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            out.append(p)
    seen: dict[Path, None] = {}
    for p in out:
        seen.setdefault(p, None)
    return list(seen)


def _to_rdflib(triples: Iterable[ox.Triple], graph: rdflib.Graph | None = None) -> rdflib.Graph:
    graph = graph if graph is not None else rdflib.Graph()
    data = ox.serialize(list(triples), format=_NT)
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def store_rdflib(store: Store, exclude: Iterable[str] = ()) -> rdflib.Graph:
    """The store's source graphs (not ontology, shapes or meta) as one rdflib graph."""
    skip = {META_GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH, *exclude}
    graph = rdflib.Graph()
    for iri in store.graph_names():
        if iri not in skip:
            _to_rdflib(store.graph_triples(iri), graph)
    return graph


def _digest(path: Path) -> str:
    """The file's SHA-256, read in chunks (a big file is never held in memory)."""
    digest = hashlib.sha256()
    for part in [path, VOCABULARIES_TTL] if path == ONTOLOGY_TTL else [path]:
        with part.open("rb") as handle:  # the ontology graph holds the vocabularies too
            for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                digest.update(chunk)
    return "sha256:" + digest.hexdigest()


def _public_path(path: Path) -> str:
    """The file a graph came from as provenance may show it publicly: relative to the project
    for bundled files (``data/obstacles.ttl``), else only the file name (no home folders)."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(BUNDLED_DIR.parent))
    except ValueError:
        return path.name


def _describe(iri: str, path: Path, count: int, who: str, now: str) -> list[ox.Triple]:
    s, lit, nn = ox.NamedNode(iri), ox.Literal, ox.NamedNode
    return [
        ox.Triple(s, nn(DCT.identifier), lit(_digest(path))),
        ox.Triple(s, nn(RDF_TYPE), nn(PROV.Entity)),
        ox.Triple(s, nn(DCT + "title"), lit(path.name)),
        ox.Triple(s, nn(DCT + "source"), lit(_public_path(path))),
        ox.Triple(s, nn(PROV.generatedAtTime), lit(now, datatype=nn(XSD.dateTime))),
        ox.Triple(s, nn(PROV.wasAttributedTo), lit(who)),
        ox.Triple(s, nn(VOID.triples), lit(str(count), datatype=nn(XSD.integer))),
    ]


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def ensure_ready(store: Store, bundled: bool = True) -> Store:
    """Load the ontology and shapes if missing, and the bundled data into an empty store.

    A store opened read-only (another process holds it) is returned as it is."""
    if getattr(store, "read_only", False):
        return store
    rows = store.select(
        f"SELECT ?g ?digest WHERE {{ GRAPH <{META_GRAPH}> {{ ?g <{DCT.identifier}> ?digest }} }}")
    loaded = {r["g"].value: r["digest"].value for r in rows}
    if (loaded.get(ONTOLOGY_GRAPH) != _digest(ONTOLOGY_TTL)
            or loaded.get(SHAPES_GRAPH) != _digest(SHAPES_TTL)):
        model = ox.parse(path=str(ONTOLOGY_TTL))
        vocab = ox.parse(path=str(VOCABULARIES_TTL))
        shapes = ox.parse(path=str(SHAPES_TTL))
        now = _now()
        onto = [q.triple for q in model] + [q.triple for q in vocab]
        store.replace_graphs(
            {ONTOLOGY_GRAPH: onto, SHAPES_GRAPH: [q.triple for q in shapes]},
            _describe(ONTOLOGY_GRAPH, ONTOLOGY_TTL, len(onto), "wijkgraaf", now)
            + _describe(SHAPES_GRAPH, SHAPES_TTL, 0, "wijkgraaf", now),
        )
    if bundled:
        stale = stale_bundled(store)
        if stale:
            load_paths(store, stale, check=False, who="wijkgraaf (bundled)")
    return store


def stale_bundled(store: Store) -> list[Path]:
    """Bundled files whose graph is missing or holds an older version of the file. In a store
    with no sources at all that is every bundled file; in a store that holds bundled files,
    those changed since and those added to the bundle since (a new topic file after an
    upgrade); in a store with only other sources, nothing (a user's choice is respected)."""
    rows = store.select(
        f"SELECT ?g ?digest ?src WHERE {{ GRAPH <{META_GRAPH}> {{ ?g <{DCT.identifier}> ?digest "
        f"OPTIONAL {{ ?g <{DCT + 'source'}> ?src }} }} }}")
    loaded = {r["g"].value: r["digest"].value for r in rows}
    files = expand_paths([BUNDLED_DIR])
    if not any(g.startswith(SOURCE_BASE) for g in loaded):
        return files
    bundle = {_public_path(f) for f in files} | {BUNDLED_DIR.name + "/"}
    uses_bundle = any(r.get("src") is not None and (
        r["src"].value in bundle or r["src"].value.startswith(BUNDLED_DIR.name + "/"))
        for r in rows)
    return [f for f in files
            if (source_graph_iri(f) in loaded and loaded[source_graph_iri(f)] != _digest(f))
            or (uses_bundle and source_graph_iri(f) not in loaded)]


def load_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    check: bool = True,
    who: str | None = None,
    progress: Progress | None = None,
    lang: str = "en",
) -> LoadResult:
    """Read ``paths`` (files or directories) and replace their graphs in ``store`` atomically.

    With ``check`` on, the new sources plus the rest of the store must conform to the shapes,
    else :class:`NotConformingError` is raised and the store is unchanged. RDF files into the
    embedded store are streamed by the bulk loader into a new store beside the live one and,
    with ``check`` on, validated there by the shapes compiled to SPARQL
    (:mod:`ontology.shapes_sparql`), before it is swapped in: time and memory stay close to
    the bare ``bulk_load`` at millions of triples. Other loads (spreadsheets, a remote store)
    read every file first and validate a copy with pySHACL before anything is written. Read
    errors raise :class:`~ontology.InputError`; ``progress`` is told each step (:data:`Progress`);
    ``lang`` is the language of the shapes' messages in a report.
    """
    files = expand_paths(paths)
    if not files:
        raise WijkgraafError(Message("no_files", paths=[str(p) for p in paths]))
    if isinstance(store, EmbeddedStore) and _streamable(files):
        return _bulk_load(store, files, who, progress, check, lang)
    known = _known_ids(store) if any(f.suffix.lower() in {".csv", ".xlsx"} for f in files) else {}
    graphs: dict[str, list[ox.Triple]] = {}
    for index, path in enumerate(files, start=1):
        if progress:
            progress("read", index, len(files), path.name)
        graphs[source_graph_iri(path)] = read_source(path, known)
    report = None
    if check:
        union = store_rdflib(store, exclude=graphs)
        for triples in graphs.values():
            _to_rdflib(triples, union)
        report = validate(union, lang=lang)
        if not report.conforms:
            raise NotConformingError(report, _edited_hint(store, graphs))
        del union
    who = who or LOADER
    now = _now()
    meta = [t for iri, triples in graphs.items()
            for t in _describe(iri, files[list(graphs).index(iri)], len(triples), who, now)]
    version = store.replace_graphs(graphs, meta)
    return LoadResult({iri: len(t) for iri, t in graphs.items()}, version, report)


#: formats whose every statement is a triple, so the streaming loader puts them all in the
#: file's own graph (quads of TriG and N-Quads would land in graphs the file names)
_TRIPLE_FORMATS = {ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML}


def _streamable(files: list[Path]) -> bool:
    """Whether every file can go through pyoxigraph's streaming loader as it is."""
    return all(path.is_file() and bulk_format(path) in _TRIPLE_FORMATS for path in files)


def _bulk_load(store: EmbeddedStore, files: list[Path], who: str | None,
               progress: Progress | None, check: bool, lang: str = "en") -> LoadResult:
    """RDF files streamed by pyoxigraph's bulk loader straight into their graphs of a new
    store that then replaces the old one at once (:meth:`EmbeddedStore.replace_graphs_from_
    files`): memory stays bounded and the time close to the bare ``bulk_load``. With ``check``
    the new store is validated in the engine before the swap; a violation raises
    :class:`NotConformingError` and the new store is thrown away."""
    formats = {source_graph_iri(path): (path, bulk_format(path)) for path in files}
    sizes = {source_graph_iri(p): p.stat().st_size for p in files}
    total = sum(sizes.values())
    done = 0
    who, now = who or LOADER, _now()
    by_iri = {source_graph_iri(p): p for p in files}
    outcome: list[ValidationReport] = []

    def loading(iri: str, finished: bool) -> None:
        nonlocal done
        if finished:
            done += sizes[iri]
        if progress:
            progress("load", done, total, by_iri[iri].name)

    def check_new(fresh: ox.Store) -> None:
        report = engine_validate(fresh, lang, progress=progress)
        if not report.conforms:
            raise NotConformingError(report, _hint_for(_edited_in(fresh, formats)))
        outcome.append(report)

    try:
        counts, version = store.replace_graphs_from_files(
            formats, lambda iri, n: _describe(iri, by_iri[iri], n, who, now),
            check=check_new if check else None, loading=loading)
    except SyntaxError as error:
        path = Path(str(error.filename or "")) if getattr(error, "filename", None) else None
        raise _locate(error, path, files) from None
    return LoadResult(counts, version, outcome[0] if outcome else None)


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | None):
    if term is None or isinstance(term, rdflib.term.Node):
        return term
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _solutions(store: ox.Store, query: str) -> list[tuple[object, object | None]]:
    """The ``(focus, value)`` rows of a check, read to the end here: the engine's result may
    only be dropped on the thread that made it, so nothing (not the traceback of a warning
    that rdflib logs when it converts an ill-formed date) may keep it alive afterwards."""
    rows = store.query(query, use_default_graph_as_union=True)
    has_value = any(v.value == "value" for v in rows.variables)
    found = [(row["focus"], row["value"] if has_value else None) for row in rows]
    del rows
    return found


def engine_validate(store: ox.Store, lang: str = "en",
                    progress: Progress | None = None) -> ValidationReport:
    """Validate every graph of a pyoxigraph store against the shapes, inside the engine
    (:func:`ontology.shapes_sparql.engine_report`): for stores of millions of triples, where
    a pySHACL copy would not fit in time or memory. Two checks run at once
    (:data:`CHECK_THREADS`): the engine leaves the GIL while it evaluates a query."""
    def select(query: str):
        for focus, value in _solutions(store, query):
            yield _rdflib_term(focus), _rdflib_term(value)

    def told(done: int, total: int) -> None:
        if progress:
            progress("check", done, total, "")
    return engine_report(select, lang, told, threads=CHECK_THREADS)


def _locate(error: SyntaxError, path: Path | None, files: list[Path]):
    """The parse error of a bulk load, naming the file: pyoxigraph does not say which one, so
    the files are parsed again one by one (this only happens on a malformed file)."""
    for candidate in ([path] if path else files):
        try:
            read_rdf(candidate)
        except InputError as found:
            return found
    return syntax_error(error, files[0])


def _edited_hint(store: Store, graphs: dict[str, list[ox.Triple]]) -> Message | str:
    """Why a re-import may clash: items in the new files that were edited in the app live in
    the edits graph too, so the item would get two versions."""
    if EDITS_GRAPH not in store.graph_names():
        return ""
    edited = {t.subject.value for t in store.graph_triples(EDITS_GRAPH)}
    return _hint_for(sorted({t.subject.value for ts in graphs.values() for t in ts} & edited))


def _edited_in(fresh: ox.Store, graphs: Iterable[str]) -> list[str]:
    """The items of ``graphs`` that the edits graph of a new store also describes."""
    values = " ".join(f"<{g}>" for g in graphs)
    rows = fresh.query(f"SELECT DISTINCT ?s WHERE {{ VALUES ?g {{ {values} }} "
                       f"GRAPH ?g {{ ?s ?p ?o }} GRAPH <{EDITS_GRAPH}> {{ ?s ?q ?v }} }}")
    return sorted(row["s"].value for row in rows)


def _hint_for(both: list[str]) -> Message | str:
    if not both:
        return ""
    names = ", ".join(i.rsplit("/", 1)[-1] for i in both[:10])
    count_nl = "1 item is" if len(both) == 1 else f"{len(both)} items zijn"
    return Message("edited_in_app", count=len(both), count_nl=count_nl, names=names)


def _known_ids(store: Store) -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Every item IRI in the store with its types and labels, to resolve spreadsheet cells."""
    rows = store.select(
        "SELECT ?s ?t ?label WHERE { ?s a ?t "
        f"OPTIONAL {{ ?s <{SKOS.prefLabel}> ?label }} "
        f"FILTER(STRSTARTS(STR(?s), '{ITEM_BASE}')) }}")
    types: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    for row in rows:
        iri = row["s"].value
        types.setdefault(iri, set()).add(row["t"].value)
        if "label" in row:
            labels.setdefault(iri, set()).add(row["label"].value)
    return {iri: (frozenset(t), tuple(sorted(labels.get(iri, ())))) for iri, t in types.items()}


#: the last reports of :func:`shape_report`, by store, version and language
_REPORTS: dict[tuple[int, int, str], tuple[weakref.ref, ValidationReport]] = {}


def shape_report(store: Store, lang: str = "en") -> ValidationReport:
    """The shapes checked against everything ``store`` holds, inside the store (embedded or a
    SPARQL server), once per store version and language (the quality page asks on every
    click: 0.1 s from the cache instead of seconds through a pySHACL copy)."""
    key = (id(store), store.version(), lang)
    kept = _REPORTS.get(key)
    if kept is None or kept[0]() is not store:  # (an id is reused once its store is gone)
        def select(query: str):
            for row in store.select(query):
                yield _rdflib_term(row["focus"]), _rdflib_term(row.get("value"))
        if len(_REPORTS) > 8:
            _REPORTS.clear()
        kept = _REPORTS[key] = (weakref.ref(store), engine_report(select, lang))
    return kept[1]


def validate_store(store: Store, paths: Sequence[str | Path] = (), lang: str = "en"
                   ) -> ValidationReport:
    """Validate the store's data, with ``paths`` read in place of their graphs (not written);
    the shapes' messages in ``lang``."""
    files = expand_paths(paths)
    known = _known_ids(store) if files else {}
    new = {source_graph_iri(p): read_source(p, known) for p in files}
    union = store_rdflib(store, exclude=new)
    for triples in new.values():
        _to_rdflib(triples, union)
    return validate(union, lang=lang)
