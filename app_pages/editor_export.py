"""Export (editors): choose a selection, see its size and a small picture, download any format
or the gereedschapskist.

On a remote store too this page uses the whole projection (built once per store version)."""

import pandas as pd
import streamlit as st

from app_lib import editor_common as ed
from app_lib import state
from app_lib.state import t
from graph.export import (
    FORMATS, build_toolbox, export_subgraph, toolbox_html, toolbox_markdown,
    toolbox_pdf,
)
from app_lib import ui
from ontology.kinds import ORDER
from ontology.kinds import noun as kind_name


#: at most this many items in the preview's picture: more and the labels cannot be read
PICTURE_CAP = 30

st.title(t("export_title"))
st.markdown(t("export_intro"))
with st.container(border=True):
    st.markdown(f"**{t('editor_sel_title')}**")
    selection = ed.selection_form("exp")

try:
    sub = state.selection(selection)
except Exception as error:  # noqa: BLE001 - an unknown id, shown as a friendly message
    state.fail(error)
    st.stop()

st.subheader(t("export_preview"), divider="gray")
st.markdown(f"*{sub.describe(state.lang())}*")
if not sub.items:
    st.warning(t("export_empty"))
    st.stop()
held = sub.held()
rows = [{t("export_col_kind"): kind_name(kind, state.lang(), plural=True).capitalize(),
         t("export_col_full"): full, t("export_col_named"): named,
         t("export_col_total"): full + named}
        for kind, (full, named) in sorted(held.items(), key=lambda kv: ORDER.get(kv[0], 99))]
left, right = st.columns([2, 3])
with left:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                 height=35 * (len(rows) + 1) + 3)
    st.caption(t("export_summary_help", n=sub.size()))
with right:
    G = state.graph()
    core = [i for i in sub.items if i in G]
    if core:
        view = state.selection_view(core, cap=PICTURE_CAP)
        st.iframe(view.html, height=400)  # labels are escaped by app_lib.netview
        if view.capped:
            st.caption(t("export_capped", shown=view.shown, total=view.total))

stamp = f"{sub.version}-{abs(hash(sub.selection.text())) % 10**8}"
left, right = st.columns(2)
with left.container(border=True):
    st.markdown(f"**{t('export_download')}**")
    fmt = ui.choose(t("export_format"), {f: spec.label for f, spec in FORMATS.items()},
                    "exp_format", param="formaat")
    if st.button(t("export_prepare"), key="exp_prepare"):
        st.session_state["exp_file"] = (stamp, fmt, export_subgraph(sub, fmt, state.lang()))
    made = st.session_state.get("exp_file")
    if made and made[0] == stamp and made[1] == fmt:
        spec = FORMATS[fmt]
        st.download_button(t("export_save", name=spec.label), made[2], type="primary",
                           file_name=f"wijkgraaf-selectie{spec.suffix}", mime=spec.media_type)

with right.container(border=True):
    st.markdown(f"**{t('export_toolbox')}**")
    st.caption(t("export_toolbox_help"))
    kinds = {"html": ("HTML", "text/html"), "md": ("Markdown", "text/markdown"),
             "pdf": ("PDF", "application/pdf")}
    a, b = st.columns(2)
    doc = ui.choose(t("export_doc_format"), {k: v[0] for k, v in kinds.items()}, "exp_doc",
                    param="document", where=a)
    doc_lang = ui.choose(t("export_doc_lang"), {"nl": "Nederlands", "en": "English"},
                         "exp_doc_lang", param="doctaal", default=state.lang(), where=b)
    if st.button(t("export_prepare"), key="exp_toolbox"):
        with st.spinner("…"):
            book = build_toolbox(state.store(), sub, doc_lang)
            try:
                data = {"html": lambda: toolbox_html(book).encode("utf-8"),
                        "md": lambda: toolbox_markdown(book).encode("utf-8"),
                        "pdf": lambda: toolbox_pdf(book)}[doc]()
                st.session_state["exp_doc_file"] = (stamp, doc, doc_lang, data)
            except Exception as error:  # noqa: BLE001 - WeasyPrint missing: say so, go on
                st.warning(t("export_pdf_failed", error=state.error_text(error)))
    made = st.session_state.get("exp_doc_file")
    if made and made[:3] == (stamp, doc, doc_lang):
        st.download_button(t("export_save", name=kinds[doc][0]), made[3], type="primary",
                           file_name=f"gereedschapskist.{doc}", mime=kinds[doc][1])
