"""A draft wijkagenda as a document to take to a meeting: Markdown, and printable HTML.

:func:`build_document` gathers what the document says from an
:class:`graph.analytics.agenda.Agenda`,
the projection and the store (how to start, evidence and sources of each solution);
:func:`to_markdown` and :func:`to_html` write it. Both carry the date, the area, every chosen
obstacle, the proposed solutions with their reasons, whom to invite, what stays open, and the
sources. The HTML is self-contained (no fonts, scripts or images from elsewhere) and prints on
A4; every text in it is escaped, and a source is a link only when its address is a web or
mail address (:func:`loaders.web_url`), plain text otherwise.

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> from graph.analytics.projection import project
>>> from graph.analytics.agenda import agenda
>>> import datetime
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, ["tests/data/mini.ttl"])
>>> G = project(store, "nl")
>>> doc = build_document(G, agenda(G, ["O01", "O03"], "WK034401"), store, "nl",
...                      datetime.date(2026, 11, 28))
>>> print(to_markdown(doc).splitlines()[0])
# Wijkagenda West (WK034401) — concept van 28 november 2026
>>> "Blijft open" in to_markdown(doc), "<h1>" in to_html(doc)
(True, True)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph.items import solution_details
from loaders import web_url
from graph.store import Store

__all__ = ["DocItem", "WijkagendaDoc", "build_document", "to_markdown", "to_html", "WORDS"]

_MONTHS = {"nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                  "september", "oktober", "november", "december"),
           "en": ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")}
#: the document's own words, nl and en
WORDS = {
    "nl": {"title": "Wijkagenda", "draft": "concept van {date}", "no_area": "(geen gebied gekozen)",
           "intro": "Een eerste voorstel voor een gezamenlijke wijkagenda, gemaakt met Wijkgraaf "
                    "uit de belemmeringen die in de wijk spelen. Bespreek het met de partners: "
                    "het is een startpunt, geen besluit.",
           "obstacles": "Belemmeringen in de wijk", "proposal": "Voorgestelde oplossingen",
           "covers": "Pakt aan", "also": "Helpt ook bij", "why": "Waarom",
           "start": "Zo begin je", "evidence": "Bewijsniveau", "invite": "Wie uitnodigen",
           "for": "voor", "open": "Blijft open", "none_open": "Alle gekozen belemmeringen worden "
           "door het voorstel aangepakt.", "sources": "Bronnen",
           "footer": "Gemaakt met Wijkgraaf op {date} (kennisbank versie {version}). "
                     "Controleer bronnen en afspraken voordat je ze overneemt.",
           "empty": "Geen oplossingen gevonden voor deze belemmeringen."},
    "en": {"title": "Neighbourhood agenda", "draft": "draft of {date}",
           "no_area": "(no area chosen)",
           "intro": "A first proposal for a joint neighbourhood agenda, made with Wijkgraaf from "
                    "the obstacles met in the area. Discuss it with the partners: it is a "
                    "starting point, not a decision.",
           "obstacles": "Obstacles in the area", "proposal": "Proposed solutions",
           "covers": "Addresses", "also": "Also helps with", "why": "Why",
           "start": "How to start", "evidence": "Evidence level", "invite": "Whom to invite",
           "for": "for", "open": "Stays open", "none_open": "The proposal addresses every "
           "chosen obstacle.", "sources": "Sources",
           "footer": "Made with Wijkgraaf on {date} (knowledge base version {version}). "
                     "Check sources and agreements before you adopt them.",
           "empty": "No solutions found for these obstacles."},
}
_TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class DocItem:
    """One proposed solution as the document shows it."""

    label: str
    reason: str
    covers: tuple[str, ...]
    also: tuple[str, ...]
    organisations: tuple[str, ...]
    how_to_start: str
    evidence: str
    sources: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class WijkagendaDoc:
    """Everything the document says, as plain text in one language."""

    lang: str
    date: str
    area: str
    obstacles: tuple[str, ...]
    items: tuple[DocItem, ...]
    invitations: tuple[tuple[str, tuple[str, ...]], ...]
    uncovered: tuple[tuple[str, str], ...]
    sources: tuple[tuple[str, str], ...]
    version: int

    def words(self) -> dict[str, str]:
        """The document's fixed words in its language."""
        return WORDS[self.lang]

    @property
    def heading(self) -> str:
        """'Wijkagenda West (WK034401) — concept van 28 november 2026'."""
        w = self.words()
        return f"{w['title']} {self.area or w['no_area']} — {w['draft'].format(date=self.date)}"


def long_date(day: dt.date, lang: str = "nl") -> str:
    """A date written out: ``long_date(date(2026, 11, 28))`` → '28 november 2026'.

    >>> long_date(dt.date(2026, 1, 5), "en")
    '5 January 2026'
    """
    return f"{day.day} {_MONTHS[lang][day.month - 1]} {day.year}"


def _label(G: nx.MultiDiGraph, node: str, lang: str) -> str:
    data = G.nodes[node]
    label = data["labels"][lang]
    return f"{label} ({data['notation']})" if data.get("notation") else label


def build_document(G: nx.MultiDiGraph, agenda, store: Store, lang: str = "nl",
                   today: dt.date | None = None) -> WijkagendaDoc:
    """The document for ``agenda`` (a :class:`graph.analytics.agenda.Agenda`) in ``lang``."""
    today = today or dt.date.today()
    area = ""
    if agenda.neighbourhood:
        node = G.nodes[agenda.neighbourhood]
        code = node.get("cbsCode") or node.get("notation")
        area = node["labels"][lang] + (f" ({code})" if code else "")
    items, all_sources = [], {}
    for item in agenda.items:
        info = solution_details(store, item.solution, lang)
        sources = tuple((s.title, web_url(s.url)) for s in info.sources)
        for title, url in sources:
            all_sources.setdefault(url or title, (title, url))
        items.append(DocItem(
            G.nodes[item.solution]["labels"][lang], item.reason[lang],
            tuple(_label(G, o, lang) for o in item.covers),
            tuple(_label(G, o, lang) for o in item.also_addresses),
            tuple(G.nodes[t]["labels"][lang] for t in item.organisation_types),
            info.how_to_start, info.evidence, sources))
    invitations = tuple((G.nodes[inv.organisation_type]["labels"][lang],
                         tuple(G.nodes[s]["labels"][lang] for s in inv.for_solutions))
                        for inv in agenda.invite)
    uncovered = tuple((_label(G, u.obstacle, lang), u.reason[lang]) for u in agenda.uncovered)
    return WijkagendaDoc(
        lang, long_date(today, lang), area, tuple(_label(G, o, lang) for o in agenda.obstacles),
        tuple(items), invitations, uncovered,
        tuple(sorted(all_sources.values(), key=lambda s: s[0].lower())), store.version())


_MD = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    return _MD.sub(r"\\\1", " ".join(str(text).split()))


def _md_link(title: str, url: str) -> str:
    url = web_url(url)
    return f"[{_md(title)}](<{url}>)" if url else _md(title)


def to_markdown(doc: WijkagendaDoc) -> str:
    """The document as Markdown (labels escaped)."""
    w = doc.words()
    out = [f"# {_md(doc.heading)}", "", _md(w["intro"]), "", f"## {w['obstacles']}", ""]
    out += [f"- {_md(o)}" for o in doc.obstacles] + ["", f"## {w['proposal']}", ""]
    if not doc.items:
        out += [_md(w["empty"]), ""]
    for n, item in enumerate(doc.items, 1):
        out += [f"### {n}. {_md(item.label)}", "",
                f"- **{w['covers']}:** " + "; ".join(_md(c) for c in item.covers)]
        if item.also:
            out.append(f"- **{w['also']}:** " + "; ".join(_md(c) for c in item.also))
        out.append(f"- **{w['why']}:** {_md(item.reason)}")
        if item.evidence:
            out.append(f"- **{w['evidence']}:** {_md(item.evidence)}")
        if item.how_to_start:
            out.append(f"- **{w['start']}:** {_md(item.how_to_start)}")
        if item.sources:
            out.append(f"- **{w['sources']}:** "
                       + "; ".join(_md_link(t, u) for t, u in item.sources))
        out.append("")
    out += [f"## {w['invite']}", ""]
    out += [f"- **{_md(label)}** — {w['for']} " + "; ".join(_md(s) for s in sols)
            for label, sols in doc.invitations] or ["—"]
    out += ["", f"## {w['open']}", ""]
    out += [f"- {_md(label)}: {_md(reason)}" for label, reason in doc.uncovered] or [
        _md(w["none_open"])]
    out += ["", f"## {w['sources']}", ""]
    out += [f"- {_md_link(t, u)}" for t, u in doc.sources] or ["—"]
    out += ["", "---", "", "*" + _md(w["footer"].format(date=doc.date, version=doc.version))
            + "*", ""]
    return "\n".join(out)


def to_html(doc: WijkagendaDoc) -> str:
    """The document as one printable HTML page (A4, self-contained, escaped)."""
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)),
                      autoescape=select_autoescape(["html"]))
    env.filters["web"] = web_url  # every href passes it
    return env.get_template("wijkagenda.html").render(doc=doc, w=doc.words())
