"""The rules the ontology writes down (schema.ttl, on cg:salaryBand and cg:level) hold for
every role of the built-in graph."""

from __future__ import annotations

import re

import pytest

BAND_FOR_LEVEL = {"Entry Level": "Junior", "Mid Level": "Mid-Level", "Senior Level": "Senior"}


def role_facts(graph, role_iri: str) -> dict:
    props = graph.show(role_iri).to_json()["properties"]
    return {
        "label": props["skos:prefLabel"][0],
        "track": [t["label"] for t in props["cg:track"]],
        "level": props["cg:level"][0]["label"],
        "band": props.get("cg:salaryBand", [None])[0],
        "specialises": props.get("cg:specialises", [None])[0],
    }


@pytest.fixture(scope="module")
def roles(graph) -> list[dict]:
    return [role_facts(graph, item.entity.iri) for item in graph.list("roles").items]


def expected_band(role: dict) -> str:
    band_level = "Architect" if "Architect" in role["label"] else BAND_FOR_LEVEL[role["level"]]
    return f"{role['track'][0]} {band_level} band"


def test_roles_of_tracks_with_bands_get_the_band_the_rule_gives(roles):
    banded = [r for r in roles if r["track"][0] in ("DevOps", "MLOps")]
    assert len(banded) == 18
    for role in banded:
        assert role["band"] is not None, role["label"]
        assert role["band"]["label"] == expected_band(role), role["label"]


def test_roles_of_tracks_without_bands_have_none(roles):
    for role in roles:
        if role["track"][0] not in ("DevOps", "MLOps"):
            assert role["band"] is None, role["label"]


def test_levels_of_roles_outside_career_paths_follow_the_title_rule(graph, roles):
    by_label = {r["label"]: r for r in roles}
    for role in roles:
        if role["track"][0] in ("DevOps", "MLOps"):
            continue  # their career path states the level
        label = role["label"]
        if role["specialises"]:
            expected = by_label[role["specialises"]["label"]]["level"]
        elif label.endswith("Guru"):
            expected = "Guru Level"
        elif label.startswith("Junior"):
            expected = "Entry Level"
        elif label.startswith("Senior") or re.search(r"\bArchitect\b", label):
            expected = "Senior Level"
        else:
            pytest.fail(f"no rule gives the level of {label}")
        assert role["level"] == expected, label


def test_level_schemes_are_kept_apart(graph):
    schemes = {}
    for item in graph.list("levels").items:
        props = graph.show(item.entity.iri).to_json()["properties"]
        schemes.setdefault(props["skos:inScheme"][0]["label"], []).append(
            (props["cg:rank"][0], item.entity.label)
        )
    assert [label for _, label in sorted(schemes["Career-path levels"])] == [
        "Entry Level",
        "Mid Level",
        "Senior Level",
    ]
    assert [label for _, label in sorted(schemes["Salary-band levels"])] == [
        "Junior",
        "Mid-Level",
        "Senior",
        "Architect",
    ]
    assert [label for _, label in sorted(schemes["Expertise levels"])] == [
        "Core Competency",
        "Guru Level",
    ]
