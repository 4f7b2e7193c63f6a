"""The kinds of item, once: which classes make a kind, its words in nl and en (one, many),
the words people type for it, its colour and shape in pictures, and the order lists show.

    >>> KIND["case"].plural["nl"], noun("organisation_type", "en", plural=True)
    ('praktijkvoorbeelden', 'organisation types')
    >>> CLASS_KIND[WG.Municipality], parse_kind("wijk"), parse_kind("Oplossingen")
    ('area', 'area', 'solution')
"""

from __future__ import annotations

from dataclasses import dataclass

from ontology.errors import Message, UnknownIdError, closest
from ontology.vocab import WG

__all__ = ["Kind", "KINDS", "KIND", "CLASS_KIND", "ORDER", "noun", "colour", "parse_kind",
           "kind_of_class", "looked_for"]


@dataclass(frozen=True)
class Kind:
    """One kind of item. ``classes`` are the ontology classes whose members have this kind
    (the first is the kind's own class); ``projected`` says whether it is a node kind of the
    network projection (sources are counted, not drawn)."""

    name: str
    classes: tuple[str, ...]
    one: dict[str, str]
    plural: dict[str, str]
    colour: str
    shape: str = "dot"
    aliases: tuple[str, ...] = ()
    projected: bool = True


def _k(name, classes, one, plural, colour, shape="dot", aliases=(), projected=True) -> Kind:
    return Kind(name, tuple(WG[c] for c in classes), {"nl": one[0], "en": one[1]},
                {"nl": plural[0], "en": plural[1]}, colour, shape, aliases, projected)


#: every kind, in the order lists and search results show them
KINDS: tuple[Kind, ...] = (
    _k("obstacle", ["Obstacle"], ("belemmering", "obstacle"), ("belemmeringen", "obstacles"),
       "#d1495b", "triangle", ("knelpunt", "knelpunten", "problem", "problems")),
    _k("solution", ["Solution"], ("oplossing", "solution"), ("oplossingen", "solutions"),
       "#2a9d6f", "dot", ("aanpak", "aanpakken", "instrument", "instrumenten")),
    _k("domain", ["Domain"], ("domein", "domain"), ("domeinen", "domains"), "#e9a23b",
       "square"),
    _k("organisation_type", ["OrganisationType"], ("organisatietype", "organisation type"),
       ("organisatietypen", "organisation types"), "#1d7fa6", "dot",
       ("organisation-type", "org-type", "organisation-types", "organisatiesoort")),
    _k("organisation", ["Organisation"], ("organisatie", "organisation"),
       ("organisaties", "organisations"), "#4f6d9a"),
    _k("legal_frame", ["LegalFrame"], ("wettelijk kader", "legal frame"),
       ("wettelijke kaders", "legal frames"), "#7b5ea7", "diamond",
       ("wet", "wetten", "law", "laws", "regels")),
    _k("case", ["PracticeCase"], ("praktijkvoorbeeld", "practice case"),
       ("praktijkvoorbeelden", "practice cases"), "#e07a5f", "star",
       ("voorbeeld", "voorbeelden", "example", "examples")),
    _k("area", ["Area", "Municipality", "District", "Neighbourhood"], ("gebied", "area"),
       ("gebieden", "areas"), "#8d6e63", "hexagon",
       ("wijk", "wijken", "buurt", "buurten", "gemeente", "neighbourhood", "district")),
    _k("programme", ["Programme"], ("programma", "programme"), ("programma's", "programmes"),
       "#6a994e", "dot", ("fonds", "fondsen", "fund", "funds")),
    _k("theme", ["Theme"], ("thema", "theme"), ("thema's", "themes"), "#8a8f98"),
    _k("domain_group", ["DomainGroup"], ("domeingroep", "domain group"),
       ("domeingroepen", "domain groups"), "#c98b2a", "square"),
    _k("source", ["Source"], ("bron", "source"), ("bronnen", "sources"), "#9e9e9e",
       projected=False),
)
KIND: dict[str, Kind] = {k.name: k for k in KINDS}
#: class IRI → kind name, for the kinds of the network projection
CLASS_KIND: dict[str, str] = {c: k.name for k in KINDS if k.projected for c in k.classes}
#: kind name → position in lists
ORDER: dict[str, int] = {k.name: i for i, k in enumerate(KINDS)}
_ALIASES: dict[str, str] = {
    word.lower(): k.name for k in KINDS
    for word in (k.name, *k.one.values(), *k.plural.values(), *k.aliases)
}


def noun(kind: str, lang: str = "nl", plural: bool = False) -> str:
    """The word for a kind in ``lang`` ('nl' or 'en'); the kind's name if it is unknown."""
    known = KIND.get(kind)
    if known is None:
        return kind
    words = known.plural if plural else known.one
    return words.get(lang, words["en"])


def looked_for(kind: str | None, word: str = "name") -> Message | str:
    """What an :class:`~ontology.errors.UnknownIdError` says was looked for, ``word`` 'name'
    or 'label': 'area id or name' (Dutch 'id of naam van een gebied'), or 'id or name'.

    >>> looked_for("area").text("nl"), str(looked_for("organisation_type", "label"))
    ('id of naam van een gebied', 'organisation type id or label')
    """
    if not kind:
        return f"id or {word}"
    return Message("what_id_or_" + word,
                   kind=Message.pair(noun(kind, "nl"), kind.replace("_", " ")))


def colour(kind: str) -> str:
    """The colour of a kind in pictures (grey for an unknown kind)."""
    return KIND[kind].colour if kind in KIND else "#9e9e9e"


def kind_of_class(class_iri: str) -> str | None:
    """The kind of the members of ``class_iri`` (``None`` when it makes no kind)."""
    return next((k.name for k in KINDS if class_iri in k.classes), None)


def parse_kind(text: str) -> str:
    """The kind a person means by ``text`` ('oplossingen', 'wijk', 'organisation type', ...);
    :class:`~ontology.errors.UnknownIdError` naming the closest kinds when none matches."""
    word = " ".join(text.strip().lower().replace("_", " ").split())
    for candidate in (word, word.replace(" ", "_"), word.replace(" ", "-")):
        if candidate in _ALIASES:
            return _ALIASES[candidate]
    near = closest(word, _ALIASES) or [Message.pair(noun(k, "nl"), k) for k in
                                       ("organisation_type", "solution", "obstacle")]
    raise UnknownIdError(text, near, what="kind")
