"""Quality (editors): what is incomplete — the SHACL report by shape, obstacles without
solutions, solutions without sources or cases, items not changed for a long time, records to
review. Every item links to its page (and, for a signed-in editor, to its edit form). Below
that, the knowledge base in figures (``graph.kb.kb_report``) beside its targets.

On a remote store too this page uses the whole projection (built once per store version)."""

import pandas as pd
import streamlit as st

from app_lib import editor_common as ed
from app_lib import state, ui
from app_lib.state import t
from graph.kb import DOMAIN_LIMIT
from loaders import csv_text
from ontology.kinds import noun as kind_name

EDITABLE = {"obstacle", "solution", "case"}




def line(item, extra: str = "") -> None:
    """An item as a link to its page, with an edit link for a signed-in editor."""
    cols = st.columns([6, 1]) if ed.editor() and item.kind in EDITABLE else [st.container()]
    label = item.label + (f" — {extra}" if extra else "")
    ui.item_link(item.kind, item.iri, label, where=cols[0])
    if len(cols) > 1:
        cols[1].page_link("app_pages/editor_edit.py", label=t("quality_edit"),
                          icon=":material/edit:",
                          query_params=state.params(id=state.short(item.iri)))


def items(found, name: str) -> None:
    """A list of items (the first :data:`app_lib.ui.SHOWN`, then how many more, and all of
    them as CSV), or a note that there are none."""
    if not found:
        st.caption(t("quality_none"))
    for item in found[:ui.SHOWN]:
        line(item, item.detail)
    ui.more(len(found), csv=True)
    if len(found) > ui.SHOWN:
        st.download_button(
            t("quality_list_csv"),
            lambda: csv_text([t("quality_item"), t("quality_name"), t("quality_detail")],
                             ([i.iri, i.label, i.detail] for i in found)).encode("utf-8-sig"),
            file_name=f"wijkgraaf-{name}.csv", mime="text/csv", key=f"quality_csv_{name}",
            on_click="ignore")


st.title(t("quality_title"))
st.markdown(t("quality_intro"))
days = st.number_input(t("quality_stale_days"), 30, 3650, 365, step=30, key="quality_days")
with st.spinner("…"):
    report = state.quality(int(days))
st.caption(t("quality_checked", day=report.checked, v=report.version))

counts = report.counts()
names = [("shapes", "shapes"), ("obstacles_without_solutions", "unsolved"),
         ("solutions_without_sources", "no_source"), ("solutions_without_cases", "no_case"),
         ("stale", "stale"), ("to_review", "review")]
for col, (field, key) in zip(st.columns(len(names)), names):
    col.metric(t("quality_" + key), counts[field])

tabs = st.tabs([f"{t('quality_' + key)} ({counts[field]})" for field, key in names])
with tabs[0]:
    if report.conforms:
        st.success(t("quality_conforms"), icon=":material/verified:")
    for group in report.shapes:
        with st.expander(f"{group.shape} ({len(group.results)})", expanded=len(report.shapes) < 4):
            for r in group.results[:ui.SHOWN]:
                line(r.item)
                st.caption(f"{r.path}: {r.message}" + (f" [{r.value}]" if r.value else ""))
            ui.more(len(group.results), csv=True)
    if report.shapes:
        def table() -> bytes:  # built when the button is clicked, not on every rerun
            return csv_text([t("quality_item"), t("quality_property"), t("quality_message"),
                             t("quality_value"), "shape"],
                            ([r.item.iri, r.path, r.message, r.value, g.shape]
                             for g in report.shapes for r in g.results)).encode("utf-8-sig")
        st.download_button(t("quality_download"), table, file_name="wijkgraaf-shacl.csv",
                           mime="text/csv", on_click="ignore")
for tab, (field, key) in zip(tabs[1:], names[1:]):
    with tab:
        items(getattr(report, field), key)


# -- the knowledge base in figures ----------------------------------------------------------
t = state.t
lang_i = 0 if state.lang() == "nl" else 1


def share(value: float) -> str:
    """A share as a percentage."""
    return f"{value:.0%}"


def num(value: float) -> str:
    """A number with a decimal comma in Dutch (38,5) and a point in English (38.5)."""
    return f"{value:g}".replace(".", "," if lang_i == 0 else ".")


def table(rows: list[dict]) -> None:
    """A small table without its index, tall enough to show every row."""
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                 height=35 * (len(rows) + 1) + 3)


st.divider()
st.header(t("kbr_title"))
with st.spinner("…"):
    fig = state.kb_figures()
st.caption(t("kbr_intro", v=fig.version))
n_solutions = fig.counts.get("solution", 0)
half = num(n_solutions / 2)
checks = {c.key: c for c in fig.checks()}
tiles = [("kbr_solutions", fig.counts.get("solution", 0), "solutions"),
         ("kbr_obstacles", fig.counts.get("obstacle", 0), "obstacles"),
         ("kbr_cases", fig.counts.get("case", 0), "cases"),
         ("kbr_with_case", share(fig.solutions_with_case_share), "solutions_with_case_share"),
         ("kbr_local", share(fig.cases_local_share), "cases_local_share"),
         ("kbr_bridge", f"{fig.bridge_max.n} / {n_solutions}", "bridge_max")]
helps = {"solutions_with_case_share": "kbr_with_case_help", "cases_local_share": "kbr_local_help"}
for col, (label, value, check) in zip(st.columns(len(tiles)), tiles):
    c = checks[check]
    target = f"{t('kbr_target')} {c.shown(state.lang())[1]}"
    if check == "bridge_max":
        why = t("kbr_bridge_help", a=fig.bridge_max.label_a, b=fig.bridge_max.label_b,
                half=half)
    else:
        why = t(helps[check], target=target) if check in helps else target
    col.metric(f"{t(label)} {'✓' if c.ok else '✗'}", value, help=why)

st.subheader(t("kbr_targets"))
table([{t("kbr_figure"): c.text[lang_i], t("kbr_now"): c.shown(state.lang())[0],
        t("kbr_target"): c.shown(state.lang())[1], t("kbr_met"): "✓" if c.ok else "✗"}
       for c in fig.checks()])

left, right = st.columns(2)
with left:
    st.subheader(t("kbr_per_domain"))
    stated = {d.iri: d.n for d in fig.solutions_per_domain}
    table([{t("kbr_domain"): d.label, t("kbr_obstacles"): d.n,
            t("kbr_stated"): stated.get(d.iri, 0)} for d in fig.obstacles_per_domain])
    st.caption(t("kbr_stated_help"))
    st.subheader(t("kbr_per_theme"))
    table([{t("kbr_theme"): d.label, t("kbr_obstacles"): d.n} for d in fig.obstacles_per_theme])
    st.subheader(t("kbr_levels"))
    table([{t("kbr_area"): t("kbr_" + level), t("kbr_number"): n}
           for level, n in fig.cases_per_level.items()])
with right:
    st.subheader(t("kbr_evidence"))
    table([{t("kbr_level"): e.label or t("kbr_blank"), t("kbr_number"): e.n}
           for e in fig.evidence])
    st.subheader(t("kbr_fields"))
    table([{t("kbr_field"): f.label, t("kbr_filled"): f"{f.filled} / {n_solutions}",
            # one type per column (Arrow): a count as text, a dash where a field has no language
            t("kbr_in_nl"): "–" if f.nl is None else str(f.nl),
            t("kbr_in_en"): "–" if f.en is None else str(f.en)} for f in fig.fields])
    st.subheader(t("kbr_kinds"))
    table([{t("kbr_kind"): kind_name(k, state.lang(), plural=True), t("kbr_number"): n}
           for k, n in fig.counts.items()])

st.subheader(t("kbr_sources"))
table([{t("kbr_kind"): kind_name(s.kind, state.lang(), plural=True), t("kbr_items"): s.items,
        "min": s.min, t("kbr_median"): num(s.median), "max": s.max,
        t("kbr_under_two"): len(s.under_two)} for s in fig.sources])
st.caption(t("kbr_accessed", a=fig.sources_accessed, b=fig.sources_not_accessed))
few = fig.spread("solution")
if few and few.under_two:
    with st.expander(f"{t('kbr_solutions')}: {t('kbr_under_two').lower()} ({len(few.under_two)})"):
        for item in few.under_two[:ui.SHOWN]:
            ui.item_link("solution", item.iri, f"{item.label} ({item.n})")
        ui.more(len(few.under_two))

if fig.over_domain_limit:
    st.subheader(t("kbr_over", n=DOMAIN_LIMIT))
    for item in fig.over_domain_limit[:ui.SHOWN]:
        ui.item_link("obstacle", item.iri, f"{item.label} ({item.n})")
    ui.more(len(fig.over_domain_limit))
else:
    st.caption(t("kbr_over_none", n=DOMAIN_LIMIT))
