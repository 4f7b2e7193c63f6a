"""Wijkgraaf app: the router. Run ``wijkgraaf app`` (or ``streamlit run app.py -- --store DIR``).

A composition root: only this file (and the CLI) reads settings — ``--store``, ``--data``
(repeatable) and ``--editor-token`` after ``--``, else ``$WIJKGRAAF_STORE``, ``$WIJKGRAAF_DATA``
(``:``-separated) and ``$WIJKGRAAF_EDITOR_TOKEN`` (without it, nobody sees edit buttons).
"""

import argparse
import os
import sys

import streamlit as st

from app_lib import editor_common, state, ui
from graph.cli import DEFAULT_STORE

st.set_page_config(page_title="Wijkgraaf", page_icon="🏘️", layout="wide")
parser = argparse.ArgumentParser(add_help=False)
parser.add_argument("--store")
parser.add_argument("--data", action="append")
parser.add_argument("--lang", choices=["nl", "en"], default="nl")
parser.add_argument("--editor-token")
args, _ = parser.parse_known_args(sys.argv[1:] if sys.argv[0].endswith("app.py") else [])
env_data = [p for p in os.environ.get("WIJKGRAAF_DATA", "").split(os.pathsep) if p]
state.configure(state.Settings(
    store=args.store or os.environ.get("WIJKGRAAF_STORE") or str(DEFAULT_STORE),
    data=tuple(args.data or env_data), lang=args.lang))
editor_common.configure_editor(args.editor_token or os.environ.get("WIJKGRAAF_EDITOR_TOKEN"))
state.sidebar_language()
ui.page_style()
# section -> (file, url path, icon); url paths stay Dutch so shared links keep working
PAGES = {
    "section_work": [("start", "", "search"), ("obstacle", "belemmering", "report"),
                     ("solution", "oplossing", "lightbulb"),
                     ("bridges", "domeinbruggen", "grid_on"), ("network", "netwerk", "hub"),
                     ("routes", "routes", "route"), ("agenda", "wijkagenda", "event_note")],
    "section_research": [("players", "spelers", "leaderboard"), ("sparql", "sparql", "terminal")],
    "section_editors": [("editor_export", "exporteren", "download"),
                        ("editor_quality", "kwaliteit", "fact_check")]
    + ([("editor_edit", "bewerken", "edit")] if editor_common.editing_enabled() else []),
}
pages = {state.t(section): [
    st.Page(f"app_pages/{name}.py", title=state.t("nav_" + name.removeprefix("editor_")),
            icon=f":material/{icon}:", url_path=path or None, default=not path)
    for name, path, icon in entries] for section, entries in PAGES.items()}
try:
    st.navigation(pages).run()
except Exception as error:  # noqa: BLE001 - never a stack trace on screen; details in the log
    state.fail(error)
