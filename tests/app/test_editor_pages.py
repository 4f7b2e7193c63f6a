"""The editor pages (export, quality, edit) in Streamlit's AppTest, on a private mini store.

Until ``app.py`` lists these pages, a small router next to it (written for the test and removed
after) mounts them with the pages they link to, and hands over an editor password.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.ttl"
ROUTER = '''
import streamlit as st
from app_lib import editor_common, state
state.configure(state.Settings(store=":memory:", data=({data!r},), lang="nl"))
state.sidebar_language()
editor_common.configure_editor({secret!r})
names = ["editor_export", "editor_quality", "editor_edit", "start", "obstacle", "solution",
         "network", "bridges", "agenda"]
pages = [st.Page(f"app_pages/{{n}}.py", url_path=n, default=n == "editor_export")
         for n in names]
st.navigation(pages).run()
'''


@pytest.fixture
def app(tmp_path):
    """``make(page, secret=...)``: an AppTest of the editor pages on a fresh copy of mini.ttl
    (its own path, so its own cached store)."""
    data = tmp_path / uuid.uuid4().hex / "mini.ttl"
    data.parent.mkdir()
    shutil.copy(MINI, data)
    routers = []

    def make(page: str = "editor_export", secret: str | None = "geheim", lang: str = "nl",
             **params: str) -> AppTest:
        router = ROOT / f"_editor_router_{uuid.uuid4().hex}.py"
        router.write_text(ROUTER.format(data=str(data), secret=secret), encoding="utf-8")
        routers.append(router)
        at = AppTest.from_file(str(router), default_timeout=90)
        for key, value in params.items():
            at.query_params[key] = value
        if lang != "nl":
            at.query_params["lang"] = lang
        at.run()
        if page != "editor_export":
            at.switch_page(f"app_pages/{page}.py").run()
        return at
    yield make
    for router in routers:
        router.unlink(missing_ok=True)


def seen(at: AppTest) -> str:
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error",
                 "success", "metric"):
        parts += [f"{getattr(e, 'label', '')} {e.value}" for e in at.get(kind)]
    parts += [str(e.label) for e in at.get("button")]
    parts += [str(e.proto.label) for e in at.get("download_button")]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_export_page_previews_and_downloads(app, lang):
    at = app(lang=lang)
    assert not at.exception
    at.multiselect(key="exp_domains").set_value(["dom-wonen", "dom-gezondheid"]).run()
    assert at.query_params["domeinen"] == "dom-wonen,dom-gezondheid"  # shareable
    text = seen(at)
    assert ("wonen × gezondheid" if lang == "nl" else "housing × health") in text
    at.selectbox(key="exp_format").set_value("graphml").run()
    at.button(key="exp_prepare").click().run()
    assert not at.exception
    assert "GraphML" in seen(at)  # the download button appeared


def test_quality_page(app):
    at = app("editor_quality")
    assert not at.exception
    text = seen(at)
    assert "Zonder oplossing" in text and "voldoet aan alle vormregels" in text


def test_edit_is_off_without_a_password(app):
    at = app("editor_edit", secret=None)
    assert not at.exception
    assert "Bewerken staat uit" in seen(at)
    assert not at.get("text_area")


def test_edit_needs_sign_in_then_saves_and_undoes(app):
    at = app("editor_edit", id="O02")
    assert "Inloggen als redacteur" in seen(at) and not at.get("text_area")
    at.text_input[0].input("Ann")
    at.text_input[1].input("fout")
    at.button[0].click().run()
    assert "klopt niet" in seen(at)
    at.text_input[0].input("Ann")
    at.text_input[1].input("geheim")
    at.button[0].click().run()
    assert not at.exception
    assert "Ingelogd als redacteur: Ann" in seen(at)
    iri = "https://w3id.org/wijkgraaf/id/O02"
    assert at.text_input(key=f"ef_{iri}_naam").value == "geschotte budgetten"
    at.text_input(key=f"ef_{iri}_naam").input("aparte potjes")
    save = next(b for b in at.button if b.label == "Opslaan")
    save.click().run()
    assert not at.exception
    assert "Opgeslagen" in seen(at)
    undo = next(b for b in at.button if b.label == "Ongedaan maken")
    undo.click().run()
    assert not at.exception
    assert at.text_input(key=f"ef_{iri}_naam").value == "geschotte budgetten"


def test_invalid_save_shows_the_shape_message(app):
    at = app("editor_edit", id="S01")
    at.text_input[0].input("Ann")
    at.text_input[1].input("geheim")
    at.button[0].click().run()
    iri = "https://w3id.org/wijkgraaf/id/S01"
    at.multiselect(key=f"ef_{iri}_pakt_aan").set_value([])
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert "pakt minstens één bekende belemmering aan" in seen(at)
