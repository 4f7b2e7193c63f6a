"""Search the knowledge base the way a professional types: ranked retrieval (BM25, ``bm25s``)
over the words of every item, in Dutch and English.

Every item is a document with four fields, each its own BM25 index per language and each with
a weight: its **label** (name, notation, codes), its **other names** (``skos:altLabel`` and
``skos:hiddenLabel``: the everyday words of the knowledge base; synonyms live in the data),
its **texts** (definition, example, scope note, how to start, goal) and the **labels of the
items it links to** (an obstacle's domains, organisation types, legal frames and themes; a
solution's obstacles; an item in a domain also carries the domain's group, *fysiek domein*).
A query is a bag of words (:mod:`graph.items.text`: folded, stop words and question words out,
compounds split, stemmed; a compound part in the index is marked, so a word inside a compound
counts half): an item scores by the weighted BM25 of the words it holds, times the share of the
question it covers — each word weighted by its rarity — so it does not need them all. Typed
words the knowledge base writes as one are one word (*wijk agent*, *uit huis zetten*, a verb and
its separable particle *hangen rond*), and a past participle the knowledge base knows only as a
verb is searched as that verb (*gedeald* → *dealen*).

A word that matches nothing in the knowledge base — and only such a word — is corrected to
the nearest word of the knowledge base with the same first letter and a similar length
(``rapidfuzz``); :attr:`Found.corrections` says so (*bedoelde je eenzaamheid?*). The index is
built once per store version (:func:`build_index`) and answers in a few milliseconds.

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> from pathlib import Path
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, [Path("tests/data/mini.ttl")])
>>> index = build_index(store)
>>> [h.notation for h in index.search("waarom mogen we geen gegevens delen?")][:1]
['O01']
>>> found = index.find("gegevns delen")   # a typo, corrected
>>> found.corrections, found.hits[0].notation
({'gegevns': 'gegevens'}, 'O01')
>>> index.search("privacy rules block sharing", lang="en")[0].label
'data may not be shared'
>>> [h.iri.rsplit("/", 1)[1] for h in index.search("West")]   # a whole name comes first
['WK034401', 'C01']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import bm25s
import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ontology.kinds import CLASS_KIND
from ontology.kinds import KINDS as ALL_KINDS
from ontology.vocab import ORG, SKOS, WG
from graph.items.text import PARTICLES, QUERY_STOP, STOP, analyser, compound_splitter, normalise
from graph.store import Store, version_memo

__all__ = ["SearchHit", "Found", "SearchIndex", "build_index", "group_by_kind", "KINDS",
           "normalise", "FIELDS", "WEIGHTS"]

#: searchable kinds (as in :data:`graph.analytics.projection.KINDS`), in the order results are shown
KINDS = tuple(k.name for k in ALL_KINDS if k.projected and k.name != "domain_group")
LANGS = ("nl", "en")
_TYPES = {iri: kind for iri, kind in CLASS_KIND.items() if kind in KINDS}
#: the fields of a document, and the predicates that fill them
FIELDS = {
    "label": (SKOS + "prefLabel", SKOS + "notation", WG.cbsCode, WG.bwbId),
    "alt": (SKOS + "altLabel", SKOS + "hiddenLabel"),
    "text": (SKOS + "definition", SKOS + "example", SKOS + "scopeNote", WG.howToStart,
             WG.goal),
}
#: the links whose targets' labels fill the field ``linked``
LINKS = (WG.affectsDomain, WG.arisesBetween, WG.arisesFrom, WG.hasTheme, WG.bridgesDomain,
         WG.involvesOrganisationType, WG.hasLegalBasis, WG.addresses, ORG.classification)
#: field weights: a word in the name counts most, a word of a linked item least
WEIGHTS = {"label": 3.0, "alt": 2.5, "text": 0.7, "linked": 0.6}
#: the parts of a compound (*huur*, *achterstand* of *huurachterstand*) count at this share
PARTS = 0.5
#: typed words that are joined into one word of the knowledge base make at least this many letters
JOIN_MIN = 7
#: the mark of a compound part in the index (``~woning`` of *huurwoning*)
PART = "~"
#: a question that is an item's whole name (or other name, id or code) multiplies its score
NAME_BONUS, ALT_BONUS = 2.0, 1.5
#: BM25 parameters: term saturation, and length normalisation per field (names are short
#: lists, so a longer list of other names is not a weaker match)
K1 = 1.2
B = {"label": 0.5, "alt": 0.3, "text": 0.75, "linked": 0.3}
#: the kinds a professional acts on come first: other kinds count at this share of their score
OTHER_KINDS = 0.7
#: how much covering more of the question counts: score × coverage ** COVERAGE
COVERAGE = 1.0
_DOMAIN_LINKS = {WG.affectsDomain, WG.bridgesDomain}
#: an item in a domain is also in that domain's group (*wonen* is in the *fysiek domein*)
_GROUPS = ("SELECT DISTINCT ?s ?g WHERE { VALUES ?p { %s } ?s ?p ?d . ?d <%s> ?g }"
           % (" ".join(f"<{p}>" for p in sorted(_DOMAIN_LINKS)), SKOS + "broader"))
_FIELD_OF = {p: f for f, preds in FIELDS.items() for p in preds}
# three plain patterns, joined here: much faster on Oxigraph than one query with the joins
_TYPED = "SELECT ?s ?type WHERE { VALUES ?type { %s } ?s a ?type }" % " ".join(
    f"<{t}>" for t in _TYPES)
_TEXTS = "SELECT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o }" % " ".join(
    f"<{p}>" for p in _FIELD_OF)
_LINKED = "SELECT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o }" % " ".join(
    f"<{p}>" for p in LINKS)


@dataclass(frozen=True)
class SearchHit:
    """One item found: IRI, kind, label and definition in the asked language, its notation or
    code, a score (BM25, higher is better; 0 when listed, not searched), the query words it
    matched and the labels of its domains."""

    iri: str
    kind: str
    label: str
    definition: str
    notation: str
    score: float
    matched: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Found:
    """What a search did: the ``hits``, best first; the ``words`` searched (stop words out,
    after correction); ``corrections`` (typed word → the knowledge base's word it was taken
    for); ``unknown`` words that matched nothing, even after correction."""

    query: str
    hits: list[SearchHit]
    words: tuple[str, ...] = ()
    corrections: dict[str, str] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()


@dataclass
class _Entry:
    iri: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)        # lang -> prefLabel
    definitions: dict[str, str] = field(default_factory=dict)   # lang -> definition
    notation: str = ""
    names: set[str] = field(default_factory=set)                # folded labels, for resolving
    other_names: set[str] = field(default_factory=set)          # folded alt/hidden labels
    ids: set[str] = field(default_factory=set)                  # notation, codes, short id
    texts: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    domains: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


class SearchIndex:
    """BM25 indices over the items of a store (one per language and field) and the
    vocabulary for compounds and corrections; build it with :func:`build_index`."""

    def __init__(self, entries: list[_Entry]) -> None:
        self._entries = entries
        self._by_iri = {e.iri: i for i, e in enumerate(entries)}
        surface: Counter[str] = Counter()
        for entry in entries:
            for texts in entry.texts.values():
                for text in texts:
                    surface.update(normalise(text).split())
        self._split = compound_splitter(surface)
        self._analyse = {lang: analyser(lang, self._split) for lang in LANGS}
        self._bm25: dict[tuple[str, str], bm25s.BM25] = {}  # (lang, field) -> index
        self._terms: dict[str, set[str]] = {lang: set() for lang in LANGS}
        for lang in LANGS:
            for fname in WEIGHTS:
                corpus = []
                for entry in entries:
                    # a word's own stem, and its compound parts marked as parts (~woning of
                    # huurwoning), so that a part of a compound is a weaker match than the word
                    terms = [t if k == 0 else PART + t
                             for text in entry.texts.get((lang, fname), ())
                             for _, ts in self._analyse[lang](text) for k, t in enumerate(ts)]
                    self._terms[lang].update(terms)
                    corpus.append(terms)
                if any(corpus):  # bm25s needs at least one word
                    retriever = bm25s.BM25(k1=K1, b=B[fname])
                    retriever.index(corpus, show_progress=False)
                    self._bm25[lang, fname] = retriever
        self._by_letter: dict[str, dict[str, int]] = defaultdict(dict)
        for word, n in surface.items():
            if len(word) >= 3 and not any(c.isdigit() for c in word):
                self._by_letter[word[0]][word] = n
        self._fuzzy_memo: dict[str, str | None] = {}
        self._surface = frozenset(surface)
        self._exact: dict[str, dict[int, float]] = defaultdict(dict)  # folded name -> bonus
        for i, entry in enumerate(entries):
            for name in entry.other_names | entry.ids:
                self._exact[name][i] = ALT_BONUS
            for name in entry.names:
                self._exact[name][i] = NAME_BONUS
        self._prior = np.array([1.0 if e.kind in ("obstacle", "solution") else OTHER_KINDS
                                for e in entries], dtype=np.float32)

    def __len__(self) -> int:
        return len(self._entries)

    # -- the words of a query ------------------------------------------------------------------

    def _known(self, word: str) -> bool:
        """Whether ``word`` (folded) is a word of the knowledge base in either language: its
        stem is a term of the index, or it splits whole into words of the knowledge base (a
        word that only starts like one, *eenzaamhied*, is not: it gets a correction)."""
        for lang in LANGS:
            analysed = self._analyse[lang](word)
            if analysed and {analysed[0][1][0], PART + analysed[0][1][0]} & self._terms[lang]:
                return True
        return bool(self._split(word, partial=False))

    def correction(self, word: str) -> str | None:
        """The word of the knowledge base that a word matching nothing was probably meant to
        be: the same first letter, at most one letter more or less, and one typing error (a
        letter wrong, missing, extra, or two swapped; two in a word of nine letters or more);
        the most frequent of the nearest; ``None`` if there is none, the word is shorter
        than four letters or holds a digit (*GM0345* is a code, not a typo of *GM0344*)."""
        if word in self._fuzzy_memo:
            return self._fuzzy_memo[word]
        best = None
        if len(word) >= 4 and not any(c.isdigit() for c in word):  # a code is never corrected
            pool = [w for w in self._by_letter.get(word[0], ()) if abs(len(w) - len(word)) <= 1]
            found = process.extract(word, pool, scorer=OSA.distance,
                                    score_cutoff=2 if len(word) >= 9 else 1, limit=None)
            if found:
                counts = self._by_letter[word[0]]
                best = min(found, key=lambda f: (f[1], -counts[f[0]], f[0]))[0]
        if len(self._fuzzy_memo) > 5000:
            self._fuzzy_memo.clear()
        self._fuzzy_memo[word] = best
        return best

    def _joined(self, word: str) -> bool:
        """Whether ``word``, made of two or three typed words, is one word of the knowledge
        base (*wijk agent* → *wijkagent*; *uit huis zetten* → *uithuiszetten*, whose stem is
        that of *uithuiszetting*)."""
        if len(word) < JOIN_MIN:
            return False
        if word in self._surface:
            return True
        analysed = self._analyse["nl"](word)
        return bool(analysed) and analysed[0][1][0] in self._terms["nl"]

    def _infinitive(self, word: str) -> str | None:
        """The infinitive of a Dutch past participle that the knowledge base knows only as a
        verb (*gedeald* → *dealen*, *geparkeerd* → *parkeren*), or None: ge- off, the -d or -t
        off, -en on (a doubled vowel made single: *gedeeld* → *delen*)."""
        if len(word) < 6 or not word.startswith("ge") or word[-1] not in "dt":
            return None
        stem = word[2:-1]
        for verb in dict.fromkeys((re.sub(r"([aeou])\1(?=[^aeiou]$)", r"\1", stem) + "en",
                                   stem + "en")):
            if len(verb) >= 5 and self._known(verb):
                return verb
        return None

    def _typed(self, query: str) -> list[tuple[str, ...]]:
        """The words of a query, stop words out, each as a tuple of one word; two or three
        words that the knowledge base writes as one (:meth:`_joined`) are one tuple, that word
        and the typed words it is made of (``('wijkagent', 'wijk', 'agent')``), and so is a
        verb followed by its separable particle (``('rondhangen', 'hangen', 'rond')``)."""
        folded = normalise(query).split()
        stop = STOP["nl"] | STOP["en"] | QUERY_STOP["nl"] | QUERY_STOP["en"]
        out: list[tuple[str, ...]] = []
        i = 0
        while i < len(folded):
            for span in (3, 2):
                group = folded[i:i + span]
                typed = [w for w in group if w not in stop]
                # at least two words of meaning: *vocht en* is not *vochten*
                if len(group) == span and len(typed) >= 2 and self._joined("".join(group)):
                    out.append(("".join(group), *typed))
                    i += span
                    break
            else:
                pair = folded[i:i + 2]
                # a separable verb, particle after the verb: *hangen rond* is *rondhangen*
                if (len(pair) == 2 and pair[1] in PARTICLES and pair[0] not in stop
                        and self._joined(pair[1] + pair[0])):
                    out.append((pair[1] + pair[0], *(w for w in pair if w not in stop)))
                    i += 2
                    continue
                if folded[i] not in stop:
                    out.append((folded[i],))
                i += 1
        return list(dict.fromkeys(out)) or [(w,) for w in dict.fromkeys(folded)]

    def _words(self, query: str) -> tuple[list[tuple[str, ...]], dict[str, str], list[str]]:
        """The units of a query (:meth:`_typed`) after correction, the corrections and the
        words that matched nothing."""
        searched, corrections, unknown = [], {}, []
        for unit in self._typed(query):
            word = unit[0]
            if len(unit) == 1 and not self._known(word):
                verb = self._infinitive(word)
                if verb:
                    searched.append((verb,))
                    continue
                better = self.correction(word)
                if better is None:
                    unknown.append(word)
                    continue
                corrections[word] = better
                unit = (better,)
            searched.append(unit)
        return list(dict.fromkeys(searched)), corrections, unknown

    # -- ranking ----------------------------------------------------------------------------

    def _word_scores(self, word: str, lang: str) -> np.ndarray | None:
        """The weighted BM25 of one word per entry in ``lang`` (None if no term of it is known)."""
        analysed = self._analyse[lang](word)
        if not analysed:
            return None
        whole, *parts = analysed[0][1]
        # (terms, share): the word itself, the word as a part of a compound of the knowledge
        # base, the word's own parts, and its parts as parts
        wanted = [([whole], 1.0), ([PART + whole], PARTS), (parts, PARTS),
                  ([PART + p for p in parts], PARTS * PARTS)]
        wanted = [(kept, share) for ts, share in wanted
                  if (kept := [t for t in ts if t in self._terms[lang]])]
        if not wanted:
            return None
        out = np.zeros(len(self._entries), dtype=np.float32)
        for fname, weight in WEIGHTS.items():
            retriever = self._bm25.get((lang, fname))
            if retriever is not None:
                for ts, share in wanted:
                    out += share * weight * retriever.get_scores(ts)
        return out

    def _scores(self, units: list[tuple[str, ...]]
                ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """(score per entry, per word of the units the entries it matches). A unit of typed
        words the knowledge base writes as one scores as the better of that word and its
        typed words together, and counts as covered when the word or all its typed words
        match."""
        n = len(self._entries)
        words = list(dict.fromkeys(w for unit in units for w in unit))
        zero = np.zeros(n, dtype=np.float32)
        best = zero.copy()
        word_hit = {w: np.zeros(n, dtype=bool) for w in words}
        for lang in LANGS:
            per_word = {w: self._word_scores(w, lang) for w in words}
            for w, scores in per_word.items():
                if scores is not None:
                    word_hit[w] |= scores > 0
            total = zero.copy()
            for head, *parts in units:
                score = per_word[head] if per_word[head] is not None else zero
                if parts:
                    together = sum((per_word[p] for p in parts if per_word[p] is not None),
                                   zero)
                    score = np.maximum(score, together)
                total += score
            best = np.maximum(best, total)
        unit_hit = np.array([word_hit[head] | np.logical_and.reduce([word_hit[p] for p in parts])
                             if parts else word_hit[head] for head, *parts in units])
        # the share of the question an item covers, each unit weighted by how rare it is
        # (its idf over the items it matches): covering *budgetten* counts more than *zorg*
        rarity = np.log1p(n / np.maximum(1, unit_hit.sum(axis=1)))
        coverage = (rarity @ unit_hit) / max(1e-9, float(rarity.sum()))
        return best * coverage ** COVERAGE * self._prior, word_hit

    @staticmethod
    def _matched(units: list[tuple[str, ...]], word_hit: dict[str, np.ndarray],
                 i: int) -> tuple[str, ...]:
        out = []
        for head, *parts in units:
            if word_hit[head][i]:
                out.append(head)
            else:
                out += [p for p in parts if word_hit[p][i]]
        return tuple(out)

    def find(self, query: str, lang: str = "nl", limit: int = 30,
             kinds: tuple[str, ...] | None = None) -> Found:
        """Search ``query``: the hits (at most ``limit``, only ``kinds`` if given), best first,
        with the words searched and any correction."""
        units, corrections, unknown = self._words(query)
        if not units:
            return Found(query, [], (), corrections, tuple(unknown))
        scores, word_hit = self._scores(units)
        for i, bonus in self._exact.get(normalise(query), {}).items():
            scores[i] *= bonus
        order = np.argsort(-scores, kind="stable")
        hits = []
        for i in order:
            score = float(scores[i])
            if score <= 0:
                break
            entry = self._entries[i]
            if kinds and entry.kind not in kinds:
                continue
            matched = self._matched(units, word_hit, i)
            hits.append(self._hit(entry, lang, round(score, 2), matched))
            if len(hits) >= limit:
                break
        return Found(query, hits, tuple(u[0] for u in units), corrections, tuple(unknown))

    def search(self, query: str, lang: str = "nl", limit: int = 30,
               kinds: tuple[str, ...] | None = None) -> list[SearchHit]:
        """The hits of :meth:`find`, best first."""
        return self.find(query, lang, limit, kinds).hits

    def marks(self, text: str, matched: tuple[str, ...], lang: str = "nl"
              ) -> list[tuple[str, bool]]:
        """The words of ``text`` (split on spaces, as written), each with whether it is one of
        the ``matched`` words of a hit as search saw it: the same stem, or a compound that
        shares a part (*huurwoningen* marks *woningen* and *huur*), in either language.

        >>> from graph.kb.loading import ensure_ready, open_store
        >>> index = build_index(ensure_ready(open_store(), bundled=False))
        >>> index.marks("Gegevens delen mag niet", ("gegevens",))
        [('Gegevens', True), ('delen', False), ('mag', False), ('niet', False)]
        """
        wanted: set[str] = set()
        for word in matched:
            for language in dict.fromkeys((lang, *LANGS)):
                for _, terms in self._analyse[language](word):
                    wanted.update(terms)
        out = []
        for word in text.split():
            terms = {t for language in dict.fromkeys((lang, *LANGS))
                     for _, ts in self._analyse[language](word) for t in ts}
            out.append((word, bool(terms & wanted)))
        return out

    # -- listing and names --------------------------------------------------------------------

    def _hit(self, entry: _Entry, lang: str, score: float,
             matched: tuple[str, ...] = ()) -> SearchHit:
        other = "en" if lang == "nl" else "nl"
        label = entry.labels.get(lang) or entry.labels.get(other) or entry.notation or entry.iri
        definition = entry.definitions.get(lang) or entry.definitions.get(other) or ""
        domains = tuple(sorted(entry.domains.get(lang) or entry.domains.get(other) or ()))
        return SearchHit(entry.iri, entry.kind, label, definition, entry.notation, score,
                         matched, domains)

    def hit(self, iri: str, lang: str = "nl") -> SearchHit | None:
        """The indexed item ``iri`` as a hit with score 0 (None if not indexed)."""
        i = self._by_iri.get(iri)
        return None if i is None else self._hit(self._entries[i], lang, 0)

    def label(self, iri: str, lang: str = "nl") -> str | None:
        """The label of an indexed item in ``lang`` (None if not indexed)."""
        found = self.hit(iri, lang)
        return found.label if found else None

    def items(self, kind: str, lang: str = "nl") -> list[SearchHit]:
        """Every item of ``kind``, sorted by label (for pickers)."""
        hits = [self._hit(e, lang, 0) for e in self._entries if e.kind == kind]
        return sorted(hits, key=lambda h: normalise(h.label))

    def named(self, text: str, kinds: tuple[str, ...] | None = None
              ) -> tuple[list[str], list[str], list[str]]:
        """The items that ``text`` names exactly (case and diacritics folded), as three lists
        of IRIs: by IRI, id, notation or code; by label; by another name."""
        key, out = normalise(text), ([], [], [])
        for entry in self._entries:
            if kinds and entry.kind not in kinds:
                continue
            if text == entry.iri or key in entry.ids:
                out[0].append(entry.iri)
            elif key in entry.names:
                out[1].append(entry.iri)
            elif key in entry.other_names:
                out[2].append(entry.iri)
        return out


_INDEXES = version_memo(size=4)


def build_index(store: Store, *, cache: bool = True) -> SearchIndex:
    """The :class:`SearchIndex` of every searchable item of the store, built once per
    (location, version): a write to the store builds it anew, a keystroke never does. In-memory
    stores are told apart by identity. The index is shared: do not change it.

    >>> from graph.kb.loading import ensure_ready, open_store
    >>> store = ensure_ready(open_store(), bundled=False)
    >>> build_index(store) is build_index(store), len(build_index(store))
    (True, 0)
    """
    return _INDEXES(store, "index", lambda: _build(store)) if cache else _build(store)


def _build(store: Store) -> SearchIndex:
    from ontology import ITEM

    entries: dict[str, _Entry] = {}
    for row in store.select(_TYPED):
        iri, kind = row["s"].value, _TYPES[row["type"].value]
        entry = entries.get(iri)
        if entry is None:
            entry = entries[iri] = _Entry(iri, kind)
            if iri.startswith(str(ITEM)):
                entry.ids.add(normalise(iri[len(str(ITEM)):]))
        elif KINDS.index(kind) < KINDS.index(entry.kind):
            entry.kind = kind  # an item of two kinds is listed under the first
    names: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)  # iri -> (lang, name, pref)
    for row in store.select(_TEXTS):
        obj, pred = row["o"], row["p"].value
        text, lang = obj.value, getattr(obj, "language", None) or ""
        fname = _FIELD_OF[pred]
        if pred in (SKOS + "prefLabel", SKOS + "altLabel"):  # hidden labels stay the item's
            names[row["s"].value].append((lang, text, pred == SKOS + "prefLabel"))
        entry = entries.get(row["s"].value)
        if entry is None:
            continue
        for language in ([lang] if lang in LANGS else LANGS):
            if text not in entry.texts[language, fname]:
                entry.texts[language, fname].append(text)
        if pred == SKOS + "prefLabel":
            entry.labels.setdefault(lang or "nl", text)
            entry.names.add(normalise(text))
        elif fname == "alt":
            entry.other_names.add(normalise(text))
        elif pred == SKOS + "definition":
            entry.definitions.setdefault(lang or "nl", text)
        elif fname == "label":
            entry.ids.add(normalise(text))
            if pred in (SKOS + "notation", WG.cbsCode) and not entry.notation:
                entry.notation = text
    for row in store.select(_LINKED):
        entry = entries.get(row["s"].value)
        if entry is None:
            continue
        for lang, text, pref in names.get(row["o"].value, ()):
            for language in ([lang] if lang in LANGS else LANGS):
                entry.texts[language, "linked"].append(text)
                if (pref and row["p"].value in _DOMAIN_LINKS
                        and text not in entry.domains[language]):
                    entry.domains[language].append(text)
    for row in store.select(_GROUPS):  # the domain groups of its domains, each once
        entry = entries.get(row["s"].value)
        if entry is None:
            continue
        for lang, text, pref in names.get(row["g"].value, ()):
            for language in ([lang] if lang in LANGS else LANGS):
                if pref and text not in entry.texts[language, "linked"]:
                    entry.texts[language, "linked"].append(text)
    return SearchIndex(sorted(entries.values(), key=lambda e: e.iri))


def group_by_kind(hits: list[SearchHit]) -> dict[str, list[SearchHit]]:
    """Hits grouped by kind, groups in the order of :data:`KINDS` (obstacles and solutions
    first), best hit first in each.

    >>> h = [SearchHit("a", "solution", "x", "", "", 90),
    ...      SearchHit("b", "obstacle", "y", "", "", 80)]
    >>> list(group_by_kind(h))
    ['obstacle', 'solution']
    """
    groups: dict[str, list[SearchHit]] = {}
    for kind in KINDS:
        members = [h for h in hits if h.kind == kind]
        if members:
            groups[kind] = members
    return groups
