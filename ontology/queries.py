"""Competency questions as ``queries/cqNN-slug.rq`` files.

Each file starts with comment lines ``# nl: …`` and ``# en: …`` (the question in Dutch and
English), optionally ``# role: …`` and ``# bind: ?var = <default>`` lines, then standard
SPARQL 1.1. The same files are tests, examples in the SPARQL console and documentation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ontology.files import QUERIES_DIR

__all__ = ["CompetencyQuery", "competency_queries"]


@dataclass(frozen=True)
class CompetencyQuery:
    """One ``.rq`` file: its id (file stem), questions in nl and en, role, and the SPARQL text."""

    id: str
    question_nl: str
    question_en: str
    role: str
    sparql: str
    path: Path

    def question(self, lang: str = "nl") -> str:
        """The question in ``lang`` ('nl' or 'en')."""
        return self.question_nl if lang == "nl" else self.question_en


def _header(text: str, key: str) -> str:
    parts = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.lower().startswith(key + ":"):
            parts.append(body[len(key) + 1:].strip())
        elif parts and body and ":" not in body.split(" ")[0]:
            parts.append(body)  # continuation line
        elif parts:
            break
    return " ".join(parts)


def competency_queries(directory: Path = QUERIES_DIR) -> list[CompetencyQuery]:
    """All competency queries, sorted by id.

    >>> qs = competency_queries()
    >>> all(q.question_nl and q.question_en for q in qs)
    True
    """
    out = []
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        out.append(CompetencyQuery(
            id=path.stem, question_nl=_header(text, "nl"), question_en=_header(text, "en"),
            role=_header(text, "role"), sparql=text, path=path,
        ))
    return out
