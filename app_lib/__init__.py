"""The app side below the page scripts: session state and caches (``state``), every text in
Dutch and English (``texts``), widgets (``ui``), charts, network pictures (``netview``), the
edit forms and the editors' gate (``edit_forms``, ``editor_common``). Only the app side
imports Streamlit; the library below (``graph``) never imports this package."""

__all__ = ["charts", "edit_forms", "editor_common", "netview", "state", "texts", "ui"]
