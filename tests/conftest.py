"""Shared fixtures: the built-in graph, a CLI runner and a real-process runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from careergraph import CareerGraph
from careergraph.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "devops-mlops-linux-python.txt"

# The fuzz tests' budgets: a short run in CI, a long one by hand (--hypothesis-profile=long).
_FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
settings.register_profile("ci", max_examples=100, **_FUZZ)
settings.register_profile("long", max_examples=3000, **_FUZZ)
settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def private_store(tmp_path_factory):
    """Every command of the test session keeps its persistent store in a temporary folder."""
    location = tmp_path_factory.mktemp("store")
    os.environ["CAREERGRAPH_STORE"] = str(location)
    yield location
    os.environ.pop("CAREERGRAPH_STORE", None)


@pytest.fixture(scope="session")
def graph() -> CareerGraph:
    """The built-in graph on the default engine, loaded once."""
    return CareerGraph.open()


@pytest.fixture(scope="session", params=["oxigraph", "rdflib"])
def any_engine_graph(request) -> CareerGraph:
    """The built-in graph on each engine in turn."""
    return CareerGraph.open(engine=request.param)


@pytest.fixture(scope="session")
def esco_store(tmp_path_factory) -> Path:
    """A store with the committed ESCO excerpt imported by a real process, for tests that
    read it (a test that changes a store imports into one of its own)."""
    location = tmp_path_factory.mktemp("esco-excerpt")
    result = run_process("--store", str(location), "import", "esco", str(FIXTURES / "esco"))
    assert result.returncode == 0, result.stderr
    return location


@pytest.fixture(scope="session")
def esco_graph(esco_store) -> CareerGraph:
    """The graph of :func:`esco_store`, opened once, answering with both taxonomies
    (``--source all``) whatever the names asked about."""
    return CareerGraph.open(persist=esco_store, imported=esco_store, source="all")


@pytest.fixture(scope="session")
def esco_default(esco_store) -> CareerGraph:
    """The graph of :func:`esco_store` as commands open it: the names asked about decide
    the taxonomies of an answer."""
    return CareerGraph.open(persist=esco_store, imported=esco_store)


def invoke(*args: str) -> Result:
    """Run the CLI in-process (click's CliRunner); stdout and stderr are kept apart."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def invoke_json(*args: str):
    """Run the CLI with --format json and parse what it prints."""
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def run_process(
    *args: str, cwd: Path | None = None, env: dict | None = None, input_text: str | None = None
):
    """Run ``python -m careergraph`` as a real process (``input_text`` on its stdin)."""
    return subprocess.run(
        [sys.executable, "-m", "careergraph", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        input=input_text,
        timeout=120,
    )


@pytest.fixture
def small_disk(tmp_path) -> Path:
    """A file system of 8 MB (a tmpfs: mounting one needs root, as CI runs; skipped where
    it is not allowed), to see what a full disk does."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    command = ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)]
    mounted = subprocess.run(command, capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def fill(folder: Path) -> None:
    """Write to ``folder`` until its file system is full."""
    with open(folder / "filler", "wb") as handle:
        try:
            while True:
                handle.write(b"x" * 65536)
                handle.flush()
        except OSError:
            pass


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    """The source material, line by line (index 0 is line 1)."""
    if not SEED.exists():
        pytest.skip(f"the source material is not at {SEED}")
    return SEED.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright (scripts/test installs it)."""
    from browsers import launch_chromium
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


# Markers from what a test uses, so that `-m "not browser"` and the like need no decorator on
# every test: the browser fixture opens chromium, the small disk needs root to mount.
_MARKED_BY_FIXTURE = {"browser": "browser", "small_disk": "root", "read_only_store": "root"}


def pytest_collection_modifyitems(items):
    for item in items:
        for fixture, marker in _MARKED_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
