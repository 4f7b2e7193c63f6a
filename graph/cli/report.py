"""``wijkgraaf report``: the knowledge base in figures (:func:`graph.kb.kb_report`) as a
table (plain text), JSON or Markdown."""

from __future__ import annotations

import argparse
import json

from graph.cli.analytics import render
from graph.cli.common import store_from_args
from graph.kb import KBReport, kb_report
from ontology.kinds import noun

__all__ = ["register", "markdown"]

_W = {  # key → (nl, en)
    "title": ("Kennisbank in cijfers", "Knowledge base in figures"),
    "kinds": ("Items per soort", "Items per kind"), "kind": ("soort", "kind"),
    "n": ("aantal", "number"), "domain": ("domein", "domain"), "theme": ("thema", "theme"),
    "obstacles": ("belemmeringen", "obstacles"),
    "stated": ("oplossingen (genoemd)", "solutions (stated)"),
    "per_domain": ("Per domein", "Per domain"), "per_theme": ("Belemmeringen per thema",
                                                             "Obstacles per theme"),
    "evidence": ("Oplossingen per bewijsniveau", "Solutions per evidence level"),
    "level": ("bewijsniveau", "evidence level"), "none": ("(geen)", "(none)"),
    "fields": ("Velden ingevuld bij oplossingen", "Fields filled on solutions"),
    "field": ("veld", "field"), "filled": ("ingevuld", "filled"),
    "over": ("Belemmeringen met meer dan 4 domeinen", "Obstacles with more than 4 domains"),
    "domains": ("domeinen", "domains"), "label": ("naam", "name"),
    "sources": ("Bronnen per item", "Sources per item"), "items": ("items", "items"),
    "median": ("mediaan", "median"), "under_two": ("minder dan 2", "fewer than 2"),
    "figures": ("Overige cijfers", "Other figures"), "figure": ("cijfer", "figure"),
    "accessed": ("bronnen met datum geraadpleegd", "sources with an access date"),
    "not_accessed": ("bronnen zonder datum geraadpleegd", "sources without an access date"),
    "with_case": ("oplossingen met een Nederlands praktijkvoorbeeld",
                  "solutions with a Dutch practice case"),
    "municipality": ("praktijkvoorbeelden op gemeenteniveau", "cases at municipality level"),
    "district": ("praktijkvoorbeelden op wijkniveau", "cases at district level"),
    "neighbourhood": ("praktijkvoorbeelden op buurtniveau", "cases at neighbourhood level"),
    "no_area": ("praktijkvoorbeelden zonder gebied", "cases without an area"),
    "bridge": ("volste cel van de brugmatrix", "fullest bridge-matrix cell"),
    "checks": ("Doelen (issue 11)", "Targets (issue 11)"), "target": ("doel", "target"),
    "value": ("nu", "now"), "ok": ("gehaald", "met"),
}


def _w(key: str, lang: str) -> str:
    return _W[key][0 if lang == "nl" else 1]


def markdown(report: KBReport, lang: str = "nl") -> str:
    """The report as Markdown tables, one per part.

    >>> from graph.kb import ensure_ready, load_paths, open_store
    >>> store = ensure_ready(open_store(), bundled=False)
    >>> _ = load_paths(store, ["tests/data/mini.ttl"])
    >>> text = markdown(kb_report(store, "en"), "en")
    >>> text.splitlines()[0], "| housing | 2 | 2 |" in text
    ('## Knowledge base in figures (version 2)', True)
    """
    def w(key: str) -> str:
        return _w(key, lang)
    version = "versie" if lang == "nl" else "version"
    parts = [f"## {w('title')} ({version} {report.version})"]

    def table(title, columns, rows):
        parts.append(render("markdown", title, columns, rows, None))
    table(w("kinds"), [w("kind"), w("n")],
          [[noun(k, lang, plural=True), n] for k, n in report.counts.items()])
    stated = {t.iri: t.n for t in report.solutions_per_domain}
    table(w("per_domain"), [w("domain"), w("obstacles"), w("stated")],
          [[t.label, t.n, stated.get(t.iri, 0)] for t in report.obstacles_per_domain])
    table(w("per_theme"), [w("theme"), w("obstacles")],
          [[t.label, t.n] for t in report.obstacles_per_theme])
    table(w("evidence"), [w("level"), w("n")],
          [[t.label or w("none"), t.n] for t in report.evidence])
    table(w("fields"), [w("field"), w("filled"), "nl", "en"],
          [[f.label, f.filled, "" if f.nl is None else f.nl, "" if f.en is None else f.en]
           for f in report.fields])
    table(w("over"), ["id", w("label"), w("domains")],
          [[t.id, t.label, t.n] for t in report.over_domain_limit])
    table(w("sources"), [w("kind"), w("items"), "min", w("median"), "max", w("under_two")],
          [[noun(s.kind, lang, plural=True), s.items, s.min, f"{s.median:g}", s.max,
            f"{len(s.under_two)}" + (f" ({', '.join(t.id for t in s.under_two)})"
                                     if s.under_two else "")] for s in report.sources])
    c, peak = report.cases_per_level, report.bridge_max
    table(w("figures"), [w("figure"), w("n")], [
        [w("accessed"), report.sources_accessed], [w("not_accessed"), report.sources_not_accessed],
        [w("with_case"), f"{report.solutions_with_case} ({report.solutions_with_case_share:.0%})"],
        [w("municipality"), c["municipality"]], [w("district"), c["district"]],
        [w("neighbourhood"), c["neighbourhood"]], [w("no_area"), c["none"]],
        [w("bridge"), f"{peak.n} ({peak.label_a} × {peak.label_b})"]])
    i = 0 if lang == "nl" else 1
    table(w("checks"), [w("figure"), w("value"), w("target"), w("ok")],
          [[ch.text[i], *ch.shown(lang), "✓" if ch.ok else "✗"] for ch in report.checks()])
    return "\n\n".join(parts)


def cmd_report(args) -> int:
    report = kb_report(store_from_args(args), args.lang)
    if args.format == "json":
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(markdown(report, args.lang))
    else:
        print(report.text(args.lang))
    return 0


def register(sub, common: argparse.ArgumentParser) -> None:
    """Add ``wijkgraaf report`` to the parser."""
    p = sub.add_parser("report", parents=[common],
                       help="the knowledge base in figures: counts per kind, domain and theme, "
                            "evidence, fields filled, sources, cases, bridges, targets")
    p.add_argument("--format", choices=["table", "json", "markdown"], default="table",
                   help="output format (default table)")
    p.set_defaults(func=cmd_report)
