"""The ``wijkgraaf`` command: each subcommand is a thin call into the library.

This is a composition root: it alone (with ``app.py``) reads the environment
(``WIJKGRAAF_STORE``) and passes plain arguments down. Exit codes: 0 success (for ``validate``:
conforms), 1 not conforming, 2 error (bad input, bad query; the message says where).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from ontology import InputError, QueryError, WijkgraafError
from graph.kb.loading import NotConformingError, ensure_ready, load_paths, open_store
from graph.kb.loading import validate_store
from graph.query.service import format_result, read_query_arg, run_query
from graph.kb.stats import stats

__all__ = ["main", "build_parser", "store_from_args"]

DEFAULT_STORE = Path.home() / ".local" / "share" / "wijkgraaf" / "store"
#: modules that add subcommands: each has ``register(subparsers, common)``
PLUGINS = ("graph.cli.analytics", "graph.cli.serve", "graph.cli.export", "graph.cli.app",
           "bench.cli")


def store_from_args(args: argparse.Namespace, bundled: bool = True):
    """Open the store the arguments (or ``WIJKGRAAF_STORE``) name, ready with the model and,
    when empty, the bundled knowledge base."""
    location = args.store or os.environ.get("WIJKGRAAF_STORE") or str(DEFAULT_STORE)
    return ensure_ready(open_store(location), bundled=bundled)


def _progress(enabled: bool):
    if not enabled:
        return None

    def show(index: int, total: int, path: Path) -> None:
        width = 24
        done = width * index // total
        bar = "#" * done + "." * (width - done)
        end = "\n" if index == total or not sys.stderr.isatty() else ""
        print(f"\r[{bar}] {index}/{total} {path.name:<40}", end=end, file=sys.stderr, flush=True)
    return show


def cmd_load(args) -> int:
    store = store_from_args(args, bundled=not args.no_bundled)
    result = load_paths(store, args.paths, check=not args.no_validate,
                        progress=_progress(not args.quiet))
    for iri, count in result.graphs.items():
        print(f"{count:>7} triples  {iri}")
    print(f"store version {result.version}")
    return 0


def cmd_validate(args) -> int:
    store = store_from_args(args)
    report = validate_store(store, args.paths)
    print(report.text(args.lang))
    return 0 if report.conforms else 1


def cmd_query(args) -> int:
    store = store_from_args(args)
    result = run_query(store, read_query_arg(args.query), limit=args.limit)
    print(format_result(result, args.format))
    return 0


def cmd_stats(args) -> int:
    store = store_from_args(args)
    print(stats(store, args.lang).text())
    return 0


def cmd_template(args) -> int:
    from loaders import write_template  # noqa: PLC0415

    path = write_template(args.output, lang=args.lang)
    print(f"template → {path}")
    return 0


def cmd_workbook(args) -> int:
    from loaders import write_workbook  # noqa: PLC0415
    from graph.kb.loading import SOURCE_BASE  # noqa: PLC0415

    store = store_from_args(args)
    triples = [t for g in store.graph_names() if g.startswith(SOURCE_BASE)
               for t in store.graph_triples(g)]
    print(f"workbook → {write_workbook(triples, args.output, lang=args.lang)}")
    return 0


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

    p = sub.add_parser("load", parents=[common], help="load RDF files or spreadsheets")
    p.add_argument("paths", nargs="+", help="files or directories (.ttl .nt .nq .trig .rdf "
                   ".jsonld .csv .xlsx)")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("--no-bundled", action="store_true",
                   help="do not load the bundled knowledge base into an empty store first")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("validate", parents=[common],
                       help="validate the store (with PATHs read in place of their graphs); "
                       "exit 0 conforms, 1 not, 2 error")
    p.add_argument("paths", nargs="*", help="files to check as if loaded (nothing is written)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("query", parents=[common], help="run a read-only SPARQL query")
    p.add_argument("query", help="query text or a .rq file")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--limit", type=int, default=None, help="at most this many rows")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("stats", parents=[common], help="counts per kind, graph and version")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("template", parents=[common],
                       help="write an empty import workbook with instructions")
    p.add_argument("-o", "--output", default="wijkgraaf-sjabloon.xlsx")
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("workbook", parents=[common],
                       help="write the loaded sources as a workbook in the import layout")
    p.add_argument("-o", "--output", default="wijkgraaf.xlsx")
    p.set_defaults(func=cmd_workbook)

    for name in PLUGINS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name and name.startswith(error.name):
                continue
            raise
        module.register(sub, common)
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
