"""Key players: brokers, bridging solutions, obstacles with the widest reach, clusters."""

import pandas as pd
import streamlit as st

from app_lib import state, ui
from app_lib.state import t
from graph.analytics import communities, key_players

st.title(t("players_title"))
st.markdown(t("players_intro"))

TABS = ("brokers", "bridgers", "reach", "clusters")
state.synced("players_tab", "tab", valid=TABS)
st.session_state.setdefault("players_tab", "brokers")
tab = st.segmented_control(
    t("players_view"), TABS, key="players_tab", format_func=lambda k: t("players_" + k),
    required=True, on_change=lambda: state.publish("tab", st.session_state.players_tab,
                                                   "players_tab"))
tab = tab or "brokers"
lang = state.lang()
G = state.graph()

#: per tab: the kind ranked and the columns shown (measure, format)
SPEC = {
    "brokers": ("organisation_type", [("betweenness", "bar"), ("effective_size", "%.1f"),
                                      ("constraint", "%.2f"), ("partners", "%d")]),
    "bridgers": ("solution", [("betweenness", "bar"), ("domains", "%d"),
                              ("pagerank", "%.3f")]),
    "reach": ("obstacle", [("domains", "%d"), ("organisation_types", "%d"),
                           ("solutions", "%d")]),
}


def ranking_table(kind: str, columns: list) -> None:
    ranking = state.analytic(key_players, kind)
    st.markdown(t("players_explain_" + tab))
    with st.expander(t("players_measures"), icon=":material/help:"):
        for measure, _ in columns:
            if measure in ranking.measures:
                st.markdown(f"- **{t('m_' + measure)}**: "
                            + ui.md(ranking.measures[measure][lang]))
        if ranking.method:
            st.caption(ui.md(ranking.method.get(lang, "")))
    rows = []
    for p in ranking.players:
        row = {"#": p.rank, t("name"): G.nodes[p.id]["label"] if p.id in G else p.label}
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
    top = ranking.players[:3]
    if top:
        st.markdown(f"**{t('players_top')}**")
        cols = st.columns(len(top))
        for col, p in zip(cols, top):
            with col.container(border=True):
                name = G.nodes[p.id]["label"] if p.id in G else p.label
                ui.item_link(kind, p.id, f"{p.rank}. {name}", icon=":material/star:")
                st.caption(ui.md(p.explanation[lang]))


if tab in SPEC:
    kind, columns = SPEC[tab]
    ranking_table(kind, columns)
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
                for o in c.obstacles:
                    ui.item_link("obstacle", o, G.nodes[o]["label"], icon=":material/report:")
            with right:
                st.markdown(f"**{ui.kind_title('solution', len(c.solutions))}**")
                for s in c.solutions:
                    ui.item_link("solution", s, G.nodes[s]["label"], icon=":material/lightbulb:")
