"""Domain bridges: the evidence-and-gap map (domain × domain, or obstacle category × domain),
its white spots as a finding, filters, and a cell opened with its ranked solutions.

The map, its filters and white spots come from the whole projection, on a remote store too
(built once per store version); an opened cell's ranking on a remote store is its first page
(``graph.analytics.selection.pair_ranking``), never the whole graph per click."""

import streamlit as st

from app_lib import charts, state, ui
from app_lib.state import t, tn
from graph.analytics import FACETS, VIEWS, MapFilters, gaps, map_options, option_label
from graph.analytics import nodes_of_kind, rank_solutions
from graph.export import write_csv

#: facet → URL parameter
PARAM = {"theme": "theme", "organisation_type": "ot", "effort": "effort",
         "decision": "decision", "evidence": "evidence", "area": "area"}
PAGE = "app_pages/bridges.py"

st.title(t("bridges_title"))
st.markdown(t("bridges_intro"))

G = state.graph()
lang = state.lang()
options = {f: [state.short(v) for v in vs] for f, vs in state.analytic(map_options).items()}


def label_of(short_id: str) -> str:
    return option_label(G, state.iri_of(short_id), lang)


# -- view, basis and filters (each in the URL) ------------------------------------------------
state.synced("bm_view", "view", valid=(*VIEWS, "gaps"))
if st.session_state.get("bm_view") == "gaps":  # the start page's "where are the gaps" link
    st.session_state["bm_view"] = "domains"
st.session_state.setdefault("bm_view", "domains")
state.synced("bm_derived", "derived", valid=("1", "0"))
if st.session_state.get("bm_derived") in ("1", "0"):
    st.session_state["bm_derived"] = st.session_state["bm_derived"] == "1"
st.session_state.setdefault("bm_derived", True)
for facet in FACETS:
    state.synced_list("bm_f_" + facet, PARAM[facet], valid=options[facet])


def _view_changed() -> None:
    state.publish("view", None if st.session_state.bm_view == "domains"
                  else st.session_state.bm_view, "bm_view")
    for p in ("a", "b"):
        state.publish(p, None)
    st.session_state.pop("bm_cell", None)


top = st.columns([5, 4, 3], vertical_alignment="bottom")
view_names = {v: t("bm_view_" + v) for v in VIEWS}
ui.relabel("bm_view")
view = top[0].segmented_control(t("bm_view"), list(VIEWS), key="bm_view", required=True,
                                format_func=view_names.__getitem__,
                                on_change=_view_changed) or "domains"
derived = top[1].toggle(t("bridges_derived"), key="bm_derived", help=t("bridges_derived_help"),
                        on_change=lambda: state.publish(
                            "derived", None if st.session_state.bm_derived else "0",
                            "bm_derived"))
with top[2].popover(t("bm_derived_what"), icon=":material/help:"):
    st.markdown(t("bm_derived_explain"))

chosen = {f: tuple(st.session_state.get("bm_f_" + f) or ()) for f in FACETS}
active = sum(1 for v in chosen.values() if v)
with st.expander(tn("bm_filters_on", active) if active else t("bm_filters"),
                 expanded=active > 0, icon=":material/filter_alt:"):
    st.caption(t("bm_filters_help"))
    cols = st.columns(3)
    for i, facet in enumerate(FACETS):
        ui.relabel("bm_f_" + facet)
        cols[i % 3].multiselect(
            t("bm_f_" + facet), options[facet], key="bm_f_" + facet, format_func=label_of,
            placeholder=t("choose_options"), select_all=False,
            on_change=lambda f=facet: state.publish_list(PARAM[f], "bm_f_" + f))
chosen = {f: tuple(st.session_state.get("bm_f_" + f) or ()) for f in FACETS}
filters = MapFilters(**{f: tuple(state.iri_of(v) for v in vs) for f, vs in chosen.items()},
                     basis="any" if derived else "stated")
found = state.bridge_map_view(view, filters)
picture = state.bridge_picture(view, filters)
total = len(nodes_of_kind(G, "solution"))
st.caption(tn("bm_passing", found.passing, total=total))


def cell_key(c) -> str:
    return f"{state.short(c.row)}~{state.short(c.col)}"


def cell_params(c) -> dict:
    qp = {PARAM[f]: ",".join(vs) for f, vs in chosen.items() if vs}
    if view != "domains":
        qp["view"] = view
    if not derived:
        qp["derived"] = "0"
    return state.params(**qp, a=state.short(c.row), b=state.short(c.col))


def sols_text(n: int) -> str:
    return t("bm_sols_zero") if n == 0 else tn("bm_sols", n)


def gap_sentence(c) -> str:
    """'wonen × zorg: 2 van de 21 belemmeringen hebben geen oplossing; 41 oplossingen'."""
    o, u = len(c.obstacles), len(c.uncovered)
    if u == 0:
        what = tn("bm_thin", o) + " · " + sols_text(len(c.solutions))
    else:
        what = (t("bm_open_only") if o == 1 else t("bm_open_none_of", o=o) if u == o
                else tn("bm_open_of", u, o=o)) + " · " + sols_text(len(c.solutions))
    return f"{label_of(state.short(c.row))} × {label_of(state.short(c.col))}: {what}"


# -- the finding: the white spots, at the top -------------------------------------------------
spots = found.gaps
with st.container(border=True):
    if not spots:
        st.markdown(t("bm_finding_none"))
    else:
        st.markdown(tn("bm_finding", len(spots), total=len(found.cells)))
        for c in spots[:5]:
            st.page_link(PAGE, label=gap_sentence(c), query_params=cell_params(c),
                         icon=":material/search_off:")
        if len(spots) > 5:
            st.caption(tn("bm_more_gaps", len(spots) - 5))

# -- the map, and the cell chosen by a click or the picker ------------------------------------
keys = {cell_key(c): c for c in found.cells}


def _canon(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return None
    for k in (f"{a}~{b}", f"{b}~{a}" if view == "domains" else None):
        if k in keys:
            return k
    return None


event = st.session_state.get("bm_chart") or {}
picked = (event.get("selection") or {}).get("cell") or []
signature = repr(picked)
if picked and signature != st.session_state.get("_bm_seen"):
    clicked = _canon(picked[0].get("r"), picked[0].get("c"))
    if clicked:
        st.session_state["bm_cell"] = clicked
        state.publish("a", clicked.split("~")[0])
        state.publish("b", clicked.split("~")[1])
st.session_state["_bm_seen"] = signature
wanted = _canon(st.query_params.get("a"), st.query_params.get("b"))
if wanted and (st.query_params.get("a"), st.query_params.get("b")) != st.session_state.get(
        "_bm_qp"):
    st.session_state["bm_cell"] = wanted
st.session_state["_bm_qp"] = (st.query_params.get("a"), st.query_params.get("b"))
if st.session_state.get("bm_cell") not in keys and keys:
    row = st.query_params.get("a")  # a link to one domain: its best-filled cell
    pool = [c for c in found.cells if row in (state.short(c.row), state.short(c.col))] or \
        found.cells
    best = max(pool, key=lambda c: (len(c.solutions), len(c.obstacles), c.row, c.col))
    st.session_state["bm_cell"] = cell_key(best)

selected = keys.get(st.session_state.get("bm_cell"))
spec = picture["spec"]
if selected:
    charts.mark_cell(spec, state.short(selected.row), state.short(selected.col))
rows_word = t("bm_rows_" + view)
# bubbles, counts and frames let a click through to their cell (the cell holds the selection)
st.html("<style>[data-testid='stVegaLiteChart'] :is(g.mark-symbol, g.mark-text, "
        "g.layer_4_marks, g.layer_5_marks){pointer-events:none}</style>")
st.vega_lite_chart(spec, on_select="rerun", selection_mode="cell", key="bm_chart",
                   width="content", alt=t("bm_alt", rows=rows_word))
st.caption(t("bm_legend"))
st.caption(t("bm_click"))
files = st.columns([1, 1, 3])
files[0].download_button(t("bm_svg"), picture["svg"].encode("utf-8"),
                         file_name=f"wijkgraaf-brugkaart-{view}.svg", mime="image/svg+xml",
                         icon=":material/download:", key="bm_svg", on_click="ignore")
files[1].download_button(t("bm_png"), lambda: state.bridge_png(view, filters),
                         file_name=f"wijkgraaf-brugkaart-{view}.png", mime="image/png",
                         icon=":material/download:", key="bm_png", on_click="ignore")


def option_text(k: str) -> str:
    c = keys[k]
    return t("bm_cell_option", row=label_of(state.short(c.row)),
             col=label_of(state.short(c.col)), sols=sols_text(len(c.solutions)))


def _cell_changed() -> None:
    k = st.session_state.get("bm_cell")
    if k in keys:
        state.publish("a", k.split("~")[0])
        state.publish("b", k.split("~")[1])


shown = {k: option_text(k) for k in keys}
order = sorted(keys, key=lambda k: shown[k].lower())
ui.relabel("bm_cell")
st.selectbox(t("bm_cell"), order, key="bm_cell", format_func=shown.__getitem__,
             on_change=_cell_changed, placeholder=t("choose_option"))
selected = keys.get(st.session_state.get("bm_cell"))

# -- the opened cell ------------------------------------------------------------------------
if selected:
    c = selected
    row_label, col_label = label_of(state.short(c.row)), label_of(state.short(c.col))
    area = filters.area[0] if len(filters.area) == 1 else None
    total = len(c.solutions)
    if not c.solutions:
        ranked = []
    elif view == "domains":
        ranked, total = state.cell_solutions(c.row, c.col, area, tuple(c.solutions))
    else:
        ranked = state.analytic(rank_solutions, obstacles=c.obstacles, area=area, lang=lang,
                                candidates=c.solutions,
                                part=("neighbourhood", tuple(c.obstacles), 2,
                                      (area,) if area else ()))
    st.subheader(f"{row_label} × {col_label}", divider="gray", help=state.ranking_order())
    st.markdown(t("bm_cell_summary", sols=sols_text(len(c.solutions)),
                  obs=tn("bm_obs", len(c.obstacles)), open=len(c.uncovered)))
    index = state.index()

    def basis(s: str) -> str:
        words = [t("bm_chip_stated")] if s in c.stated else []
        words += [t("bm_chip_derived")] if s in c.derived else []
        return " + ".join(words)

    def reason_of(r, kind: str) -> str:
        return " ".join(x.text[lang] for x in r.reasons if x.kind == kind)

    table = [{t("bm_csv_kind"): t("bm_csv_solution"), t("bm_csv_rank"): r.rank,
              t("bm_csv_id"): state.short(r.solution), t("bm_csv_name"): r.label,
              t("bm_csv_basis"): basis(r.solution),
              t("bm_csv_evidence"): option_label(G, r.evidence, lang) if r.evidence else "",
              t("bm_csv_decides"): reason_of(r, "decides"),
              t("bm_csv_effort"): option_label(G, r.effort, lang) if r.effort else "",
              t("bm_csv_applied"): ", ".join(r.places), t("bm_csv_reason"): r.reason[lang]}
             for r in ranked]
    table += [{t("bm_csv_kind"): t("bm_csv_open"), t("bm_csv_id"): state.short(o),
               t("bm_csv_name"): index.label(o, lang) or G.nodes[o]["label"]}
              for o in c.uncovered]
    columns = [t("bm_csv_" + k) for k in ("kind", "rank", "id", "name", "basis", "evidence",
                                          "decides", "effort", "applied", "reason")]
    st.download_button(t("bm_csv"), write_csv(table, columns),
                       file_name=f"wijkgraaf-cel-{state.short(c.row)}-{state.short(c.col)}.csv",
                       mime="text/csv", icon=":material/download:", key="bm_csv",
                       on_click="ignore")

    if not ranked:
        st.warning(t("bm_cell_empty"))
    else:
        st.markdown(f"**{t('bm_ranked', n=len(ranked))}**")
        if total > len(ranked):
            st.caption(t("bm_top_of", n=len(ranked), total=total))

    def draw(row) -> None:
        with st.container(border=True):
            ui.item_link("solution", row.solution, f"{row.rank}. {row.label}",
                         icon=":material/lightbulb:")
            st.markdown(ui.badges(basis(row.solution).split(" + "), "domain") + "  "
                        + ui.md(row.reason[lang]))

    for row in ranked[:8]:
        draw(row)
    if len(ranked) > 8:
        many = len(ranked) > ui.SHOWN
        with st.expander(t("show_first", n=ui.SHOWN) if many else t("show_all", n=len(ranked))):
            for row in ranked[8:ui.SHOWN]:
                draw(row)
            ui.more(len(ranked), csv=True)

    st.markdown(f"**{t('bm_cell_open', n=len(c.uncovered))}**")
    if not c.obstacles:
        st.caption(t("bm_cell_no_obstacles"))
    elif not c.uncovered:
        st.caption(t("bm_cell_all_covered"))
    for o in c.uncovered[:ui.SHOWN]:
        ui.item_link("obstacle", o, index.label(o, lang) or G.nodes[o]["label"],
                     icon=":material/report:")
    ui.more(len(c.uncovered), csv=True)

# -- obstacles without any solution, in the whole knowledge base --------------------------------
unsolved = state.analytic(gaps).unsolved
with st.expander(tn("gaps_unsolved", len(unsolved)),
                 expanded=st.query_params.get("view") == "gaps", icon=":material/search_off:"):
    index = state.index()
    for u in unsolved[:ui.SHOWN]:
        note = f" — {t('open_gap_short')}" if u.open_gap else ""
        ui.item_link("obstacle", u.obstacle, (index.label(u.obstacle, lang) or u.label) + note,
                     icon=":material/report:")
    ui.more(len(unsolved))
