"""Wijkgraaf loaders: files and spreadsheets in, triples out; workbooks and templates out.

- :func:`read_source` — any supported file (RDF formats, CSV, XLSX) to a list of triples.
- :func:`read_rdf`, :func:`read_spreadsheet` — the two readers behind it.
- :func:`write_workbook`, :func:`write_template` — the spreadsheet layout, filled or empty.
- :data:`SUPPORTED_SUFFIXES` — the file types a load accepts.
- :func:`csv_cell`, :func:`csv_value`, :func:`append_row` — the one cell writer (CSV, XLSX) that
  keeps a value from running as a formula, and its reader (:mod:`loaders.cells`).
- :func:`web_url` — the one link filter: an address for an ``href``, or ``""`` when it is not
  http, https or mailto (:mod:`loaders.links`).
"""

from __future__ import annotations

from pathlib import Path

from loaders.atomic import write_atomic
from loaders.cells import append_row, csv_cell, csv_text, csv_value
from loaders.links import web_url
from loaders.rdf import RDF_FORMATS, read_rdf
from loaders.spreadsheet import Known, read_spreadsheet
from loaders.workbook import write_template, write_workbook

__all__ = ["read_source", "read_rdf", "read_spreadsheet", "write_workbook", "write_template",
           "write_atomic", "SUPPORTED_SUFFIXES", "Known", "append_row", "csv_cell", "csv_text",
           "csv_value",
           "web_url"]

SUPPORTED_SUFFIXES = frozenset(RDF_FORMATS) | {".csv", ".xlsx"}


def read_source(path: str | Path, known: Known | None = None) -> list:
    """The triples of one source file, chosen by its suffix (see :data:`SUPPORTED_SUFFIXES`)."""
    path = Path(path)
    if path.suffix.lower() in {".csv", ".xlsx"}:
        return read_spreadsheet(path, known)
    return read_rdf(path)
