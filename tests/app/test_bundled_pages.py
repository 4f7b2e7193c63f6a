"""Every page of the app on the bundled knowledge base (not only on mini.ttl): it opens in
both languages without an exception, and every table on it has one type per column (the
``streamlit_deprecations`` fixture of this folder fails a test whose page made Streamlit
retype a table: the quality page's "in het Nederlands" column once mixed counts and text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
#: editing is registered only for a signed-in editor (tests/app/test_editor_pages.py)
PAGES = sorted(p.stem for p in (ROOT / "app_pages").glob("*.py")
               if p.stem not in ("__init__", "editor_edit"))
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One AppTest on the bundled knowledge base, in memory, shared by this module's tests."""
    mp = pytest.MonkeyPatch()
    mp.setenv("WIJKGRAAF_STORE", ":memory:")
    mp.delenv("WIJKGRAAF_DATA", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()
    assert not at.exception, at.exception
    yield at
    mp.undo()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_opens_on_the_bundled_knowledge_base(app, page, lang):
    for key in list(app.query_params):
        del app.query_params[key]
    if lang != "nl":
        app.query_params["lang"] = lang
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.title or app.header, f"{page}: nothing on the page"
