"""Edit (editors only): add, change or delete an obstacle, solution or practice case.

The form remembers the item's token when it was opened; saving checks it, so a change made by
someone else meanwhile is never overwritten. Every save is validated against the shapes first,
written atomically with who and when, and can be undone from the history below the form.
Names, labels and messages shown here are escaped: an editor called `![t](http://…) **vet**`
is shown as those characters, in the history and everywhere else."""

import streamlit as st

from app_lib import editor_common as ed
from app_lib import state
from app_lib.ui import md
from app_lib.edit_forms import choices, form_fields, form_values, new_id, triples_from_form
from graph.kb import (
    EditConflictError, EditRefusedError, delete_item, history, item_state, save_item, undo,
)
from ontology.kinds import noun as kind_name
from graph.analytics import nodes_of_kind
from ontology import WijkgraafError

TEXTS = {
    "title": ("Bewerken", "Edit"),
    "kind": ("Soort", "Kind"), "item": ("Item", "Item"),
    "new": ("➕ Nieuw: {id}", "➕ New: {id}"),
    "save": ("Opslaan", "Save"), "saved": ("Opgeslagen: {label}.", "Saved: {label}."),
    "refused": ("Niet opgeslagen — de gegevens voldoen niet aan de regels:",
                "Not saved — the data does not meet the rules:"),
    "conflict_theirs": ("De huidige versie (van de ander)", "The current version (theirs)"),
    "reload": ("Huidige versie laden (je invoer vervalt)",
               "Load the current version (your input is dropped)"),
    "delete": ("Verwijderen", "Delete"),
    "delete_confirm": ("Ja, verwijder dit item en de verwijzingen ernaar",
                       "Yes, delete this item and the links to it"),
    "deleted": ("Verwijderd. Ongedaan maken kan in de geschiedenis.",
                "Deleted. You can undo it in the history."),
    "history": ("Geschiedenis", "History"), "no_history": ("Nog geen wijzigingen in de app.",
                                                          "No changes in the app yet."),
    "undo": ("Ongedaan maken", "Undo"), "undone": ("Ongedaan gemaakt.", "Undone."),
    "unknown": ("onbekend", "unknown"), "yes": ("ja", "yes"), "no": ("nee", "no"),
    "list_help": ("Meerdere waarden scheid je met ;", "Separate several values with ;"),
    "gone": ("Dit item bestaat (nog) niet; vul het formulier in om het aan te maken.",
             "This item does not exist (yet); fill in the form to create it."),
}
LONG = ("definitie", "voorbeeld", "hoe_te_beginnen", "resultaat", "onzekerheid")


def x(key: str, **values) -> str:
    """A text of this page in the current language."""
    text = TEXTS[key][0 if state.lang() == "nl" else 1]
    return text.format(**values) if values else text


st.title(x("title"))
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
kind = st.segmented_control(x("kind"), ["obstacle", "solution", "case"], key="edit_kind",
                            format_func=lambda k: kind_name(k, lang).capitalize(),
                            required=True) or "obstacle"
fresh = new_id(store, kind)
items = {state.short(n): n for n in nodes_of_kind(G, kind)}
options = [fresh, *sorted(items, key=lambda k: (G.nodes[items[k]].get("notation") or k))]
if st.session_state.get("edit_item") not in options:
    st.session_state["edit_item"] = options[1] if len(options) > 1 else fresh


def label_of(key: str) -> str:
    if key == fresh:
        return x("new", id=fresh)
    data = G.nodes[items[key]]
    return f"{data.get('notation') or key} · {data['labels'][lang]}"


choice = st.selectbox(x("item"), options, key="edit_item", format_func=label_of,
                      on_change=lambda: state.publish("id", st.session_state.edit_item))
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
    st.info(x("gone"))

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
            where.multiselect(label, list(found), key=key, format_func=found.get, help=helptext)
        elif f.cell == "bool":
            where.selectbox(label, [None, True, False], key=key, help=helptext,
                            format_func=lambda v: x("unknown") if v is None else x(
                                "yes" if v else "no"))
        elif f.key.startswith(LONG):
            where.text_area(label, key=key, height=110, help=helptext)
        else:
            where.text_input(label, key=key, help=x("list_help") if f.many else helptext)
    submitted = st.form_submit_button(x("save"), type="primary", icon=":material/save:")

if submitted:
    values = {f.key: st.session_state.get(f"ef_{iri}_{f.key}") for f in fields}
    triples = triples_from_form(iri, kind, values, current if current.exists else None)
    try:
        result = save_item(store, iri, triples, token=opened.get(iri), who=name, lang=lang)
        opened[iri] = result.token
        st.success(x("saved", label=md(values.get("naam") or choice)), icon=":material/check:")
    except EditRefusedError as error:
        st.error(x("refused") + "\n\n" + "\n".join(
            f"- **{md(r.path)}**: {md(r.message)}" for r in error.report.results))
    except EditConflictError as error:
        st.warning(md(error), icon=":material/sync_problem:")
        with st.expander(x("conflict_theirs"), expanded=True):
            theirs = form_values(error.theirs, kind)
            st.json({f.label(lang): theirs.get(f.key) for f in fields if theirs.get(f.key)})
        if st.button(x("reload")):
            load(error.theirs)
            st.rerun()
    except WijkgraafError as error:
        st.error(md(error))

if current.exists:
    with st.expander(x("delete"), icon=":material/delete:"):
        sure = st.checkbox(x("delete_confirm"), key=f"del_{iri}")
        if st.button(x("delete"), disabled=not sure, key=f"delbtn_{iri}"):
            try:
                delete_item(store, iri, token=opened.get(iri) or "", who=name, lang=lang)
                opened.pop(iri, None)
                st.success(x("deleted"))
            except (EditRefusedError, EditConflictError) as error:
                st.error(md(error))

st.subheader(x("history"), divider="gray")
edits = history(store, iri)
if not edits:
    st.caption(x("no_history"))
for n, e in enumerate(edits[:10]):
    cols = st.columns([5, 1])
    # who and what are text from the store: escaped, so a name never becomes Markdown
    cols[0].markdown(f"**{md(e.action)}** · {md(e.when[:19].replace('T', ' '))} · {md(e.who)}")
    if n == 0 and cols[1].button(x("undo"), key=f"undo_{e.edit}", icon=":material/undo:"):
        try:
            result = undo(store, e.edit, who=name, lang=lang)
            opened.pop(iri, None)
            st.success(x("undone"))
            st.rerun()
        except (EditRefusedError, EditConflictError) as error:
            st.error(md(error))
