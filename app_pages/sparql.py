"""SPARQL console for researchers: examples, read-only, a time limit and a row cap."""

import pandas as pd
import streamlit as st

from app_lib import state, ui
from app_lib.state import t
from graph.query import ConsoleError
from graph.store import excerpt
from ontology.errors import text_in

ROW_CAP = 1000
TIME_LIMIT = 10.0

st.title(t("sparql_title"))
st.markdown(t("sparql_intro", rows=ROW_CAP, seconds=int(TIME_LIMIT)))

examples = state.examples()
labels = {e[0]: (e[1] if state.lang() == "nl" else e[2]) for e in examples}
state.synced("sparql_example", "cq", valid=labels)
if st.session_state.get("sparql_example") not in labels and labels:
    st.session_state["sparql_example"] = next(iter(labels))


def _load_example() -> None:
    chosen = st.session_state.get("sparql_example")
    text = next((e[3] for e in examples if e[0] == chosen), "")
    st.session_state["sparql_text"] = text
    state.publish("cq", chosen, "sparql_example")


if labels:
    example = ui.choose(t("sparql_examples"),
                        {k: f"{k.split('-')[0].upper()} · {v}" for k, v in labels.items()},
                        "sparql_example", on_change=_load_example)
    if "sparql_text" not in st.session_state:
        _load_example()
else:
    st.session_state.setdefault("sparql_text", "SELECT ?s ?label WHERE {\n  ?s a wg:Solution ;"
                                " skos:prefLabel ?label .\n} LIMIT 10\n")
with st.form("sparql_form", border=False):
    text = st.text_area(t("sparql_editor"), key="sparql_text", height=300,
                        help=t("sparql_editor_help"))
    run = st.form_submit_button(t("sparql_run"), type="primary", icon=":material/play_arrow:")
st.caption(t("sparql_prefixes"))

if run or st.session_state.get("sparql_ran"):
    st.session_state["sparql_ran"] = True
    try:
        result = state.query(text, ROW_CAP, TIME_LIMIT)
    except ConsoleError as error:
        if error.reason == "syntax":
            st.error(t("sparql_syntax", line=error.line or "?", column=error.column or "?",
                       message=text_in(error.message, state.lang())), icon=":material/error:")
            pointed = excerpt(text, error.line, error.column)
            if pointed:
                st.code(pointed, language=None)
        else:
            st.error(t("sparql_" + error.reason, seconds=int(TIME_LIMIT)),
                     icon=":material/block:")
        st.stop()
    if result.kind == "ask":
        st.success(t("sparql_ask", answer=t("yes") if result.boolean else t("no")))
        st.stop()
    note = state.tn("sparql_rows", len(result.rows), seconds=f"{result.seconds:.2f}")
    if result.truncated:
        st.warning(t("sparql_truncated", rows=ROW_CAP), icon=":material/content_cut:")
    st.caption(note)
    frame = pd.DataFrame(list(result.rows), columns=list(result.variables))
    st.dataframe(frame, hide_index=True, width="stretch", height=min(40 + 35 * len(frame), 520))
    c1, c2 = st.columns(2)
    c1.download_button(t("sparql_csv"), result.csv(), file_name="wijkgraaf-query.csv",
                       mime="text/csv", icon=":material/table:", width="stretch")
    if result.kind == "graph":
        c2.download_button(t("sparql_turtle"), result.body, file_name="wijkgraaf-query.ttl",
                           mime="text/turtle", icon=":material/data_object:", width="stretch")
    else:
        c2.download_button(t("sparql_json"), result.body, file_name="wijkgraaf-query.srj",
                           mime="application/sparql-results+json",
                           icon=":material/data_object:", width="stretch")
