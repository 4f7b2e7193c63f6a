"""The ``wijkgraaf`` command line: a composition root (it alone, with ``app.py``, reads the
environment), one module per command group, each registered by an explicit import."""

from graph.cli.app import free_port
from graph.cli.main import DEFAULT_STORE, build_parser, main

__all__ = ["DEFAULT_STORE", "build_parser", "free_port", "main"]
