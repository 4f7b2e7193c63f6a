"""A selection as a network or a table: GraphML, GEXF, CSV (zipped) and XLSX.

:func:`to_networkx` lays a :class:`~graph.export.subgraph.Subgraph` out as a ``nx.DiGraph`` that
Gephi and NetworkX read: one node per item (keyed by its short id), one edge per linked pair.
Every attribute is a scalar (text, number or yes/no), so every format can hold it:

- nodes: ``label`` (in the chosen language), ``label_nl``, ``label_en``, ``kind`` and
  ``kind_label``, ``core`` (selected, or only referred to), ``iri``, ``colour`` (per kind, as in
  the app), and where known ``notation``, ``definition``, ``domains``/``domain_ids`` (``; ``
  between values), the labels of classification values (``evidenceLevel``, ``effort``,
  ``hasCategory``, …), the item's own values (``openGap``, ``cbsCode``, ``bwbId``, …) and
  ``sources`` (how many it cites);
- edges: ``relation`` (property names, ``;`` between them), ``label`` (in words) and ``weight``
  (how many relations).

GEXF adds the colour of each kind as ``viz:color``. The CSV export is a zip with ``nodes.csv``,
``edges.csv`` and a ``README.txt`` that repeats the selection header; a text that a spreadsheet
would run as a formula (it starts with ``= + - @``, a tab or a carriage return) has an apostrophe
in front (:func:`loaders.csv_cell`; :func:`loaders.csv_value` takes it off). The XLSX export is the
import workbook of :mod:`loaders` (edit it, then ``wijkgraaf load`` it back): selected items
fill their sheets, everything else (named references, terms, provenance, the header) goes to
``overige_triples``, so the workbook reads back to the same graph.

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> from graph.export.subgraph import Selection, select
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, ["tests/data/mini.ttl"])
>>> G = to_networkx(select(store, Selection(solutions=("S01",))), "en")
>>> G.nodes["S01"]["label"], G.nodes["S01"]["domains"], G.edges["S01", "O01"]["relation"]
('data-sharing covenant', 'health; housing', 'addresses')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from loaders import append_row, csv_cell, write_workbook
from loaders.spreadsheet import ITEM_BASE, OTHER_SHEET
from ontology.kinds import colour, noun as kind_name
from graph.analytics import CANONICAL, short_id
from graph.export.subgraph import DCT, RDF_TYPE, RDFS, SKOS, Subgraph
from ontology.vocab import ORG, WG

__all__ = ["to_networkx", "write_graphml", "write_gexf", "write_csv_zip", "write_xlsx",
           "write_csv", "WRITERS", "NODE_COLUMNS", "EDGE_COLUMNS"]

_DOMAIN_LINKS = {WG + "affectsDomain", WG + "bridgesDomain", WG + "worksOnDomain"}
_SKIP = {RDF_TYPE, SKOS + "inScheme", SKOS + "topConceptOf", DCT + "source"}
_LABELS = (SKOS + "prefLabel", RDFS + "label", DCT + "title")
_EXTRA_PREDICATES = {ORG.classification: ("is van type", "is of type"),
                     SKOS + "broader": ("valt onder", "falls under")}
#: the first columns of ``nodes.csv`` and ``edges.csv`` (further node attributes follow, sorted)
NODE_COLUMNS = ("id", "label", "kind", "kind_label", "core", "notation", "domains",
                "domain_ids", "definition", "label_nl", "label_en", "iri", "colour", "sources")
EDGE_COLUMNS = ("source", "target", "relation", "label", "weight")


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _pick(texts: dict[str, str], lang: str) -> str | None:
    other = "en" if lang == "nl" else "nl"
    return texts.get(lang) or texts.get(other) or texts.get("")


def _scalar(term: ox.Literal, lang: str) -> object:
    kind = term.datatype.value.rsplit("#", 1)[-1]
    if kind == "boolean":
        return term.value in {"true", "1"}
    if kind == "integer":
        return int(term.value)
    return term.value


def to_networkx(sub: Subgraph, lang: str = "nl") -> nx.DiGraph:
    """The selection as a directed graph with scalar attributes only (see the module text)."""
    names: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    about: dict[str, list[ox.Triple]] = defaultdict(list)
    for t in sub.triples():
        s = t.subject.value
        about[s].append(t)
        if t.predicate.value in _LABELS and isinstance(t.object, ox.Literal):
            names[s][t.predicate.value].setdefault(t.object.language or "", t.object.value)

    def label(iri: str, language: str) -> str | None:
        return next((x for p in _LABELS if (x := _pick(names[iri].get(p, {}), language))), None)

    core = set(sub.items)
    G = nx.DiGraph()
    for iri in sorted(sub.kinds):
        kind = sub.kinds[iri]
        G.add_node(short_id(iri), label=label(iri, lang) or short_id(iri),
                   label_nl=label(iri, "nl") or short_id(iri),
                   label_en=label(iri, "en") or short_id(iri),
                   kind=kind, kind_label=kind_name(kind, lang), core=iri in core, iri=iri,
                   colour=colour(kind))
    relations: dict[tuple[str, str], set[str]] = defaultdict(set)
    for iri in sorted(sub.kinds):
        node = G.nodes[short_id(iri)]
        values: dict[str, list[object]] = defaultdict(list)
        domains: list[str] = []
        for t in about[iri]:
            p, o = t.predicate.value, t.object
            if isinstance(o, ox.Literal):
                if p == SKOS + "notation":
                    values["notation"].append(o.value)
                elif p == SKOS + "definition" and o.language == lang:
                    values["definition"].append(o.value)
                elif p.startswith(WG) and (not o.language or o.language == lang):
                    values[_local(p)].append(_scalar(o, lang))
                continue
            if p == DCT + "source":
                node["sources"] = node.get("sources", 0) + 1
            if p in _SKIP or not isinstance(o, ox.NamedNode):
                continue
            if o.value in sub.kinds:
                s2, p2, o2 = (o.value, CANONICAL[p], iri) if p in CANONICAL else (iri, p, o.value)
                relations[(short_id(s2), short_id(o2))].add(p2)
                if p in _DOMAIN_LINKS and sub.kinds[o.value] == "domain":
                    domains.append(o.value)
            elif label(o.value, lang):
                values[_local(p)].append(label(o.value, lang))
        for key, found in values.items():
            found = sorted(set(found), key=str)
            node[key] = found[0] if len(found) == 1 else "; ".join(map(str, found))
        if domains:
            ordered = sorted(set(domains), key=lambda d: (label(d, lang) or d).lower())
            node["domains"] = "; ".join(label(d, lang) or short_id(d) for d in ordered)
            node["domain_ids"] = "; ".join(short_id(d) for d in ordered)
    i = 0 if lang == "nl" else 1
    for (u, v), preds in sorted(relations.items()):
        words = [label(p, lang) or _EXTRA_PREDICATES.get(p, (_local(p),) * 2)[i]
                 for p in sorted(preds)]
        G.add_edge(u, v, relation=";".join(_local(p) for p in sorted(preds)),
                   label="; ".join(words), weight=float(len(preds)))
    return G


def write_graphml(sub: Subgraph, lang: str = "nl") -> bytes:
    """The selection as GraphML (readable by Gephi, yEd, Cytoscape and ``nx.read_graphml``)."""
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(sub, lang), buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def write_gexf(sub: Subgraph, lang: str = "nl") -> bytes:
    """The selection as GEXF 1.2 with a colour per kind (``viz:color``), for Gephi."""
    G = to_networkx(sub, lang)
    for _, data in G.nodes(data=True):
        data["viz"] = {"color": {**_rgb(data["colour"]), "a": 1.0},
                       "size": 12.0 if data["core"] else 6.0}
    buffer = io.BytesIO()
    nx.write_gexf(G, buffer, encoding="utf-8", version="1.2draft")
    return buffer.getvalue()


def _csv(rows: list[dict], columns: list[str]) -> bytes:
    text = io.StringIO()
    # CRLF (RFC 4180): a value holding a carriage return is then quoted as well
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore",
                            lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("true" if v is True else "false" if v is False else csv_cell(v))
                         for k, v in row.items()})
    return text.getvalue().encode("utf-8-sig")  # with a BOM, so Excel reads UTF-8


def write_csv(rows: list[dict], columns: list[str]) -> bytes:
    """One table as CSV (UTF-8 with a BOM, CRLF): every cell through :func:`loaders.csv_cell`,
    so a value that starts like a formula stays text in a spreadsheet.

    >>> write_csv([{"naam": "=1+1", "n": 2}], ["naam", "n"]).decode("utf-8-sig").splitlines()
    ['naam,n', "'=1+1,2"]
    """
    return _csv(rows, columns)


def _readme(sub: Subgraph, lang: str) -> str:
    nl = lang == "nl"
    counts = ", ".join(f"{n} {kind_name(k, lang, plural=n != 1)}" for k, n in sub.counts().items())
    lines = [
        "Wijkgraaf — " + ("selectie" if nl else "selection"),
        "",
        ("Selectie: " if nl else "Selection: ") + sub.describe(lang),
        ("Gemaakt: " if nl else "Created: ") + sub.created,
        ("Versie van de opslag: " if nl else "Store version: ") + str(sub.version),
        ("Kern: " if nl else "Core: ") + (counts or "—"),
        "",
        "nodes.csv: " + ("één rij per item; kolom core zegt of het geselecteerd is of alleen "
                         "genoemd wordt." if nl else "one row per item; column core says whether "
                         "it was selected or is only referred to."),
        "edges.csv: " + ("één rij per verbonden paar (source → target), met de relatie." if nl
                         else "one row per linked pair (source → target), with the relation."),
        ("Kolommen met meerdere waarden gebruiken '; '." if nl
         else "Columns with several values use '; '."),
        "",
    ]
    return "\n".join(lines)


def write_csv_zip(sub: Subgraph, lang: str = "nl") -> bytes:
    """``nodes.csv``, ``edges.csv`` and ``README.txt`` in one zip (UTF-8 with BOM)."""
    G = to_networkx(sub, lang)
    nodes = [{"id": n, **data} for n, data in G.nodes(data=True)]
    extra = sorted({k for row in nodes for k in row} - set(NODE_COLUMNS))
    edges = [{"source": u, "target": v, **data} for u, v, data in G.edges(data=True)]
    stamp = dt.datetime.fromisoformat(sub.created.replace("Z", "+00:00")).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("nodes.csv", _csv(nodes, [*NODE_COLUMNS, *extra])),
                           ("edges.csv", _csv(edges, list(EDGE_COLUMNS))),
                           ("README.txt", _readme(sub, lang).encode("utf-8"))):
            info = zipfile.ZipInfo(name, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def write_xlsx(sub: Subgraph, lang: str = "nl") -> bytes:
    """The selection as an import workbook (see the module text); reads back to the same graph."""
    import openpyxl  # noqa: PLC0415

    core = set(sub.items)
    rows, rest = [], []
    for t in sub.triples():
        s = t.subject
        named_only = (isinstance(s, ox.NamedNode) and s.value.startswith(ITEM_BASE)
                      and s.value not in core)
        (rest if named_only else rows).append(t)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(rows, Path(tmp) / "selection.xlsx", lang=lang)
        if rest:
            book = openpyxl.load_workbook(path)
            sheet = book[OTHER_SHEET[0] if lang == "nl" else OTHER_SHEET[1]]
            for t in rest:
                append_row(sheet, [str(t.subject), str(t.predicate), str(t.object)])
            book.save(path)
        return path.read_bytes()


#: format name → writer ``(subgraph, lang) -> bytes``
WRITERS: dict[str, Callable[[Subgraph, str], bytes]] = {
    "graphml": write_graphml, "gexf": write_gexf, "csv": write_csv_zip, "xlsx": write_xlsx,
}
