"""How long HTML views take: generating the page, and drawing it in headless Chromium.

Synthetic graphs of 100, 1,000 and 5,000 nodes (roles with one skill each, in one track)
are drawn as the `full` view. Prints medians over several runs.

    .venv/bin/python benchmarks/html_views.py [--runs 5]

Needs Debian's chromium (CAREERGRAPH_CHROMIUM points elsewhere) and Playwright, both
installed by scripts/test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from careergraph import CareerGraph
from careergraph.exports.html import render_html
from careergraph.graph.views import build_view

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browsers import launch_chromium  # the tests' way to start chromium


def synthetic(folder: Path, nodes: int) -> Path:
    """A Turtle file whose full view has exactly ``nodes`` nodes."""
    roles = (nodes - 1) // 2
    lines = [
        "@prefix cg: <https://w3id.org/careergraph/ontology#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "<urn:t> a cg:Track ; skos:prefLabel 'Synthetic' .",
    ]
    for n in range(roles):
        lines.append(f"<urn:r{n}> a cg:Role ; skos:prefLabel 'Role {n}' ; cg:track <urn:t> ;"
                     f" cg:requiresSkill <urn:s{n}> .")  # fmt: skip
        lines.append(f"<urn:s{n}> a cg:Skill ; skos:prefLabel 'Skill {n}' .")
    if (nodes - 1) % 2:
        lines.append("<urn:extra> a cg:Skill ; skos:prefLabel 'Extra' .")
    path = folder / f"synthetic-{nodes}.ttl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    from playwright.sync_api import sync_playwright

    print(f"{'nodes':>6} {'edges':>6} {'generate s':>11} {'draw s':>8} {'page MB':>8}")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for size in (100, 1000, 5000):
            graph = CareerGraph.open([synthetic(Path(folder), size)], builtin=False)
            generate = []
            for _ in range(runs):
                started = time.perf_counter()
                view = build_view(graph, "full")
                page_bytes = render_html(view)
                generate.append(time.perf_counter() - started)
            page_path = Path(folder) / f"view-{size}.html"
            page_path.write_bytes(page_bytes)
            draw = []
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                started = time.perf_counter()
                page.goto(page_path.as_uri())
                page.wait_for_function("() => window.careergraph && window.careergraph.drawn",
                                       timeout=120_000)  # fmt: skip
                draw.append(time.perf_counter() - started)
                page.close()
            print(f"{len(view.nodes):>6} {len(view.edges):>6} {statistics.median(generate):>11.3f}"
                  f" {statistics.median(draw):>8.3f} {len(page_bytes) / 1e6:>8.2f}")  # fmt: skip
        browser.close()


if __name__ == "__main__":
    main()
