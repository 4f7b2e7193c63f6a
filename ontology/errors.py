"""The errors every layer of Wijkgraaf raises.

One base class, :class:`WijkgraafError`, and a few subclasses that also inherit the built-in
they resemble, so callers can catch either. Messages name the thing (file, line, row, column,
id) and, where it helps, the closest valid value.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["WijkgraafError", "InputError", "UnknownIdError", "QueryError", "closest"]


class WijkgraafError(Exception):
    """Base class of every error Wijkgraaf raises on purpose."""


class InputError(WijkgraafError, ValueError):
    """Input that cannot be read: a file, a row, a cell. The message says where.

    ``location`` holds the parts of the location as data (file, line, column, sheet, row, field).
    """

    def __init__(self, message: str, **location: object) -> None:
        self.location = {k: v for k, v in location.items() if v is not None}
        where = ", ".join(f"{k} {v}" for k, v in self.location.items())
        super().__init__(f"{where}: {message}" if where else message)


class UnknownIdError(WijkgraafError, KeyError):
    """An id or label that is not in the knowledge graph; ``suggestions`` are the closest known."""

    def __init__(self, value: str, suggestions: Iterable[str] = (), what: str = "id") -> None:
        self.value = value
        self.suggestions = list(suggestions)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {what} {value!r}.{hint}")

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class QueryError(WijkgraafError, ValueError):
    """A SPARQL query that cannot be parsed or is not allowed; ``line``/``column`` when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.line, self.column, self.detail = line, column, message
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(where + message)


def closest(value: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The ``n`` known strings most like ``value`` (case-insensitive).

    >>> closest("gezondhied", ["dom-gezondheid", "dom-wonen", "gezondheid"])
    ['gezondheid', 'dom-gezondheid']
    """
    known = list(known)
    lowered = {k.lower(): k for k in known}
    hits = difflib.get_close_matches(value.lower(), list(lowered), n=n, cutoff=0.5)
    return [lowered[h] for h in hits]
