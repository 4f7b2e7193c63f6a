"""The one table of error messages (:mod:`ontology.messages`): both languages for every key,
every key used, and no error of the library raised with a bare text (issue 15, item 6)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from ontology import InputError, Message, QueryError, UnknownIdError, WijkgraafError
from ontology.messages import MESSAGES

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = [p for d in ("ontology", "loaders", "graph") for p in (ROOT / d).rglob("*.py")]
#: keys whose two texts are the same words in both languages
SAME = {"os_error"}
#: the errors of the library and the argument that holds their message
ERRORS = {"WijkgraafError", "InputError", "QueryError", "RemoteError", "EditConflictError",
          "ConsoleError", "StoreBusyError", "NotConformingError"}


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages(key):
    nl, en = MESSAGES[key]
    assert nl.strip() and en.strip()
    assert (nl == en) == (key in SAME), key
    # the same parameters, but for a Dutch word given apart (count_nl) or an English class
    # name the Dutch replaces by its noun (cls → kind)
    assert _fields(nl) - {"count_nl", "kind"} <= _fields(en) | {"kind"}, key


def test_every_message_is_used():
    code = "\n".join(p.read_text(encoding="utf-8") for p in LIBRARY)
    code += (ROOT / "graph" / "cli" / "main.py").read_text(encoding="utf-8")
    used = set(re.findall(r"""Message\(\s*["']([a-z_0-9]+)["']""", code))
    used |= {"what_id_or_name", "what_id_or_label"}  # built as "what_id_or_" + word
    used |= set(re.findall(r'"(date|year|date_or_year)"', code))
    from graph.cli.main import _OS_REASONS  # the reasons of an OSError, by errno

    used |= set(_OS_REASONS.values())
    assert set(MESSAGES) - used == set()


def _raises_with_text(path: Path) -> list[str]:
    """``raise SomeError("text")`` or ``raise SomeError(f"…")`` of our errors in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        func = node.exc.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in ERRORS and node.exc.args and isinstance(
                node.exc.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp)):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_error_of_the_library_is_raised_with_a_bare_text():
    bare = [hit for path in LIBRARY for hit in _raises_with_text(path)]
    assert bare == []


def test_an_error_renders_in_either_language_and_str_stays_english():
    error = InputError(Message("duplicate_id", ident="O60", other=2), file="b.csv", row=3)
    assert str(error) == "file b.csv, row 3: duplicate id 'O60' (also in row 2)"
    assert error.text("nl") == "bestand b.csv, rij 3: het id 'O60' staat er twee keer in " \
                               "(ook in rij 2)"
    query = QueryError(Message("not_select"), line=2, column=9)
    assert (str(query), query.text("nl")) == ("line 2, column 9: not a SELECT query",
                                              "regel 2, kolom 9: geen SELECT-query")
    assert query.detail == "not a SELECT query"
    unknown = UnknownIdError("O99", ["O09"])
    assert isinstance(unknown, KeyError) and str(unknown) == "unknown id 'O99'. Did you mean: O09?"
    plain = WijkgraafError("from outside")  # a plain text: the same in both languages
    assert plain.text("nl") == plain.text("en") == str(plain) == "from outside"


def test_a_message_survives_the_query_workers_pipe():
    import pickle

    error = QueryError(Message("too_deep", depth=9, limit=5), line=1, column=2)
    back = pickle.loads(pickle.dumps(error.message))
    assert back == error.message and back.text("nl") == error.message.text("nl")
