"""The gereedschapskist: content, links, languages, Markdown and PDF."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from ontology import ITEM, WG, WijkgraafError
from graph.export.subgraph import Selection
from graph.export.toolbox import TEXT, build_toolbox, toolbox_html, toolbox_markdown, write_toolbox

NOW = "2026-11-28T12:00:00+00:00"


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.text: list[str] = []
        self.cards = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href", "").startswith("#"):
            self.links.append(attrs["href"][1:])
        if tag == "article" and "card" in attrs.get("class", ""):
            self.cards += 1

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Anchors:
    parser = _Anchors()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def bridge_nl(kb_store):
    return build_toolbox(kb_store, Selection(domains=("wonen", "gezondheid")), "nl", now=NOW)


def test_cards_bridge_and_index_for_wonen_x_gezondheid(bridge_nl):
    book = bridge_nl
    assert book.subtitle == "Wonen × gezondheid" and book.date == "28 november 2026"
    assert book.cards and [c.number for c in book.cards] == list(range(1, len(book.cards) + 1))
    for card in book.cards:
        stated = {d.label for d in card.solution.domains_stated}
        assert {"wonen", "gezondheid"} <= stated
    assert "wonen" in book.bridges.domains and "gezondheid" in book.bridges.domains
    pair = book.bridges.strongest[0]
    assert {pair[0], pair[1]} == {"wonen", "gezondheid"} and len(pair[2]) == len(book.cards)
    numbers = {c.number for c in book.cards}
    assert all(set(e.cards) <= numbers for e in book.index)
    addressed = {o.iri for c in book.cards for o in c.solution.obstacles}
    assert addressed <= {e.item.iri for e in book.index}


def test_html_is_self_contained_with_working_links(bridge_nl):
    html = toolbox_html(bridge_nl)
    page = parse(html)
    assert page.cards == len(bridge_nl.cards)
    assert set(page.links) <= page.ids
    text = " ".join(page.text)
    assert "w3id.org" not in html  # no raw IRIs anywhere, not even in links
    assert "Overzicht van domeinbruggen" in text and "Index van belemmeringen" in text
    assert not re.search(r"<(link|script)\b|src=\"http|@import", html)  # nothing fetched
    assert "@page" in html and "break-before: page" in html  # the print stylesheet
    assert "@font-face" in html  # fonts travel with the document


def test_labels_are_escaped(mini_store):
    from graph.kb.editing import item_state, save_item

    iri = "https://w3id.org/wijkgraaf/id/S01"
    state = item_state(mini_store, iri)
    import pyoxigraph as ox

    triples = [t for t in state.triples() if not (t.predicate.value.endswith("prefLabel")
                                                  and t.object.language == "nl")]
    triples.append(ox.Triple(ox.NamedNode(iri),
                             ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
                             ox.Literal("<script>alert(1)</script> & co", language="nl")))
    save_item(mini_store, iri, triples, token=state.token, who="test")
    html = toolbox_html(build_toolbox(mini_store, Selection(solutions=("S01",)), "nl"))
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_fixed_text_in_both_languages(mini_store_ro, lang):
    assert all(nl and en for nl, en in TEXT.values())
    book = build_toolbox(mini_store_ro, Selection(), lang, now=NOW)
    html = toolbox_html(book)
    assert TEXT["title"][lang != "nl"] in html and f'lang="{lang}"' in html
    other = TEXT["reading"][lang == "nl"]
    assert other not in html


def test_whole_knowledge_base(kb_store):
    book = build_toolbox(kb_store, Selection(), "en", now=NOW)
    assert book.subtitle == "The whole knowledge base"
    def count(cls: str) -> int:
        rows = kb_store.select(f"SELECT (COUNT(?o) AS ?n) WHERE {{ ?o a <{WG[cls]}> }}")
        return int(next(iter(rows))["n"].value)

    assert len(book.cards) == count("Solution") and len(book.index) == count("Obstacle")
    assert len(book.bridges.domains) == 10


def test_neighbourhood_keeps_only_its_own_cases(kb_store):
    book = build_toolbox(kb_store, Selection(neighbourhoods=("GM0363",)), "nl", now=NOW)
    cases = {c.iri for card in book.cards for c in card.solution.cases}
    in_amsterdam = {r["c"].value for r in kb_store.select(
        f"SELECT ?c WHERE {{ ?c a <{WG.PracticeCase}> ; <{WG.inArea}>/<{WG.partOfArea}>* "
        f"<{ITEM.GM0363}> }}")}
    assert book.cards and cases == in_amsterdam and len(cases) == book.counts["cases"]


def test_markdown_has_the_same_content(bridge_nl):
    md = toolbox_markdown(bridge_nl)
    assert md.startswith("# Gereedschapskist: Wonen × gezondheid")
    for card in bridge_nl.cards:
        assert f"## {card.number}. " in md
    assert "## Index van belemmeringen" in md and "w3id.org" not in md


def test_write_by_suffix(mini_store_ro, tmp_path):
    html = write_toolbox(mini_store_ro, Selection(), tmp_path / "kist.html", "nl")
    assert html.read_text().startswith("<!doctype html>")
    md = write_toolbox(mini_store_ro, Selection(), tmp_path / "kist.md", "en")
    assert md.read_text().startswith("# Toolbox")
    with pytest.raises(WijkgraafError, match="use .html, .md or .pdf"):
        write_toolbox(mini_store_ro, Selection(), tmp_path / "kist.docx")


def test_pdf(mini_store_ro, tmp_path):
    path = write_toolbox(mini_store_ro, Selection(solutions=("S01",)), tmp_path / "k.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    from weasyprint import HTML

    book = build_toolbox(mini_store_ro, Selection(solutions=("S01",)), "nl")
    pages = HTML(string=toolbox_html(book)).render().pages
    assert len(pages) == 6  # cover, contents, bridges, one card, index, colophon
