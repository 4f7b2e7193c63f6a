"""The search page in AppTest: the correction shown, the words searched when nothing is found
with the topics and start questions, and a picker that takes a name in the address."""

from __future__ import annotations

from tests.app.test_app_pages import links, texts


def test_a_corrected_word_is_shown_with_its_hits(app):  # noqa: F811
    at = app()
    at.text_input(key="q").input("gegevns delen").run()
    assert "Bedoelde je *gegevens*?" in [i.value for i in at.info]
    assert "gegevens delen mag niet · O01" in links(at)


def test_nothing_found_says_what_was_searched_and_offers_topics_and_questions(app):  # noqa: F811
    at = app(q="qqqqzzzz")
    seen = texts(at)
    assert "gezocht op: qqqqzzzz" in seen
    assert "Onderwerpen in de kennisbank" in [s.value for s in at.subheader]
    assert "Waar wil je mee beginnen?" in [s.value for s in at.subheader]


def test_the_picker_takes_a_name_in_the_address(app):  # noqa: F811
    at = app("obstacle", id="geschotte budgetten")
    assert at.selectbox[0].value == "O02"
    assert at.query_params["id"] == "O02"
