"""The knowledge-base commands: ``load``, ``validate``, ``query``, ``stats``, ``template`` and
``workbook``."""

from __future__ import annotations

import argparse
import sys

from ontology import Message, QueryError
from graph.cli.common import progress, say, store_from_args
from graph.kb import SOURCE_BASE, load_paths, stats, validate_store
from graph.query import format_result, read_query_arg, run_query
from graph.store import excerpt

__all__ = ["register"]


def cmd_load(args) -> int:
    store = store_from_args(args, bundled=not args.no_bundled)
    result = load_paths(store, args.paths, check=not args.no_validate,
                        progress=progress(not args.quiet, args.lang), lang=args.lang)
    for iri, count in result.graphs.items():
        print(say("loaded_graph", args.lang, count=count, iri=iri))
    print(say("store_version", args.lang, version=result.version))
    return 0


def cmd_validate(args) -> int:
    store = store_from_args(args)
    report = validate_store(store, args.paths, lang=args.lang)
    print(report.text(args.lang))
    return 0 if report.conforms else 1


def cmd_query(args) -> int:
    store = store_from_args(args)
    text = read_query_arg(args.query)
    try:
        result = run_query(store, text, limit=args.limit)
    except QueryError as error:  # the message, then the line it names with a caret
        print(Message("error", text=error).text(args.lang), file=sys.stderr)
        pointed = excerpt(text, error.line, error.column)
        if pointed:
            print(pointed, file=sys.stderr)
        return 2
    print(format_result(result, args.format, args.lang))
    return 0


def cmd_stats(args) -> int:
    store = store_from_args(args)
    print(stats(store, args.lang).text())
    return 0


def cmd_template(args) -> int:
    from loaders import write_template  # noqa: PLC0415

    path = write_template(args.output, lang=args.lang)
    print(say("template_written", args.lang, path=path))
    return 0


def cmd_workbook(args) -> int:
    from loaders import write_workbook  # noqa: PLC0415

    store = store_from_args(args)
    triples = [t for g in store.graph_names() if g.startswith(SOURCE_BASE)
               for t in store.graph_triples(g)]
    path = write_workbook(triples, args.output, lang=args.lang)
    print(say("workbook_written", args.lang, path=path))
    return 0


def register(sub, common: argparse.ArgumentParser) -> None:
    """Add the knowledge-base commands to the ``wijkgraaf`` parser."""
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
