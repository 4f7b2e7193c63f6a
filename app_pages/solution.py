"""Solution page: what it is, what it addresses, what it bridges, who joins, on what basis."""

import streamlit as st

from app_lib import overview, state, ui
from app_lib.state import t
from ontology import UnknownIdError

choice = overview.item_or_overview("solution", "solution_id", t("choose_solution"))

try:
    page = state.solution(state.iri_of(choice))
except UnknownIdError as error:
    state.fail(error)
    st.stop()

st.title(page.item.label)
line = [f"`{ui.md(page.item.notation)}`"] if page.item.notation else []
if page.escalation:
    line.append(ui.badges([t("escalation")], "obstacle"))
if page.requires_legal_change:
    line.append(ui.badges([t("legal_change")], "obstacle"))
elif page.requires_legal_change is False:
    line.append(ui.badges([t("no_legal_change")], "solution"))
st.markdown(" ".join(line))
if page.definition:
    st.markdown(ui.md(page.definition))
if page.how_to_start:
    st.success(f"**{t('how_to_start')}:** {ui.md(page.how_to_start)}", icon=":material/flag:")

facts = [(t("evidence"), page.evidence or t("not_stated")), (t("effort"), page.effort),
         (t("time_horizon"), page.time_horizon), (t("decision_level"), page.decision_level),
         (t("implementation"), page.implementation)]
facts = [(k, v) for k, v in facts if v]
if facts:
    cols = st.columns(len(facts))
    for col, (k, v) in zip(cols, facts):
        with col.container(border=True):
            st.caption(k)
            st.markdown(f"**{ui.md(v)}**")

left, right = st.columns(2)
with left:
    st.markdown(f"**{state.tn('addresses_n', len(page.obstacles))}**")
    for ref in page.obstacles:
        ui.item_link("obstacle", ref.iri, ref.label, notation=ref.notation,
                     icon=":material/report:")
    st.markdown(f"**{t('domains_bridged')}**")
    st.markdown(f"{t('stated')}: " + ui.refs_line(page.domains_stated, "domain"))
    if page.domains_derived:
        st.markdown(f"{t('derived')}: " + ui.refs_line(page.domains_derived, "domain"))
        st.caption(t("derived_help"))
with right:
    st.markdown(f"**{t('who_joins')}**")
    st.markdown(ui.refs_line(page.organisation_types, "organisation_type"))
    if page.decided_by:
        st.markdown(f"**{t('decided_by')}:** "
                    + ui.md(state.and_list(r.label for r in page.decided_by)))
    st.markdown(f"**{t('legal_basis')}**")
    ui.legal(page.legal_basis)
    if page.programmes:
        st.markdown(f"**{t('programmes')}:** " + ui.refs_line(page.programmes, "programme"))

st.subheader(t("cases_n", n=len(page.cases)), divider="gray")
if page.cases:
    cols = st.columns(2)
    for i, case in enumerate(page.cases):
        with cols[i % 2]:
            ui.case_card(case, show_solutions=False)
else:
    st.caption(t("no_cases"))

if page.related:
    st.subheader(t("related"), divider="gray")
    for ref in page.related:
        ui.item_link("solution", ref.iri, ref.label, icon=":material/lightbulb:")

st.subheader(t("sources"), divider="gray")
ui.sources(page.sources)
st.page_link("app_pages/network.py", label=t("show_network"), icon=":material/hub:",
             query_params=state.params(id=choice))
