"""The named query catalogue: headers, every query's answer, parameters, engine parity."""

from __future__ import annotations

import json

import pytest
from conftest import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careergraph import CareerGraph
from careergraph.graph.catalogue import catalogue
from careergraph.graph.store.terms import Literal

NAMES = [query.name for query in catalogue().queries]


def labels(graph: CareerGraph, name: str, column: str, **parameters: str) -> list[str]:
    """One column of a named query's answer, in the query's order."""
    result = graph.named_query(name, parameters)
    columns, rows = result.table()
    return [row[columns.index(column)] for row in rows]


def test_the_catalogue_has_a_dozen_documented_queries():
    assert len(NAMES) >= 12
    for query in catalogue().queries:
        assert query.title and len(query.description) > 40, query.name
        for parameter in query.parameters:
            assert parameter.description and parameter.type, (query.name, parameter.name)
            assert f"?{parameter.name}" in query.text, (query.name, parameter.name)


def test_queries_command_lists_names_titles_and_parameters():
    listed = json.loads(invoke("queries", "--format", "json").stdout)
    assert [q["name"] for q in listed] == NAMES
    skills = next(q for q in listed if q["name"] == "role-skills")
    assert skills["parameters"] == [
        {
            "name": "role",
            "type": "role",
            "default": "MLOps Engineer",
            "required": False,
            "description": "the role to describe",
        }
    ]
    table = invoke("queries").stdout
    assert "salary-bands" in table and "[track]" in table and "role=MLOps Engineer" in table
    shown = invoke("queries", "salary-bands")
    assert shown.exit_code == 0 and "GROUP BY" in shown.stdout and "# @param track" in shown.stdout
    assert invoke("queries", "nope").exit_code == 2


# ---- every named query's answer on the built-in graph -----------------------------------------


def test_role_skills(graph):
    items = labels(graph, "role-skills", "itemLabel")
    assert {"DVC", "Feast", "MLflow", "Seldon", "Concept Drift Detection"} <= set(items)
    assert set(labels(graph, "role-skills", "areaLabel")) == {
        "Data Pipeline Management",
        "Model Development Infrastructure",
        "Model Deployment and Monitoring",
    }
    guru = labels(graph, "role-skills", "itemLabel", role="Python Guru")
    assert {"Django", "NumPy", "Git", "Debugging"} <= set(guru)
    focused = set(labels(graph, "role-skills", "via", role="DevOps Engineer (Linux-focused)"))
    assert focused == {"core skill of the role it specialises"}


def test_track_skills(graph):
    items = set(labels(graph, "track-skills", "itemLabel"))
    assert {"Terraform", "Kubernetes", "Jenkins", "Prometheus", "GitOps"} <= items
    assert "Feast" not in items
    linux = set(labels(graph, "track-skills", "itemLabel", track="Linux"))
    assert {"Bash", "Awk", "Sed", "Process Management", "Git"} <= linux


def test_tool_roles(graph):
    roles = set(labels(graph, "tool-roles", "roleLabel"))
    assert {"Junior DevOps Engineer", "DevOps Architect", "Platform Engineer"} <= roles
    # The Kubernetes Ecosystem, which MLOps shares, is Kubernetes's: the Python guru has none
    assert "MLOps Engineer" in roles and "Python Guru" not in roles
    git = set(labels(graph, "tool-roles", "roleLabel", tool="Git"))
    assert {"Linux Guru", "Python Guru", "MLOps Engineer", "DevOps Engineer"} <= git


def test_shared_between_tracks(graph):
    points = set(labels(graph, "shared-between-tracks", "pointLabel"))
    assert points == {
        "Shared Infrastructure",
        "Kubernetes Ecosystem",
        "Observability Stack",
        "Common Tools and Practices",
        "Version Control",
        "CI/CD Systems",
    }
    items = set(labels(graph, "shared-between-tracks", "itemLabel"))
    assert {
        "Kubeflow",
        "Istio",
        "Prometheus",
        "Jaeger",
        "Git",
        "DVC",
        "Jenkins",
        "CircleCI",
    } <= items
    assert not labels(graph, "shared-between-tracks", "pointLabel", first="Linux", second="Python")


def test_salary_bands(graph):
    result = graph.named_query("salary-bands", {"track": "MLOps"}).to_json()
    rows = [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]
    assert [(r["levelLabel"], r["min"], r["max"], r["openEnded"]) for r in rows] == [
        ("Junior", "90000", "120000", "false"),
        ("Mid-Level", "130000", "180000", "false"),
        ("Senior", "160000", "240000", "false"),
        ("Architect", "200000", "300000", "true"),
    ]
    assert set(rows[3]["roles"].split(", ")) == {"MLOps Architect", "ML Platform Architect"}
    assert len(labels(graph, "salary-bands", "band")) == 8


def test_role_salaries(graph):
    roles = labels(graph, "role-salaries", "roleLabel")
    assert roles[:2] == ["ML Platform Architect", "MLOps Architect"]
    assert roles[-1] == "Junior Linux Admin"
    python = labels(graph, "role-salaries", "roleLabel", track="Python")
    assert python[:2] == ["Python Architect", "ML Engineer (Python-focused)"]
    assert len(python) == 4


def test_next_roles(graph):
    result = graph.named_query("next-roles").table()
    assert {(r[1], r[2]) for r in result[1]} == {
        ("DevOps Engineer", "promotion"),
        ("Site Reliability Engineer", "promotion"),
        ("Platform Engineer", "promotion"),
    }
    linux = set(labels(graph, "next-roles", "nextLabel", role="Junior Linux Admin"))
    assert {"Junior DevOps Engineer", "Cloud Support Engineer", "Build Engineer"} <= linux
    python = graph.named_query("next-roles", {"role": "Junior Python Developer"}).table()[1]
    assert ("ML Engineer", "transition") in {(r[1], r[2]) for r in python}
    focused = graph.named_query("next-roles", {"role": "DevOps Engineer (Linux-focused)"})
    moves = {(r[1], r[2]) for r in focused.table()[1]}
    assert ("DevOps Engineer", "generalisation") in moves
    assert ("Linux Architect", "promotion") in moves


def test_trends_by_track(graph):
    devops = set(labels(graph, "trends-by-track", "trendLabel", track="DevOps"))
    assert {"GitOps", "Platform Engineering", "Security (DevSecOps)", "Edge Computing"} <= devops
    rows = graph.named_query("trends-by-track", {"track": "DevOps"}).table()[1]
    gitops = next(r for r in rows if r[2] == "GitOps")
    assert set(gitops[5].split(", ")) == {"ArgoCD", "Flux"}
    assert len(set(labels(graph, "trends-by-track", "trackLabel"))) == 4


def test_certifications_by_cost(graph):
    assert labels(graph, "certifications-by-cost", "certificationLabel") == [
        "Google Python Cert",
        "PCEP",
        "LPIC",
        "PCAP",
        "AWS Python Specialty",
        "Linux+",
        "RHCSA",
        "RHCE",
    ]
    cheap = labels(graph, "certifications-by-cost", "certificationLabel", max_cost="300")
    assert cheap == ["Google Python Cert", "PCEP", "LPIC", "PCAP", "AWS Python Specialty"]
    linux = labels(graph, "certifications-by-cost", "certificationLabel", track="Linux")
    assert linux == ["LPIC", "Linux+", "RHCSA", "RHCE"]


def test_time_to_competency(graph):
    rows = graph.named_query("time-to-competency").table()[1]
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        ("Python Expertise", "Core Competency", 6, 12, "months"),
        ("Linux Expertise", "Core Competency", 1, 2, "years"),
        ("Python Expertise", "Guru Level", 2, 4, "years"),
        ("Linux Expertise", "Guru Level", 3, 5, "years"),
    ]


def test_sectors_by_demand(graph):
    assert labels(graph, "sectors-by-demand", "sectorLabel") == [
        "Enterprise IT",
        "AI/ML",
        "Data Science",
    ]
    growing = labels(graph, "sectors-by-demand", "sectorLabel", demand="Growing")
    assert growing == ["IoT/Embedded Systems", "Healthcare Tech"]


def test_career_ladder(graph):
    ladder = graph.named_query("career-ladder", {"track": "DevOps"}).table()[1]
    assert [r[3] for r in ladder] == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert ladder[0][4:] == (80000, 110000)


def test_growth_areas(graph):
    python = set(labels(graph, "growth-areas", "areaLabel", track="Python"))
    assert python == {
        "MLOps",
        "Big Data Analytics",
        "API Development",
        "Automation/RPA",
        "Quantum Computing",
    }
    assert len(labels(graph, "growth-areas", "area")) == 10


def test_roi_factors(graph):
    rows = graph.named_query("roi-factors", {"track": "Python"}).table()[1]
    kinds = {}
    for row in rows:
        kinds.setdefault(row[1], set()).add(row[3])
    assert kinds["short-term ROI booster"] == {
        "AI/ML specialization",
        "Web framework mastery",
        "Data analysis toolkit",
        "API Development",
    }
    assert len(kinds["career transition"]) == 3 and len(kinds["job security factor"]) == 3
    assert len(rows) == 14


def test_role_profile(graph):
    rows = graph.named_query("role-profile", {"role": "Python Guru"}).table()[1]
    assert sorted({r[0] for r in rows}) == ["con", "pro", "strength"]
    assert ("con", "GIL Limitations") in {(r[0], r[2]) for r in rows}
    assert len(rows) == 12


def test_provenance(graph):
    rows = graph.named_query("provenance", {"entity": "RHCE"}).table()[1]
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        ("Investment Requirements", 275, 293, "devops-mlops-linux-python.txt")
    ]


# Queries about what an import adds: tests/test_fit.py runs them with the ESCO excerpt.
AFTER_AN_IMPORT = {"esco-crosswalk"}


def test_every_named_query_answers_with_its_defaults(graph):
    for name in NAMES:
        rows = graph.named_query(name).table()[1]
        assert bool(rows) != (name in AFTER_AN_IMPORT), name


# ---- engine parity -------------------------------------------------------------------------


def canonical(result) -> list[tuple]:
    """Rows as sorted tuples; GROUP_CONCAT lists (whose order SPARQL leaves open) sorted."""
    document = result.to_json()
    rows = []
    for binding in document["results"]["bindings"]:
        row = []
        for variable in document["head"]["vars"]:
            value = binding.get(variable, {}).get("value")
            if value and ", " in value:
                value = ", ".join(sorted(value.split(", ")))
            row.append((variable, value, binding.get(variable, {}).get("type")))
        rows.append(tuple(row))
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def reference() -> CareerGraph:
    return CareerGraph.open(engine="rdflib")


@pytest.mark.parametrize("name", NAMES)
def test_every_engine_gives_the_same_answer(graph, reference, name):
    assert canonical(graph.named_query(name)) == canonical(reference.named_query(name))


# ---- parameters are bound, never pasted ---------------------------------------------------

INJECTIONS = [
    'x" } ?s ?p ?o {',
    "x' } UNION { ?s ?p ?o } #",
    '"} ; DROP ALL ; SELECT * WHERE {"',
    "MLOps> } UNION { ?s ?p ?o",
    "\\u0022 } ?s ?p ?o {",
    '"""\n} INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_through_a_parameter_returns_nothing_extra(graph, value):
    query = "SELECT ?role WHERE { ?role a cg:Role ; cg:track ?t ; skos:prefLabel ?label }"
    # As a literal bound to ?label, the value matches no label: no rows at all.
    assert graph.query(query, {"label": value}).answer.rows == ()
    # Through the CLI, in a named query with a typed parameter, it is an unknown name.
    result = invoke("query", "-n", "role-skills", "-p", f"role={value}")
    assert result.exit_code == 2 and result.stdout == ""
    assert len(graph.store) == len(CareerGraph.open().store)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40))
def test_any_text_binds_as_exactly_itself(graph, reference, text):
    """Whatever a value holds (quotes, braces, backslashes, newlines), it arrives as one
    string, on both engines."""
    for engine in (graph, reference):
        rows = engine.store.select(
            "SELECT ?v WHERE { BIND(?value AS ?v) }", {"value": Literal(text)}
        )
        assert [row["v"].value for row in rows] == [text]
