"""The fast engine and the reference engine give the same answers."""

from __future__ import annotations

import pytest

from careergraph import CareerGraph


@pytest.fixture(scope="module")
def engines():
    return CareerGraph.open(engine="oxigraph"), CareerGraph.open(engine="rdflib")


@pytest.mark.parametrize(
    "kind", ["roles", "skills", "tools", "trends", "certifications", "levels", "mindmap-nodes"]
)
def test_list_agrees(engines, kind):
    fast, reference = engines
    assert fast.list(kind).to_json() == reference.list(kind).to_json()


@pytest.mark.parametrize(
    "name",
    [
        "MLOps Architect",
        "Linux Guru",
        "Kubernetes Ecosystem",
        "LPIC",
        "Python Expertise: Core Competency",
    ],
)
def test_show_agrees(engines, name):
    fast, reference = engines
    assert fast.show(name).to_json() == reference.show(name).to_json()


def test_stats_agree_but_for_the_engine(engines):
    fast, reference = (g.stats().to_json() for g in engines)
    assert fast.pop("engine") == "oxigraph" and reference.pop("engine") == "rdflib"
    assert fast == reference
