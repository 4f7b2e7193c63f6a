"""Quality (editors): what is incomplete — the SHACL report by shape, obstacles without
solutions, solutions without sources or cases, items not changed for a long time, records to
review. Every item links to its page (and, for a signed-in editor, to its edit form)."""

import pandas as pd
import streamlit as st

from app_lib import editor_common as ed
from app_lib import state, ui

TEXTS = {
    "title": ("Kwaliteit van de kennisbank", "Quality of the knowledge base"),
    "intro": ("Wat is onvolledig of verouderd? Elke regel verwijst naar het item; redacteuren "
              "kunnen het meteen bewerken.",
              "What is incomplete or out of date? Every line links to the item; editors can "
              "edit it at once."),
    "stale_days": ("Lang niet gewijzigd: ouder dan (dagen)", "Not changed for: older than (days)"),
    "conforms": ("De kennisbank voldoet aan alle vormregels (SHACL).",
                 "The knowledge base meets every shape (SHACL)."),
    "shapes": ("Vormregels", "Shapes"),
    "unsolved": ("Zonder oplossing", "Without solution"),
    "no_source": ("Zonder bron", "Without source"),
    "no_case": ("Zonder praktijkvoorbeeld", "Without case"),
    "stale": ("Lang niet gewijzigd", "Not changed for long"),
    "review": ("Te herzien", "To review"),
    "none": ("Niets gevonden.", "Nothing found."),
    "item": ("Item", "Item"), "property": ("Eigenschap", "Property"),
    "message": ("Melding", "Message"), "value": ("Waarde", "Value"),
    "edit": ("bewerken", "edit"), "checked": ("Gecontroleerd op {day}, versie {v} van de "
                                               "kennisbank.", "Checked on {day}, version {v} "
                                               "of the knowledge base."),
    "download": ("SHACL-rapport als CSV", "SHACL report as CSV"),
}
EDITABLE = {"obstacle", "solution", "case"}


def x(key: str, **values) -> str:
    """A text of this page in the current language."""
    text = TEXTS[key][0 if state.lang() == "nl" else 1]
    return text.format(**values) if values else text


def line(item, extra: str = "") -> None:
    """An item as a link to its page, with an edit link for a signed-in editor."""
    cols = st.columns([6, 1]) if ed.editor() and item.kind in EDITABLE else [st.container()]
    label = item.label + (f" — {extra}" if extra else "")
    ui.item_link(item.kind, item.iri, label, where=cols[0])
    if len(cols) > 1:
        cols[1].page_link("app_pages/editor_edit.py", label=x("edit"), icon=":material/edit:",
                          query_params=state.params(id=state.short(item.iri)))


def items(found) -> None:
    """A list of items, or a note that there are none."""
    if not found:
        st.caption(x("none"))
    for item in found:
        line(item, item.detail)


st.title(x("title"))
st.markdown(x("intro"))
days = st.number_input(x("stale_days"), 30, 3650, 365, step=30, key="quality_days")
with st.spinner("…"):
    report = state.quality(int(days))
st.caption(x("checked", day=report.checked, v=report.version))

counts = report.counts()
names = [("shapes", "shapes"), ("obstacles_without_solutions", "unsolved"),
         ("solutions_without_sources", "no_source"), ("solutions_without_cases", "no_case"),
         ("stale", "stale"), ("to_review", "review")]
for col, (field, key) in zip(st.columns(len(names)), names):
    col.metric(x(key), counts[field])

tabs = st.tabs([f"{x(key)} ({counts[field]})" for field, key in names])
with tabs[0]:
    if report.conforms:
        st.success(x("conforms"), icon=":material/verified:")
    for group in report.shapes:
        with st.expander(f"{group.shape} ({len(group.results)})", expanded=len(report.shapes) < 4):
            for r in group.results:
                line(r.item)
                st.caption(f"{r.path}: {r.message}" + (f" [{r.value}]" if r.value else ""))
    if report.shapes:
        frame = pd.DataFrame([{x("item"): r.item.iri, x("property"): r.path,
                               x("message"): r.message, x("value"): r.value, "shape": g.shape}
                              for g in report.shapes for r in g.results])
        st.download_button(x("download"), frame.to_csv(index=False).encode("utf-8-sig"),
                           file_name="wijkgraaf-shacl.csv", mime="text/csv")
for tab, (field, _) in zip(tabs[1:], names[1:]):
    with tab:
        items(getattr(report, field))
