"""Wijkagenda: from the obstacles met in an area to a draft joint agenda, as a document."""

import datetime as dt

import streamlit as st

from app_lib import state, ui
from app_lib.state import t

st.title(t("agenda_title"))
st.markdown(t("agenda_intro"))

index = state.index()
areas = {state.short(h.iri): h for h in index.items("area", state.lang())}
obstacles = {state.short(h.iri): h for h in index.items("obstacle", state.lang())}
if not obstacles:
    st.info(t("empty_kind"))
    st.stop()


def area_label(k: str) -> str:
    hit = areas[k]
    code = hit.notation if hit.notation and hit.notation != hit.label else ""
    return f"{hit.label} ({code})" if code else hit.label


def named(value: str, kind: str, valid) -> str | None:
    """The id in ``valid`` that ``value`` names: an id, or any name the one resolver knows
    (``?area=Overvecht``, ``?o=schulden``); None when it names none of them."""
    value = value.strip()
    if value in valid:
        return value
    found = state.resolve(value, kind) if value else None
    return found if found in valid else None


wanted = st.query_params.get("area")
if wanted:
    area_id = named(wanted, "area", areas)
    if area_id is None:
        ui.not_found(wanted)
    elif area_id != wanted:
        st.query_params["area"] = area_id  # the address holds the id from now on
st.session_state.setdefault("agenda_area", None)
area = ui.choose(t("agenda_area"), {k: area_label(k) for k in areas}, "agenda_area",
                 param="area", allow_none=True, placeholder=t("agenda_area_placeholder"))

raw = st.query_params.get("o")
if raw:
    found_ids = []
    for value in (v for v in raw.split(",") if v.strip()):
        found = named(value, "obstacle", obstacles)
        if found is None:
            ui.not_found(value)
        found_ids.append(found)
    joined = ",".join(dict.fromkeys(i for i in found_ids if i))
    if joined and joined != raw:
        st.query_params["o"] = raw = joined  # the address holds the ids from now on
chosen = ui.choose(t("agenda_obstacles"), ui.item_options("obstacle"), "agenda_obstacles",
                   param="o", multi=True, placeholder=t("agenda_obstacles_placeholder"))
state.synced("agenda_max", "max", valid=[str(n) for n in range(0, 11)])
st.session_state["agenda_max"] = int(st.session_state.get("agenda_max") or 0)
limit = st.slider(t("agenda_max"), 0, 10, key="agenda_max", help=t("agenda_max_help"),
                  on_change=lambda: state.publish("max", st.session_state.agenda_max or None,
                                                  "agenda_max"))

if not chosen:
    st.info(t("agenda_choose"), icon=":material/touch_app:")
    st.stop()

request = (tuple(state.iri_of(o) for o in chosen), state.iri_of(area) if area else None,
           limit or None)
plan = state.agenda_plan(*request)
G = state.agenda_graph(*request[:2])
covered = len(chosen) - len(plan.uncovered)
cols = st.columns(4)
cols[0].metric(t("agenda_m_solutions"), len(plan.items), border=True)
cols[1].metric(t("agenda_m_covered"), f"{covered} / {len(chosen)}", border=True)
cols[2].metric(t("agenda_m_invite"), len(plan.invite), border=True)
cols[3].metric(t("agenda_m_open"), len(plan.uncovered), border=True)

st.subheader(t("agenda_proposal"), divider="gray")
if not plan.items:
    st.warning(t("agenda_empty"))
for number, item in enumerate(plan.items, 1):
    with st.container(border=True):
        ui.item_link("solution", item.solution, f"{number}. {item.label}",
                     icon=":material/lightbulb:")
        st.markdown(f"**{t('agenda_covers')}:** "
                    + ui.badges([G.nodes[o]["label"] for o in item.covers], "obstacle"))
        if item.also_addresses:
            st.markdown(f"**{t('agenda_also')}:** " + ui.badges(
                [G.nodes[o]["label"] for o in item.also_addresses], "theme"))
        st.caption(ui.md(item.reason[state.lang()]))

left, right = st.columns(2)
with left:
    st.subheader(t("agenda_invite"), divider="gray")
    for inv in plan.invite:
        names = state.and_list(G.nodes[s]["label"] for s in inv.for_solutions)
        orgs = ", ".join(G.nodes[o]["label"] for o in inv.organisations[:5])
        st.markdown(f"- **{ui.md(G.nodes[inv.organisation_type]['label'])}**"
                    + (f" ({ui.md(orgs)})" if orgs else "")
                    + f" — {t('agenda_for')} {ui.md(names)}")
    if not plan.invite:
        st.caption(t("none"))
with right:
    st.subheader(t("agenda_open"), divider="gray")
    for word in plan.unmatched:
        st.markdown("- " + ui.md(t("agenda_unmatched", w=word)))
    for u in plan.uncovered:
        ui.item_link("obstacle", u.obstacle, G.nodes[u.obstacle]["label"], icon=":material/report:")
        st.caption(ui.md(u.reason[state.lang()]))
    if not plan.uncovered and not plan.unmatched:
        st.success(t("agenda_all_covered"), icon=":material/check_circle:")

if plan.local:
    here = plan.local
    st.subheader(t("agenda_local", area=G.nodes[here.area]["label"]), divider="gray")
    c1, c2, c3 = st.columns(3)
    with c1:
        st.markdown(f"**{t('agenda_local_cases')}**")
        for case in here.cases[:8]:
            st.markdown("- " + ui.md(G.nodes[case]["label"]))
    with c2:
        st.markdown(f"**{t('agenda_local_programmes')}**")
        for prog in here.programmes:
            st.markdown("- " + ui.md(G.nodes[prog]["label"]))
        if not here.programmes:
            st.caption(t("none"))
    with c3:
        st.markdown(f"**{t('agenda_local_orgs')}**")
        st.markdown(ui.md(", ".join(G.nodes[o]["label"] for o in here.organisations)))

st.subheader(t("agenda_download"), divider="gray")
today = dt.date.today()
# the document is built when a button is clicked, not on every change of the plan


def _document(form: str):
    return lambda: state.agenda_document(*request, today=today)[form]


stem = "wijkagenda-" + (state.short(area).lower() if area else "concept") + "-" + \
    today.isoformat()
c1, c2 = st.columns(2)
# on_click="ignore": a download needs no rerun of the page (which would grey the buttons out)
c1.download_button(t("agenda_md"), _document("markdown"), file_name=stem + ".md",
                   mime="text/markdown", on_click="ignore", icon=":material/description:",
                   width="stretch")
c2.download_button(t("agenda_html"), _document("html"), file_name=stem + ".html",
                   mime="text/html", on_click="ignore",
                   icon=":material/print:", width="stretch")
st.caption(t("agenda_print_hint"))
