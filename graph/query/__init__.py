"""One safe way to run a user's SPARQL: read it (policy), run it in a worker with a time limit
that really stops it (workers), and give the result as one type (service, formats); the
console and the CLI ``query`` are thin adapters over it."""

from graph.query.console import Console, ConsoleError, ConsoleResult
from graph.query.policy import (
    MAX_NESTING, NestingError, QueryInfo, UpdateInfo, analyse_query, analyse_update, refusal,
)
from graph.query.service import (
    QueryResult, format_result, read_query_arg, run_query, term_json, term_text,
)
from graph.query.workers import BusyError, DataSource, TimeLimitError, WorkerError, WorkerPool

__all__ = [
    "BusyError", "Console", "ConsoleError", "ConsoleResult", "DataSource", "MAX_NESTING",
    "NestingError", "QueryInfo",
    "QueryResult", "TimeLimitError", "UpdateInfo", "WorkerError", "WorkerPool",
    "analyse_query", "analyse_update", "format_result", "read_query_arg", "refusal",
    "run_query", "term_json", "term_text",
]
