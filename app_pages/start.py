"""Start: one search box, a few entry questions, the size of the knowledge base."""

import streamlit as st

from app_lib import state, ui
from app_lib.state import t
from ontology import closest
from ontology.kinds import noun as kind_name
from graph.items import group_by_kind, normalise


def _marked(marks: list[tuple[str, bool]]) -> str:
    """Words (Markdown-escaped) with the ones search matched in bold."""
    return " ".join(f"**{ui.md(w)}**" if on else ui.md(w) for w, on in marks)


def _closest_topics(index, words: tuple[str, ...], lang: str) -> tuple[list, bool]:
    """The domains and themes whose names look most like the words searched, and True; all of
    them and False when none does (for an empty result)."""
    topics = [h for kind in ("domain", "theme") for h in index.items(kind, lang)]
    by_word = {w: h for h in topics for w in normalise(h.label).split() if len(w) > 3}
    near = list({h.iri: h for word in words for h in
                 (by_word[w] for w in closest(word, by_word))}.values())
    return (near, True) if near else (topics, False)


st.title(t("app_title"))
st.markdown(t("tagline"))

try:
    counts = state.counts()
    shown = [("Obstacle", "obstacle"), ("Solution", "solution"), ("Domain", "domain"),
             ("OrganisationType", "organisation_type"), ("PracticeCase", "case"),
             ("Source", None)]
    ui.tiles([(ui.kind_title(kind) if kind else t("sources"), counts.get(cls, 0),
               ui.colour(kind)) for cls, kind in shown])
    index = state.index()
except Exception as error:  # noqa: BLE001
    state.fail(error)
    st.stop()

state.synced("q", "q")
query = st.text_input(t("search_label"), key="q", placeholder=t("search_placeholder"),
                      on_change=lambda: state.publish("q", st.session_state.get("q"), "q"),
                      icon=":material/search:")
lang = state.lang()
found = index.find(query, lang=lang, limit=40) if query and query.strip() else None
if found is not None:
    if found.corrections:
        st.info(t("search_did_you_mean", words=", ".join(found.corrections.values())),
                icon=":material/spellcheck:")
    if found.unknown and found.hits:
        st.caption(t("search_unknown", words=", ".join(found.unknown)))
    if not found.hits:
        words = ", ".join(found.words + found.unknown) or query.strip()
        st.info(t("search_none_words", q=query.strip(), words=words))
    groups = group_by_kind(found.hits)  # obstacles and solutions first
    for kind, members in groups.items():
        st.subheader(ui.kind_title(kind, len(members)), divider="gray")
        for hit in members[:8]:
            with st.container():
                page, qp = ui.target(kind, hit.iri)
                sid = state.short(hit.iri)
                st.page_link(page, query_params=qp,
                             label=f"{_marked(index.marks(hit.label, hit.matched, lang))} · {sid}")
                st.caption(" ".join([f"{ui.md(kind_name(kind, lang))} · {ui.md(sid)}",
                                     ui.badges(hit.domains, "domain")]).strip())
                if hit.definition:
                    text = hit.definition if len(hit.definition) < 220 else (
                        hit.definition[:217].rsplit(" ", 1)[0] + " …")
                    st.caption(_marked(index.marks(text, hit.matched, lang)))
        if len(members) > 8:
            st.caption(t("search_more", n=len(members) - 8))
    if not found.hits:
        near, close = _closest_topics(index, found.words + found.unknown, lang)
        st.subheader(t("search_topics_near" if close else "search_topics"))
        for kind in ("domain", "theme"):
            labels = [h.label for h in near if h.kind == kind]
            if labels:
                st.markdown(ui.badges(labels, kind))
if found is None or not found.hits:
    st.subheader(t("entry_title"))
    entries = []
    def has(*ids):  # from the labels, not the projection (a remote store is never read whole)
        return all(state.kind_of(i) for i in ids)

    if has("dom-gezondheid", "dom-wonen"):
        entries.append((t("entry_bridges"), "app_pages/bridges.py",
                        state.params(a="dom-gezondheid", b="dom-wonen"), ":material/grid_on:"))
    data_hits = index.search("gegevens delen privacy", kinds=("obstacle",), limit=1)
    if data_hits:
        entries.append((t("entry_data"), "app_pages/obstacle.py",
                        state.params(id=state.short(data_hits[0].iri)), ":material/lock:"))
    if has("ot-wijkteam", "ot-woningcorporatie"):
        entries.append((t("entry_route"), "app_pages/routes.py",
                        state.params(a="ot-wijkteam", b="ot-woningcorporatie"),
                        ":material/route:"))
    entries.append((t("entry_players"), "app_pages/players.py", state.params(),
                    ":material/leaderboard:"))
    entries.append((t("entry_gaps"), "app_pages/bridges.py", state.params(view="gaps"),
                    ":material/search_off:"))
    entries.append((t("entry_agenda"), "app_pages/agenda.py", state.params(),
                    ":material/event_note:"))
    cols = st.columns(2)
    for i, (label, page, qp, icon) in enumerate(entries):
        with cols[i % 2].container(border=True):
            st.page_link(page, label=label, query_params=qp, icon=icon)
    st.caption(t("start_hint"))
