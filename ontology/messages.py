"""Every message an error of the library carries, in Dutch and English, once.

A key maps to ``(nl, en)`` templates with ``{name}`` parameters (``str.format``: ``{v!r}`` and
``{n:g}`` work); :class:`ontology.errors.Message` holds a key and its parameters and renders
it. The English text is what ``str(error)`` has always said. :data:`PLACES` holds the words
for where (file, line, row, ...); :class:`ParserWords` the engine parsers' own words, which
are English: the common ones are put in Dutch, any other is quoted as the parser said it.

The endpoint's HTTP messages live in :mod:`graph.endpoint.messages`, the app's texts in
``app_lib/texts.py``.

>>> ParserWords("A dot is expected at the end of statements").text("nl")
'aan het eind van elke bewering hoort een punt'
>>> ParserWords("expected one of DESCRIBE, [_]").text("nl")
'verwacht een van: DESCRIBE, [_]'
>>> ParserWords("Unexpected char 'x'").text("nl")
"de lezer meldt (in het Engels): “Unexpected char 'x'”"
"""

from __future__ import annotations

import re

__all__ = ["MESSAGES", "PLACES", "ParserWords"]

#: where in the input: location key → (nl, en)
PLACES: dict[str, tuple[str, str]] = {
    "file": ("bestand", "file"), "line": ("regel", "line"), "column": ("kolom", "column"),
    "sheet": ("tabblad", "sheet"), "row": ("rij", "row"), "field": ("veld", "field"),
    "value": ("waarde", "value"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # -- shared pieces ------------------------------------------------------------------
    "did_you_mean": (" Bedoelde je: {options}?", " Did you mean: {options}?"),
    "or_did_you_mean": ("; bedoelde je {options}?", "; did you mean {options}?"),
    "unknown_id": ("{value!r} is onbekend als {what}.{hint}", "unknown {what} {value!r}.{hint}"),
    "ambiguous": ("{value!r} past bij meer dan één item: {options}; geef een van deze ids.",
                  "label {value!r} names more than one item: {options}; give one of these "
                  "ids."),
    "what_id_or_name": ("id of naam van een {kind}", "{kind} id or name"),
    "what_id_or_label": ("id of naam van een {kind}", "{kind} id or label"),
    "what_value": ("waarde voor {facet}", "{facet} value"),
    # -- reading files (loaders) -------------------------------------------------------------
    "file_empty": ("het bestand is leeg", "the file is empty"),
    "not_utf8": ("het bestand is geen UTF-8 (byte 0x{byte:02x}); sla het op als UTF-8",
                 "the file is not UTF-8 (byte 0x{byte:02x}); save it as UTF-8"),
    "csv_not_utf8": ("het bestand is geen UTF-8; sla het op als 'CSV UTF-8'",
                     "the file is not UTF-8; save it as 'CSV UTF-8'"),
    "bad_json": ("geen geldige JSON: {words}", "malformed JSON: {words}"),
    "remote_context": ("een JSON-LD-context van elders ({ctx!r}) is niet toegestaan; gebruik "
                       "{iri} of een context in het bestand zelf",
                       "remote JSON-LD context {ctx!r} is not allowed; use {iri} or an inline "
                       "context"),
    "unknown_file_type": ("onbekend bestandstype {suffix!r}; gebruik {formats}, .csv of .xlsx",
                          "unknown file type {suffix!r}; use one of {formats}, .csv or .xlsx"),
    "malformed": ("geen geldige {fmt}: {words}", "malformed {fmt}: {words}"),
    "not_xlsx": ("geen leesbare XLSX-werkmap ({words})", "not a readable XLSX workbook ({words})"),
    "not_yes_no": ("{text!r} is geen ja/nee-waarde (ja/nee, true/false)",
                   "{text!r} is not a yes/no value (ja/nee, true/false)"),
    "not_date": ("{text!r} is geen {kinds} (schrijf JJJJ-MM-DD of JJJJ)",
                 "{text!r} is not a {kinds} (use YYYY-MM-DD or YYYY)"),
    "date": ("datum", "date"), "year": ("jaartal", "gYear"),
    "date_or_year": ("datum of jaartal", "date or gYear"),
    "unknown_column": ("onbekende kolom {name!r}{hint}", "unknown column {name!r}{hint}"),
    "missing_column": ("de verplichte kolom {nl!r} (of {en!r}) ontbreekt",
                       "required column {nl!r} (or {en!r}) is missing"),
    "unknown_sheet": ("onbekend tabblad {name!r}{hint}", "unknown sheet {name!r}{hint}"),
    "empty_id": ("het id is leeg", "the id is empty"),
    "duplicate_id": ("het id {ident!r} staat er twee keer in (ook in rij {other})",
                     "duplicate id {ident!r} (also in row {other})"),
    "uncomputed": ("cel {cell} heeft een formule ({formula}) zonder berekende waarde, dus de "
                   "waarde is onbekend; typ de waarde zelf (een tekst die met = begint na een "
                   "apostrof), of open het bestand in Excel of LibreOffice en sla het op",
                   "cell {cell} holds a formula ({formula}) without a computed value, so its "
                   "value is unknown; type the value itself (a text that starts with = after "
                   "an apostrophe), or open and save the file in Excel or LibreOffice"),
    "required_empty": ("de verplichte waarde {name!r} is leeg", "required value {name!r} is empty"),
    "unknown_ref": ("{value!r} is onbekend als {kind}{hint}", "unknown {cls} {value!r}{hint}"),
    "not_ntriples": ("geen N-Triples-bewering: {words}", "not an N-Triples statement: {words}"),
    "formula_read": ("let op: {path}, tabblad {sheet!r}, cel {cell}: formule {formula}, de "
                     "berekende waarde {value!r} is gelezen",
                     "note: {path}, sheet {sheet!r}, cell {cell}: formula {formula}, its computed "
                     "value {value!r} was read"),
    "sheet_skipped": ("let op: {path}: tabblad {sheet!r} is leeg en overgeslagen",
                      "note: {path}: sheet {sheet!r} is empty and ignored"),
    # -- the knowledge base (graph/kb) -----------------------------------------------------
    "no_files": ("geen bestanden om te laden gevonden in {paths}",
                 "no loadable files found in {paths}"),
    "not_conforming": ("de gegevens voldoen niet aan de vormregels; er is niets geladen.",
                       "the data does not conform to the shapes; nothing was loaded."),
    "edited_in_app": ("Let op: {count_nl} in deze bestanden in de app bewerkt "
                      "({names}); het bestand zou een eigen versie naast de bewerkte zetten. "
                      "Neem de huidige stand met 'wijkgraaf workbook' (of exporteer) en bewerk "
                      "die, of maak de bewerkingen in de app eerst ongedaan.",
                      "Note: {count} item(s) in these files were edited in the app ({names}); "
                      "the file would add its own version beside the edited one. Take the "
                      "current state with 'wijkgraaf workbook' (or export) and edit that, or "
                      "undo the app edits first."),
    "edit_conflict": ("{item} is door iemand anders gewijzigd nadat je het opende; er is niets "
                      "opgeslagen. Jouw versie is bewaard: vergelijk die met de huidige en sla "
                      "opnieuw op.",
                      "{item} was changed by someone else after you opened it; nothing was "
                      "saved. Your version is kept: compare it with the current one and save "
                      "again."),
    "edit_exists": ("{item} bestaat al; open het om het te wijzigen. Er is niets opgeslagen.",
                    "{item} exists already; open it to change it. Nothing was saved."),
    "undo_later_first": ("{item} is na deze bewerking gewijzigd; maak eerst de latere "
                         "bewerkingen ongedaan. Er is niets veranderd.",
                         "{item} changed after this edit; undo the later edits first. Nothing "
                         "was changed."),
    "edit_refused": ("{item} is niet opgeslagen: {reasons}", "{item} was not saved: {reasons}"),
    "store_kept_changing": ("de opslag bleef veranderen; er is niets opgeslagen, probeer het "
                            "opnieuw", "the store kept changing; nothing was saved, try again"),
    "other_subject": ("een bewering over {subject} kan niet met {item} worden opgeslagen",
                      "a statement about {subject} cannot be saved with {item}"),
    "blank_nodes": ("beweringen met lege knopen kunnen niet in de app worden bewerkt",
                    "statements with blank nodes cannot be edited in the app"),
    "no_edit": ("geen vastgelegde bewerking {edit!r}", "no recorded edit {edit!r}"),
    # -- stores (graph/store) --------------------------------------------------------------
    "store_busy": ("de opslag {location} is in gebruik door een ander Wijkgraaf-proces (de app, "
                   "'wijkgraaf serve' of een lopend commando), dus hier alleen te lezen. Stop "
                   "dat proces en probeer het opnieuw, of schrijf via het lopende endpoint "
                   "('wijkgraaf serve' met een redacteurstoken) of de bewerkpagina van de app.",
                   "the store {location} is in use by another Wijkgraaf process (the app, "
                   "'wijkgraaf serve' or a running command), so it is open read-only here. Stop "
                   "that process and try again, or write through the running endpoint "
                   "('wijkgraaf serve' with an editor token) / the app's edit page."),
    "server_unreachable": ("SPARQL-server {url} is niet bereikbaar: {words}",
                           "SPARQL server {url} unreachable: {words}"),
    "server_answered": ("SPARQL-server {url} antwoordde {status}: {words}",
                        "SPARQL server {url} answered {status}: {words}"),
    "server_unreadable": ("SPARQL-server {url} stuurde onleesbare resultaten (een time-out op "
                          "de server?): {words}",
                          "SPARQL server {url} sent unreadable results (a server-side "
                          "timeout?): {words}"),
    "server_bad_ntriples": ("de SPARQL-server stuurde onleesbare N-Triples: {words}",
                            "the SPARQL server sent unreadable N-Triples: {words}"),
    "graph_store_unreachable": ("Graph Store {url} is niet bereikbaar: {words}",
                                "Graph Store {url} unreachable: {words}"),
    "graph_store_wrong": ("Graph Store {url} kent <{iri}> niet, hoewel de server die graaf "
                          "heeft: geef de URL van de Graph Store (bijv. '#store=data' achter de "
                          "query-URL voor Fuseki)",
                          "Graph Store {url} does not know <{iri}>, which the server holds: "
                          "give the Graph Store URL (e.g. '#store=data' after the query URL for "
                          "Fuseki)"),
    # -- queries (graph/query, graph/store) ------------------------------------------------
    "not_select": ("geen SELECT-query", "not a SELECT query"),
    "not_ask": ("geen ASK-query", "not an ASK query"),
    "not_construct": ("geen CONSTRUCT- of DESCRIBE-query", "not a CONSTRUCT or DESCRIBE query"),
    "not_iri": ("geen IRI: {iri!r}", "not an IRI: {iri!r}"),
    "bad_variable": ("ongeldige variabelenaam {name!r}", "bad variable name {name!r}"),
    "read_only_updates": ("wijzigingen zijn hier niet toegestaan; dit is een console die alleen "
                          "leest", "updates are not allowed here; this is a read-only console"),
    "console_updates": ("wijzigingen worden geweigerd: de console leest alleen",
                        "updates are refused: the console is read-only"),
    "console_refused": ("geweigerd ({reason}{detail})", "refused ({reason}{detail})"),
    "stopped_after": ("gestopt na {seconds:g} s", "stopped after {seconds:g} s"),
    "query_file_missing": ("queryfile {name!r} niet gevonden", "query file {name!r} not found"),
    "too_deep": ("haakjes {depth} diep genest; er worden er hoogstens {limit} gelezen",
                 "brackets nested {depth} deep; at most {limit} are read"),
    # -- analyses (graph/analytics) --------------------------------------------------------
    "two_domains": ("geef twee domeinen, of geen voor de hele matrix",
                    "give two domains, or none for the whole matrix"),
    "two_different_domains": ("kies twee verschillende domeinen, niet twee keer {item}",
                              "choose two different domains, not {item} twice"),
    "two_different_items": ("kies twee verschillende items, niet twee keer {item}",
                            "choose two different items, not {item} twice"),
    "shared_domains": ("{a} en {b} delen domeinen: kies twee kanten zonder gemeenschappelijk "
                       "domein", "{a} and {b} share domains: choose two sides without a domain "
                       "in common"),
    "obstacles_or_domains": ("rangschik oplossingen voor belemmeringen of voor twee domeinen, "
                             "niet voor allebei of geen van beide",
                             "rank solutions for obstacles or for two domains, not both or "
                             "none"),
    "one_obstacle": ("kies minstens één belemmering", "choose at least one obstacle"),
    "no_pair": ("geen domeinpaar ({a}, {b}) in de matrix",
                "no domain pair ({a}, {b}) in the matrix"),
    "bad_basis": ("grond {basis!r}: gebruik {options}", "basis {basis!r}: use one of {options}"),
    "bad_map_basis": ("grond {basis!r}: gebruik any, stated of derived",
                      "basis {basis!r}: use any, stated or derived"),
    "no_cell": ("geen cel ({a}, {b}) in de kaart ({view})",
                "no cell ({a}, {b}) in the {view} map"),
    "bad_view": ("weergave {view!r}: gebruik {options}", "view {view!r}: use {options}"),
    "bad_facet": ("filter {facet!r}: gebruik {options}", "filter {facet!r}: use one of {options}"),
    # -- export (graph/export) -------------------------------------------------------------
    "pdf_needs_pango": ("PDF vraagt WeasyPrint en Pango ({words}); schrijf .html en druk dat "
                        "af vanuit een browser, of installeer Pango (Debian: apt-get install "
                        "libpango-1.0-0)",
                        "PDF needs WeasyPrint and Pango ({words}); write .html and print it "
                        "from a browser, or install Pango (Debian: apt-get install "
                        "libpango-1.0-0)"),
    "unknown_toolbox_format": ("onbekend formaat voor de gereedschapskist {what!r}; gebruik "
                               ".html, .md of .pdf",
                               "unknown toolbox format {what!r}; use .html, .md or .pdf"),
    # -- the command line (graph/cli) ------------------------------------------------------
    "error": ("fout: {text}", "error: {text}"),
    "os_error": ("{what}: {name}", "{what}: {name}"),
    "not_found": ("bestand of map niet gevonden", "no such file or directory"),
    "no_access": ("geen toegang", "permission denied"),
    "is_a_directory": ("dit is een map, geen bestand", "is a directory"),
    "not_a_directory": ("een deel van het pad is geen map", "not a directory"),
    "name_too_long": ("de naam is te lang", "file name too long"),
    "no_space": ("de schijf is vol", "no space left on device"),
    "binary_needs_file": ("{fmt} is binair of een tabel; geef een bestand met -o",
                          "{fmt} is binary or a table; give a file with -o"),
    "app_missing": ("{path} niet gevonden (de app draait vanuit een broncode-checkout)",
                    "{path} not found (the app runs from a source checkout)"),
    "negative_depth": ("--depth moet 0 of meer zijn", "--depth must be 0 or more"),
}


class ParserWords:
    """What an engine parser (pyoxigraph's Turtle, N-Triples, SPARQL, ...) said, in English:
    :meth:`text` gives the common messages in Dutch and quotes any other as it is."""

    __slots__ = ("words",)

    #: (pattern, Dutch) for the messages people meet most; ``\\1`` keeps what was matched
    DUTCH = (
        (r"A dot is expected at the end of statements", "aan het eind van elke bewering hoort "
                                                        "een punt"),
        (r"expected one of (.*)", r"verwacht een van: \1"),
        (r"expected (.*)", r"verwacht \1"),
        (r"The prefix (.*) has not been declared", r"het voorvoegsel \1 is niet gedeclareerd"),
        (r"Unexpected end of file", "het bestand houdt onverwacht op"),
        (r"unexpected end of file", "het bestand houdt onverwacht op"),
    )

    def __init__(self, words: object) -> None:
        self.words = str(words).strip()

    def text(self, lang: str = "en") -> str:
        if lang != "nl":
            return self.words
        for pattern, dutch in self.DUTCH:
            if re.fullmatch(pattern, self.words):
                return re.sub(pattern, dutch, self.words)
        return f"de lezer meldt (in het Engels): “{self.words}”"

    def __str__(self) -> str:
        return self.words

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ParserWords) and other.words == self.words

    def __hash__(self) -> int:
        return hash(self.words)
