"""Where the ontology files live, and the IRIs of the graphs they go into."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ONTOLOGY_TTL = HERE / "wijkgraaf.ttl"
VOCABULARIES_TTL = HERE / "vocabularies.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
QUERIES_DIR = HERE / "queries"
CONTEXT_JSONLD = HERE / "context.jsonld"

ONTOLOGY_IRI = "https://w3id.org/wijkgraaf/def"
DATA_BASE = "https://w3id.org/wijkgraaf/id/"
GRAPH_BASE = "https://w3id.org/wijkgraaf/graph/"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
SHAPES_GRAPH = GRAPH_BASE + "shapes"
META_GRAPH = GRAPH_BASE + "meta"
EDITS_GRAPH = GRAPH_BASE + "edits"
DATASET_IRI = DATA_BASE + "dataset"

PREFIXES = {
    "wg": "https://w3id.org/wijkgraaf/def#",
    "wgd": DATA_BASE,
    "wgsh": "https://w3id.org/wijkgraaf/shapes#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def sparql_prologue() -> str:
    """The PREFIX lines for every prefix in :data:`PREFIXES`."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
