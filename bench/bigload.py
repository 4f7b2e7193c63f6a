"""``python -m bench.bigload [--triples N] [--check-times N]``: a big load into an on-disk
store, unvalidated and validated, beside pyoxigraph's own ``Store.bulk_load``, in one run.

A Wijkgraaf-shaped graph of about ``N`` triples (:mod:`bench.generate`, completed with what
the shapes require of each item: :func:`complete`) is written as one Turtle file. Then, each
in a fresh child process (so its peak memory is its own):

- **Wijkgraaf**: ``load_paths(..., check=False)`` of that file into an on-disk store that
  already holds the bundled knowledge base (the default store after first use), from opening
  the store to the new version being readable;
- **validated**: the same with ``check=True``: the shapes checked in the new store before
  it is swapped in (:func:`graph.kb.engine_validate`);
- **bulk_load**: ``pyoxigraph.Store(directory).bulk_load(path=...)`` into a fresh directory.

Seconds are wall-clock times inside the child; ``rss`` is the child's peak resident memory
(``ru_maxrss``), ``disk`` the store directory's size afterwards. ``--check-times N`` also
runs each compiled shape check alone on the validated store and lists the N slowest (where
the check's time goes). The default size (200k triples) is small enough for CI;
``--triples 2025000`` is issue 17's file (2.7M triples once completed, 100 MB of Turtle).

>>> row = {"wijkgraaf": {"seconds": 3.0, "rss_mb": 300.0, "disk_mb": 40.0},
...        "bulk_load": {"seconds": 2.0, "rss_mb": 200.0, "disk_mb": 30.0}}
>>> print(to_markdown({"triples": 10, "file_mb": 1.0, "pyoxigraph": "x", **row}))
... # doctest: +ELLIPSIS
# Big load: 10 triples, Turtle 1.0 MB
...
| time (s) | 3.00 | 2.00 | 1.50 |
| peak RSS (MB) | 300 | 200 | 1.50 |
| store on disk (MB) | 40 | 30 | 1.33 |
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["run", "to_markdown", "main"]

DEFAULT_TRIPLES = 200_000
_GRAPH = "https://w3id.org/wijkgraaf/graph/source/bench-big.ttl"


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def _disk_mb(folder: Path) -> float:
    total = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return round(total / 1e6, 1)


# ------------------------------------------------------------------ inside a child ---

def complete(data: list) -> list:
    """The generator's graph with what the shapes also require of each item (a date, a
    source, an example, how to start, ...), so that a validated load of it can conform: the
    generator itself stays as lean as the projection benchmarks need it. The added values
    point into the bundled knowledge base's vocabularies (the store holds them)."""
    import pyoxigraph as ox

    from ontology.vocab import DCT, ITEM, RDF_TYPE, SKOS, WG, XSD

    def node(iri: str) -> ox.NamedNode:
        return ox.NamedNode(str(iri))

    def text(value: str, lang: str) -> ox.Literal:
        return ox.Literal(value, language=lang)

    kinds: dict[ox.NamedNode, set[str]] = {}
    for t in data:
        if t.predicate.value == RDF_TYPE:
            kinds.setdefault(t.subject, set()).add(t.object.value)
    # generated domain groups are domains (the real ones are used instead); codes are numbered
    # again in the shapes' form (O01 …), and bridges are taken from what a solution addresses
    dropped = {node(SKOS.broader), node(SKOS.notation), node(WG.bridgesDomain)}
    out = [t for t in data if t.predicate not in dropped]
    affects: dict[ox.NamedNode, list[ox.NamedNode]] = {}
    addresses: dict[ox.NamedNode, list[ox.NamedNode]] = {}
    for t in data:
        if t.predicate.value == WG.affectsDomain:
            affects.setdefault(t.subject, []).append(t.object)
        elif t.predicate.value == WG.addresses:
            addresses.setdefault(t.subject, []).append(t.object)
    schemes = {WG.Domain: "domeinen", WG.Obstacle: "belemmeringen", WG.Solution: "oplossingen",
               WG.OrganisationType: "organisatietypen", WG.Theme: "leerkringthemas"}
    numbers = {WG.Obstacle: "O", WG.Solution: "S"}
    counter = {prefix: 0 for prefix in numbers.values()}
    source = node(ITEM["src-bench"])
    modified = ox.Literal("2026-01-01", datatype=node(XSD.date))
    out += [ox.Triple(source, node(RDF_TYPE), node(WG.Source)),
            ox.Triple(source, node(DCT + "title"), ox.Literal("Benchmark")),
            ox.Triple(source, node(WG.sourceType), node(ITEM["bron-praktijkbeschrijving"]))]
    groups = [node(ITEM["sociaal-domein"]), node(ITEM["fysiek-domein"])]
    both = ("nl", "en")
    for i, (item, types) in enumerate(sorted(kinds.items(), key=lambda kv: kv[0].value)):
        add = out.append
        add(ox.Triple(item, node(DCT + "modified"), modified))
        add(ox.Triple(item, node(DCT + "source"), source))
        for cls, scheme in schemes.items():
            if cls in types:
                add(ox.Triple(item, node(SKOS.inScheme), node(ITEM[scheme])))
        for cls, prefix in numbers.items():
            if cls in types:
                counter[prefix] += 1
                add(ox.Triple(item, node(SKOS.notation), ox.Literal(
                    f"{prefix}{counter[prefix]:02d}")))
        if WG.Domain in types:
            add(ox.Triple(item, node(SKOS.broader), groups[i % 2]))
            out += [ox.Triple(item, node(SKOS.scopeNote), text("scope", lang)) for lang in both]
        if WG.Obstacle in types:
            out += [ox.Triple(item, node(SKOS.example), text("voorbeeld", lang))
                    for lang in both]
        if WG.Solution in types:
            domains = sorted({d.value for o in addresses.get(item, []) for d in affects.get(o, [])})
            out += [ox.Triple(item, node(WG.bridgesDomain), node(d)) for d in domains[:4]]
            out += [ox.Triple(item, node(WG.howToStart), text("begin", lang)) for lang in both]
            add(ox.Triple(item, node(WG.requiresLegalChange), ox.Literal(
                "false", datatype=node(XSD.boolean))))
        if WG.PracticeCase in types:
            out += [ox.Triple(item, node(WG.outcome), text("uitkomst", lang)) for lang in both]
        if WG.District in types:
            add(ox.Triple(item, node(WG.cbsCode), ox.Literal(f"WK{i % 10_000:04d}{i % 100:02d}")))
            add(ox.Triple(item, node(WG.codeYear), ox.Literal("2024", datatype=node(XSD.gYear))))
        if WG.LegalFrame in types:
            add(ox.Triple(item, node(WG.legalStatus), node(ITEM["status-van-kracht"])))
    return out


def _child_generate(triples: int, seed: int, path: Path) -> dict:
    import pyoxigraph as ox

    from bench.generate import generate
    from ontology.vocab import PREFIXES

    data = complete(generate(triples, seed))
    ox.serialize(data, output=str(path), format=ox.RdfFormat.TURTLE,
                 prefixes={k: PREFIXES[k] for k in ("wg", "wgd", "skos", "org")})
    return {"triples": len(data)}


def _child_prepare(store_dir: Path) -> dict:
    from graph.kb import ensure_ready, open_store

    store = ensure_ready(open_store(store_dir))
    return {"version": store.version(), "disk_mb": _disk_mb(store_dir)}


def _child_wijkgraaf(store_dir: Path, path: Path) -> dict:
    from graph.kb import load_paths, open_store

    start = time.perf_counter()
    store = open_store(store_dir)
    result = load_paths(store, [path], check=False, who="bench")
    store.flush()
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 3), "rss_mb": _peak_mb(), "disk_mb": _disk_mb(store_dir),
            "loaded": sum(result.graphs.values())}


def _child_validated(store_dir: Path, path: Path) -> dict:
    from graph.kb import NotConformingError, load_paths, open_store

    start = time.perf_counter()
    store = open_store(store_dir)
    try:
        load_paths(store, [path], check=True, who="bench")
        violations = 0
    except NotConformingError as error:  # the check ran in full: its time counts the same
        violations = len(error.report.results)
    store.flush()
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 3), "rss_mb": _peak_mb(), "disk_mb": _disk_mb(store_dir),
            "violations": violations}


def _child_bulk_load(store_dir: Path, path: Path) -> dict:
    import pyoxigraph as ox

    start = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(_GRAPH))
    store.flush()
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 3), "rss_mb": _peak_mb(), "disk_mb": _disk_mb(store_dir)}


def _child_check_times(store_dir: Path, slowest: int) -> dict:
    """Each compiled shape check run alone, one after the other, on the validated store."""
    import pyoxigraph as ox

    from ontology.shapes_sparql import compiled_checks

    store = ox.Store(str(store_dir))
    times = []
    for check in compiled_checks():
        start = time.perf_counter()
        rows = sum(1 for _ in store.query(check.query, use_default_graph_as_union=True))
        times.append([round(time.perf_counter() - start, 3), check.shape, check.path,
                      check.component, rows])
    times.sort(key=lambda t: -t[0])
    return {"checks": len(times), "total_s": round(sum(t[0] for t in times), 2),
            "slowest": times[:slowest]}


_CHILDREN = {"generate": _child_generate, "prepare": _child_prepare,
             "wijkgraaf": _child_wijkgraaf, "validated": _child_validated,
             "bulk_load": _child_bulk_load, "check_times": _child_check_times}


def _in_child(name: str, *args: object) -> dict:
    """Run ``_CHILDREN[name](*args)`` in a fresh Python and return what it printed (JSON)."""
    command = [sys.executable, "-m", "bench.bigload", "--child", name, *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    if done.returncode != 0:
        raise RuntimeError(f"the {name} step failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------- driver ---

def run(triples: int = DEFAULT_TRIPLES, seed: int = 0, log=None, check_times: int = 0) -> dict:
    """Generate the file, then time both loads; plain data for :func:`to_markdown`. With
    ``check_times`` the shape checks are also timed one by one on the validated store (the
    ``check_times`` slowest are kept)."""
    import pyoxigraph as ox

    log = log or (lambda text: None)
    with tempfile.TemporaryDirectory(prefix="wijkgraaf-bigload-") as tmp:
        work = Path(tmp)
        path = work / "big.ttl"
        log(f"generating about {triples:,} triples as Turtle …")
        made = _in_child("generate", triples, seed, path)
        log("preparing a store with the bundled knowledge base …")
        _in_child("prepare", work / "store")
        log("Wijkgraaf: load_paths(check=False) …")
        ours = _in_child("wijkgraaf", work / "store", path)
        log(f"  {ours['seconds']} s, {ours['rss_mb']} MB")
        log("Wijkgraaf: load_paths(check=True), the shapes checked in the engine …")
        _in_child("prepare", work / "checked")
        checked = _in_child("validated", work / "checked", path)
        log(f"  {checked['seconds']} s, {checked['rss_mb']} MB, "
            f"{checked['violations']} violations")
        timed = None
        if check_times:
            log("each shape check alone on the validated store …")
            timed = _in_child("check_times", work / "checked", check_times)
            log(f"  {timed['checks']} checks in {timed['total_s']} s one after the other")
        log("pyoxigraph: Store.bulk_load into a fresh directory …")
        bare = _in_child("bulk_load", work / "bare", path)
        log(f"  {bare['seconds']} s, {bare['rss_mb']} MB")
        return {"triples": made["triples"], "file_mb": round(path.stat().st_size / 1e6, 1),
                "pyoxigraph": ox.__version__, "python": platform.python_version(),
                "cpus": os.cpu_count(), "wijkgraaf": ours, "validated": checked,
                "bulk_load": bare, **({"check_times": timed} if timed else {})}


def to_markdown(results: dict) -> str:
    """One table: Wijkgraaf unvalidated and validated, bare ``bulk_load``, and the ratios."""
    ours, bare = results["wijkgraaf"], results["bulk_load"]
    checked = results.get("validated")

    def ratio(key: str, row: dict | None = None) -> str:
        row = ours if row is None else row
        return f"{row[key] / bare[key]:.2f}" if bare[key] else "–"

    def validated(key: str, fmt: str) -> str:
        if not checked:
            return ""
        return f" {format(checked[key], fmt)} | {ratio(key, checked)} |"

    return "\n".join([
        f"# Big load: {results['triples']:,} triples, Turtle {results['file_mb']} MB", "",
        f"pyoxigraph {results['pyoxigraph']}, Python {results.get('python', '?')}, "
        f"{results.get('cpus', '?')} CPUs. Wijkgraaf = `load_paths(check=False)` into an "
        "on-disk store holding the bundled knowledge base; bulk_load = "
        "`pyoxigraph.Store(dir).bulk_load` into a fresh directory; each in its own process.",
        "",
        "| measure | Wijkgraaf | bulk_load | ratio |"
        + (" validated | ratio |" if checked else ""),
        "| --- | ---: | ---: | ---: |" + (" ---: | ---: |" if checked else ""),
        f"| time (s) | {ours['seconds']:.2f} | {bare['seconds']:.2f} | {ratio('seconds')} |"
        + validated("seconds", ".2f"),
        f"| peak RSS (MB) | {ours['rss_mb']:.0f} | {bare['rss_mb']:.0f} | {ratio('rss_mb')} |"
        + validated("rss_mb", ".0f"),
        f"| store on disk (MB) | {ours['disk_mb']:.0f} | {bare['disk_mb']:.0f} | "
        f"{ratio('disk_mb')} |" + validated("disk_mb", ".0f"),
    ] + (["", f"Validated: {checked['violations']} violations found by the shapes "
          "(the check runs in full either way)."] if checked else [])
      + _check_times_markdown(results.get("check_times")))


def _check_times_markdown(timed: dict | None) -> list[str]:
    if not timed:
        return []
    return ["", f"Shape checks one at a time on the validated store: {timed['checks']} checks, "
            f"{timed['total_s']:.2f} s in all; the slowest:", "",
            "| s | shape | path | constraint | rows |", "| ---: | --- | --- | --- | ---: |",
            *(f"| {s:.2f} | {shape} | {path} | {component} | {rows} |"
              for s, shape, path, component, rows in timed["slowest"])]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        name, *rest = argv[1:]
        args = [int(a) if a.isdigit() else Path(a) for a in rest]
        print(json.dumps(_CHILDREN[name](*args)))
        return 0
    p = argparse.ArgumentParser(prog="python -m bench.bigload", description=__doc__.split(
        "\n\n")[0])
    p.add_argument("--triples", type=int, default=DEFAULT_TRIPLES,
                   help=f"size of the generated file (default {DEFAULT_TRIPLES:,})")
    p.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    p.add_argument("--json", help="also write the results as JSON to this file")
    p.add_argument("--check-times", type=int, default=0, metavar="N",
                   help="also time each shape check alone on the validated store and list "
                        "the N slowest")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    args = p.parse_args(argv)
    results = run(args.triples, args.seed,
                  None if args.quiet else lambda t: print(t, file=sys.stderr, flush=True),
                  check_times=args.check_times)
    print(to_markdown(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
