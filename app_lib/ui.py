"""Small drawing helpers the pages share: badges, links to items, lists of sources.

Every label that goes into Markdown passes :func:`md` (escaped), so a label can never turn
into markup or a link; every link address passes :func:`loaders.web_url` (http, https and
mailto only), so a source's ``javascript:`` page is shown as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from itertools import islice

import streamlit as st

from app_lib import state
from app_lib.state import t
from loaders import web_url
from ontology import kinds
from ontology.kinds import noun as kind_name

#: Streamlit's named badge colours per kind (Markdown ``:color-badge[...]``)
BADGE = {"obstacle": "red", "solution": "green", "domain": "orange", "domain_group": "orange",
         "organisation_type": "blue", "organisation": "blue", "legal_frame": "violet",
         "case": "orange", "area": "gray", "programme": "green", "theme": "gray"}
#: the order in which kinds are listed
KIND_ORDER = ("obstacle", "solution", "domain", "organisation_type", "organisation",
              "legal_frame", "case", "area", "programme", "theme", "domain_group")
#: the page of each kind of item (others open in the network view)
PAGE = {"obstacle": "app_pages/obstacle.py", "solution": "app_pages/solution.py"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:$~])")


def page_style() -> None:
    """A few touches of CSS for every page: tighter top, calmer titles, a code editor; and
    Streamlit's built-in English hints hidden ("Press Enter to apply", table toolbars), so
    no English shows in the Dutch app."""
    css = ("[data-testid='stMainBlockContainer']{padding-top:2.5rem}"
           "[data-testid='stMainBlockContainer'] h1{font-size:2.2rem;line-height:1.2}"
           ".stTextArea textarea{font-family:'Source Code Pro',monospace;font-size:.85rem}"
           "[data-testid='InputInstructions']{display:none}"
           # numbers on the heatmap must not swallow the click on their cell
           "[data-testid='stVegaLiteChart'] g.mark-text{pointer-events:none}"
           "[data-testid='stPageLink-NavLink'] p{white-space:normal;overflow:visible}"
           # a link to another item on the same page is not 'the current page'
           "[data-testid='stMainBlockContainer'] a[data-testid='stPageLink-NavLink']"
           ":not(:hover){background-color:transparent}"
           "[data-testid='stMainBlockContainer'] a[data-testid='stPageLink-NavLink'] p"
           "{font-weight:400}"
           "[data-testid='stPageLink-NavLink'] span{white-space:normal;overflow:visible;"
           "text-overflow:clip}")
    if state.lang() != "en":  # Streamlit's own words are English only
        css += ("[data-testid='stElementToolbar']{display:none}"
                "[data-testid='stStatusWidget']{visibility:hidden}")
    st.html(f"<style>{css}</style>")


def colour(kind: str | None) -> str:
    """The colour of a kind (grey for none)."""
    return kinds.colour(kind or "")


def tiles(items) -> None:
    """A row of number tiles that wraps on narrow screens: (label, number, colour)."""
    cells = "".join(
        f"<div style='flex:1 1 6.5rem;border:1px solid #e3e6ea;border-radius:.6rem;"
        f"padding:.6rem .9rem;border-top:4px solid {c}'>"
        f"<div style='font-size:2rem;font-weight:600;line-height:1.1'>{int(n)}</div>"
        f"<div style='color:#5f6b7a;font-size:.9rem'>{html.escape(label)}</div></div>"
        for label, n, c in items)
    st.markdown(f"<div style='display:flex;flex-wrap:wrap;gap:.75rem;margin:.4rem 0 1rem'>"
                f"{cells}</div>", unsafe_allow_html=True)


def md(text: object) -> str:
    """Text safe inside Markdown: every special character escaped.

    >>> md("a *b* [c](d)")
    'a \\\\*b\\\\* \\\\[c\\\\]\\\\(d\\\\)'
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def badges(labels, kind: str) -> str:
    """Markdown badges for ``labels`` in the colour of ``kind``."""
    colour = BADGE.get(kind, "gray")
    return " ".join(f":{colour}-badge[{md(label)}]" for label in labels)


def kind_title(kind: str, n: int | None = None) -> str:
    """'Oplossingen (4)': the plural of a kind in the current language, capitalised."""
    word = kind_name(kind, state.lang(), plural=True)
    word = word[:1].upper() + word[1:]
    return f"{word} ({n})" if n is not None else word


def target(kind: str, iri: str) -> tuple[str, dict[str, str]]:
    """The page and query parameters that show an item of ``kind``."""
    sid = state.short(iri)
    if kind in PAGE:
        return PAGE[kind], state.params(id=sid)
    if kind == "domain":
        return "app_pages/bridges.py", state.params(a=sid)
    if kind == "area":
        return "app_pages/agenda.py", state.params(area=sid)
    return "app_pages/network.py", state.params(id=sid)


def item_link(kind: str, iri: str, label: str, *, icon: str | None = None, where=st,
              notation: str = "") -> None:
    """A link that opens the page of an item (obstacle, solution) or its picture."""
    page, qp = target(kind, iri)
    text = f"{label} · {notation}" if notation and notation not in label else label
    where.page_link(page, label=text, query_params=qp, icon=icon)


def dot(kind: str) -> str:
    """A coloured dot (HTML) for a kind, for legends."""
    return (f'<span style="display:inline-block;width:10px;height:10px;border-radius:50%;'
            f'background:{kinds.colour(kind)};margin-right:6px"></span>')


def _link(title: str, url: str) -> str:
    """A Markdown link to a web or mail address (plain text for anything else, such as a
    ``javascript:`` page): the address passes :func:`loaders.web_url`."""
    return _link_md(md(title), url)


def _link_md(markdown: str, url: str) -> str:
    """``markdown`` (already escaped) as a link to ``url`` when it is a web or mail address."""
    url = web_url(url)
    return f"[{markdown}](<{url}>)" if url else markdown


def sources(items) -> None:
    """A list of sources as links (title, year, kind)."""
    if not items:
        st.caption(t("no_sources"))
        return
    lines = []
    for src in items:
        text = _link(src.title, src.url)
        extra = ", ".join(x for x in (src.year, src.kind) if x)
        lines.append(f"- {text}" + (f" — {md(extra)}" if extra else ""))
    st.markdown("\n".join(lines))


def legal(frames) -> None:
    """Legal frames with BWB id, article and status; linked to wetten.overheid.nl."""
    lines = []
    for f in frames:
        article = f.article if f.article and f.article not in f.label else ""
        name = md(f.label) + (f" {md(t('article_short'))} {md(article)}" if article else "")
        text = _link_md(name, f.url)
        extra = ", ".join(x for x in (f.bwb, f.status) if x)
        lines.append(f"- {text}" + (f" — {md(extra)}" if extra else ""))
    st.markdown("\n".join(lines) if lines else t("none"))


def refs_line(refs, kind: str) -> str:
    """Badges for a tuple of ``Ref`` (or a dash when empty)."""
    return badges([r.label for r in refs], kind) if refs else "—"


def case_card(case, show_solutions: bool = True) -> None:
    """One practice case in a bordered box: where, when, what it applied, whom to call; the
    story, the outcome, every organisation and the sources behind a click."""
    with st.container(border=True):
        where = []
        if case.area is not None:
            where.append(md(case.area.label) + (f" ({md(case.area.notation)})"
                                                  if case.area.notation else ""))
        if case.year:
            where.append(t("since_year", year=case.year))
        st.markdown(f"**{md(case.label)}**" + ("  \n" + " · ".join(where) if where else ""))
        if show_solutions and case.solutions:
            st.markdown(f"**{t('applies')}:** " + badges([s.label for s in case.solutions],
                                                         "solution"))
        if case.contact:
            st.markdown(f"**{t('contact')}:** " + ", ".join(md(c.label) for c in case.contact))
        if case.definition or case.outcome or case.organisations or case.sources:
            with st.expander(t("case_more")):
                if case.definition:
                    st.markdown(md(case.definition))
                if case.outcome:
                    st.markdown(f"**{t('outcome')}:** {md(case.outcome)}")
                if case.organisations:
                    st.markdown(f"**{t('organisations')}:** " + badges(
                        [o.label for o in case.organisations], "organisation"))
                if case.sources:
                    st.caption(" · ".join(_link(s.title, s.url) for s in case.sources))


def not_found(value: str) -> None:
    """The message for an id that is not in the knowledge base."""
    st.warning(t("err_unknown", value=value))


def relabel(key: str) -> None:
    """Before drawing the keyed widget ``key`` whose option labels depend on the language:
    after a language switch, hand its value back to Streamlit, so the browser is sent the
    label in the new language. (Streamlit's pickers send the *shown label* as their value; a
    browser left alone keeps the old language's label until a reload.)"""
    seen = "_lang_" + key
    if st.session_state.get(seen) not in (None, state.lang()) and key in st.session_state:
        st.session_state[key] = st.session_state[key]
    st.session_state[seen] = state.lang()


def choose(label: str, options: Mapping, key: str, *, param: str | None = None,
           multi: bool = False, default=None, allow_none: bool = False, where=st,
           placeholder: str | None = None, on_change=None, **extra):
    """The one picker of every page: options keyed by id (an IRI's short id, a format, a
    number), shown by their label in the current language, so switching language changes the
    labels at once and never the choice.

    ``options`` maps id → label (built in the current language). With ``param`` the choice
    lives in the address too (``?param=id``, a list as ``a,b``): a shared link sets it, and
    every change is written back. A multiselect (``multi``) never selects anything by itself
    (no "Select all matches" in its list). Without a valid choice a selectbox takes
    ``default`` (the first option when ``default`` is None and the picker is not
    ``allow_none``). Returns the chosen id (a list of ids for ``multi``)."""
    if param:
        (state.synced_list if multi else state.synced)(key, param, valid=options)
    relabel(key)
    value = st.session_state.get(key)
    if multi:
        if value is None or any(v not in options for v in value):
            st.session_state[key] = [v for v in (value if value is not None else default or ())
                                     if v in options]
    elif value not in options and not (allow_none and value is None
                                       and key in st.session_state):
        st.session_state[key] = default if default in options else (
            None if allow_none else next(iter(options), None))

    def changed() -> None:
        if param:
            if multi:
                state.publish_list(param, key)
            else:
                state.publish(param, st.session_state.get(key), key)
        if on_change:
            on_change()

    listed = list(options)
    if len(options) > LONG_LIST:
        listed = _narrowed(label, options, key, multi, where)
    if multi:
        return where.multiselect(label, listed, key=key, format_func=options.get,
                                 placeholder=placeholder or t("choose_options"),
                                 on_change=changed, select_all=False, **extra)
    return where.selectbox(label, listed, key=key, format_func=options.get,
                           placeholder=placeholder or t("choose_option"), on_change=changed,
                           **extra)


#: options above which a picker gets a search field and lists only what matches it (the
#: first :data:`LISTED`): every rerun sends a picker's whole list to the browser (at 1M
#: triples 11,790 obstacles made the agenda page's click 639 ms where its analytics took
#: 0.5 ms). The bundled knowledge base's longest list (713 items) stays one list.
LONG_LIST = 1000
LISTED = 200
#: items a page draws of one list (the rest counted, and in the list's CSV): Streamlit draws
#: every element again on every rerun (a generated 1M-triple graph has 300k shape results and
#: thousands of items per quality list: the quality page did not finish in ten minutes)
SHOWN = 50


def more(n: int, csv: bool = False, where=st) -> None:
    """Below a list cut at :data:`SHOWN`: how many it holds (and, with ``csv``, that its CSV
    has them all); nothing when it holds no more."""
    if n > SHOWN:
        where.caption(t("list_more_csv" if csv else "list_more", shown=SHOWN, n=n))


def _narrowed(label: str, options: Mapping, key: str, multi: bool, where) -> list:
    """The options a long picker lists: what is chosen, then the first :data:`LISTED`
    whose label or id holds every word typed in the search field above it (in the order
    given), with a caption saying how many of how many."""
    words = where.text_input(t("picker_find", label=label), key=key + "__find",
                             placeholder=t("picker_find_placeholder", n=len(options)))
    value = st.session_state.get(key)
    chosen = [v for v in (value or []) if v in options] if multi else (
        [value] if value in options else [])
    wanted = [w for w in words.lower().split() if w]
    taken = set(chosen)
    if not wanted:  # nothing typed: the first ones, without reading the whole list
        first = list(islice((k for k in options if k not in taken), LISTED))
        where.caption(t("picker_shown", shown=LISTED, n=len(options) - len(taken)))
        return chosen + first
    found = [k for k in options if k not in taken
             and all(w in f"{options[k]} {k}".lower() for w in wanted)]
    if not found:
        where.caption(t("picker_none", words=words.strip()))
    elif len(found) > LISTED:
        where.caption(t("picker_shown", shown=LISTED, n=len(found)))
    return chosen + found[:LISTED]


def item_options(kind: str) -> dict[str, str]:
    """Every item of ``kind``: short id → 'label (code)' in the current language."""
    return {state.short(h.iri): f"{h.label} ({h.notation or state.short(h.iri)})"
            for h in state.index().items(kind, state.lang())}


def pick_item(kind: str, key: str, label: str) -> str | None:
    """The item picker at the top of an item page: every item of ``kind`` (:func:`choose`),
    kept in sync with ``?id=`` in the address (an id, or any name the one resolver knows:
    ``?id=schimmel`` opens O44). Returns the chosen short id, or None when ``?id=`` names
    nothing (the page then shows :func:`not_found_page`); stops the page when the knowledge
    base has no such items."""
    options = item_options(kind)
    if not options:
        st.info(t("empty_kind"))
        st.stop()
    wanted = st.query_params.get("id")
    if wanted and wanted not in options:
        named = state.resolve(wanted, kind)  # ?id=schimmel names O44
        if named in options:
            st.query_params["id"] = named
        else:
            return None
    choice = choose(label, options, key, param="id")
    if st.query_params.get("id") != choice:
        state.publish("id", choice, key)
    return choice
