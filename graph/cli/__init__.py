"""The wijkgraaf command line."""

from graph.cli.main import main

__all__ = ["main"]
