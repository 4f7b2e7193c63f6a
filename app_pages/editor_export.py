"""Export (editors): choose a selection, see its size and a small picture, download any format
or the gereedschapskist."""

import streamlit as st

from app_lib import editor_common as ed
from app_lib import state
from app_lib.state import t
from graph.export import (
    FORMATS, build_toolbox, export_subgraph, select, toolbox_html, toolbox_markdown,
    toolbox_pdf,
)
from app_lib.netview import ego_html
from ontology.kinds import noun as kind_name





st.title(t("export_title"))
st.markdown(t("export_intro"))
with st.container(border=True):
    st.markdown(f"**{t('editor_sel_title')}**")
    selection = ed.selection_form("exp")

try:
    sub = select(state.store(), selection)
except Exception as error:  # noqa: BLE001 - an unknown id, shown as a friendly message
    state.fail(error)
    st.stop()

st.subheader(t("export_preview"), divider="gray")
st.markdown(f"*{sub.describe(state.lang())}*")
counts = sub.counts()
if not sub.items:
    st.warning(t("export_empty"))
    st.stop()
shown = sorted(counts.items(), key=lambda kv: -kv[1])[:5]
cols = st.columns(len(shown) + 1)
for col, (kind, n) in zip(cols, shown):
    col.metric(kind_name(kind, state.lang(), plural=n != 1).capitalize(), n)
cols[-1].metric(t("export_statements").capitalize(), len(sub.triples()))

G = state.graph()
core = [i for i in sub.items if i in G]
if core:
    view = ego_html(G, core, depth=1, cap=min(len(core), 60), lang=state.lang(), height=380)
    st.iframe(view.html, height=400)  # labels are escaped by app_lib.netview
    if len(core) > view.shown:
        st.caption(t("export_capped", shown=view.shown, total=len(core)))

stamp = f"{sub.version}-{abs(hash(sub.selection.text())) % 10**8}"
left, right = st.columns(2)
with left.container(border=True):
    st.markdown(f"**{t('export_download')}**")
    fmt = st.selectbox(t("export_format"), list(FORMATS), format_func=lambda f: FORMATS[f].label,
                       key="exp_format", placeholder=t("choose_option"))
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
    doc = a.selectbox(t("export_doc_format"), list(kinds), format_func=lambda k: kinds[k][0],
                      key="exp_doc", placeholder=t("choose_option"))
    doc_lang = b.selectbox(t("export_doc_lang"), ["nl", "en"], key="exp_doc_lang",
                           index=0 if state.lang() == "nl" else 1,
                           format_func={"nl": "Nederlands", "en": "English"}.get,
                           placeholder=t("choose_option"))
    if st.button(t("export_prepare"), key="exp_toolbox"):
        with st.spinner("…"):
            book = build_toolbox(state.store(), sub, doc_lang)
            try:
                data = {"html": lambda: toolbox_html(book).encode("utf-8"),
                        "md": lambda: toolbox_markdown(book).encode("utf-8"),
                        "pdf": lambda: toolbox_pdf(book)}[doc]()
                st.session_state["exp_doc_file"] = (stamp, doc, doc_lang, data)
            except Exception as error:  # noqa: BLE001 - WeasyPrint missing: say so, go on
                st.warning(t("export_pdf_failed", error=error))
    made = st.session_state.get("exp_doc_file")
    if made and made[:3] == (stamp, doc, doc_lang):
        st.download_button(t("export_save", name=kinds[doc][0]), made[3], type="primary",
                           file_name=f"gereedschapskist.{doc}", mime=kinds[doc][1])
