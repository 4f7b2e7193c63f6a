"""``python -m bench --sizes 10k 100k``: see :mod:`bench.run`. The big on-disk load beside
``bulk_load``: ``python -m bench.bigload [--triples N]`` (:mod:`bench.bigload`)."""

from __future__ import annotations

import argparse
import sys

from bench.generate import size_argument
from bench.run import main_args


def parser(prog: str = "python -m bench") -> argparse.ArgumentParser:
    """The benchmark's arguments (shared with ``wijkgraaf bench``)."""
    p = argparse.ArgumentParser(prog=prog, description="Time Wijkgraaf's analytics beside the "
                                "bare library calls, on generated graphs.")
    add_arguments(p)
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add ``--sizes``, ``--seed``, ``--repeat``, ``--out``, ``--quiet`` to ``p``."""
    p.add_argument("--sizes", nargs="+", default=["10k"], type=size_argument,
                   help="sizes in triples: 10k 100k 1M 3M or numbers (default 10k)")
    p.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    p.add_argument("--repeat", type=int, default=None,
                   help="runs per step, best taken (default 3 up to 100k triples, else 1)")
    p.add_argument("--out", default="bench/results",
                   help="folder for bench.json and bench.md (default bench/results; '' for none)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return main_args(args.sizes, args.seed, args.repeat, args.out or None, args.quiet)


if __name__ == "__main__":
    sys.exit(main())
