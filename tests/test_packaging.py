"""A plain (non-editable) install carries the ontology, and start-up stays light."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", *args], check=True, capture_output=True, timeout=300
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    pip("wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT))
    return next(out.glob("careergraph-*.whl"))


def test_wheel_carries_the_ontology(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "careergraph/ontology/schema.ttl",
        "careergraph/ontology/shapes.ttl",
        "careergraph/ontology/data/devops-mlops.ttl",
        "careergraph/ontology/data/linux-python-mindmap.ttl",
        "careergraph/ontology/data/market-analysis.ttl",
        "careergraph/graph/queries/names.rq",
    }
    assert expected <= names
    assert not any("__pycache__" in n or n.startswith("tests/") for n in names)


def test_installed_wheel_runs_from_any_directory(wheel, tmp_path):
    target = tmp_path / "site"
    pip("install", "--no-deps", "-q", "--target", str(target), str(wheel))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import careergraph, sys; print(careergraph.__file__); "
            "from careergraph.cli import main; "
            "sys.argv = ['careergraph', 'stats', '--format', 'json']; main()",
        ],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(str(target))
    assert '"triples":' in result.stdout


def imports_of(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a careergraph command imports (from ``python -X importtime``)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careergraph", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}


def test_start_up_does_not_import_heavy_libraries():
    imported = imports_of("--version")
    for heavy in ("rdflib", "pyshacl", "networkx", "pyvis", "owlrl", "pyoxigraph"):
        assert heavy not in imported, f"{heavy} is imported at start-up"
    assert not any(name.startswith("careergraph.graph") for name in imported)


def test_show_imports_only_what_it_uses(tmp_path):
    env = {**os.environ, "CAREERGRAPH_STORE": str(tmp_path)}
    imports_of("stats", env=env)  # builds the store
    imported = imports_of("show", "MLOps Architect", env=env)
    assert "pyoxigraph" in imported
    unused = {
        "rdflib",
        "networkx",
        "pyvis",
        "hashlib",  # it loads OpenSSL; the store's key needs only BLAKE2
        "sqlite3",  # only for the names of a large graph
        "careergraph.graph.results.overlap",  # (show reads the career facts: its profile)
        "careergraph.graph.catalogue",
        "careergraph.cli.export",
        "careergraph.cli.careers",
        "careergraph.graph.sources.datasets",  # nothing was imported into this store
    }
    assert not unused & imported
    path = imports_of("path", "Junior DevOps Engineer", "DevOps Architect", env=env)
    assert "careergraph.graph.careers.paths" in path and "networkx" not in path  # its own search
    for command in (("search", "kubernetes"), ("overlap", "DevOps", "MLOps"), ("match", "Bash")):
        assert "pyoxigraph" not in imports_of(*command, env=env)  # what the store kept is enough


def test_every_command_is_found_in_its_module():
    import importlib
    import pkgutil

    import careergraph.cli
    from careergraph.cli import COMMAND_MODULES, cli

    defined = {
        command.name: found.name
        for found in pkgutil.iter_modules(careergraph.cli.__path__)
        for command in getattr(
            importlib.import_module(f"careergraph.cli.{found.name}"), "COMMANDS", ()
        )
    }
    assert defined == COMMAND_MODULES
    for name in COMMAND_MODULES:
        assert cli.get_command(None, name).name == name
