"""Every IRI Wijkgraaf names, defined once: namespaces, our graphs and bases, and the terms.

A namespace is a plain ``str`` (its IRI) that names terms as plain strings, so they compare
equal to ``pyoxigraph`` values (``term.value``) and concatenate like text::

    >>> SKOS.prefLabel == SKOS + "prefLabel" == "http://www.w3.org/2004/02/skos/core#prefLabel"
    True
    >>> WG.addresses
    'https://w3id.org/wijkgraaf/def#addresses'
    >>> ITEM["O08"]
    'https://w3id.org/wijkgraaf/id/O08'

``WG`` is closed: it knows the terms declared in ``wijkgraaf.ttl`` and refuses others, so a
typo never reaches the store::

    >>> WG.Obstacel
    Traceback (most recent call last):
    ...
    AttributeError: 'Obstacel' is not a term of https://w3id.org/wijkgraaf/def#
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox

from ontology.files import ONTOLOGY_TTL

__all__ = [
    "Namespace", "WG", "ITEM", "ITEM_BASE", "RDF", "RDFS", "OWL", "SKOS", "DCT", "DCAT", "PROV",
    "XSD", "ORG", "SH", "VOID", "SD", "FORMATS", "WGSH", "RDF_TYPE", "ONTOLOGY_IRI",
    "GRAPH_BASE", "SOURCE_BASE", "ONTOLOGY_GRAPH", "SHAPES_GRAPH", "META_GRAPH", "EDITS_GRAPH",
    "DATASET_IRI", "SELECTION_BASE", "CONTEXT_IRI", "STORE_VERSION", "STAGING_PREFIX",
    "GENID_BASE",
    "PREFIXES", "sparql_prologue",
]


class Namespace(str):
    """A namespace IRI whose attributes and items are the IRIs of its terms (plain ``str``).

    With ``terms`` (a callable giving the set of local names) it is closed: unknown names
    raise ``AttributeError``; ``ns + name`` is checked too.
    """

    def __new__(cls, iri: str, terms=None) -> Namespace:
        ns = super().__new__(cls, iri)
        ns._terms = terms
        return ns

    def term(self, name: str) -> str:
        """The IRI of ``name`` (checked when the namespace is closed)."""
        if self._terms is not None and name not in self._terms():
            raise AttributeError(f"{name!r} is not a term of {str(self)}")
        return str(self) + name

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.term(name)

    def __getitem__(self, key):
        if isinstance(key, str):
            return self.term(key)
        return str.__getitem__(self, key)

    def __add__(self, other: str) -> str:
        return self.term(other) if self._terms is not None else str(self) + other

    def __reduce__(self):
        return (str, (str(self),))


@cache
def declared_terms() -> frozenset[str]:
    """The local names of every class and property declared in ``wijkgraaf.ttl``."""
    base = "https://w3id.org/wijkgraaf/def#"
    with ONTOLOGY_TTL.open("rb") as f:
        return frozenset(q.subject.value[len(base):] for q in ox.parse(f, ox.RdfFormat.TURTLE)
                         if isinstance(q.subject, ox.NamedNode)
                         and q.subject.value.startswith(base)
                         and q.predicate.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


# -- namespaces ---------------------------------------------------------------------------
WG = Namespace("https://w3id.org/wijkgraaf/def#", declared_terms)
WGSH = Namespace("https://w3id.org/wijkgraaf/shapes#")
ITEM_BASE = "https://w3id.org/wijkgraaf/id/"
#: the knowledge-base items (``ITEM["O08"]``, ``ITEM["dom-wonen"]``): open by design
ITEM = Namespace(ITEM_BASE)
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
PROV = Namespace("http://www.w3.org/ns/prov#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ORG = Namespace("http://www.w3.org/ns/org#")
SH = Namespace("http://www.w3.org/ns/shacl#")
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RDF_TYPE = RDF.type

# -- our IRIs ------------------------------------------------------------------------------
ONTOLOGY_IRI = "https://w3id.org/wijkgraaf/def"
CONTEXT_IRI = "https://w3id.org/wijkgraaf/context.jsonld"
GRAPH_BASE = "https://w3id.org/wijkgraaf/graph/"
#: one named graph per loaded file: SOURCE_BASE + the percent-encoded project path or name
SOURCE_BASE = GRAPH_BASE + "source/"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
SHAPES_GRAPH = GRAPH_BASE + "shapes"
META_GRAPH = GRAPH_BASE + "meta"
EDITS_GRAPH = GRAPH_BASE + "edits"
DATASET_IRI = ITEM_BASE + "dataset"
SELECTION_BASE = "https://w3id.org/wijkgraaf/selection/"
#: the counter in the meta graph that changes on every write
STORE_VERSION = WG.storeVersion
#: graphs being loaded: never visible to readers
STAGING_PREFIX = "urn:wijkgraaf:staging:"
#: blank nodes written to a SPARQL server as IRIs (RDF 1.1 skolem IRIs), read back as blank
#: nodes (see graph/store/remote.py)
GENID_BASE = "https://w3id.org/wijkgraaf/.well-known/genid/"

PREFIXES = {
    "wg": str(WG), "wgd": ITEM_BASE, "wgsh": str(WGSH), "dcat": str(DCAT), "dcterms": str(DCT),
    "org": str(ORG), "owl": str(OWL), "prov": str(PROV), "rdf": str(RDF), "rdfs": str(RDFS),
    "sh": str(SH), "skos": str(SKOS), "void": str(VOID), "xsd": str(XSD),
}


def sparql_prologue() -> str:
    """The PREFIX lines for every prefix in :data:`PREFIXES`."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
