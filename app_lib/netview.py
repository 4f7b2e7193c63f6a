"""Network pictures: the neighbourhood of a selection, and routes, as self-contained HTML.

:func:`ego_nodes` chooses what to show (plain data, testable); :func:`ego_html` and
:func:`routes_html` draw it with pyvis into one HTML page whose JavaScript and CSS are inlined
from the installed pyvis package (vis-network), so the picture works offline and fetches
nothing. Labels and tooltips are plain text: they reach the page as JSON with ``<``, ``>`` and
``&`` escaped, and vis-network shows tooltips as text, never as HTML.

>>> from graph.analytics.projection import build_graph
>>> G = build_graph([{"id": "O1", "kind": "obstacle", "label": "<b>wachtlijst</b>"},
...                  {"id": "S1", "kind": "solution", "label": "buurtteam"},
...                  {"id": "S2", "kind": "solution", "label": "schuldhulp"}],
...                 [("S1", "addresses", "O1"), ("S2", "addresses", "O1")])
>>> view = ego_html(G, ["https://w3id.org/wijkgraaf/id/O1"], depth=1, cap=2)
>>> view.shown, view.total, view.capped, "<b>wachtlijst" in view.html
(2, 3, True, False)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ontology.files import ONTOLOGY_TTL
from ontology.kinds import KIND, ORDER, colour, noun
from ontology.vocab import ORG, SKOS

__all__ = ["NetView", "ego_nodes", "ego_html", "routes_html", "selection_html", "kind_name",
           "predicate_label"]

#: colour per kind: the same in the network, the legend and the app's badges
_SYMBOLS = {"triangle": "▲", "dot": "●", "square": "■", "diamond": "◆", "hexagon": "⬢",
            "star": "★"}
_EXTRA_PREDICATES = {
    ORG.classification: ("is van type", "is of type"),
    SKOS.broader: ("valt onder", "falls under"),
}
_PYVIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
_TEMPLATES = Path(__file__).with_name("templates")


def kind_name(kind: str, lang: str = "nl", plural: bool = False) -> str:
    """The word for a kind (see :func:`ontology.kinds.noun`).

    >>> kind_name("organisation_type", "en", plural=True)
    'organisation types'
    """
    return noun(kind, lang, plural)


@lru_cache(maxsize=1)
def _predicate_labels() -> dict[str, tuple[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for quad in ox.parse(path=str(ONTOLOGY_TTL)):
        if quad.predicate.value == "http://www.w3.org/2000/01/rdf-schema#label":
            labels.setdefault(quad.subject.value, {})[quad.object.language or ""] = \
                quad.object.value
    out = {p: (v.get("nl", ""), v.get("en", "")) for p, v in labels.items()}
    out.update(_EXTRA_PREDICATES)
    return out


def predicate_label(predicate: str, lang: str = "nl") -> str:
    """The label of an ontology property ('pakt aan' / 'addresses').

    >>> predicate_label("https://w3id.org/wijkgraaf/def#addresses", "en")
    'addresses'
    """
    pair = _predicate_labels().get(predicate)
    if not pair:
        return predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return pair[0] if lang == "nl" else pair[1]


@dataclass(frozen=True)
class NetView:
    """A drawn network: the HTML, how many nodes are shown, how many the selection had
    before the cap (``total``), and whether the cap cut it."""

    html: str
    shown: int
    total: int
    capped: bool
    edges: int
    nodes: tuple[str, ...] = ()


def _domains_of(G: nx.MultiDiGraph, node: str) -> set[str]:
    found = set()
    for nbr in (*G.successors(node), *G.predecessors(node)):
        if G.nodes[nbr].get("kind") == "domain":
            found.add(nbr)
    return found


def ego_nodes(G: nx.MultiDiGraph, centres: Sequence[str], depth: int = 1,
              kinds: Iterable[str] | None = None, domains: Iterable[str] | None = None,
              cap: int = 80) -> tuple[list[str], int]:
    """The nodes within ``depth`` steps of ``centres`` (either direction), closest first, at
    most ``cap``; and how many there were before the cap.

    Only nodes of ``kinds`` are shown and walked through (the centres always are). With
    ``domains``, a node linked to some domain must be linked to one of them (a domain node
    must be one of them); nodes linked to no domain stay. Ties at the same distance go to
    the better-connected node.
    """
    if not 1 <= depth <= 3:
        raise ValueError("depth must be 1, 2 or 3")
    centres = [c for c in dict.fromkeys(centres) if c in G]
    if not centres:
        return [], 0
    kinds = set(kinds) if kinds else None
    domains = set(domains) if domains else None

    def keep(n: str) -> bool:
        if n in centres:
            return True
        kind = G.nodes[n].get("kind")
        if kinds is not None and kind not in kinds:
            return False
        if domains is not None:
            if kind == "domain":
                return n in domains
            linked = _domains_of(G, n)
            return not linked or bool(linked & domains)
        return True

    distance = {c: 0 for c in centres}
    frontier = list(centres)
    for step in range(1, depth + 1):
        nxt = []
        for node in frontier:
            for nbr in (*G.successors(node), *G.predecessors(node)):
                if nbr not in distance and keep(nbr):
                    distance[nbr] = step
                    nxt.append(nbr)
        frontier = nxt
    order = sorted(distance, key=lambda n: (distance[n], -G.degree(n), n))
    return order[:cap], len(order)


def _env() -> Environment:
    return Environment(loader=FileSystemLoader(str(_TEMPLATES)),
                       autoescape=select_autoescape(["html"]))


@lru_cache(maxsize=1)
def _assets() -> tuple[Markup, Markup]:
    js = (_PYVIS_LIB / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_PYVIS_LIB / "vis-network.css").read_text(encoding="utf-8")
    return Markup(js.replace("</script", "<\\/script")), Markup(css.replace("</style", ""))


def _short(text: str, n: int = 30) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def rings(G: nx.MultiDiGraph, centres: Sequence[str], nodes: Sequence[str],
          spacing: int = 230) -> dict[str, tuple[float, float]]:
    """Fixed positions for an ego view: the centres in the middle, each further step on a
    wider ring, a node placed near the node it was reached from (so branches stay together).

    >>> from graph.analytics.projection import build_graph
    >>> G = build_graph([{"id": i, "kind": "obstacle", "label": i} for i in "ABCD"],
    ...                 [("A", "relatedSolution", "B"), ("B", "relatedSolution", "C"),
    ...                  ("A", "relatedSolution", "D")])
    >>> ids = ["https://w3id.org/wijkgraaf/id/" + x for x in "ABCD"]
    >>> pos = rings(G, ids[:1], ids)
    >>> pos[ids[0]], round(math.dist((0, 0), pos[ids[2]]) / 230)
    ((0.0, 0.0), 2)
    """
    shown = set(nodes)
    U = G.to_undirected(as_view=True)
    step = {c: 0 for c in centres if c in shown}
    parent: dict[str, str] = {}
    frontier = list(step)
    while frontier:
        nxt = []
        for u in frontier:
            for v in sorted(U.neighbors(u)):
                if v in shown and v not in step:
                    step[v], parent[v] = step[u] + 1, u
                    nxt.append(v)
        frontier = nxt
    for n in nodes:  # not reached through shown nodes: the outermost ring
        step.setdefault(n, max(step.values(), default=0) + 1)
    angle: dict[str, float] = {}
    pos: dict[str, tuple[float, float]] = {}
    centre_list = [n for n in nodes if step[n] == 0]
    for i, c in enumerate(centre_list):
        angle[c] = 2 * math.pi * i / max(1, len(centre_list))
        r = 0.0 if len(centre_list) == 1 else spacing * 0.5
        pos[c] = (r * math.cos(angle[c]), r * math.sin(angle[c]))
    for depth in range(1, max(step.values(), default=0) + 1):
        ring = [n for n in nodes if step[n] == depth]
        ring.sort(key=lambda n: (angle.get(parent.get(n, ""), 0.0), n))
        for i, n in enumerate(ring):
            angle[n] = 2 * math.pi * (i + 0.5) / len(ring)
            pos[n] = (depth * spacing * math.cos(angle[n]), depth * spacing * math.sin(angle[n]))
    return pos


def _render(G: nx.MultiDiGraph, nodes: list[str], lang: str, height: int,
            centres: Sequence[str] = (), levels: dict[str, int] | None = None,
            path_edges: set[tuple[str, str]] | None = None,
            positions: dict[str, tuple[float, float]] | None = None) -> tuple[str, int]:
    from pyvis.network import Network

    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    shown = set(nodes)
    for n in nodes:
        data = G.nodes[n]
        kind = data.get("kind", "")
        label = data.get("labels", {}).get(lang) or data.get("label") or n
        tip = f"{label}\n{kind_name(kind, lang)}"
        if data.get("notation"):
            tip += f" · {data['notation']}"
        extra = {"level": levels[n]} if levels and n in levels else {}
        if positions and n in positions:
            extra = {"x": positions[n][0], "y": positions[n][1], "physics": False}
        net.add_node(n, label=_short(label), title=tip, color=colour(kind),
                     shape=KIND[kind].shape if kind in KIND else "dot",
                     size=26 if n in centres else 16,
                     borderWidth=3 if n in centres else 1, **extra)
    count = 0
    seen: set[tuple[str, str]] = set()
    for u, v, key in G.edges(nodes, keys=True):
        if v not in shown or (u, v) in seen:
            continue
        if path_edges is not None and (u, v) not in path_edges and (v, u) not in path_edges:
            continue
        seen.add((u, v))
        net.add_edge(u, v, title=predicate_label(key, lang), color="#b8bec6", arrows="to")
        count += 1
    kinds = sorted({G.nodes[n].get("kind", "") for n in nodes},
                   key=lambda k: ORDER.get(k, 99))
    legend = [{"colour": colour(k), "label": kind_name(k, lang, True),
               "symbol": _SYMBOLS[KIND[k].shape if k in KIND else "dot"]} for k in kinds]
    options = {
        "nodes": {"font": {"size": 13, "face": "Source Sans Pro, system-ui, sans-serif",
                           "color": "#31333f", "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": {"type": "continuous"}, "width": 1.2,
                  "arrows": {"to": {"scaleFactor": 0.5}}},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "keyboard": False},
        "physics": {"solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -110, "centralGravity": 0.008,
                                         "springLength": 150, "springConstant": 0.04,
                                         "avoidOverlap": 0.7},
                    "stabilization": {"iterations": 400}},
    }
    if levels:
        options["layout"] = {"hierarchical": {"direction": "LR", "sortMethod": "directed",
                                              "levelSeparation": 190, "nodeSpacing": 110}}
        options["physics"] = {"enabled": False}
    net_nodes, net_edges, *_ = net.get_network_data()
    js, css = _assets()
    html = _env().get_template("netview.html").render(
        nodes=net_nodes, edges=net_edges, options=options, legend=legend, height=height,
        lang=lang, vis_js=js, vis_css=css,
        aria="Netwerkweergave" if lang == "nl" else "Network view")
    return html, count


def ego_html(G: nx.MultiDiGraph, centres: Sequence[str], depth: int = 1,
             kinds: Iterable[str] | None = None, domains: Iterable[str] | None = None,
             cap: int = 80, lang: str = "nl", height: int = 600,
             expand: str | None = None) -> NetView:
    """The neighbourhood of ``centres`` (see :func:`ego_nodes`) as a self-contained HTML page,
    coloured by kind, with a legend. ``expand`` names one shown node whose neighbours (same
    filters) are all added, even beyond the cap (at most ``cap`` more).

    >>> from graph.analytics.projection import build_graph
    >>> G = build_graph([{"id": i, "kind": "obstacle", "label": i} for i in "ABCD"],
    ...                 [("A", "relatedSolution", "B"), ("B", "relatedSolution", "C"),
    ...                  ("B", "relatedSolution", "D")])
    >>> A, B = "https://w3id.org/wijkgraaf/id/A", "https://w3id.org/wijkgraaf/id/B"
    >>> ego_html(G, [A]).shown, ego_html(G, [A], expand=B).shown
    (2, 4)
    """
    nodes, total = ego_nodes(G, centres, depth, kinds, domains, cap)
    if expand in nodes:
        extra, _ = ego_nodes(G, [expand], 1, kinds, domains, cap + 1)
        nodes += [n for n in extra if n not in nodes]
    positions = ties = None
    if depth > 1:  # depth 1 reads well freely; deeper: rings, and only links between rings
        positions = rings(G, centres, nodes)
        ring = {n: round(math.hypot(*positions[n]) / 230) for n in nodes}
        ties = {(u, v) for u, v in G.subgraph(nodes).edges() if abs(ring[u] - ring[v]) == 1}
    html, edges = _render(G, nodes, lang, height, centres=centres, positions=positions,
                          path_edges=ties)
    return NetView(html, len(nodes), total, total > len(nodes), edges, tuple(nodes))


def selection_html(G: nx.MultiDiGraph, items: Sequence[str], cap: int = 30,
                   lang: str = "nl", height: int = 380) -> NetView:
    """A picture of a selection's own items and the links between them: at most ``cap`` of
    them (the best connected within the selection first), so every label can be read.

    >>> from graph.analytics.projection import build_graph
    >>> G = build_graph([{"id": i, "kind": "obstacle", "label": i} for i in "ABC"],
    ...                 [("A", "relatedSolution", "B"), ("A", "relatedSolution", "C")])
    >>> view = selection_html(G, ["https://w3id.org/wijkgraaf/id/" + i for i in "ABC"], cap=2)
    >>> view.shown, view.total, view.nodes[0].endswith("A")
    (2, 3, True)
    """
    pool = [n for n in dict.fromkeys(items) if n in G]
    inner = G.subgraph(pool)
    nodes = sorted(pool, key=lambda n: (-inner.degree(n), G.nodes[n].get("label", ""), n))[:cap]
    html, edges = _render(G, nodes, lang, height)
    return NetView(html, len(nodes), len(pool), len(pool) > len(nodes), edges, tuple(nodes))


def routes_html(G: nx.MultiDiGraph, paths: Sequence[Sequence[str]], lang: str = "nl",
                height: int = 420) -> NetView:
    """Routes (lists of nodes) drawn left to right, start and end highlighted.

    >>> from graph.analytics.projection import build_graph
    >>> G = build_graph([{"id": "A", "kind": "organisation_type", "label": "A"},
    ...                  {"id": "S", "kind": "solution", "label": "S"},
    ...                  {"id": "B", "kind": "organisation_type", "label": "B"}],
    ...                 [("S", "involvesOrganisationType", "A"),
    ...                  ("S", "involvesOrganisationType", "B")])
    >>> ids = ["https://w3id.org/wijkgraaf/id/" + x for x in "ASB"]
    >>> routes_html(G, [ids]).edges
    2
    """
    levels: dict[str, int] = {}
    path_edges: set[tuple[str, str]] = set()
    for path in paths:
        for i, node in enumerate(path):
            levels[node] = min(levels.get(node, i), i)
        path_edges |= set(zip(path, path[1:]))
    nodes = [n for n in levels if n in G]
    ends = [p[0] for p in paths if p] + [p[-1] for p in paths if p]
    html, edges = _render(G, nodes, lang, height, centres=ends, levels=levels,
                          path_edges=path_edges)
    return NetView(html, len(nodes), len(nodes), False, edges)
