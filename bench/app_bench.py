"""How fast the app answers: first page ready, and click-to-update once warm.

``python -m bench.app_bench`` (options: ``--data``, ``--repeat``, ``--browser``, ``--out``,
``--timeout``).

- **first page ready (AppTest)**: a fresh process-level cache, then the first run of the start
  page: opening an in-memory store, loading the knowledge base, the projection, the counts
  and the search index — everything a first visitor waits for on the server.
- **first page ready (browser)**, with ``--browser``: ``wijkgraaf app`` is started on a free
  port and Debian's Chromium (headless, no network) opens it; the time from starting the
  command until the start page shows its entry questions.
- **click-to-update (warm)**: with the store and projection built, the time of one rerun after
  an interaction, per view: typing a search, choosing another obstacle, another solution,
  another cell of the bridge map and another filter of it (:func:`bridge_map_bench`).
  "first visit" counts reruns whose item was never shown before (its details are read from
  the store); "revisit" reruns whose details are cached.

- **first warm click** (``first_warm_click``): per page, with the store and projection built,
  the page shown once and the app's background warming done (a big graph's per-version views,
  :mod:`graph.analytics.warm`), its first interaction (another item, tab, side, example, …) —
  the first time that view is drawn — beside the bare engine calls behind it, timed on the
  same store (median of three); ``ratio`` = click / engine. One function per page
  (:data:`WARM`).

Targets: first page < 5 s, click-to-update and first warm click < 300 ms. Figures are medians
and 90th percentiles in milliseconds; the JSON goes to ``bench/results/app_bench.json``
unless ``--out ''``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from graph.analytics.warm import wait_for_warming

ROOT = Path(__file__).resolve().parents[1]
#: seconds AppTest waits for one run of a page (``--timeout``)
TIMEOUT = 120.0
SEARCHES = ["gegevens delen", "huurachterstand", "schotten tussen budgetten", "wijkteam",
            "eenzaamheid ouderen", "privacy", "doorbraak", "schulden", "GGD", "jeugd"]


def _ms(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
    return {"n": len(values), "median_ms": round(statistics.median(values) * 1000, 1),
            "p90_ms": round(p90 * 1000, 1), "max_ms": round(values[-1] * 1000, 1)}


def _timed(at, action) -> float:
    started = time.perf_counter()
    action()
    at.run()
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return time.perf_counter() - started


def apptest_bench(data: str, repeat: int, timeout: float = TIMEOUT) -> dict:
    """First page and warm click-to-update, measured with Streamlit's AppTest."""
    os.environ["WIJKGRAAF_STORE"] = ":memory:"
    os.environ["WIJKGRAAF_DATA"] = data
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    app = str(ROOT / "app.py")
    started = time.perf_counter()
    at = AppTest.from_file(app, default_timeout=timeout).run()
    first = time.perf_counter() - started
    out: dict = {"first_page_apptest_s": round(first, 2)}

    searches = [_timed(at, lambda q=q: at.text_input(key="q").input(q))
                for _ in range(repeat) for q in SEARCHES]
    out["search"] = _ms(searches)

    for page, key, label in (("obstacle", "obstacle_id", "obstacle"),
                             ("solution", "solution_id", "solution")):
        values = _ids(label)
        at.query_params["id"] = values[0]  # without an id the page is an overview
        at.switch_page(f"app_pages/{page}.py").run()
        firsts = [_timed(at, lambda v=v, k=key: at.selectbox(key=k).set_value(v)) for v in values]
        again = [_timed(at, lambda v=v, k=key: at.selectbox(key=k).set_value(v))
                 for _ in range(repeat) for v in values]
        out[label] = {"first visit": _ms(firsts), "revisit": _ms(again)}

    del at.query_params["id"]
    out["bridges"] = bridge_map_bench(at, repeat)
    return out


# -- the first warm click of every page, beside the bare engine calls behind it ---------------
#
# One function per page: ``warm_<page>(at)`` gets an AppTest that shows the page once (store,
# projection and the page's first view built) and returns ``(click, engine)``: a callable that
# makes the page's first interaction, and one that makes the library calls behind that
# interaction on the same store and projection (the "bare engine calls").

def _iri(short: str) -> str:
    from ontology import ITEM

    return str(ITEM) + short


def _chosen(kind: str, bundled: str, place: int) -> str:
    """``bundled`` when the knowledge base has it (the bundled one), else the item of ``kind``
    at ``place`` in the pickers' order (a generated graph: ``--data gen-1m.nt``)."""
    ids = _ids(kind)
    return bundled if bundled in ids else ids[place]


def _sides() -> tuple[str, str]:
    """The players page's two sides before a click: the first two domain groups (the
    bundled knowledge base: sociaal-domein, fysiek-domein), else the first two domains."""
    groups = _ids("domain_group")
    pool = groups if len(groups) >= 2 else _ids("domain")
    return pool[0], pool[1]


def _listed(at, key: str, item: str) -> None:
    """Before a click on picker ``key``: on a picker too long to list whole (``ui.choose``
    with a search field), type the id to pick into its search field (a rerun of its own, not
    timed), as someone would, so that it is in the list."""
    found = [w for w in at.text_input if w.key == key + "__find"]
    if found:
        found[0].input(item).run()


def warm_start(at):
    from graph.items import build_index

    index = build_index(_store())
    return (lambda: at.text_input(key="q").input("schimmel in huurwoningen"),
            lambda: index.search("schimmel in huurwoningen", limit=20))


def warm_obstacle(at):
    from graph.analytics import project, rank_solutions
    from graph.items.details import obstacle_details

    o = _ids("obstacle")[-1]
    _listed(at, "obstacle_id", o)
    return (lambda: at.selectbox(key="obstacle_id").set_value(o),
            lambda: (obstacle_details(_store(), _iri(o), "nl"),
                     rank_solutions(project(_store(), "nl"), obstacles=[_iri(o)])))


def warm_solution(at):
    from graph.items.details import solution_details

    s = _ids("solution")[-1]
    _listed(at, "solution_id", s)
    return (lambda: at.selectbox(key="solution_id").set_value(s),
            lambda: solution_details(_store(), _iri(s), "nl"))


def warm_network(at):
    from app_lib.netview import ego_html
    from graph.analytics import project

    o = _ids("obstacle")[-1]
    _listed(at, "net_id", o)
    return (lambda: at.selectbox(key="net_id").set_value(o),
            lambda: ego_html(project(_store(), "nl"), [_iri(o)], 1, None, None, 80, "nl"))


def warm_routes(at):
    from graph.analytics import project, routes

    a = at.selectbox(key="route_a").value  # the page's own first choice
    b = _chosen("organisation_type", "ot-ggd", 2)
    _listed(at, "route_b", b)
    return (lambda: at.selectbox(key="route_b").set_value(b),
            lambda: routes(project(_store(), "nl"), _iri(a), _iri(b), k=3))


def warm_agenda(at):
    from graph.analytics import agenda, project

    chosen = _ids("obstacle")[:3]
    return (lambda: at.multiselect(key="agenda_obstacles").set_value(chosen),
            lambda: agenda(project(_store(), "nl"), [_iri(o) for o in chosen], lang="nl"))


def warm_players(at):
    from graph.analytics import brokers, key_players, project

    sides = tuple(_iri(x) for x in _sides())
    return (lambda: at.segmented_control(key="players_tab").set_value("bridgers"),
            lambda: (brokers(project(_store(), "nl"), *sides, kind="solution"),
                     key_players(project(_store(), "nl"), "solution")))


def warm_players_sides(at):
    from graph.analytics import brokers, project

    a, b = _sides()[0], _chosen("domain", "dom-wonen", 3)
    return (lambda: at.selectbox(key="players_b").set_value(b),
            lambda: brokers(project(_store(), "nl"), _iri(a), _iri(b)))


def warm_sparql(at):
    from graph.query.service import run_query
    from ontology import competency_queries

    query = next(q for q in competency_queries() if q.id.startswith("cq13"))
    return (lambda: at.selectbox(key="sparql_example").set_value(query.id),
            lambda: run_query(_store(), query.sparql))


def warm_editor_quality(at):
    from graph.kb import quality_report

    return (lambda: at.number_input(key="quality_days").set_value(730),
            lambda: quality_report(_store(), "nl", stale_days=730))


def warm_editor_export(at):
    from graph.export import Selection, select

    d = _chosen("domain", "dom-wonen", 3)
    return (lambda: at.multiselect(key="exp_domains").set_value([d]),
            lambda: select(_store(), Selection(domains=(_iri(d),))))


#: page script → its warm-click function (the bridge map's is added beside these)
WARM = {"start": warm_start, "obstacle": warm_obstacle, "solution": warm_solution,
        "network": warm_network, "routes": warm_routes, "agenda": warm_agenda,
        "players": warm_players, "players#sides": warm_players_sides, "sparql": warm_sparql,
        "editor_quality": warm_editor_quality, "editor_export": warm_editor_export}


def warm_clicks(data: str, repeat: int = 3, pages: dict | None = None,
                timeout: float = TIMEOUT) -> dict:
    """Per page: the first warm click (ms, AppTest) beside the bare engine calls behind it
    (median of ``repeat`` runs, ms) and their ratio; target: click < 300 ms."""
    os.environ["WIJKGRAAF_STORE"] = ":memory:"
    os.environ["WIJKGRAAF_DATA"] = data
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout).run()
    out = {}
    for name, make in (pages or WARM).items():
        page = name.split("#")[0]
        for key in list(at.query_params):
            del at.query_params[key]
        if page in ("obstacle", "solution"):  # without an id these pages are an overview
            at.query_params["id"] = _ids(page)[0]
        at.switch_page(f"app_pages/{page}.py").run()
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].value}")
        wait_for_warming()  # the click of someone who comes after the app has warmed up
        click, engine = make(at)
        ms = _timed(at, click) * 1000
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            engine()
            runs.append(time.perf_counter() - started)
        bare = statistics.median(runs) * 1000
        out[name] = {"first_click_ms": round(ms, 1), "engine_ms": round(bare, 1),
                     "ratio": round(ms / bare, 1) if bare else None, "target_ms": 300,
                     "ok": ms < 300}
    return out


def bridge_map_bench(at, repeat: int) -> dict:
    """The bridge map's warm clicks: opening another cell (the picker; a click on a bubble
    sets the same value), and changing a filter (the map is filtered from tables built once
    per store version). "first visit" counts cells and filters never shown before."""
    at.switch_page("app_pages/bridges.py").run()
    cells = _cell_keys()
    firsts = [_timed(at, lambda v=v: at.selectbox(key="bm_cell").set_value(v)) for v in cells]
    again = [_timed(at, lambda v=v: at.selectbox(key="bm_cell").set_value(v))
             for _ in range(repeat) for v in cells]
    levels = [[], ["besluit-professional"], ["besluit-management"], ["besluit-bestuur"],
              ["besluit-professional", "besluit-management"]]
    filter_first = [_timed(at, lambda v=v: at.multiselect(key="bm_f_decision").set_value(v))
                    for v in levels]
    filter_again = [_timed(at, lambda v=v: at.multiselect(key="bm_f_decision").set_value(v))
                    for _ in range(repeat) for v in levels]
    return {"cell first visit": _ms(firsts), "cell revisit": _ms(again),
            "filter first visit": _ms(filter_first), "filter revisit": _ms(filter_again)}


def _cell_keys() -> list[str]:
    """Every cell of the domain map, as the page's cell picker names them."""
    from graph.analytics import bridge_map, project, short_id

    m = bridge_map(project(_store(), "nl"))
    return [f"{short_id(c.row)}~{short_id(c.col)}" for c in m.cells]


def _ids(kind: str) -> list[str]:
    """The short ids of every item of ``kind`` (the values the page's pickers offer)."""
    from graph.analytics import nodes_of_kind, project, short_id

    return [short_id(n) for n in nodes_of_kind(project(_store(), "nl"), kind)]


_STORE = []


def _store():
    if not _STORE:
        from graph.kb import ensure_ready, load_paths, open_store

        store = ensure_ready(open_store(), bundled=False)
        load_paths(store, [os.environ["WIJKGRAAF_DATA"]], check=False)
        _STORE.append(store)
    return _STORE[0]


def browser_bench(data: str) -> dict:
    """Seconds from starting ``wijkgraaf app`` until headless Chromium (already open, as a
    user's browser is) shows the start page; and a warm reload."""
    import urllib.request

    from playwright.sync_api import sync_playwright

    from graph.cli import free_port

    port = free_port()
    exe = Path(sys.executable).parent / "wijkgraaf"
    url = f"http://127.0.0.1:{port}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto("about:blank")
        started = time.perf_counter()
        proc = subprocess.Popen([str(exe), "app", "--store", ":memory:", "--data", data,
                                 "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    with urllib.request.urlopen(url + "_stcore/health", timeout=1):
                        break
                except OSError:
                    if time.perf_counter() - started > 60:
                        raise
                    time.sleep(0.05)
            server = time.perf_counter() - started
            page.goto(url)
            page.get_by_text("Waar wil je mee beginnen?").wait_for(timeout=60_000)
            first = time.perf_counter() - started
            again = time.perf_counter()
            page.reload()
            page.get_by_text("Waar wil je mee beginnen?").wait_for(timeout=60_000)
            reload = time.perf_counter() - again
        finally:
            proc.terminate()
            proc.wait(10)
            browser.close()
    return {"server_listening_s": round(server, 2), "first_page_browser_s": round(first, 2),
            "reload_warm_s": round(reload, 2)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.app_bench", description=__doc__.split(
        "\n\n")[0])
    p.add_argument("--data", default=str(ROOT / "data"),
                   help="knowledge base to load (default: the bundled data/)")
    p.add_argument("--repeat", type=int, default=2, help="passes over each list (default 2)")
    p.add_argument("--browser", action="store_true", help="also time a real browser")
    p.add_argument("--out", default="bench/results", help="folder for app_bench.json")
    p.add_argument("--timeout", type=float, default=TIMEOUT,
                   help=f"seconds AppTest waits for one run of a page (default {TIMEOUT:g}; "
                        "a new session on a generated 1M graph took 35-70 here)")
    args = p.parse_args(argv)
    result = apptest_bench(args.data, args.repeat, args.timeout)
    result["first_warm_click"] = warm_clicks(args.data, timeout=args.timeout)
    if args.browser:
        result.update(browser_bench(args.data))
    print(json.dumps(result, indent=1))
    if args.out:
        out = ROOT / args.out
        out.mkdir(parents=True, exist_ok=True)
        (out / "app_bench.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
