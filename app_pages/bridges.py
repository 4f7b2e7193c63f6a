"""Domain bridges: the domain × domain heatmap; a cell lists its solutions with reasons."""

import pandas as pd
import streamlit as st

from app_lib import charts, state, ui
from app_lib.state import t
from graph.analytics import bridge_matrix, gaps

st.title(t("bridges_title"))
st.markdown(t("bridges_intro"))

matrix = state.analytic(bridge_matrix)
domains = sorted(matrix.domains, key=lambda d: matrix.labels[d].lower())
if len(domains) < 2:
    st.info(t("empty_kind"))
    st.stop()
short = {state.short(d): d for d in domains}
labels = {d: matrix.labels[d] for d in domains}

state.synced("bridge_count", "count", valid=("solutions", "obstacles"))
st.session_state.setdefault("bridge_count", "solutions")
what = st.segmented_control(
    t("bridges_count"), ["solutions", "obstacles"], key="bridge_count",
    format_func=lambda k: t("count_" + k), required=True,
    on_change=lambda: state.publish("count", st.session_state.bridge_count, "bridge_count"))
what = what or "solutions"
state.synced("bridge_derived", "derived", valid=("1", "0"))
if st.session_state.get("bridge_derived") in ("1", "0"):
    st.session_state["bridge_derived"] = st.session_state["bridge_derived"] == "1"
derived = st.toggle(t("bridges_derived"), key="bridge_derived", help=t("bridges_derived_help"),
                    disabled=what != "solutions",
                    on_change=lambda: state.publish(
                        "derived", "1" if st.session_state.bridge_derived else None,
                        "bridge_derived"))


def counted(pair) -> list:
    """The bridges of a pair that count: stated ones, or all when derived ones are on."""
    return [b for b in pair.solutions if derived or b.stated]


# the chosen pair: a click in the heatmap (its selection is known before it is drawn), a link,
# or the two pickers below; by default the best-bridged pair
event = st.session_state.get("bridge_chart") or {}
chosen = (event.get("selection") or {}).get("cell") or []
signature = repr(chosen)
if chosen and signature != st.session_state.get("_bridge_seen"):
    st.session_state["bridge_a"], st.session_state["bridge_b"] = chosen[0]["b"], chosen[0]["a"]
    state.publish("a", chosen[0]["b"])
    state.publish("b", chosen[0]["a"])
st.session_state["_bridge_seen"] = signature
state.synced("bridge_a", "a", valid=short)
state.synced("bridge_b", "b", valid=short)
keys = list(short)
if st.session_state.get("bridge_a") not in short or st.session_state.get("bridge_b") not in short:
    best = max(matrix.pairs, key=lambda p: (len(counted(p)), len(p.obstacles)))
    st.session_state["bridge_a"], st.session_state["bridge_b"] = (state.short(best.a),
                                                                  state.short(best.b))

spec = state.bridge_heatmap(what, derived)
charts.mark_pair(spec, st.session_state["bridge_a"], st.session_state["bridge_b"])
st.vega_lite_chart(spec, on_select="rerun", selection_mode="cell", key="bridge_chart",
                   width="stretch", height=36 * len(domains) + 260, alt=t("bridges_alt"))
st.caption(t("bridges_click"))

left, right = st.columns(2)
a = left.selectbox(t("domain_a"), keys, key="bridge_a", format_func=lambda k: labels[short[k]],
                   on_change=lambda: state.publish("a", st.session_state.bridge_a, "bridge_a"),
                   placeholder=t("choose_option"))
b = right.selectbox(t("domain_b"), keys, key="bridge_b", format_func=lambda k: labels[short[k]],
                    on_change=lambda: state.publish("b", st.session_state.bridge_b, "bridge_b"),
                    placeholder=t("choose_option"))

if a == b:
    st.info(t("bridges_same"))
else:
    pair = matrix.pair(short[a], short[b])
    ranked = state.pair_solutions(short[a], short[b])
    ranked = [r for r in ranked if derived or r.stated]
    st.subheader(t("bridges_pair", a=labels[short[a]], b=labels[short[b]], n=len(ranked)),
                 divider="gray", help=state.ranking_order())
    if what == "obstacles" or not ranked:
        index = state.index()
        st.markdown(f"**{t('bridges_obstacles', n=len(pair.obstacles))}**")
        for o in pair.obstacles:
            ui.item_link("obstacle", o, index.label(o, state.lang()) or state.short(o),
                         icon=":material/report:")
        if not ranked:
            st.warning(t("bridges_none"))

    def draw(number: int, row) -> None:
        with st.container(border=True):
            basis = [t("stated")] if row.stated else []
            basis += [t("derived")] if row.derived else []
            ui.item_link("solution", row.solution, f"{number}. {row.label}",
                         icon=":material/lightbulb:")
            st.markdown(ui.badges([b.lower() for b in basis], "domain") + "  "
                        + ui.md(row.reason[state.lang()]))

    for number, row in enumerate(ranked[:8], 1):
        draw(number, row)
    if len(ranked) > 8:
        with st.expander(t("show_all", n=len(ranked))):
            for number, row in enumerate(ranked[8:], 9):
                draw(number, row)

show_gaps = st.query_params.get("view") == "gaps"
with st.expander(t("gaps_title"), expanded=show_gaps, icon=":material/search_off:"):
    found = state.analytic(gaps)
    st.markdown(t("gaps_intro"))
    st.markdown(f"**{t('gaps_unsolved', n=len(found.unsolved))}**")
    index = state.index()
    for u in found.unsolved:
        note = f" — {t('open_gap_short')}" if u.open_gap else ""
        ui.item_link("obstacle", u.obstacle,
                     (index.label(u.obstacle, state.lang()) or u.label) + note,
                     icon=":material/report:")
    if found.thin_pairs:
        st.markdown(f"**{t('gaps_thin')}**")
        table = pd.DataFrame([{t("domain_a"): labels.get(p.a, p.labels[0]),
                               t("domain_b"): labels.get(p.b, p.labels[1]),
                               t("count_obstacles"): p.obstacles,
                               t("count_solutions"): p.solutions,
                               t("shortfall"): p.shortfall} for p in found.thin_pairs])
        st.dataframe(table, hide_index=True, width="stretch")
