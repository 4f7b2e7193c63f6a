"""Regenerate the README's screenshots (``docs/img/*.png``) from the real app.

Starts ``wijkgraaf app`` on the bundled knowledge base in memory, on a port that is free now,
drives it with Debian's Chromium through Playwright (as ``tests/app/test_browser.py`` does) and
writes two small PNGs (1280×800, 256 colours):

- ``docs/img/zoeken.png``: the start page with a question typed and its grouped results;
- ``docs/img/domeinbruggen.png``: the bridge map (*Domeinbruggen*).

Run from the repository root::

    python docs/screenshots.py            # or: --url http://127.0.0.1:PORT/ for a running app
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
QUESTION = "vocht en schimmel in huurwoningen"
SEARCH_LABEL = "Zoek een belemmering, oplossing, domein of organisatie"


def start_app() -> tuple[subprocess.Popen, str]:
    """``wijkgraaf app --store :memory:`` with the bundled knowledge base on a free port (the
    tests' own starter, :func:`tests.app.served.start_app`); its process and URL."""
    sys.path.insert(0, str(ROOT))
    from tests.app.served import AppNotStarted
    from tests.app.served import start_app as start

    try:
        return start()
    except AppNotStarted as error:
        raise SystemExit(f"the app did not start:\n{error}") from None


def ready(pg, text: str) -> None:
    """Wait for ``text`` and for Streamlit to stop running the script."""
    pg.get_by_text(text, exact=False).first.wait_for(timeout=60_000)
    pg.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                         timeout=60_000)
    pg.wait_for_timeout(800)


def save(pg, name: str) -> Path:
    """Screenshot of the viewport, reduced to 256 colours (a UI of flat colours stays sharp)."""
    from PIL import Image

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    pg.screenshot(path=str(path))
    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)
    return path


def shoot(url: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 800}, locale="nl-NL")
        pg.goto(url)
        ready(pg, "Waar wil je mee beginnen?")
        search = pg.get_by_label(SEARCH_LABEL)
        search.fill(QUESTION)
        search.press("Enter")
        ready(pg, "Belemmeringen (")
        shots = [save(pg, "zoeken.png")]
        pg.goto(url + "domeinbruggen")
        ready(pg, "Witte vlekken in")
        chart = pg.locator("[data-testid='stVegaLiteChart']").first
        chart.wait_for()
        # the map itself at the top of the view, the red-framed white spots visible
        chart.evaluate("el => el.scrollIntoView({block: 'start'})")
        pg.wait_for_timeout(1500)
        shots.append(save(pg, "domeinbruggen.png"))
        browser.close()
    return shots


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running app (default: start one on a free port)")
    args = parser.parse_args(argv)
    proc = None
    url = args.url
    if not url:
        proc, url = start_app()
    try:
        for path in shoot(url.rstrip("/") + "/"):
            print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(15)


if __name__ == "__main__":
    main()
