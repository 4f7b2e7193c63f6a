"""``python -m bench.search``: how well and how fast search answers the questions people type.

The 40 questions of ``../shared/search/questions.md`` and, for each, the items a good answer
holds in its first five results are in ``bench/search_judgements.toml`` (written from the
knowledge base before the ranking was tuned). For the new search (:mod:`graph.items.search`)
and the old one (:mod:`bench.old_search`, kept only for this comparison) the benchmark reports,
on the bundled knowledge base:

- **recall@5**: per question, the share of its ``relevant`` items among the first five hits
  (of at most five relevant items), averaged over the questions;
- **MRR**: the mean of 1 / the rank of the first ``relevant`` or ``also`` item among the first
  ten hits (0 when none);
- **median** and **p95 latency** of one search, over every question run ``--repeat`` times;

and the latency of the new search on the benchmark generator's graph (``--size``, default
100k triples; ``--size 0`` skips it). ``--show`` lists the first five hits of every question
that misses.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tomllib
from pathlib import Path

from ontology import ITEM, InputError
from bench import old_search
from bench.generate import generate, parse_size, size_argument, write
from graph.items import build_index
from graph.kb import ensure_ready, load_paths, open_store

__all__ = ["load_judgements", "evaluate", "main"]

JUDGEMENTS = Path(__file__).with_name("search_judgements.toml")


def load_judgements(path: Path = JUDGEMENTS) -> list[dict]:
    """The questions with their judgements (``n``, ``text``, ``lang``, ``relevant``, ``also``,
    ``reason``); a malformed file raises :class:`~ontology.InputError` naming the place."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"file {path}: {error}") from error
    out = []
    for i, q in enumerate(data.get("question", []), 1):
        for key in ("n", "text", "relevant", "reason"):
            if key not in q:
                raise InputError(f"file {path}, question {i}: missing field {key!r}")
        out.append({"lang": "nl", "also": [], **q})
    return out


def _short(iri: str) -> str:
    return iri[len(ITEM):] if iri.startswith(ITEM) else iri


def _check_ids(questions: list[dict], index, path: Path) -> None:
    for q in questions:
        for key in ("relevant", "also"):
            for short in q[key]:
                if index.label(ITEM[short]) is None:
                    raise InputError(f"file {path}, question {q['n']}, field {key}: "
                                     f"{short!r} is not an item of the knowledge base")


def evaluate(search, questions: list[dict], repeat: int = 3) -> dict:
    """Quality and speed of ``search(text, lang) -> [short id, ...]`` on ``questions``."""
    recalls, ranks, times, per_question = [], [], [], []
    for q in questions:
        search(q["text"], q["lang"])  # warm: memos of the first run are not what users wait on
        for _ in range(repeat):
            start = time.perf_counter()
            ids = search(q["text"], q["lang"])
            times.append((time.perf_counter() - start) * 1000)
        relevant = set(q["relevant"])
        good = relevant | set(q["also"])
        recall = len(relevant & set(ids[:5])) / min(5, len(relevant)) if relevant else 1.0
        first = next((r for r, i in enumerate(ids[:10], 1) if i in good), None)
        recalls.append(recall)
        ranks.append(1 / first if first else 0.0)
        per_question.append({"n": q["n"], "recall": recall, "first": first, "top5": ids[:5],
                             "relevant": q["relevant"]})
    return {"recall@5": round(statistics.mean(recalls), 3),
            "mrr": round(statistics.mean(ranks), 3),
            "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(_p95(times), 2), "questions": per_question}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _engines(store) -> dict:
    new, old = build_index(store), old_search.build_index(store)
    return {
        "new": lambda text, lang: [_short(h.iri) for h in new.search(text, lang=lang, limit=10)],
        "old": lambda text, lang: [_short(h.iri) for h in old.search(text, lang=lang, limit=10)],
    }, new


def _generated(size: int, questions: list[dict], repeat: int, workdir: Path) -> dict:
    """Latency of the new search on a generated graph of ``size`` triples: the questions and
    as many queries for generated labels."""
    path = write(workdir / f"search-{size}.nt", generate(size, seed=0))
    store = ensure_ready(open_store(), bundled=False)
    load_paths(store, [path], check=False, who="bench.search")
    start = time.perf_counter()
    index = build_index(store)
    built = time.perf_counter() - start
    queries = [q["text"] for q in questions] + [
        f"{kind} {i}" for kind in ("obstacle", "solution", "case", "organisation")
        for i in (1, 17, 123, 999, 1500, 4242, 77, 8, 31, 600)]
    times = []
    for text in queries:
        index.search(text)
        for _ in range(repeat):
            start = time.perf_counter()
            index.search(text)
            times.append((time.perf_counter() - start) * 1000)
    return {"triples": size, "items": len(index), "build_s": round(built, 2),
            "median_ms": round(statistics.median(times), 2), "p95_ms": round(_p95(times), 2)}


def run(size: int = 100_000, repeat: int = 3, workdir: Path | None = None) -> dict:
    """Every figure of the benchmark, as plain data."""
    import tempfile

    questions = load_judgements()
    store = ensure_ready(open_store(":memory:"))
    start = time.perf_counter()
    engines, index = _engines(store)
    built = time.perf_counter() - start
    _check_ids(questions, index, JUDGEMENTS)
    out = {"questions": len(questions), "items": len(index), "build_s": round(built, 2),
           "engines": {name: evaluate(fn, questions, repeat) for name, fn in engines.items()}}
    if size:
        with tempfile.TemporaryDirectory() as tmp:
            out["generated"] = _generated(size, questions, repeat, Path(workdir or tmp))
    return out


def to_text(result: dict, show: bool = False) -> str:
    """The figures as a small table (and, with ``show``, the misses of each engine)."""
    lines = [f"Search on the bundled knowledge base: {result['questions']} questions, "
             f"{result['items']} items (both indices built in {result['build_s']} s)", "",
             f"{'search':<8}{'recall@5':>10}{'MRR':>8}{'median ms':>12}{'p95 ms':>9}"]
    for name, r in result["engines"].items():
        lines.append(f"{name:<8}{r['recall@5']:>10.3f}{r['mrr']:>8.3f}{r['median_ms']:>12.2f}"
                     f"{r['p95_ms']:>9.2f}")
    g = result.get("generated")
    if g:
        lines += ["", f"new search on a generated graph of {g['triples']} triples "
                      f"({g['items']} items, index built in {g['build_s']} s): median "
                      f"{g['median_ms']} ms, p95 {g['p95_ms']} ms"]
    if show:
        for name, r in result["engines"].items():
            lines += ["", f"misses of the {name} search (recall < 1):"]
            for q in r["questions"]:
                if q["recall"] < 1:
                    lines.append(f"  {q['n']:>2}  first good at {q['first']}; top 5 "
                                 f"{', '.join(q['top5']) or '—'}; wanted "
                                 f"{', '.join(q['relevant'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__.split("\n")[0])
    p.add_argument("--size", default="100k", type=size_argument,
                   help="triples of the generated graph for the latency run (0 to skip)")
    p.add_argument("--repeat", type=int, default=3, help="runs of every query (default 3)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--show", action="store_true", help="list the misses")
    args = p.parse_args(argv)
    try:
        result = run(parse_size(args.size), args.repeat)
    except InputError as error:
        print(f"error: {error.text('en')}", file=sys.stderr)  # the benchmarks speak English
        return 2
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(to_text(result, args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
