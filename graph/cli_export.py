"""``wijkgraaf export``: the store (or a selection of it) as RDF and other formats."""

from __future__ import annotations

import sys

from graph.export import MEDIA_TYPES, dump_store, write_atomic

__all__ = ["register"]


def cmd_export(args) -> int:
    from graph.cli import store_from_args

    store = store_from_args(args)
    data = dump_store(store, args.format)
    if args.output:
        write_atomic(args.output, data)
        print(f"{len(data)} bytes → {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def register(sub, common) -> None:
    """Add the ``export`` subcommand."""
    p = sub.add_parser("export", parents=[common], help="export the whole store as RDF")
    p.add_argument("--format", choices=sorted(MEDIA_TYPES), default="turtle")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_export)
