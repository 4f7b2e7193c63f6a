"""Network: the neighbourhood of one item (depth 1–3), filtered, coloured by kind, capped."""

import streamlit as st

from app_lib import state, ui
from app_lib.state import t

st.title(t("net_title"))
st.markdown(t("net_intro"))

options = state.node_options()
if not options:
    st.info(t("empty_kind"))
    st.stop()
G = state.graph()
state.synced("net_id", "id", valid=options)
if st.session_state.get("net_id") not in options:
    wanted = st.query_params.get("id")
    if wanted:
        ui.not_found(wanted)
    st.session_state["net_id"] = state.default_node(options)
centre = st.selectbox(t("net_centre"), list(options), key="net_id", format_func=options.get,
                      on_change=lambda: state.publish("id", st.session_state.net_id, "net_id"),
                      placeholder=t("choose_option"))

kinds_all = [k for k in ui.KIND_ORDER if any(G.nodes[n]["kind"] == k for n in G)]
domains = {state.short(d): G.nodes[d]["label"] for d in state.domains()}
state.synced("net_depth", "depth", valid=("1", "2", "3"))
st.session_state["net_depth"] = int(st.session_state.get("net_depth") or 1)
left, capcol, mid, right = st.columns([2, 2, 4, 3])
depth = left.slider(t("net_depth"), 1, 3, key="net_depth",
                    on_change=lambda: state.publish("depth", st.session_state.net_depth,
                                                    "net_depth"))
state.synced_list("net_kinds", "soorten", kinds_all)
state.synced_list("net_domains", "domeinen", domains)
st.session_state.setdefault("net_kinds",
                            [k for k in kinds_all if k not in ("theme", "domain_group")])
kinds = mid.multiselect(t("net_kinds"), kinds_all, format_func=ui.kind_title, key="net_kinds",
                        select_all=False, on_change=lambda: state.publish_list("soorten",
                                                                               "net_kinds"),
                        placeholder=t("choose_options"))
chosen_domains = right.multiselect(t("net_domains"), list(domains), format_func=domains.get,
                                   key="net_domains", placeholder=t("net_all_domains"),
                                   select_all=False,
                                   on_change=lambda: state.publish_list("domeinen",
                                                                        "net_domains"))
caps = [25, 50, 80, 120, 200]
state.synced("net_cap_text", "max", valid=[str(c) for c in caps])
st.session_state["net_cap"] = int(st.session_state.pop("net_cap_text", None)
                                  or st.session_state.get("net_cap") or 80)
cap = capcol.selectbox(t("net_cap"), caps, key="net_cap",
                       on_change=lambda: state.publish("max", st.session_state.net_cap),
                       placeholder=t("choose_option"))

view_height = 600
view = state.ego_view(centre, depth, tuple(kinds), tuple(chosen_domains), cap)
if view.capped:
    st.info(t("net_capped", shown=view.shown, total=view.total), icon=":material/filter_alt:")
else:
    st.caption(t("net_size", shown=view.shown, edges=view.edges))
st.iframe(view.html, height=view_height + 12)
st.caption(t("net_help"))
kind = G.nodes[state.iri_of(centre)]["kind"] if state.iri_of(centre) in G else ""
if kind in ui.PAGE:
    ui.item_link(kind, state.iri_of(centre), t("net_open", label=options[centre]),
                 icon=":material/open_in_new:")
