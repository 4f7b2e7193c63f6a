"""The one resolver: ids, names, other names and search; ambiguous names list candidates."""

from __future__ import annotations

import pytest

from ontology import ITEM, UnknownIdError
from graph.analytics import AmbiguousIdError
from graph.items import named_projection, resolve, resolve_many


@pytest.mark.parametrize("value, kind, expected", [
    ("O02", None, "O02"),
    (ITEM["O02"], None, "O02"),
    ("wk034403", None, "WK034403"),                      # a CBS code, any case
    ("Overvecht", "area", "WK034403"),                   # the other name of one item
    ("wijk 03 overvecht", None, "WK034403"),             # a name, folded
    ("huisarts", None, "ot-huisarts"),                   # the thing, not the topic of O04
    ("huisarts", "obstacle", "O04"),
    ("eenzaamhied", "obstacle", "O05"),                  # a typo, through search
    ("burenlawaai", None, "O02"),
])
def test_resolve_names_the_item(index, value, kind, expected):
    assert resolve(index, value, kind) == ITEM[expected]


def test_a_name_of_several_items_lists_them_with_kind_and_id(index):
    with pytest.raises(AmbiguousIdError) as error:
        resolve(index, "wachtlijst", kind="obstacle")
    message = str(error.value)
    assert "O07 (belemmering" in message and "O08 (belemmering" in message


def test_an_unknown_name_suggests_the_nearest(index):
    with pytest.raises(UnknownIdError) as error:
        resolve(index, "Overvekt", kind="area")
    assert "WK034403" in str(error.value) and not isinstance(error.value, AmbiguousIdError)


def test_resolve_many_keeps_order_and_drops_repeats(index):
    assert resolve_many(index, ["O02", "burenlawaai", "O01"]) == [ITEM["O02"], ITEM["O01"]]


def test_the_analytics_take_every_name_the_resolver_knows(search_store):
    from graph.analytics import project, resolve as resolve_in_graph

    G = named_projection(search_store)
    assert resolve_in_graph(G, "burenlawaai") == ITEM["O02"]              # an other name
    assert resolve_in_graph(G, "Overvecht", "area") == ITEM["WK034403"]
    assert resolve_in_graph(G, "eenzaamhied") == ITEM["O05"]              # a typo
    with pytest.raises(AmbiguousIdError, match="O07 .belemmering"):
        resolve_in_graph(G, "wachtlijst", "obstacle")
    with pytest.raises(UnknownIdError):
        resolve_in_graph(G, "WK034403", "obstacle")                        # not of that kind
    plain = project(search_store, "en")                                   # no resolver given
    with pytest.raises(UnknownIdError):
        resolve_in_graph(plain, "burenlawaai")
