"""Start: one search box, a few entry questions, the size of the knowledge base."""

import streamlit as st

from app_lib import state, ui
from app_lib.state import t
from graph.items import group_by_kind, normalise


def _marked(text: str, matched: tuple[str, ...]) -> str:
    """``text`` (Markdown-escaped) with the words that start like a matched word in bold."""
    stems = [w[: max(4, len(w) - 3)] for w in matched]
    out = []
    for word in ui.md(text).split(" "):
        folded = normalise(word)
        bold = len(folded) >= 4 and any(folded.startswith(s) or s.startswith(folded)
                                        for s in stems)
        out.append(f"**{word}**" if bold else word)
    return " ".join(out)


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
found = index.find(query, lang=state.lang(), limit=40) if query and query.strip() else None
if found is not None:
    if found.corrections:
        st.info(t("search_did_you_mean", words=", ".join(found.corrections.values())),
                icon=":material/spellcheck:")
    if found.unknown and found.hits:
        st.caption(t("search_unknown", words=", ".join(found.unknown)))
    if not found.hits:
        words = ", ".join(found.words + found.unknown) or query.strip()
        st.info(t("search_none_words", q=query.strip(), words=words))
    groups = group_by_kind(found.hits)
    for kind, members in groups.items():
        st.subheader(ui.kind_title(kind, len(members)), divider="gray")
        for hit in members[:8]:
            with st.container():
                ui.item_link(kind, hit.iri, hit.label, notation=hit.notation)
                if hit.domains:
                    st.markdown(ui.badges(hit.domains, "domain"))
                if hit.definition:
                    text = hit.definition if len(hit.definition) < 220 else (
                        hit.definition[:217].rsplit(" ", 1)[0] + " …")
                    st.caption(_marked(text, hit.matched))
        if len(members) > 8:
            st.caption(t("search_more", n=len(members) - 8))
    if not found.hits:
        st.subheader(t("search_topics"))
        for kind in ("domain", "theme"):
            st.markdown(ui.badges([h.label for h in index.items(kind, state.lang())], kind))
if found is None or not found.hits:
    st.subheader(t("entry_title"))
    entries = []
    G = state.graph()

    def has(*ids):
        return all(state.iri_of(i) in G for i in ids)

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
