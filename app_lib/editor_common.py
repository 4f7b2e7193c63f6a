"""What the editor pages share: the editor gate and the selection form (their texts live in
``app_lib/texts.py`` with the others).

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
from app_lib.state import t
from app_lib.ui import md
from graph.analytics import nodes_of_kind
from graph.export import Selection





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
        where.info(t("editor_edit_off"), icon=":material/lock:")
        return None
    name = editor()
    if name:
        cols = where.columns([4, 1])
        cols[0].caption(t("editor_logged_in", name=md(name)))  # a name is text, never Markdown
        if cols[1].button(t("editor_logout"), key="editor_logout"):
            st.session_state.pop("_editor_name", None)
            st.rerun()
        return name
    with where.form("editor_login"):
        st.markdown(f"**{t('editor_login_title')}**")
        given = st.text_input(t("editor_login_name"))
        secret = st.text_input(t("editor_login_secret"), type="password")
        if st.form_submit_button(t("editor_login_button"), type="primary"):
            expected = st.session_state.get("_editor_secret") or ""
            if not hmac.compare_digest(secret.encode(), expected.encode()):
                st.error(t("editor_login_wrong"))
            elif not given.strip():
                st.error(t("editor_login_name_missing"))
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


#: selection field → parameter in the address (the whole selection is shareable)
PARAMS = {"domains": "domeinen", "obstacles": "belemmeringen", "solutions": "oplossingen",
          "organisation_types": "organisatietypen", "neighbourhoods": "gebieden",
          "themes": "themas", "seeds": "start", "depth": "stappen"}


@st.cache_resource(show_spinner=False, max_entries=32)
def _names(cache_key: tuple, lang: str, kind: str | None) -> dict[str, str]:
    """Short id → option label of every item of ``kind`` (every item for None), sorted by
    label: once per store version and language (every item is 84k at 1M triples). Shared:
    do not change it."""
    G = state.graph(lang)
    nodes = G.nodes if kind is None else nodes_of_kind(G, kind)
    shown = {state.short(n): _option_label(G, n, lang) for n in nodes}
    return dict(sorted(shown.items(), key=lambda kv: (kv[1].lower(), kv[0])))


def selection_form(prefix: str) -> Selection:
    """Widgets for a selection (in the sidebar-free main area); returns the chosen one. Every
    picker is keyed by short id and shown in the current language (:func:`app_lib.ui.choose`),
    never selects by itself, and the whole selection lives in the address."""
    from app_lib import ui

    def names(kind: str | None) -> dict[str, str]:
        return _names(state.key(), state.lang(), kind)

    st.caption(t("editor_sel_help"))
    values: dict[str, tuple[str, ...]] = {}
    cols = st.columns(2)
    for i, (field, kind) in enumerate(_FIELDS):
        values[field] = tuple(ui.choose(t("editor_sel_" + field), names(kind),
                                        f"{prefix}_{field}", param=PARAMS[field], multi=True,
                                        where=cols[i % 2]))
    left, right = st.columns([3, 1])
    values["seeds"] = tuple(ui.choose(t("editor_sel_seeds"), names(None), f"{prefix}_seeds",
                                      param=PARAMS["seeds"], multi=True, where=left))
    key = f"{prefix}_depth"
    state.synced(key, PARAMS["depth"], valid=("0", "1", "2", "3"))
    if key not in st.session_state or isinstance(st.session_state[key], str):
        st.session_state[key] = int(st.session_state.get(key) or (1 if values["seeds"] else 0))
    depth = right.number_input(t("editor_sel_depth"), 0, 3, key=key,
                               help=t("editor_sel_depth_help"),
                               on_change=lambda: state.publish(PARAMS["depth"],
                                                               st.session_state[key] or None,
                                                               key))
    return Selection(**values, depth=int(depth))
