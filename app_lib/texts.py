"""Every text the app shows, in Dutch and English: ``key → (nl, en)``.

Looked up with :func:`app_lib.state.t`. A test checks that both languages are filled in.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # -- frame and navigation
    "language": ("Taal", "Language"),
    "nav_start": ("Zoeken", "Search"),
    "nav_obstacle": ("Belemmering", "Obstacle"),
    "nav_solution": ("Oplossing", "Solution"),
    "nav_bridges": ("Domeinbruggen", "Domain bridges"),
    "nav_network": ("Netwerk", "Network"),
    "nav_routes": ("Routes", "Routes"),
    "nav_players": ("Sleutelspelers", "Key players"),
    "nav_agenda": ("Wijkagenda", "Neighbourhood agenda"),
    "nav_sparql": ("SPARQL-console", "SPARQL console"),
    "nav_export": ("Exporteren", "Export"),
    "nav_quality": ("Kwaliteit", "Quality"),
    "nav_edit": ("Bewerken", "Edit"),
    "section_work": ("Wijkwerk", "Neighbourhood work"),
    "section_research": ("Onderzoek", "Research"),
    "section_editors": ("Redactie", "Editors"),
    "err_generic": ("Er ging iets mis bij het maken van deze weergave. Probeer het opnieuw of "
                    "kies iets anders; de details staan in het logboek.",
                    "Something went wrong while making this view. Try again or choose "
                    "something else; the details are in the log."),
    "err_unknown": ("‘{value}’ staat niet in de kennisbank.",
                    "‘{value}’ is not in the knowledge base."),
    "empty_kind": ("De kennisbank bevat hier nog niets.",
                   "The knowledge base holds nothing here yet."),
    "none": ("—", "—"),
    # -- start
    "app_title": ("Wijkgraaf", "Wijkgraaf"),
    "tagline": ("Belemmeringen en oplossingen voor **domeinoverstijgend wijkgericht werken**: "
                "zoek je belemmering, zie wat werkt, wie je nodig hebt en op welke grond.",
                "Obstacles and solutions for **cross-domain neighbourhood work**: find your "
                "obstacle, see what works, whom you need and on what basis."),
    "search_label": ("Zoek een belemmering, oplossing, domein of organisatie",
                     "Search for an obstacle, solution, domain or organisation"),
    "choose_options": ("Kies een of meer", "Choose one or more"),
    "choose_option": ("Kies er een", "Choose one"),
    "list_first": ("De tabel toont de eerste {shown} van {n}.",
                   "The table shows the first {shown} of {n}."),
    "list_more": ("Hier staan de eerste {shown} van {n}.", "These are the first {shown} of {n}."),
    "list_more_csv": ("Hier staan de eerste {shown} van {n}; de CSV bevat ze allemaal.",
                      "These are the first {shown} of {n}; the CSV holds them all."),
    "picker_find": ("{label}: zoeken", "{label}: search"),
    "picker_find_placeholder": ("Typ een deel van de naam of code ({n} in totaal)",
                                "Type part of the name or code ({n} in all)"),
    "picker_shown": ("De lijst toont de eerste {shown} van {n}; typ om verder te zoeken.",
                     "The list shows the first {shown} of {n}; type to narrow it down."),
    "picker_none": ("Niets gevonden voor '{words}'.", "Nothing found for '{words}'."),
    "search_placeholder": ("bijv. gegevens delen, huurachterstand, schotten tussen budgetten",
                           "e.g. data sharing, rent arrears, siloed budgets"),
    "search_none": ("Niets gevonden voor ‘{q}’. Probeer andere of minder woorden.",
                    "Nothing found for ‘{q}’. Try other or fewer words."),
    "search_none_words": ("Niets gevonden voor ‘{q}’ (gezocht op: {words}). Probeer andere "
                          "woorden, of begin bij een van de vragen hieronder.",
                          "Nothing found for ‘{q}’ (searched for: {words}). Try other words, "
                          "or start from one of the questions below."),
    "search_did_you_mean": ("Bedoelde je *{words}*?", "Did you mean *{words}*?"),
    "search_unknown": ("Niet in de kennisbank: {words}.", "Not in the knowledge base: {words}."),
    "search_topics": ("Onderwerpen in de kennisbank", "Topics in the knowledge base"),
    "search_topics_near": ("Onderwerpen die erop lijken", "Topics that look like it"),
    "search_more": ("en nog {n} …", "and {n} more …"),
    "entry_title": ("Waar wil je mee beginnen?", "Where would you like to start?"),
    "entry_bridges": ("Welke oplossingen verbinden gezondheid en wonen?",
                      "Which solutions bridge health and housing?"),
    "entry_data": ("We mogen geen gegevens delen. Wat kan wél?",
                   "We may not share data. What can we do?"),
    "entry_route": ("Hoe kom ik van het wijkteam bij de woningcorporatie?",
                    "How do I get from the neighbourhood team to the housing association?"),
    "entry_players": ("Wie verbindt het sociale en het fysieke domein?",
                      "Who connects the social and the physical domain?"),
    "entry_gaps": ("Waar zitten de witte vlekken?", "Where are the white spots?"),
    "entry_agenda": ("Stel een wijkagenda op voor mijn wijk",
                     "Draft a neighbourhood agenda for my area"),
    "start_hint": ("Tip: elke weergave heeft een eigen adres. Kopieer de link in de adresbalk "
                   "om hem te delen.",
                   "Tip: every view has its own address. Copy the link in the address bar to "
                   "share it."),
    "sources": ("Bronnen", "Sources"),
    "no_sources": ("Geen bronnen vermeld.", "No sources given."),
    # -- obstacle and solution pages
    "choose_obstacle": ("Belemmering", "Obstacle"),
    "choose_solution": ("Oplossing", "Solution"),
    "uncertain": ("Onzeker", "Uncertain"),
    "arises_between": ("Ontstaat tussen", "Arises between"),
    "themes": ("Thema's", "Themes"),
    "legal_frames": ("Wettelijk kader", "Legal frames"),
    "article_short": ("art.", "art."),
    "solutions_ranked": ("Oplossingen ({n}), best passend eerst",
                         "Solutions ({n}), best fit first"),
    "open_gap": ("Een bekende witte vlek: hiervoor is nog geen oplossing opgenomen.",
                 "A known white spot: no solution has been recorded for this yet."),
    "no_solutions": ("Nog geen oplossingen opgenomen voor deze belemmering.",
                     "No solutions recorded for this obstacle yet."),
    "why": ("Waarom", "Why"),
    "evidence": ("Bewijsniveau", "Evidence level"),
    "not_stated": ("niet vermeld", "not stated"),
    "effort": ("Inspanning", "Effort"),
    "implementation": ("Uitvoeringsniveau", "Implementation level"),
    "time_horizon": ("Termijn", "Time horizon"),
    "decision_level": ("Beslisniveau", "Decision level"),
    "bridges": ("Verbindt", "Bridges"),
    "who_joins": ("Wie moet meedoen", "Who must take part"),
    "cases_n": ("Praktijkvoorbeelden ({n})", "Practice cases ({n})"),
    "no_cases": ("Nog geen praktijkvoorbeelden opgenomen.", "No practice cases recorded yet."),
    "show_network": ("Bekijk in het netwerk", "Show in the network"),
    "escalation": ("escalatieroute", "escalation route"),
    "legal_change": ("vraagt wetswijziging", "needs a change in the law"),
    "no_legal_change": ("kan zonder wetswijziging", "works without a change in the law"),
    "how_to_start": ("Zo begin je", "How to start"),
    "addresses_n": ("Pakt {n} belemmeringen aan", "Addresses {n} obstacles"),
    "addresses_n_one": ("Pakt 1 belemmering aan", "Addresses 1 obstacle"),
    "domains_bridged": ("Verbindt de domeinen", "Bridges the domains"),
    "stated": ("Uitdrukkelijk", "Stated"),
    "derived": ("Afgeleid", "Derived"),
    "derived_help": ("Afgeleid: domeinen van de belemmeringen die deze oplossing aanpakt.",
                     "Derived: domains of the obstacles this solution addresses."),
    "decided_by": ("Besluit door", "Decided by"),
    "legal_basis": ("Juridische grondslag", "Legal basis"),
    "programmes": ("Programma's en fondsen", "Programmes and funds"),
    "related": ("Verwante oplossingen", "Related solutions"),
    "since_year": ("sinds {year}", "since {year}"),
    "outcome": ("Resultaat", "Outcome"),
    "applies": ("Past toe", "Applies"),
    "organisations": ("Organisaties", "Organisations"),
    "contact": ("Aanspreekpunt", "Contact"),
    "case_more": ("Wat gebeurde er en met welk resultaat", "What happened and with what result"),
    # -- domain bridges: the evidence-and-gap map
    "bridges_title": ("Domeinbruggen", "Domain bridges"),
    "bridges_intro": ("Welke oplossingen verbinden welke domeinen, hoe sterk is hun bewijs, en "
                      "waar ontbreekt een antwoord? Elke bubbel is een cel van de kaart: hoe "
                      "groter, hoe meer oplossingen; de kleur is het sterkste bewijs in de cel. "
                      "Een rode stippelrand is een witte vlek.",
                      "Which solutions bridge which domains, how strong is their evidence, and "
                      "where is an answer missing? Each bubble is a cell of the map: the larger, "
                      "the more solutions; its colour is the strongest evidence in the cell. A "
                      "dashed red frame is a white spot."),
    "bm_view": ("Kaart", "Map"),
    "bm_view_domains": ("Domein × domein", "Domain × domain"),
    "bm_view_categories": ("Soort belemmering × domein", "Obstacle category × domain"),
    "bridges_derived": ("Tel ook afgeleide bruggen", "Also count derived bridges"),
    "bridges_derived_help": ("Uit: alleen bruggen die de bron noemt. Aan: ook oplossingen die "
                             "belemmeringen in beide domeinen aanpakken.",
                             "Off: only bridges the source states. On: also solutions that "
                             "address obstacles in both domains."),
    "bm_derived_what": ("Wat is afgeleid?", "What does derived mean?"),
    "bm_derived_explain": (
        "**Genoemd** (volle bubbel): de bron van de oplossing zegt dat ze deze domeinen "
        "verbindt.\n\n**Afgeleid** (lichte bubbel eromheen): Wijkgraaf leidt het af uit de "
        "belemmeringen die de oplossing aanpakt. Ze verbindt twee domeinen als minstens één, en "
        "minstens de helft, van die belemmeringen beide domeinen raakt. Eén algemene "
        "belemmering tussen veel specifieke maakt een oplossing dus geen brug naar alles.\n\n"
        "In de kaart *soort belemmering × domein* telt een oplossing als ze een belemmering van "
        "die soort in dat domein aanpakt; vol als haar bron het domein ook noemt.",
        "**Stated** (solid bubble): the solution's source says it bridges these domains."
        "\n\n**Derived** (light bubble around it): Wijkgraaf derives it from the obstacles the "
        "solution addresses. It bridges two domains when at least one, and at least half, of "
        "those obstacles affect both domains. One general obstacle among many specific ones "
        "does not make a solution a bridge to everything.\n\nIn the map *obstacle category × "
        "domain* a solution counts when it addresses an obstacle of that category in that "
        "domain; solid when its source names the domain as well."),
    "bm_filters": ("Filters", "Filters"),
    "bm_filters_on": ("Filters ({n} aan)", "Filters ({n} on)"),
    "bm_f_theme": ("Thema", "Theme"),
    "bm_f_organisation_type": ("Organisatietype dat meedoet", "Organisation type taking part"),
    "bm_f_effort": ("Inspanning", "Effort"),
    "bm_f_decision": ("Wie besluit (een professional kan zelf beginnen)",
                      "Who decides (a professional can start it)"),
    "bm_f_evidence": ("Bewijsniveau", "Evidence level"),
    "bm_f_area": ("Gemeente of wijk met praktijkvoorbeelden",
                  "Municipality or area with practice cases"),
    "bm_filters_help": ("Filters beperken de oplossingen die meetellen; een thema beperkt ook "
                        "de belemmeringen. Binnen een filter telt elke gekozen waarde, tussen "
                        "filters moeten ze allemaal kloppen.",
                        "Filters narrow the solutions that count; a theme narrows the "
                        "obstacles too. Within a filter any chosen value counts; across "
                        "filters all must hold."),
    "bm_passing": ("{n} van de {total} oplossingen tellen mee.",
                   "{n} of the {total} solutions count."),
    "bm_passing_one": ("1 van de {total} oplossingen telt mee.",
                       "1 of the {total} solutions counts."),
    "bm_finding_none": ("**Geen witte vlekken** met deze filters: elke belemmering in elke cel "
                        "heeft een oplossing, en geen cel heeft meer belemmeringen dan "
                        "oplossingen.",
                        "**No white spots** with these filters: every obstacle in every cell "
                        "has a solution, and no cell has more obstacles than solutions."),
    "bm_finding": ("**Witte vlekken in {n} van de {total} cellen.** Daar zijn meer "
                   "belemmeringen dan oplossingen, of belemmeringen zonder oplossing. Het "
                   "grootst:",
                   "**White spots in {n} of the {total} cells.** There are more obstacles "
                   "than solutions there, or obstacles without a solution. The largest:"),
    "bm_finding_one": ("**Eén witte vlek** van de {total} cellen: daar zijn meer belemmeringen "
                       "dan oplossingen, of belemmeringen zonder oplossing.",
                       "**One white spot** among the {total} cells: there are more obstacles "
                       "than solutions there, or obstacles without a solution."),
    "bm_open_only": ("de enige belemmering heeft geen oplossing",
                     "its only obstacle has no solution"),
    "bm_open_none_of": ("geen van de {o} belemmeringen heeft een oplossing",
                        "none of its {o} obstacles has a solution"),
    "bm_open_of": ("{n} van de {o} belemmeringen hebben geen oplossing",
                   "{n} of its {o} obstacles have no solution"),
    "bm_open_of_one": ("1 van de {o} belemmeringen heeft geen oplossing",
                       "1 of its {o} obstacles has no solution"),
    "bm_thin": ("{o} belemmeringen", "{o} obstacles"),
    "bm_thin_one": ("1 belemmering", "1 obstacle"),
    "bm_sols": ("{n} oplossingen", "{n} solutions"),
    "bm_sols_one": ("1 oplossing", "1 solution"),
    "bm_sols_zero": ("geen enkele oplossing", "no solution at all"),
    "bm_more_gaps": ("En nog {n} cellen met een witte vlek (rood omrand in de kaart).",
                     "And {n} more cells with a white spot (framed in red on the map)."),
    "bm_more_gaps_one": ("En nog 1 cel met een witte vlek (rood omrand in de kaart).",
                         "And 1 more cell with a white spot (framed in red on the map)."),
    "bm_open_cell": ("Open", "Open"),
    "bm_legend": ("Oppervlak van de bubbel: aantal oplossingen. Vol: genoemd door de bron; "
                  "licht eromheen: ook afgeleid. Kleur: sterkste bewijs in de cel. Rode "
                  "stippelrand: witte vlek. Het getal in de hoek is het aantal oplossingen.",
                  "Area of the bubble: number of solutions. Solid: stated by the source; light "
                  "around it: derived too. Colour: strongest evidence in the cell. Dashed red "
                  "frame: white spot. The number in the corner is the number of solutions."),
    "bm_evidence": ("Sterkste bewijs", "Strongest evidence"),
    "bm_no_evidence": ("niet vastgelegd", "not recorded"),
    "bm_stated_word": ("vol: genoemd", "solid: stated"),
    "bm_derived_word": ("licht: ook afgeleid", "light: derived too"),
    "bm_gap_word": ("witte vlek", "white spot"),
    "bm_size_word": ("Oppervlak: aantal oplossingen (grootste cel: {n})",
                     "Area: number of solutions (largest cell: {n})"),
    "bm_row_domain": ("Domein", "Domain"),
    "bm_col_domain": ("en domein", "and domain"),
    "bm_row_category": ("Soort belemmering", "Obstacle category"),
    "bm_solutions": ("Oplossingen", "Solutions"),
    "bm_stated": ("Genoemd door de bron", "Stated by the source"),
    "bm_obstacles": ("Belemmeringen", "Obstacles"),
    "bm_uncovered": ("Zonder oplossing", "Without a solution"),
    "bm_alt": ("Bubbelkaart van {rows} tegen domeinen: per cel het aantal oplossingen en hun "
               "sterkste bewijs; witte vlekken rood omrand.",
               "Bubble map of {rows} against domains: per cell the number of solutions and "
               "their strongest evidence; white spots framed in red."),
    "bm_rows_domains": ("domeinen", "domains"),
    "bm_rows_categories": ("soorten belemmeringen", "obstacle categories"),
    "bm_click": ("Klik op een bubbel om de cel te openen, of kies de cel hieronder (ook met het "
                 "toetsenbord).",
                 "Click a bubble to open its cell, or choose the cell below (keyboard too)."),
    "bm_cell": ("Cel", "Cell"),
    "bm_cell_option": ("{row} × {col} · {sols}", "{row} × {col} · {sols}"),
    "bm_cell_summary": ("{sols} · {obs}, waarvan {open} zonder oplossing in deze cel.",
                        "{sols} · {obs}, {open} of them without a solution in this cell."),
    "bm_obs": ("{n} belemmeringen", "{n} obstacles"),
    "bm_obs_one": ("1 belemmering", "1 obstacle"),
    "bm_ranked": ("Oplossingen, best passend eerst ({n})", "Solutions, best fit first ({n})"),
    "bm_top_of": ("De beste {n} van de {total} oplossingen in deze cel staan hier, en in de "
                  "CSV. Met de filters maak je de cel kleiner.",
                  "The best {n} of the {total} solutions in this cell are shown here, and in "
                  "the CSV. Use the filters to make the cell smaller."),
    "bm_cell_empty": ("Geen oplossing in deze cel met deze filters: een witte vlek.",
                      "No solution in this cell with these filters: a white spot."),
    "bm_cell_open": ("Belemmeringen zonder oplossing in deze cel ({n})",
                     "Obstacles without a solution in this cell ({n})"),
    "bm_cell_all_covered": ("Elke belemmering in deze cel heeft een oplossing.",
                            "Every obstacle in this cell has a solution."),
    "bm_cell_no_obstacles": ("Geen belemmering in deze cel.", "No obstacle in this cell."),
    "bm_chip_stated": ("genoemd", "stated"),
    "bm_chip_derived": ("afgeleid", "derived"),
    "bm_svg": ("Kaart als SVG", "Map as SVG"),
    "bm_png": ("Kaart als PNG", "Map as PNG"),
    "bm_csv": ("Cel als CSV", "Cell as CSV"),
    "bm_csv_kind": ("soort", "kind"),
    "bm_csv_rank": ("plaats", "rank"),
    "bm_csv_id": ("id", "id"),
    "bm_csv_name": ("naam", "name"),
    "bm_csv_basis": ("brug", "bridge"),
    "bm_csv_evidence": ("bewijsniveau", "evidence level"),
    "bm_csv_decides": ("wie besluit", "who decides"),
    "bm_csv_effort": ("inspanning", "effort"),
    "bm_csv_applied": ("toegepast in", "applied in"),
    "bm_csv_reason": ("waarom", "why"),
    "bm_csv_solution": ("oplossing", "solution"),
    "bm_csv_open": ("belemmering zonder oplossing", "obstacle without a solution"),
    "bm_same": ("Kies twee verschillende domeinen.", "Choose two different domains."),
    "gaps_unsolved": ("Belemmeringen zonder enige oplossing ({n})",
                      "Obstacles without any solution ({n})"),
    "gaps_unsolved_one": ("Eén belemmering zonder enige oplossing",
                          "One obstacle without any solution"),
    "open_gap_short": ("bekende witte vlek", "known white spot"),
    "show_all": ("Toon alle {n}", "Show all {n}"),
    "show_first": ("Toon de eerste {n}", "Show the first {n}"),
    # -- network
    "net_title": ("Netwerk", "Network"),
    "net_intro": ("De omgeving van één item in de kennisbank: wat ermee verbonden is, tot drie "
                  "stappen ver. Sleep, zoom en wijs een punt aan voor details.",
                  "The surroundings of one item in the knowledge base: what is linked to it, "
                  "up to three steps away. Drag, zoom and point at a node for details."),
    "net_centre": ("Midden", "Centre"),
    "net_depth": ("Diepte (stappen)", "Depth (steps)"),
    "net_kinds": ("Toon soorten", "Show kinds"),
    "net_domains": ("Alleen domeinen", "Only domains"),
    "net_all_domains": ("alle domeinen", "all domains"),
    "net_cap": ("Max. punten", "Max. nodes"),
    "net_capped": ("Ingekort: {shown} van de {total} punten binnen bereik worden getoond "
                   "(de dichtstbijzijnde en best verbonden eerst). Verklein de diepte of "
                   "filter op soort of domein om de rest te zien.",
                   "Trimmed: {shown} of the {total} nodes in reach are shown (the nearest and "
                   "best connected first). Lower the depth or filter by kind or domain to see "
                   "the rest."),
    "net_size": ("{shown} punten, {edges} verbindingen.", "{shown} nodes, {edges} links."),
    "net_help": ("Kleur en vorm tonen de soort (zie de legenda); het dikke punt is het midden.",
                 "Colour and shape show the kind (see the legend); the large node is the "
                 "centre."),
    "net_open": ("Open de pagina van ‘{label}’", "Open the page of ‘{label}’"),
    "net_expand": ("Uitvouwen", "Expand"),
    "net_expand_placeholder": ("Kies een punt om al zijn buren te tonen",
                               "Choose a node to show all its neighbours"),
    "net_expand_help": ("Toont alle buren van één punt in het plaatje, ook voorbij het "
                        "maximum.", "Shows every neighbour of one node in the picture, even "
                        "beyond the maximum."),
    # -- overviews and the not-found page (app_lib/overview.py)
    "overview_obstacle_title": ("Belemmeringen", "Obstacles"),
    "overview_solution_title": ("Oplossingen", "Solutions"),
    "overview_obstacle_intro": ("Alle belemmeringen in de kennisbank. Filter op domein, thema "
                                "of categorie en open er een.",
                                "Every obstacle in the knowledge base. Filter by domain, theme "
                                "or category and open one."),
    "overview_solution_intro": ("Alle oplossingen in de kennisbank. Filter op domein, thema "
                                "of bewijsniveau en open er een.",
                                "Every solution in the knowledge base. Filter by domain, theme "
                                "or evidence level and open one."),
    "overview_domain": ("Domein", "Domain"),
    "overview_theme": ("Thema", "Theme"),
    "overview_obstacle_category": ("Categorie", "Category"),
    "overview_solution_category": ("Bewijsniveau", "Evidence level"),
    "overview_all": ("alle", "all"),
    "overview_obstacle_count": ("{n} van de {total} belemmeringen",
                                "{n} of the {total} obstacles"),
    "overview_obstacle_count_one": ("1 van de {total} belemmeringen",
                                    "1 of the {total} obstacles"),
    "overview_solution_count": ("{n} van de {total} oplossingen", "{n} of the {total} solutions"),
    "overview_solution_count_one": ("1 van de {total} oplossingen",
                                    "1 of the {total} solutions"),
    "overview_obstacle_all": ("Alle belemmeringen", "All obstacles"),
    "overview_solution_all": ("Alle oplossingen", "All solutions"),
    "notfound_title": ("Niet gevonden", "Not found"),
    "notfound_closest": ("Bedoelde je een van deze?", "Did you mean one of these?"),
    # -- routes
    "routes_title": ("Routes", "Routes"),
    "routes_intro": ("Hoe hangen twee dingen samen? Kies een begin en een eind, bijvoorbeeld je "
                     "eigen organisatietype en een organisatie waarmee je wilt samenwerken, of "
                     "een belemmering en een wet. Elke route wordt getekend en in één zin "
                     "uitgelegd.",
                     "How are two things connected? Choose a start and an end, for example your "
                     "own organisation type and one you want to work with, or an obstacle and "
                     "a law. Each route is drawn and explained in one sentence."),
    "route_from": ("Van", "From"),
    "route_to": ("Naar", "To"),
    "route_k": ("Aantal routes", "Number of routes"),
    "route_hubs": ("Ook via thema's", "Also through themes"),
    "route_hubs_help": ("Thema's verbinden bijna alles met alles; daarom lopen routes er "
                        "standaard niet doorheen.",
                        "Themes connect almost everything with everything, so by default "
                        "routes do not pass through them."),
    "route_same": ("Kies twee verschillende items.", "Choose two different items."),
    "route_none": ("Er is geen route tussen deze twee in de kennisbank.",
                   "There is no route between these two in the knowledge base."),
    "routes_found": ("De {n} kortste routes", "The {n} shortest routes"),
    "routes_found_one": ("De kortste route", "The shortest route"),
    "route_n": ("Route {n} · {steps} stappen", "Route {n} · {steps} steps"),
    "route_n_one": ("Route {n} · 1 stap", "Route {n} · 1 step"),
    "routes_shared": ("Gedeelde problemen (geen route)", "Shared problems (not a route)"),
    "routes_shared_help": ("Belemmeringen die bij allebei ontstaan of die allebei raken. Dat "
                           "verbindt ze nog niet: een route loopt via een oplossing, een "
                           "praktijkvoorbeeld, een programma of een organisatie.",
                           "Obstacles that arise at both or affect both. That does not yet "
                           "connect them: a route runs through a solution, a practice case, a "
                           "programme or an organisation."),
    "agenda_local": ("Wat de kennisbank over {area} weet",
                     "What the knowledge base knows of {area}"),
    "agenda_local_cases": ("Praktijk hier en in de gemeente",
                           "Practice here and in the municipality"),
    "agenda_local_programmes": ("Programma's die hier lopen", "Programmes running here"),
    "agenda_local_orgs": ("Organisaties hier", "Organisations here"),
    "agenda_unmatched": ("Geen belemmering gevonden voor '{w}'", "No obstacle found for '{w}'"),
    "route_legend": ("Van links naar rechts: van het begin naar het eind. Kleur en vorm tonen "
                     "de soort.",
                     "Left to right: from the start to the end. Colour and shape show the "
                     "kind."),
    # -- key players
    "players_title": ("Sleutelspelers", "Key players"),
    "players_view": ("Vraag", "Question"),
    "players_brokers": ("Organisatietypen die verbinden", "Organisation types that connect"),
    "players_bridgers": ("Verbindende oplossingen", "Bridging solutions"),
    "players_reach": ("Breedste bereik", "Widest reach"),
    "players_clusters": ("Clusters", "Clusters"),
    "players_question_groups": ("Wie verbindt het sociale en het fysieke domein?",
                                "Who connects the social and the physical domain?"),
    "players_question": ("Wie verbindt {a} en {b}?", "Who connects {a} and {b}?"),
    "players_side_a": ("Tussen", "Between"),
    "players_side_b": ("en", "and"),
    "players_overlap": ("Kies twee verschillende kanten zonder gemeenschappelijk domein, "
                        "bijvoorbeeld het sociaal en het fysiek domein, of twee domeinen.",
                        "Choose two different sides without a domain in common, for example "
                        "the social and the physical domain, or two domains."),
    "players_none": ("Niets in de kennisbank verbindt deze twee kanten.",
                     "Nothing in the knowledge base connects these two sides."),
    "players_explain_brokers": (
        "De organisatietypen die meedoen aan oplossingen en praktijkvoorbeelden die beide "
        "kanten verbinden, met waaraan ze meedoen.",
        "The organisation types that take part in solutions and practice cases joining both "
        "sides, with what they take part in."),
    "players_explain_bridgers": (
        "De oplossingen die beide kanten verbinden, in dezelfde volgorde als op de pagina's "
        "van belemmeringen en domeinbruggen, met de reden voor elk.",
        "The solutions that join both sides, in the same order as on the obstacle and domain "
        "bridge pages, with the reason for each."),
    "players_explain_reach": (
        "**Belemmeringen met het breedste bereik.** Hoeveel domeinen en organisatietypen een "
        "belemmering raakt: waar ze ontstaat en wie nodig is voor de oplossingen.",
        "**Obstacles with the widest reach.** How many domains and organisation types an "
        "obstacle touches: where it arises and who is needed for its solutions."),
    "players_explain_clusters": (
        "**Clusters** van belemmeringen en oplossingen die vaak samen voorkomen: via wat een "
        "oplossing aanpakt, praktijkvoorbeelden en verwante oplossingen (Louvain-methode).",
        "**Clusters** of obstacles and solutions that often go together: through what a "
        "solution addresses, practice cases and related solutions (Louvain method)."),
    "players_order": ("Hoe komt deze volgorde tot stand?", "How is this order made?"),
    "players_order_reach": (
        "Volgorde: eerst het aantal domeinen en organisatietypen samen; bij gelijke stand het "
        "aantal domeinen; dan hoe centraal de belemmering in het hele netwerk ligt (PageRank).",
        "Order: first the number of domains and organisation types together; on a tie, the "
        "number of domains; then how central the obstacle lies in the whole network "
        "(PageRank)."),
    "players_shared_note": ("Wie op alle punten gelijk staat, deelt een plaats (*gedeeld 3e*); "
                            "dan staan ze op volgorde van code.",
                            "Whoever is equal on every point shares a place (*joint 3rd*); "
                            "they are then listed by code."),
    "players_ahead_by": ("Bij gelijke stand hoger door: {why}.", "On a tie, ahead by: {why}."),
    "players_all": ("De hele ranglijst ({n})", "The whole ranking ({n})"),
    "players_tie": ("Bij gelijke stand", "On a tie"),
    "players_measures_organisation_type": (
        "Voor onderzoekers: de netwerkmaten van organisatietypen",
        "For researchers: the network measures of organisation types"),
    "players_measures_solution": ("Voor onderzoekers: de netwerkmaten van oplossingen",
                                  "For researchers: the network measures of solutions"),
    "players_measures_intro_organisation_type": (
        "Twee organisatietypen werken samen als ze bij dezelfde oplossing of hetzelfde "
        "praktijkvoorbeeld horen. Een makelaar in dat netwerk ligt op veel kortste verbindingen "
        "tussen anderen (*tussenpositie*), heeft partners die elkaar niet kennen (*effectieve "
        "omvang*) en hangt niet af van één groep (lage *beperking*). Deze maten kijken naar "
        "alle domeinen tegelijk, niet naar de twee kanten hierboven.",
        "Two organisation types work together when they belong to the same solution or "
        "practice case. A broker in that network lies on many shortest links between others "
        "(*betweenness*), has partners who do not know each other (*effective size*) and does "
        "not depend on one group (low *constraint*). These measures look at all domains at "
        "once, not at the two sides above."),
    "players_measures_intro_solution": (
        "Hoe meer domeinen een oplossing verbindt en hoe meer verbindingen tussen domeinen via "
        "haar lopen (*tussenpositie*), hoe hoger; bij gelijke stand het aantal domeinen, dan "
        "het aantal praktijkvoorbeelden, dan het bewijsniveau. Deze maten kijken naar alle "
        "domeinen tegelijk.",
        "The more domains a solution bridges and the more links between domains run through it "
        "(*betweenness*), the higher; on a tie the number of domains, then the number of "
        "practice cases, then the evidence level. These measures look at all domains at "
        "once."),
    "place": ("Plaats", "Place"),
    "name": ("Naam", "Name"),
    "meaning": ("Wat het betekent", "What it means"),
    "m_betweenness": ("Tussenpositie", "Betweenness"),
    "m_effective_size": ("Effectieve omvang", "Effective size"),
    "m_constraint": ("Beperking", "Constraint"),
    "m_partners": ("Partners", "Partners"),
    "m_domains": ("Domeinen", "Domains"),
    "m_pagerank": ("PageRank", "PageRank"),
    "m_organisation_types": ("Organisatietypen", "Organisation types"),
    "m_solutions": ("Oplossingen", "Solutions"),
    "m_cases": ("Praktijkvoorbeelden", "Practice cases"),
    "cluster_title": ("Cluster {n}: {name} ({size})", "Cluster {n}: {name} ({size})"),
    # -- wijkagenda
    "agenda_title": ("Wijkagenda", "Neighbourhood agenda"),
    "agenda_intro": ("Kies je wijk en de belemmeringen die daar spelen. Wijkgraaf stelt een "
                     "kleine set oplossingen voor die ze samen aanpakt, zegt wie je moet "
                     "uitnodigen en wat open blijft, en maakt er een document van voor het "
                     "overleg.",
                     "Choose your area and the obstacles met there. Wijkgraaf proposes a small "
                     "set of solutions that together address them, says whom to invite and "
                     "what stays open, and turns it into a document for the meeting."),
    "agenda_area": ("Wijk of buurt (naam of CBS-code)", "Area (name or CBS code)"),
    "agenda_area_placeholder": ("Typ een naam of code, bijv. Utrecht of GM0344",
                                "Type a name or code, e.g. Utrecht or GM0344"),
    "agenda_obstacles": ("Belemmeringen in de wijk", "Obstacles in the area"),
    "agenda_obstacles_placeholder": ("Kies een of meer belemmeringen",
                                     "Choose one or more obstacles"),
    "agenda_max": ("Hoogstens zoveel oplossingen (0 = geen grens)",
                   "At most this many solutions (0 = no limit)"),
    "agenda_max_help": ("Een kleine agenda is beter uitvoerbaar; wat buiten de grens valt, "
                        "staat onder ‘Blijft open’.",
                        "A small agenda is easier to carry out; what falls outside the limit "
                        "is listed under ‘Stays open’."),
    "agenda_choose": ("Kies hierboven minstens één belemmering om een wijkagenda te maken.",
                      "Choose at least one obstacle above to make an agenda."),
    "agenda_m_solutions": ("Oplossingen", "Solutions"),
    "agenda_m_covered": ("Aangepakt", "Addressed"),
    "agenda_m_invite": ("Uit te nodigen", "To invite"),
    "agenda_m_open": ("Blijft open", "Stays open"),
    "agenda_proposal": ("Voorgestelde oplossingen", "Proposed solutions"),
    "agenda_empty": ("Voor deze belemmeringen is nog geen oplossing bekend.",
                     "No solution is known yet for these obstacles."),
    "agenda_covers": ("Pakt aan", "Addresses"),
    "agenda_also": ("Helpt ook bij", "Also helps with"),
    "agenda_invite": ("Wie uitnodigen", "Whom to invite"),
    "agenda_for": ("voor", "for"),
    "agenda_open": ("Blijft open", "Stays open"),
    "agenda_all_covered": ("Alle gekozen belemmeringen worden aangepakt.",
                           "Every chosen obstacle is addressed."),
    "agenda_download": ("Meenemen naar het overleg", "Take it to the meeting"),
    "agenda_md": ("Download als Markdown", "Download as Markdown"),
    "agenda_html": ("Download als HTML (printbaar)", "Download as HTML (printable)"),
    "agenda_print_hint": ("Open het HTML-bestand in je browser en kies Afdrukken om er een "
                          "pdf of papieren versie van te maken.",
                          "Open the HTML file in your browser and choose Print to make a PDF "
                          "or paper copy."),
    # -- SPARQL console
    "sparql_title": ("SPARQL-console", "SPARQL console"),
    "sparql_intro": ("Voor onderzoekers: stel elke leesvraag aan de kennisgraaf. Begin met een "
                     "van de competentievragen. De console is alleen-lezen; een vraag stopt na "
                     "{seconds} seconden en geeft hoogstens {rows} rijen.",
                     "For researchers: ask the knowledge graph any read query. Start from one of "
                     "the competency questions. The console is read-only; a query stops after "
                     "{seconds} seconds and returns at most {rows} rows."),
    "sparql_examples": ("Voorbeeldvraag", "Example question"),
    "sparql_editor": ("Zoekvraag (SPARQL 1.1)", "Query (SPARQL 1.1)"),
    "sparql_editor_help": ("SELECT, ASK, CONSTRUCT of DESCRIBE. Wijzigingen (INSERT, DELETE, "
                           "LOAD …) en SERVICE worden geweigerd.",
                           "SELECT, ASK, CONSTRUCT or DESCRIBE. Changes (INSERT, DELETE, "
                           "LOAD …) and SERVICE are refused."),
    "sparql_run": ("Uitvoeren", "Run"),
    "sparql_prefixes": ("Voorvoegsels wg:, wgd:, skos:, dcterms:, org:, rdfs:, xsd: en andere "
                        "zijn al gedeclareerd.",
                        "Prefixes wg:, wgd:, skos:, dcterms:, org:, rdfs:, xsd: and others are "
                        "already declared."),
    "sparql_syntax": ("Fout in de zoekvraag op regel {line}, kolom {column}: {message}",
                      "Error in the query at line {line}, column {column}: {message}"),
    "sparql_update": ("Deze console is alleen-lezen: wijzigingen (INSERT, DELETE, LOAD, …) "
                      "worden geweigerd.",
                      "This console is read-only: changes (INSERT, DELETE, LOAD, …) are "
                      "refused."),
    "sparql_refused": ("Geweigerd: de zoekvraag gebruikt SERVICE of LOAD, of een graaf buiten "
                       "de kennisbank.",
                       "Refused: the query uses SERVICE or LOAD, or a graph outside the "
                       "knowledge base."),
    "sparql_time_limit": ("Gestopt na {seconds} seconden. Maak de vraag kleiner of specifieker.",
                          "Stopped after {seconds} seconds. Make the query smaller or more "
                          "specific."),
    "sparql_failed": ("De zoekvraag kon niet worden uitgevoerd.", "The query could not be run."),
    "sparql_ask": ("Antwoord: {answer}", "Answer: {answer}"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "sparql_rows": ("{n} rijen in {seconds} s", "{n} rows in {seconds} s"),
    "sparql_rows_one": ("1 rij in {seconds} s", "1 row in {seconds} s"),
    "sparql_truncated": ("Afgekapt: alleen de eerste {rows} rijen worden getoond.",
                         "Cut off: only the first {rows} rows are shown."),
    "sparql_csv": ("Download CSV", "Download CSV"),
    "sparql_json": ("Download JSON (SPARQL-resultaten)", "Download JSON (SPARQL results)"),
    "sparql_turtle": ("Download Turtle", "Download Turtle"),
    # -- quality: the knowledge base in figures (graph.kb.kb_report)
    "kbr_title": ("Kennisbank in cijfers", "Knowledge base in figures"),
    "kbr_intro": ("Stand van versie {v} van de kennisbank, naast de doelen van issue 11. "
                  "Dezelfde cijfers geeft `wijkgraaf report`.",
                  "As of version {v} of the knowledge base, beside the targets of issue 11. "
                  "`wijkgraaf report` gives the same figures."),
    "kbr_solutions": ("Oplossingen", "Solutions"),
    "kbr_obstacles": ("Belemmeringen", "Obstacles"),
    "kbr_cases": ("Voorbeelden", "Cases"),
    "kbr_with_case": ("Met voorbeeld", "With a case"),
    "kbr_with_case_help": ("Oplossingen met een Nederlands praktijkvoorbeeld. {target}",
                           "Solutions with a Dutch practice case. {target}"),
    "kbr_local": ("Wijk of buurt", "District level"),
    "kbr_local_help": ("Praktijkvoorbeelden op wijk- of buurtniveau. {target}",
                       "Practice cases at district or neighbourhood level. {target}"),
    "kbr_bridge": ("Brugcel", "Bridge cell"),
    "kbr_bridge_help": ("De volste cel: het grootste aantal oplossingen dat één paar "
                        "domeinen verbindt (genoemd en afgeleid): {a} × {b}. Doel: hoogstens "
                        "de helft van alle oplossingen ({half}).",
                        "The fullest cell: the largest number of solutions bridging one pair "
                        "of domains (stated and derived): {a} × {b}. Target: at most half of "
                        "all solutions ({half})."),
    "kbr_targets": ("Doelen", "Targets"),
    "kbr_figure": ("Cijfer", "Figure"), "kbr_now": ("Nu", "Now"),
    "kbr_target": ("Doel", "Target"), "kbr_met": ("Gehaald", "Met"),
    "kbr_kinds": ("Items per soort", "Items per kind"),
    "kbr_kind": ("Soort", "Kind"), "kbr_number": ("Aantal", "Number"),
    "kbr_per_domain": ("Per domein", "Per domain"), "kbr_domain": ("Domein", "Domain"),
    "kbr_stated": ("Oplossingen", "Solutions"),
    "kbr_stated_help": ("Oplossingen die het domein volgens hun bron verbinden (genoemde "
                        "bruggen).", "Solutions whose source says they bridge the domain "
                        "(stated bridges)."),
    "kbr_per_theme": ("Belemmeringen per thema", "Obstacles per theme"),
    "kbr_theme": ("Thema", "Theme"),
    "kbr_evidence": ("Oplossingen per bewijsniveau", "Solutions per evidence level"),
    "kbr_level": ("Bewijsniveau", "Evidence level"),
    "kbr_blank": ("(geen bewijsniveau)", "(no evidence level)"),
    "kbr_fields": ("Velden ingevuld bij oplossingen", "Fields filled on solutions"),
    "kbr_field": ("Veld", "Field"), "kbr_filled": ("Ingevuld", "Filled"),
    "kbr_in_nl": ("in het Nederlands", "in Dutch"), "kbr_in_en": ("in het Engels", "in English"),
    "kbr_sources": ("Bronnen per item", "Sources per item"),
    "kbr_items": ("Items", "Items"), "kbr_median": ("Mediaan", "Median"),
    "kbr_under_two": ("Minder dan 2 bronnen", "Fewer than 2 sources"),
    "kbr_accessed": ("{a} bronnen hebben een datum van raadplegen, {b} nog niet.",
                     "{a} sources have an access date, {b} do not yet."),
    "kbr_over": ("Belemmeringen met meer dan {n} domeinen", "Obstacles with more than {n} domains"),
    "kbr_over_none": ("Geen belemmering heeft meer dan {n} domeinen.",
                      "No obstacle has more than {n} domains."),
    "kbr_levels": ("Praktijkvoorbeelden naar fijnste gebied", "Practice cases by finest area"),
    "kbr_area": ("Gebied", "Area"),
    "kbr_municipality": ("gemeente", "municipality"), "kbr_district": ("wijk", "district"),
    "kbr_neighbourhood": ("buurt", "neighbourhood"), "kbr_none": ("zonder gebied", "no area"),

    # -- app_pages/editor_edit.py (edit_*)
    "edit_title": ("Bewerken", "Edit"),
    "edit_kind": ("Soort", "Kind"),
    "edit_item": ("Item", "Item"),
    "edit_new": ("➕ Nieuw: {id}", "➕ New: {id}"),
    "edit_save": ("Opslaan", "Save"),
    "edit_saved": ("Opgeslagen: {label}.", "Saved: {label}."),
    "edit_refused": (
        "Niet opgeslagen — de gegevens voldoen niet aan de regels:",
        "Not saved — the data does not meet the rules:"),
    "edit_conflict_theirs": ("De huidige versie (van de ander)", "The current version (theirs)"),
    "edit_reload": (
        "Huidige versie laden (je invoer vervalt)",
        "Load the current version (your input is dropped)"),
    "edit_delete": ("Verwijderen", "Delete"),
    "edit_delete_confirm": (
        "Ja, verwijder dit item en de verwijzingen ernaar",
        "Yes, delete this item and the links to it"),
    "edit_deleted": (
        "Verwijderd. Ongedaan maken kan in de geschiedenis.",
        "Deleted. You can undo it in the history."),
    "edit_history": ("Geschiedenis", "History"),
    "edit_no_history": ("Nog geen wijzigingen in de app.", "No changes in the app yet."),
    "edit_undo": ("Ongedaan maken", "Undo"),
    "edit_undone": ("Ongedaan gemaakt.", "Undone."),
    "edit_unknown": ("onbekend", "unknown"),
    "edit_yes": ("ja", "yes"),
    "edit_no": ("nee", "no"),
    "edit_list_help": ("Meerdere waarden scheid je met ;", "Separate several values with ;"),
    "edit_gone": (
        "Dit item bestaat (nog) niet; vul het formulier in om het aan te maken.",
        "This item does not exist (yet); fill in the form to create it."),
    # -- app_pages/editor_export.py (export_*)
    "export_title": ("Exporteren", "Export"),
    "export_intro": (
        "Kies een deel van de kennisgraaf en neem het mee: als RDF voor onderzoekers, als "
        "netwerk voor Gephi, als tabellen of als invulbestand dat je kunt bewerken en weer "
        "laden — of als gereedschapskist om uit te delen.",
        "Choose part of the knowledge graph and take it along: as RDF for researchers, as a "
        "network for Gephi, as tables or as an import workbook you can edit and load back — "
        "or as a toolbox to hand out."),
    "export_preview": ("Voorbeeld", "Preview"),
    "export_statements": ("uitspraken", "statements"),
    "export_empty": (
        "Deze selectie is leeg: kies iets anders.",
        "This selection is empty: choose something else."),
    "export_capped": (
        "Het plaatje toont de {shown} best verbonden van de {total} gekozen items, zodat elke "
        "naam leesbaar blijft.",
        "The picture shows the {shown} best connected of the {total} chosen items, so every "
        "name stays readable."),
    "export_col_kind": ("Soort", "Kind"),
    "export_col_full": ("Volledig", "In full"),
    "export_col_named": ("Alleen genoemd", "Named only"),
    "export_col_total": ("In het bestand", "In the file"),
    "export_summary_help": (
        "Wat een RDF-bestand van deze selectie bevat: de gekozen items met alles wat erover "
        "bekend is, en wat ze noemen met naam en soort; samen {n} uitspraken.",
        "What an RDF file of this selection holds: the chosen items with everything known "
        "about them, and what they mention with name and kind; {n} statements in all."),
    "export_download": ("Downloaden", "Download"),
    "export_format": ("Formaat", "Format"),
    "export_prepare": ("Bestand maken", "Make file"),
    "export_save": ("{name} opslaan", "Save {name}"),
    "export_toolbox": ("Gereedschapskist", "Toolbox"),
    "export_toolbox_help": (
        "Een document met een kaart per oplossing, een overzicht van domeinbruggen en een "
        "index van belemmeringen; geschikt om te printen.",
        "A document with a card per solution, an overview of domain bridges and an index of "
        "obstacles; ready to print."),
    "export_doc_format": ("Als", "As"),
    "export_doc_lang": ("Taal van het document", "Language of the document"),
    "export_pdf_failed": (
        "PDF kon niet worden gemaakt: {error}",
        "The PDF could not be made: {error}"),
    # -- app_pages/editor_quality.py (quality_*)
    "quality_title": ("Kwaliteit van de kennisbank", "Quality of the knowledge base"),
    "quality_intro": (
        "Wat is onvolledig of verouderd? Elke regel verwijst naar het item; redacteuren "
        "kunnen het meteen bewerken.",
        "What is incomplete or out of date? Every line links to the item; editors can edit it"
        " at once."),
    "quality_stale_days": (
        "Lang niet gewijzigd: ouder dan (dagen)",
        "Not changed for: older than (days)"),
    "quality_conforms": (
        "De kennisbank voldoet aan alle vormregels (SHACL).",
        "The knowledge base meets every shape (SHACL)."),
    "quality_shapes": ("Vormregels", "Shapes"),
    "quality_unsolved": ("Zonder oplossing", "Without solution"),
    "quality_no_source": ("Zonder bron", "Without source"),
    "quality_no_case": ("Zonder praktijkvoorbeeld", "Without case"),
    "quality_stale": ("Lang niet gewijzigd", "Not changed for long"),
    "quality_review": ("Te herzien", "To review"),
    "quality_none": ("Niets gevonden.", "Nothing found."),
    "quality_item": ("Item", "Item"),
    "quality_property": ("Eigenschap", "Property"),
    "quality_message": ("Melding", "Message"),
    "quality_value": ("Waarde", "Value"),
    "quality_edit": ("bewerken", "edit"),
    "quality_checked": (
        "Gecontroleerd op {day}, versie {v} van de kennisbank.",
        "Checked on {day}, version {v} of the knowledge base."),
    "quality_download": ("SHACL-rapport als CSV", "SHACL report as CSV"),
    "quality_list_csv": ("Lijst als CSV", "List as CSV"),
    "quality_name": ("Naam", "Name"),
    "quality_detail": ("Toelichting", "Detail"),
    # -- app_lib/editor_common.py (editor_*)
    "editor_nav_export": ("Exporteren", "Export"),
    "editor_nav_quality": ("Kwaliteit", "Quality"),
    "editor_nav_edit": ("Bewerken", "Edit"),
    # -- gate
    "editor_edit_off": (
        "Bewerken staat uit in deze installatie.",
        "Editing is off in this installation."),
    "editor_login_title": ("Inloggen als redacteur", "Sign in as editor"),
    "editor_login_name": (
        "Je naam (wordt bij elke wijziging vastgelegd)",
        "Your name (recorded with every change)"),
    "editor_login_secret": ("Redacteurswachtwoord", "Editor password"),
    "editor_login_button": ("Inloggen", "Sign in"),
    "editor_login_wrong": ("Dat wachtwoord klopt niet.", "That password is not right."),
    "editor_login_name_missing": ("Vul je naam in.", "Fill in your name."),
    "editor_logged_in": ("Ingelogd als redacteur: {name}", "Signed in as editor: {name}"),
    "editor_logout": ("Uitloggen", "Sign out"),
    # -- selection
    "editor_sel_title": ("Selectie", "Selection"),
    "editor_sel_help": (
        "Keuzes van één soort verbreden de selectie, keuzes van verschillende soorten "
        "vernauwen haar. Meerdere domeinen betekent: de brug tussen al die domeinen. Niets "
        "gekozen is de hele kennisbank.",
        "Choices of one kind widen the selection, choices of different kinds narrow it. "
        "Several domains means: the bridge between all of them. Nothing chosen is the whole "
        "knowledge base."),
    "editor_sel_domains": ("Domeinen", "Domains"),
    "editor_sel_obstacles": ("Belemmeringen", "Obstacles"),
    "editor_sel_solutions": ("Oplossingen", "Solutions"),
    "editor_sel_organisation_types": ("Organisatietypen", "Organisation types"),
    "editor_sel_neighbourhoods": (
        "Gemeenten, wijken en buurten",
        "Municipalities and neighbourhoods"),
    "editor_sel_themes": ("Thema's", "Themes"),
    "editor_sel_seeds": ("Startpunten (elk item)", "Starting points (any item)"),
    "editor_sel_depth": ("Stappen langs verbindingen", "Steps along links"),
    "editor_sel_depth_help": (
        "0 = alleen de keuze zelf; elke stap voegt de direct verbonden items toe.",
        "0 = only the choice itself; each step adds the directly linked items."),
}
