"""The bridge map in a real browser (issue 13, Deliver 1): Debian's Chromium, headless, every
request outside the app blocked. Opens the map on the bundled knowledge base, sees bubbles
coloured by evidence and the gap list, applies a filter, opens a cell by clicking its bubble,
reloads the shared URL and sees the same view; downloads the map as SVG and PNG. Screenshots
go to the test's own folder (``tmp_path``); their paths are printed."""

from __future__ import annotations

import re

import pytest

from app_lib.charts import EVIDENCE_COLOURS
from tests.app.test_browser import (  # noqa: F401 - fixtures
    _download, _pick, _ready, browser, page, server)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _shot(pg, folder, name: str) -> None:
    """The page as the reader sees it, and the map itself (scrolled into view)."""
    path = folder / name
    pg.screenshot(path=str(path))
    print("screenshot:", path)
    chart = pg.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    whole = folder / name.replace(".png", "-map.png")
    chart.screenshot(path=str(whole))
    print("screenshot:", whole)


def _fills(pg) -> dict[str, int]:
    """The fill colours of the map's bubbles (Vega draws them as SVG paths): colour → count."""
    found = pg.locator("[data-testid='stVegaLiteChart'] g.mark-symbol path").evaluate_all(
        "els => els.map(e => (e.getAttribute('fill') || '').toLowerCase())")
    out: dict[str, int] = {}
    for f in found:
        out[f] = out.get(f, 0) + 1
    return out


def _state(pg) -> tuple:
    """What a reader sees of the view: the opened cell, its ranked solutions, the finding."""
    heads = [h.inner_text().strip() for h in pg.locator("h3").all()]
    links = [(a.inner_text().strip().splitlines() or [""])[-1] for a in pg.locator(
        "[data-testid='stPageLink-NavLink']").all()]
    ranked = [x for x in links if re.match(r"\d+\. ", x)]
    finding = pg.get_by_text(re.compile(r"^(Witte vlekken in|Eén witte vlek|Geen witte)")) \
        .first.inner_text()
    return heads, ranked, finding


def test_bridge_map_in_the_browser(page, server, tmp_path):  # noqa: F811
    url, _ = server
    page.goto(url + "domeinbruggen")
    _ready(page, "Witte vlekken in")
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.wait_for()
    page.wait_for_timeout(800)
    fills = _fills(page)
    assert fills.get(EVIDENCE_COLOURS[1], 0) >= 20, fills   # practice-based: most bubbles
    assert fills.get(EVIDENCE_COLOURS[2], 0) >= 2, fills    # well described: a few cells
    gap_links = page.locator("[data-testid='stPageLink-NavLink']").filter(
        has_text=re.compile(r" × .*geen oplossing"))
    assert gap_links.count() >= 3
    _shot(page, tmp_path, "01-map.png")

    # a filter: only what a professional can start (decision level)
    page.get_by_text(re.compile(r"^Filters")).first.click()
    _pick(page, "Wie besluit", "professional")
    page.wait_for_url(re.compile(r"decision=besluit-professional"))
    _ready(page, "20 van de 109 oplossingen")
    assert page.get_by_text(re.compile(r"^20 van de 109 oplossingen tellen mee")).count() == 1
    after = _fills(page)
    assert sum(after.values()) < sum(fills.values()), (after, fills)
    _shot(page, tmp_path, "02-filtered.png")

    # open a cell by clicking its bubble: gezondheid × wonen
    cell = chart.locator("g.mark-rect path[aria-label*='en domein: wonen']"
                         "[aria-label*='Domein: gezondheid']").first
    cell.click()
    page.wait_for_url(re.compile(r"a=dom-gezondheid.*b=dom-wonen"))
    _ready(page, "best passend eerst")
    assert page.locator("h3").filter(has_text="gezondheid × wonen").count() == 1
    seen = _state(page)
    assert len(seen[1]) >= 3, seen
    _shot(page, tmp_path, "03-cell.png")

    # the map as files
    for label, head in (("Kaart als SVG", b"<svg"), ("Kaart als PNG", b"\x89PNG")):
        download = _download(page, label)
        target = tmp_path / download.suggested_filename
        download.save_as(str(target))
        assert target.read_bytes().startswith(head), target
        print("download:", target)

    # the shared URL reopens the same view
    shared = page.url
    fresh = page.context.new_page()
    fresh.goto(shared)
    _ready(fresh, "best passend eerst")
    for _ in range(20):  # the page may rerun once more as the chart reports its selection
        if _state(fresh) == seen:
            break
        fresh.wait_for_timeout(500)
    assert _state(fresh) == seen
    assert _fills(fresh) == _fills(page)
    _shot(fresh, tmp_path, "04-shared-url.png")
    fresh.close()
