"""Every message the SPARQL endpoint shows, in Dutch and English.

The language follows the request's ``Accept-Language`` (Dutch when it prefers ``nl``,
otherwise English) or an explicit ``lang`` parameter.

>>> say("time_limit", "en", limit=10)[:41]
'The query was stopped: it ran longer than'
>>> pick_language("nl-NL,nl;q=0.9,en;q=0.8"), pick_language(None)
('nl', 'en')
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.store import excerpt, parser_message

__all__ = ["MESSAGES", "say", "pick_language", "page_language", "RequestError",
           "syntax_message"]


class RequestError(Exception):
    """A request the endpoint answers with an error ``status`` and the message ``key``."""

    def __init__(self, status: int, key: str, headers: Mapping[str, str] | None = None,
                 **params: object) -> None:
        super().__init__(key)
        self.status, self.key, self.params = status, key, params
        self.headers = dict(headers or {})

MESSAGES: dict[str, tuple[str, str]] = {
    "refuse_service": (
        "SERVICE (gefedereerde query) is hier niet toegestaan: dit endpoint doet nooit verzoeken "
        "aan andere servers. Stel de query aan het andere endpoint, of download onze dump "
        "(/dump) en combineer de gegevens lokaal.",
        "SERVICE (federated query) is not allowed: this endpoint never makes requests to other "
        "servers. Run the query at the other endpoint, or download our dump (/dump) and combine "
        "the data locally."),
    "refuse_load": (
        "LOAD is hier niet toegestaan: dit endpoint haalt nooit gegevens van het netwerk. "
        "Redacteuren sturen gegevens met het Graph Store Protocol (PUT/POST /graph-store).",
        "LOAD is not allowed: this endpoint never fetches data from the network. Editors send "
        "data with the Graph Store Protocol (PUT/POST /graph-store)."),
    "refuse_outside": (
        "{what} <{iri}> noemt een graaf buiten deze dataset; dit endpoint haalt nooit grafen "
        "van het netwerk. De grafen staan in de servicebeschrijving (GET /sparql) en op /void.",
        "{what} <{iri}> names a graph outside this dataset; this endpoint never fetches graphs "
        "from the network. Its graphs are listed in the service description (GET /sparql) and "
        "at /void."),
    "refuse_unresolved": (
        "{what} noemt een graaf die niet op te lossen is; schrijf de volledige <IRI>.",
        "{what} names a graph that cannot be resolved; write the full <IRI>."),
    "syntax": (
        "Syntaxfout in de SPARQL-{what}{where}: {message}",
        "Syntax error in the SPARQL {what}{where}: {message}"),
    "time_limit": (
        "De query is gestopt: hij liep langer dan de tijdslimiet van {limit:g} s van dit "
        "endpoint. Maak hem specifieker (minder variabelen zonder verband, een LIMIT), of "
        "download de dump (/dump) en reken lokaal.",
        "The query was stopped: it ran longer than this endpoint's time limit of {limit:g} s. "
        "Make it more specific (fewer unconnected patterns, a LIMIT), or download the dump "
        "(/dump) and compute locally."),
    "write_time_limit": (
        "De wijziging is gestopt na de tijdslimiet van {limit:g} s; er is niets veranderd.",
        "The write was stopped after the time limit of {limit:g} s; nothing was changed."),
    "busy": (
        "Alle query-werkers zijn bezet; probeer het over enkele seconden opnieuw.",
        "Every query worker is busy; try again in a few seconds."),
    "worker_failed": (
        "De query-werker is onverwacht gestopt ({detail}); probeer het opnieuw.",
        "The query worker stopped unexpectedly ({detail}); try again."),
    "query_failed": (
        "De query kon niet worden uitgevoerd: {detail}",
        "The query could not be evaluated: {detail}"),
    "truncated": (
        "Resultaat afgekapt na {rows} rijen (de rijlimiet van dit endpoint). Gebruik LIMIT en "
        "OFFSET om verder te bladeren.",
        "Result cut to the first {rows} rows (this endpoint's row cap). Use LIMIT and OFFSET to "
        "page through the rest."),
    "too_deep": (
        "De query nest haakjes {depth} diep; dit endpoint leest er hoogstens {limit}.",
        "The query nests brackets {depth} deep; this endpoint reads at most {limit}."),
    "too_large": (
        "Het verzoek is te groot: de limiet is {limit} bytes.",
        "The request is too large: the limit is {limit} bytes."),
    "no_content_type": (
        "Een POST heeft een Content-Type nodig: application/sparql-query, "
        "application/sparql-update of application/x-www-form-urlencoded.",
        "A POST needs a Content-Type: application/sparql-query, application/sparql-update or "
        "application/x-www-form-urlencoded."),
    "bad_content_type": (
        "Content-Type {media} wordt hier niet ondersteund; gebruik {expected}.",
        "Content-Type {media} is not supported here; use {expected}."),
    "bad_charset": (
        "Tekenset {charset} wordt niet ondersteund; stuur UTF-8.",
        "Charset {charset} is not supported; send UTF-8."),
    "not_utf8": ("Het verzoek is geen geldige UTF-8.", "The request is not valid UTF-8."),
    "one_query": (
        "Stuur precies één query- of update-parameter per verzoek.",
        "Send exactly one query or update parameter per request."),
    "query_and_update": (
        "Een verzoek bevat een query of een update, niet allebei.",
        "A request carries a query or an update, not both."),
    "update_by_get": (
        "Een SPARQL-update moet met POST worden gestuurd (application/sparql-update of "
        "update= in een formulier).",
        "A SPARQL update must be sent with POST (application/sparql-update or update= in a "
        "form)."),
    "update_as_query": (
        "Dit is een update, geen query: stuur hem als application/sparql-update of update= met "
        "een redacteurstoken.",
        "This is an update, not a query: send it as application/sparql-update or update= with "
        "an editor token."),
    "not_acceptable": (
        "Geen van de gevraagde mediatypen ({accept}) is beschikbaar voor deze {what}; "
        "beschikbaar: {offers}.",
        "None of the requested media types ({accept}) is available for this {what}; "
        "available: {offers}."),
    "method": (
        "Methode {method} is hier niet toegestaan; toegestaan: {allow}.",
        "Method {method} is not allowed here; allowed: {allow}."),
    "no_token": (
        "Schrijven vraagt een redacteurstoken: stuur de kop 'Authorization: Bearer <token>'.",
        "Writing needs an editor token: send the header 'Authorization: Bearer <token>'."),
    "bad_token": (
        "Dit token geeft geen schrijfrechten.",
        "This token does not grant write access."),
    "read_only": (
        "Dit endpoint is alleen-lezen: er is geen redacteurstoken ingesteld.",
        "This endpoint is read-only: no editor token is configured."),
    "using_conflict": (
        "using-graph-uri/using-named-graph-uri mogen niet samen met USING of WITH in de update.",
        "using-graph-uri/using-named-graph-uri may not be combined with USING or WITH in the "
        "update."),
    "default_graph_write": (
        "De update schrijft naar de standaardgraaf, die hier een alleen-lezen beeld is: de "
        "vereniging van de benoemde grafen. Noem de graaf die verandert met GRAPH <iri> {{ ... }} "
        "of WITH <iri>.",
        "The update writes to the default graph, which here is a read-only view: the union of "
        "the named graphs. Name the graph to change with GRAPH <iri> {{ ... }} or WITH <iri>."),
    "protected_graph": (
        "De wijziging zou {graphs} veranderen; die beheert Wijkgraaf zelf (ontologie, shapes, "
        "herkomst). Wijzig de bestanden in ontology/ en laad opnieuw.",
        "The write would change {graphs}, which Wijkgraaf manages itself (the ontology, the "
        "shapes, the provenance graph). Change the files in ontology/ and reload instead."),
    "named_graphs_in_body": (
        "De body bevat benoemde grafen; stuur de triples van één graaf (Turtle, N-Triples, "
        "RDF/XML of JSON-LD).",
        "The body holds named graphs; send the triples of one graph (Turtle, N-Triples, RDF/XML "
        "or JSON-LD)."),
    "not_conforming": (
        "De wijziging is geweigerd: het resultaat voldoet niet aan de SHACL-shapes. Er is "
        "niets veranderd.",
        "The write was refused: the result would not conform to the SHACL shapes. Nothing was "
        "changed."),
    "conflict": (
        "De store veranderde tijdens deze wijziging; er is niets veranderd. Probeer opnieuw.",
        "The store changed during this write; nothing was changed. Try again."),
    "graph_param": (
        "Noem de graaf met ?graph=<IRI> of ?default (niet allebei). Grafen: {graphs}",
        "Name the graph with ?graph=<IRI> or ?default (not both). Graphs: {graphs}"),
    "bad_multipart": (
        "De multipart/form-data-body kon niet gelezen worden.",
        "The multipart/form-data body could not be read."),
    "bad_part": (
        "Deel {part} van de body kon niet gelezen worden: {detail}",
        "Part {part} of the body could not be read: {detail}"),
    "bad_iri": ("{iri!r} is geen absolute IRI.", "{iri!r} is not an absolute IRI."),
    "no_graph": ("Graaf <{iri}> bestaat niet.", "Graph <{iri}> does not exist."),
    "graph_scheme": ("Een graaf die je schrijft heeft een http-, https- of urn-IRI; <{iri}> niet.",
                     "A graph you write has an http, https or urn IRI; <{iri}> has not."),
    "default_read_only": (
        "De standaardgraaf is de vereniging van de benoemde grafen en kan niet direct worden "
        "geschreven; schrijf naar ?graph=<IRI>.",
        "The default graph is the union of the named graphs and cannot be written directly; "
        "write to ?graph=<IRI>."),
    "unknown_format": (
        "Onbekend formaat {fmt!r}; kies uit {offers}.",
        "Unknown format {fmt!r}; choose from {offers}."),
}


def say(key: str, lang: str = "en", **params: object) -> str:
    """The message ``key`` in ``lang`` ('nl' or 'en') with ``params`` filled in."""
    nl, en = MESSAGES[key]
    return (nl if lang == "nl" else en).format(**params)


def _ranges(accept_language: str | None) -> list[tuple[str, float]]:
    """The language ranges of an ``Accept-Language`` header with their ``q``, in order."""
    out = []
    for part in (accept_language or "").split(","):
        fields = part.strip().split(";")
        q = 1.0
        for field in fields[1:]:
            name, _, value = field.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        out.append((fields[0].strip().lower(), q))
    return out


def pick_language(accept_language: str | None, explicit: str | None = None) -> str:
    """'nl' when ``explicit`` is 'nl' or the first preferred language is Dutch, else 'en'."""
    if explicit in {"nl", "en"}:
        return explicit
    best, best_q = "en", -1.0
    for tag, q in _ranges(accept_language):
        if tag and q > best_q:
            best, best_q = ("nl" if tag.startswith("nl") else "en"), q
    return best


def _weights(accept_language: str | None) -> dict[str, float]:
    """The highest ``q`` the header gives to Dutch and to English (primary tags only)."""
    weights: dict[str, float] = {}
    for tag, q in _ranges(accept_language):
        primary = tag.split("-")[0]
        if primary in {"nl", "en"} and q > weights.get(primary, -1.0):
            weights[primary] = q
    return weights


def page_language(accept_language: str | None, explicit: str | None = None) -> str:
    """The language of the query page: ``explicit`` ('nl' or 'en', from ``?lang=``) when
    given, else English only when the browser prefers English to Dutch; Dutch otherwise.

    >>> page_language(None), page_language("de-DE,de;q=0.9"), page_language("en-US,en;q=0.9")
    ('nl', 'nl', 'en')
    >>> page_language("en;q=0.5,nl;q=0.8"), page_language("nl", "en")
    ('nl', 'en')
    """
    if explicit in {"nl", "en"}:
        return explicit
    weights = _weights(accept_language)
    return "en" if weights.get("en", 0.0) > weights.get("nl", 0.0) else "nl"


def syntax_message(text: str, message: str, line: int | None, column: int | None,
                   lang: str = "en", what: str = "query") -> str:
    r"""A syntax error as a person reads it: where, what, and the line with a caret.

    >>> print(syntax_message("SELECT ?s\nWHERE { ?s }", "error at 2:11: expected a verb",
    ...                      2, 11))
    Syntax error in the SPARQL query at line 2, column 11: expected a verb
        2 | WHERE { ?s }
          |           ^
    """
    message = parser_message(message)
    where, pointed = "", excerpt(text, line, column)
    if line is not None:
        where = (f" op regel {line}, kolom {column}" if lang == "nl"
                 else f" at line {line}, column {column}")
    return say("syntax", lang, what=what, where=where, message=message) + (
        "\n" + pointed if pointed else "")
