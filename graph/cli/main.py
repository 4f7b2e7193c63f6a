"""The ``wijkgraaf`` command: each subcommand is a thin call into the library.

The command groups are registered by explicit imports (``COMMANDS``); packages outside the
library add their own commands through the ``wijkgraaf.commands`` entry point (the
benchmark's ``wijkgraaf bench``), so the library never imports them.

This is a composition root: it alone (with ``app.py``) reads the environment
(``WIJKGRAAF_STORE``) and passes plain arguments down. Exit codes: 0 success (for ``validate``:
conforms), 1 not conforming, 2 error (bad input, bad query; the message says where).
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import entry_points

from ontology import InputError, QueryError, WijkgraafError
from graph.cli import analytics, app, export, knowledge, report, search, serve
from graph.cli.common import DEFAULT_STORE, store_from_args
from graph.kb import NotConformingError

__all__ = ["main", "build_parser", "store_from_args", "DEFAULT_STORE", "COMMANDS"]

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


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except NotConformingError as error:
        if error.hint:
            print(error.hint, file=sys.stderr)
        print(error.report.text(args.lang), file=sys.stderr)
        print("Niets geladen / nothing loaded.", file=sys.stderr)
        return 1 if args.command == "validate" else 2
    except (InputError, QueryError, WijkgraafError) as error:
        print(f"fout / error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"fout / error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
