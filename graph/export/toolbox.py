"""The gereedschapskist (toolbox): a selection as a document to hand to a wethouder.

:func:`build_toolbox` gathers the document as plain data — a cover with the selection and the
date, a domain-bridge overview, one card per solution (what it is, how to start, the obstacles
it addresses, the domains it bridges, who must join and who decides, legal basis, evidence,
practice cases, sources) and an index of obstacles pointing to the cards. Cards follow their
codes, or the one ranking (:func:`graph.analytics.rank_solutions`) when the selection is one
question (only obstacles, or only two domains); the index lists each obstacle's cards and the
overview each domain pair's cards in the one ranking too. :func:`toolbox_html`
lays it out as one self-contained HTML file (fonts and styles inlined, nothing fetched) with a
print stylesheet: A4 pages, a page per card, page numbers; :func:`toolbox_markdown` writes the
same content as Markdown and :func:`toolbox_pdf` prints the HTML with WeasyPrint. A source's
page becomes a link only when it is a web or mail address (:func:`loaders.web_url`); any
other IRI (``javascript:``, ``file:``, ``urn:``) is shown as text.

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> from graph.export.subgraph import Selection
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, ["tests/data/mini.ttl"])
>>> book = build_toolbox(store, Selection(domains=("wonen", "veiligheid")), "en",
...                      now="2026-11-28T12:00:00+00:00")
>>> book.subtitle, [c.solution.item.label for c in book.cards], book.date
('Housing × safety', ['pooled budget'], '28 November 2026')
>>> [(e.item.notation, e.cards) for e in book.index]
[('O01', (1,)), ('O02', (1,))]
>>> "<h1" in toolbox_html(book) and "https://w3id.org" not in toolbox_html(book)
True
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from loaders import web_url
from ontology import Message, ParserWords, WijkgraafError
from graph.items import Ref, SolutionDetails, solution_details
from graph.export.rdf import write_atomic
from graph.analytics import bridge_matrix, project, rank_solutions
from graph.store import Store
from graph.export.subgraph import FACETS, Selection, Subgraph, select

__all__ = ["Toolbox", "Card", "IndexEntry", "BridgeOverview", "build_toolbox", "toolbox_html",
           "toolbox_markdown", "toolbox_pdf", "write_toolbox", "TEXT"]

_TEMPLATES = Path(__file__).with_name("templates")
_MONTHS = {"nl": ("januari februari maart april mei juni juli augustus september oktober "
                  "november december").split(),
           "en": ("January February March April May June July August September October "
                  "November December").split()}
#: every fixed text of the document: key → (nl, en)
TEXT: dict[str, tuple[str, str]] = {
    "title": ("Gereedschapskist", "Toolbox"),
    "tagline": ("Praktische oplossingen voor domeinoverstijgend wijkgericht werken",
                "Practical solutions for cross-domain neighbourhood work"),
    "selection": ("Selectie", "Selection"),
    "made": ("Samengesteld op", "Compiled on"),
    "from": ("uit Wijkgraaf, versie {v} van de kennisbank",
             "from Wijkgraaf, version {v} of the knowledge base"),
    "whole": ("De hele kennisbank", "The whole knowledge base"),
    "contents": ("Inhoud", "Contents"),
    "reading": ("Zo lees je deze gereedschapskist", "How to read this toolbox"),
    "reading_text": (
        "Elke kaart beschrijft één oplossing: wat het is, hoe je begint, welke belemmeringen "
        "ze wegneemt en welke domeinen ze verbindt. Daarna volgt wie mee moet doen en wie "
        "beslist, op welke juridische grond, hoe sterk het bewijs is, waar het al is "
        "toegepast en waar de informatie vandaan komt. Het overzicht van domeinbruggen laat "
        "zien tussen welke domeinen deze oplossingen verbindingen leggen; de index achterin "
        "wijst vanuit een belemmering naar de kaarten die erover gaan.",
        "Each card describes one solution: what it is, how to start, which obstacles it "
        "removes and which domains it bridges. Then follows who must take part and who "
        "decides, on what legal basis, how strong the evidence is, where it has been applied "
        "and where the information comes from. The overview of domain bridges shows between "
        "which domains these solutions build connections; the index at the back points from "
        "an obstacle to the cards that deal with it."),
    "bridges": ("Overzicht van domeinbruggen", "Overview of domain bridges"),
    "bridges_text": ("Het getal in een vak is het aantal oplossingen in deze gereedschapskist "
                     "dat beide domeinen verbindt.",
                     "The number in a cell is how many solutions in this toolbox bridge both "
                     "domains."),
    "strongest": ("Sterkste bruggen", "Strongest bridges"),
    "no_bridges": ("Deze selectie bevat geen oplossingen die domeinen verbinden.",
                   "This selection holds no solutions that bridge domains."),
    "card": ("Kaart", "Card"), "solution": ("Oplossing", "Solution"),
    "what": ("Wat is het?", "What is it?"), "start": ("Hoe begin je?", "How to start"),
    "addresses": ("Neemt deze belemmeringen weg", "Removes these obstacles"),
    "domains": ("Verbindt deze domeinen", "Bridges these domains"),
    "who": ("Wie moeten meedoen", "Who must take part"), "decides": ("Wie beslist", "Who decides"),
    "legal": ("Juridische grondslag", "Legal basis"),
    "no_legal": ("Geen specifieke grondslag vastgelegd.", "No specific legal basis recorded."),
    "evidence": ("Bewijs", "Evidence"), "effort": ("Inspanning", "Effort"),
    "horizon": ("Termijn", "Time horizon"), "level": ("Uitvoering", "Implementation"),
    "no_evidence": ("niet vastgesteld", "not established"),
    "legal_change": ("Vraagt een wetswijziging", "Requires a change in the law"),
    "escalation": ("Doorbraak- of escalatieroute", "Breakthrough or escalation route"),
    "cases": ("In de praktijk", "In practice"),
    "no_cases": ("Nog geen praktijkvoorbeeld vastgelegd.", "No practice case recorded yet."),
    "with": ("Met", "With"), "since": ("sinds", "since"),
    "and_more": ("en {n} andere", "and {n} others"),
    "sources": ("Bronnen", "Sources"), "related": ("Zie ook", "See also"),
    "index": ("Index van belemmeringen", "Index of obstacles"),
    "index_text": ("Per soort belemmering, met de kaarten die erover gaan.",
                   "By kind of obstacle, with the cards that deal with them."),
    "no_card": ("geen oplossing in deze selectie", "no solution in this selection"),
    "open_gap": ("bewust open", "deliberately open"),
    "other": ("overig", "other"),
    "colophon": ("Over deze uitgave", "About this edition"),
    "colophon_text": (
        "Deze gereedschapskist is samengesteld uit Wijkgraaf, een kennisgraaf van belemmeringen "
        "bij domeinoverstijgend wijkgericht werken en van praktische oplossingen daarvoor. "
        "Elke bewering in de kennisbank verwijst naar een openbare bron; de bronnen staan per "
        "kaart vermeld. Controleer wet- en regelgeving altijd in de actuele tekst.",
        "This toolbox was compiled from Wijkgraaf, a knowledge graph of obstacles in "
        "cross-domain neighbourhood work and of practical solutions for them. Every statement "
        "in the knowledge base refers to a public source; the sources are listed on each card. "
        "Always check laws and rules in their current text."),
    "version": ("Versie van de kennisbank", "Knowledge base version"),
    "compiled": ("Samengesteld", "Compiled"),
    "n_solutions": ("oplossingen", "solutions"), "n_obstacles": ("belemmeringen", "obstacles"),
    "n_cases": ("praktijkvoorbeelden", "practice cases"),
    "page": ("p.", "p."), "empty": ("Deze selectie bevat geen oplossingen.",
                                    "This selection holds no solutions."),
}


@dataclass(frozen=True)
class Card:
    """One solution card: its number in the document, anchor, and the solution's details."""

    number: int
    anchor: str
    solution: SolutionDetails
    related: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class IndexEntry:
    """An obstacle in the index: the item, its kind of obstacle, the cards that address it."""

    item: Ref
    category: str
    cards: tuple[int, ...]
    open_gap: bool = False


@dataclass(frozen=True)
class BridgeOverview:
    """Domain × domain counts of the cards' stated bridges (lower triangle), strongest first."""

    domains: tuple[str, ...]
    rows: tuple[tuple[int | None, ...], ...]
    strongest: tuple[tuple[str, str, tuple[int, ...]], ...]
    maximum: int = 0


@dataclass(frozen=True)
class Toolbox:
    """The whole document as data, in one language."""

    lang: str
    subtitle: str
    selection: str
    date: str
    version: int
    cards: tuple[Card, ...]
    index: tuple[IndexEntry, ...]
    bridges: BridgeOverview
    counts: dict[str, int]

    def t(self, key: str, **values: object) -> str:
        """A fixed text of the document in its language."""
        text = TEXT[key][0 if self.lang == "nl" else 1]
        return text.format(**values) if values else text


def _date(created: str, lang: str) -> str:
    day = dt.datetime.fromisoformat(created.replace("Z", "+00:00")).date()
    return f"{day.day} {_MONTHS[lang][day.month - 1]} {day.year}"


def _bridges(G, cards: list[Card], lang: str) -> BridgeOverview:
    """The stated bridges of the cards' solutions, via
    :func:`graph.analytics.bridges.bridge_matrix`."""
    number = {c.solution.item.iri: c.number for c in cards}
    pairs: dict[tuple[str, str], list[int]] = {}
    for p in bridge_matrix(G).pairs:
        pairs[(p.a, p.b)] = sorted(number[b.solution] for b in p.solutions
                                   if b.stated and b.solution in number)
    touched: dict[str, int] = defaultdict(int)
    for (a, b), found in pairs.items():
        for d in (a, b):
            touched[d] += len(found)
    label = {d: G.nodes[d]["labels"][lang] for d in touched if d in G}
    domains = sorted((d for d, n in touched.items() if n), key=lambda d: (-touched[d], label[d]))
    rows = tuple(tuple(len(pairs.get(tuple(sorted((a, b))), ())) if j < i else None
                       for j, b in enumerate(domains)) for i, a in enumerate(domains))
    strongest = sorted(((a, b) for (a, b), f in pairs.items() if f),
                       key=lambda x: (-len(pairs[x]), label[x[0]], label[x[1]]))[:6]
    # each pair's cards in the one ranking of the pair (rank_solutions)
    strongest = [(label[a], label[b], tuple(number[r.solution] for r in rank_solutions(
        G, domains=(a, b)) if number.get(r.solution) in pairs[(a, b)])) for a, b in strongest]
    top = max((n for row in rows for n in row if n), default=0)
    return BridgeOverview(tuple(label[d] for d in domains), rows, tuple(strongest), top)


def build_toolbox(store: Store, selection: Selection | Subgraph, lang: str = "nl", *,
                  now: str | None = None) -> Toolbox:
    """The document for ``selection`` (or an already made subgraph) in ``lang``.

    Raises :class:`~ontology.UnknownIdError` for a selection value that names nothing.
    """
    if lang not in ("nl", "en"):
        raise ValueError(f"language {lang!r}: use 'nl' or 'en'")
    sub = selection if isinstance(selection, Subgraph) else select(store, selection, now=now)
    G = project(store, lang)
    solutions = sub.of_kind("solution")
    cards: list[Card] = []
    cases_here = set(sub.of_kind("case")) if sub.selection.neighbourhoods else None
    details = [solution_details(store, s, lang) for s in solutions]
    details.sort(key=lambda d: (d.item.notation or "~", d.item.label.lower()))
    ranked = _one_ranking(G, sub.selection)
    if ranked is not None:  # the solutions of one question: in the one ranking
        details.sort(key=lambda d: ranked.get(d.item.iri, len(ranked)))
    numbers = {d.item.iri: n for n, d in enumerate(details, 1)}
    for n, d in enumerate(details, 1):
        if cases_here is not None:
            d = _replace_cases(d, tuple(c for c in d.cases if c.iri in cases_here))
        related = tuple((numbers[r.iri], r.label) for r in d.related if r.iri in numbers)
        cards.append(Card(n, f"kaart-{n}", d, related))
    addressed: dict[str, set[int]] = defaultdict(set)
    for card in cards:
        for o in card.solution.obstacles:
            addressed[o.iri].add(card.number)
    by_iri = {c.solution.item.iri: c.number for c in cards}

    def in_ranking(o: str) -> tuple[int, ...]:
        """The cards of obstacle ``o`` in its one ranking (rank_solutions)."""
        found = addressed.get(o, set())
        order = [by_iri[r.solution] for r in rank_solutions(G, obstacles=[o])
                 if by_iri.get(r.solution) in found]
        return tuple(order + sorted(found - set(order)))
    terms = G.graph.get("terms", {})
    index = []
    for o in sorted(set(sub.of_kind("obstacle")) | set(addressed)):
        if o not in G:
            continue
        data = G.nodes[o]
        cat = terms.get(data.get("hasCategory") or "", {}).get("labels", {}).get(lang, "")
        index.append(IndexEntry(Ref(o, data["labels"][lang], data.get("notation") or ""),
                                cat or TEXT["other"][lang != "nl"],
                                in_ranking(o), bool(data.get("openGap"))))
    index.sort(key=lambda e: (e.category.lower(), e.item.notation or "~", e.item.label.lower()))
    subtitle = sub.describe(lang) if not sub.selection.is_empty() else TEXT["whole"][lang != "nl"]
    if _only_domains(sub.selection):
        subtitle = " × ".join(G.nodes[d]["labels"][lang] for d in sub.selection.domains)
    subtitle = subtitle[:1].upper() + subtitle[1:]
    counts = {"solutions": len(cards), "obstacles": len(index),
              "cases": len({c.iri for card in cards for c in card.solution.cases})}
    return Toolbox(lang, subtitle, sub.describe(lang), _date(sub.created, lang), sub.version,
                   tuple(cards), tuple(index), _bridges(G, cards, lang), counts)


def _one_ranking(G, s: Selection) -> dict[str, int] | None:
    """Position in the one ranking (:func:`graph.analytics.rank_solutions`) when the selection
    is one question: only obstacles, or only two domains; else ``None`` (catalogue order)."""
    others = [n for n in FACETS if n not in ("domains", "obstacles") and getattr(s, n)]
    if others or s.seeds or bool(s.domains) == bool(s.obstacles):
        return None
    if s.domains and len(s.domains) != 2:
        return None
    try:
        ranked = (rank_solutions(G, domains=tuple(s.domains)) if s.domains else
                  rank_solutions(G, obstacles=list(s.obstacles)))
    except WijkgraafError:
        return None
    return {r.solution: i for i, r in enumerate(ranked)}


def _only_domains(s: Selection) -> bool:
    return bool(s.domains) and not any(getattr(s, n) for n in FACETS if n != "domains")


def _replace_cases(d: SolutionDetails, cases) -> SolutionDetails:
    from dataclasses import replace  # noqa: PLC0415

    return replace(d, cases=cases)


# -- rendering ------------------------------------------------------------------------------

def _host(url: str) -> str:
    """The host of a web address ('wetten.overheid.nl'), or the address of a mailto link."""
    parts = urlparse(url)
    host = parts.netloc or parts.path
    return host[4:] if host.startswith("www.") else host


@lru_cache(maxsize=1)
def _fonts_css() -> str:
    """``@font-face`` rules with Source Serif Pro and Source Sans Pro inlined as subsetted WOFF
    (Latin, punctuation, arrows): the document looks the same everywhere and fetches nothing.
    Empty when the font packages are missing (the styles then fall back to system fonts)."""
    try:
        from importlib.resources import files  # noqa: PLC0415

        from fontTools import subset  # noqa: PLC0415
    except ImportError:  # pragma: no cover
        return ""
    serif, sans = ("Wijkgraaf Serif", "font_source_serif_pro"), ("Wijkgraaf Sans",
                                                                  "font_source_sans_pro")
    faces = [(*serif, "SourceSerifPro-Regular.ttf", 400, "normal"),
             (*serif, "SourceSerifPro-It.ttf", 400, "italic"),
             (*serif, "SourceSerifPro-Semibold.ttf", 600, "normal"),
             (*sans, "SourceSansPro-Regular.ttf", 400, "normal"),
             (*sans, "SourceSansPro-Semibold.ttf", 600, "normal")]
    wanted = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x203B), 0x20AC,
              *range(0x2190, 0x2194), 0x2212, 0x00D7]
    rules = []
    for family, package, name, weight, style in faces:
        try:
            data = (files(package) / "files" / name).read_bytes()
        except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover
            return ""
        options = subset.Options()
        options.flavor, options.name_IDs = "woff", ["*"]
        options.layout_features = ["kern", "liga", "calt", "onum", "lnum", "pnum", "tnum", "case"]
        font = subset.load_font(io.BytesIO(data), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        out = io.BytesIO()
        subset.save_font(font, out, options)
        encoded = base64.b64encode(out.getvalue()).decode("ascii")
        rules.append(f"@font-face{{font-family:'{family}';font-weight:{weight};"
                     f"font-style:{style};src:url(data:font/woff;base64,{encoded}) "
                     f"format('woff');}}")
    return "\n".join(rules)


def _env(autoescape: bool) -> Environment:
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), trim_blocks=True,
                      lstrip_blocks=True,
                      autoescape=select_autoescape(["j2"]) if autoescape else False)
    env.filters["host"] = _host
    env.filters["web"] = web_url  # every href in the templates passes it
    env.filters["shade"] = _shade
    env.filters["capitalize_first"] = lambda text: str(text)[:1].upper() + str(text)[1:]
    env.filters["md"] = _md
    return env


def _shade(weight: float) -> str:
    """A colour from pale to deep teal for a share ``weight`` between 0 and 1.

    >>> _shade(0.0), _shade(1.0)
    ('#e6efee', '#1e4d5c')
    """
    pale, deep = (0xE6, 0xEF, 0xEE), (0x1E, 0x4D, 0x5C)
    w = min(max(weight, 0.0), 1.0)
    return "#" + "".join(f"{round(a + (b - a) * w):02x}" for a, b in zip(pale, deep))


def _md(text: object) -> str:
    """Text safe in Markdown: characters that would start markup are escaped."""
    out = " ".join(str(text).split())
    for ch in "\\`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def toolbox_html(book: Toolbox) -> str:
    """The document as one self-contained HTML file (screen and print styles inlined)."""
    css = (_TEMPLATES / "toolbox.css").read_text(encoding="utf-8")
    return _env(True).get_template("toolbox.html.j2").render(
        book=book, t=book.t, css=Markup(_fonts_css() + "\n" + css))


def toolbox_markdown(book: Toolbox) -> str:
    """The document as Markdown (the same content, without the layout)."""
    return _env(False).get_template("toolbox.md.j2").render(book=book, t=book.t)


def toolbox_pdf(book: Toolbox) -> bytes:
    """The document as PDF, printed with WeasyPrint (A4, a page per card, page numbers).

    Raises :class:`~ontology.WijkgraafError` when WeasyPrint or its Pango library is missing.
    """
    try:
        from weasyprint import HTML  # noqa: PLC0415
    except (ImportError, OSError) as error:  # OSError: the Pango library is not installed
        raise WijkgraafError(Message("pdf_needs_pango", words=ParserWords(error))) from None
    return HTML(string=toolbox_html(book)).write_pdf()


def write_toolbox(store: Store, selection: Selection, path: str | Path, lang: str = "nl", *,
                  now: str | None = None) -> Path:
    """Write the toolbox to ``path``: ``.html``, ``.md`` or ``.pdf`` by its suffix."""
    suffix = Path(path).suffix.lower()
    writers = {".html": lambda b: toolbox_html(b).encode("utf-8"), ".htm": None,
               ".md": lambda b: toolbox_markdown(b).encode("utf-8"), ".pdf": toolbox_pdf}
    writers[".htm"] = writers[".html"]
    if suffix not in writers:
        raise WijkgraafError(Message("unknown_toolbox_format", what=suffix or path))
    book = build_toolbox(store, selection, lang, now=now)
    return write_atomic(path, writers[suffix](book))
