"""The app side: view models, the pages in AppTest, and the real app in headless Chromium
(``browser`` marker).

Shared fixtures (``mini_store``, ``mini_store_ro``, ``kb_store``) live in ``tests/conftest.py``."""

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.ttl"


@pytest.fixture
def app(monkeypatch):
    """An AppTest of ``app.py`` on an in-memory store with the mini knowledge base."""
    monkeypatch.setenv("WIJKGRAAF_STORE", ":memory:")
    monkeypatch.setenv("WIJKGRAAF_DATA", str(MINI))

    def make(page: str = "start", lang: str = "nl", **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        if lang != "nl":
            at.query_params["lang"] = lang
        at.run()
        if page != "start":
            at.switch_page(f"app_pages/{page}.py").run()
        return at
    return make


#: Streamlit reports a deprecated call through this logger (never through Python's warnings)
STREAMLIT_DEPRECATIONS = "streamlit.deprecation_util"
#: ... and a table it had to retype to show it (a column of numbers and text) through this one,
#: at INFO: the page then shows what Streamlit guessed, not what we meant
STREAMLIT_TABLES = "streamlit.dataframe_util"


class _Collect(logging.Handler):
    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(autouse=True)
def streamlit_deprecations(request):
    """Every app test fails on a Streamlit deprecation warning (such as
    ``st.components.v1.html`` "will be removed after 2026-06-01"); a test marked
    ``deprecation_expected`` gets the messages instead."""
    logger = logging.getLogger(STREAMLIT_DEPRECATIONS)
    handler = _Collect()
    logger.addHandler(handler)
    tables, retyped = logging.getLogger(STREAMLIT_TABLES), _Collect(logging.INFO)
    level = tables.level
    tables.setLevel(logging.INFO)
    tables.addHandler(retyped)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        tables.removeHandler(retyped)
        tables.setLevel(level)
    if not request.node.get_closest_marker("deprecation_expected"):
        assert not handler.messages, f"Streamlit deprecation warnings: {handler.messages}"
    assert not [m for m in retyped.messages if "Arrow" in m], \
        f"a table Streamlit had to retype (one type per column): {retyped.messages}"
