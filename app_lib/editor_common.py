"""What the editor pages share: their texts (nl/en), the editor gate and the selection form.

Editing is behind a password or token that ``app.py`` reads from its configuration and hands
over with :func:`configure_editor` on every run; without it the app has no edit buttons at
all. An editor unlocks editing once per session with :func:`login`. The name an editor gives
is shown escaped (:func:`app_lib.ui.md`): ``![t](http://…) **vet**`` stays those characters,
no image is fetched and nothing turns bold.
"""

from __future__ import annotations

import hmac

import streamlit as st

from app_lib import state
from app_lib.ui import md
from graph.analytics import nodes_of_kind
from graph.export import Selection

TEXTS: dict[str, tuple[str, str]] = {
    "nav_export": ("Exporteren", "Export"),
    "nav_quality": ("Kwaliteit", "Quality"),
    "nav_edit": ("Bewerken", "Edit"),
    # -- gate
    "edit_off": ("Bewerken staat uit in deze installatie.", "Editing is off in this installation."),
    "login_title": ("Inloggen als redacteur", "Sign in as editor"),
    "login_name": ("Je naam (wordt bij elke wijziging vastgelegd)",
                   "Your name (recorded with every change)"),
    "login_secret": ("Redacteurswachtwoord", "Editor password"),
    "login_button": ("Inloggen", "Sign in"),
    "login_wrong": ("Dat wachtwoord klopt niet.", "That password is not right."),
    "login_name_missing": ("Vul je naam in.", "Fill in your name."),
    "logged_in": ("Ingelogd als redacteur: {name}", "Signed in as editor: {name}"),
    "logout": ("Uitloggen", "Sign out"),
    # -- selection
    "sel_title": ("Selectie", "Selection"),
    "sel_help": ("Keuzes van één soort verbreden de selectie, keuzes van verschillende soorten "
                 "vernauwen haar. Meerdere domeinen betekent: de brug tussen al die domeinen. "
                 "Niets gekozen is de hele kennisbank.",
                 "Choices of one kind widen the selection, choices of different kinds narrow "
                 "it. Several domains means: the bridge between all of them. Nothing chosen is "
                 "the whole knowledge base."),
    "sel_domains": ("Domeinen", "Domains"), "sel_obstacles": ("Belemmeringen", "Obstacles"),
    "sel_solutions": ("Oplossingen", "Solutions"),
    "sel_organisation_types": ("Organisatietypen", "Organisation types"),
    "sel_neighbourhoods": ("Gemeenten, wijken en buurten", "Municipalities and neighbourhoods"),
    "sel_themes": ("Thema's", "Themes"),
    "sel_seeds": ("Startpunten (elk item)", "Starting points (any item)"),
    "sel_depth": ("Stappen langs verbindingen", "Steps along links"),
    "sel_depth_help": ("0 = alleen de keuze zelf; elke stap voegt de direct verbonden items toe.",
                       "0 = only the choice itself; each step adds the directly linked items."),
}


def tt(key: str, **values: object) -> str:
    """The editor text ``key`` in the current language."""
    nl, en = TEXTS[key]
    text = nl if state.lang() == "nl" else en
    return text.format(**values) if values else text


# -- the editor gate --------------------------------------------------------------------------

def configure_editor(secret: str | None) -> None:
    """Remember the editor password or token from the configuration (``app.py``, every run);
    ``None`` or empty turns editing off."""
    st.session_state["_editor_secret"] = secret or None


def editing_enabled() -> bool:
    """True when the configuration has an editor password or token."""
    return bool(st.session_state.get("_editor_secret"))


def editor() -> str | None:
    """The name of the signed-in editor, or ``None`` (then no edit buttons are shown)."""
    if not editing_enabled():
        return None
    return st.session_state.get("_editor_name")


def login(where=st) -> str | None:
    """A sign-in form when editing is on and nobody signed in; the editor's name when in."""
    if not editing_enabled():
        where.info(tt("edit_off"), icon=":material/lock:")
        return None
    name = editor()
    if name:
        cols = where.columns([4, 1])
        cols[0].caption(tt("logged_in", name=md(name)))  # a name is text, never Markdown
        if cols[1].button(tt("logout"), key="editor_logout"):
            st.session_state.pop("_editor_name", None)
            st.rerun()
        return name
    with where.form("editor_login"):
        st.markdown(f"**{tt('login_title')}**")
        given = st.text_input(tt("login_name"))
        secret = st.text_input(tt("login_secret"), type="password")
        if st.form_submit_button(tt("login_button"), type="primary"):
            expected = st.session_state.get("_editor_secret") or ""
            if not hmac.compare_digest(secret.encode(), expected.encode()):
                st.error(tt("login_wrong"))
            elif not given.strip():
                st.error(tt("login_name_missing"))
            else:
                st.session_state["_editor_name"] = given.strip()
                st.rerun()
    return None


# -- choosing a selection ---------------------------------------------------------------------

_FIELDS = (("domains", "domain"), ("obstacles", "obstacle"), ("solutions", "solution"),
           ("organisation_types", "organisation_type"), ("neighbourhoods", "area"),
           ("themes", "theme"))


def _option_label(G, iri: str, lang: str) -> str:
    data = G.nodes[iri]
    label = data["labels"][lang]
    code = data.get("notation") or data.get("cbsCode")
    return f"{label} ({code})" if code and code not in label else label


def selection_form(prefix: str) -> Selection:
    """Widgets for a selection (in the sidebar-free main area); returns the chosen one."""
    G, lang = state.graph(), state.lang()

    def name(n: str) -> str:
        return _option_label(G, n, lang)

    st.caption(tt("sel_help"))
    values: dict[str, tuple[str, ...]] = {}
    cols = st.columns(2)
    for i, (field, kind) in enumerate(_FIELDS):
        options = sorted(nodes_of_kind(G, kind), key=lambda n: name(n).lower())
        values[field] = tuple(cols[i % 2].multiselect(
            tt("sel_" + field), options, key=f"{prefix}_{field}",
            format_func=name))
    left, right = st.columns([3, 1])
    everything = sorted(G.nodes, key=lambda n: name(n).lower())
    values["seeds"] = tuple(left.multiselect(tt("sel_seeds"), everything, key=f"{prefix}_seeds",
                                             format_func=name))
    depth = right.number_input(tt("sel_depth"), 0, 3, 1 if values["seeds"] else 0,
                               key=f"{prefix}_depth", help=tt("sel_depth_help"))
    return Selection(**values, depth=int(depth))
