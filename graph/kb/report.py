"""The knowledge base in figures: what the editors' quality page and the tests hold it to.

:func:`kb_report` counts with a few SPARQL aggregates (``GROUP BY`` in the store): items per
kind (:mod:`ontology.kinds`); obstacles per domain and per theme, solutions per domain (stated
bridges); solutions per evidence level, blank included; how many solutions fill each field
professionals look for (:data:`FIELDS`), per language where the field is text; obstacles over
:data:`DOMAIN_LIMIT` domains; sources per item of each kind (min, median, max, fewer than two)
and sources with an access date; solutions with a Dutch practice case (a case in an area with
a CBS code); cases by their finest area (municipality, district = wijk, neighbourhood = buurt);
and the fullest cell of the bridge matrix (stated and derived,
:func:`graph.analytics.bridge_matrix`). :meth:`KBReport.checks` sets the figures beside the
targets of issue 11 (:data:`TARGETS`).

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, ["tests/data/mini.ttl"])
>>> r = kb_report(store, "en")
>>> r.counts["obstacle"], r.counts["solution"], r.counts["area"]
(3, 2, 2)
>>> [(t.label or "(blank)", t.n) for t in r.evidence]  # doctest: +NORMALIZE_WHITESPACE
[('not established', 0), ('practice-based', 0), ('well described', 1), ('well founded', 0),
 ('effective', 0), ('(blank)', 1)]
>>> r.cases_per_level, r.solutions_with_case, r.bridge_max.n
({'municipality': 0, 'district': 1, 'neighbourhood': 0, 'none': 0}, 1, 2)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from statistics import median

from ontology.kinds import CLASS_KIND, KINDS
from ontology.vocab import DCT, ITEM_BASE, RDFS, SKOS, WG
from graph.analytics import bridge_matrix, project
from graph.store import Store

__all__ = ["DOMAIN_LIMIT", "FIELDS", "SEED_DOMAINS", "TARGETS", "Tally", "FieldFill",
           "SourceSpread", "BridgePeak", "Check", "KBReport", "kb_report"]

#: an obstacle affects at most this many domains
DOMAIN_LIMIT = 4
#: the fields professionals look for in a solution, in display order
FIELDS = (WG.goal, WG.targetGroup, WG.activeElement, WG.costBand, WG.costNote, WG.materials,
          WG.methodOwner, WG.contactPage, WG.evidenceRecord, WG.evidenceNote, SKOS.altLabel,
          SKOS.hiddenLabel)
#: the five domains the 2018 learning circle starts from
SEED_DOMAINS = tuple(ITEM_BASE + d for d in ("dom-gezondheid", "dom-milieu", "dom-veiligheid",
                                             "dom-wonen", "dom-leefbaarheid"))
#: the figures issue 11 asks of the bundled knowledge base
TARGETS = {"solutions": 100, "obstacles": 60, "cases": 60, "obstacles_per_seed_domain": 10,
           "obstacles_per_theme": 10, "solutions_with_case_share": 0.8,
           "cases_local_share": 0.5}

_W = {  # words of the text: key → (nl, en)
    "title": ("Kennisbank in cijfers", "Knowledge base in figures"),
    "version": ("versie", "version"), "kinds": ("Items per soort", "Items per kind"),
    "per_domain": ("Belemmeringen en oplossingen per domein", "Obstacles and solutions per domain"),
    "obstacles": ("belemmeringen", "obstacles"),
    "solutions": ("oplossingen (genoemde bruggen)", "solutions (stated bridges)"),
    "per_theme": ("Belemmeringen per thema", "Obstacles per theme"),
    "evidence": ("Oplossingen per bewijsniveau", "Solutions per evidence level"),
    "none": ("(geen)", "(none)"), "fields": ("Velden ingevuld bij oplossingen",
                                             "Fields filled on solutions"),
    "over": ("Belemmeringen met meer dan {n} domeinen", "Obstacles with more than {n} domains"),
    "sources": ("Bronnen per item", "Sources per item"),
    "under_two": ("minder dan 2", "fewer than 2"), "kind": ("soort", "kind"),
    "items": ("items", "items"), "median": ("mediaan", "median"),
    "accessed": ("Bronnen met datum geraadpleegd: {a}, zonder: {b}",
                 "Sources with an access date: {a}, without: {b}"),
    "with_case": ("Oplossingen met een Nederlands praktijkvoorbeeld: {n} van {of} ({p})",
                  "Solutions with a Dutch practice case: {n} of {of} ({p})"),
    "levels": ("Praktijkvoorbeelden naar fijnste gebied: gemeente {municipality}, wijk "
               "{district}, buurt {neighbourhood}, zonder gebied {none}",
               "Practice cases by finest area: municipality {municipality}, district "
               "{district}, neighbourhood {neighbourhood}, no area {none}"),
    "bridge": ("Volste cel van de brugmatrix (genoemd en afgeleid): {n} oplossingen ({a} × {b});"
               " de helft van alle oplossingen is {half}",
               "Fullest cell of the bridge matrix (stated and derived): {n} solutions ({a} × {b});"
               " half of all solutions is {half}"),
    "checks": ("Doelen (issue 11)", "Targets (issue 11)"), "target": ("doel", "target"),
}
_C = {  # the words of each check: key → (nl, en)
    "solutions": ("oplossingen", "solutions"), "obstacles": ("belemmeringen", "obstacles"),
    "cases": ("praktijkvoorbeelden", "practice cases"),
    "evidence_blank": ("oplossingen zonder bewijsniveau", "solutions without evidence level"),
    "over_domain_limit": (f"belemmeringen met meer dan {DOMAIN_LIMIT} domeinen",
                          f"obstacles with more than {DOMAIN_LIMIT} domains"),
    "solutions_with_case_share": ("aandeel oplossingen met praktijkvoorbeeld",
                                  "share of solutions with a practice case"),
    "cases_local_share": ("aandeel voorbeelden op wijk- of buurtniveau",
                          "share of cases at district or neighbourhood level"),
    "bridge_max": ("volste cel van de brugmatrix", "fullest bridge-matrix cell"),
    "solutions_under_two_sources": ("oplossingen met minder dan 2 bronnen",
                                    "solutions with fewer than 2 sources"),
}
_FIELD_WORDS = {SKOS.altLabel: ("andere namen", "other names"),
                SKOS.hiddenLabel: ("zoekwoorden", "search words")}
_LEVELS = {WG.Municipality: "municipality", WG.District: "district",
           WG.Neighbourhood: "neighbourhood"}


@dataclass(frozen=True)
class Tally:
    """A number for one item: its IRI, short id, label in the report's language, and ``n``."""

    iri: str
    id: str
    label: str
    n: int


@dataclass(frozen=True)
class FieldFill:
    """How many solutions fill a field; ``nl`` and ``en`` count text in that language
    (``None`` for a field that holds a link or a concept)."""

    field: str
    label: str
    filled: int
    nl: int | None = None
    en: int | None = None


@dataclass(frozen=True)
class SourceSpread:
    """Sources per item of one kind: how many items, min, median, max, and the items with
    fewer than two sources (``n`` = their number of sources)."""

    kind: str
    items: int
    min: int
    median: float
    max: int
    under_two: tuple[Tally, ...]


@dataclass(frozen=True)
class BridgePeak:
    """The fullest cell of the bridge matrix: its domains (ids and labels) and solutions."""

    a: str
    b: str
    label_a: str
    label_b: str
    n: int


@dataclass(frozen=True)
class Check:
    """One figure beside its target (a floor, or a ceiling when ``at_most``): ``ok`` when it
    is met; ``text`` is (nl, en)."""

    key: str
    text: tuple[str, str]
    value: float
    target: float
    ok: bool
    at_most: bool = False

    def shown(self, lang: str = "nl") -> tuple[str, str]:
        """The figure and the target as people read them: ``('74%', '≥ 80%')``."""
        i = 0 if lang == "nl" else 1
        if "share" in self.key:
            value, target = f"{self.value:.0%}", f"{self.target:.0%}"
        else:
            value, target = _num(self.value, i), _num(self.target, i)
        return value, ("≤ " if self.at_most else "≥ ") + target


@dataclass(frozen=True)
class KBReport:
    """The figures of one store version, labels in ``lang``."""

    version: int
    lang: str
    counts: dict[str, int]
    obstacles_per_domain: tuple[Tally, ...]
    solutions_per_domain: tuple[Tally, ...]
    obstacles_per_theme: tuple[Tally, ...]
    evidence: tuple[Tally, ...]
    fields: tuple[FieldFill, ...]
    over_domain_limit: tuple[Tally, ...]
    sources: tuple[SourceSpread, ...]
    sources_accessed: int
    sources_not_accessed: int
    solutions_with_case: int
    cases_per_level: dict[str, int]
    bridge_max: BridgePeak

    @property
    def solutions_without_evidence(self) -> int:
        """Solutions with no evidence level at all."""
        return sum(t.n for t in self.evidence if not t.iri)

    @property
    def solutions_with_case_share(self) -> float:
        """The share of solutions with a Dutch practice case (0 when there are none)."""
        return _share(self.solutions_with_case, self.counts.get("solution", 0))

    @property
    def cases_local_share(self) -> float:
        """The share of practice cases placed at district or neighbourhood level."""
        c = self.cases_per_level
        return _share(c["district"] + c["neighbourhood"], sum(c.values()))

    def spread(self, kind: str) -> SourceSpread | None:
        """The sources per item of ``kind`` (``None`` when the kind has no items)."""
        return next((s for s in self.sources if s.kind == kind), None)

    def checks(self) -> tuple[Check, ...]:
        """Every figure of issue 11 beside its target, in the report's order."""
        n, T, sol = self.counts, TARGETS, self.spread("solution")
        out = [_check(k, _C[k], n.get(kind, 0), T[k]) for k, kind in
               (("solutions", "solution"), ("obstacles", "obstacle"), ("cases", "case"))]
        out += [_check("domain:" + t.id, (f"belemmeringen in {t.label}", f"obstacles in {t.label}"),
                       t.n, T["obstacles_per_seed_domain"])
                for t in self.obstacles_per_domain if t.iri in SEED_DOMAINS]
        out += [_check("theme:" + t.id, (f"belemmeringen in thema {t.label}",
                       f"obstacles in theme {t.label}"), t.n, T["obstacles_per_theme"])
                for t in self.obstacles_per_theme]
        figures = [("evidence_blank", self.solutions_without_evidence, 0, -1),
                   ("over_domain_limit", len(self.over_domain_limit), 0, -1),
                   ("solutions_with_case_share", round(self.solutions_with_case_share, 3),
                    T["solutions_with_case_share"], 1),
                   ("cases_local_share", round(self.cases_local_share, 3),
                    T["cases_local_share"], 1),
                   ("bridge_max", self.bridge_max.n, n.get("solution", 0) / 2, -1),
                   ("solutions_under_two_sources", len(sol.under_two) if sol else 0, 0, -1)]
        return tuple(out + [_check(k, _C[k], v, target, d) for k, v, target, d in figures])

    def to_dict(self) -> dict:
        """The report as plain data (JSON-ready), with the shares and the checks."""
        data = asdict(self)
        data.update(solutions_without_evidence=self.solutions_without_evidence,
                    solutions_with_case_share=self.solutions_with_case_share,
                    cases_local_share=self.cases_local_share,
                    checks=[asdict(c) for c in self.checks()])
        return data

    def text(self, lang: str | None = None) -> str:
        """The report as plain text in ``lang`` (words; labels stay in the report's language)."""
        i = 0 if (lang or self.lang) == "nl" else 1
        def w(key: str, **values) -> str:
            return _W[key][i].format(**values) if values else _W[key][i]
        lines = [f"{w('title')} ({w('version')} {self.version})", "", w("kinds")]
        lines += [f"{self.counts.get(k.name, 0):>6}  {k.plural['nl' if i == 0 else 'en']}"
                  for k in KINDS if k.name in self.counts]
        a, b = w("obstacles"), w("solutions")
        lines += ["", w("per_domain"), f"{a}  {b}"]
        stated = {t.iri: t.n for t in self.solutions_per_domain}
        lines += [f"{t.n:>{len(a)}}  {stated.get(t.iri, 0):>{len(b)}}  {t.label}"
                  for t in self.obstacles_per_domain]
        lines += ["", w("per_theme")] + [f"{t.n:>6}  {t.label}" for t in self.obstacles_per_theme]
        lines += ["", w("evidence")] + [f"{t.n:>6}  {t.label or w('none')}"
                                        for t in self.evidence]
        lines += ["", w("fields") + f" ({self.counts.get('solution', 0)}; nl/en)"]
        lines += [f"{f.filled:>6}  {f.label}" + ("" if f.nl is None else f"  ({f.nl}/{f.en})")
                  for f in self.fields]
        lines += ["", w("over", n=DOMAIN_LIMIT) + f": {len(self.over_domain_limit)}"]
        lines += [f"        {t.id} ({t.n})  {t.label}" for t in self.over_domain_limit]
        lines += ["", w("sources"), f"{w('kind'):<22}{w('items'):>6}{'min':>5}"
                  f"{w('median'):>8}{'max':>5}  {w('under_two')}"]
        for s in self.sources:
            few = ", ".join(t.id for t in s.under_two[:8]) + (" …" if len(s.under_two) > 8
                                                               else "")
            word = next(k.plural["nl" if i == 0 else "en"] for k in KINDS if k.name == s.kind)
            lines.append(f"{word:<22}{s.items:>6}{s.min:>5}{_num(s.median, i):>8}{s.max:>5}  "
                         f"{len(s.under_two)}" + (f" ({few})" if few else ""))
        lines += ["", w("accessed", a=self.sources_accessed, b=self.sources_not_accessed),
                  w("with_case", n=self.solutions_with_case, of=self.counts.get("solution", 0),
                    p=f"{self.solutions_with_case_share:.0%}"),
                  w("levels", **self.cases_per_level),
                  w("bridge", n=self.bridge_max.n, a=self.bridge_max.label_a,
                    b=self.bridge_max.label_b, half=_num(self.counts.get("solution", 0) / 2, i)),
                  "", w("checks")]
        for c in self.checks():
            value, target = c.shown("nl" if i == 0 else "en")
            lines.append(f"  {'✓' if c.ok else '✗'} {c.text[i]}: {value} ({w('target')} {target})")
        return "\n".join(lines)


def _check(key: str, text: tuple[str, str], value: float, target: float,
           direction: int = 1) -> Check:
    return Check(key, text, value, target,
                 value >= target if direction > 0 else value <= target, direction < 0)


def _num(value: float, i: int) -> str:
    """A number as people write it: ``38.5`` in English, ``38,5`` in Dutch (``i`` 0)."""
    text = f"{value:g}"
    return text.replace(".", ",") if i == 0 else text


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _short(iri: str) -> str:
    return iri[len(ITEM_BASE):] if iri.startswith(ITEM_BASE) else iri.rsplit("/", 1)[-1]


def _label(lang: str, var: str = "x") -> str:
    """An OPTIONAL block binding ``?label`` to a prefLabel of ``?var``, ``lang`` first."""
    return (f"OPTIONAL {{ ?{var} <{SKOS.prefLabel}> ?l1 FILTER(LANG(?l1) = \"{lang}\") }} "
            f"OPTIONAL {{ ?{var} <{SKOS.prefLabel}> ?l2 }}")


def _tally(r) -> Tally:
    x = r["x"].value
    return Tally(x, _short(x), r["label"].value if "label" in r else _short(x), int(r["n"].value))


def _tallies(rows) -> tuple[Tally, ...]:
    return tuple(sorted(map(_tally, rows), key=lambda t: (t.label.lower(), t.id)))


def _per(store: Store, cls: str, member: str, prop: str, lang: str) -> tuple[Tally, ...]:
    """For every item of class ``cls``: the number of ``member`` items linked to it by
    ``prop`` (member → item), zero included."""
    return _tallies(store.select(f"""
        SELECT ?x (SAMPLE(COALESCE(?l1, ?l2)) AS ?label) (COUNT(DISTINCT ?m) AS ?n) WHERE {{
          ?x a <{cls}> . {_label(lang)}
          OPTIONAL {{ ?m a <{member}> ; <{prop}> ?x }}
        }} GROUP BY ?x"""))


def _kind_values() -> str:
    """``(class "kind")`` pairs for a VALUES block: the kinds of items (not domain groups)."""
    return " ".join(f'(<{c}> "{k}")' for c, k in CLASS_KIND.items() if k != "domain_group")


def kb_report(store: Store, lang: str = "nl") -> KBReport:
    """The figures of the knowledge base in ``store``, labels in ``lang`` ('nl' or 'en')."""
    counts = {k.name: 0 for k in KINDS if k.name != "domain_group"}
    kinds = _kind_values() + f' (<{WG.Source}> "source")'
    for r in store.select(f"""SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {{
            VALUES (?c ?kind) {{ {kinds} }} ?x a ?c }} GROUP BY ?kind"""):
        if r["kind"].value in counts:
            counts[r["kind"].value] = int(r["n"].value)

    per_domain = _per(store, WG.Domain, WG.Obstacle, WG.affectsDomain, lang)
    per_theme = _per(store, WG.Theme, WG.Obstacle, WG.hasTheme, lang)
    stated = _per(store, WG.Domain, WG.Solution, WG.bridgesDomain, lang)

    rows = store.select(f"""
        SELECT ?x (SAMPLE(COALESCE(?l1, ?l2)) AS ?label) (SAMPLE(?rank) AS ?r)
               (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          ?x a <{WG.EvidenceLevel}> . OPTIONAL {{ ?x <{SKOS.notation}> ?rank }} {_label(lang)}
          OPTIONAL {{ ?s a <{WG.Solution}> ; <{WG.evidenceLevel}> ?x }}
        }} GROUP BY ?x""")
    levels = sorted(rows, key=lambda r: (r["r"].value if "r" in r else "~", r["x"].value))
    blank = int(store.select(f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        ?s a <{WG.Solution}> FILTER NOT EXISTS {{ ?s <{WG.evidenceLevel}> ?any }} }}""")[0]
                ["n"].value)
    evidence = (*map(_tally, levels), Tally("", "", "", blank))

    over = _tallies(store.select(f"""
        SELECT ?x (SAMPLE(COALESCE(?l1, ?l2)) AS ?label) (COUNT(DISTINCT ?d) AS ?n) WHERE {{
          ?x a <{WG.Obstacle}> ; <{WG.affectsDomain}> ?d . {_label(lang)}
        }} GROUP BY ?x HAVING (COUNT(DISTINCT ?d) > {DOMAIN_LIMIT})"""))

    accessed = store.select(f"""SELECT (COUNT(DISTINCT ?s) AS ?all) (COUNT(DISTINCT ?a) AS ?yes)
        WHERE {{ ?s a <{WG.Source}> OPTIONAL {{ ?s <{WG.accessed}> ?d BIND(?s AS ?a) }} }}""")[0]
    with_date = int(accessed["yes"].value)

    with_case = int(store.select(f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        ?s a <{WG.Solution}> . ?c a <{WG.PracticeCase}> ; <{WG.appliesSolution}> ?s ;
        <{WG.inArea}> ?a . ?a <{WG.cbsCode}> ?code }}""")[0]["n"].value)

    # the area's class as its rank by IF, not as VALUES inside the OPTIONAL: Oxigraph joined
    # those per case (at 100k triples 46 s, now 0.14 s)
    rank = "0"
    for i, c in reversed(list(enumerate(_LEVELS, 1))):
        rank = f"IF(?t = <{c}>, {i}, {rank})"
    classes = ", ".join(f"<{c}>" for c in _LEVELS)
    names = ["none", *_LEVELS.values()]
    cases_per_level = {name: 0 for name in names[1:] + names[:1]}
    for r in store.select(f"""SELECT ?level (COUNT(?c) AS ?n) WHERE {{
          {{ SELECT ?c (MAX(COALESCE(?rank, 0)) AS ?level) WHERE {{ ?c a <{WG.PracticeCase}>
               OPTIONAL {{ ?c <{WG.inArea}> ?a . ?a a ?t FILTER(?t IN ({classes}))
                          BIND({rank} AS ?rank) }}
             }} GROUP BY ?c }} }} GROUP BY ?level"""):
        cases_per_level[names[int(r["level"].value)]] = int(r["n"].value)

    return KBReport(store.version(), lang, counts, per_domain, stated, per_theme, evidence,
                    _fields(store, lang), over, _sources(store, lang), with_date,
                    int(accessed["all"].value) - with_date, with_case, cases_per_level,
                    _bridge_peak(store, lang))


def _fields(store: Store, lang: str) -> tuple[FieldFill, ...]:
    values = " ".join(f"<{f}>" for f in FIELDS)
    rows = store.select(f"""
        SELECT ?p (COUNT(?s) AS ?n) (SUM(?nl) AS ?in_nl) (SUM(?en) AS ?in_en)
               (SUM(?text) AS ?texts) WHERE {{
          {{ SELECT ?p ?s (MAX(IF(LANG(?v) = "nl", 1, 0)) AS ?nl)
                    (MAX(IF(LANG(?v) = "en", 1, 0)) AS ?en)
                    (MAX(IF(isLiteral(?v), 1, 0)) AS ?text) WHERE {{
               VALUES ?p {{ {values} }} ?s a <{WG.Solution}> ; ?p ?v }} GROUP BY ?p ?s }}
        }} GROUP BY ?p""")
    found = {r["p"].value: r for r in rows}
    labels = {r["p"].value: r["label"].value for r in store.select(f"""
        SELECT ?p (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?p {{ {values} }}
          ?p <{RDFS.label}> ?l FILTER(LANG(?l) = "{lang}") }} GROUP BY ?p""")}
    out = []
    for f in FIELDS:
        words = _FIELD_WORDS.get(f)
        label = labels.get(f) or (words[0 if lang == "nl" else 1] if words else _short(f))
        r = found.get(f)
        text = r is not None and int(r["texts"].value) > 0  # counted per language
        out.append(FieldFill(f.rsplit("#", 1)[-1], label, int(r["n"].value) if r else 0,
                             int(r["in_nl"].value) if text else None,
                             int(r["in_en"].value) if text else None))
    return tuple(out)


def _sources(store: Store, lang: str) -> tuple[SourceSpread, ...]:
    per_item = f"""SELECT ?kind ?x (COUNT(DISTINCT ?src) AS ?n) WHERE {{
        VALUES (?c ?kind) {{ {_kind_values()} }} ?x a ?c
        OPTIONAL {{ ?x <{DCT.source}> ?src }} }} GROUP BY ?kind ?x"""
    spread: dict[str, dict[int, int]] = {}
    for r in store.select(f"""SELECT ?kind ?n (COUNT(?x) AS ?items) WHERE {{ {{ {per_item} }} }}
                              GROUP BY ?kind ?n"""):
        spread.setdefault(r["kind"].value, {})[int(r["n"].value)] = int(r["items"].value)
    few: dict[str, list[Tally]] = {}
    for r in store.select(f"""SELECT ?kind ?x ?n (SAMPLE(COALESCE(?l1, ?l2)) AS ?label) WHERE {{
            {{ {per_item} }} FILTER(?n < 2) {_label(lang)} }} GROUP BY ?kind ?x ?n"""):
        few.setdefault(r["kind"].value, []).append(_tally(r))
    out = []
    for k in KINDS:
        hist = spread.get(k.name)
        if not hist:
            continue
        out.append(SourceSpread(k.name, sum(hist.values()), min(hist), _median(hist), max(hist),
                                tuple(sorted(few.get(k.name, ()), key=lambda t: t.id))))
    return tuple(out)


def _median(hist: dict[int, int]) -> float:
    """The median of a histogram ``value → how often``.

    >>> _median({1: 2, 3: 1}), _median({1: 1, 2: 1, 5: 2})
    (1, 3.5)
    """
    return median(v for v, times in sorted(hist.items()) for _ in range(times))


def _bridge_peak(store: Store, lang: str) -> BridgePeak:
    m = bridge_matrix(project(store, lang))
    if not m.pairs:
        return BridgePeak("", "", "", "", 0)
    top = max(m.pairs, key=lambda p: len(p.solutions))  # the first of equals, by domain ids
    return BridgePeak(_short(top.a), _short(top.b), m.labels[top.a], m.labels[top.b],
                      len(top.solutions))
