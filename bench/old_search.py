"""The search as it was before ranked retrieval (issue 12), kept only so that ``python -m
bench.search`` can measure the new search beside it. Nothing else uses it.

Every query word was compared with the words of each item (``rapidfuzz`` edit and substring
similarity, a rough suffix stem) and an item scored by the mean over all query words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ontology.kinds import CLASS_KIND
from ontology.kinds import KINDS as ALL_KINDS
from graph.store import Store
from ontology.vocab import SKOS, WG

__all__ = ["SearchHit", "SearchIndex", "build_index", "group_by_kind", "KINDS", "normalise"]

#: searchable kinds (as in :data:`graph.analytics.projection.KINDS`), in the order results are shown
KINDS = tuple(k.name for k in ALL_KINDS if k.projected and k.name != "domain_group")
_TYPES = {iri: kind for iri, kind in CLASS_KIND.items() if kind in KINDS}
_FIELDS = {SKOS + "prefLabel": "label", SKOS + "notation": "label", WG + "cbsCode": "label",
           WG + "bwbId": "label", SKOS + "altLabel": "alt", SKOS + "hiddenLabel": "alt",
           SKOS + "definition": "definition", SKOS + "example": "example",
           SKOS + "scopeNote": "example"}
_WEIGHT = {"label": 1.0, "alt": 0.95, "definition": 0.8, "example": 0.7}
_QUERY = """
SELECT ?s ?type ?p ?o WHERE {
  VALUES ?type { %s }
  VALUES ?p { %s }
  ?s a ?type ; ?p ?o .
}""" % (" ".join(f"<{t}>" for t in _TYPES), " ".join(f"<{p}>" for p in _FIELDS))
_STOP = frozenset("""
de het een en of van voor in op met die dat dit deze is zijn wat welke wie hoe waar niet geen
te aan als bij om uit over door naar ook er ze we ik je mijn onze
the a an and or of for in on with that this is are what which who how where not no to at as
by from about also it my our
""".split())
_SUFFIXES = ("ingen", "ing", "en", "es", "e", "s")
_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, accents removed, punctuation as spaces.

    >>> normalise("Één café-rapport!")
    'een cafe rapport'
    """
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_WORD.findall(text))


def _stem(word: str) -> str:
    """A rough stem for Dutch and English inflections (enough to pair *delen* with *deling*).

    >>> [_stem(w) for w in ("delen", "deling", "budgetten", "rules", "sharing")]
    ['del', 'del', 'budgett', 'rul', 'shar']
    """
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _tokens(text: str) -> list[str]:
    return [w for w in normalise(text).split() if w not in _STOP]


@dataclass(frozen=True)
class SearchHit:
    """One item found: IRI, kind (class local name), label and definition in the asked
    language, its notation or code, and a score from 0 to 100."""

    iri: str
    kind: str
    label: str
    definition: str
    notation: str
    score: float


@dataclass
class _Entry:
    iri: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)        # lang -> prefLabel
    definitions: dict[str, str] = field(default_factory=dict)   # lang -> definition
    notation: str = ""
    texts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


class SearchIndex:
    """An inverted index of words → (item, field); build it with :func:`build_index`."""

    def __init__(self, entries: list[_Entry]) -> None:
        self._entries = entries
        self._postings: dict[str, set[tuple[int, str]]] = defaultdict(set)
        self._phrases: list[list[str]] = []  # normalised labels per entry, for phrase bonus
        for i, entry in enumerate(entries):
            phrases = []
            for fname, texts in entry.texts.items():
                for text in texts:
                    for token in _tokens(text):
                        self._postings[token].add((i, fname))
                    if fname == "label":
                        phrases.append(normalise(text))
            self._phrases.append(phrases)
        self._vocab = list(self._postings)
        self._stems = {t: _stem(t) for t in self._vocab}
        self._memo: dict[str, dict[str, float]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def _similar(self, word: str) -> dict[str, float]:
        """Vocabulary words like ``word``, with a similarity 0–100: typos (edit similarity),
        inflections (same stem: *delen*/*deling*) and compound parts (*achterstand* in
        *huurachterstand*, *gegevens* in *gegevensdeling*)."""
        cached = self._memo.get(word)
        if cached is not None:
            return cached
        out: dict[str, float] = {}
        cutoff = 100 if len(word) <= 2 else 80 if len(word) <= 4 else 72
        for token, score, _ in process.extract(word, self._vocab, scorer=fuzz.ratio,
                                               score_cutoff=cutoff, limit=None):
            out[token] = score
        stem = _stem(word)
        if len(stem) >= 3:
            for token, tstem in self._stems.items():
                if tstem == stem:
                    score = 95.0
                elif len(stem) >= 4 and tstem.startswith(stem) and len(tstem) - len(stem) >= 3:
                    score = 92.0
                elif tstem.endswith(stem) and len(tstem) - len(stem) >= 4:
                    score = 90.0
                else:
                    continue
                out[token] = max(out.get(token, 0.0), score)
        if len(word) >= 5:  # a typo inside a compound
            for token, score, _ in process.extract(word, self._vocab, scorer=fuzz.partial_ratio,
                                                   score_cutoff=90, limit=None):
                if len(token) > len(word) + 2:
                    out[token] = max(out.get(token, 0.0), score * 0.85)
        if len(self._memo) > 2000:
            self._memo.clear()
        self._memo[word] = out
        return out

    def search(self, query: str, lang: str = "nl", limit: int = 30,
               kinds: tuple[str, ...] | None = None, min_score: float = 60) -> list[SearchHit]:
        """Items matching ``query``, best first (at most ``limit``; only ``kinds`` if given).

        Each query word scores by its best match in the item's label (weight 1), alternative
        labels (0.95), definition (0.8) or example and scope note (0.7); the item scores the
        mean over the words, plus a bonus when the whole query occurs in a label.
        """
        words = list(dict.fromkeys(_tokens(query))) or normalise(query).split()
        if not words:
            return []
        best: dict[int, list[float]] = {}  # entry -> best weighted similarity per query word
        for qi, word in enumerate(words):
            for token, sim in self._similar(word).items():
                for i, fname in self._postings[token]:
                    sims = best.setdefault(i, [0.0] * len(words))
                    value = sim * _WEIGHT[fname]
                    sims[qi] = max(sims[qi], value)
        phrase = normalise(query)
        scores = {}
        for i, sims in best.items():
            score = sum(sims) / len(words)
            if phrase and any(f" {phrase} " in f" {p} " for p in self._phrases[i]):
                score = min(100.0, score + 10)
            scores[i] = score
        hits = []
        for i, score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
            entry = self._entries[i]
            if score < min_score or (kinds and entry.kind not in kinds):
                continue
            hits.append(self._hit(entry, lang, score))
            if len(hits) >= limit:
                break
        return hits

    def _hit(self, entry: _Entry, lang: str, score: float) -> SearchHit:
        other = "en" if lang == "nl" else "nl"
        label = entry.labels.get(lang) or entry.labels.get(other) or entry.notation or entry.iri
        definition = entry.definitions.get(lang) or entry.definitions.get(other) or ""
        return SearchHit(entry.iri, entry.kind, label, definition, entry.notation,
                         round(score, 1))

    def label(self, iri: str, lang: str = "nl") -> str | None:
        """The label of an indexed item in ``lang`` (None if not indexed)."""
        for entry in self._entries:
            if entry.iri == iri:
                return self._hit(entry, lang, 0).label
        return None

    def items(self, kind: str, lang: str = "nl") -> list[SearchHit]:
        """Every item of ``kind``, sorted by label (for pickers)."""
        hits = [self._hit(e, lang, 0) for e in self._entries if e.kind == kind]
        return sorted(hits, key=lambda h: normalise(h.label))


def build_index(store: Store) -> SearchIndex:
    """Read every searchable item of the store into a :class:`SearchIndex`."""
    entries: dict[str, _Entry] = {}
    for row in store.select(_QUERY):
        iri, kind = row["s"].value, _TYPES[row["type"].value]
        entry = entries.get(iri)
        if entry is None:
            entry = entries[iri] = _Entry(iri, kind)
        elif KINDS.index(kind) < KINDS.index(entry.kind):
            entry.kind = kind  # an item of two kinds is listed under the first
        obj, pred = row["o"], row["p"].value
        text = obj.value
        lang = getattr(obj, "language", None) or ""
        fname = _FIELDS[pred]
        if text not in entry.texts[fname]:
            entry.texts[fname].append(text)
        if pred == SKOS + "prefLabel":
            entry.labels.setdefault(lang or "nl", text)
        elif pred == SKOS + "definition":
            entry.definitions.setdefault(lang or "nl", text)
        elif pred in (SKOS + "notation", WG + "cbsCode") and not entry.notation:
            entry.notation = text
    return SearchIndex(sorted(entries.values(), key=lambda e: e.iri))


def group_by_kind(hits: list[SearchHit]) -> dict[str, list[SearchHit]]:
    """Hits grouped by kind, groups in the order of :data:`KINDS`, best hit first in each.

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
