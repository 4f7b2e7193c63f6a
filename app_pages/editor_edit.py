"""Edit (editors only): add, change or delete an obstacle, solution or practice case.

The form remembers the item's token when it was opened; saving checks it, so a change made by
someone else meanwhile is never overwritten. Every save is validated against the shapes first,
written atomically with who and when, and can be undone from the history below the form.
Names, labels and messages shown here are escaped: an editor called `![t](http://…) **vet**`
is shown as those characters, in the history and everywhere else.

On a remote store too this page uses the whole projection (built once per store version)."""

import streamlit as st

from app_lib import editor_common as ed
from app_lib import state, ui
from app_lib.state import t
from app_lib.ui import md
from app_lib.edit_forms import choices, form_fields, form_values, new_id, triples_from_form
from graph.kb import (
    EditConflictError, EditRefusedError, delete_item, history, item_state, save_item, undo,
)
from ontology.kinds import noun as kind_name
from graph.analytics import nodes_of_kind
from ontology import WijkgraafError

LONG = ("definitie", "voorbeeld", "hoe_te_beginnen", "resultaat", "onzekerheid")




st.title(t("edit_title"))
name = ed.login()
if not name:
    st.stop()

store, lang, G = state.store(), state.lang(), state.graph()
wanted = st.query_params.get("id")
if wanted and state.iri_of(wanted) in G and st.session_state.get("_edit_seen") != wanted:
    kind_of = G.nodes[state.iri_of(wanted)].get("kind")
    if kind_of in ("obstacle", "solution", "case"):
        st.session_state["edit_kind"], st.session_state["edit_item"] = kind_of, wanted
st.session_state["_edit_seen"] = wanted
st.session_state.setdefault("edit_kind", "obstacle")
ui.relabel("edit_kind")
kind = st.segmented_control(t("edit_kind"), ["obstacle", "solution", "case"], key="edit_kind",
                            format_func=lambda k: kind_name(k, lang).capitalize(),
                            required=True) or "obstacle"
fresh = new_id(store, kind)
items = {state.short(n): n for n in nodes_of_kind(G, kind)}
options = [fresh, *sorted(items, key=lambda k: (G.nodes[items[k]].get("notation") or k))]
if st.session_state.get("edit_item") not in options:
    st.session_state["edit_item"] = options[1] if len(options) > 1 else fresh


def label_of(key: str) -> str:
    if key == fresh:
        return t("edit_new", id=fresh)
    data = G.nodes[items[key]]
    return f"{data.get('notation') or key} · {data['labels'][lang]}"


ui.relabel("edit_item")
choice = st.selectbox(t("edit_item"), options, key="edit_item", format_func=label_of,
                      on_change=lambda: state.publish("id", st.session_state.edit_item),
                      placeholder=t("choose_option"))
iri = state.iri_of(choice)
current = item_state(store, iri)
opened = st.session_state.setdefault("_edit_opened", {})
fields = form_fields(kind)


def load(from_state) -> None:
    """Fill the form from an item's statements and remember its token."""
    values = form_values(from_state, kind)
    for f in fields:
        value = values.get(f.key)
        if f.cell.startswith("texts"):
            value = "; ".join(value or [])
        st.session_state[f"ef_{iri}_{f.key}"] = value
    opened[iri] = from_state.token if from_state.exists else None


if iri not in opened:
    load(current)
if not current.exists:
    st.info(t("edit_gone"))

with st.form(f"edit_{iri}"):
    cols = st.columns(2)
    for i, f in enumerate(fields):
        where = st if f.key.startswith(LONG) or f.many else cols[i % 2]
        key, label = f"ef_{iri}_{f.key}", f.label(lang) + (" *" if f.required else "")
        helptext = (f.help_nl if lang == "nl" else f.help_en) or None
        if f.cell.startswith("ref:") or f.cell == "source":
            found = dict(choices(store, "source" if f.cell == "source" else f.target, lang))
            for extra in st.session_state.get(key) or []:
                found.setdefault(extra, state.short(extra))
            ui.relabel(key)
            where.multiselect(label, list(found), key=key, format_func=found.get, help=helptext,
                              placeholder=t("choose_options"), select_all=False)
        elif f.cell == "bool":
            ui.relabel(key)
            where.selectbox(label, [None, True, False], key=key, help=helptext,
                            format_func=lambda v: t("edit_unknown") if v is None else t(
                                "edit_yes" if v else "edit_no"), placeholder=t("choose_option"))
        elif f.key.startswith(LONG):
            where.text_area(label, key=key, height=110, help=helptext)
        else:
            where.text_input(label, key=key, help=t("edit_list_help") if f.many else helptext)
    submitted = st.form_submit_button(t("edit_save"), type="primary", icon=":material/save:")

if submitted:
    values = {f.key: st.session_state.get(f"ef_{iri}_{f.key}") for f in fields}
    triples = triples_from_form(iri, kind, values, current if current.exists else None)
    try:
        result = save_item(store, iri, triples, token=opened.get(iri), who=name, lang=lang)
        opened[iri] = result.token
        st.success(t("edit_saved", label=md(values.get("naam") or choice)), icon=":material/check:")
    except EditRefusedError as error:
        st.error(t("edit_refused") + "\n\n" + "\n".join(
            f"- **{md(r.path)}**: {md(r.message)}" for r in error.report.results))
    except EditConflictError as error:
        st.warning(md(state.error_text(error)), icon=":material/sync_problem:")
        with st.expander(t("edit_conflict_theirs"), expanded=True):
            theirs = form_values(error.theirs, kind)
            st.json({f.label(lang): theirs.get(f.key) for f in fields if theirs.get(f.key)})
        if st.button(t("edit_reload")):
            load(error.theirs)
            st.rerun()
    except WijkgraafError as error:
        st.error(md(state.error_text(error)))

if current.exists:
    with st.expander(t("edit_delete"), icon=":material/delete:"):
        sure = st.checkbox(t("edit_delete_confirm"), key=f"del_{iri}")
        if st.button(t("edit_delete"), disabled=not sure, key=f"delbtn_{iri}"):
            try:
                delete_item(store, iri, token=opened.get(iri) or "", who=name, lang=lang)
                opened.pop(iri, None)
                st.success(t("edit_deleted"))
            except (EditRefusedError, EditConflictError) as error:
                st.error(md(state.error_text(error)))

st.subheader(t("edit_history"), divider="gray")
edits = history(store, iri)
if not edits:
    st.caption(t("edit_no_history"))
for n, e in enumerate(edits[:10]):
    cols = st.columns([5, 1])
    # who and what are text from the store: escaped, so a name never becomes Markdown
    cols[0].markdown(f"**{md(e.action)}** · {md(e.when[:19].replace('T', ' '))} · {md(e.who)}")
    if n == 0 and cols[1].button(t("edit_undo"), key=f"undo_{e.edit}", icon=":material/undo:"):
        try:
            result = undo(store, e.edit, who=name, lang=lang)
            opened.pop(iri, None)
            st.success(t("edit_undone"))
            st.rerun()
        except (EditRefusedError, EditConflictError) as error:
            st.error(md(state.error_text(error)))
