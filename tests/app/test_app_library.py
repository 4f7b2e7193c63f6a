"""The library parts behind the app: search, page details, network pictures, the wijkagenda
document, the console and ``wijkgraaf app``."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ontology import UnknownIdError
from graph.analytics.agenda import agenda
from graph.cli.main import build_parser
from graph.cli.app import APP, streamlit_command
from graph.items.details import obstacle_details, solution_details
from app_lib.netview import ego_html, ego_nodes, routes_html
from ontology.kinds import colour
from graph.analytics.projection import build_graph, project
from graph.items.search import KINDS, build_index, group_by_kind
from graph.export.agenda_doc import build_document, to_html, to_markdown

D = "https://w3id.org/wijkgraaf/id/"


@pytest.fixture(scope="module")
def index(mini_store_ro):
    return build_index(mini_store_ro)


@pytest.mark.parametrize("query, lang, first", [
    ("gegevens delen", "nl", "O01"),
    ("gegevns dlen", "nl", "O01"),             # two typos
    ("delen gegevens", "nl", "O01"),           # word order
    ("budget", "nl", "S02"),                   # a stem: budget ~ budgetten, label first
    ("siloed budgets", "en", "O02"),
    ("Money pots", "en", "O02"),               # English definition
    ("GM0344", "nl", "GM0344"),                # a CBS code
    ("wijkagent", "nl", "O03"),                # a word in an example
])
def test_search_finds(index, query, lang, first):
    hits = index.search(query, lang=lang)
    assert hits and hits[0].iri == D + first, [(h.iri, h.score) for h in hits]


def test_search_groups_and_filters(index):
    hits = index.search("gemeente")
    groups = group_by_kind(hits)
    assert list(groups) == [k for k in KINDS if k in groups]
    assert all(h.kind == "solution" for h in index.search("budget", kinds=("solution",)))
    assert index.search("   ") == [] and index.search("qqqqzzzz") == []


def test_search_labels_in_both_languages(index):
    assert index.search("gegevens delen", lang="en")[0].label == "data may not be shared"
    assert index.label(D + "O02", "en") == "siloed budgets"
    assert [h.label for h in index.items("domain")] == ["gezondheid", "veiligheid", "wonen"]


def test_details_unknown_and_wrong_kind(mini_store_ro):
    with pytest.raises(UnknownIdError):
        obstacle_details(mini_store_ro, D + "O99")
    with pytest.raises(UnknownIdError):
        solution_details(mini_store_ro, D + "O01")  # an obstacle, not a solution


def test_obstacle_details_rank_and_explain(mini_store_ro):
    page = obstacle_details(mini_store_ro, D + "O01", "nl")
    first = page.solutions[0]
    assert first.item.notation == "S01"  # bridges both domains of the obstacle, has a case
    assert "verbindt gezondheid en wonen" in first.reason and "1 praktijkvoorbeeld" in first.reason
    assert [c.label for c in page.cases] == ["Convenant in West"]
    assert page.cases[0].area.notation == "WK034401"
    assert page.legal_frames[0].label == "AVG" and page.legal_frames[0].status == "van kracht"
    assert page.sources[0].url == "https://example.org/bron" and page.sources[0].year == "2020"


def test_solution_details_stated_and_derived(mini_store_ro):
    page = solution_details(mini_store_ro, D + "S02", "en")
    assert [d.label for d in page.domains_stated] == ["housing", "safety"]
    assert [d.label for d in page.domains_derived] == ["health"]
    assert [r.label for r in page.related] == ["data-sharing covenant"]  # stated the other way
    assert page.escalation and page.requires_legal_change is False
    assert page.decision_level == "board" and page.programmes[0].label == "NPLV"


def _graph(label="<script>alert(1)</script>&"):
    nodes = [{"id": "O1", "kind": "obstacle", "label": label},
             {"id": "D1", "kind": "domain", "label": "wonen"},
             {"id": "D2", "kind": "domain", "label": "zorg"}]
    nodes += [{"id": f"S{i}", "kind": "solution", "label": f"oplossing {i}"} for i in range(30)]
    edges = [(f"S{i}", "addresses", "O1") for i in range(30)]
    edges += [("O1", "affectsDomain", "D1"), ("S1", "bridgesDomain", "D2"),
              ("S2", "bridgesDomain", "D1")]
    return build_graph(nodes, edges)


def test_network_labels_are_escaped_and_assets_local():
    view = ego_html(_graph(), [D + "O1"], depth=1)
    assert "<script>alert(1)" not in view.html
    assert "\\u003cscript\\u003e" in view.html  # JSON-escaped, shown as text
    assert not re.search(r"<(script|link)[^>]+(src|href)=", view.html)
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", view.html)
    assert colour("obstacle") in view.html


def test_network_cap_depth_and_filters():
    G = _graph("wachtlijst")
    nodes, total = ego_nodes(G, [D + "O1"], depth=1, cap=10)
    assert len(nodes) == 10 and total == 32 and nodes[0] == D + "O1"
    deeper, _ = ego_nodes(G, [D + "O1"], depth=2, cap=1000)
    assert set(ego_nodes(G, [D + "O1"], depth=1, cap=1000)[0]) <= set(deeper)
    only, _ = ego_nodes(G, [D + "O1"], depth=2, kinds=["domain"], cap=1000)
    assert sorted(only) == [D + "D1", D + "O1"]  # solutions not walked through
    zorg, _ = ego_nodes(G, [D + "O1"], depth=2, domains=[D + "D2"], cap=1000)
    assert D + "S2" not in zorg and D + "S1" in zorg and D + "D1" not in zorg
    with pytest.raises(ValueError):
        ego_nodes(G, [D + "O1"], depth=4)
    assert ego_nodes(G, [D + "nothing"]) == ([], 0)


def test_routes_picture():
    G = _graph("x")
    view = routes_html(G, [[D + "S1", D + "O1", D + "S2"]])
    assert view.shown == 3 and view.edges == 2 and '"hierarchical"' in view.html


def test_wijkagenda_document(mini_store_ro):
    G = project(mini_store_ro, "en")
    plan = agenda(G, ["O01", "O02", "O03"], "WK034401", lang="en")
    doc = build_document(G, plan, mini_store_ro, "en", dt.date(2026, 3, 1))
    md = to_markdown(doc)
    html = to_html(doc)
    assert md.startswith("# Neighbourhood agenda West (WK034401) — draft of 1 March 2026")
    for part in ("## Proposed solutions", "pooled budget", "## Whom to invite",
                 "## Stays open", "nobody knows each other (O03)", "[Testbron]"):
        assert part in md, part
    assert "<h1>Neighbourhood agenda West (WK034401)" in html and "@page" in html
    assert not re.search(r"(src\s*=|@import|url\()\s*[\"']?https?:", html)  # nothing fetched


def test_wijkagenda_document_escapes():
    G = build_graph([{"id": "O1", "kind": "obstacle", "label": "<b>*x*</b>"},
                     {"id": "S1", "kind": "solution", "label": "<img src=x onerror=1>"}],
                    [("S1", "addresses", "O1")])

    class Store:
        location = ":memory:"

        def version(self):
            return 3

        def select(self, sparql, bindings=None):
            return []
    with pytest.MonkeyPatch.context() as mp:
        import graph.export.agenda_doc as doc_module

        class Info:
            how_to_start, evidence, sources = "", "", ()
        mp.setattr(doc_module, "solution_details", lambda *a: Info())
        doc = build_document(G, agenda(G, ["O1"]), Store(), "nl", dt.date(2026, 1, 2))
    html, md = to_html(doc), to_markdown(doc)
    assert "<img" not in html and "&lt;img src=x onerror=1&gt;" in html
    assert "\\<b\\>\\*x\\*\\</b\\>" in md


def test_console_refuses_and_limits(mini_store_ro):
    from graph.query.console import Console, ConsoleError

    console = Console()
    try:
        result = console.run(mini_store_ro, "SELECT ?s WHERE { ?s a wg:Obstacle }", limit=1)
        assert len(result.rows) == 1 and result.truncated
        assert result.csv().splitlines()[0] == "s"
        graph = console.run(mini_store_ro, "CONSTRUCT { ?s a wg:Obstacle } WHERE "
                                           "{ ?s a wg:Obstacle }")
        assert graph.kind == "graph" and len(graph.rows) == 3
        assert console.run(mini_store_ro, "ASK { wgd:O01 a wg:Obstacle }").boolean is True
        for bad, reason in (("INSERT DATA { wgd:x a wg:Obstacle }", "update"),
                            ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", "refused"),
                            ("SELECT * FROM <http://elsewhere/> WHERE { ?s ?p ?o }", "refused"),
                            ("SELECT ?x WHERE {\n ?x ?y\n}", "syntax")):
            with pytest.raises(ConsoleError) as caught:
                console.run(mini_store_ro, bad)
            assert caught.value.reason == reason
        assert caught.value.line == 3
        slow = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
        with pytest.raises(ConsoleError) as caught:
            console.run(mini_store_ro, slow, timeout=0.5)
        assert caught.value.reason == "time_limit"
        assert console.run(mini_store_ro, "ASK {}").boolean is True  # a fresh worker
    finally:
        console.close()


def test_app_command():
    args = build_parser().parse_args(["app", "--port", "8123", "--store", ":memory:",
                                      "--data", "tests/data/mini.ttl"])
    assert args.port == 8123 and args.data == ["tests/data/mini.ttl"]
    cmd = streamlit_command(8123, ":memory:", ["x.ttl"])
    assert cmd[cmd.index("run") + 1] == str(APP) and APP.is_file()
    assert "--server.port=8123" in cmd and "--client.showErrorDetails=none" in cmd
    assert "--browser.gatherUsageStats=false" in cmd and cmd[-3:-1] == [":memory:", "--lang=nl"]


def test_depth_two_network_keeps_the_centre_in_the_middle_and_links_rings_only(kb_store):
    """At depth 2 the picture was a hairball with the centre pushed to the edge: now rings
    around a fixed centre, with only the links from one ring to the next."""
    import json
    import math
    import re

    from graph.analytics import project

    G = project(kb_store, "nl")
    centre = "https://w3id.org/wijkgraaf/id/O08"
    view = ego_html(G, [centre], depth=2, lang="nl")
    nodes = json.loads(re.search(r"new vis\.DataSet\((\[.*?\])\);", view.html).group(1))
    at = {n["id"]: (n["x"], n["y"]) for n in nodes}
    assert at[centre] == (0.0, 0.0) and all(n.get("physics") is False for n in nodes)
    ring = {i: round(math.hypot(*xy) / 230) for i, xy in at.items()}
    assert set(ring.values()) == {0, 1, 2}
    edges = json.loads(re.findall(r"new vis\.DataSet\((\[.*?\])\);", view.html)[1])
    assert edges and all(abs(ring[e["from"]] - ring[e["to"]]) == 1 for e in edges)
