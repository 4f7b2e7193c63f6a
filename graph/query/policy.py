"""What a SPARQL request asks for, read before anything runs, and what the endpoint refuses.

The endpoint reads every query and update with a tokenizer that follows the terminals of the
SPARQL 1.1 grammar (strings, IRIs, comments, variables, prefixed names, keywords), so a keyword
inside a string, an IRI or a comment is never mistaken for one, and a keyword outside them is
never missed. From the tokens it learns the query form (for content negotiation before the
query runs), the dataset clauses, and whether the request uses ``SERVICE`` or ``LOAD`` (which
would make the engine fetch from the network) — those are refused with a reason.

Codepoint escapes (``\\u0053ERVICE``) are read both ways, as written and unescaped, and a
refusal found in either reading counts.

>>> info = analyse_query("PREFIX g: <https://w3id.org/wijkgraaf/graph/> "
...                      "SELECT * FROM g:ontology WHERE { ?s ?p 'SERVICE' }")
>>> info.form, info.default_graphs, info.uses, info.undeclared
('select', ('https://w3id.org/wijkgraaf/graph/ontology',), (), frozenset())
>>> analyse_query("ASK { SERVICE <http://example.org/sparql> { ?s ?p ?o } }").uses
('SERVICE',)
>>> refusal(analyse_query("SELECT * FROM <http://example.org/g> { ?s ?p ?o }"), ["urn:a"])
('refuse_outside', {'what': 'FROM', 'iri': 'http://example.org/g'})
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from ontology import Message, QueryError
from ontology.vocab import GRAPH_BASE

__all__ = ["QueryInfo", "UpdateInfo", "analyse_query", "analyse_update", "refusal", "tokens"]

QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct",
               "DESCRIBE": "describe"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                "WITH"}
FORBIDDEN = ("SERVICE", "LOAD")

_PN_CHARS_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
                  "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf"
                  "\ufdf0-\ufffd\U00010000-\U000effff")
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL = (f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*"
             f"(?:[{_PN_CHARS}:]|{_PLX}))?")

#: (kind, pattern), tried in order at each position; the first that matches wins
_TOKEN_RULES = [
    ("ws", r"\s+"),
    ("comment", r"#[^\r\n]*"),
    ("string", r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"),
    ("string", r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'),
    ("string", r"'(?:[^'\\\n\r]|\\.)*'"),
    ("string", r'"(?:[^"\\\n\r]|\\.)*"'),
    ("iri", r"<[^<>\"{}|^`\\\x00-\x20]*>"),
    ("var", f"[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"),
    ("bnode", f"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"),
    ("pname", f"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?"),
    ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("number", r"[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.(?:[eE][+-]?[0-9]+)?"),
    ("word", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("op", r"\^\^|&&|\|\||!=|<=|>=|."),
]
_TOKEN = re.compile("|".join(f"(?P<{kind}{i}>{pattern})"
                             for i, (kind, pattern) in enumerate(_TOKEN_RULES)), re.DOTALL)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def tokens(text: str) -> list[tuple[str, str]]:
    """The significant tokens of ``text`` as ``(kind, text)``; whitespace and comments dropped.

    >>> tokens("SELECT ?s # SERVICE\\n{ ?s a 'SERVICE' }")
    [('word', 'SELECT'), ('var', '?s'), ('op', '{'), ('var', '?s'), ('word', 'a'), \
('string', "'SERVICE'"), ('op', '}')]
    """
    out = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup.rstrip("0123456789")
        if kind not in {"ws", "comment"}:
            out.append((kind, match.group()))
    return out


def _unescape(text: str) -> str:
    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code < 0x110000 and not 0xD800 <= code < 0xE000 else match.group()
    return _UCHAR.sub(char, text)


#: brackets nested deeper than this are refused before any parser sees them: the engine's
#: parser recurses per bracket, and ~10,000 levels kill the process (a worker, or the CLI)
MAX_NESTING = 500


class NestingError(QueryError):
    """A query or update whose brackets nest deeper than :data:`MAX_NESTING`."""

    def __init__(self, depth: int) -> None:
        super().__init__(Message("too_deep", depth=depth, limit=MAX_NESTING))
        self.depth, self.limit = depth, MAX_NESTING


def _nesting(toks: list[tuple[str, str]]) -> int:
    depth = deepest = 0
    for kind, text in toks:
        if kind == "op" and text in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "op" and text in ")}]":
            depth -= 1
    return deepest


def _readings(text: str) -> list[list[tuple[str, str]]]:
    """The tokens of ``text`` (and of its unescaped form, when ``\\u`` escapes change it);
    :class:`NestingError` when its brackets nest too deep to parse safely."""
    unescaped = _unescape(text)
    readings = [tokens(text)] if unescaped == text else [tokens(text), tokens(unescaped)]
    deepest = max(_nesting(toks) for toks in readings)
    if deepest > MAX_NESTING:
        raise NestingError(deepest)
    return readings


@dataclass(frozen=True)
class QueryInfo:
    """What a query is: its form ('select', 'ask', 'construct', 'describe', or 'update' and
    'unknown'), the graphs of its FROM and FROM NAMED clauses (``None`` for an IRI that could
    not be resolved), and the forbidden keywords it uses."""

    form: str
    default_graphs: tuple[str | None, ...] = ()
    named_graphs: tuple[str | None, ...] = ()
    uses: tuple[str, ...] = ()
    undeclared: frozenset[str] = frozenset()  # prefixes used but not declared in the query
    variables: tuple[str, ...] = ()  # a SELECT's projected variables, in order (none for *)

    @property
    def has_dataset(self) -> bool:
        """Whether the query names its own dataset (FROM or FROM NAMED)."""
        return bool(self.default_graphs or self.named_graphs)

    @property
    def is_graph(self) -> bool:
        """Whether the result is RDF (CONSTRUCT or DESCRIBE) rather than a result set."""
        return self.form in {"construct", "describe"}


@dataclass(frozen=True)
class UpdateInfo:
    """What an update uses: forbidden keywords, and whether it names its own dataset
    (``USING``/``WITH``, which conflicts with ``using-graph-uri`` parameters)."""

    uses: tuple[str, ...] = ()
    has_dataset: bool = False


def _prologue(toks: list[tuple[str, str]]) -> tuple[int, str | None, dict[str, str]]:
    """Index of the first token after BASE/PREFIX declarations, the base and the prefixes."""
    i, base, prefixes = 0, None, {}
    while i < len(toks):
        word = toks[i][1].upper() if toks[i][0] == "word" else ""
        if word == "BASE" and i + 1 < len(toks) and toks[i + 1][0] == "iri":
            base = _iri_text(toks[i + 1][1], base)
            i += 2
        elif (word == "PREFIX" and i + 2 < len(toks) and toks[i + 1][0] == "pname"
              and toks[i + 2][0] == "iri"):
            prefixes[toks[i + 1][1].split(":", 1)[0]] = _iri_text(toks[i + 2][1], base)
            i += 3
        else:
            break
    return i, base, prefixes


def _iri_text(token: str, base: str | None) -> str:
    iri = _unescape(token[1:-1])
    return urljoin(base, iri) if base and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri) else iri


def _resolve(token: tuple[str, str], base: str | None, prefixes: dict[str, str]) -> str | None:
    kind, text = token
    if kind == "iri":
        return _iri_text(text, base)
    if kind == "pname":
        prefix, local = text.split(":", 1)
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return None


def _uses(toks: list[tuple[str, str]]) -> list[str]:
    return [w for kind, text in toks if kind == "word" and (w := text.upper()) in FORBIDDEN]


def _projection(toks: list[tuple[str, str]], start: int) -> tuple[str, ...]:
    """The variables a SELECT head projects, read from its tokens: ``?x`` at the top level
    and ``(… AS ?x)``; empty for ``SELECT *``."""
    names: list[str] = []
    depth = 0
    for i in range(start + 1, len(toks)):
        kind, text = toks[i]
        if depth == 0 and (text == "{" or kind == "word" and text.upper() in {"WHERE", "FROM"}):
            break
        if text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
        elif kind == "var" and (depth == 0 or toks[i - 1][1].upper() == "AS"):
            if text[1:] not in names:
                names.append(text[1:])
    return tuple(names)


def analyse_query(text: str, prefixes: dict[str, str] | None = None) -> QueryInfo:
    """Read ``text`` as a query; ``prefixes`` are the ones the endpoint predeclares.

    >>> analyse_query("SELECT DISTINCT ?s (COUNT(?o) AS ?n) $x WHERE { ?s ?p ?o }").variables
    ('s', 'n', 'x')
    """
    readings = _readings(text)
    toks = readings[0]
    start, base, declared = _prologue(toks)
    known = {**(prefixes or {}), **declared}
    first = toks[start][1].upper() if start < len(toks) and toks[start][0] == "word" else ""
    form = QUERY_FORMS.get(first, "update" if first in UPDATE_WORDS else "unknown")
    default, named = [], []
    for i, (kind, word) in enumerate(toks):
        if kind == "word" and word.upper() == "FROM" and i + 1 < len(toks):
            target = named if toks[i + 1][1].upper() == "NAMED" else default
            j = i + 2 if target is named else i + 1
            target.append(_resolve(toks[j], base, known) if j < len(toks) else None)
    uses = sorted({w for reading in readings for w in _uses(reading)})
    undeclared = frozenset(text.split(":", 1)[0] for kind, text in toks[start:]
                           if kind == "pname") - set(declared)
    variables = _projection(toks, start) if form == "select" else ()
    return QueryInfo(form, tuple(default), tuple(named), tuple(uses), undeclared, variables)


def analyse_update(text: str) -> UpdateInfo:
    """Read ``text`` as an update.

    >>> analyse_update("LOAD <http://example.org/data.ttl>").uses
    ('LOAD',)
    >>> analyse_update("WITH <urn:g> DELETE { ?s ?p 1 } WHERE { ?s ?p 1 }").has_dataset
    True
    """
    readings = _readings(text)
    uses = sorted({w for reading in readings for w in _uses(reading)})
    dataset = any(kind == "word" and word.upper() in {"USING", "WITH"}
                  for kind, word in readings[0])
    return UpdateInfo(tuple(uses), dataset)


def refusal(info: QueryInfo | UpdateInfo, graphs: Iterable[str],
            dataset_params: Iterable[str] = (), namespace: str = GRAPH_BASE
            ) -> tuple[str, dict] | None:
    """Why the endpoint refuses this request (403), as a message key and its parameters for
    :func:`graph.endpoint.messages.say`, or ``None`` when it may run.

    ``graphs`` are the named graphs of the store; a FROM/FROM NAMED clause or a
    ``default-graph-uri``/``named-graph-uri`` parameter must name one of them, or a graph in
    Wijkgraaf's own graph ``namespace`` (one that does not exist, or no longer, is empty).
    """
    for word in info.uses:
        return ("refuse_" + word.lower(), {})
    known = set(graphs)
    clauses = []
    if isinstance(info, QueryInfo):
        clauses = [("FROM", g) for g in info.default_graphs]
        clauses += [("FROM NAMED", g) for g in info.named_graphs]
    clauses += [("default-graph-uri/named-graph-uri", g) for g in dataset_params]
    for what, iri in clauses:
        if iri is None:
            return ("refuse_unresolved", {"what": what})
        if iri not in known and not iri.startswith(namespace):
            return ("refuse_outside", {"what": what, "iri": iri})
    return None
