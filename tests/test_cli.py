"""The command line: output formats, name resolution, exit statuses and bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import FIXTURES, invoke, invoke_json, run_process

from careergraph import __version__


def test_version_and_help():
    assert invoke("--version").stdout.strip() == f"careergraph, version {__version__}"
    help_text = invoke("--help").stdout
    for command in ("stats", "list", "show", "search", "export", "validate"):
        assert command in help_text


def test_stats_counts_classes_and_sources():
    stats = invoke_json("stats")
    assert stats["engine"] == "oxigraph"
    assert stats["triples"] > 2000
    classes = {c["label"]: c["count"] for c in stats["classes"]}
    assert classes["role"] == 28 and classes["mind map node"] == 63
    assert stats["sources"][0]["name"] == "schema.ttl"
    assert sum(s["triples"] for s in stats["sources"]) == stats["triples"]


def test_list_formats_agree():
    as_json = invoke_json("list", "roles", "--track", "devops")
    assert len(as_json) == 9 and all({"iri", "label"} <= set(r) for r in as_json)
    rows = list(
        csv.DictReader(
            io.StringIO(invoke("list", "roles", "--track", "devops", "--format", "csv").stdout)
        )
    )
    assert [r["name"] for r in rows] == [r["label"] for r in as_json]
    assert [r["id"] for r in rows] == [r["iri"] for r in as_json]  # machine formats: the IRI
    tsv = invoke("list", "roles", "--track", "devops", "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t") == ["name", "track", "level", "id"] and len(tsv) == 10
    md = invoke("list", "roles", "--track", "devops", "--format", "md").stdout.splitlines()
    assert md[0].startswith("| name |") and md[1].startswith("| ---") and len(md) == 11
    table = invoke("list", "roles", "--track", "devops").stdout
    assert "Site Reliability Engineer" in table and " role/site-reliability-engineer" in table


def test_list_accepts_singular_kind_and_level_filter():
    roles = invoke_json("list", "role", "--level", "entry")
    assert {r["label"] for r in roles} >= {
        "Junior DevOps Engineer",
        "ML Engineer",
        "Junior Linux Admin",
    }
    assert all(r["level"]["label"] == "Entry Level" for r in roles)


@pytest.mark.parametrize(
    "name",
    [
        "MLOps Architect",
        "mlops architect",
        "mlops-architect",
        "role/mlops-architect",
        "https://w3id.org/careergraph/id/role/mlops-architect",
        "<https://w3id.org/careergraph/id/role/mlops-architect>",
    ],
)
def test_show_resolves_every_form_of_a_name(name):
    shown = invoke_json("show", name)
    assert shown["iri"] == "https://w3id.org/careergraph/id/role/mlops-architect"
    assert shown["label"] == "MLOps Architect" and shown["kind"] == "role"
    assert shown["properties"]["cg:salaryBand"][0]["label"] == "MLOps Architect band"


def test_show_by_alternative_label():
    assert invoke_json("show", "SRE")["label"] == "Site Reliability Engineer"
    assert invoke_json("show", "devsecops")["label"] == "Security (DevSecOps)"


def test_search_ranks_best_match_first():
    hits = invoke_json("search", "kubernetes")
    assert hits[0]["label"] == "Kubernetes"
    assert "Kubernetes Ecosystem" in [h["label"] for h in hits]
    only_skills = invoke_json("search", "feature", "--kind", "skills")
    assert only_skills[0]["label"] == "Feature Stores"


def test_search_with_no_match_exits_1():
    result = invoke("search", "zzzzqqq")
    assert result.exit_code == 1 and "nothing matches" in result.stderr


def test_unknown_name_lists_closest_candidates():
    result = invoke("show", "Kubernetes Operators")
    assert result.exit_code == 2
    assert (
        "no entity named 'Kubernetes Operators'" in result.stderr
        and "closest: Kubernetes [tool/kubernetes]" in result.stderr
    )
    assert result.stdout == ""


def test_ambiguous_name_lists_the_candidates():
    result = invoke("show", "Core Skills")
    assert result.exit_code == 2
    assert "names 2 entities" in result.stderr
    assert "mindmap-node/te-linux-guru-core-skills" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("list", "wizards"), "unknown kind 'wizards'"),
        (("list", "roles", "--track", "Cobol"), "no track named 'Cobol'"),
        (
            ("list", "roles", "--track", "MLOps Architect"),
            "'MLOps Architect' is a role, not a track",
        ),
        (("stats", "--format", "yaml"), "Invalid value for '--format'"),
        (("export", "xlsx"), "Invalid value for 'FORMAT'"),
        (("--data", str(FIXTURES / "missing.ttl"), "stats"), "missing.ttl: no such file"),
        (("--data", str(FIXTURES / "malformed.ttl"), "stats"), "malformed.ttl, line 3"),
        (("--data", str(FIXTURES), "stats"), "Invalid value for '--data'"),
        (("--data", "notes.docx", "stats"), "cannot tell the RDF format"),
        (("--no-builtin", "stats"), "--no-builtin leaves nothing to load"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(args, message):
    result = invoke(*args)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 4


def test_list_with_nothing_found_exits_1():
    result = invoke("list", "roles", "--track", "Linux", "--level", "Mid Level", "--format", "json")
    assert result.exit_code == 0  # DevOps Engineer (Linux-focused)
    empty = invoke("list", "salary-bands", "--track", "Linux")
    assert empty.exit_code == 1 and "no salary-bands match" in empty.stderr


def test_data_file_is_merged_and_queryable():
    shown = invoke_json("--data", str(FIXTURES / "extra-role.ttl"), "show", "cloud cost engineer")
    assert shown["label"] == "FinOps Engineer"
    roles = invoke_json(
        "--data", str(FIXTURES / "extra-role.ttl"), "list", "roles", "--track", "DevOps"
    )
    assert "FinOps Engineer" in [r["label"] for r in roles]


def test_no_builtin_uses_only_the_data_files():
    roles = invoke_json("--no-builtin", "--data", str(FIXTURES / "extra-role.ttl"), "list", "roles")
    assert [r["label"] for r in roles] == ["FinOps Engineer"]


def test_real_process_reports_errors_without_traceback(tmp_path):
    ok = run_process("show", "RHCE", "--format", "json", cwd=tmp_path)
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["properties"]["schema:offers"][0]["schema:price"] == [800]
    bad = run_process("--data", str(FIXTURES / "malformed.ttl"), "stats", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.startswith("careergraph: error:") and "Traceback" not in bad.stderr


def test_debug_flag_shows_the_traceback():
    from careergraph.errors import DataFileError

    with pytest.raises(DataFileError):
        invoke("--debug", "--data", str(FIXTURES / "malformed.ttl"), "stats")
