"""The edit form of an obstacle, a solution or a practice case, as plain data.

The fields are the columns of the import workbook (:mod:`loaders.columns`), so the app's form,
the spreadsheet and the shapes speak the same language. :func:`form_values` fills a form from
an item's statements, :func:`triples_from_form` turns a filled form back into statements
(keeping whatever the form does not show), :func:`choices` lists what a reference field may
point to, and :func:`new_id` proposes the next free id.

>>> from graph.kb.loading import ensure_ready, load_paths, open_store
>>> from graph.kb.editing import item_state
>>> store = ensure_ready(open_store(), bundled=False)
>>> _ = load_paths(store, ["tests/data/mini.ttl"])
>>> state = item_state(store, "https://w3id.org/wijkgraaf/id/O01")
>>> values = form_values(state, "obstacle")
>>> values["naam_en"], [v.rsplit("/", 1)[1] for v in values["domeinen"]]
('data may not be shared', ['dom-gezondheid', 'dom-wonen'])
>>> back = triples_from_form(state.iri, "obstacle", values, state)
>>> kept = [t for t in state.triples() if not t.predicate.value.endswith("modified")]
>>> sorted(map(str, back)) == sorted(map(str, kept))  # save_item sets the date
True
>>> new_id(store, "obstacle"), new_id(store, "case")
('O04', 'C02')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from loaders.columns import KINDS, Column, Kind
from graph.kb import ItemState
from graph.store import Store
from ontology.vocab import DCT, ITEM_BASE, RDF_TYPE, SKOS, WG, XSD

__all__ = ["FORM_KINDS", "Field", "form_fields", "form_values", "triples_from_form", "choices",
           "new_id", "ITEM_BASE"]

#: form kind → (sheet of the import layout, id prefix)
FORM_KINDS = {"obstacle": ("belemmeringen", "O"), "solution": ("oplossingen", "S"),
              "case": ("praktijkvoorbeelden", "C")}
_SKIP = {"id", "gewijzigd", "schema"}
_SUBCLASSES = {"Area": ("Area", "Municipality", "District", "Neighbourhood")}


@dataclass(frozen=True)
class Field:
    """One form field: key (the Dutch column name), labels, how the value is read, and the
    class a reference points to (``target``, a local name such as ``Domain``)."""

    key: str
    label_nl: str
    label_en: str
    cell: str
    predicate: str
    required: bool
    target: str = ""
    help_nl: str = ""
    help_en: str = ""

    def label(self, lang: str) -> str:
        """The field's name in ``lang``."""
        return self.label_nl if lang == "nl" else self.label_en

    @property
    def many(self) -> bool:
        """True for a list field (references, sources, several texts)."""
        return self.cell.startswith(("ref:", "texts", "source"))


def _kind(kind: str) -> Kind:
    if kind not in FORM_KINDS:
        raise ValueError(f"kind {kind!r}: use one of {', '.join(FORM_KINDS)}")
    return next(k for k in KINDS if k.sheet_nl == FORM_KINDS[kind][0])


_NAMES = {
    "code": ("Code", "Code"), "naam": ("Naam", "Name"),
    "andere_namen": ("Andere namen", "Other names"),
    "definitie": ("Omschrijving", "Definition"), "voorbeeld": ("Voorbeeld", "Example"),
    "soort": ("Soort belemmering", "Obstacle category"), "domeinen": ("Domeinen", "Domains"),
    "tussen": ("Ontstaat tussen", "Arises between"),
    "wetten": ("Komt voort uit (wetgeving)", "Arises from (legislation)"),
    "themas": ("Leerkringthema's", "Learning-circle themes"),
    "open_witte_vlek": ("Bewust open (witte vlek)", "Deliberately open (gap)"),
    "onzekerheid": ("Onzekerheid", "Uncertainty"), "bronnen": ("Bronnen", "Sources"),
    "hoe_te_beginnen": ("Hoe te beginnen", "How to start"),
    "pakt_aan": ("Pakt deze belemmeringen aan", "Addresses these obstacles"),
    "organisatietypen": ("Betrokken organisatietypen", "Organisation types involved"),
    "beslisniveau": ("Beslisniveau", "Decision level"),
    "besluit_door": ("Besluit door", "Decided by"),
    "grondslag": ("Juridische grondslag", "Legal basis"),
    "bewijsniveau": ("Bewijsniveau", "Evidence level"), "inspanning": ("Inspanning", "Effort"),
    "termijn": ("Termijn", "Time horizon"),
    "uitvoeringsniveau": ("Uitvoeringsniveau", "Implementation level"),
    "wetswijziging_nodig": ("Vraagt een wetswijziging", "Requires a change in the law"),
    "escalatieroute": ("Doorbraak- of escalatieroute", "Breakthrough or escalation route"),
    "verwante_oplossingen": ("Verwante oplossingen", "Related solutions"),
    "programmas": ("Programma's en fondsen", "Programmes and funds"),
    "resultaat": ("Resultaat", "Outcome"),
    "oplossingen": ("Past deze oplossingen toe", "Applies these solutions"),
    "belemmeringen": ("Pakt deze belemmeringen aan", "Tackles these obstacles"),
    "gebied": ("Gebied", "Area"), "organisaties": ("Organisaties", "Organisations"),
    "contact": ("Aanspreekpunt", "Contact organisation"), "startjaar": ("Startjaar", "Start year"),
}
_LANGS = {"nl": (" (Nederlands)", " (Dutch)"), "en": (" (Engels)", " (English)")}


def _field(col: Column) -> Field:
    base = col.nl[:-3] if col.nl.endswith("_en") else col.nl
    nl, en = _NAMES.get(base, (base.replace("_", " ").capitalize(),) * 2)
    if col.cell.startswith("text"):
        suffix = _LANGS[col.cell.split("@")[1]]
        nl, en = nl + suffix[0], en + suffix[1]
    target = col.cell[4:] if col.cell.startswith("ref:") else ""
    return Field(col.nl, nl, en, col.cell, col.predicate, col.required, target, col.help_nl,
                 col.help_en)


def form_fields(kind: str) -> list[Field]:
    """The fields of the form for ``kind`` ('obstacle', 'solution' or 'case'), in order."""
    return [_field(c) for c in _kind(kind).columns if c.nl not in _SKIP]


def form_values(state: ItemState, kind: str) -> dict[str, object]:
    """The form filled from an item: text → str, list → list of str, yes/no → bool or None."""
    by_pred: dict[str, list[object]] = {}
    for t in state.triples():
        by_pred.setdefault(t.predicate.value, []).append(t.object)
    out: dict[str, object] = {}
    for f in form_fields(kind):
        found = by_pred.get(f.predicate, [])
        if f.cell.startswith("text"):
            lang = f.cell.split("@")[1]
            texts = sorted(o.value for o in found
                           if isinstance(o, ox.Literal) and o.language == lang)
            out[f.key] = texts if f.many else (texts[0] if texts else "")
        elif f.cell.startswith("ref:") or f.cell == "source":
            out[f.key] = sorted(o.value for o in found if isinstance(o, ox.NamedNode))
        elif f.cell == "bool":
            out[f.key] = (found[0].value == "true") if found else None
        else:
            out[f.key] = found[0].value if found else ""
    return out


def _literal(f: Field, value: str) -> ox.Literal:
    if f.cell.startswith("text"):
        return ox.Literal(value, language=f.cell.split("@")[1])
    if f.cell == "year" or (f.cell == "date|year" and re.fullmatch(r"\d{4}", value)):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "gYear"))
    if f.cell.startswith("date"):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(value)


def triples_from_form(iri: str, kind: str, values: dict[str, object],
                      previous: ItemState | None = None) -> list[ox.Triple]:
    """The statements a filled form stands for; statements the form does not show are kept
    from ``previous``. Empty values are left out (the shapes say what is required)."""
    spec, s = _kind(kind), ox.NamedNode(iri)
    fields = form_fields(kind)
    shown = {f.predicate for f in fields} | {RDF_TYPE, DCT.modified}
    out = [ox.Triple(s, ox.NamedNode(RDF_TYPE), ox.NamedNode(c))
           for c in (spec.cls, *spec.extra_types)]
    kept = [t for t in (previous.triples() if previous else []) if t.predicate.value not in shown]
    if spec.scheme and not any(t.predicate.value == SKOS + "inScheme" for t in kept):
        out.append(ox.Triple(s, ox.NamedNode(SKOS + "inScheme"),
                             ox.NamedNode(ITEM_BASE + spec.scheme)))
    for f in fields:
        value = values.get(f.key)
        if value is None or value in ("", []):
            if f.predicate == SKOS + "notation" and kind != "case":
                code = ox.Literal(iri.rsplit("/", 1)[1])
                out.append(ox.Triple(s, ox.NamedNode(f.predicate), code))
            continue
        p = ox.NamedNode(f.predicate)
        if f.cell == "bool":
            yes = value is True or str(value).lower() in {"true", "ja", "yes"}
            flag = "true" if yes else "false"
            out.append(ox.Triple(s, p, ox.Literal(flag, datatype=ox.NamedNode(XSD + "boolean"))))
        elif f.cell.startswith("ref:") or f.cell == "source":
            items = value if isinstance(value, list | tuple) else str(value).split(";")
            out += [ox.Triple(s, p, ox.NamedNode(v if ":" in v else ITEM_BASE + v))
                    for v in (str(x).strip() for x in items) if v]
        else:
            items = value if isinstance(value, list | tuple) else (
                str(value).split(";") if f.many else [str(value)])
            out += [ox.Triple(s, p, _literal(f, v)) for v in (str(x).strip() for x in items) if v]
    return list(dict.fromkeys([*out, *kept]))


def choices(store: Store, target: str, lang: str = "nl") -> list[tuple[str, str]]:
    """(IRI, label) of everything a reference field may point to, sorted by label; for
    ``source`` the described sources with their titles."""
    if target == "source":
        sparql = (f"SELECT ?s ?label WHERE {{ ?s a <{WG.Source}> "
                  f"OPTIONAL {{ ?s <{DCT + 'title'}> ?label }} }}")
    else:
        classes = " ".join(f"<{WG}{c}>" for c in _SUBCLASSES.get(target, (target,)))
        sparql = ("SELECT ?s ?label WHERE { VALUES ?t { %s } ?s a ?t OPTIONAL { ?s <%sprefLabel> "
                  "?label FILTER(LANG(?label) IN ('%s', '')) } }" % (classes, SKOS, lang))
    found: dict[str, str] = {}
    for row in store.select(sparql):
        iri = row["s"].value
        label = row["label"].value if "label" in row else iri.rsplit("/", 1)[-1]
        found[iri] = min(found.get(iri, label), label)
    return sorted(found.items(), key=lambda kv: (kv[1].lower(), kv[0]))


def new_id(store: Store, kind: str) -> str:
    """The next free id of ``kind``: one past the highest number in use (O44, S58, C26)."""
    prefix = FORM_KINDS[kind][1]
    rows = store.select(
        "SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { ?x ?p ?s } "
        f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), '{ITEM_BASE}{prefix}')) }}")
    numbers = [int(m.group(1)) for r in rows
               if (m := re.fullmatch(rf"{prefix}(\d+)", r["s"].value[len(ITEM_BASE):]))]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"
