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
wanted = st.query_params.get("id")
if wanted and wanted not in options:
    found = state.resolve(wanted)  # a name the one resolver knows: ?id=schimmel
    if found in options:
        st.query_params["id"] = found
    else:
        ui.not_found(wanted)
centre = ui.choose(t("net_centre"), options, "net_id", param="id",
                   default=state.default_node(options))

present = state.kinds_present()
kinds_all = [k for k in ui.KIND_ORDER if k in present]
domains = {state.short(d): state.label_of(d) for d in state.domains()}
state.synced("net_depth", "depth", valid=("1", "2", "3"))
st.session_state["net_depth"] = int(st.session_state.get("net_depth") or 1)
left, capcol, mid, right = st.columns([2, 2, 4, 3])
depth = left.slider(t("net_depth"), 1, 3, key="net_depth",
                    on_change=lambda: state.publish("depth", st.session_state.net_depth,
                                                    "net_depth"))
kinds = ui.choose(t("net_kinds"), {k: ui.kind_title(k) for k in kinds_all}, "net_kinds",
                  param="soorten", multi=True, where=mid,
                  default=[k for k in kinds_all if k not in ("theme", "domain_group")])
chosen_domains = ui.choose(t("net_domains"), domains, "net_domains", param="domeinen",
                           multi=True, where=right, placeholder=t("net_all_domains"))
caps = {"25": "25", "50": "50", "80": "80", "120": "120", "200": "200"}
if isinstance(st.session_state.get("net_cap"), int):
    st.session_state["net_cap"] = str(st.session_state["net_cap"])
cap = int(ui.choose(t("net_cap"), caps, "net_cap", param="max", default="80", where=capcol))
view_height = 600
plain = state.ego_view(centre, depth, tuple(kinds), tuple(chosen_domains), cap)
shown = {n: options[state.short(n)] for n in plain.nodes
         if n != state.iri_of(centre) and state.short(n) in options}
expand = ui.choose(t("net_expand"), {state.short(n): label for n, label in shown.items()},
                   "net_expand", param="uitvouwen", allow_none=True,
                   placeholder=t("net_expand_placeholder"), help=t("net_expand_help"))
view = state.ego_view(centre, depth, tuple(kinds), tuple(chosen_domains), cap, expand)
if view.capped:
    st.info(t("net_capped", shown=view.shown, total=view.total), icon=":material/filter_alt:")
else:
    st.caption(t("net_size", shown=view.shown, edges=view.edges))
st.iframe(view.html, height=view_height + 12)
st.caption(t("net_help"))
kind = state.kind_of(centre)
if kind in ui.PAGE:
    ui.item_link(kind, state.iri_of(centre), t("net_open", label=options[centre]),
                 icon=":material/open_in_new:")
