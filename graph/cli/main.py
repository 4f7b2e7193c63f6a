"""The ``wijkgraaf`` command: each subcommand is a thin call into the library.

The command groups are registered by explicit imports (``COMMANDS``); packages outside the
library add their own commands through the ``wijkgraaf.commands`` entry point (the
benchmark's ``wijkgraaf bench``), so the library never imports them.

This is a composition root: it alone (with ``app.py``) reads the environment
(``WIJKGRAAF_STORE``) and passes plain arguments down. Exit codes: 0 success (for ``validate``:
conforms), 1 not conforming, 2 error (bad input, bad query; the message says where).

Every message is in the language of ``--lang`` (default ``nl``), one language at a time: an
error prints ``fout: …`` or ``error: …`` with :meth:`ontology.WijkgraafError.text`, a file
the system cannot open is named with the reason in words (:func:`os_message`), and the
library's log notes (a skipped sheet, a formula read) pass through the same language. The
``--help`` texts and argparse's own usage errors are English.
"""

from __future__ import annotations

import argparse
import errno
import logging
import sys
from importlib.metadata import entry_points

from ontology import Message, WijkgraafError
from graph.cli import analytics, app, export, knowledge, report, search, serve
from graph.cli.common import DEFAULT_STORE, store_from_args
from graph.kb import NotConformingError

__all__ = ["main", "build_parser", "store_from_args", "DEFAULT_STORE", "COMMANDS", "os_message"]

#: the command groups, in the order ``--help`` lists them; each has ``register(sub, common)``
COMMANDS = (knowledge, search, report, analytics, export, serve, app)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", help="store: a directory, ':memory:', or a SPARQL server URL "
                        f"(default: $WIJKGRAAF_STORE or {DEFAULT_STORE})")
    common.add_argument("--lang", choices=["nl", "en"], default="nl", help="language (default nl)")
    parser = argparse.ArgumentParser(
        prog="wijkgraaf",
        description="Wijkgraaf: belemmeringen en oplossingen voor wijkgericht werken / "
                    "obstacles and solutions for cross-domain neighbourhood work.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for group in COMMANDS:
        group.register(sub, common)
    for entry in sorted(entry_points(group="wijkgraaf.commands"), key=lambda e: e.name):
        entry.load()(sub, common)
    return parser


#: errno → the key of its reason in :data:`ontology.messages.MESSAGES`
_OS_REASONS = {errno.ENOENT: "not_found", errno.EACCES: "no_access", errno.EPERM: "no_access",
               errno.EISDIR: "is_a_directory", errno.ENOTDIR: "not_a_directory",
               errno.ENAMETOOLONG: "name_too_long", errno.ENOSPC: "no_space"}


def os_message(error: OSError) -> Message | str:
    """What the system said about a file, in words either language has: the reason, then the
    file name (``bestand of map niet gevonden: kb.ttl``). A reason without words of ours keeps
    the system's (English) text.

    >>> os_message(FileNotFoundError(2, "No such file or directory", "kb.ttl")).text("nl")
    'bestand of map niet gevonden: kb.ttl'
    """
    reason = _OS_REASONS.get(error.errno)
    if reason is None or error.filename is None:
        return str(error)
    return Message("os_error", what=Message(reason), name=error.filename)


class _InLanguage(logging.Handler):
    """The library's log notes on stderr, a :class:`~ontology.Message` in one language."""

    def __init__(self, lang: str) -> None:
        super().__init__(logging.INFO)
        self.lang = lang

    def emit(self, record: logging.LogRecord) -> None:
        text = record.msg.text(self.lang) if isinstance(record.msg, Message) else \
            record.getMessage()
        print(text, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    lang = args.lang
    notes, library = _InLanguage(lang), logging.getLogger("wijkgraaf")
    library.addHandler(notes)
    try:
        return args.func(args)
    except NotConformingError as error:  # what failed, the hint, then one line per result
        print(Message("error", text=error).text(lang), file=sys.stderr)
        return 1 if args.command == "validate" else 2
    except WijkgraafError as error:
        print(Message("error", text=error).text(lang), file=sys.stderr)
        return 2
    except OSError as error:
        print(Message("error", text=os_message(error)).text(lang), file=sys.stderr)
        return 2
    finally:
        library.removeHandler(notes)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
