"""``wijkgraaf export`` and ``wijkgraaf toolbox``: the store, or a selection of it, out.

``export`` without selection options writes the whole store as before (``trig``/``nq`` with
every named graph and its provenance); with options it writes the selection
(:func:`graph.export.subgraph.select`) in any format of :data:`graph.export.rdf.FORMATS`.
``toolbox``
writes the gereedschapskist of a selection (the whole knowledge base without options) as
HTML, Markdown or PDF, chosen by the file suffix. Ids, notations, CBS codes and unambiguous
labels are accepted; an unknown value exits 2 with the closest known ids.
"""

from __future__ import annotations

import argparse
import sys

from ontology import InputError, Message
from ontology.kinds import noun
from graph.cli.common import say, store_from_args
from graph.export import (
    FORMATS, Selection, dump_store, export_subgraph, format_for_path, write_atomic,
)

__all__ = ["register", "add_selection_arguments", "selection_from_args"]

#: option → Selection field
_OPTIONS = {"domain": "domains", "obstacle": "obstacles", "solution": "solutions",
            "organisation_type": "organisation_types", "neighbourhood": "neighbourhoods",
            "theme": "themes", "seed": "seeds"}


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """The selection options shared by ``export`` and ``toolbox``."""
    group = parser.add_argument_group(
        "selection", "options of one kind widen the selection, options of different kinds "
        "narrow it; several --domain options select the bridge between all of them; no option "
        "selects everything; every value is an id or any name search knows (schulden, "
        "Overvecht, huisarts)")
    group.add_argument("--domain", action="append", default=[], metavar="ID",
                       help="domain id or name, e.g. dom-wonen or wonen (repeatable)")
    group.add_argument("--obstacle", action="append", default=[], metavar="ID",
                       help="obstacle id or name, e.g. O08 or schulden (repeatable)")
    group.add_argument("--solution", action="append", default=[], metavar="ID",
                       help="solution id or name, e.g. S01 (repeatable)")
    group.add_argument("--organisation-type", action="append", default=[], metavar="ID",
                       help="organisation type id or name, e.g. ot-woningcorporatie or "
                            "woningbouw")
    group.add_argument("--neighbourhood", action="append", default=[], metavar="ID",
                       help="area: CBS code (GM0363, WK036301, BU…) or name; areas inside count")
    group.add_argument("--theme", action="append", default=[], metavar="ID",
                       help="learning-circle theme id or name, e.g. thema-wijkagenda")
    group.add_argument("--seed", action="append", default=[], metavar="ID",
                       help="any item to start from (repeatable); grows --depth steps")
    group.add_argument("--depth", type=int, default=None, metavar="N",
                       help="steps along links from the selection (default 1 with --seed "
                            "alone, else 0)")


def selection_from_args(args: argparse.Namespace) -> Selection:
    """The :class:`~graph.export.subgraph.Selection` the options describe."""
    values = {field: tuple(getattr(args, option)) for option, field in _OPTIONS.items()}
    depth = args.depth
    if depth is None:
        only_seeds = values["seeds"] and not any(v for k, v in values.items() if k != "seeds")
        depth = 1 if only_seeds else 0
    if depth < 0:
        raise InputError(Message("negative_depth"))
    return Selection(**values, depth=depth)


def _summary(sub, lang: str) -> str:
    counts = ", ".join(f"{n} {noun(k, lang, plural=n != 1)}" for k, n in sub.counts().items()
                       ) or say("nothing", lang)
    return f"{sub.describe(lang)}: {counts}"


def cmd_export(args) -> int:

    fmt = args.format or (format_for_path(args.output) if args.output else None) or "turtle"
    if FORMATS[fmt].kind == "table" and not args.output and sys.stdout.isatty():
        raise InputError(Message("binary_needs_file", fmt=fmt))
    store = store_from_args(args)
    selection = selection_from_args(args)
    if selection.is_empty() and FORMATS[fmt].kind != "table":
        data = dump_store(store, fmt)
    else:
        from graph.export import select

        sub = select(store, selection)
        if not sub.items:
            print(say("selection_empty", args.lang), file=sys.stderr)
        print(_summary(sub, args.lang), file=sys.stderr)
        data = export_subgraph(sub, fmt, args.lang)
    if args.output:
        write_atomic(args.output, data)
        print(say("bytes_written", args.lang, n=len(data), path=args.output), file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_toolbox(args) -> int:
    from graph.export import write_toolbox

    store = store_from_args(args)
    path = write_toolbox(store, selection_from_args(args), args.output, args.lang)
    print(say("toolbox_written", args.lang, path=path), file=sys.stderr)
    return 0


def register(sub, common) -> None:
    """Add the ``export`` and ``toolbox`` subcommands."""
    p = sub.add_parser("export", parents=[common],
                       help="export the store or a selection (RDF, GraphML, GEXF, CSV, XLSX)")
    p.add_argument("--format", choices=list(FORMATS), default=None,
                   help="format (default: from the suffix of -o, else turtle)")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    add_selection_arguments(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("toolbox", parents=[common],
                       help="write the gereedschapskist of a selection (.html, .md or .pdf)")
    p.add_argument("-o", "--output", default="gereedschapskist.html",
                   help="file to write: .html, .md or .pdf (default gereedschapskist.html)")
    add_selection_arguments(p)
    p.set_defaults(func=cmd_toolbox)
