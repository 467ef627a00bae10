"""Starting Debian's chromium headless through Playwright, for the tests and benchmarks."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("CAREERGRAPH_CHROMIUM", "/usr/bin/chromium")
# As root, with this machine's closed network: no sandbox, no background connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium(playwright):
    """A headless chromium (Playwright's own browser download does not work here)."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def open_watched(browser, path: Path, width: int = 1200, height: int = 800):
    """A page loaded from disk, with the errors it raises and the requests it makes (each
    a list that fills as the page runs)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith("file:") else requests.append(r.url))
    page.goto(path.resolve().as_uri())
    return page, errors, requests
