"""Read editors' spreadsheets (CSV or XLSX) into triples, with errors that say where.

One sheet (or CSV file named after the kind, e.g. ``belemmeringen.csv``) per kind; the layout
is in :mod:`loaders.columns`. Sheet ``overige_triples`` holds any further triples as
``subject``/``predicate``/``object`` in N-Triples syntax. Sheets named ``instructies`` or
``instructions`` are ignored, and so is an empty sheet of any other name (Excel's ``Blad1``),
with a note. Rows keep the file's own numbers (empty rows are skipped, not renumbered). A CSV
cell written by :func:`loaders.cells.csv_cell` reads back as the value it was; an XLSX formula
is read by its computed value, and one without a computed value is an error naming its cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from loaders.cells import csv_value
from loaders.columns import KINDS, WG, Column, Kind, kind_for_name
from ontology import InputError, Message, ParserWords, closest
from ontology.kinds import kind_of_class, noun
from ontology.vocab import ITEM_BASE, RDF_TYPE, SKOS, XSD

__all__ = ["read_spreadsheet", "Known", "OTHER_SHEET", "ITEM_BASE"]

OTHER_SHEET = ("overige_triples", "other_triples")
_IGNORED = {"instructies", "instructions", "lees_mij", "readme"}
SKOS_IN_SCHEME = SKOS.inScheme
log = logging.getLogger("wijkgraaf.loaders")
_RDF_TYPE = ox.NamedNode(RDF_TYPE)

#: iri -> (type iris, labels) of every item already known (in the store or in this file)
Known = Mapping[str, tuple[frozenset[str], tuple[str, ...]]]


class Uncomputed(str):
    """A formula cell whose workbook holds no computed value (the text is the formula)."""


def _sheets(path: Path) -> Iterator[tuple[str, list[list[object]]]]:
    """(sheet name, rows) of an XLSX workbook or a CSV file (its stem is the sheet name).

    Rows are every row of the file from row 1, empty ones included, so a row's place in the
    list is its number in the file. CSV cells pass :func:`loaders.cells.csv_value`; an XLSX
    formula without a computed value is an :class:`Uncomputed`."""
    data = path.read_bytes()
    if not data.strip():
        raise InputError(Message("file_empty"), file=str(path))
    if path.suffix.lower() == ".csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise InputError(Message("csv_not_utf8"), file=str(path), line=line) from None
        delimiter = ","  # only the delimiter is guessed: quotes stay Excel's ("" inside "…")
        try:
            delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
        except csv.Error:
            pass
        yield path.stem, [[csv_value(c) for c in r]
                          for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
        return
    import openpyxl  # noqa: PLC0415 - only for XLSX

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = (openpyxl.load_workbook(io.BytesIO(data), read_only=True)
                    if _has_formulas(data) else None)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise InputError(Message("not_xlsx", words=ParserWords(error)), file=str(path)
                         ) from None
    for index, sheet in enumerate(book.worksheets):
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        if formulas is not None:
            for cell, formula, value in _mark_uncomputed(rows, formulas.worksheets[index]):
                log.warning(Message("formula_read", path=path, sheet=sheet.title, cell=cell,
                                    formula=formula, value=value))
        yield sheet.title, rows


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s/>]")


def _has_formulas(data: bytes) -> bool:
    """True when a worksheet of the XLSX ``data`` has a formula element (or cannot be told)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(_FORMULA_TAG.search(archive.read(name)) for name in archive.namelist()
                       if name.startswith("xl/worksheets/") and name.endswith(".xml"))
    except (zipfile.BadZipFile, OSError, KeyError):
        return True


def _mark_uncomputed(rows: list[list[object]], sheet) -> list[tuple[str, str, object]]:
    """Put an :class:`Uncomputed` where ``sheet`` (read with formulas) has a formula whose
    cached value in ``rows`` is missing; the (cell, formula, value) of those that have one."""
    computed = []
    for number, cells in enumerate(sheet.iter_rows(), start=0):
        for index, cell in enumerate(cells):
            if cell.data_type != "f":
                continue
            while len(rows) <= number:
                rows.append([])
            row = rows[number]
            row.extend([None] * (index + 1 - len(row)))
            if row[index] is None:
                row[index] = Uncomputed(cell.value)
            else:
                computed.append((f"{_col_letter(index)}{number + 1}", cell.value, row[index]))
    return computed


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _Resolver:
    """Turns reference cells (ids, IRIs or labels) into IRIs, checking the target class."""

    def __init__(self, known: Known) -> None:
        self.known = known
        self.by_label: dict[str, set[str]] = {}
        for iri, (_, labels) in known.items():
            for label in labels:
                self.by_label.setdefault(label.strip().lower(), set()).add(iri)

    def resolve(self, value: str, target: str) -> tuple[str | None, list[str]]:
        if value.startswith(("http://", "https://", "urn:")):
            iri = value
        else:
            iri = ITEM_BASE + value
        candidates = [iri] if iri in self.known else sorted(self.by_label.get(value.lower(), ()))
        if target != "*":
            candidates = [c for c in candidates if _is_a(self.known[c][0], target)]
        elif not candidates and value.startswith(("http://", "https://", "urn:")):
            return value, []  # external IRI (e.g. a TOOI URI) in an open column
        if len(candidates) == 1:
            return candidates[0], []
        pool = [i for i, (types, _) in self.known.items() if target == "*" or _is_a(types, target)]
        names = [_local(i) for i in pool] + [lb for i in pool for lb in self.known[i][1]]
        if len(candidates) > 1:
            return None, [_local(c) for c in candidates]
        return None, closest(value, names)


_SUBCLASSES = {"Area": ("Area", "Municipality", "District", "Neighbourhood")}


def _is_a(types: frozenset[str], target: str) -> bool:
    return any(WG + name in types for name in _SUBCLASSES.get(target, (target,)))


def _local(iri: str) -> str:
    return iri[len(ITEM_BASE):] if iri.startswith(ITEM_BASE) else iri


def _literal(text: str, col: Column, where: dict) -> ox.Literal:
    cell = col.cell
    if cell.startswith("text") or cell.startswith("texts"):
        return ox.Literal(text, language=cell.split("@")[1])
    if cell == "string":
        return ox.Literal(text)
    if cell == "bool":
        low = text.lower()
        if low in {"true", "waar", "ja", "yes", "1"}:
            return ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))
        if low in {"false", "onwaar", "nee", "no", "0"}:
            return ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))
        raise InputError(Message("not_yes_no", text=text), **where)
    kinds = {"date": ("date",), "year": ("gYear",), "date|year": ("date", "gYear")}[cell]
    if "gYear" in kinds and len(text) == 4 and text.isdigit():
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "gYear"))
    if "date" in kinds:
        try:
            dt.date.fromisoformat(text)
            return ox.Literal(text, datatype=ox.NamedNode(XSD + "date"))
        except ValueError:
            pass
    what = {("date",): "date", ("gYear",): "year", ("date", "gYear"): "date_or_year"}[kinds]
    raise InputError(Message("not_date", text=text, kinds=Message(what)), **where)


def _header_map(kind: Kind, header: list[object], where: dict) -> dict[int, Column]:
    lookup = {}
    for col in kind.columns:
        lookup[col.nl.lower()] = col
        lookup[col.en.lower()] = col
    out: dict[int, Column] = {}
    for index, name in enumerate(header):
        text = _cell_text(name).lower()
        if not text:
            continue
        col = lookup.get(text)
        if col is None:
            hint = closest(text, [c.nl for c in kind.columns] + [c.en for c in kind.columns], 2)
            suggestion = Message("or_did_you_mean", options=_either(hint)) if hint else ""
            raise InputError(Message("unknown_column", name=text, hint=suggestion), **where,
                             column=_col_letter(index))
        out[index] = col
    present = set(out.values())
    for col in kind.columns:
        if col.required and col not in present:
            raise InputError(Message("missing_column", nl=col.nl, en=col.en), **where)
    return out


def _either(options: list[str]) -> Message:
    """'a or b' in either language."""
    return Message.pair(" of ".join(options), " or ".join(options))


def _noun(cls: str) -> str:
    """The Dutch word for a reference column's class ('Domain' → 'domein'; '*' → 'item')."""
    kind = kind_of_class(str(WG) + cls)
    return noun(kind, "nl") if kind else "item"


def _col_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_spreadsheet(path: str | Path, known: Known | None = None) -> list[ox.Triple]:
    """The triples of a CSV file or XLSX workbook in the Wijkgraaf layout.

    ``known`` maps the IRIs already in the store to their types and labels; references must
    resolve to one of those or to an id defined in the same file. Every error is an
    :class:`~ontology.InputError` naming file, sheet, row (the file's own row number, empty
    rows counted), column and value, with the closest known value as a suggestion. A formula
    without a computed value is an error of its own; an empty sheet with another name (such
    as Excel's ``Blad1``) is skipped with a note on the ``wijkgraaf`` log.
    """
    path = Path(path)
    sheets = [(name, rows) for name, rows in _sheets(path) if name.lower() not in _IGNORED]
    # first pass: ids defined in this file, so rows may refer to each other
    local: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
    plan = []
    for name, all_rows in sheets:
        rows = [(n, r) for n, r in enumerate(all_rows, start=1) if any(_cell_text(c) for c in r)]
        where = {"file": str(path), "sheet": name}
        if name.lower() in OTHER_SHEET:
            _refuse_uncomputed(rows, {}, where)
            plan.append((None, name, rows, {}))
            continue
        kind = kind_for_name(name)
        if kind is None and not rows:
            log.warning(Message("sheet_skipped", path=path, sheet=name))
            continue
        if kind is None:
            names = [k.sheet_nl for k in KINDS] + [k.sheet_en for k in KINDS] + list(OTHER_SHEET)
            hint = closest(name, names, 2)
            raise InputError(Message("unknown_sheet", name=name, hint=Message(
                "or_did_you_mean", options=hint[0]) if hint else ""), **where)
        if not rows:
            continue
        _refuse_uncomputed(rows[:1], {}, where)
        columns = _header_map(kind, rows[0][1], {**where, "row": rows[0][0]})
        _refuse_uncomputed(rows[1:], columns, where)
        id_col = next(i for i, c in columns.items() if c.cell == "id")
        seen: dict[str, int] = {}
        for number, row in rows[1:]:
            ident = _cell_text(row[id_col] if id_col < len(row) else None)
            if not ident:
                raise InputError(Message("empty_id"), **where, row=number, column="id")
            if ident in seen:
                raise InputError(Message("duplicate_id", ident=ident, other=seen[ident]),
                                 **where, row=number, column="id", value=ident)
            seen[ident] = number
            labels = tuple(_cell_text(row[i]) for i, c in columns.items()
                           if i < len(row) and c.predicate.endswith("prefLabel"))
            local[ITEM_BASE + ident] = (frozenset({kind.cls, *kind.extra_types}), labels)
        plan.append((kind, name, rows, columns))
    resolver = _Resolver({**dict(known or {}), **local})
    triples: list[ox.Triple] = []
    for kind, name, rows, columns in plan:
        where = {"file": str(path), "sheet": name}
        if kind is None:
            triples.extend(_other_rows(rows, where))
            continue
        triples.extend(_kind_rows(kind, rows, columns, resolver, where))
    return triples


def _refuse_uncomputed(rows, columns: dict[int, Column], where: dict) -> None:
    """Stop at the first formula without a computed value: its value is not in the file."""
    for number, row in rows:
        for index, value in enumerate(row):
            if isinstance(value, Uncomputed):
                cell = f"{_col_letter(index)}{number}"
                column = columns[index].nl if index in columns else _col_letter(index)
                raise InputError(Message("uncomputed", cell=cell, formula=value), **where,
                                 row=number, column=column)


def _kind_rows(kind, rows, columns, resolver, where) -> Iterator[ox.Triple]:
    for number, row in rows[1:]:
        cells = {c: _cell_text(row[i]) if i < len(row) else "" for i, c in columns.items()}
        ident = next(v for c, v in cells.items() if c.cell == "id")
        subject = ox.NamedNode(ITEM_BASE + ident)
        yield ox.Triple(subject, _RDF_TYPE, ox.NamedNode(kind.cls))
        for extra in kind.extra_types:
            yield ox.Triple(subject, _RDF_TYPE, ox.NamedNode(extra))
        if kind.scheme and not any(c.predicate == SKOS_IN_SCHEME and v for c, v in cells.items()):
            yield ox.Triple(subject, ox.NamedNode(SKOS_IN_SCHEME),
                            ox.NamedNode(ITEM_BASE + kind.scheme))
        for col, text in cells.items():
            at = {**where, "row": number, "column": col.nl}
            if col.cell == "id":
                continue
            if not text:
                if col.required:
                    raise InputError(Message("required_empty", name=col.nl), **at)
                continue
            predicate = ox.NamedNode(col.predicate)
            many = col.cell.startswith(("ref:", "texts", "source"))
            values = [v.strip() for v in text.split(";") if v.strip()] if many else [text]
            for value in values:
                if col.cell.startswith("ref:"):
                    iri, hint = resolver.resolve(value, col.cell[4:])
                    if iri is None:
                        tip = Message("or_did_you_mean", options=hint) if hint else ""
                        target = col.cell[4:]
                        raise InputError(Message("unknown_ref", cls=target.replace("*", "item"),
                                                 value=value, kind=_noun(target), hint=tip),
                                         **at, value=value)
                    yield ox.Triple(subject, predicate, ox.NamedNode(iri))
                elif col.cell == "source":
                    iri = value if value.startswith(("http://", "https://")) else ITEM_BASE + value
                    yield ox.Triple(subject, predicate, ox.NamedNode(iri))
                else:
                    yield ox.Triple(subject, predicate, _literal(value, col, at))


def _other_rows(rows, where) -> Iterator[ox.Triple]:
    if not rows:
        return
    for number, row in rows[1:]:
        cells = [_cell_text(c) for c in row[:3]] + [""] * (3 - len(row[:3]))
        text = " ".join(cells) + " ."
        try:
            parsed = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as error:
            raise InputError(Message("not_ntriples", words=ParserWords(error.args[0])), **where,
                             row=number, value=text) from None
        yield from (q.triple for q in parsed)
