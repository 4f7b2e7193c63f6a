"""Pages that open where people expect (issue 15): the sidebar's Belemmering and Oplossing lead
to overviews, an unknown id gets a not-found page; the network expands one node; the export
preview counts exactly what the file holds, for three selections, and keeps its selection in
the address."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.export import Selection, export_subgraph, select
from graph.kb import ensure_ready, load_paths, open_store
from ontology.kinds import CLASS_KIND
from tests.app.conftest import MINI

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _links(at) -> dict[str, str]:
    return {e.proto.label: f"{e.proto.page}?{e.proto.query_string}" for e in at.get("page_link")}


@pytest.mark.parametrize(("page", "title", "n"), [("obstacle", "Belemmeringen", 3),
                                                   ("solution", "Oplossingen", 2)])
def test_the_sidebar_leads_to_an_overview(app, page, title, n):
    at = app(page)
    assert at.title[0].value == title
    items = [k for k, v in _links(at).items() if "?id=" in v]
    assert len(items) == n, items
    assert any(f"{n} van de {n}" in c.value for c in at.caption)


def test_the_overview_filters_by_domain_theme_and_category_in_the_address(app):
    at = app("obstacle", domein="dom-wonen")
    assert at.multiselect(key="ov_obstacle_domains").value == ["dom-wonen"]
    assert sorted(k for k, v in _links(at).items() if "?id=" in v) == [
        "gegevens delen mag niet · O01", "geschotte budgetten · O02"]
    at.multiselect(key="ov_obstacle_domains").set_value([]).run()
    at.multiselect(key="ov_obstacle_cats").set_value(["cat-geld"]).run()
    assert at.query_params["categorie"] == "cat-geld" and "domein" not in at.query_params
    assert [k for k, v in _links(at).items() if "?id=" in v] == ["geschotte budgetten · O02"]
    assert any("1 van de 3 belemmeringen" in c.value for c in at.caption)  # one, not 'een(en)'


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_unknown_id_gets_a_not_found_page_with_the_closest_matches(app, lang):
    at = app("obstacle", lang, id="O99")
    assert not at.exception
    assert at.title[0].value == ("Niet gevonden" if lang == "nl" else "Not found")
    assert "O99" in at.warning[0].value
    found = _links(at)
    near = [k for k, v in found.items() if "?id=O0" in v]
    assert near, found  # O09-like ids: O01, O02, O03 of the mini knowledge base
    assert not at.get("selectbox")  # no unrelated item below the notice
    overview = "Alle belemmeringen" if lang == "nl" else "All obstacles"
    assert found[overview].startswith("belemmering?")


def test_an_item_page_links_back_to_its_overview(app):
    at = app("obstacle", id="O02")
    assert at.title[0].value == "geschotte budgetten"
    assert _links(at)["Alle belemmeringen"] == "belemmering?"


def test_the_network_expands_one_node(app):
    at = app("network", id="O01", soorten="obstacle,solution")
    before = at.get("iframe")[0].proto.srcdoc
    assert "ontschot budget" in before and "geschotte budgetten" not in before
    options = at.selectbox(key="net_expand").options
    assert at.selectbox(key="net_expand").value is None  # nothing expanded by itself
    at.selectbox(key="net_expand").set_value("S02").run()
    assert at.query_params["uitvouwen"] == "S02"
    after = at.get("iframe")[0].proto.srcdoc
    assert "geschotte budgetten" in after and options  # S02 also addresses O02


# -- the export page ----------------------------------------------------------------------

SELECTIONS = [
    {"domeinen": "dom-wonen,dom-gezondheid"},
    {"belemmeringen": "O02"},
    {"start": "S01", "stappen": "1"},
]
_SELECTION = {"domeinen": "domains", "belemmeringen": "obstacles", "start": "seeds"}


def _selection(params: dict[str, str]) -> Selection:
    fields = {_SELECTION[k]: tuple(v.split(",")) for k, v in params.items() if k in _SELECTION}
    return Selection(**fields, depth=int(params.get("stappen", 0)))


@pytest.fixture(scope="module")
def store():
    s = ensure_ready(open_store(), bundled=False)
    load_paths(s, [MINI])
    return s


@pytest.mark.parametrize("params", SELECTIONS, ids=["bridge", "obstacle", "seed"])
def test_the_preview_counts_exactly_what_the_file_holds(app, store, params):
    at = app("start", **params)
    at.switch_page("app_pages/editor_export.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    preview = dict(zip(table["Soort"], table["In het bestand"]))
    statements = next(c.value for c in at.caption if "uitspraken" in c.value)
    file = export_subgraph(select(store, _selection(params)), "nt")
    triples = list(ox.parse(file, format=ox.RdfFormat.N_TRIPLES))
    per_kind: dict[str, set[str]] = {}
    for t in triples:
        if t.predicate.value == RDF_TYPE and t.object.value in CLASS_KIND:
            per_kind.setdefault(CLASS_KIND[t.object.value], set()).add(t.subject.value)
    from ontology.kinds import noun

    held = {noun(k, "nl", plural=True).capitalize(): len(v) for k, v in per_kind.items()}
    assert preview == held
    assert f"{len(set(triples))} uitspraken" in statements
    # the page kept the selection in the address
    assert all(at.query_params[k] == v for k, v in params.items())


def test_a_multiselect_never_selects_by_itself(app):
    at = app("start")
    at.switch_page("app_pages/editor_export.py").run()
    boxes = at.get("multiselect")
    assert boxes and all(b.proto.select_all == 0 for b in boxes)
    assert all(b.value == [] for b in boxes)
