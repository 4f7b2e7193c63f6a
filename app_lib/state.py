"""The one place that caches: the store, the projection, the search index and derived tables.

Resources shared by every session (``st.cache_resource``) are keyed on the store settings and
the store version, so a write to the store (a new version) builds them anew and nothing is
rebuilt per click. Derived tables (``st.cache_data``, bounded) take the same key. Cached
objects are shared: never change one (copy it first).

Also here: the current language, the text table lookup :func:`t`, deep-link helpers around
``st.query_params``, and the friendly error box.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ontology import ITEM, QueryError, UnknownIdError, WijkgraafError, competency_queries
from app_lib.texts import TEXTS
from graph.items import details as _details
from graph.kb import ensure_ready, load_paths, open_store, quality_report, stats as _stats
from graph.kb import kb_report
from graph.analytics import (agenda, bridge_map, rank_solutions, warm_in_background)
from graph.items import build_index, named_projection
from graph.items import resolve as resolve_name
from graph.store import Store

log = logging.getLogger("wijkgraaf.app")
DATA = str(ITEM)


@dataclass(frozen=True)
class Settings:
    """Where the app's store is, and which files to load into it instead of the bundled data."""

    store: str = ":memory:"
    data: tuple[str, ...] = ()
    lang: str = "nl"


def configure(settings: Settings) -> None:
    """Remember the settings for this session (``app.py`` calls this on every run)."""
    st.session_state["_settings"] = settings


def settings() -> Settings:
    """The settings of this session."""
    return st.session_state.get("_settings") or Settings()


# -- language and texts ---------------------------------------------------------------------

def lang() -> str:
    """The current language, 'nl' (default) or 'en'."""
    value = st.session_state.get("lang", "nl")
    return value if value in ("nl", "en") else "nl"


def _language_changed() -> None:
    if st.session_state.get("lang") == "en":
        st.query_params["lang"] = "en"
    elif "lang" in st.query_params:
        del st.query_params["lang"]


def sidebar_language() -> None:
    """The language switch in the sidebar (Dutch by default; ``?lang=en`` in a link)."""
    wanted = st.query_params.get("lang")
    if "lang" not in st.session_state or (wanted in ("nl", "en")
                                          and wanted != st.session_state.get("_qp_lang")):
        st.session_state.lang = wanted if wanted in ("nl", "en") else settings().lang
    st.session_state["_qp_lang"] = wanted
    st.sidebar.radio(t("language"), ["nl", "en"], key="lang", horizontal=True,
                     format_func={"nl": "Nederlands", "en": "English"}.get,
                     on_change=_language_changed)


def t(key: str, **values: object) -> str:
    """The text ``key`` in the current language, with ``values`` filled in."""
    nl, en = TEXTS[key]
    text = nl if lang() == "nl" else en
    return text.format(**values) if values else text


def tn(key: str, count: int, **values: object) -> str:
    """:func:`t` with a real plural: the text ``key + "_one"`` when ``count`` is exactly one,
    else ``key`` ("1 praktijkvoorbeeld", "3 praktijkvoorbeelden"); ``count`` is filled in as
    ``{n}`` unless ``values`` name ``n`` themselves."""
    values.setdefault("n", count)
    return t(key + "_one" if count == 1 and key + "_one" in TEXTS else key, **values)


def and_list(names) -> str:
    """Names joined as the current language writes them: 'a, b en c' (never '&')."""
    names = [str(x) for x in names]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + (" en " if lang() == "nl" else " and ") + names[-1]


# -- cached resources -------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def _open(location: str, data: tuple[str, ...]) -> Store:
    store = open_store(location)
    if data:
        ensure_ready(store, bundled=False)
        load_paths(store, [Path(p) for p in data], check=False, who="wijkgraaf app")
    else:
        ensure_ready(store)
    log.info("store %s ready (version %s)", location, store.version())
    return store


def store() -> Store:
    """The store of this app (opened and filled once per process)."""
    s = settings()
    return _open(s.store, s.data)


@st.cache_data(show_spinner=False, ttl=2, max_entries=8)
def _version(location: str, data: tuple[str, ...]) -> int:
    return _open(location, data).version()


def key() -> tuple[str, tuple[str, ...], int]:
    """The cache key of everything derived from the store: settings and store version (read
    at most every two seconds, so a remote store is not asked on every widget)."""
    s = settings()
    return (s.store, s.data, _version(s.store, s.data))


@st.cache_resource(show_spinner=False, max_entries=8)
def _graph(_store: Store, cache_key: tuple, language: str):
    G = named_projection(_store, language)
    # a big graph's per-version views (key players, bridge matrix, ...) computed ahead, so a
    # page's first click finds them ready (graph.analytics.warm)
    warm_in_background(G)
    return G


def graph(language: str | None = None):
    """The projection (NetworkX) of the store in ``language``: built once per version; its
    analytics take every name the one resolver knows (:func:`graph.items.named_projection`).
    On a remote store this reads the whole graph: pages use :func:`graph_for` instead, except
    those that truly need every item (key players, quality, the bridge map's matrix)."""
    return _graph(store(), key(), language or lang())


def remote() -> bool:
    """Whether the store is a SPARQL server (``graph.store.RemoteStore``)."""
    from graph.store import RemoteStore

    return isinstance(store(), RemoteStore)


def graph_for(part: tuple | None, language: str | None = None):
    """The projection a page needs. On the embedded store the whole one (:func:`graph`); on
    a remote store only what ``part`` names, fetched per selection
    (:mod:`graph.analytics.selection`, cached per store version and arguments):

    - ``("neighbourhood", seeds, depth, also)``: the items within ``depth`` steps of
      ``seeds`` (hubs not walked through) and the items ``also``;
    - ``("agenda", obstacles, area)``: what an agenda needs.
    """
    language = language or lang()
    if part is None or not remote():
        return graph(language)
    from graph.analytics import selection

    what, *args = part
    s = store()
    if what == "neighbourhood":
        seeds, depth, also = args
        return selection.neighbourhood(s, seeds, depth, language, also)
    if what == "agenda":
        obstacles, area = args
        return selection.agenda_selection(s, obstacles, area, language)
    raise ValueError(f"unknown part {what!r}")


@st.cache_resource(show_spinner=False, max_entries=4)
def _index(_store: Store, cache_key: tuple):
    return build_index(_store)


def index():
    """The search index: built once per store version."""
    return _index(store(), key())


def resolve(value: str, kind: str | None = None) -> str | None:
    """The short id of the item that ``value`` names, by the one resolver every command uses
    (ids, names, the words people use, typos); None when it names none, or several."""
    try:
        return short(resolve_name(index(), value, kind, lang()))
    except UnknownIdError:
        return None


@st.cache_resource(show_spinner=False, max_entries=8)
def _quality(_store: Store, cache_key: tuple, language: str, stale_days: int):
    return quality_report(_store, language, stale_days=stale_days)


def quality(stale_days: int):
    """The quality report (SHACL and the editors' checks): computed once per store version."""
    return _quality(store(), key(), lang(), stale_days)


@st.cache_resource(show_spinner=False, max_entries=8)
def _kb_figures(_store: Store, cache_key: tuple, language: str):
    return kb_report(_store, language)


def kb_figures():
    """The knowledge base in figures (``graph.kb.KBReport``): computed once per store version
    and language."""
    return _kb_figures(store(), key(), lang())


@st.cache_data(show_spinner=False, max_entries=16)
def _counts(cache_key: tuple) -> dict[str, int]:
    return dict(_stats(store()).counts)


def counts() -> dict[str, int]:
    """Items per kind (class local name → number)."""
    return _counts(key())


@st.cache_data(show_spinner=False, max_entries=512)
def _obstacle(cache_key: tuple, iri: str, language: str):
    return _details.obstacle_details(store(), iri, language)


def obstacle(iri: str):
    """The obstacle page data (``graph.items.details.ObstacleDetails``)."""
    return _obstacle(key(), iri, lang())


def obstacle_solutions(iri: str, area: str | None = None):
    """The solutions of an obstacle in the one ranking
    (``graph.analytics.advice.RankedSolution``, best first, reasons as data); on a remote
    store from the obstacle's neighbourhood of depth 2."""
    return analytic(rank_solutions, obstacles=(iri,), area=area, lang=lang(),
                    part=("neighbourhood", (iri,), 2, (area,) if area else ()))


def ranking_order() -> str:
    """How the one ranking orders solutions, in the current language."""
    from graph.analytics import ORDER

    return ORDER[lang()]


def cell_solutions(a: str, b: str, area: str | None = None,
                   candidates: tuple[str, ...] | None = None) -> tuple[list, int]:
    """The solutions of a bridge-map cell (sides ``a`` and ``b``; only ``candidates`` when
    given) in the one ranking (``graph.analytics.advice.RankedSolution``), and how many the
    cell holds. On the embedded store all of them; on a remote store the first page
    (``graph.analytics.selection.pair_ranking``: ranked on the cell's figures, only the
    first page fetched with what its reasons name)."""
    if not remote():
        ranked = analytic(rank_solutions, domains=(a, b), area=area, lang=lang(),
                          candidates=candidates)
        return ranked, len(ranked)
    from graph.analytics import selection

    return selection.pair_ranking(store(), a, b, lang(), area, candidates=candidates)


@st.cache_data(show_spinner=False, max_entries=512)
def _solution(cache_key: tuple, iri: str, language: str):
    return _details.solution_details(store(), iri, language)


def solution(iri: str):
    """The solution page data (``graph.items.details.SolutionDetails``)."""
    return _solution(key(), iri, lang())


@st.cache_data(show_spinner=False, max_entries=64)
def _analytic(cache_key: tuple, language: str, name: str, _fn, args: tuple,
              kwargs: tuple, part: tuple | None = None):
    return _fn(graph_for(part, language), *args, **dict(kwargs))


def analytic(fn, *args, part: tuple | None = None, **kwargs):
    """``fn(G, *args, **kwargs)`` for an analytics function of :mod:`graph.analytics` on the
    projection (on a remote store on the selection ``part`` names, see :func:`graph_for`),
    cached per store version, language, function and arguments (arguments must be
    hashable)."""
    return _analytic(key(), lang(), f"{fn.__module__}.{fn.__qualname__}", fn, tuple(args),
                     tuple(sorted(kwargs.items())), part)


@st.cache_resource(show_spinner=False, max_entries=16)
def _shared(cache_key: tuple, language: str, name: str, _fn, args: tuple, kwargs: tuple):
    return _fn(graph(language), *args, **dict(kwargs))


def shared(fn, *args, **kwargs):
    """:func:`analytic` on the whole projection, the answer shared between sessions, not
    copied per call (``cache_resource``): for big read-only answers such as the key players
    (30k solutions at 1M triples, which ``cache_data`` unpickled on every rerun). Do not
    change the answer."""
    return _shared(key(), lang(), f"{fn.__module__}.{fn.__qualname__}", fn, tuple(args),
                   tuple(sorted(kwargs.items())))


@st.cache_resource(show_spinner=False, max_entries=8)
def _items(cache_key: tuple, language: str) -> dict[str, tuple[str, str]]:
    """Item IRI → (kind, label): from the projection, or on a remote store from one labels
    query per kind (``graph.analytics.selection.labels``), per store version. Shared, not
    copied (``cache_resource``): ``kind_of`` asks it once per item of a picker, and a copy
    per call made the routes page's click 460 ms instead of 35. Do not change it."""
    if not remote():
        G = graph(language)
        return {n: (G.nodes[n]["kind"], G.nodes[n]["label"]) for n in G}
    from graph.analytics import selection
    from ontology.kinds import ORDER

    found: dict[str, tuple[str, str]] = {}
    for kind in ORDER:
        for n, label in selection.labels(store(), [kind], language).items():
            found.setdefault(n, (kind, label))
    return found


def kinds_of(items) -> list[str]:
    """The kind of each item (short id or IRI), '' when unknown: one lookup of the table for
    a whole picker, where :func:`kind_of` per item reads the store version each time."""
    table = _items(key(), lang())
    return [table.get(iri_of(item), ("", ""))[0] for item in items]


def kind_of(item: str) -> str:
    """The kind of an item (short id or IRI), '' when unknown."""
    return kinds_of([item])[0]


@st.cache_resource(show_spinner=False, max_entries=8)
def _node_options(cache_key: tuple, language: str) -> dict[str, str]:
    from ontology.kinds import ORDER
    from ontology.kinds import noun as kind_name

    items = _items(cache_key, language)
    nodes = sorted(items, key=lambda n: (ORDER.get(items[n][0], 99), items[n][1].lower()))
    return {short(n): f"{items[n][1]} · {kind_name(items[n][0], language)}" for n in nodes}


def node_options() -> dict[str, str]:
    """Every item: short id → 'label · kind', grouped by kind (on a remote store from the
    labels, not the projection). Shared, not copied per call (84k items at 1M triples): do
    not change it."""
    return _node_options(key(), lang())


def default_node(options: dict[str, str]) -> str:
    """The item a picture starts from when none is chosen: a well-connected obstacle (on a
    remote store the first obstacle by label); once per store version."""
    return _default_node(key(), lang(), options)


@st.cache_resource(show_spinner=False, max_entries=8)
def _default_node(cache_key: tuple, language: str, _options: dict[str, str]) -> str:
    options = _options
    if remote():
        return next((k for k in options if kind_of(k) == "obstacle"), next(iter(options)))
    G = graph(language)
    obstacles = [n for n in G if G.nodes[n]["kind"] == "obstacle"]
    if not obstacles:
        return next(iter(options))
    return short(max(obstacles, key=lambda n: (G.degree(n), n)))


def kinds_present() -> frozenset[str]:
    """The kinds the store holds items of: once per store version."""
    return _kinds_present(key(), lang())


@st.cache_resource(show_spinner=False, max_entries=8)
def _kinds_present(cache_key: tuple, language: str) -> frozenset[str]:
    return frozenset(kind for kind, _ in _items(cache_key, language).values())


def domains() -> list[str]:
    """The domain IRIs, sorted by label."""
    items = _items(key(), lang())
    return sorted((n for n, (k, _) in items.items() if k == "domain"),
                  key=lambda n: items[n][1].lower())


def label_of(item: str) -> str:
    """The label of an item (short id or IRI) in the current language."""
    return _items(key(), lang()).get(iri_of(item), ("", short(item)))[1]


def route_list(a: str, b: str, k: int, skip: tuple):
    """The ``k`` shortest routes between items ``a`` and ``b`` (IRIs)
    (``graph.analytics.routes.Route``). On a remote store between two parties from
    ``graph.analytics.selection.party_routes``; between other items from their
    neighbourhood of depth 2 (hubs not walked through, so a route through a domain or an
    organisation type in the middle is not found there)."""
    from graph.analytics import routes

    if not remote():
        return analytic(routes, a, b, k=k, lang=lang(), skip_kinds=skip)
    return _remote_routes(key(), lang(), a, b, k, skip)


@st.cache_data(show_spinner=False, max_entries=32)
def _remote_routes(cache_key: tuple, language: str, a: str, b: str, k: int, skip: tuple):
    from graph.analytics import routes, selection

    if {kind_of(a), kind_of(b)} <= {"organisation_type", "organisation"}:
        return selection.party_routes(store(), a, b, k=k, lang=language, skip_kinds=skip)
    G = selection.neighbourhood(store(), (a, b), 2, language)
    return routes(G, a, b, k=k, lang=language, skip_kinds=skip)


@st.cache_data(show_spinner=False, max_entries=64)
def _ego(cache_key: tuple, language: str, centre: str, depth: int, kinds: tuple,
         chosen: tuple, cap: int, expand: str | None = None):
    from app_lib.netview import ego_html

    seeds = (iri_of(centre), iri_of(expand)) if expand else (iri_of(centre),)
    G = graph_for(("neighbourhood", seeds, depth + 1 if expand else depth, ()), language)
    return ego_html(G, [iri_of(centre)], depth, kinds or None,
                    [iri_of(d) for d in chosen] or None, cap, language,
                    expand=iri_of(expand) if expand else None)


def ego_view(centre: str, depth: int, kinds: tuple, chosen_domains: tuple, cap: int,
             expand: str | None = None):
    """The network picture around ``centre`` (``app_lib.netview.NetView``), with the
    neighbours of the shown node ``expand`` added; on a remote store from the centre's
    neighbourhood (domains, organisation types and themes are shown but not walked through,
    so the picture holds fewer items than the whole projection's)."""
    return _ego(key(), lang(), centre, depth, kinds, chosen_domains, cap, expand)


@st.cache_data(show_spinner=False, max_entries=32)
def _selection_view(cache_key: tuple, language: str, items: tuple, cap: int):
    from app_lib.netview import selection_html

    return selection_html(graph(language), list(items), cap, language)


def selection_view(items, cap: int = 30):
    """The picture of at most ``cap`` items of a selection (``app_lib.netview.NetView``)."""
    return _selection_view(key(), lang(), tuple(items), cap)


@st.cache_data(show_spinner=False, max_entries=32)
def _routes_view(cache_key: tuple, language: str, paths: tuple):
    from app_lib.netview import routes_html

    nodes = tuple(sorted({n for p in paths for n in p}))
    return routes_html(graph_for(("neighbourhood", nodes, 0, ()), language),
                       [list(p) for p in paths], language)


def routes_view(paths) -> object:
    """The picture of some routes (``app_lib.netview.NetView``)."""
    return _routes_view(key(), lang(), tuple(tuple(p) for p in paths))


def bridge_map_view(view: str, filters):
    """The bridge map (``graph.analytics.BridgeMap``) of a view under ``filters``: built from
    tables computed once per store version, cached per view and filters."""
    return analytic(bridge_map, view, filters)


@st.cache_data(show_spinner=False, max_entries=32)
def _bridge_picture(cache_key: tuple, language: str, view: str, filters) -> dict:
    from app_lib.bubblemap import picture

    found = _analytic(cache_key, language, "graph.analytics.bridgemap.bridge_map", bridge_map,
                      (view, filters), ())
    return picture(graph(language), found, language)


def bridge_picture(view: str, filters) -> dict:
    """The map's rows, Vega-Lite spec and SVG (``app_lib.bubblemap.picture``), per store
    version, language, view and filters: a fresh copy of the spec on every call."""
    import copy

    found = _bridge_picture(key(), lang(), view, filters)
    return {**found, "spec": copy.deepcopy(found["spec"])}


@st.cache_data(show_spinner=False, max_entries=16)
def _bridge_png(cache_key: tuple, language: str, view: str, filters) -> bytes:
    from app_lib.bubblemap import png

    return png(_bridge_picture(cache_key, language, view, filters))


def bridge_png(view: str, filters) -> bytes:
    """The map as PNG (drawn by Pillow from the same shapes as the SVG)."""
    return _bridge_png(key(), lang(), view, filters)


def agenda_plan(obstacles: tuple, area: str | None, limit: int | None):
    """The draft agenda (``graph.analytics.agenda.Agenda``) for obstacles, an area and a size
    limit; on a remote store from its selection (``agenda_graph``)."""
    return analytic(agenda, obstacles, neighbourhood=area, max_solutions=limit,
                    lang=lang(), part=("agenda", tuple(obstacles), area))


def agenda_graph(obstacles: tuple, area: str | None):
    """The projection that holds everything an agenda names (the whole one on the embedded
    store)."""
    return graph_for(("agenda", tuple(obstacles), area))


@st.cache_data(show_spinner=False, max_entries=32)
def _agenda_document(cache_key: tuple, language: str, obstacles: tuple, area, limit,
                     today) -> dict[str, str]:
    from graph.export import build_document, to_html, to_markdown

    part = ("agenda", tuple(obstacles), area)
    plan = _analytic(cache_key, language, "graph.analytics.agenda.agenda", agenda,
                     (obstacles,),
                     tuple(sorted({"neighbourhood": area, "max_solutions": limit,
                                   "lang": language}.items())), part)
    doc = build_document(graph_for(part, language), plan, store(), language, today)
    return {"markdown": to_markdown(doc), "html": to_html(doc)}


def agenda_document(obstacles: tuple, area: str | None, limit: int | None, today):
    """The agenda as a document: ``{"markdown": ..., "html": ...}`` dated ``today``."""
    return _agenda_document(key(), lang(), obstacles, area, limit, today)


@st.cache_data(show_spinner=False)
def examples() -> list[tuple[str, str, str, str]]:
    """The competency queries: (id, question nl, question en, SPARQL)."""
    return [(q.id, q.question_nl, q.question_en, q.sparql) for q in competency_queries()]


@st.cache_resource(show_spinner=False)
def _console():
    from graph.query import Console

    return Console(workers=1)


def query(sparql: str, limit: int, timeout: float):
    """A read-only console query with a row cap and a time limit, run in a worker process
    that is stopped at the limit (``graph.query.console.ConsoleResult``)."""
    return _console().run(store(), sparql, limit=limit, timeout=timeout)


# -- ids, links and deep links ------------------------------------------------------------------

def iri_of(short: str) -> str:
    """A full item IRI from a short id (``O08`` → ``https://w3id.org/wijkgraaf/id/O08``)."""
    return short if short.startswith(("http://", "https://")) else DATA + short


def short(iri: str) -> str:
    """The short id of an item IRI."""
    return iri[len(DATA):] if iri.startswith(DATA) else iri


def params(**values: object) -> dict[str, str]:
    """Query parameters for a link, with the language when it is not the default."""
    out = {k: str(v) for k, v in values.items() if v not in (None, "", [], ())}
    if lang() != "nl":
        out["lang"] = lang()
    return out


def synced(widget_key: str, param: str, valid=None) -> None:
    """Before drawing widget ``widget_key``: take its value from ``?param=`` when the URL
    changed (a shared link, or a link to this page with another value)."""
    value = st.query_params.get(param)
    seen = st.session_state.get("_qp_" + widget_key)
    if value is not None and value != seen and (valid is None or value in valid):
        st.session_state[widget_key] = value
    st.session_state["_qp_" + widget_key] = value


def synced_list(widget_key: str, param: str, valid) -> None:
    """:func:`synced` for a multiselect: ``?param=a,b`` sets the chosen values."""
    value = st.query_params.get(param)
    if value is not None and value != st.session_state.get("_qp_" + widget_key):
        st.session_state[widget_key] = [v for v in value.split(",") if v in valid]
    st.session_state["_qp_" + widget_key] = value


def publish_list(param: str, widget_key: str) -> None:
    """:func:`publish` for a multiselect (values joined by commas)."""
    publish(param, ",".join(st.session_state.get(widget_key) or []), widget_key)


def publish(param: str, value: object, widget_key: str | None = None) -> None:
    """Write the current value of a view into the URL, so the view can be shared."""
    text = "" if value is None else str(value)
    if text:
        st.query_params[param] = text
    elif param in st.query_params:
        del st.query_params[param]
    if widget_key:
        st.session_state["_qp_" + widget_key] = text or None
    if lang() != "nl":
        st.query_params["lang"] = lang()


def error_text(error: BaseException) -> str:
    """An error's message in the current language (the library's errors carry both)."""
    return error.text(lang()) if isinstance(error, WijkgraafError) else str(error)


def fail(error: BaseException) -> None:
    """A friendly message for an error (details go to the log, never to the screen)."""
    if isinstance(error, UnknownIdError):
        st.warning(t("err_unknown", value=error.value))
        return
    if isinstance(error, QueryError):
        st.error(error_text(error))
        return
    log.exception("unexpected error", exc_info=error)
    st.error(t("err_generic"))


@st.cache_resource(show_spinner=False, max_entries=16)
def _selection(_store: Store, cache_key: tuple, text: str, _selected):
    from graph.export import select

    return select(_store, _selected)


def selection(selected):
    """The subgraph (``graph.export.Subgraph``) a selection names, made once per store version
    and selection (a download button or a format choice does not make it again). Raises what
    :func:`graph.export.select` raises for a value that names nothing."""
    return _selection(store(), key(), selected.text(), selected)
