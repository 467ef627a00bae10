"""People's words: names as people write them, read by the resolution ladder (each rule on
the built-in graph and the committed ESCO excerpt: ESCO classification, European
Commission), match answering with what it can read, skill lists and CVs as input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, invoke, run_process

from careergraph import CareerGraph
from careergraph.graph.careergraph import MATCHED_KINDS, ROLE_KINDS
from careergraph.graph.resolution.ladder import typo_budget
from careergraph.graph.resolution.readings import Reading, Skipped
from careergraph.namespaces import ID


def on_esco(esco_store: Path, *args: str):
    return invoke("--store", str(esco_store), *args)


def read(graph: CareerGraph, name: str, kinds=MATCHED_KINDS) -> Reading | Skipped:
    return graph.read_name(name, kinds, "skill or tool")


# ---- each rule of the ladder --------------------------------------------------------------


@pytest.mark.parametrize(
    "name, rule, label",
    [
        (f"<{ID}tool/terraform>", "iri", "Terraform"),
        ("tool/terraform", "iri", "Terraform"),
        ("terraform", "preferred", "Terraform"),
        ("use spreadsheets program", "alternative", "use spreadsheets software"),
        ("leadership", "hidden", "lead others"),
        ("Ethereum", "hidden", "blockchain platforms"),
        ("container-orchestration", "slug", "Container Orchestration"),
        ("k8s", "alias", "Kubernetes"),
        ("budgets", "containment", "manage budgets"),
        ("Teraform", "typo", "Terraform"),
    ],
)
def test_each_rule_of_the_ladder_reads_its_names(esco_graph, name, rule, label):
    reading = read(esco_graph, name)
    assert isinstance(reading, Reading), reading
    assert (reading.rule, reading.entity.label) == (rule, label)
    assert 0 < reading.confidence <= 1
    assert (reading.note() is None) == reading.exact


def test_a_label_without_its_qualifier_reads_as_the_label(tmp_path):
    mine = tmp_path / "mine.ttl"
    mine.write_text(
        "@prefix cg: <https://w3id.org/careergraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<urn:mine:quux> a cg:Skill ; skos:prefLabel "Quux (a test language)" .\n',
        "utf-8",
    )
    reading = read(CareerGraph.open([mine]), "quux")
    assert (reading.rule, reading.entity.label) == ("qualifier", "Quux (a test language)")


def test_a_job_title_with_a_typo_reads_as_the_occupation(esco_graph):
    reading = esco_graph.read_name("ICT sytem administrator", ROLE_KINDS, "role")
    assert isinstance(reading, Reading) and reading.rule == "typo"
    assert reading.entity.label == "ICT system administrator"
    assert [typo_budget(n) for n in ("sql", "kubernets", "ICT sytem administrator")] == [0, 1, 2]


def test_the_exact_rules_come_first_and_decide(esco_graph):
    # "ML" is an alternative label of two ESCO skills: the alias table says which one.
    ml = read(esco_graph, "ML")
    assert (ml.rule, [e.label for e in ml.entities]) == ("alias", ["machine learning"])
    # "data scientist" names an occupation: no fuzzy rule makes a skill of its words.
    wrong = read(esco_graph, "data scientist")
    assert isinstance(wrong, Skipped) and wrong.reason == "wrong-kind"


def test_a_label_several_skills_share_splits_its_credit(esco_graph):
    reading = read(esco_graph, "protect data")
    assert isinstance(reading, Reading) and reading.rule == "alternative"
    assert sorted(e.label for e in reading.entities) == [
        "apply information security policies",
        "manage keys for data protection",
    ]
    assert reading.credits == (0.5, 0.5) and "50% credit each" in reading.note()
    result = esco_graph.match(["protect data"], limit=3).to_json()
    assert [s["credit"] for s in result["skills"]] == [0.5, 0.5]


def test_match_splits_a_short_form_among_the_skills_it_fits_equally():
    answer = json.loads(invoke("match", "monitoring", "--format", "json").stdout)
    read = {s["label"]: (s["rule"], s["credit"]) for s in answer["skills"]}
    assert read == {
        "Monitoring and Observability": ("containment", 0.5),
        "Resource Monitoring": ("containment", 0.5),
    }
    one = invoke("show", "monitoring", "--format", "json")  # one name, one entity
    assert json.loads(one.stdout)["label"] in read and "(containment)" in one.stderr


def test_a_label_is_read_in_every_taxonomy_that_has_it(esco_graph):
    result = esco_graph.match(["troubleshooting"]).to_json()
    found = {(s["label"], s["rule"]) for s in result["skills"]}
    assert found == {("Troubleshooting", "preferred"), ("troubleshoot", "preferred")}


def test_names_resolve_the_same_on_rdflib(esco_graph):
    graph = CareerGraph.open(engine="rdflib")
    for name in ("k8s", "Teraform", "observability"):
        assert read(graph, name).entity == read(CareerGraph.open(), name).entity


# ---- match: nothing sinks the answer --------------------------------------------------------


def test_an_unknown_name_is_skipped_and_the_rest_answered(esco_store):
    table = on_esco(esco_store, "match", "Python (computer programming)", "SQL", "qwxz")
    assert table.exit_code == 0, table.stderr
    assert table.stdout.startswith("For Python (computer programming), SQL; skipped 'qwxz':")
    assert "careergraph: note: skipped 'qwxz': no skill or tool by that name" in table.stderr
    answer = json.loads(on_esco(esco_store, "match", "SQL", "qwxz", "--format", "json").stdout)
    assert answer["skipped"] == [{"given": "qwxz", "reason": "unknown", "candidates": []}]
    assert [(s["label"], s["given"], s["rule"]) for s in answer["skills"]] == [
        ("SQL", "SQL", "preferred")
    ]
    for form in ("csv", "tsv", "md"):
        other = on_esco(esco_store, "match", "SQL", "qwxz", "--format", form)
        assert other.exit_code == 0 and "skipped 'qwxz'" in other.stderr


def test_a_skipped_name_comes_with_its_closest_candidates(esco_store):
    answer = json.loads(
        on_esco(esco_store, "match", "SQL", "Kubernetes operators", "--format", "json").stdout
    )
    skipped = answer["skipped"][0]
    assert skipped["given"] == "Kubernetes operators" and skipped["reason"] == "unknown"
    assert skipped["candidates"][0]["label"] == "Kubernetes"
    wrong = json.loads(
        on_esco(esco_store, "match", "SQL", "MLOps Architect", "--format", "json").stdout
    )
    assert wrong["skipped"][0]["reason"] == "wrong-kind"
    assert wrong["skipped"][0]["candidates"][0]["label"] == "MLOps Architect"


def test_nothing_read_is_exit_2_with_why():
    result = invoke("match", "qwxz", "zzqq")
    assert result.exit_code == 2 and result.stdout == ""
    assert "no skill or tool found in the names given" in result.stderr
    assert "skipped 'qwxz'" in result.stderr


def test_a_list_typed_as_one_name_is_cut_at_its_commas(esco_store):
    answer = json.loads(on_esco(esco_store, "match", "python, sql, k8s", "--format", "json").stdout)
    givens = [s["given"] for s in answer["skills"]]
    assert givens[0] == "python" and "sql" in givens and "k8s" in givens
    # A name that holds a comma is read whole.
    whole = "empower individuals, families and groups"
    one = json.loads(on_esco(esco_store, "match", whole, "--format", "json").stdout)
    assert [s["label"] for s in one["skills"]] == [whole]


def test_a_skills_file_keeps_csharp_and_reads_comments(tmp_path):
    skills = tmp_path / "skills.txt"
    skills.write_text("# mine\nC#  # my first language\nTerraform # infra\nk8s\n", "utf-8")
    result = invoke("match", "--skills-file", str(skills), "--format", "json")
    answer = json.loads(result.stdout)
    assert [s["given"] for s in answer["skills"]] == ["Terraform", "k8s"]
    assert answer["skipped"][0]["given"] == "C#"  # no C# in the built-in graph: not "C"


# ---- tracks are not skills ------------------------------------------------------------------


def test_python_is_the_language_not_the_track():
    answer = json.loads(invoke("match", "python", "--format", "json").stdout)
    assert [(s["label"], s["kind"]) for s in answer["skills"]] == [("Python", "skill")]
    assert all(role["readiness"] < 0.5 for role in answer["roles"])
    assert {r["role"]["label"] for r in answer["roles"]} >= {"Python Guru", "Python Architect"}


def test_a_name_that_is_only_a_track_counts_as_the_track_with_a_note():
    result = invoke("match", "mlops", "--format", "json")
    answer = json.loads(result.stdout)
    assert answer["skills"][0]["kind"] == "track"
    assert "names the track MLOps, not a skill" in result.stderr


def test_track_counts_a_track_on_purpose():
    plain = json.loads(invoke("match", "Python", "--format", "json").stdout)
    with_track = json.loads(
        invoke("match", "Python", "--track", "DevOps", "--format", "json").stdout
    )
    assert with_track["skills"][-1] == {
        **with_track["skills"][-1],
        "label": "DevOps",
        "rule": "track",
        "given": "DevOps",
    }
    assert with_track["roles"][0]["readiness"] > plain["roles"][0]["readiness"]
    bad = invoke("match", "Python", "--track", "Nope")
    assert bad.exit_code == 2 and "no track named 'Nope'" in bad.stderr and bad.stdout == ""


# ---- prose --------------------------------------------------------------------------------------


def test_text_finds_the_skills_of_a_cv_with_the_words_they_came_from(esco_store):
    built_in = json.loads(
        invoke("match", "--text", str(FIXTURES / "cv.txt"), "--format", "json").stdout
    )
    found = {s["label"]: s["given"] for s in built_in["skills"]}
    expected = {"Kubernetes", "AWS", "Terraform", "Ansible", "CI/CD", "GitLab CI", "Prometheus",
                "Grafana", "Bash", "Python", "Linux"}  # fmt: skip
    assert expected <= set(found), sorted(found)
    assert found["Kubernetes"] == "Kubernetes, k8s"
    assert not any("reliab" in label.casefold() for label in found)  # a role's word
    with_esco = json.loads(
        on_esco(esco_store, "match", "--text", str(FIXTURES / "cv.txt"), "--format", "json").stdout
    )
    labels = {s["label"] for s in with_esco["skills"]}
    assert {"lead others", "use spreadsheets software", "SQL"} <= labels
    table = on_esco(esco_store, "match", "--text", str(FIXTURES / "cv.txt"), "--limit", "3")
    assert table.stdout.startswith("For ") and "Kubernetes (Kubernetes, k8s)" in table.stdout


def test_an_item_of_a_list_line_not_read_whole_is_read_as_prose(esco_graph):
    text = "Training: First aid certificate, Terraform, dementia awareness\n"
    text += "Tools: Git, Kubernetes (advanced), Ansible\n"
    readings, _ = esco_graph.read_skills(text=text)
    found = {r.entity.label: r.given for r in readings}
    assert found.get("Terraform") == "Terraform"  # an item read whole
    assert found.get("first aid") == "First aid"  # "First aid certificate": its words, as prose
    assert found.get("Kubernetes") == "Kubernetes"  # "Kubernetes (advanced)"
    assert not {"Training", "Tools"} & set(found)  # a list's heading


def test_text_from_standard_input():
    result = run_process("match", "--text", "-", "--format", "json", input_text="I use k8s.\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["skills"][0]["label"] == "Kubernetes"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "no skill or tool found in the text"),
        (b"  \n\t\n", "no skill or tool found in the text"),
        (b"The weather was nice and we walked to the park.\n", "no skill or tool found"),
        (b"\x7fELF\x02\x01\x01\x00\x00\xd0\xff", "not UTF-8 text"),
        (b"plain\x00text with a NUL", "not text (it holds NUL bytes)"),
        (b"lorem ipsum " * 20_000, "reads at most 200,000"),
    ],
)
def test_bad_text_is_one_line_and_exit_2(tmp_path, content, message):
    path = tmp_path / "cv.txt"
    path.write_bytes(content)
    result = invoke("match", "--text", str(path))
    assert result.exit_code == 2 and result.stdout == ""
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_skills_file_of_ten_thousand_lines_is_refused_at_once(tmp_path):
    path = tmp_path / "skills.txt"
    path.write_text("\n".join(f"skill number {i}" for i in range(10_000)), "utf-8")
    result = invoke("match", "--skills-file", str(path))
    assert result.exit_code == 2 and result.stdout == ""
    assert "holds 10,000 names; match reads at most 500" in result.stderr


# ---- commands that take one name ------------------------------------------------------------


def test_one_name_commands_answer_a_confident_reading_with_a_note(esco_store):
    similar = on_esco(esco_store, "similar", "nurse", "--limit", "2")
    assert similar.exit_code == 0, similar.stderr
    assert "read 'nurse' as specialist nurse (occupation) (containment)" in similar.stderr
    show = on_esco(esco_store, "show", "machine learning engineer", "--format", "json")
    assert json.loads(show.stdout)["iri"] == ID + "role/ml-engineer"
    path = on_esco(esco_store, "path", "sysadmn", "cloud engineer", "--format", "json")
    assert path.exit_code == 0, path.stderr
    answer = json.loads(path.stdout)
    assert answer["from"] == {**answer["from"], "label": "ICT system administrator",
                              "given": "sysadmn", "rule": "typo"}  # fmt: skip
    assert "given" not in answer["to"]  # an exact name: nothing to say


def test_a_query_parameter_is_read_by_the_exact_rules_only():
    """An untyped parameter that is no exact name stays a literal: "k8s" is text there."""
    text = "SELECT ?v WHERE { BIND(?v AS ?w) }"
    answer = json.loads(invoke("query", text, "-p", "v=k8s", "--format", "json").stdout)
    assert answer["results"]["bindings"][0]["v"] == {"type": "literal", "value": "k8s"}
    typed = invoke("query", "-n", "tool-roles", "-p", "tool=k8s", "--format", "json")
    assert typed.exit_code == 0 and "read 'k8s' as Kubernetes (tool) (alias)" in typed.stderr
