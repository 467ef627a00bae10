"""A company's job architecture as a taxonomy of its own (`careergraph import roles`): the
import, the answers on it and across it, and the files it refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import invoke, run_process

SAMPLE = Path(__file__).parent.parent / "examples" / "job-architecture.csv"
ACME = "https://w3id.org/careergraph/dataset/acme/"


@pytest.fixture(scope="module")
def acme_store(esco_store, tmp_path_factory) -> Path:
    """The ESCO excerpt's store with the sample job architecture imported as ``acme``."""
    location = tmp_path_factory.mktemp("acme") / "store"
    shutil.copytree(esco_store / "datasets", location / "datasets")
    location.chmod(0o700)
    result = run_process("--store", str(location), "import", "roles", str(SAMPLE), "--name", "acme")
    assert result.returncode == 0, result.stderr
    assert "imported 37 roles in 4 families and 5 levels as dataset 'acme'" in result.stderr
    return location


def ask(store: Path, *args: str):
    result = invoke("--store", str(store), *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_re_import_reads_skills_on_the_store_it_read_them_on_before(esco_store, tmp_path):
    """The skills are read on the built-in graph and ESCO, not on the job architectures: a
    re-import of an edited file (as a person iterates on the spreadsheet) builds no store."""
    location = tmp_path / "store"
    shutil.copytree(esco_store / "datasets", location / "datasets")
    location.chmod(0o700)
    imports = [
        run_process("--store", str(location), "import", "roles", str(SAMPLE), "--name", "acme")
        for _ in range(2)
    ]
    assert all(result.returncode == 0 for result in imports), imports[-1].stderr
    assert "building the store" in imports[0].stderr  # the built-in graph and ESCO
    assert "building the store" not in imports[1].stderr
    assert imports[0].stderr.splitlines()[-3:] == imports[1].stderr.splitlines()[-3:]


def test_the_template_imports_as_it_is(tmp_path):
    template = invoke("import", "roles", "--template")
    assert template.stdout.splitlines()[0] == (
        "role,family,level,skill,need,salary_min,salary_max,currency,description"
    )
    csv = tmp_path / "starter.csv"
    csv.write_text(template.stdout, encoding="utf-8")
    result = invoke("--store", str(tmp_path / "store"), "import", "roles", str(csv))
    assert result.exit_code == 0, result.stderr
    assert "imported 2 roles in 1 families and 2 levels as dataset 'starter'" in result.stderr
    listed = ask(tmp_path / "store", "import", "list")
    assert [(d["name"], d["kind"]) for d in listed] == [("starter", "roles")]


def test_the_roles_are_listed_and_shown_with_their_needs_and_pay(acme_store):
    roles = ask(acme_store, "list", "roles", "--source", "acme")
    assert len(roles) == 37 and all(r["iri"].startswith(ACME + "role/") for r in roles)
    shown = invoke("--store", str(acme_store), "show", "acme/role/junior-data-scientist")
    assert shown.exit_code == 0, shown.stderr
    assert "requires skill" in shown.stdout and "optional skill" in shown.stdout
    assert "40,000-75,000 EUR" in shown.stdout


def test_skills_are_read_as_the_graphs_where_their_names_are(acme_store):
    details = ask(acme_store, "show", "acme/role/junior-data-scientist")
    required = {skill["iri"] for skill in details["properties"]["cg:requiresSkill"]}
    assert "https://w3id.org/careergraph/id/skill/python" in required  # the built-in skill
    assert ACME + "skill/feature-engineering" in required  # none of that name: its own
    evidence = invoke(
        "--store", str(acme_store), "query",
        f"SELECT ?rule WHERE {{ ?s rdf:subject <{ACME}role/junior-data-scientist> ; "
        'cg:matchedLabel "Python" ; cg:matchRule ?rule }',
    )  # fmt: skip
    assert "preferred" in evidence.stdout  # each link with the rule that read it


def test_a_family_is_a_ladder_of_promotions(acme_store):
    path = ask(acme_store, "path", "Junior Data Scientist", "Senior Machine Learning Engineer")
    steps = path["paths"][0]["steps"]
    assert [step["relation"] for step in steps] == ["promotion", "promotion"]
    assert all(step["to"]["iri"].startswith(ACME) for step in steps)


def test_answers_cross_to_the_built_in_roles_and_esco(acme_store):
    path = ask(acme_store, "path", "Junior Data Scientist", "MLOps Engineer")
    assert path["paths"] and path["paths"][0]["steps"][-1]["to"]["label"] == "MLOps Engineer"
    near = ask(acme_store, "similar", "acme/role/data-engineer", "--source", "all")
    assert {"acme", "built-in"} <= {role["taxonomy"] for role in near["similar"]}
    overlap = ask(acme_store, "overlap", "acme/role/data-engineer", "role/data-engineer")
    assert overlap["shared"]


def test_match_on_the_job_architecture_alone(acme_store):
    found = ask(acme_store, "match", "SQL", "Python", "data visualisation", "--source", "acme")
    assert found["roles"][0]["role"]["label"] == "Senior Data Analyst"
    assert all(r["role"]["iri"].startswith(ACME) for r in found["roles"])


def test_the_careers_view_draws_its_ladders(acme_store, tmp_path):
    page = tmp_path / "acme.html"
    result = invoke("--store", str(acme_store), "export", "html", "--view", "careers",
                    "--source", "acme", "-o", str(page))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = page.read_text("utf-8")
    assert "Junior Data Scientist" in text and "MLOps Engineer" not in text
    assert "Data \\u0026 Analytics" in text  # a lane per family (in the page's JSON)
    assert "40k-75k EUR" in text  # its own currency


def _csv(tmp_path: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    path = tmp_path / "bad.csv"
    header = "role,family,level,skill,need,salary_min,salary_max,currency"
    path.write_bytes("\n".join([header, *rows]).encode(encoding) + b"\n")
    return path


GOOD = "Data Analyst,Data,Junior,SQL,essential,45000,60000,EUR"


@pytest.mark.parametrize(
    "rows, encoding, said",
    [
        (["Data Analyst,Data,Junior,SQL"], "utf-8", "line 2: 8 fields expected"),
        ([GOOD, "Lead Analyst,Data,Overlord,SQL,essential,1,2,EUR"], "utf-8",
         "line 3: unknown level 'Overlord'"),
        ([GOOD, "Data Analyst,Data,Senior,Python,essential,45000,60000,EUR"], "utf-8",
         "line 3: the role 'Data Analyst' has another level than on line 2"),
        ([GOOD, "Data Analyst,Data,Junior,sql,optional,45000,60000,EUR"], "utf-8",
         "line 3: 'Data Analyst' lists 'sql' twice"),
        (["Data Analyst,Data,Junior,SQL,essential,lots,60000,EUR"], "utf-8",
         "line 2: salary 'lots'-'60000' is not a number"),
        (["Data Analyst,Data,Junior,SQL,sometimes,1,2,EUR"], "utf-8",
         "line 2: need 'sometimes' is not essential, optional or 1-5"),
        ([GOOD, "Analyste donnée,Data,Junior,SQL,essential,1,2,EUR"], "latin-1",
         "line 3: not UTF-8 text (byte 0xe9)"),
        ([GOOD, "Data-Analyst,Data,Junior,SQL,essential,1,2,EUR"], "utf-8",
         "line 3: the role 'Data-Analyst' reads as the role 'Data Analyst' (line 2)"),
    ],
)  # fmt: skip
def test_a_bad_file_names_the_line_and_keeps_the_previous_import(tmp_path, rows, encoding, said):
    store = str(tmp_path / "store")
    good = _csv(tmp_path, [GOOD])
    assert invoke("--store", store, "import", "roles", str(good), "--name", "mine").exit_code == 0
    before = ask(Path(store), "import", "list")
    result = invoke("--store", store, "import", "roles", str(_csv(tmp_path, rows, encoding)),
                    "--name", "mine")  # fmt: skip
    assert result.exit_code == 2 and said in " ".join(result.stderr.split()), result.stderr
    assert ask(Path(store), "import", "list") == before


def test_a_file_without_the_columns_says_which(tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text("role,skill\nData Analyst,SQL\n", encoding="utf-8")
    result = invoke("--store", str(tmp_path / "store"), "import", "roles", str(path))
    assert result.exit_code == 2
    assert "line 1: no column family, level, need, salary_min" in " ".join(result.stderr.split())


@pytest.mark.parametrize("name", ["esco", "builtin", "all", "role"])
def test_a_name_a_source_already_has_is_refused(tmp_path, name):
    result = invoke("--store", str(tmp_path), "import", "roles", str(SAMPLE), "--name", name)
    assert result.exit_code == 2 and "names a source already" in result.stderr


def test_a_family_holds_what_its_roles_need_and_a_role_only_what_it_lists(acme_store):
    families = ask(acme_store, "overlap", "Data & Analytics", "Platform & Infrastructure")
    assert "https://w3id.org/careergraph/id/skill/python" in {
        item["iri"] for item in families["shared"]
    }  # both families have roles that need Python
    profile = ask(acme_store, "show", "acme/role/junior-data-scientist")["profile"]
    assert "Apache Spark" not in {item["item"] for item in profile}  # another role's need


def test_an_excel_workbook_imports_as_its_csv_would(tmp_path):
    import csv

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    with SAMPLE.open(encoding="utf-8") as rows:
        for row in csv.reader(rows):  # numbers as numbers, as a spreadsheet holds them
            book.active.append([float(c) if c.isdigit() else c for c in row])
    book.save(tmp_path / "acme.xlsx")
    result = invoke(
        "--store", str(tmp_path / "store"), "import", "roles", str(tmp_path / "acme.xlsx")
    )
    assert result.exit_code == 0, result.stderr
    assert "imported 37 roles in 4 families and 5 levels as dataset 'acme'" in result.stderr
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    broken = invoke(
        "--store", str(tmp_path / "store"), "import", "roles", str(tmp_path / "broken.xlsx")
    )
    assert broken.exit_code == 2 and "not an Excel workbook" in broken.stderr


def test_an_import_goes_into_your_store_not_a_server(tmp_path):
    result = invoke("--endpoint", "http://127.0.0.1:9/query", "--store", str(tmp_path),
                    "import", "roles", str(SAMPLE))  # fmt: skip
    assert result.exit_code == 2 and "drop --endpoint" in result.stderr
    assert not (tmp_path / "datasets").exists()


def test_with_every_source_each_taxonomy_keeps_its_own_ladder(acme_store, tmp_path):
    """The built-in ladders with their levels, the job architecture's below with its own:
    drawn together, one scheme's columns took the other's roles off to the right."""
    from careergraph import CareerGraph

    graph = CareerGraph.open(persist=acme_store, imported=acme_store, source="all")
    view = graph.view("careers")
    ids = [node.id for node in view.nodes]
    assert len(ids) == len(set(ids))  # each lane and level heading once
    where = {node.label.split("\n")[0]: node for node in view.nodes}
    assert where["Entry Level"].y < where["Junior (acme)"].y  # the built-in ladders first
    assert where["Junior Linux Admin"].x == where["Junior Data Scientist"].x  # both first
