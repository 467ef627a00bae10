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
