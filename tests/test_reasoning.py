"""--reason: which answers change when the ontology's implications are materialised, and why."""

from __future__ import annotations

import pytest
from conftest import invoke

from careergraph import CareerGraph
from careergraph.graph.reasoning import PROFILES, inferred_ntriples
from careergraph.graph.store import open_store
from careergraph.graph.store.formats import FORMATS


def count(graph: CareerGraph, pattern: str) -> int:
    result = graph.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(result.answer.rows[0]["n"].value)


@pytest.fixture(scope="session")
def closures() -> dict[str, bytes]:
    """The built-in graph and what it implies, per profile: owlrl runs once a session (it
    always runs on rdflib, whatever the engine that then answers the queries)."""
    plain = CareerGraph.open()
    return {profile: inferred_ntriples(plain.store, profile) for profile in PROFILES}


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def graphs(request, closures) -> dict[str, CareerGraph]:
    def reasoned(profile: str) -> CareerGraph:
        store = open_store(request.param)
        store.load(closures[profile], FORMATS["nt"], profile, "urn:careergraph:inferred")
        return CareerGraph(store)

    return {"none": CareerGraph.open(engine=request.param), **{p: reasoned(p) for p in PROFILES}}


def test_super_classes_need_reasoning(graphs):
    # cg:Role is a subclass of esco:Occupation: no role says it is one.
    assert [count(graphs[r], "?x a esco:Occupation") for r in ("none", "rdfs", "owlrl")] == [
        0,
        28,
        28,
    ]


def test_super_properties_need_reasoning(graphs):
    # cg:requiresSkill is a sub-property of esco:relatedEssentialSkill: the two gurus' 14
    # skills (each its six mind-map areas and its language, Linux or Python).
    pattern = "?role esco:relatedEssentialSkill ?skill"
    assert [count(graphs[r], pattern) for r in ("none", "rdfs", "owlrl")] == [0, 14, 14]
    # cg:salaryBand is a sub-property of schema:estimatedSalary: DevOps and MLOps roles get it.
    salaries = "?role a cg:Role ; schema:estimatedSalary ?salary"
    assert [count(graphs[r], salaries) for r in ("none", "rdfs")] == [8, 26]


def test_inverse_properties_need_owl_rl(graphs):
    # skos:narrower is the inverse of skos:broader: RDFS knows nothing of inverses.
    pattern = "skill:infrastructure-management skos:narrower ?skill"
    assert [count(graphs[r], pattern) for r in ("none", "rdfs", "owlrl")] == [0, 0, 4]
    # cg:specialises is a sub-property of skos:broader, so its inverse holds for roles too.
    focused = "role:devops-engineer skos:narrower role:devops-engineer-linux-focused"
    assert [count(graphs[r], focused) for r in ("none", "rdfs", "owlrl")] == [0, 0, 1]


def test_reasoning_leaves_the_graph_it_came_from_alone(graphs):
    assert len(graphs["rdfs"].store) > len(graphs["none"].store)
    assert count(graphs["none"], "?x a esco:Occupation") == 0


def test_reason_option_on_the_command_line():
    query = "SELECT ?o WHERE { ?o a esco:Occupation }"
    assert invoke("query", query).exit_code == 1
    reasoned = invoke("query", "--reason", "rdfs", query, "--format", "csv")
    assert reasoned.exit_code == 0 and len(reasoned.stdout.splitlines()) == 29
    assert invoke("query", "--reason", "magic", query).exit_code == 2
