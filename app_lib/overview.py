"""Where the sidebar's *Belemmering* and *Oplossing* lead: an overview of every obstacle or
solution, filterable by domain, theme and category (evidence level for solutions), and the page
for an id that is not in the knowledge base, with the closest matches.

:func:`rows` is a plain function of the projection (cached per store version through
:func:`app_lib.state.analytic`); :func:`show` and :func:`not_found` draw.

>>> from graph.analytics.common import example_graph
>>> [(r.notation, r.domains, r.category) for r in rows(example_graph(), "obstacle")][:1]
[('O01', ('gezondheid', 'wonen'), 'cat-informatie-privacy')]

(the example graph has no labels for its categories: the short id stands in)
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import streamlit as st

from app_lib import state, ui
from app_lib.state import t

#: per kind: (relation to domains, relation to themes, node attribute of the category)
_FACETS = {"obstacle": ("affectsDomain", "hasTheme", "hasCategory"),
           "solution": ("bridgesDomain", "hasTheme", "evidenceLevel")}


@dataclass(frozen=True)
class Row:
    """One item of an overview, with the labels (and ids) of its facets."""

    iri: str
    label: str
    notation: str
    domains: tuple[str, ...]
    domain_ids: tuple[str, ...]
    themes: tuple[str, ...]
    theme_ids: tuple[str, ...]
    category: str
    category_id: str


def rows(G, kind: str) -> list[Row]:
    """Every item of ``kind`` ('obstacle' or 'solution') in the projection ``G`` with its
    domains, themes and category (labels in ``G``'s language), sorted by label."""
    domain_rel, theme_rel, category_attr = _FACETS[kind]
    terms = G.graph.get("terms", {})
    lang = G.graph.get("lang", "nl")
    out = []
    for n, data in G.nodes(data=True):
        if data["kind"] != kind:
            continue
        linked = {domain_rel: [], theme_rel: []}
        for _, v, key in G.out_edges(n, keys=True):
            rel = key.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            if rel in linked:
                linked[rel].append(v)
        doms = sorted(set(linked[domain_rel]), key=lambda v: G.nodes[v]["label"].lower())
        thms = sorted(set(linked[theme_rel]), key=lambda v: G.nodes[v]["label"].lower())
        cat = data.get(category_attr) or ""
        cat_label = (terms.get(cat, {}).get("labels", {}).get(lang) or
                     state.short(cat)) if cat else ""
        out.append(Row(n, data["label"], data.get("notation") or state.short(n),
                       tuple(G.nodes[v]["label"] for v in doms), tuple(doms),
                       tuple(G.nodes[v]["label"] for v in thms), tuple(thms), cat_label, cat))
    return sorted(out, key=lambda r: (r.label.lower(), r.iri))


def _facet(found: list[Row], ids: str, labels: str) -> dict[str, str]:
    """The values a filter offers: short id → label, sorted by label."""
    pairs = {}
    for r in found:
        values = getattr(r, ids)
        names = getattr(r, labels)
        if isinstance(values, str):
            values, names = ((values,), (names,)) if values else ((), ())
        pairs.update(zip(values, names))
    return {state.short(k): v for k, v in sorted(pairs.items(), key=lambda kv: kv[1].lower())}


def show(kind: str) -> None:
    """The overview of every obstacle or solution, with three filters in the address."""
    st.title(t(f"overview_{kind}_title"))
    st.markdown(t(f"overview_{kind}_intro"))
    found = state.analytic(rows, kind)
    if not found:
        st.info(t("empty_kind"))
        return
    cols = st.columns(3)
    domains = ui.choose(t("overview_domain"), _facet(found, "domain_ids", "domains"),
                        f"ov_{kind}_domains", param="domein", multi=True, where=cols[0],
                        placeholder=t("overview_all"))
    themes = ui.choose(t("overview_theme"), _facet(found, "theme_ids", "themes"),
                       f"ov_{kind}_themes", param="thema", multi=True, where=cols[1],
                       placeholder=t("overview_all"))
    cats = ui.choose(t(f"overview_{kind}_category"), _facet(found, "category_id", "category"),
                     f"ov_{kind}_cats", param="categorie", multi=True, where=cols[2],
                     placeholder=t("overview_all"))
    wanted = [set(map(state.iri_of, chosen)) for chosen in (domains, themes, cats)]
    shown = [r for r in found
             if (not wanted[0] or wanted[0] & set(r.domain_ids))
             and (not wanted[1] or wanted[1] & set(r.theme_ids))
             and (not wanted[2] or r.category_id in wanted[2])]
    st.caption(state.tn(f"overview_{kind}_count", len(shown), total=len(found)))
    icon = ":material/report:" if kind == "obstacle" else ":material/lightbulb:"
    for r in shown:
        with st.container(border=True):
            ui.item_link(kind, r.iri, r.label, notation=r.notation, icon=icon)
            line = [ui.badges(r.domains, "domain")] if r.domains else []
            if r.category:
                line.append(ui.badges([r.category], "theme"))
            if line:
                st.markdown(" ".join(line))


def closest(kind: str, value: str, n: int = 5) -> list[str]:
    """The short ids of at most ``n`` items of ``kind`` nearest to ``value``: ids and codes
    that look like it (``O99`` → ``O09``, ``O19``, …), then what a search for it finds."""
    items = {state.short(h.iri): h for h in state.index().items(kind, state.lang())}
    codes = {(h.notation or k).upper(): k for k, h in items.items()}
    wanted = value.strip().upper()
    numbered = re.fullmatch(r"([A-Z]+)(\d+)", wanted)
    if numbered:  # O99: the ids with the same letter and the nearest numbers
        prefix, number = numbered.group(1), int(numbered.group(2))
        same = [(abs(int(c[len(prefix):]) - number), c) for c in codes
                if re.fullmatch(prefix + r"\d+", c)]
        near = [codes[c] for _, c in sorted(same)[:n]]
    else:
        near = [codes[c] for c in difflib.get_close_matches(wanted, list(codes), n=n,
                                                            cutoff=0.6)]
    hits = [state.short(h.iri) for h in state.index().search(value, state.lang(), limit=n,
                                                              kinds=(kind,))]
    return list(dict.fromkeys(near + hits))[:n]


def not_found(kind: str, value: str) -> None:
    """The page for ``?id=`` naming nothing of ``kind``: said plainly, the closest matches
    as links, and the way to the overview."""
    st.title(t("notfound_title"))
    st.warning(t("err_unknown", value=value), icon=":material/search_off:")
    near = closest(kind, value)
    index = state.index()
    if near:
        st.markdown(f"**{t('notfound_closest')}**")
        for k in near:
            hit = index.hit(state.iri_of(k), state.lang())
            if hit:
                ui.item_link(kind, hit.iri, hit.label, notation=hit.notation)
    page = ui.PAGE[kind]
    st.page_link(page, label=t(f"overview_{kind}_all"), icon=":material/list:",
                 query_params=state.params())


def item_or_overview(kind: str, key: str, label: str) -> str:
    """The chosen item of an item page (``?id=``); without one the page is the overview, for
    an id that names nothing the not-found page (both stop the page here)."""
    wanted = st.query_params.get("id")
    if not wanted:
        show(kind)
        st.stop()
    choice = ui.pick_item(kind, key, label)
    if choice is None:
        not_found(kind, wanted)
        st.stop()
    st.page_link(ui.PAGE[kind], label=t(f"overview_{kind}_all"), icon=":material/list:",
                 query_params=state.params())
    return choice
