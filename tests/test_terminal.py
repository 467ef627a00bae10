"""Output a person can act on, in a 100-column terminal: every table fits, path reads as a
plan, match groups identical answers and keeps its learning order in every format, and the
data never controls the terminal."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from careergraph.cli import cli
from careergraph.graph.sources.esco import import_esco

COMMANDS = [
    ("show", "MLOps Architect"),
    ("show", "MLOps"),
    ("list", "roles"),
    ("list", "certifications"),
    ("search", "kube"),
    ("overlap", "DevOps", "MLOps"),
    ("similar", "DevOps Engineer"),
    ("path", "Junior Linux Admin", "MLOps Engineer", "-k", "3"),
    ("match", "Kubernetes", "Terraform", "Prometheus"),
    ("query", "-n", "role-skills"),
    ("query", "-n", "salary-bands"),
    ("queries",),
    ("stats",),
    ("store", "info"),
]
ESCO_COMMANDS = [
    ("show", "ICT system administrator"),
    ("match", "Python (computer programming)", "SQL", "data mining"),
    ("path", "Junior Linux Admin", "data scientist", "-k", "2"),
    ("query", "-n", "esco-crosswalk"),
]


@pytest.fixture(scope="module")
def esco_store(tmp_path_factory):
    location = tmp_path_factory.mktemp("terminal-esco")
    import_esco(FIXTURES / "esco", location)
    return "esco", location


@pytest.fixture(scope="module", params=["built-in", "esco"])
def store(request, tmp_path_factory):
    if request.param == "esco":
        return request.getfixturevalue("esco_store")
    return "built-in", tmp_path_factory.mktemp("terminal-built-in")


def run(store, *args: str, columns: str | None = "100"):
    env = {"COLUMNS": columns}  # None: unset (not a terminal)
    return CliRunner().invoke(cli, ["--store", str(store[1]), *args], env=env)


def widest(result) -> str:
    assert result.exit_code == 0, result.stderr
    return max(result.stdout.splitlines(), key=len)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_table_fits_in_100_columns(store, args):
    assert len(widest(run(store, *args))) <= 100


@pytest.mark.parametrize("args", ESCO_COMMANDS, ids=" ".join)
def test_every_table_of_esco_fits_in_100_columns(esco_store, args):
    assert len(widest(run(esco_store, *args))) <= 100


def test_columns_sets_the_width_and_a_pipe_is_never_cut(store):
    narrow = run(store, "match", "Kubernetes", "Terraform", columns="60").stdout
    assert max(len(line) for line in narrow.splitlines()) <= 60
    whole = run(store, "match", "Kubernetes", "Terraform", columns=None).stdout
    assert max(len(line) for line in whole.splitlines()) > 100  # not a terminal: not cut
    assert " more" not in whole.split("Learn next")[0]


def test_an_id_is_never_cut_in_two_where_names_can_wrap_instead(tmp_path):
    """A job architecture's ids are long (acme/role/principal-site-reliability-engineer):
    in 100 columns the names and families wrap at their spaces, and each id stays whole,
    to be copied."""
    sample = Path(__file__).parent.parent / "examples" / "job-architecture.csv"
    imported = run(("acme", tmp_path), "import", "roles", str(sample), "--name", "acme")
    assert imported.exit_code == 0, imported.stderr
    listed = run(("acme", tmp_path), "list", "roles", "--source", "acme")
    assert len(widest(listed)) <= 100
    ids = [line.rsplit("  ", 1)[-1].strip() for line in listed.stdout.splitlines()[2:]]
    whole = [i for i in ids if i.startswith("acme/role/")]
    assert len(whole) == 37 and "acme/role/principal-site-reliability-engineer" in whole


def test_path_reads_as_a_plan_with_the_skills_to_learn(store, request):
    plan = run(store, "path", "Junior Linux Admin", "MLOps Engineer").stdout
    assert plan.startswith("Path 1 of 1: Junior Linux Admin -> ")
    step = plan.split("Step 1: ")[1].split("Step 2: ")[0]
    if request.node.callspec.params["store"] == "built-in":  # the README's route
        assert "why     DevOps transition paths: from Linux Expertise to DevOps" in step
    else:  # ESCO lends the built-in roles skills: a stated move first all the same
        assert "(transition, " in step or "(promotion, " in step
    learn = " ".join(step.split("learn   ")[1].split("keep")[0].split())
    assert learn.count(",") == 4 and learn.endswith(" more")  # the five that matter most
    assert "salary  65,000-85,000 USD -> " in step and "(pay rises)" in step
    title = " ".join(plan.split("Step 1: ")[0].split())
    assert "(2 steps, cost " in title and "In all\n  learn   " in plan
    assert len(plan.splitlines()) <= 40
    written = run(store, "path", "Junior Linux Admin", "MLOps Engineer", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(written.stdout)))
    assert [row["step"] for row in rows] == ["1", "2"] and rows[0]["pay"] == "rises"
    assert all(row["pay"] in ("rises", "falls", "same", "unknown") for row in rows)
    assert "Ansible" in rows[0]["learn"].split(", ") and "more" not in rows[0]["learn"]


def test_a_promotion_says_what_changes(store):
    plan = run(store, "path", "Junior Python Developer", "Python Guru").stdout
    assert "time    the source gives 2-4 years to reach Python Expertise: Guru Level" in plan
    assert "grow    Cloud-native development, Full-stack capabilities" in plan


def test_match_groups_identical_answers_and_names_what_is_missing(store):
    table = run(store, "match", "Kubernetes", "Terraform", "Prometheus").stdout
    heading, head, _, first = table.splitlines()[:4]
    assert heading == "For Kubernetes, Terraform, Prometheus:"
    assert first.startswith("Build Engineer, Cloud") and "missing" in head
    group = table.split("\n\n")[0].splitlines()[3:]
    roles_cell = " ".join(line[:22].strip() for line in group)  # the first group's names
    for role in ("Build Engineer", "DevOps Architect", "Infrastructure Architect"):
        assert role in roles_cell  # every role of the group named, none hidden
    assert "more" not in roles_cell
    groups = json.loads(run(store, "match", "Kubernetes", "--format", "json").stdout)
    assert len(groups["roles"]) == 10  # json keeps every role


@pytest.mark.parametrize("format_name", ["md", "csv", "tsv", "json"])
def test_match_keeps_its_learning_order_in_every_format(store, format_name):
    out = run(store, "match", "Kubernetes", "Terraform", "--format", format_name).stdout
    if format_name == "json":
        order = json.loads(out)["learning_order"]
        assert order and order[0]["skill"]["label"]
        return
    assert "APM Tools" in out.split("Learn next")[-1] if format_name == "md" else True
    tables = out.split("\n\n")
    assert len(tables) == 2 if format_name in ("csv", "tsv") else "### Learn next" in out
    if format_name == "csv":
        order = list(csv.DictReader(io.StringIO(tables[1])))
        assert order[0]["step"] == "1" and order[0]["skill"]
        assert order[0]["why here"].startswith("all ") and "fit each" in order[0]["why here"]
        assert any(row["why here"] == "as the step above (then by name)" for row in order)


def test_control_characters_in_the_data_are_shown_escaped(tmp_path):
    data = tmp_path / "hostile.ttl"
    data.write_text(
        "@prefix cg: <https://w3id.org/careergraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/careergraph/id/role/evil> a cg:Role ;\n"
        '  skos:prefLabel "Evil\\u001b]52;c;aGk=\\u0007 Role\\u001b[2J" .\n',
        "utf-8",
    )
    labels = "SELECT ?l WHERE { ?r a cg:Role ; skos:prefLabel ?l FILTER(CONTAINS(?l, 'Evil')) }"
    for args in (("search", "Evil"), ("show", "evil"), ("query", labels)):
        result = CliRunner().invoke(cli, ["--data", str(data), *args])
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "\\x1b]52;c;aGk=\\x07" in result.stdout
    raw = CliRunner().invoke(cli, ["--data", str(data), "search", "Evil", "--format", "json"])
    assert "\u001b" in json.loads(raw.stdout)[0]["label"]  # machine formats keep the value


def test_plain_column_names_prices_and_stats_in_columns(store):
    certifications = run(store, "list", "certifications").stdout
    assert certifications.splitlines()[0].split() == ["name", "track", "price", "id"]
    assert "450 USD" in certifications and "200-600 USD each level" in certifications
    assert "49 USD per month" in certifications and "certification/rhcsa" in certifications
    priced = json.loads(run(store, "list", "certifications", "--format", "json").stdout)
    assert {c["label"]: c["price"] for c in priced}["RHCE"] == "800 USD"
    stats = run(store, "stats").stdout.splitlines()
    assert " triples on oxigraph, in" in stats[0]  # and the store's path, wrapped
    assert ["source", "triples"] in [line.split() for line in stats[:4]]
    assert "Entities by class:" in stats
    bands = run(store, "query", "-n", "salary-bands").stdout.splitlines()[0]
    assert bands.split()[:5] == ["band", "track", "label", "level", "label"]
    overlap = run(store, "overlap", "DevOps", "MLOps").stdout.splitlines()
    assert overlap[0].startswith("DevOps and MLOps: similarity 0.")
    assert "shared; 18 only DevOps; 23 only MLOps" in overlap[0]
    assert overlap[1].split() == ["item", "kind", "in", "why"]


def test_show_tells_what_a_person_asks_about_a_role(store):
    shown = run(store, "show", "MLOps Architect").stdout
    assert shown.startswith("MLOps Architect (role)\n")
    salary = shown.split("Salary:\n")[1].split("\n\n")[0]
    assert "MLOps Architect band  200,000-300,000+ USD" in salary
    profile = shown.split("Skills and tools (its profile):\n")[1].split("\n\n")[0]
    assert "Kubeflow" in profile and "core skill of MLOps" in profile
    assert "AI Infrastructure Lead" in shown.split("Leads to:\n")[1].split("\n\n")[0]
    came = shown.split("Comes from:\n")[1].split("\n\n")[0]
    assert ["MLOps", "Specialist", "promotion"] in [line.split()[:3] for line in came.splitlines()]
    about = json.loads(run(store, "show", "MLOps Architect", "--format", "json").stdout)
    assert about["salary"] == [{"from": "MLOps Architect band", "yearly": "200,000-300,000+ USD"}]
    assert {"item": "Kubeflow", "kind": "tool", "why": "in Kubernetes Ecosystem"} in about[
        "profile"
    ]
    assert about["leads_to"][0]["move"] and about["comes_from"] and about["similar"]
    assert about["properties"]["skos:prefLabel"]  # the statements, as before


def test_show_tells_a_track_its_roles_and_a_tool_who_needs_it(store):
    track = run(store, "show", "MLOps").stdout
    levels = track.split("Roles by level:\n")[1].split("\n\n")[0]
    assert "Entry Level   Data Engineer, ML Engineer, MLOps Engineer" in levels
    assert "roles (track)" in track and "emerging technologies (track)" in track
    linux = run(store, "show", "Junior Linux Admin").stdout
    assert "RHCSA          Linux Expertise  450 USD" in linux
    assert "Linux Expertise: Guru Level       Linux Expertise  3-5 years" in linux
    tool = run(store, "show", "Kubernetes").stdout
    assert "DevOps Engineer" in tool.split("Roles that need it:\n")[1]


def test_a_matrix_too_wide_for_the_terminal_says_what_it_holds_in_rows(store):
    result = run(store, "overlap", "--matrix", "roles")
    assert len(widest(result)) <= 100 and "most similar (3)" in result.stdout
    assert "the whole matrix: --format csv, md or json" in result.stdout.replace("\n", " ")
    whole = run(store, "overlap", "--matrix", "roles", "--format", "csv").stdout
    assert whole.count("\n") == 29  # a header and 28 rows: machines get it all
    assert len(run(store, "overlap", "--matrix", "tracks").stdout.splitlines()) == 6  # fits


def test_search_and_errors_name_entities_by_id_path_never_by_raw_iri(esco_store):
    hits = run(esco_store, "search", "data", "--kind", "occupations")
    assert "esco/occupation/" in hits.stdout and "http://" not in hits.stdout
    error = run(esco_store, "show", "dta scientistt zz")
    assert error.exit_code == 2 and "[esco/occupation/" in error.stderr
    assert "http://" not in error.stderr
    assert all(len(line) <= 100 for line in error.stderr.splitlines())  # wrapped
    shown = hits.stdout.splitlines()[2].split()[-1]  # an id path can be typed back
    assert run(esco_store, "show", shown).exit_code == 0


def test_lists_are_cut_on_request_levels_by_ladder_and_prices_in_words(store):
    cut = run(store, "list", "skills", "--limit", "3")
    assert cut.stdout.startswith("The first 3 of ") and len(cut.stdout.splitlines()) == 6
    levels = [line.split("  ")[0] for line in run(store, "list", "levels").stdout.splitlines()]
    assert levels.index("Entry Level") < levels.index("Mid Level") < levels.index("Senior Level")
    assert levels.index("Junior") < levels.index("Mid-Level") < levels.index("Architect")
    track = run(store, "show", "Python Expertise").stdout
    assert "200-1,000 USD per certification" in track and "PriceSpecification" not in track
    assert "200-600 USD each level" in run(store, "show", "LPIC").stdout


def test_help_groups_every_command_by_task_at_the_terminal_width():
    from careergraph.cli import COMMAND_MODULES, TASKS

    listed = [name for _, names in TASKS for name in names]
    assert sorted(listed) == sorted(COMMAND_MODULES)  # each command once, none left out
    text = CliRunner().invoke(cli, ["--help"], env={"COLUMNS": "100"}).stdout
    assert all(f"\n{task}:\n" in text for task, _ in TASKS)
    assert text.index("Career questions:") < text.index("Look around the graph:")
    assert max(len(line) for line in text.splitlines()) <= 100
    assert max(len(line) for line in text.splitlines()) > 80  # the width is used


def test_counts_read_with_thousands_separated_for_people_and_plain_for_machines(esco_store):
    table = run(esco_store, "stats").stdout
    csv_text = run(esco_store, "stats", "--format", "csv").stdout
    triples = next(line for line in table.splitlines() if line.startswith("dataset:esco"))
    assert triples.split()[-1] == "7,184" and "dataset:esco,7184" in csv_text
