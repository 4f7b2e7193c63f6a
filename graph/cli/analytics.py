"""The analytics subcommands: ``bridges``, ``routes``, ``rank``, ``solutions``, ``agenda``,
``gaps``. Each is a thin call into one library function; output as a table, JSON or Markdown.
``bridges`` and ``gaps`` read the one bridge map (:func:`graph.analytics.bridge_map`) the app's
page draws, with the same filters.

Item arguments go through the one resolver (:func:`graph.items.resolve`): ids (``O08``), full
IRIs, CBS codes, names in Dutch or English and the words people use (``--wijk Overvecht``,
``huisarts``, ``schulden``); an unknown or ambiguous one stops the command with exit code 2
and the candidates.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Sequence

import sys

from ontology import InputError, Message, UnknownIdError
from graph.cli.common import store_from_args
from graph.analytics import AmbiguousIdError, ordinal, short_id
from graph.items import build_index, named_projection, resolve

__all__ = ["register", "render"]

_T = {  # column and title words: key → (nl, en)
    "rank": ("#", "#"), "id": ("id", "id"), "label": ("naam", "name"),
    "reason": ("waarom", "why"), "basis": ("grond", "basis"), "route": ("route", "route"),
    "steps": ("stappen", "steps"), "obstacles": ("belemmeringen", "obstacles"),
    "solutions": ("oplossingen", "solutions"), "domains": ("domeinen", "domains"),
    "share": ("aandeel", "share"), "cost": ("kosten", "cost"), "covers": ("sluit", "closes"),
    "types": ("organisatietypen", "organisation types"), "members": ("leden", "members"),
    "shortfall": ("tekort", "shortfall"), "pair": ("domeinpaar", "domain pair"),
    "open_gap": ("bewust open", "known gap"), "for": ("voor", "for"),
    "tie": ("bij gelijke stand", "on a tie"),
    "category": ("soort belemmering", "obstacle category"),
    "uncovered": ("zonder oplossing", "without a solution"),
    "stated": ("genoemd", "stated"), "derived": ("afgeleid", "derived"),
    "theme": ("thema", "theme"), "organisation_type": ("organisatietype", "organisation type"),
    "effort": ("inspanning", "effort"), "decision": ("beslisniveau", "decision"),
    "evidence": ("bewijs", "evidence"), "area": ("gebied", "area"),
}


def _w(key: str, lang: str) -> str:
    return _T[key][0 if lang == "nl" else 1]


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def render(fmt: str, title: str, columns: Sequence[str], rows: Sequence[Sequence[object]],
           data: object, notes: Sequence[str] = ()) -> str:
    """A result as ``table`` (aligned text), ``markdown`` or ``json`` (``data`` as plain data).

    >>> print(render("markdown", "T", ["a", "b"], [[1, "x|y"]], {}))
    ### T
    <BLANKLINE>
    | a | b |
    | --- | --- |
    | 1 | x\\|y |
    """
    if fmt == "json":
        return json.dumps(_plain(data), ensure_ascii=False, indent=2)
    if fmt == "markdown":
        lines = [f"### {title}", "", "| " + " | ".join(columns) + " |",
                 "| " + " | ".join("---" for _ in columns) + " |"]
        lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
        return "\n".join(lines + ([""] + [f"_{n}_" for n in notes] if notes else []))
    texts = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in texts]) for i, c in enumerate(columns)]
    def fmt_row(cells):
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    lines = [title, "=" * len(title), fmt_row(columns), fmt_row(["-" * w for w in widths])]
    lines += [fmt_row(r) for r in texts] or ["(—)"]
    return "\n".join(lines + ([""] + list(notes) if notes else []))


def _graph(args):
    return _open(args)[0]


def _open(args):
    """The projection, and the one resolver (:func:`graph.items.resolve`) for the command's
    item arguments: ids, names and the words people use; a name taken for an item is shown on
    stderr (``schulden → O31 …``)."""
    store = store_from_args(args)
    index = build_index(store)

    def names(values, kind: str | None = None) -> list[str]:
        out = []
        for value in values:
            iri = resolve(index, value, kind, args.lang)
            if value.strip() not in (iri, short_id(iri)):
                print(f"{value} → {short_id(iri)} {index.label(iri, args.lang)}",
                      file=sys.stderr)
            out.append(iri)
        return list(dict.fromkeys(out))
    return named_projection(store, args.lang), names


def _out(args, *parts, **kw) -> int:
    print(render(args.format, *parts, **kw))
    return 0


def _filters(args, G, names):
    """The bridge map's filters from ``--theme``, ``--organisation-type``, ``--effort``,
    ``--decision``, ``--evidence``, ``--area`` and ``--basis``: items through the one
    resolver, levels by id or label."""
    from graph.analytics import FACETS, MapFilters, resolve_option

    chosen = {}
    for facet in FACETS:
        values = getattr(args, facet, None) or []
        kind = {"theme": "theme", "organisation_type": "organisation_type",
                "area": "area"}.get(facet)
        chosen[facet] = tuple(names(values, kind) if kind else
                              [resolve_option(G, facet, v) for v in values])
    return MapFilters(**chosen, basis=args.basis)


def cmd_bridges(args) -> int:
    from graph.analytics import bridge_map, bridging_solutions, option_label

    (G, names), lang = _open(args), args.lang
    filters = _filters(args, G, names)
    if args.domains:
        if len(args.domains) != 2:
            raise InputError(Message("two_domains"))
        a, b = (names([d], "domain")[0] for d in args.domains)
        if a == b:
            raise InputError(Message("two_different_domains", item=short_id(a)))
        cell = bridge_map(G, "domains", filters).cell(a, b)
        ranked = bridging_solutions(G, a, b, lang=lang, candidates=cell.solutions)
        rows = [[r.rank, short_id(r.solution), r.label,
                 "+".join(_w(w, lang) for w, on in (("stated", r.stated), ("derived", r.derived))
                          if on),
                 r.reason[lang]] for r in ranked]
        title = ("Oplossingen die verbinden: " if lang == "nl" else "Solutions that bridge: ") \
            + " × ".join(args.domains)
        return _out(args, title, [_w(k, lang) for k in ("rank", "id", "label", "basis",
                                                          "reason")], rows, ranked)
    m = bridge_map(G, args.view, filters)
    what = args.count

    def head(x):
        return G.nodes[x].get("notation") if x in G else None

    heads = [head(d) or short_id(d) for d in m.cols]
    rows = []
    for d in m.rows:
        row: list[object] = [f"{head(d) or short_id(d)} {option_label(G, d, lang)}"
                             if head(d) else option_label(G, d, lang)]
        for e in m.cols:
            if d == e:
                row.append(len(m.obstacles_in[d]) if what == "obstacles" else "·")
                continue
            cell = m.cell(d, e)
            row.append(len(cell.obstacles if what == "obstacles" else cell.solutions))
        rows.append(row)
    title = {("nl", "solutions"): "Overbruggende oplossingen per domeinpaar",
             ("en", "solutions"): "Bridging solutions per domain pair",
             ("nl", "obstacles"): "Belemmeringen per domeinpaar",
             ("en", "obstacles"): "Obstacles per domain pair"}[lang, what]
    if args.view == "categories":
        title = {("nl", "solutions"): "Oplossingen per soort belemmering en domein",
                 ("en", "solutions"): "Solutions per obstacle category and domain",
                 ("nl", "obstacles"): "Belemmeringen per soort en domein",
                 ("en", "obstacles"): "Obstacles per category and domain"}[lang, what]
    first = _w("domains", lang) if args.view == "domains" else _w("category", lang)
    notes = ([("Filters: " if lang == "nl" else "Filters: ") + "; ".join(
        f"{_w(k, lang) if k in _T else k} = {', '.join(short_id(v) for v in vs)}"
        for k, vs in filters.chosen().items())] if filters.active else [])
    return _out(args, title, [first, *heads], rows, m, notes=notes)


def cmd_routes(args) -> int:
    from graph.analytics import routes

    G, names = _open(args)
    found = routes(G, names([args.a])[0], names([args.b])[0], k=args.k, lang=args.lang,
                   skip_kinds=args.skip or ())
    from graph.analytics import shared_problems

    shared = shared_problems(_graph(args), args.a, args.b, lang=args.lang)
    rows = [[i, r.length, r.sentence[args.lang]] for i, r in enumerate(found, 1)]
    title = (f"Routes van {args.a} naar {args.b}" if args.lang == "nl"
             else f"Routes from {args.a} to {args.b}")
    notes = [] if found else ["Geen route gevonden." if args.lang == "nl" else "No route found."]
    if shared:
        notes.append(("Gedeeld probleem (geen route): " if args.lang == "nl" else
                      "Shared problem (not a route): ")
                     + "; ".join(p.label for p in shared))
    return _out(args, title, [_w(k, args.lang) for k in ("rank", "steps", "route")], rows,
                found, notes=notes)


def cmd_rank(args) -> int:
    from graph.analytics import parse_kind
    from graph.analytics import communities, key_players

    G, lang = _graph(args), args.lang
    if args.kind.lower() in {"communities", "clusters", "gemeenschappen"}:
        found = communities(G, min_size=args.min_size)[: args.top]
        rows = [[c.number, c.name, len(c.obstacles), len(c.solutions),
                 ", ".join(short_id(n) for n in c.members)] for c in found]
        return _out(args, "Clusters", [
            _w("rank", lang), _w("label", lang), _w("obstacles", lang), _w("solutions", lang),
            _w("members", lang)], rows, found)
    if args.between:
        return _rank_between(args)
    ranking = key_players(G, parse_kind(args.kind), top=args.top)
    measures = list(ranking.measures)
    rows = [[ordinal(p.rank, lang, p.shared), short_id(p.id), p.label,
             *(_num(p.scores[m]) for m in measures), p.explanation[lang]]
            for p in ranking.players]
    notes = [f"{m}: {text[lang]}" for m, text in ranking.measures.items()]
    notes.append(("methode: " if lang == "nl" else "method: ") + ranking.method.get(lang, ""))
    from ontology.kinds import noun as kind_noun

    noun = kind_noun(ranking.kind, lang)
    return _out(args, ("Sleutelspelers: " if lang == "nl" else "Key players: ") + noun,
                [_w("rank", lang), "id", _w("label", lang), *measures, _w("reason", lang)],
                rows, ranking, notes=notes)


def _rank_between(args) -> int:
    """``rank KIND --between A B``: who connects two domains or domain groups, in words."""
    from graph.analytics import CRITERIA, brokers, parse_kind

    from graph.analytics.advice import resolve_side, side_name
    from ontology import UnknownIdError

    (G, names), lang = _open(args), args.lang

    def side(value: str) -> str:  # a domain group by id or name, else a domain by any word
        try:
            return resolve_side(G, value)
        except UnknownIdError:
            return names([value], "domain")[0]
    a, b = side(args.between[0]), side(args.between[1])
    ranking = brokers(G, a, b, parse_kind(args.kind), top=args.top, lang=lang)
    rows = [[ordinal(p.place, lang, p.shared), short_id(p.id), p.label, p.text[lang],
             CRITERIA[p.decided_by][lang] if p.decided_by else ""] for p in ranking.players]
    one, other = (side_name(G, x, lang) for x in ranking.sides)
    title = (f"Wie verbindt {one} en {other}?" if lang == "nl" else
             f"Who connects {one} and {other}?")
    return _out(args, title, [_w(k, lang) for k in ("rank", "id", "label", "reason", "tie")],
                rows, ranking, notes=[ranking.order[lang]])


def _num(value: object) -> object:
    return f"{value:.3f}" if isinstance(value, float) else value


def cmd_solutions(args) -> int:
    from graph.analytics import solutions_for

    G, names = _open(args)
    ranked = solutions_for(G, names(args.obstacles, "obstacle"), lang=args.lang, top=args.top)
    lang = args.lang
    rows = [[m.rank, short_id(m.solution), m.label, f"{m.share:.0%}", m.reason[lang]]
            for m in ranked]
    return _out(args, "Oplossingen" if lang == "nl" else "Solutions",
                [_w(k, lang) for k in ("rank", "id", "label", "share", "reason")], rows, ranked)


def cmd_agenda(args) -> int:
    from graph.analytics import agenda

    (G, names), lang = _open(args), args.lang
    area = names([args.neighbourhood], "area")[0] if args.neighbourhood else None
    chosen, unmatched = [], []
    for theme in args.obstacles:  # a theme that names no obstacle stays open, it is no error
        try:
            chosen += names([theme], "obstacle")
        except AmbiguousIdError:
            raise
        except UnknownIdError:
            unmatched.append(theme)
    a = agenda(G, list(dict.fromkeys(chosen)), neighbourhood=area,
               max_solutions=args.max_solutions, lang=lang, unmatched=unmatched)
    rows = [[i, short_id(it.solution), it.label, ", ".join(short_id(o) for o in it.covers),
             f"{it.cost:g}", it.reason[lang]] for i, it in enumerate(a.items, 1)]
    def who(t) -> str:
        names = ", ".join(G.nodes[o]["labels"][lang] for o in t.organisations[:4])
        return f"{t.label} ({len(t.for_solutions)})" + (f": {names}" if names else "")
    invite = "; ".join(who(t) for t in a.invite) or "—"
    notes = [("Uitnodigen: " if lang == "nl" else "Invite: ") + invite]
    if a.local:
        here = a.local
        names = {k: ", ".join(G.nodes[n]["labels"][lang] for n in v[:6]) or "—" for k, v in
                 (("cases", here.cases), ("programmes", here.programmes),
                  ("organisations", here.organisations))}
        nl = lang == "nl"
        notes += [("Praktijk hier en in de gemeente: " if nl else "Practice here and in the "
                   "municipality: ") + names["cases"],
                  ("Programma's actief hier: " if nl else "Programmes active here: ")
                  + names["programmes"],
                  ("Organisaties hier: " if nl else "Organisations here: ")
                  + names["organisations"]]
    notes += [("Open: " if lang == "nl" else "Open: ") + f"{short_id(u.obstacle)} {u.label} — "
              f"{u.reason[lang]}" for u in a.uncovered]
    notes += [("Open (geen belemmering gevonden): " if lang == "nl" else
               "Open (no obstacle found): ") + f"'{w}'" for w in a.unmatched]
    return _out(args, "Wijkagenda (concept)" if lang == "nl" else "Neighbourhood agenda (draft)",
                [_w(k, lang) for k in ("rank", "id", "label", "covers", "cost", "reason")],
                rows, a, notes=notes)


def cmd_gaps(args) -> int:
    from graph.analytics import gaps

    (G, names), lang = _open(args), args.lang
    g = gaps(G, args.min_obstacles, filters=_filters(args, G, names))
    if args.format == "json":
        return _out(args, "", [], [], g)
    first = render(args.format, "Belemmeringen zonder oplossing" if lang == "nl" else
                   "Obstacles without a solution",
                   ["id", _w("label", lang), _w("open_gap", lang)],
                   [[short_id(u.obstacle), u.label, "✓" if u.open_gap else ""]
                    for u in g.unsolved], g)
    second = render(args.format, "Witte vlekken per domeinpaar" if lang == "nl" else
                    "Gaps per domain pair",
                    [_w(k, lang) for k in ("pair", "obstacles", "solutions", "shortfall",
                                           "uncovered")],
                    [[" × ".join(p.labels), p.obstacles, p.solutions, p.shortfall,
                      " ".join(short_id(o) for o in p.uncovered)] for p in g.thin_pairs], g)
    print(first + "\n\n" + second)
    return 0


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add the analytics subcommands to the ``wijkgraaf`` parser."""
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=["table", "json", "markdown"], default="table",
                     help="output format (default table)")
    parents = [common, fmt]

    p = subparsers.add_parser("bridges", parents=parents,
                              help="domain × domain bridge matrix, or the solutions that "
                                   "bridge two domains")
    p.add_argument("domains", nargs="*", metavar="DOMAIN", help="two domains (ids or labels)")
    p.add_argument("--count", choices=["solutions", "obstacles"], default="solutions",
                   help="what the matrix counts (default solutions)")
    p.add_argument("--view", choices=["domains", "categories"], default="domains",
                   help="domain × domain (default) or obstacle category × domain")
    _filter_args(p)
    p.set_defaults(func=cmd_bridges)

    p = subparsers.add_parser("routes", parents=parents,
                              help="the k shortest routes between two items, as sentences")
    p.add_argument("a", help="from (id or label)")
    p.add_argument("b", help="to (id or label)")
    p.add_argument("-k", type=int, default=3, help="how many routes (default 3)")
    p.add_argument("--skip", nargs="+", metavar="KIND",
                   help="leave items of these kinds out of the middle (e.g. theme)")
    p.set_defaults(func=cmd_routes)

    p = subparsers.add_parser("rank", parents=parents,
                              help="key players of a kind (organisation-type, organisation, "
                                   "solution, obstacle), or 'communities'; with --between A "
                                   "B: who connects two domains or domain groups, in words")
    p.add_argument("kind", help="organisation-type | organisation | solution | obstacle | "
                                "communities")
    p.add_argument("--top", type=int, default=None, help="only the first N")
    p.add_argument("--min-size", type=int, default=1, help="communities: smallest size shown")
    p.add_argument("--between", nargs=2, metavar=("A", "B"),
                   help="organisation types or solutions that connect two domains or domain "
                        "groups (e.g. sociaal-domein fysiek-domein), each with why")
    p.set_defaults(func=cmd_rank)

    p = subparsers.add_parser("solutions", parents=parents,
                              help="solutions for a set of obstacles, ranked with reasons")
    p.add_argument("obstacles", nargs="+", metavar="OBSTACLE")
    p.add_argument("--top", type=int, default=None, help="only the first N")
    p.set_defaults(func=cmd_solutions)

    p = subparsers.add_parser("agenda", parents=parents,
                              help="draft neighbourhood agenda: a small set of solutions for "
                                   "the obstacles, whom to invite, what stays open")
    p.add_argument("obstacles", nargs="+", metavar="OBSTACLE")
    p.add_argument("--neighbourhood", "--wijk", dest="neighbourhood",
                   help="prefer solutions applied in or near this area (id, CBS code, name)")
    p.add_argument("--max", dest="max_solutions", type=int, default=None,
                   help="at most this many solutions")
    p.set_defaults(func=cmd_agenda)

    p = subparsers.add_parser("gaps", parents=parents,
                              help="obstacles without solutions; thinly bridged domain pairs")
    p.add_argument("--min-obstacles", type=int, default=1,
                   help="pairs with at least this many obstacles (default 1)")
    _filter_args(p)
    p.set_defaults(func=cmd_gaps)


def _filter_args(p: argparse.ArgumentParser) -> None:
    """The bridge map's filters (the app's page has the same)."""
    p.add_argument("--basis", choices=["any", "stated", "derived"], default="any",
                   help="which bridges count: stated (wg:bridgesDomain), derived (from the "
                        "obstacles addressed) or any (default)")
    for flag, what in (("theme", "these themes (solutions and obstacles)"),
                       ("organisation-type", "solutions these organisation types take part "
                                             "in or decide"),
                       ("effort", "solutions of this effort (laag, middel, hoog)"),
                       ("decision", "solutions decided at this level (e.g. professional)"),
                       ("evidence", "solutions of this evidence level"),
                       ("area", "solutions with a practice case in this area or inside it")):
        p.add_argument(f"--{flag}", nargs="+", metavar="VALUE", help="count only " + what)
