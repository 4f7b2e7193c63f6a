"""Words as search sees them: diacritics folded, stop words dropped, Dutch compounds split into
the words the knowledge base itself uses, and every word stemmed (Snowball, Dutch or English).

The analysis is the same for the texts of the index and for a query, so *huurwoningen* in a
question meets *huurwoning*, *woningen* and *huur* in the knowledge base:

>>> split = compound_splitter({"huur", "woning", "woningen", "achterstand", "schuld", "hulp",
...                            "verlening", "hulpverlening", "huurachterstand"})
>>> split("huurachterstand"), split("schuldhulpverlening"), split("woning")
(('huur', 'achterstand'), ('schuld', 'hulpverlening'), ())
>>> split("huurachterstandje"), split("huurachterstandje", partial=False)
(('huurachterstand',), ())
>>> nl = analyser("nl", split)
>>> nl("Vocht en schimmel in huurwoningen")
[('vocht', ('vocht',)), ('schimmel', ('schimmel',)), ('huurwoningen', ('huurwon', 'hur', 'woning'))]
>>> analyser("en")("Tenants with damp problems")
[('tenants', ('tenant',)), ('damp', ('damp',)), ('problems', ('problem',))]
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

__all__ = ["normalise", "words", "STOP", "QUERY_STOP", "PARTICLES", "compound_splitter",
           "analyser", "Analysed"]

#: stop words: the maintained Snowball lists of bm25s, plus the question words people type
STOP: dict[str, frozenset[str]] = {
    "nl": frozenset(STOPWORDS_DUTCH) | frozenset(
        "welke waar wanneer waarom we wij jullie hun krijg krijgen eigenlijk steeds mag mogen "
        "gaat gaan komt ik jij zit zitten af".split()),
    "en": frozenset(STOPWORDS_EN) | frozenset(
        "what which who whom how where when why we our you i do does can may".split()),
}
#: the particles of Dutch separable verbs, which follow the verb in a sentence (*jongeren hangen
#: rond* → *rondhangen*, *zetten uit* → *uitzetten*)
PARTICLES = frozenset(
    "aan af bij door in langs los mee na neer om op over rond samen terug toe uit vast voor "
    "weg".split())
#: words that carry a question, not its topic (*bewoners willen zelf …*, *… mag het dossier
#: niet laten zien*): dropped from a query, kept in the index (where they weigh little anyway)
QUERY_STOP: dict[str, frozenset[str]] = {
    "nl": frozenset(
        "willen wilt laten laat zien ziet doet maak maakt maken werkt werken levert leveren "
        "pas later mensen gewoon echt heel erg lukt lukken moeten kunnen mee".split()),
    "en": frozenset("want wants let make makes works get gets people really".split()),
}
_WORD = re.compile(r"[a-z0-9]+")
_LINKS = ("", "s", "e", "en")  # the linking sounds of Dutch compounds: huur·achterstand, wijk·s·
_MIN_PART = 4
_MIN_COMPOUND = 7

#: one analysed word: the folded word and the index terms it stands for (its stem, then the
#: stems of its compound parts)
Analysed = tuple[str, tuple[str, ...]]


def normalise(text: str) -> str:
    """Lower case, diacritics removed, punctuation as spaces.

    >>> normalise("Één café-rapport, buurtcoöperatie!")
    'een cafe rapport buurtcooperatie'
    """
    text = text.lower()
    if not text.isascii():  # diacritics off: decompose, then keep the ASCII letters
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(_WORD.findall(text))


def words(text: str, lang: str | None = None) -> list[str]:
    """The folded words of ``text`` without the stop words of ``lang`` (of both if None).

    >>> words("Hoe krijg ik de huisarts mee in het wijkteam?")
    ['huisarts', 'mee', 'wijkteam']
    """
    stop = STOP[lang] if lang else STOP["nl"] | STOP["en"]
    return [w for w in normalise(text).split() if w not in stop]


def compound_splitter(vocabulary: Iterable[str] | Mapping[str, int]
                      ) -> Callable[..., tuple[str, ...]]:
    """A function that splits a Dutch compound into the fewest words of ``vocabulary`` (each at
    least four letters, a linking *s*, *e* or *en* allowed between them), of two such splits the
    one whose parts are more frequent (``vocabulary`` may map words to counts: *buurthuis* is
    *buurt* + *huis*, not *buur* + *thuis*); failing that (unless ``partial=False``), into the
    longest known words it starts and ends with, where a word of the vocabulary is never cut
    into a fragment it merely ends with (*bezuinigingen* is not *…gingen*); ``()`` when the
    word is short or does not split. The vocabulary is the knowledge base's own words, so the
    parts are words that the index knows.

    >>> split = compound_splitter({"buur": 1, "thuis": 9, "buurt": 40, "huis": 20})
    >>> split("buurthuis")
    ('buurt', 'huis')
    """
    counts = vocabulary if isinstance(vocabulary, Mapping) else dict.fromkeys(vocabulary, 1)
    known = frozenset(w for w in counts if len(w) >= _MIN_PART and w not in STOP["nl"])
    every = frozenset(counts)

    def weight(found: tuple[str, ...]) -> float:  # the product of the parts' frequencies
        return sum(math.log(max(1, counts.get(p, 1))) for p in found)

    @lru_cache(maxsize=50_000)
    def parts(word: str, whole: bool) -> tuple[str, ...] | None:
        if not whole and word in known:
            return (word,)
        best: tuple[str, ...] | None = None
        for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
            head = word[:cut]
            if head not in known:
                continue
            for link in _LINKS:
                rest = word[cut:]
                if link and not rest.startswith(link):
                    continue
                rest = rest[len(link):]
                if len(rest) < _MIN_PART:
                    continue
                tail = parts(rest, False)
                if tail is None:
                    continue
                found = (head, *tail)
                if (best is None or len(found) < len(best)
                        or (len(found) == len(best) and weight(found) > weight(best))):
                    best = found
        return best

    def split(word: str, partial: bool = True) -> tuple[str, ...]:
        if len(word) < _MIN_COMPOUND:
            return ()
        found = parts(word, True)
        if found or not partial:
            return found or ()
        # no whole split: the longest known word it starts with and the longest it ends with
        # (schuldhulp·verlening, mantelzorg·er), each of at least five letters; the head may
        # leave a derivation of two letters (mantelzorg·er)
        head = next((word[:c] for c in range(len(word) - 2, _MIN_PART, -1)
                     if word[:c] in known), None)
        start = len(head) if head else 0
        tail = None if head is None and word in every else next(
            (word[c:] for c in range(max(start, _MIN_PART), len(word) - _MIN_PART)
             if word[c:] in known), None)
        return tuple(p for p in (head, tail) if p)

    return split


def analyser(lang: str, split: Callable[[str], tuple[str, ...]] | None = None
             ) -> Callable[[str], list[Analysed]]:
    """The analysis of a text in ``lang``: for each word that is not a stop word, the word and
    its terms (its Snowball stem, and for Dutch the stems of its compound parts)."""
    stemmer = Stemmer.Stemmer("dutch_porter" if lang == "nl" else "english")
    stop = STOP[lang]

    @lru_cache(maxsize=100_000)
    def terms(word: str) -> tuple[str, ...]:
        out = [stemmer.stemWord(word)]
        if split is not None and lang == "nl":
            out += [stemmer.stemWord(p) for p in split(word)]
        return tuple(dict.fromkeys(out))

    def analyse(text: str) -> list[Analysed]:
        return [(w, terms(w)) for w in normalise(text).split() if w not in stop]

    return analyse
