"""Export (editors): choose a selection, see its size and a small picture, download any format
or the gereedschapskist."""

import streamlit as st

from app_lib import editor_common as ed
from app_lib import state
from app_lib.editor_common import tt
from graph.export import (
    FORMATS, build_toolbox, export_subgraph, select, toolbox_html, toolbox_markdown,
    toolbox_pdf,
)
from app_lib.netview import ego_html
from ontology.kinds import noun as kind_name

TEXTS = {
    "title": ("Exporteren", "Export"),
    "intro": ("Kies een deel van de kennisgraaf en neem het mee: als RDF voor onderzoekers, als "
              "netwerk voor Gephi, als tabellen of als invulbestand dat u kunt bewerken en weer "
              "laden — of als gereedschapskist om uit te delen.",
              "Choose part of the knowledge graph and take it along: as RDF for researchers, as "
              "a network for Gephi, as tables or as an import workbook you can edit and load "
              "back — or as a toolbox to hand out."),
    "preview": ("Voorbeeld", "Preview"),
    "statements": ("uitspraken", "statements"),
    "empty": ("Deze selectie is leeg: kies iets anders.", "This selection is empty: choose "
              "something else."),
    "capped": ("Het plaatje toont {shown} van de {total} items.",
               "The picture shows {shown} of the {total} items."),
    "download": ("Downloaden", "Download"),
    "format": ("Formaat", "Format"),
    "prepare": ("Bestand maken", "Make file"),
    "save": ("{name} opslaan", "Save {name}"),
    "toolbox": ("Gereedschapskist", "Toolbox"),
    "toolbox_help": ("Een document met een kaart per oplossing, een overzicht van domeinbruggen "
                     "en een index van belemmeringen; geschikt om te printen.",
                     "A document with a card per solution, an overview of domain bridges and an "
                     "index of obstacles; ready to print."),
    "doc_format": ("Als", "As"),
    "doc_lang": ("Taal van het document", "Language of the document"),
    "pdf_failed": ("PDF kon niet worden gemaakt: {error}", "The PDF could not be made: {error}"),
}


def x(key: str, **values) -> str:
    """A text of this page in the current language."""
    text = TEXTS[key][0 if state.lang() == "nl" else 1]
    return text.format(**values) if values else text


st.title(x("title"))
st.markdown(x("intro"))
with st.container(border=True):
    st.markdown(f"**{tt('sel_title')}**")
    selection = ed.selection_form("exp")

try:
    sub = select(state.store(), selection)
except Exception as error:  # noqa: BLE001 - an unknown id, shown as a friendly message
    state.fail(error)
    st.stop()

st.subheader(x("preview"), divider="gray")
st.markdown(f"*{sub.describe(state.lang())}*")
counts = sub.counts()
if not sub.items:
    st.warning(x("empty"))
    st.stop()
shown = sorted(counts.items(), key=lambda kv: -kv[1])[:5]
cols = st.columns(len(shown) + 1)
for col, (kind, n) in zip(cols, shown):
    col.metric(kind_name(kind, state.lang(), plural=n != 1).capitalize(), n)
cols[-1].metric(x("statements").capitalize(), len(sub.triples()))

G = state.graph()
core = [i for i in sub.items if i in G]
if core:
    view = ego_html(G, core, depth=1, cap=min(len(core), 60), lang=state.lang(), height=380)
    st.iframe(view.html, height=400)  # labels are escaped by app_lib.netview
    if len(core) > view.shown:
        st.caption(x("capped", shown=view.shown, total=len(core)))

stamp = f"{sub.version}-{abs(hash(sub.selection.text())) % 10**8}"
left, right = st.columns(2)
with left.container(border=True):
    st.markdown(f"**{x('download')}**")
    fmt = st.selectbox(x("format"), list(FORMATS), format_func=lambda f: FORMATS[f].label,
                       key="exp_format")
    if st.button(x("prepare"), key="exp_prepare"):
        st.session_state["exp_file"] = (stamp, fmt, export_subgraph(sub, fmt, state.lang()))
    made = st.session_state.get("exp_file")
    if made and made[0] == stamp and made[1] == fmt:
        spec = FORMATS[fmt]
        st.download_button(x("save", name=spec.label), made[2], type="primary",
                           file_name=f"wijkgraaf-selectie{spec.suffix}", mime=spec.media_type)

with right.container(border=True):
    st.markdown(f"**{x('toolbox')}**")
    st.caption(x("toolbox_help"))
    kinds = {"html": ("HTML", "text/html"), "md": ("Markdown", "text/markdown"),
             "pdf": ("PDF", "application/pdf")}
    a, b = st.columns(2)
    doc = a.selectbox(x("doc_format"), list(kinds), format_func=lambda k: kinds[k][0],
                      key="exp_doc")
    doc_lang = b.selectbox(x("doc_lang"), ["nl", "en"], key="exp_doc_lang",
                           index=0 if state.lang() == "nl" else 1,
                           format_func={"nl": "Nederlands", "en": "English"}.get)
    if st.button(x("prepare"), key="exp_toolbox"):
        with st.spinner("…"):
            book = build_toolbox(state.store(), sub, doc_lang)
            try:
                data = {"html": lambda: toolbox_html(book).encode("utf-8"),
                        "md": lambda: toolbox_markdown(book).encode("utf-8"),
                        "pdf": lambda: toolbox_pdf(book)}[doc]()
                st.session_state["exp_doc_file"] = (stamp, doc, doc_lang, data)
            except Exception as error:  # noqa: BLE001 - WeasyPrint missing: say so, go on
                st.warning(x("pdf_failed", error=error))
    made = st.session_state.get("exp_doc_file")
    if made and made[:3] == (stamp, doc, doc_lang):
        st.download_button(x("save", name=kinds[doc][0]), made[3], type="primary",
                           file_name=f"gereedschapskist.{doc}", mime=kinds[doc][1])
