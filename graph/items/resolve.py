"""One resolver for every name a person gives an item: the CLI's item arguments (``--wijk
Overvecht``, ``huisarts``, ``schulden``), the app's pickers and links, the agenda's obstacles
and the routes' endpoints all go through :func:`resolve`, so a name that search finds is a name
every command accepts.

In order: an IRI, id, notation or code; an item's name (its ``skos:prefLabel`` in any
language, case and diacritics folded); an other name that one item has, or one item that is
not an obstacle, solution or case (*huisarts* is the organisation type, though obstacles
about GPs carry the word too); then the ranked search of :mod:`graph.items.search`
(other names, words, typos), whose first hit is taken when it is clearly ahead of the next.
A name that fits several items equally raises :class:`~graph.analytics.AmbiguousIdError`
listing the candidates with id, kind and label; a name that fits nothing raises
:class:`~ontology.UnknownIdError` with the nearest items.

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> from pathlib import Path
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, [Path("tests/data/mini.ttl")])
>>> from graph.items.search import build_index
>>> index = build_index(store)
>>> [short(resolve(index, v)) for v in ("O02", "geschotte budgetten", "gegevns delen")]
['O02', 'O02', 'O01']
>>> short(resolve(index, "utrecht", kind="area"))
'GM0344'
>>> resolve(index, "budget", kind="obstacle")
'https://w3id.org/wijkgraaf/id/O02'
>>> resolve(index, "qqqq")
Traceback (most recent call last):
...
ontology.errors.UnknownIdError: unknown id or name 'qqqq'.
>>> resolve(index, "Utrekt", kind="area")
Traceback (most recent call last):
...
ontology.errors.UnknownIdError: unknown area id or name 'Utrekt'. Did you mean: GM0344?

The analytics (a room below this one) reach this resolver through the projection:
:func:`named_projection` gives it to :func:`graph.analytics.use_names`, so every analytics
function on that projection takes the same names:

>>> from graph.analytics import agenda
>>> G = named_projection(store)
>>> [short(i.solution) for i in agenda(G, ["gegevns delen"], neighbourhood="utrecht").items]
['S01']
"""

from __future__ import annotations

from collections.abc import Iterable

from ontology import ITEM, UnknownIdError, closest
from ontology.kinds import looked_for, noun
import networkx as nx

from graph.analytics import AmbiguousIdError, project, use_names
from graph.items.search import KINDS, SearchHit, SearchIndex, build_index
from graph.store import Store

__all__ = ["resolve", "resolve_many", "named_projection", "short", "CLEAR_LEAD"]

#: the first hit of a search is taken when its score is at least this many times the second's
CLEAR_LEAD = 1.4
#: kinds whose other names are topics (*huisarts* on an obstacle about GPs), not synonyms
#: (*huisarts* for the organisation type): an other name shared with one item of another kind
#: names that item
_TOPICAL = frozenset({"obstacle", "solution", "case"})


def short(iri: str) -> str:
    """The short id of an item IRI (``…/id/O08`` → ``O08``)."""
    return iri[len(ITEM):] if iri.startswith(ITEM) else iri


def _candidate(hit: SearchHit, lang: str) -> str:
    return f"{short(hit.iri)} ({noun(hit.kind, lang)} '{hit.label}')"


def resolve(index: SearchIndex, value: str, kind: str | None = None, lang: str = "nl") -> str:
    """The IRI of the item that ``value`` names (only items of ``kind`` if given).

    Raises :class:`~ontology.UnknownIdError` when nothing fits and
    :class:`~graph.analytics.AmbiguousIdError` (a subclass) when several items fit equally.
    """
    text = str(value).strip()
    kinds = (kind,) if kind else None
    what = looked_for(kind)
    if not text:
        raise UnknownIdError(text, what=what)
    by_id, by_name, by_other = index.named(text, kinds)
    for found in (by_id, by_name):
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousIdError(text, [_candidate(index.hit(i, lang), lang)
                                          for i in sorted(found)])
    things = [i for i in by_other if index.hit(i).kind not in _TOPICAL]
    for found in (by_other, things):
        if len(found) == 1:
            return found[0]
    hits = index.search(text, lang=lang, limit=5, kinds=kinds)
    if not hits:
        raise UnknownIdError(text, _nearest(index, text, kind, lang), what=what)
    if len(hits) == 1 or hits[0].score >= CLEAR_LEAD * hits[1].score:
        return hits[0].iri
    raise AmbiguousIdError(text, [_candidate(h, lang) for h in hits])


def _nearest(index: SearchIndex, text: str, kind: str | None, lang: str) -> list[str]:
    """Up to three ids whose id or name looks like ``text`` (for the error message)."""
    pool = [h for k in ((kind,) if kind else KINDS) for h in index.items(k, lang)]
    by_text = {}
    for h in pool:
        by_text.setdefault(short(h.iri), h.iri)
        by_text.setdefault(h.label, h.iri)
    return list(dict.fromkeys(short(by_text[t]) for t in closest(text, by_text)))[:3]


def resolve_many(index: SearchIndex, values: Iterable[str], kind: str | None = None,
                 lang: str = "nl") -> list[str]:
    """:func:`resolve` for each value; duplicates dropped, order kept."""
    return list(dict.fromkeys(resolve(index, v, kind, lang) for v in values))


def named_projection(store: Store, lang: str = "nl") -> nx.MultiDiGraph:
    """The projection of ``store`` (:func:`graph.analytics.project`, shared per store version
    and language) whose item arguments go through :func:`resolve` on the store's search index:
    ``agenda(G, ["schulden"], neighbourhood="Overvecht")`` works as the CLI's does."""
    index = build_index(store)
    return use_names(project(store, lang),
                     lambda value, kind=None: resolve(index, value, kind, lang))
