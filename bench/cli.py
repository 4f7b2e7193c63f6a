"""``wijkgraaf bench``: the benchmark of :mod:`bench.run` as a subcommand."""

from __future__ import annotations

import argparse

__all__ = ["register"]


def cmd_bench(args) -> int:
    from bench.run import main_args

    return main_args(args.sizes, args.seed, args.repeat, args.out or None, args.quiet)


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``bench`` to the ``wijkgraaf`` parser (it generates its own data: no store)."""
    from bench.__main__ import add_arguments

    p = subparsers.add_parser("bench", parents=[common],
                              help="time the analytics beside the bare library calls on "
                                   "generated graphs (Markdown + JSON)")
    add_arguments(p)
    p.set_defaults(func=cmd_bench)
