"""Counts of the knowledge graph: items per kind, triples per graph, the version."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import Store
from ontology.kinds import KINDS
from ontology.vocab import WG

__all__ = ["Stats", "stats", "KIND_LABELS"]

#: class local name -> (nl, en) plural labels, in display order (from :mod:`ontology.kinds`)
KIND_LABELS = {k.classes[0][len(WG):]: (k.plural["nl"], k.plural["en"]) for k in KINDS
               if k.name != "domain_group"}

_QUERY = """
SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES ?kind { %s }
  { ?s a ?kind } UNION { ?s a ?sub . ?sub <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?kind }
} GROUP BY ?kind
""" % " ".join(f"<{WG}{k}>" for k in KIND_LABELS)


@dataclass(frozen=True)
class Stats:
    """Counts per kind, triples per named graph, version and location of the store."""

    counts: dict[str, int]
    graphs: dict[str, int]
    version: int
    location: str
    lang: str = "nl"

    def text(self) -> str:
        i = 0 if self.lang == "nl" else 1
        lines = [f"Wijkgraaf — {self.location} ({'versie' if i == 0 else 'version'} "
                 f"{self.version})", ""]
        for kind, labels in KIND_LABELS.items():
            lines.append(f"{self.counts.get(kind, 0):>6}  {labels[i]}")
        lines += ["", "grafen:" if i == 0 else "graphs:"]
        lines += [f"{n:>8}  {g}" for g, n in self.graphs.items()]
        return "\n".join(lines)


def stats(store: Store, lang: str = "nl") -> Stats:
    """Count the items of every kind and the triples of every graph.

    >>> from graph.kb.loading import open_store, ensure_ready
    >>> s = stats(ensure_ready(open_store(), bundled=False))
    >>> s.counts["Solution"], "https://w3id.org/wijkgraaf/graph/ontology" in s.graphs
    (0, True)
    """
    rows = store.select(_QUERY)
    counts = {k: 0 for k in KIND_LABELS}
    counts.update({r["kind"].value[len(WG):]: int(r["n"].value) for r in rows})
    graphs = {g: len(store.graph_triples(g)) for g in store.graph_names()}
    return Stats(counts, graphs, store.version(), store.location, lang)
