"""Obstacle page: what it is, where it arises, the ranked solutions with reasons, cases."""

import streamlit as st

from app_lib import overview, state, ui
from app_lib.state import t
from ontology import UnknownIdError

choice = overview.item_or_overview("obstacle", "obstacle_id", t("choose_obstacle"))

try:
    page = state.obstacle(state.iri_of(choice))
except UnknownIdError as error:
    state.fail(error)
    st.stop()

st.title(page.item.label)
line = [f"`{ui.md(page.item.notation)}`"] if page.item.notation else []
if page.categories:
    line.append(ui.badges([c.label for c in page.categories], "theme"))
line.append(ui.refs_line(page.domains, "domain"))
st.markdown(" ".join(line))
if page.definition:
    st.markdown(ui.md(page.definition))
if page.example:
    st.info(ui.md(page.example), icon=":material/format_quote:")
if page.uncertainty:
    st.caption(t("uncertain") + ": " + ui.md(page.uncertainty))

left, right = st.columns(2)
with left:
    st.markdown(f"**{t('arises_between')}**")
    st.markdown(ui.refs_line(page.arises_between, "organisation_type"))
    if page.themes:
        st.markdown(f"**{t('themes')}**")
        st.markdown(ui.refs_line(page.themes, "theme"))
with right:
    st.markdown(f"**{t('legal_frames')}**")
    ui.legal(page.legal_frames)

ranked = state.obstacle_solutions(page.item.iri)
summary = {sol.item.iri: sol for sol in page.solutions}
st.subheader(t("solutions_ranked", n=len(ranked)), divider="gray",
             help=state.ranking_order())
if not ranked:
    st.warning(t("open_gap") if page.open_gap else t("no_solutions"))
for row in ranked:
    sol = summary.get(row.solution)
    with st.container(border=True):
        head, meta = st.columns([3, 2])
        with head:
            ui.item_link("solution", row.solution, f"{row.rank}. {row.label}",
                         icon=":material/lightbulb:")
            st.caption(f"{t('why')}: {ui.md(row.reason[state.lang()])}")
            if sol and sol.definition:
                text = sol.definition if len(sol.definition) < 300 else (
                    sol.definition[:297].rsplit(" ", 1)[0] + " …")
                st.markdown(ui.md(text))
        with meta:
            if sol:
                facts = [(t("evidence"), sol.evidence), (t("effort"), sol.effort),
                         (t("implementation"), sol.implementation)]
                st.markdown("  \n".join(f"**{k}:** {ui.md(v)}" for k, v in facts if v))
                if sol.domains:
                    st.markdown(f"**{t('bridges')}:** " + ui.refs_line(sol.domains, "domain"))
                if sol.organisation_types:
                    st.markdown(f"**{t('who_joins')}:** "
                                + ui.refs_line(sol.organisation_types, "organisation_type"))

st.subheader(t("cases_n", n=len(page.cases)), divider="gray")
if page.cases:
    cols = st.columns(2)
    for i, case in enumerate(page.cases):
        with cols[i % 2]:
            ui.case_card(case)
else:
    st.caption(t("no_cases"))

st.subheader(t("sources"), divider="gray")
ui.sources(page.sources)
st.page_link("app_pages/network.py", label=t("show_network"), icon=":material/hub:",
             query_params=state.params(id=choice))
