"""The app in a real browser: Debian's Chromium, headless, with every request outside the app
blocked. Starts ``wijkgraaf app`` on a free port with the bundled knowledge base in memory,
searches for an obstacle, opens it, opens the domain bridges and the network (the canvas must
be drawn), builds a wijkagenda and downloads it. Screenshots go to ``tests/screenshots/``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.app.served import AppNotStarted, start_app, stop_app

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server():
    """``wijkgraaf app`` on a free port; yields its URL and how long the first page took."""
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make browser`"
    started = time.perf_counter()
    try:
        proc, url = start_app()
    except AppNotStarted as error:
        pytest.fail(f"the app did not start:\n{error}")
    yield url, started
    stop_app(proc)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    url, _ = server
    context = browser.new_context(viewport={"width": 1280, "height": 800},
                                  accept_downloads=True, locale="nl-NL")
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(url.rstrip("/")) or route.request.url.startswith(
                ("data:", "blob:", "about:")):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()
    context.route("**/*", guard)
    pg = context.new_page()
    pg.outside = outside
    yield pg
    context.close()
    assert not outside, f"requests outside the app: {outside}"


def _ready(pg, text: str, timeout: float = 30_000) -> None:
    pg.get_by_text(text, exact=False).first.wait_for(timeout=timeout)
    pg.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                         timeout=timeout)
    pg.wait_for_timeout(400)


def _shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / name))


def _pick(pg, label: str, typed: str) -> None:
    """Choose in a Streamlit selectbox or multiselect by typing and Enter."""
    box = pg.locator("[data-testid='stSelectbox'], [data-testid='stMultiSelect']").filter(
        has_text=label).first
    box.locator("input").first.click()
    pg.keyboard.type(typed, delay=20)
    # click the option that shows the typed text (Enter took whatever was first while the
    # list was still filtering: "Almere" for "Amsterdam" on a busy machine)
    option = pg.get_by_role("option").filter(has_text=typed).first
    option.wait_for(state="visible", timeout=15_000)
    option.click()
    pg.wait_for_timeout(500)
    pg.keyboard.press("Escape")
    pg.wait_for_timeout(500)


def test_first_page_ready(page, server):
    url, started = server
    page.goto(url)
    _ready(page, "Waar wil je mee beginnen?")
    elapsed = time.perf_counter() - started
    _shot(page, "01-start.png")
    assert elapsed < 30, elapsed  # generous for CI; bench/app_bench.py measures the target


def test_search_page_answers_a_question_and_a_typo(page, server):
    url, _ = server
    page.goto(url)
    _ready(page, "Waar wil je mee beginnen?")
    search = page.get_by_label("Zoek een belemmering, oplossing, domein of organisatie")
    search.fill("vocht en schimmel in huurwoningen")
    search.press("Enter")
    _ready(page, "Belemmeringen (")
    page.wait_for_url(re.compile(r"[?&]q=vocht"))
    first = page.locator("[data-testid='stPageLink-NavLink']").filter(
        has_text=re.compile(r"· [OS]\d+")).first
    assert "schimmel" in first.inner_text().lower()
    bold = page.locator("strong").filter(has_text=re.compile("schimmel", re.IGNORECASE))
    assert bold.count() >= 1
    heads = page.locator("h3").all_inner_texts()
    groups = [h.split(" (")[0] for h in heads if re.search(r"\(\d+\)", h)]
    assert groups[:2] == ["Belemmeringen", "Oplossingen"], heads     # grouped, these first
    assert page.get_by_text(re.compile(r"^belemmering · O\d+")).count() >= 1   # kind · id
    seen = first.inner_text()
    _shot(page, "02b-search-question.png")
    page.reload()                                                       # the query is in the URL
    _ready(page, "Belemmeringen (")
    again = page.locator("[data-testid='stPageLink-NavLink']").filter(
        has_text=re.compile(r"· [OS]\d+")).first
    assert again.inner_text() == seen
    assert page.get_by_label("Zoek een belemmering, oplossing, domein of organisatie"
                             ).input_value() == "vocht en schimmel in huurwoningen"
    assert page.locator("strong").filter(
        has_text=re.compile("schimmel", re.IGNORECASE)).count() >= 1
    search.fill("eenzaamhied")
    search.press("Enter")
    _ready(page, "Bedoelde je")
    assert page.get_by_text(re.compile("Bedoelde je eenzaamheid")).count() >= 1
    first = page.locator("[data-testid='stPageLink-NavLink']").filter(
        has_text=re.compile(r"· [OS]\d+")).first
    assert "eenzaamheid" in first.inner_text().lower()


def test_search_open_obstacle_bridges_network(page, server):
    url, _ = server
    page.goto(url)
    _ready(page, "Waar wil je mee beginnen?")
    search = page.get_by_label("Zoek een belemmering, oplossing, domein of organisatie")
    search.fill("gegevens delen")
    search.press("Enter")
    _ready(page, "Belemmeringen (")
    _shot(page, "02-search.png")
    first = page.locator("[data-testid='stPageLink-NavLink']").filter(
        has_text=re.compile(r"· O\d+")).first
    name = first.inner_text().split(" · ")[0].strip()
    first.click()
    page.wait_for_url(re.compile(r"/belemmering\?id=O\d+"))
    _ready(page, "best passend eerst")
    assert page.locator("h1").first.inner_text().strip() == name
    _shot(page, "03-obstacle.png")

    page.locator("[data-testid='stSidebarNav'] a").filter(has_text="Domeinbruggen").click()
    _ready(page, "Klik op een bubbel")
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    page.wait_for_timeout(800)
    assert page.get_by_text(re.compile(r" × .*oplossing")).count() >= 1
    cell = page.locator("[data-testid='stVegaLiteChart'] g.mark-rect path"
                        "[aria-label*='x: onderwijs'][aria-label*='y: wonen']").first
    cell.click()
    page.wait_for_url(re.compile(r"a=dom-onderwijs.*b=dom-wonen"))  # a cell is named by id order
    _ready(page, "onderwijs × wonen")
    _shot(page, "04-bridges.png")

    page.goto(url + "netwerk?id=O08")
    _ready(page, "Midden")
    frame = page.frame_locator("iframe").first
    frame.locator("canvas").first.wait_for(timeout=30_000)
    page.wait_for_timeout(2500)
    drawn = frame.locator("canvas").first.evaluate(
        """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  let ink = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
                  return {w: c.width, h: c.height, ink: ink,
                          nodes: Object.keys(network.body.nodes).length}; }""")
    assert drawn["w"] > 300 and drawn["h"] > 300, drawn
    assert drawn["nodes"] >= 2 and drawn["ink"] > 1000, drawn
    _shot(page, "05-network.png")


def _download(pg, label: str, tries: int = 3):
    """Click a download button until the download starts: a click that lands while the app
    is still rerunning (the page redrawn under the pointer, on a busy machine) is lost, and a
    document built on click (Streamlit's callable data) takes a moment longer."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(tries):
        try:
            with pg.expect_download(timeout=20_000) as info:
                pg.get_by_role("button", name=label).click()
            return info.value
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
            pg.wait_for_timeout(1000)


def test_build_and_download_wijkagenda(page, server):
    url, _ = server
    page.goto(url + "wijkagenda")
    _ready(page, "Kies hierboven minstens één belemmering")
    _pick(page, "Wijk of buurt", "Amsterdam")
    _pick(page, "Belemmeringen in de wijk", "gegevensdeling")
    _pick(page, "Belemmeringen in de wijk", "Verkokerde financiering")
    _ready(page, "Voorgestelde oplossingen")
    assert "area=" in page.url and "o=" in page.url
    _shot(page, "06-agenda.png")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, suffix, head in (("Download als Markdown", ".md", "# Wijkagenda"),
                                ("Download als HTML (printbaar)", ".html", "<!DOCTYPE html>")):
        target = SHOTS / ("wijkagenda" + suffix)
        _download(page, label).save_as(str(target))
        text = target.read_text(encoding="utf-8")
        assert text.startswith(head), text[:80]
        assert "Amsterdam" in text and re.search(r"20\d\d", text)


def test_narrow_window_and_english(page, server):
    url, _ = server
    page.set_viewport_size({"width": 420, "height": 900})
    page.goto(url + "belemmering?id=O08")
    _ready(page, "best passend eerst")
    _shot(page, "07-narrow-obstacle.png")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 430, width  # nothing sticks out sideways
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url + "domeinbruggen?lang=en")
    _ready(page, "Click a bubble")
    _shot(page, "08-bridges-en.png")


@pytest.mark.parametrize(("name", "selection"), [
    ("wonen-gezondheid", ["--domain", "wonen", "--domain", "gezondheid"]),
    ("kennisbank", []),
])
def test_toolbox_document_renders_and_prints(browser, tmp_path, name, selection):
    """The gereedschapskist as HTML in the real browser: cover, bridges, cards; and printed
    to PDF with its print stylesheet. Screenshots of the first pages go to tests/screenshots."""
    exe = Path(sys.executable).parent / "wijkgraaf"
    html = tmp_path / f"toolbox-{name}.html"
    subprocess.run([str(exe), "toolbox", "--store", ":memory:", *selection, "-o", str(html)],
                   cwd=ROOT, check=True, capture_output=True)
    context = browser.new_context(viewport={"width": 1240, "height": 1754})
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()
    context.route("**/*", guard)
    pg = context.new_page()
    pg.goto(html.as_uri())
    pg.wait_for_load_state("load")
    text = pg.inner_text("body")
    assert "Gereedschapskist" in text and "Overzicht van domeinbruggen" in text
    assert "Gezamenlijke wijkagenda" in text or "Wijkprofiel" in text
    assert "https://w3id.org/wijkgraaf/id/" not in text
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"toolbox-{name}-1.png"))
    pg.evaluate("window.scrollTo(0, 1754)")
    pg.screenshot(path=str(SHOTS / f"toolbox-{name}-2.png"))
    pdf = tmp_path / f"toolbox-{name}.pdf"
    pg.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.read_bytes().count(b"/Type /Page") > 3
    context.close()
    assert not outside, outside
