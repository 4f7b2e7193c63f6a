"""Routes: the k shortest routes from one item to another, drawn and told in a sentence."""

import streamlit as st

from app_lib import state, ui
from app_lib.state import t
from graph.analytics import shared_problems

st.title(t("routes_title"))
st.markdown(t("routes_intro"))

options = state.node_options()
if len(options) < 2:
    st.info(t("empty_kind"))
    st.stop()
keys = list(options)
for param in ("a", "b"):
    wanted = st.query_params.get(param)
    if wanted and wanted not in options:  # a name the one resolver knows: ?a=huisarts
        found = state.resolve(wanted)
        if found in options:
            st.query_params[param] = found
        else:
            ui.not_found(wanted)
types = [k for k, kind in zip(keys, state.kinds_of(keys)) if kind == "organisation_type"]
state.synced("route_a", "a", valid=options)
state.synced("route_b", "b", valid=options)
if st.session_state.get("route_a") not in options:
    preferred = [k for k in ("ot-wijkteam", "ot-gemeente") if k in options]
    st.session_state["route_a"] = next(iter(preferred + types + keys))
if st.session_state.get("route_b") not in options:
    preferred = [k for k in ("ot-woningcorporatie", "ot-ggd") if k in options]
    st.session_state["route_b"] = next(
        k for k in preferred + types + keys if k != st.session_state.route_a)
left, right = st.columns(2)
a = ui.choose(t("route_from"), options, "route_a", param="a", where=left)
b = ui.choose(t("route_to"), options, "route_b", param="b", where=right)
state.synced("route_k", "k", valid=("1", "2", "3", "4", "5"))
st.session_state["route_k"] = int(st.session_state.get("route_k") or 3)
c1, c2 = st.columns([1, 2])
k = c1.slider(t("route_k"), 1, 5, key="route_k",
              on_change=lambda: state.publish("k", st.session_state.route_k, "route_k"))
hubs = c2.toggle(t("route_hubs"), value=False, key="route_hubs", help=t("route_hubs_help"))

if a == b:
    st.info(t("route_same"))
    st.stop()
skip = () if hubs else ("theme", "domain_group")
found = state.route_list(state.iri_of(a), state.iri_of(b), k, skip)
shared = state.analytic(shared_problems, state.iri_of(a), state.iri_of(b), lang=state.lang(),
                        part=("neighbourhood", (state.iri_of(a), state.iri_of(b)), 1, ()))
if shared:
    with st.expander(t("routes_shared") + f" ({len(shared)})", icon=":material/report:"):
        st.caption(t("routes_shared_help"))
        for problem in shared:
            ui.item_link("obstacle", problem.obstacle, problem.label, icon=":material/report:")
            st.caption(ui.md(problem.sentence[state.lang()]))
if not found:
    st.warning(t("route_none"))
    st.stop()

st.subheader(state.tn("routes_found", len(found)), divider="gray")
for number, route in enumerate(found, 1):
    with st.container(border=True):
        st.markdown(f"**{state.tn('route_n', route.length, n=number, steps=route.length)}**")
        chain = " → ".join(ui.badges([label], state.kind_of(node))
                           for node, label in zip(route.nodes, route.labels))
        st.markdown(chain)
        st.markdown(ui.md(route.sentence[state.lang()]))
view = state.routes_view([r.nodes for r in found])
st.iframe(view.html, height=432)
st.caption(t("route_legend"))
