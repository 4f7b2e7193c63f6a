"""The SPARQL 1.1 service: a router any ASGI app can mount (``SparqlRouter``) and a thin app
around it (``make_app``); the handlers share one ``EndpointContext``."""

from graph.endpoint.context import EndpointContext, public_base
from graph.endpoint.messages import RequestError
from graph.endpoint.router import SparqlRouter, make_app

__all__ = [
    "EndpointContext", "RequestError", "SparqlRouter", "make_app", "public_base",
]
