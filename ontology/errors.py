"""The errors every layer of Wijkgraaf raises, each with its message in Dutch and English.

One base class, :class:`WijkgraafError`, and a few subclasses that also inherit the built-in
they resemble, so callers can catch either. Messages name the thing (file, line, row, column,
id) and, where it helps, the closest valid value.

An error carries a :class:`Message` (a key of :data:`ontology.messages.MESSAGES` and its
parameters) and renders it with :meth:`WijkgraafError.text` in either language; ``str(error)``
is the English text, so code that matches on it keeps working:

>>> error = InputError(Message("file_empty"), file="kb.ttl")
>>> str(error)
'file kb.ttl: the file is empty'
>>> error.text("nl")
'bestand kb.ttl: het bestand is leeg'
>>> UnknownIdError("O99", ["O09"]).text("nl")
"'O99' is onbekend als id. Bedoelde je: O09?"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from ontology.messages import MESSAGES, PLACES

__all__ = ["WijkgraafError", "InputError", "UnknownIdError", "QueryError", "closest",
           "Message", "text_in", "place_text"]


class Message:
    """A text in Dutch and English: a key of :data:`~ontology.messages.MESSAGES` and its
    parameters, or (:meth:`pair`) two texts given as they are. A parameter that has a
    ``text(lang)`` (a :class:`Message`, an error) is rendered in the same language; a list
    is joined with commas.

    >>> Message("did_you_mean", options=["O01", "O02"]).text("nl")
    ' Bedoelde je: O01, O02?'
    >>> Message.pair("gebied", "area").text("en")
    'area'
    """

    __slots__ = ("key", "params", "texts")

    def __init__(self, key: str, **params: object) -> None:
        if key not in MESSAGES:
            raise KeyError(f"no message {key!r} in ontology.messages.MESSAGES")
        self.key, self.params, self.texts = key, params, MESSAGES[key]

    @classmethod
    def pair(cls, nl: str, en: str, **params: object) -> Message:
        """A message given as its two texts (words that come from data, such as a kind's
        noun), with ``{name}`` parameters like a table entry."""
        made = cls.__new__(cls)
        made.key, made.params, made.texts = "", params, (nl, en)
        return made

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` ('nl' or 'en'; anything else is English)."""
        template = self.texts[0 if lang == "nl" else 1]
        return template.format(**{k: text_in(v, lang) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Message({self.key or self.texts!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.texts, self.params) == (other.texts,
                                                                            other.params)

    def __hash__(self) -> int:
        return hash(self.texts)

    def __reduce__(self):  # picklable, for the query workers
        return (_rebuild, (self.texts, self.params))


def _rebuild(texts: tuple[str, str], params: dict) -> Message:
    return Message.pair(*texts, **params)


def text_in(value: object, lang: str = "en") -> object:
    """``value`` as shown in ``lang``: a message or error rendered, a list joined with
    commas, anything else as it is (so ``{n:g}`` and ``{v!r}`` still format it)."""
    if hasattr(value, "text") and callable(value.text) and not isinstance(value, type):
        return value.text(lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(text_in(v, lang)) for v in value)
    return value


def place_text(location: Mapping[str, object], lang: str = "en") -> str:
    """Where, in words: ``file kb.xlsx, sheet oplossingen, row 4`` (Dutch: ``bestand …,
    tabblad …, rij 4``)."""
    index = 0 if lang == "nl" else 1
    return ", ".join(f"{PLACES.get(k, (k, k))[index]} {v}" for k, v in location.items()
                     if v is not None)


class WijkgraafError(Exception):
    """Base class of every error Wijkgraaf raises on purpose.

    ``message`` is a :class:`Message` (or, from code outside Wijkgraaf, a plain text shown
    as it is in both languages); :meth:`text` renders it."""

    def __init__(self, message: Message | str = "", *args: object) -> None:
        self.message = message
        super().__init__(str(message), *args)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` ('nl' or 'en'); ``str(error)`` is ``text("en")``."""
        return str(text_in(self.message, lang))


class InputError(WijkgraafError, ValueError):
    """Input that cannot be read: a file, a row, a cell. The message says where.

    ``location`` holds the parts of the location as data (file, line, column, sheet, row, field).
    """

    def __init__(self, message: Message | str, **location: object) -> None:
        self.location = {k: v for k, v in location.items() if v is not None}
        self.message = message
        ValueError.__init__(self, self.text("en"))

    def text(self, lang: str = "en") -> str:
        where = place_text(self.location, lang)
        what = str(text_in(self.message, lang))
        return f"{where}: {what}" if where else what


class UnknownIdError(WijkgraafError, KeyError):
    """An id or label that is not in the knowledge graph; ``suggestions`` are the closest known.

    ``what`` names what was looked for ('id', or a :class:`Message` such as
    ``Message("what_id_or_name")``)."""

    def __init__(self, value: str, suggestions: Iterable[str] = (), what: str | Message = "id"
                 ) -> None:
        self.value = value
        self.suggestions = list(suggestions)
        if isinstance(what, str):
            what = Message.pair(_WHAT_NL.get(what, what), what)
        hint = Message("did_you_mean", options=self.suggestions) if self.suggestions else ""
        self.message = Message("unknown_id", what=what, value=value, hint=hint)
        KeyError.__init__(self, self.message.text("en"))

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


#: the Dutch of the plain ``what`` words callers pass to :class:`UnknownIdError`
_WHAT_NL = {"id": "id", "kind": "soort", "id or name": "id of naam",
            "id or label": "id of naam"}


class QueryError(WijkgraafError, ValueError):
    """A SPARQL query that cannot be parsed or is not allowed; ``line``/``column`` when known.

    ``detail`` is the English message without the place (the parser's own words for a syntax
    error); ``message`` the same as a :class:`Message`."""

    def __init__(self, message: Message | str, line: int | None = None,
                 column: int | None = None) -> None:
        self.line, self.column, self.message = line, column, message
        self.detail = str(message)
        ValueError.__init__(self, self.text("en"))

    def text(self, lang: str = "en") -> str:
        where = (place_text({"line": self.line, "column": self.column}, lang) + ": "
                 if self.line is not None else "")
        return where + str(text_in(self.message, lang))


def closest(value: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The ``n`` known strings most like ``value`` (case-insensitive).

    >>> closest("gezondhied", ["dom-gezondheid", "dom-wonen", "gezondheid"])
    ['gezondheid', 'dom-gezondheid']
    """
    known = list(known)
    lowered = {k.lower(): k for k in known}
    hits = difflib.get_close_matches(value.lower(), list(lowered), n=n, cutoff=0.5)
    return [lowered[h] for h in hits]
