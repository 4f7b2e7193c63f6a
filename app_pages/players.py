"""Key players: who connects two sides (the social and the physical domain, or any two
domains), in words; obstacles with the widest reach; clusters. Network measures only behind
an explanation.

These measures need the whole graph: on a remote store too this page uses the whole
projection (built once per store version, never per click)."""

import pandas as pd
import streamlit as st

from app_lib import state, ui
from app_lib.state import t
from graph.analytics import CRITERIA, brokers, communities, key_players, ordinal
from graph.analytics.advice import side_name
from ontology import InputError

st.title(t("players_title"))

TABS = ("brokers", "bridgers", "reach", "clusters")
state.synced("players_tab", "tab", valid=TABS)
st.session_state.setdefault("players_tab", "brokers")
lang = state.lang()
G = state.graph()


def _sides() -> dict[str, str]:
    """The sides one can choose, short id → label: the domain groups, then the domains."""
    groups = sorted((n for n in G if G.nodes[n]["kind"] == "domain_group"),
                    key=lambda n: G.nodes[n]["label"].lower())
    return {state.short(n): G.nodes[n]["label"][:1].upper() + G.nodes[n]["label"][1:]
            for n in groups + state.domains()}


def _default(options: dict[str, str]) -> tuple[str, str]:
    """The social and the physical domain when the knowledge base has them, else the first
    two domain groups, else the first two domains."""
    if {"sociaal-domein", "fysiek-domein"} <= set(options):
        return "sociaal-domein", "fysiek-domein"
    groups = [k for k in options if G.nodes[state.iri_of(k)]["kind"] == "domain_group"]
    pool = groups if len(groups) >= 2 else [k for k in options if k not in groups]
    pool = pool if len(pool) >= 2 else list(options)
    return pool[0], pool[1]


def pick_sides() -> tuple[str, str] | None:
    """Two pickers, kept in the address (``?a=…&b=…``); ``None`` until two are chosen."""
    options = _sides()
    if len(options) < 2:
        st.info(t("empty_kind"))
        return None
    first, second = _default(options)
    for key, param, default in (("players_a", "a", first), ("players_b", "b", second)):
        state.synced(key, param, valid=options)
        st.session_state.setdefault(key, default)
    left, right = st.columns(2)
    ui.relabel("players_a")
    ui.relabel("players_b")
    a = left.selectbox(t("players_side_a"), list(options), key="players_a",
                       format_func=options.get, placeholder=t("choose_option"),
                       on_change=lambda: state.publish("a", st.session_state.players_a,
                                                       "players_a"))
    b = right.selectbox(t("players_side_b"), list(options), key="players_b",
                        format_func=options.get, placeholder=t("choose_option"),
                        on_change=lambda: state.publish("b", st.session_state.players_b,
                                                        "players_b"))
    if not a or not b:
        return None
    return a, b


def question(a: str, b: str) -> str:
    if {a, b} == {"sociaal-domein", "fysiek-domein"}:
        return t("players_question_groups")
    return t("players_question", a=side_name(G, state.iri_of(a), lang),
             b=side_name(G, state.iri_of(b), lang))


def side_answer(kind: str, a: str, b: str) -> None:
    """The answer in words: the top ten as cards with their reasons, the rest in a table, the
    order explained, and the network measures behind a click."""
    try:
        ranking = state.shared(brokers, state.iri_of(a), state.iri_of(b), kind=kind,
                               lang=lang)
    except InputError:  # the same side twice, or two sides with a domain in common
        st.warning(t("players_overlap"))
        return
    st.markdown(t("players_explain_" + tab))
    if not ranking.players:
        st.info(t("players_none"))
    page_kind = "solution" if kind == "solution" else "organisation_type"
    for p in ranking.players[:10]:
        with st.container(border=True):
            place = ordinal(p.place, lang, p.shared)
            ui.item_link(page_kind, p.id, f"{place}. {G.nodes[p.id]['label']}",
                         icon=":material/hub:" if kind != "solution" else
                         ":material/lightbulb:")
            st.markdown(ui.md(p.text[lang]))
            if p.decided_by:
                st.caption(t("players_ahead_by", why=CRITERIA[p.decided_by][lang]))
    with st.expander(t("players_order"), icon=":material/help:"):
        st.markdown(ui.md(ranking.order[lang]))
        st.markdown(t("players_shared_note"))
    if len(ranking.players) > 10:
        with st.expander(t("players_all", n=len(ranking.players))):
            rows = [{t("place"): ordinal(p.place, lang, p.shared),
                     t("name"): G.nodes[p.id]["label"], t("why"): p.text[lang],
                     t("players_tie"): CRITERIA[p.decided_by][lang] if p.decided_by else ""}
                    for p in ranking.players[:ui.LISTED]]
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                         column_config={t("why"): st.column_config.TextColumn(width="large")})
            if len(ranking.players) > ui.LISTED:
                st.caption(t("list_first", shown=ui.LISTED, n=len(ranking.players)))
    measures_table(kind, SPEC[kind])


#: per kind: the network measures shown behind a click (measure, format)
SPEC = {
    "organisation_type": [("betweenness", "bar"), ("effective_size", "%.1f"),
                          ("constraint", "%.2f"), ("partners", "%d")],
    "solution": [("betweenness", "bar"), ("domains", "%d"), ("cases", "%d"),
                 ("pagerank", "%.3f")],
    "obstacle": [("domains", "%d"), ("organisation_types", "%d"), ("solutions", "%d")],
}


def players_table(ranking, columns: list) -> None:
    """A key-player ranking (``graph.analytics.ranking.Ranking``) as a table with its places."""
    rows = []
    for p in ranking.players[:ui.LISTED]:
        row = {t("place"): ordinal(p.rank, lang, p.shared),
               t("name"): G.nodes[p.id]["label"] if p.id in G else p.label}
        for measure, _ in columns:
            row[t("m_" + measure)] = p.scores.get(measure)
        row[t("meaning")] = p.explanation[lang]
        rows.append(row)
    config = {t("meaning"): st.column_config.TextColumn(width="large")}
    for measure, fmt in columns:
        label = t("m_" + measure)
        if fmt == "bar":
            top = max([r[label] or 0 for r in rows] + [1e-9])
            config[label] = st.column_config.ProgressColumn(label, min_value=0.0,
                                                            max_value=top, format="%.3f")
        else:
            config[label] = st.column_config.NumberColumn(label, format=fmt)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config=config,
                 height=min(38 + 35 * len(rows), 560))
    if len(ranking.players) > ui.LISTED:
        st.caption(t("list_first", shown=ui.LISTED, n=len(ranking.players)))


def measures_table(kind: str, columns: list) -> None:
    """The network measures of a kind, behind a click, with what each means."""
    ranking = state.shared(key_players, kind)
    with st.expander(t("players_measures_" + kind), icon=":material/insights:"):
        st.markdown(t("players_measures_intro_" + kind))
        for measure, _ in columns:
            if measure in ranking.measures:
                st.markdown(f"- **{t('m_' + measure)}**: "
                            + ui.md(ranking.measures[measure][lang]))
        if ranking.method:
            st.caption(ui.md(ranking.method.get(lang, "")))
        players_table(ranking, columns)


ui.relabel("players_tab")
tab = st.segmented_control(
    t("players_view"), TABS, key="players_tab", format_func=lambda k: t("players_" + k),
    required=True, on_change=lambda: state.publish("tab", st.session_state.players_tab,
                                                   "players_tab"))
tab = tab or "brokers"

if tab in ("brokers", "bridgers"):
    sides = pick_sides()
    if sides:
        st.subheader(question(*sides))
        side_answer("organisation_type" if tab == "brokers" else "solution", *sides)
elif tab == "reach":
    st.markdown(t("players_explain_reach"))
    reach = state.shared(key_players, "obstacle")
    players_table(reach, SPEC["obstacle"])
    with st.expander(t("players_order"), icon=":material/help:"):
        st.markdown(t("players_order_reach"))
        st.markdown(t("players_shared_note"))
else:
    st.markdown(t("players_explain_clusters"))
    clusters = state.analytic(communities, min_size=2)
    if not clusters:
        st.info(t("empty_kind"))
    for c in clusters[:12]:
        title = " / ".join(G.nodes[m]["label"] for m in c.members[:2] if m in G) or c.name
        with st.expander(t("cluster_title", n=c.number, name=title, size=len(c.members)),
                         expanded=c.number == 1):
            left, right = st.columns(2)
            with left:
                st.markdown(f"**{ui.kind_title('obstacle', len(c.obstacles))}**")
                for o in c.obstacles[:ui.SHOWN]:
                    ui.item_link("obstacle", o, G.nodes[o]["label"], icon=":material/report:")
                ui.more(len(c.obstacles))
            with right:
                st.markdown(f"**{ui.kind_title('solution', len(c.solutions))}**")
                for s in c.solutions[:ui.SHOWN]:
                    ui.item_link("solution", s, G.nodes[s]["label"], icon=":material/lightbulb:")
                ui.more(len(c.solutions))
