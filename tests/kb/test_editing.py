"""Editing items: validation, visibility, undo, conflicts between editors, crashes mid-save."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ontology.vocab import META_GRAPH
from app_lib.edit_forms import choices, form_fields, form_values, new_id, triples_from_form
from graph.kb.editing import (
    EDITS_GRAPH,
    EditConflictError,
    EditRefusedError,
    delete_item,
    history,
    item_state,
    save_item,
    undo,
)

D = "https://w3id.org/wijkgraaf/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
NOW = "2026-12-01T09:30:00Z"


def content(store) -> set[ox.Quad]:
    """Every statement outside the meta graph (what queries and exports see)."""
    return {q for q in store.dump_quads() if q.graph_name.value != META_GRAPH}


def everything(store) -> set[ox.Quad]:
    return set(store.dump_quads())


def label(store, iri: str, lang: str = "nl") -> list[str]:
    rows = store.select(f"SELECT ?l WHERE {{ <{iri}> <{SKOS}prefLabel> ?l "
                        f"FILTER(LANG(?l) = '{lang}') }}")
    return sorted(r["l"].value for r in rows)


def relabelled(state, text: str) -> list[ox.Triple]:
    out = [t for t in state.triples() if not (t.predicate.value == SKOS + "prefLabel"
                                              and t.object.language == "nl")]
    return [*out, ox.Triple(ox.NamedNode(state.iri), ox.NamedNode(SKOS + "prefLabel"),
                            ox.Literal(text, language="nl"))]


def test_invalid_edit_is_refused_with_the_shape_message(mini_store):
    before, version = everything(mini_store), mini_store.version()
    state = item_state(mini_store, D + "S01")
    broken = [t for t in state.triples()
              if t.predicate.value != "https://w3id.org/wijkgraaf/def#addresses"]
    with pytest.raises(EditRefusedError) as error:
        save_item(mini_store, state.iri, broken, token=state.token, who="ann", lang="nl")
    assert "pakt minstens één bekende belemmering aan" in str(error.value)
    assert any(r.shape == "wgsh:SolutionShape" for r in error.value.report.results)
    assert everything(mini_store) == before and mini_store.version() == version


def test_dangling_reference_is_refused(mini_store):
    state = item_state(mini_store, D + "O02")
    bad = [*state.triples(), ox.Triple(ox.NamedNode(state.iri),
                                       ox.NamedNode("https://w3id.org/wijkgraaf/def#affectsDomain"),
                                       ox.NamedNode(D + "dom-nergens"))]
    with pytest.raises(EditRefusedError, match="at least two domains|affects"):
        save_item(mini_store, state.iri, bad, token=state.token, who="ann")


def test_valid_edit_is_visible_at_once(mini_store):
    state = item_state(mini_store, D + "O02")
    result = save_item(mini_store, state.iri, relabelled(state, "aparte potjes"),
                       token=state.token, who="ann", now=NOW)
    assert label(mini_store, state.iri) == ["aparte potjes"]
    after = item_state(mini_store, state.iri)
    assert after.token == result.token and result.version == mini_store.version()
    assert {q.graph_name.value for q in after.quads} == {EDITS_GRAPH}
    modified = [t.object.value for t in after.triples() if t.predicate.value.endswith("modified")]
    assert modified == ["2026-12-01"]
    meta = {(t.predicate.value.rsplit("#", 1)[-1], t.object.value)
            for t in mini_store.graph_triples(META_GRAPH) if t.subject.value == EDITS_GRAPH}
    assert ("wasAttributedTo", "ann") in meta and ("generatedAtTime", NOW) in meta
    [record] = history(mini_store, state.iri)
    assert (record.action, record.who, record.when) == ("save", "ann", NOW)


def test_undo_restores_the_previous_version_exactly(mini_store):
    before = content(mini_store)
    state = item_state(mini_store, D + "O02")
    done = save_item(mini_store, state.iri, relabelled(state, "aparte potjes"),
                     token=state.token, who="ann")
    assert content(mini_store) != before
    undone = undo(mini_store, done.edit, who="bob")
    assert content(mini_store) == before
    assert item_state(mini_store, state.iri).token == state.token == undone.token
    assert [e.action for e in history(mini_store, state.iri)] == ["undo", "save"]
    assert history(mini_store, state.iri)[0].undoes == done.edit


def test_undo_of_an_undo_redoes(mini_store):
    state = item_state(mini_store, D + "O02")
    done = save_item(mini_store, state.iri, relabelled(state, "aparte potjes"),
                     token=state.token, who="ann")
    changed = content(mini_store)
    back = undo(mini_store, done.edit, who="ann")
    undo(mini_store, back.edit, who="ann")
    assert content(mini_store) == changed


def test_second_editor_gets_a_conflict_and_loses_nothing(mini_store):
    opened_by_ann = item_state(mini_store, D + "O02")
    opened_by_bob = item_state(mini_store, D + "O02")
    save_item(mini_store, opened_by_ann.iri, relabelled(opened_by_ann, "versie van Ann"),
              token=opened_by_ann.token, who="ann", now=NOW)
    after_ann = everything(mini_store)
    bobs = relabelled(opened_by_bob, "versie van Bob")
    with pytest.raises(EditConflictError) as error:
        save_item(mini_store, opened_by_bob.iri, bobs, token=opened_by_bob.token, who="bob",
                  now=NOW)
    assert "changed by someone else" in str(error.value)
    # Bob's text comes back to him, stamped with the day of his attempt (not the stored day)
    own = {t for t in bobs if t.predicate.value != DCT + "modified"}
    assert own <= set(error.value.yours)
    assert [t.object.value for t in error.value.yours
            if t.predicate.value == DCT + "modified"] == [NOW[:10]]
    assert label(mini_store, D + "O02") == ["versie van Ann"]
    assert error.value.theirs.token == item_state(mini_store, D + "O02").token
    assert everything(mini_store) == after_ann


def test_undo_after_a_later_change_is_a_conflict(mini_store):
    state = item_state(mini_store, D + "O02")
    first = save_item(mini_store, state.iri, relabelled(state, "een"), token=state.token,
                      who="ann")
    later = item_state(mini_store, state.iri)
    save_item(mini_store, state.iri, relabelled(later, "twee"), token=later.token, who="bob")
    with pytest.raises(EditConflictError, match="changed after this edit"):
        undo(mini_store, first.edit, who="ann")
    assert label(mini_store, D + "O02") == ["twee"]


def test_crash_in_the_middle_of_a_save_leaves_the_store_as_before(mini_store, monkeypatch):
    before, version = everything(mini_store), mini_store.version()
    state = item_state(mini_store, D + "O02")

    def crash(sparql: str) -> int:
        raise RuntimeError("power failure")

    monkeypatch.setattr(mini_store, "update", crash)
    with pytest.raises(RuntimeError, match="power failure"):
        save_item(mini_store, state.iri, relabelled(state, "half"), token=state.token, who="ann")
    monkeypatch.undo()
    assert everything(mini_store) == before and mini_store.version() == version
    # and the editor can simply save again
    save_item(mini_store, state.iri, relabelled(state, "heel"), token=state.token, who="ann")
    assert label(mini_store, D + "O02") == ["heel"]


def test_failure_inside_the_one_update_writes_nothing(mini_store, monkeypatch):
    """The engine runs the whole change as one update: when its last part fails, the parts
    before it (removing the old statements, adding the new) are not kept either."""
    before = everything(mini_store)
    state = item_state(mini_store, D + "O02")
    real = type(mini_store).update

    def failing_tail(self, sparql: str) -> int:
        return real(self, sparql + ' ;\nLOAD <file:///nonexistent/wijkgraaf-crash.ttl>')

    monkeypatch.setattr(type(mini_store), "update", failing_tail)
    with pytest.raises(Exception):  # noqa: B017,PT011 - whatever the engine raises
        save_item(mini_store, state.iri, relabelled(state, "half"), token=state.token, who="ann")
    monkeypatch.undo()
    assert everything(mini_store) == before


def test_delete_and_undo_bring_back_the_links(mini_store):
    before = content(mini_store)
    state = item_state(mini_store, D + "S02")
    delete_item(mini_store, state.iri, token=state.token, who="ann")
    assert not item_state(mini_store, state.iri).exists
    assert not mini_store.ask(f"ASK {{ ?s ?p <{D}S02> }}")  # S01 no longer relates to it
    [record] = history(mini_store, state.iri)
    undo(mini_store, record.edit, who="ann")
    assert content(mini_store) == before


def test_delete_that_breaks_another_item_is_refused(mini_store):
    before = everything(mini_store)
    state = item_state(mini_store, D + "O01")  # S01 addresses only O01
    with pytest.raises(EditRefusedError, match="addresses at least one"):
        delete_item(mini_store, state.iri, token=state.token, who="ann")
    assert everything(mini_store) == before


def test_new_item_from_a_form(mini_store):
    iri = D + new_id(mini_store, "obstacle")
    values = {f.key: "" for f in form_fields("obstacle")}
    values.update(naam="wachtlijsten", naam_en="waiting lists", definitie="Te lang wachten.",
                  definitie_en="Waiting too long.", voorbeeld="Een jaar.",
                  voorbeeld_en="A year.", soort=[D + "cat-capaciteit"],
                  domeinen=[D + "dom-wonen", D + "dom-gezondheid"], tussen=[D + "ot-ggd"],
                  themas=[D + "thema-regels"], bronnen=["https://example.org/bron"])
    save_item(mini_store, iri, triples_from_form(iri, "obstacle", values), token=None, who="ann")
    assert label(mini_store, iri, "en") == ["waiting lists"]
    assert form_values(item_state(mini_store, iri), "obstacle")["code"] == "O04"
    with pytest.raises(EditConflictError, match="exists already"):
        save_item(mini_store, iri, triples_from_form(iri, "obstacle", values), token=None,
                  who="bob")


def test_form_without_required_values_is_refused(mini_store):
    iri = D + "S03"
    values = {"naam": "iets", "naam_en": "something"}
    with pytest.raises(EditRefusedError) as error:
        save_item(mini_store, iri, triples_from_form(iri, "solution", values), token=None,
                  who="ann", lang="nl")
    assert "Een oplossing pakt minstens één bekende belemmering aan." in str(error.value)
    assert not item_state(mini_store, iri).exists


def test_choices_list_what_a_field_may_point_to(mini_store_ro):
    domains = choices(mini_store_ro, "Domain", "en")
    assert [label for _, label in domains] == ["health", "housing", "safety"]
    assert (D + "WK034401", "West") in choices(mini_store_ro, "Area")
    assert choices(mini_store_ro, "source") == [("https://example.org/bron", "Testbron")]
    assert {f.target for f in form_fields("case")} >= {"Solution", "Area", "Organisation"}


def test_an_edit_in_a_store_directory_is_visible_to_the_cli_at_once(tmp_path, capsys):
    """The app holds the store while the CLI reads it (read-only) and sees the saved edit."""
    from graph.cli.main import main
    from graph.kb.loading import ensure_ready, load_paths, open_store
    from tests.conftest import MINI

    store = ensure_ready(open_store(tmp_path / "db"), bundled=False)
    load_paths(store, [MINI])
    state = item_state(store, D + "O02")
    save_item(store, state.iri, relabelled(state, "aparte potjes"), token=state.token, who="ann")
    capsys.readouterr()
    query = "SELECT ?l WHERE { wgd:O02 skos:prefLabel ?l FILTER(LANG(?l) = 'nl') }"
    assert main(["query", "--store", str(tmp_path / "db"), query, "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["l", "aparte", "potjes"]


def test_reimport_over_an_app_edit_says_why_it_is_refused(mini_store):
    from graph.kb.loading import NotConformingError, load_paths
    from tests.conftest import MINI

    state = item_state(mini_store, D + "O02")
    save_item(mini_store, state.iri, relabelled(state, "aparte potjes"), token=state.token,
              who="ann")
    before = content(mini_store)
    with pytest.raises(NotConformingError) as caught:
        load_paths(mini_store, [MINI])
    assert "edited in the app (O02)" in str(caught.value)
    assert content(mini_store) == before


def test_two_saves_at_once_one_wins_and_the_store_stays_valid(tmp_path):
    """Two app sessions save the same item with the same version token at the same moment:
    exactly one is written, the other is told and has written nothing (the check and the write
    are one step against the store)."""
    import threading

    from graph.kb import ensure_ready, load_paths, open_store, validate_store
    from tests.conftest import MINI

    store = ensure_ready(open_store(str(tmp_path / "store")), bundled=False)
    load_paths(store, [MINI])
    for trial in range(6):
        state = item_state(store, D + "O02")
        results: dict[str, object] = {}
        start = threading.Barrier(2)

        def save(who: str, state=state, results=results, start=start, trial=trial) -> None:
            start.wait()
            try:
                results[who] = save_item(store, state.iri, relabelled(state, f"{who} {trial}"),
                                         token=state.token, who=who, now=NOW)
            except EditConflictError as error:
                results[who] = error

        threads = [threading.Thread(target=save, args=(w,)) for w in ("ann", "bob")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        won = [w for w, r in results.items() if not isinstance(r, EditConflictError)]
        assert len(won) == 1, results
        assert label(store, D + "O02") == [f"{won[0]} {trial}"]
    assert validate_store(store).conforms
