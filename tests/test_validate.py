"""SHACL validation: the built-in graph conforms; each kind of breakage is reported."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, invoke, run_process


def test_builtin_graph_conforms():
    result = invoke("validate")
    assert result.exit_code == 0, result.stdout
    assert "conforms" in result.stdout


def test_builtin_graph_conforms_on_the_reference_engine():
    assert invoke("--engine", "rdflib", "validate").exit_code == 0


@pytest.mark.parametrize(
    ("fixture", "focus", "path", "message"),
    [
        ("role-without-track-and-level", "Drifter", "cg:track", "a role needs a track"),
        (
            "role-without-track-and-level",
            "Drifter",
            "cg:level",
            "a role needs exactly one career level",
        ),
        (
            "salary-min-above-max",
            "Upside-down salary",
            "schema:minValue",
            "no greater than its schema:maxValue",
        ),
        ("salary-min-above-max", "Upside-down salary", "schema:currency", "currency code"),
        (
            "certification-without-price",
            "Free Lunch",
            "schema:offers",
            "a certification needs a price",
        ),
        ("tool-without-label-or-source", "nameless", None, "has no label"),
        ("tool-without-label-or-source", "nameless", None, "has no source"),
    ],
)
def test_each_broken_fixture_fails_with_the_expected_message(fixture, focus, path, message):
    result = invoke("validate", str(FIXTURES / "broken" / f"{fixture}.ttl"), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    assert any(
        v["focus"]["label"] == focus and v["path"] == path and message in v["message"]
        for v in report["violations"]
    ), report["violations"]
    # Only the fixture's own entity is at fault: the built-in data still conforms.
    assert {v["focus"]["label"] for v in report["violations"]} == {focus}


def test_table_report_names_focus_property_and_message():
    result = invoke("validate", str(FIXTURES / "broken" / "role-without-track-and-level.ttl"))
    assert result.exit_code == 1
    assert "Drifter" in result.stdout and "cg:track" in result.stdout
    assert "2 violation(s)" in result.stderr


def test_valid_user_file_conforms():
    assert invoke("validate", str(FIXTURES / "extra-role.ttl")).exit_code == 0


def test_unreadable_or_malformed_file_is_bad_input():
    missing = invoke("validate", str(FIXTURES / "no-such-file.ttl"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    malformed = invoke("validate", str(FIXTURES / "malformed.ttl"))
    assert malformed.exit_code == 2
    assert "malformed.ttl, line 3" in malformed.stderr
    assert "Traceback" not in malformed.stderr + malformed.stdout


def test_an_ill_typed_literal_is_one_warning_line_not_a_traceback(tmp_path):
    data = tmp_path / "ill.nt"
    data.write_text(
        '<urn:a> <urn:p> "abc"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
        '<urn:a> <urn:q> "12"^^<http://www.w3.org/2001/XMLSchema#duration> .\n'
    )
    result = run_process("--data", str(data), "validate")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "careergraph: warning: a literal is not a valid xsd:duration (Unable to parse "
        "duration string 12); it is kept as written",
        "careergraph: warning: a literal is not a valid xsd:integer (invalid literal for int() "
        "with base 10: 'abc'); it is kept as written",
    ]
