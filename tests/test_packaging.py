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


def test_start_up_does_not_import_heavy_libraries():
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careergraph", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    for heavy in ("rdflib", "pyshacl", "networkx", "pyvis", "owlrl", "pyoxigraph"):
        assert heavy not in imported, f"{heavy} is imported at start-up"


def test_doctests_pass():
    import doctest

    from careergraph import namespaces
    from careergraph.graph import careergraph, names, terms

    for module in (namespaces, careergraph, names, terms):
        failures, _ = doctest.testmod(module)
        assert failures == 0, module.__name__
