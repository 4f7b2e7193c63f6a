"""Small drawing helpers the pages share: badges, links to items, lists of sources.

Every label that goes into Markdown passes :func:`md` (escaped), so a label can never turn
into markup or a link; every link address passes :func:`loaders.web_url` (http, https and
mailto only), so a source's ``javascript:`` page is shown as text.
"""

from __future__ import annotations

import html
import re

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


def pick_item(kind: str, key: str, label: str) -> str:
    """The item picker at the top of an item page: a selectbox over every item of ``kind``,
    kept in sync with ``?id=`` in the address (an id, or any name the one resolver knows:
    ``?id=schimmel``); returns the chosen short id (stops the page
    when the knowledge base has no such items)."""
    options = {state.short(h.iri): h for h in state.index().items(kind, state.lang())}
    if not options:
        st.info(t("empty_kind"))
        st.stop()
    state.synced(key, "id")
    if st.session_state.get(key) not in options:
        wanted = st.query_params.get("id")
        named = state.resolve(wanted, kind) if wanted else None  # ?id=schimmel names O44
        if wanted and named not in options:
            not_found(wanted)
        st.session_state[key] = named if named in options else next(iter(options))
    choice = st.selectbox(
        label, list(options), key=key,
        format_func=lambda k: f"{options[k].label} ({options[k].notation or k})",
        on_change=lambda: state.publish("id", st.session_state[key], key),
                          placeholder=t("choose_option"))
    if st.query_params.get("id") != choice:
        state.publish("id", choice, key)
    return choice
