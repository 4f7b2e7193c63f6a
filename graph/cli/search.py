"""``wijkgraaf search WORDS… [--lang nl|en] [--kind KIND] [-n N] [--format table|json]``: the
ranked hits of the app's search (id, kind, label, score, matched words), so search can be used
and measured from outside the app."""

from __future__ import annotations

import argparse
import json

from ontology.kinds import noun, parse_kind
from graph.cli.common import store_from_args
from graph.analytics import short_id as short
from graph.items import build_index

__all__ = ["register", "cmd_search"]


def cmd_search(args) -> int:
    kinds = (parse_kind(args.kind),) if args.kind else None
    query = " ".join(args.words)
    found = build_index(store_from_args(args)).find(query, lang=args.lang, limit=args.n,
                                                     kinds=kinds)
    lang = args.lang
    if args.format == "json":
        print(json.dumps({
            "query": query, "words": list(found.words), "corrections": found.corrections,
            "unknown": list(found.unknown),
            "hits": [{"id": short(h.iri), "iri": h.iri, "kind": h.kind, "label": h.label,
                      "score": h.score, "matched": list(h.matched), "domains": list(h.domains)}
                     for h in found.hits]}, ensure_ascii=False, indent=2))
        return 0
    for typed, meant in found.corrections.items():
        print(f"bedoelde je '{meant}'? ({typed} → {meant})" if lang == "nl"
              else f"did you mean '{meant}'? ({typed} → {meant})")
    if not found.hits:
        words = ", ".join(found.words or found.unknown) or query
        print(f"Niets gevonden voor: {words}" if lang == "nl" else f"Nothing found for: {words}")
        return 0
    rows = [("#", "id", "soort" if lang == "nl" else "kind", "naam" if lang == "nl" else "name",
             "score", "woorden" if lang == "nl" else "matched")]
    rows += [(str(i), short(h.iri), noun(h.kind, lang), h.label, f"{h.score:.2f}",
              ", ".join(h.matched)) for i, h in enumerate(found.hits, 1)]
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    for j, row in enumerate(rows):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if j == 0:
            print("  ".join("-" * w for w in widths))
    return 0


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``search`` to the ``wijkgraaf`` parser."""
    p = subparsers.add_parser("search", parents=[common],
                              help="search items by the words people type (ranked hits)")
    p.add_argument("words", nargs="+", metavar="WORD", help="the question, in any words")
    p.add_argument("--kind", help="only items of this kind (obstacle, solution, wijk, …)")
    p.add_argument("-n", type=int, default=10, help="at most N hits (default 10)")
    p.add_argument("--format", choices=["table", "json"], default="table",
                   help="output format (default table)")
    p.set_defaults(func=cmd_search)
