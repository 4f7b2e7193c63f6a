"""What leaves Wijkgraaf as a file: RDF and dumps, selections (subgraphs) as RDF, networks or
tables, the toolbox (HTML, Markdown, PDF) and the wijkagenda document."""

from graph.export.agenda_doc import build_document, to_html, to_markdown
from graph.export.rdf import (
    FORMATS, MEDIA_TYPES, dump_store, export_subgraph, format_for_path, serialize_triples,
    write_atomic,
)
from graph.export.subgraph import Selection, Subgraph, select
from graph.export.tables import write_csv
from graph.export.toolbox import (
    build_toolbox, toolbox_html, toolbox_markdown, toolbox_pdf, write_toolbox,
)

__all__ = [
    "FORMATS", "MEDIA_TYPES", "Selection", "Subgraph", "build_document", "build_toolbox",
    "dump_store", "export_subgraph", "format_for_path", "select", "serialize_triples",
    "to_html", "to_markdown", "toolbox_html", "toolbox_markdown", "toolbox_pdf",
    "write_atomic", "write_csv", "write_toolbox",
]
