"""The search page in AppTest: hits grouped by kind (obstacles and solutions first) with id,
kind, domains and the matched words in bold; the correction shown; the words searched when
nothing is found, with the closest topics and the start questions; the query in the address;
and a picker that takes a name in the address."""

from __future__ import annotations

from tests.app.test_app_pages import links, texts


def test_a_corrected_word_is_shown_with_its_hits(app):  # noqa: F811
    at = app()
    at.text_input(key="q").input("gegevns delen").run()
    assert "Bedoelde je *gegevens*?" in [i.value for i in at.info]
    assert "**gegevens** **delen** mag niet · O01" in links(at)
    assert at.query_params["q"] == "gegevns delen"


def test_hits_are_grouped_by_kind_with_id_kind_domains_and_matched_words(app):  # noqa: F811
    at = app(q="gegevens delen convenant")
    heads = [s.value for s in at.subheader]
    assert heads[:3] == ["Belemmeringen (1)", "Oplossingen (2)", "Praktijkvoorbeelden (1)"]
    labels = list(links(at))
    assert "**convenant** **gegevensdeling** · S01" in labels                  # a compound too
    assert "oplossing · S01 :orange-badge[gezondheid] :orange-badge[wonen]" in [
        c.value for c in at.caption]
    assert any("**gegevens**" in c.value for c in at.caption)                 # the definition


def test_nothing_found_says_what_was_searched_and_offers_topics_and_questions(app):  # noqa: F811
    at = app(q="qqqqzzzz")
    seen = texts(at)
    assert "gezocht op: qqqqzzzz" in seen
    assert "Onderwerpen in de kennisbank" in [s.value for s in at.subheader]
    assert "Waar wil je mee beginnen?" in [s.value for s in at.subheader]


def test_nothing_found_offers_the_topics_that_look_like_the_words(app):  # noqa: F811
    at = app(q="feiligheit qqqq")              # no correction: another first letter
    assert "gezocht op: feiligheit, qqqq" in texts(at)
    heads = [s.value for s in at.subheader]
    assert "Onderwerpen die erop lijken" in heads and "Waar wil je mee beginnen?" in heads
    badges = " ".join(m.value for m in at.markdown)
    assert "veiligheid" in badges and "gezondheid" not in badges


def test_the_picker_takes_a_name_in_the_address(app):  # noqa: F811
    at = app("obstacle", id="geschotte budgetten")
    assert at.selectbox[0].value == "O02"
    assert at.query_params["id"] == "O02"
