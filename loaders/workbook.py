"""Write the spreadsheet layout: an empty template with instructions, or a filled workbook.

``write_workbook`` puts every item of a spreadsheet kind in its sheet and every other triple in
``overige_triples``, so reading the workbook back gives the same graph. Every cell is written
by :func:`loaders.cells.append_row`: a label such as ``=HYPERLINK(…)`` is a text cell, never a
formula. Files are written to a temporary file and renamed, so a failed write leaves no half
file.
"""

from __future__ import annotations

import io

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from loaders.cells import append_row
from loaders.columns import KINDS, Column, Kind
from loaders.spreadsheet import ITEM_BASE, OTHER_SHEET
from loaders.atomic import write_atomic
from ontology.vocab import RDF_TYPE, XSD

__all__ = ["write_workbook", "write_template"]


_INSTRUCTIONS = [
    ("Wijkgraaf-invulbestand", "Wijkgraaf import workbook"),
    ("Eén tabblad per soort: domeinen, organisatietypen, organisaties, belemmeringen, "
     "oplossingen, praktijkvoorbeelden.",
     "One sheet per kind: domains, organisation types, organisations, obstacles, solutions, "
     "cases."),
    ("Rij 1 bevat de kolomnamen (Nederlands of Engels). Elke volgende rij is één item.",
     "Row 1 holds the column names (Dutch or English). Each further row is one item."),
    ("Lijsten scheid je met een puntkomma (;). Verwijzingen mogen een id (O08, dom-wonen) of "
     "een naam zijn.",
     "Separate list values with a semicolon (;). References may be an id (O08, dom-wonen) or "
     "a name."),
    ("Data als JJJJ-MM-DD, jaartallen als JJJJ, ja/nee als ja of nee.",
     "Dates as YYYY-MM-DD, years as YYYY, yes/no as yes or no."),
    ("Tabblad overige_triples bevat verdere uitspraken als subject, predicaat en object in "
     "N-Triples.",
     "Sheet other_triples holds further statements as subject, predicate and object in "
     "N-Triples."),
    ("Laden: wijkgraaf load BESTAND.xlsx (fouten noemen tabblad, rij en kolom).",
     "Load: wijkgraaf load FILE.xlsx (errors name sheet, row and column)."),
]


def _short(term: ox.NamedNode) -> str:
    return term.value[len(ITEM_BASE):] if term.value.startswith(ITEM_BASE) else term.value


def _cell(col: Column, values: list) -> tuple[str | None, list]:
    """The cell text for ``values`` and the values that do not fit (go to overige_triples)."""
    if col.cell.startswith("ref:") or col.cell == "source":
        fits = [v for v in values if isinstance(v, ox.NamedNode) and ";" not in v.value]
        rest = [v for v in values if v not in fits]
        return ("; ".join(_short(v) for v in fits) or None), rest
    if col.cell.startswith("text"):
        lang = col.cell.split("@")[1]
        mine = [v for v in values if isinstance(v, ox.Literal) and v.language == lang]
        if col.cell.startswith("texts"):
            fits = [v for v in mine if ";" not in v.value and v.value == v.value.strip()]
            return ("; ".join(v.value for v in fits) or None), [v for v in values if v not in fits]
        first = mine[:1] if mine and mine[0].value == mine[0].value.strip() else []
        return (first[0].value if first else None), [v for v in values if v not in first]
    expected = {"string": [XSD.string], "bool": [XSD.boolean], "date": [XSD.date],
                "year": [XSD.gYear], "date|year": [XSD.date, XSD.gYear]}[col.cell]
    ok = [v for v in values if isinstance(v, ox.Literal) and v.datatype.value in expected
          and v.value == v.value.strip() and ";" not in v.value]
    if col.cell == "bool":
        ok = [v for v in ok if v.value in {"true", "false"}]
    first = ok[:1]
    return (first[0].value if first else None), [v for v in values if v not in first]


def _atomic_save(book, path: Path) -> None:
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())


def _header(sheet, kind: Kind, lang: str) -> None:
    from openpyxl.styles import Font  # noqa: PLC0415

    append_row(sheet, [c.nl if lang == "nl" else c.en for c in kind.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"


def _new_book(lang: str):
    import openpyxl  # noqa: PLC0415

    book = openpyxl.Workbook()
    info = book.active
    info.title = "instructies" if lang == "nl" else "instructions"
    for nl, en in _INSTRUCTIONS:
        append_row(info, [nl if lang == "nl" else en])
    info.column_dimensions["A"].width = 120
    return book


def write_template(path: str | Path, lang: str = "nl") -> Path:
    """An empty workbook with instructions and one sheet per kind (headers only)."""
    path = Path(path)
    book = _new_book(lang)
    for kind in KINDS:
        sheet = book.create_sheet(kind.sheet_nl if lang == "nl" else kind.sheet_en)
        _header(sheet, kind, lang)
    other = book.create_sheet(OTHER_SHEET[0] if lang == "nl" else OTHER_SHEET[1])
    append_row(other, ["subject", "predicate", "object"])
    _atomic_save(book, path)
    return path


def write_workbook(triples: Iterable[ox.Triple], path: str | Path, lang: str = "nl") -> Path:
    """Every triple into the workbook layout: items in their kind's sheet, the rest in
    ``overige_triples``. Reading the result back gives an isomorphic graph (no blank nodes)."""
    path = Path(path)
    by_subject: dict[ox.NamedNode, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    other: list[ox.Triple] = []
    for t in triples:
        if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(ITEM_BASE):
            by_subject[t.subject][t.predicate.value].append(t.object)
        else:
            other.append(t)
    book = _new_book(lang)
    done: set[ox.NamedNode] = set()
    for kind in KINDS:
        sheet = book.create_sheet(kind.sheet_nl if lang == "nl" else kind.sheet_en)
        _header(sheet, kind, lang)
        members = sorted((s for s, po in by_subject.items()
                          if ox.NamedNode(kind.cls) in po.get(RDF_TYPE, []) and s not in done),
                         key=lambda n: n.value)
        for subject in members:
            done.add(subject)
            po = {p: list(objs) for p, objs in by_subject[subject].items()}
            fixed = [ox.NamedNode(kind.cls), *map(ox.NamedNode, kind.extra_types)]
            po[RDF_TYPE] = [o for o in po.get(RDF_TYPE, []) if o not in fixed]
            row = []
            for col in kind.columns:
                if col.cell == "id":
                    row.append(_short(subject))
                    continue
                text, rest = _cell(col, po.get(col.predicate, []))
                used = [v for v in po.get(col.predicate, []) if v not in rest]
                po[col.predicate] = [v for v in po.get(col.predicate, []) if v not in used]
                row.append(text)
            append_row(sheet, row)
            for p, objs in po.items():
                other.extend(ox.Triple(subject, ox.NamedNode(p), o) for o in objs)
    for subject, po in by_subject.items():
        if subject not in done:
            other.extend(ox.Triple(subject, ox.NamedNode(p), o) for p, objs in po.items()
                         for o in objs)
    sheet = book.create_sheet(OTHER_SHEET[0] if lang == "nl" else OTHER_SHEET[1])
    append_row(sheet, ["subject", "predicate", "object"])
    for t in sorted(other, key=lambda t: (str(t.subject), str(t.predicate), str(t.object))):
        append_row(sheet, [str(t.subject), str(t.predicate), str(t.object)])
    _atomic_save(book, path)
    return path
