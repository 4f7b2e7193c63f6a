"""What the analytics modules share: finding items by id or label, wording, the example graph.

The analytics live one family per module, each a set of plain functions ``f(G, ...)`` on the
projection of :mod:`graph.analytics.projection` that return plain data:

- :mod:`graph.analytics.bridges` — :func:`~graph.analytics.bridges.bridge_matrix`,
  :func:`~graph.analytics.bridges.bridging_solutions`, :func:`~graph.analytics.bridges.gaps`;
- :mod:`graph.analytics.routes` — :func:`~graph.analytics.routes.routes`;
- :mod:`graph.analytics.ranking` — :func:`~graph.analytics.ranking.key_players`,
  :func:`~graph.analytics.ranking.communities`;
- :mod:`graph.analytics.agenda` — :func:`~graph.analytics.agenda.solutions_for`,
  :func:`~graph.analytics.agenda.agenda`.

Every function accepts ids (``"O01"``), full IRIs, notations, CBS codes and unambiguous
labels in Dutch or English; anything else raises :class:`~ontology.UnknownIdError` naming the
value and the closest known ids. A projection given a resolver with :func:`use_names` (the CLI
and the app give it the one resolver of search, :func:`graph.items.named_projection`) takes
every name that resolver knows: ``--wijk Overvecht``, ``schulden``, ``huisarts``.

>>> G = example_graph()
>>> short_id(resolve(G, "geschotte budgetten")), short_id(resolve(G, "siloed budgets"))
('O02', 'O02')
>>> resolve(G, "O99")
Traceback (most recent call last):
...
ontology.errors.UnknownIdError: unknown id or label 'O99'. Did you mean: O03, O02, O01?
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

import networkx as nx

from ontology import ITEM, UnknownIdError, closest
from ontology.kinds import looked_for, noun, parse_kind
from ontology import Message
from graph.analytics.projection import (
    ORG_CLASSIFICATION,
    SKOS_BROADER,
    build_graph,
    iri,
    memoize,
    short_id,
)

__all__ = [
    "resolve", "resolve_many", "use_names", "AmbiguousIdError", "parse_kind", "example_graph",
    "both", "count", "name", "term_label", "term_rank", "lang_of", "iri", "short_id",
]

class AmbiguousIdError(UnknownIdError):
    """A label that names more than one item; ``suggestions`` are their ids."""

    def __init__(self, value: str, suggestions: Iterable[str]) -> None:
        super().__init__(value, suggestions, what="ambiguous label")
        self.message = Message("ambiguous", value=value, options=self.suggestions)
        self.args = (self.message.text("en"),)


def _index(G: nx.Graph) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(id-like key → nodes, label key → nodes); keys case-folded."""
    def compute():
        ids: dict[str, set[str]] = {}
        labels: dict[str, set[str]] = {}
        for node, data in G.nodes(data=True):
            for key in {node, short_id(node), data.get("notation"), data.get("cbsCode")}:
                if key:
                    ids.setdefault(str(key).casefold(), set()).add(node)
            for label in (data.get("labels") or {}).values():
                labels.setdefault(label.casefold(), set()).add(node)
        return ids, labels
    return memoize(G, "resolve-index", compute)


#: the name a resolver given with :func:`use_names` is kept under in the projection's memo
_NAMES = "names"
#: a resolver: (value, kind or None) → IRI, raising UnknownIdError / AmbiguousIdError
Names = Callable[[str, "str | None"], str]


def use_names(G: nx.Graph, names: Names) -> nx.Graph:
    """``G``, whose :func:`resolve` now asks ``names`` for every value that is not an IRI, id,
    notation or code of a node: so every analytics function on ``G`` takes the names that
    ``names`` knows. Set once per projection (the projection and its resolver are built per
    store version); returns ``G``.

    >>> G = use_names(example_graph(), lambda value, kind=None: iri("O02"))
    >>> short_id(resolve(G, "geld voor de wijk")), short_id(resolve(G, "O01"))
    ('O02', 'O01')
    """
    _holder(G)[0] = names
    return G


def _holder(G: nx.Graph) -> list:
    return memoize(G, _NAMES, lambda: [None])


def _names(G: nx.Graph) -> Names | None:
    return _holder(G)[0]


def resolve(G: nx.Graph, value: str, kind: str | None = None) -> str:
    """The node that ``value`` names: an IRI, an id, a notation, a CBS code or a label — or,
    on a projection given a resolver (:func:`use_names`), any name that resolver knows.

    With ``kind``, only nodes of that kind count. Raises :class:`~ontology.UnknownIdError`
    (with the closest ids and labels) when nothing matches, :class:`AmbiguousIdError` when a
    label names several items.

    >>> G = example_graph()
    >>> short_id(resolve(G, "gemeente", kind="organisation_type"))
    'ot-gemeente'
    >>> resolve(G, "wonen", kind="obstacle")
    Traceback (most recent call last):
    ...
    ontology.errors.UnknownIdError: unknown obstacle id or label 'wonen'. Did you mean: O01, ...?
    """
    text = str(value).strip()
    if text in G and (kind is None or G.nodes[text]["kind"] == kind):
        return text
    ids, labels = _index(G)
    key = text.casefold()
    names = _names(G)
    # an IRI or id of a node of another kind is not a name to search for: it names that node
    if names is not None and text not in G and not ids.get(key):
        what = looked_for(kind)
        try:
            node = names(text, kind)
        except AmbiguousIdError:
            raise
        except UnknownIdError as error:
            if error.suggestions:
                raise
            node = None
        if node in G and (kind is None or G.nodes[node]["kind"] == kind):
            return node
        pool = sorted(n for n in G if kind is None or G.nodes[n]["kind"] == kind)
        raise UnknownIdError(text, _suggest(G, text, pool, examples=kind is not None),
                             what=what)
    for table in (ids, labels):
        found = sorted(n for n in table.get(key, ()) if kind is None or G.nodes[n]["kind"] == kind)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousIdError(text, [short_id(n) for n in found])
    pool = sorted(n for n in G if kind is None or G.nodes[n]["kind"] == kind)
    what = looked_for(kind, "label")
    raise UnknownIdError(text, _suggest(G, text, pool, examples=kind is not None), what=what)


def _suggest(G: nx.Graph, text: str, pool: list[str], examples: bool) -> list[str]:
    """Up to three ids near ``text``: similar ids or labels, else ids with the same prefix
    nearest in sort order, else (with ``examples``) the first ids of the pool."""
    known = sorted({short_id(n) for n in pool})
    by_label = {G.nodes[n]["labels"][lang]: n for n in pool for lang in ("nl", "en")}
    hits = closest(text, known) + [short_id(by_label[h]) for h in closest(text, by_label)]
    if not hits:
        prefixes = [(text[:n], fold) for n in range(len(text), 0, -1) for fold in (False, True)]
        for prefix, fold in prefixes:
            same = [k for k in known if (k.casefold() if fold else k).startswith(
                prefix.casefold() if fold else prefix)]
            if same:
                at = bisect.bisect(same, text)
                hits = sorted(same, key=lambda k: abs(same.index(k) - at + 0.5))
                break
    if not hits and examples:
        hits = known
    return list(dict.fromkeys(hits))[:3]


def resolve_many(G: nx.Graph, values: Iterable[str], kind: str | None = None) -> list[str]:
    """:func:`resolve` for each value; duplicates dropped, order kept.

    >>> G = example_graph()
    >>> [short_id(n) for n in resolve_many(G, ["O02", "O01", "O02"])]
    ['O02', 'O01']
    """
    return list(dict.fromkeys(resolve(G, v, kind) for v in values))


def lang_of(G: nx.Graph, lang: str | None) -> str:
    """``lang`` if given, else the graph's language (else Dutch)."""
    lang = lang or G.graph.get("lang") or "nl"
    if lang not in {"nl", "en"}:
        raise ValueError(f"language {lang!r}: use 'nl' or 'en'")
    return lang


def count(n: int, one: str, many: str) -> str:
    """``n`` with the singular or plural word.

    >>> count(1, "domein", "domeinen"), count(3, "domain", "domains")
    ('1 domein', '3 domains')
    """
    return f"{n} {one if n == 1 else many}"


def both(nl: str, en: str) -> dict[str, str]:
    """A text in both languages, as results carry it.

    >>> both("ja", "yes")
    {'nl': 'ja', 'en': 'yes'}
    """
    return {"nl": nl, "en": en}


def name(G: nx.Graph, node: str, lang: str, capital: bool = False) -> str:
    """A node as a phrase: its kind noun and quoted label.

    >>> name(example_graph(), iri("O02"), "en", capital=True)
    "Obstacle 'siloed budgets'"
    """
    data = G.nodes[node]
    word = noun(data["kind"], lang)
    word = word[0].upper() + word[1:] if capital else word
    return f"{word} '{data['labels'][lang]}'"


def term_label(G: nx.Graph, iri: str | None, lang: str) -> str | None:
    """The label of a classification value (evidence level, effort, ...), or ``None``.

    >>> term_label(example_graph(), iri("inspanning-hoog"), "en")
    'high'
    """
    if iri is None:
        return None
    term = G.graph.get("terms", {}).get(iri)
    return term["labels"][lang] if term else short_id(iri)


def term_rank(G: nx.Graph, iri: str | None, default: int = 0) -> int:
    """The rank of a classification value: its notation as a number (``default`` if none).

    >>> term_rank(example_graph(), iri("ev-goed-beschreven")), term_rank(example_graph(), None)
    (2, 0)
    """
    term = G.graph.get("terms", {}).get(iri) if iri else None
    try:
        return int(term["notation"]) if term else default
    except (TypeError, ValueError):
        return default


# -- the example graph (the shape of tests/data/mini.ttl) ------------------------------------

_EXAMPLE_NODES = [
    ("sociaal-domein", "domain_group", "sociaal domein", "social domain", {}),
    ("dom-gezondheid", "domain", "gezondheid", "health", {"notation": "GEZ"}),
    ("dom-wonen", "domain", "wonen", "housing", {"notation": "WON"}),
    ("dom-veiligheid", "domain", "veiligheid", "safety", {"notation": "VEI"}),
    ("thema-regels", "theme", "omgaan met regels", "dealing with rules", {}),
    ("ot-gemeente", "organisation_type", "gemeente", "municipality", {}),
    ("ot-woningcorporatie", "organisation_type", "woningcorporatie", "housing association", {}),
    ("ot-ggd", "organisation_type", "GGD", "public health service", {}),
    ("L07", "legal_frame", "AVG", "GDPR", {"legalStatus": str(ITEM["status-van-kracht"])}),
    ("P01", "programme", "NPLV", "NPLV", {}),
    ("O01", "obstacle", "gegevens delen mag niet", "data may not be shared",
     {"notation": "O01", "hasCategory": str(ITEM["cat-informatie-privacy"])}),
    ("O02", "obstacle", "geschotte budgetten", "siloed budgets",
     {"notation": "O02", "hasCategory": str(ITEM["cat-geld"])}),
    ("O03", "obstacle", "niemand kent elkaar", "nobody knows each other",
     {"notation": "O03", "hasCategory": str(ITEM["cat-cultuur"]), "openGap": True}),
    ("S01", "solution", "convenant gegevensdeling", "data-sharing covenant",
     {"notation": "S01", "evidenceLevel": str(ITEM["ev-goed-beschreven"]),
      "effort": str(ITEM["inspanning-middel"]), "decisionLevel": str(ITEM["besluit-management"]),
      "timeHorizon": str(ITEM["termijn-kort"]), "implementationLevel": str(ITEM["niveau-lokaal"]),
      "requiresLegalChange": False}),
    ("S02", "solution", "ontschot budget", "pooled budget",
     {"notation": "S02", "effort": str(ITEM["inspanning-hoog"]),
      "decisionLevel": str(ITEM["besluit-bestuur"]), "timeHorizon": str(ITEM["termijn-lang"]),
      "implementationLevel": str(ITEM["niveau-lokaal"]), "requiresLegalChange": False,
      "isEscalationRoute": True}),
    ("GM0344", "area", "Utrecht", "Utrecht", {"cbsCode": "GM0344"}),
    ("WK034401", "area", "West", "West", {"cbsCode": "WK034401"}),
    ("org-gemeente-utrecht", "organisation", "Gemeente Utrecht", "Municipality of Utrecht", {}),
    ("org-mitros", "organisation", "Mitros", "Mitros", {}),
    ("C01", "case", "Convenant in West", "Covenant in West", {}),
]
_EXAMPLE_EDGES = """
dom-gezondheid broader sociaal-domein; dom-wonen broader sociaal-domein;
dom-veiligheid broader sociaal-domein; O01 affectsDomain dom-gezondheid;
O01 affectsDomain dom-wonen; O01 arisesBetween ot-gemeente; O01 arisesBetween ot-woningcorporatie;
O01 arisesFrom L07; O01 hasTheme thema-regels; O02 affectsDomain dom-wonen;
O02 affectsDomain dom-veiligheid; O02 arisesBetween ot-gemeente; O02 hasTheme thema-regels;
O03 affectsDomain dom-gezondheid; O03 affectsDomain dom-veiligheid; O03 arisesBetween ot-ggd;
O03 hasTheme thema-regels; S01 addresses O01; S01 bridgesDomain dom-gezondheid;
S01 bridgesDomain dom-wonen; S01 involvesOrganisationType ot-gemeente;
S01 involvesOrganisationType ot-woningcorporatie; S01 hasLegalBasis L07;
S01 hasTheme thema-regels; S01 relatedSolution S02; S02 addresses O01; S02 addresses O02;
S02 bridgesDomain dom-wonen; S02 bridgesDomain dom-veiligheid;
S02 involvesOrganisationType ot-gemeente; S02 decidedBy ot-gemeente; S02 hasTheme thema-regels;
S02 supportedByProgramme P01; WK034401 partOfArea GM0344; WK034401 focusAreaOf P01;
org-gemeente-utrecht classification ot-gemeente; org-gemeente-utrecht activeIn GM0344;
org-gemeente-utrecht worksOnDomain dom-veiligheid; org-mitros classification ot-woningcorporatie;
org-mitros activeIn WK034401; org-mitros worksOnDomain dom-wonen; C01 appliesSolution S01;
C01 tacklesObstacle O01; C01 inArea WK034401; C01 involvesOrganisation org-gemeente-utrecht;
C01 involvesOrganisation org-mitros; C01 contactOrganisation org-mitros
"""
_SPECIAL = {"broader": SKOS_BROADER, "classification": ORG_CLASSIFICATION}


def _example_terms() -> dict[str, dict]:
    rows = [("ev-praktijkgebaseerd", "EvidenceLevel", "praktijkgebaseerd", "practice-based", "1"),
            ("ev-goed-beschreven", "EvidenceLevel", "goed beschreven", "well described", "2"),
            ("ev-goed-onderbouwd", "EvidenceLevel", "goed onderbouwd", "well founded", "3"),
            ("ev-effectief", "EvidenceLevel", "effectief", "effective", "4"),
            ("inspanning-laag", "EffortLevel", "laag", "low", "1"),
            ("inspanning-middel", "EffortLevel", "middel", "medium", "2"),
            ("inspanning-hoog", "EffortLevel", "hoog", "high", "3")]
    return {str(ITEM[i]): {"class": c, "labels": {"nl": nl, "en": en}, "notation": n}
            for i, c, nl, en, n in rows}


def example_graph(lang: str = "nl") -> nx.MultiDiGraph:
    """A small projection with the content of ``tests/data/mini.ttl``, for examples and tests.

    >>> G = example_graph("en")
    >>> G.number_of_nodes(), G.number_of_edges(), G.nodes[iri("O03")]["label"]
    (20, 47, 'nobody knows each other')
    """
    nodes = [{"id": i, "kind": k, "labels": {"nl": nl, "en": en}, **extra}
             for i, k, nl, en, extra in _EXAMPLE_NODES]
    edges = []
    for part in _EXAMPLE_EDGES.replace("\n", " ").split(";"):
        s, p, o = part.split()
        edges.append((s, _SPECIAL.get(p, p), o))
    return build_graph(nodes, edges, lang=lang, terms=_example_terms())
