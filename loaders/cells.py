"""Spreadsheet cells we write are data, never formulas; the cells we read come back exactly.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and a
leading tab or carriage return can hide one), so a label like ``=HYPERLINK("http://evil",…)``
or ``=cmd|' /C calc'!A0`` in an export would act when an editor opens the file ("CSV
injection"). OWASP's advice, followed here:

- CSV: :func:`csv_cell` puts an apostrophe before such a value; :func:`csv_value` takes it
  off again. A value that already starts with apostrophes before such a character gets one
  more, so the round trip is exact for every text, and a hand-typed ``'tekst`` stays as it is.
- XLSX: :func:`append_row` writes every text as a text cell (never a ``<f>`` formula) with
  Excel's *quote prefix* on a cell that starts like a formula, so editing it in Excel keeps it
  text. The value itself is stored unchanged, so reading it needs no undoing.

>>> csv_cell('=HYPERLINK("http://evil","x")')
'\\'=HYPERLINK("http://evil","x")'
>>> csv_value(csv_cell("-2+3")), csv_cell("it's"), csv_value("'gewoon")
('-2+3', "it's", "'gewoon")
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

__all__ = ["FORMULA_STARTS", "starts_formula", "csv_cell", "csv_value", "csv_text", "append_row"]

#: the first characters that make a spreadsheet read a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTED = re.compile(r"'*[=+\-@\t\r]")


def starts_formula(value: object) -> bool:
    """True for a text a spreadsheet would run (it starts with one of :data:`FORMULA_STARTS`).

    >>> starts_formula("=1+1"), starts_formula("1+1"), starts_formula(3)
    (True, False, False)
    """
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> object:
    """``value`` as a CSV cell no spreadsheet runs: a text that starts like a formula (after
    any apostrophes) gets an apostrophe in front; anything else is returned as it is."""
    if isinstance(value, str) and _QUOTED.match(value):
        return "'" + value
    return value


def csv_value(text: str) -> str:
    """The value a CSV cell written by :func:`csv_cell` holds (its apostrophe taken off)."""
    if text.startswith("'") and _QUOTED.match(text, 1):
        return text[1:]
    return text


def csv_text(header: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """A whole CSV document (header first) whose every cell went through :func:`csv_cell`:
    what a download button offers a person who will open it in a spreadsheet.

    >>> print(csv_text(["label"], [["=1+1"], ["gewoon"]]), end="")
    label
    '=1+1
    gewoon
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in header])
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return buf.getvalue()


def append_row(sheet, values: Iterable[object]) -> None:
    """Append ``values`` to an openpyxl worksheet as data: text stays text (a string cell, with
    the quote prefix where it starts like a formula), never a formula."""
    from openpyxl.cell.cell import Cell  # noqa: PLC0415 - only for XLSX

    cells = []
    for value in values:
        cell = Cell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl would make a formula of a text starting with '='
            if starts_formula(value):
                cell.quotePrefix = True  # Excel keeps it text when the cell is edited
        cells.append(cell)
    sheet.append(cells)
