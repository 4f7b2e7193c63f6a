"""Search as people type: ranked words, Dutch stemming and compounds, folded diacritics, stop
words, typos only as a fallback, everyday words from the data, and an index per store version."""

from __future__ import annotations

import pytest

from ontology import ITEM
from graph.items import build_index, group_by_kind
from graph.items.search import KINDS
from graph.items.text import compound_splitter, normalise, words
from graph.kb.loading import load_paths
from tests.items.conftest import make_search_store


def ids(hits):
    return [h.iri[len(ITEM):] for h in hits]


def test_a_whole_question_finds_what_it_covers_without_every_word(index):
    hits = index.search("het geld voor ons wijkproject stopt na twee jaar")
    assert ids(hits)[0] == "O03"


def test_items_covering_more_of_the_question_rank_higher(index):
    assert ids(index.search("schulden huurachterstand"))[0] == "O01"   # O06 has only schulden


@pytest.mark.parametrize("query, first", [
    ("achterstanden", "O01"),        # plural → achterstand
    ("huurders schuld", "O01"),      # huurders → huurder, schuld ~ schulden
    ("lonely people", "O05"),        # English stemming: lonely, people
])
def test_stemming_meets_other_forms_of_a_word(index, query, first):
    assert ids(index.search(query))[0] == first


def test_compounds_meet_their_parts_both_ways(index):
    assert ids(index.search("achterstand huur"))[0] == "O01"          # label: Huurachterstand
    found = index.find("huurachterstand")
    assert "O01" in ids(found.hits) and not found.corrections
    split = compound_splitter(["huur", "achterstand", "schuld", "hulpverlening"])
    assert split("huurachterstand") == ("huur", "achterstand")
    assert split("schuldhulpverlening") == ("schuld", "hulpverlening")
    assert split("achterstand") == ()


def test_diacritics_are_folded_and_stop_words_dropped(index):
    assert normalise("buurtcoöperatie Één") == "buurtcooperatie een"
    hit = next(h for h in index.search("buurtcooperatie") if h.iri == ITEM["S01"])
    assert hit.matched == ("buurtcooperatie",)                         # howToStart: coöperatie
    assert index.find("wat is de geluidsoverlast?").words == ("geluidsoverlast",)
    assert words("hoe krijg ik de huisarts mee") == ["huisarts", "mee"]


def test_a_known_word_is_never_matched_fuzzily(index):
    found = index.find("geluid")
    assert ids(found.hits) == ["O02"] and not found.corrections       # not O03 'geld'


def test_an_unknown_word_gets_a_correction_shown(index):
    found = index.find("eenzaamhied")
    assert found.corrections == {"eenzaamhied": "eenzaamheid"}
    assert ids(found.hits)[0] == "O05"


def test_corrections_keep_the_first_letter_and_the_length(index):
    assert index.correction("zeld") is None            # not geld: another first letter
    assert index.correction("burenlawaaiii") is None    # two letters more
    assert index.find("qqqqzzzz").hits == [] and index.find("qqqqzzzz").unknown == ("qqqqzzzz",)


def test_everyday_words_come_from_the_data(search_store, tmp_path):
    index = build_index(search_store)
    assert ids(index.search("burenlawaai")) == ["O02"]                # skos:altLabel
    assert ids(index.search("herrie")) == ["O02"]                     # skos:hiddenLabel
    assert "O02" not in ids(index.search("kabaal"))
    store = make_search_store()
    extra = tmp_path / "extra.ttl"
    extra.write_text('<https://w3id.org/wijkgraaf/id/O02> '
                     '<http://www.w3.org/2004/02/skos/core#altLabel> "kabaal"@nl .\n')
    load_paths(store, [extra], check=False)
    assert ids(build_index(store).search("kabaal")) == ["O02"]


def test_the_index_is_built_once_per_store_version(tmp_path):
    store = make_search_store()
    first = build_index(store)
    assert build_index(store) is first
    extra = tmp_path / "extra.ttl"
    extra.write_text('<https://w3id.org/wijkgraaf/id/O03> '
                     '<http://www.w3.org/2004/02/skos/core#altLabel> "pilot"@nl .\n')
    load_paths(store, [extra], check=False)
    assert build_index(store) is not first


def test_hits_carry_matched_words_domains_and_group_by_kind(index):
    hit = index.search("schulden huurachterstand")[0]
    assert hit.matched == ("schulden", "huurachterstand") and hit.domains == ("wonen",)
    assert index.search("huurachterstand", lang="en")[0].domains == ("housing",)
    groups = group_by_kind(index.search("huisarts"))
    assert list(groups) == [k for k in KINDS if k in groups] and list(groups)[0] == "obstacle"
    assert all(h.kind == "solution" for h in index.search("eenzaamheid", kinds=("solution",)))


def test_a_whole_name_comes_first(index):
    assert ids(index.search("Overvecht"))[0] == "WK034403"
    assert ids(index.search("WK034403"))[0] == "WK034403"


def test_a_compound_splits_into_its_more_frequent_parts():
    split = compound_splitter({"buur": 2, "thuis": 5, "buurt": 60, "huis": 30})
    assert split("buurthuis") == ("buurt", "huis")                      # not buur + thuis


def test_a_word_of_the_knowledge_base_is_not_cut_into_a_fragment_it_ends_with():
    split = compound_splitter(["bezuinigingen", "gingen", "schuld", "hulpverlening"])
    assert split("bezuinigingen") == ()                                # not …gingen
    assert split("schuldhulpverleneing") == ("schuld",)                # an unknown word: its head



def test_a_word_on_its_own_counts_more_than_inside_a_compound(index):
    assert ids(index.search("portiek"))[:2] == ["O09", "O11"]          # O11: Portiekflat


def test_typed_words_the_knowledge_base_writes_as_one_are_one_word(index):
    found = index.find("wijk team")
    assert found.words == ("wijkteam",) and "O04" in ids(found.hits)  # O04: … het wijkteam …
    assert index.find("schuld en geld").words == ("schuld", "geld")   # not 'schulden'


def test_a_separable_verb_is_one_word(index):
    found = index.find("jongeren hangen rond")
    assert found.words == ("rondhangen",) and ids(found.hits) == ["O09"]


def test_a_past_participle_is_searched_as_its_verb_before_any_correction(index):
    found = index.find("er wordt gedeald")                             # not 'gedeeld' (O10)
    assert found.words == ("dealen",) and not found.corrections
    assert ids(found.hits) == ["O09"]


def test_an_item_is_found_by_its_domain_group(index):
    hits = ids(index.search("physical domain", lang="en"))
    assert {"O01", "O02", "S01"} <= set(hits) and "O05" not in hits   # all in housing


def test_question_words_are_not_searched(index):
    assert index.find("huurders willen het laten zien").words == ("huurders",)
