"""--source: an import adds to careergraph and never changes an answer about built-in entities
alone; each command can be asked for one taxonomy or for the mixed answer on purpose."""

from __future__ import annotations

import json

import pytest
from conftest import invoke

from careergraph import CareerGraph

ESCO = "http://data.europa.eu/esco/"
# The built-in answers the README shows.
README_QUESTIONS = [
    ("overlap", "DevOps", "MLOps"),
    ("overlap", "Linux Guru", "Python Guru"),
    ("overlap", "Data Engineer", "ML Engineer"),
    ("path", "Junior Linux Admin", "MLOps Engineer", "-k", "3"),
    ("similar", "Junior Linux Admin", "--limit", "5"),
    ("match", "Kubernetes", "Terraform", "Prometheus", "--limit", "5"),
    ("match", "python, k8s, docker, qwxz"),
]


@pytest.fixture(scope="module")
def no_import(tmp_path_factory):
    return str(tmp_path_factory.mktemp("no-import"))


@pytest.mark.parametrize("question", README_QUESTIONS, ids=lambda q: " ".join(q[:2]))
def test_an_import_never_changes_an_answer_about_built_in_entities(esco_store, no_import, question):
    before = invoke("--store", no_import, *question)
    assert before.exit_code == 0, before.stderr
    after = invoke("--store", str(esco_store), *question)
    asked = invoke("--store", str(esco_store), *question, "--source", "builtin")
    assert after.stdout == before.stdout == asked.stdout


def test_the_mixed_answer_is_asked_for_on_purpose(esco_store, no_import):
    def first_line(*args: str) -> str:
        return invoke(*args).stdout.splitlines()[0]

    question = ("overlap", "Data Engineer", "ML Engineer")
    assert "similarity 1.00" in first_line("--store", str(esco_store), *question)
    # ESCO lends Data Engineer the needs of the data scientist it is named as.
    assert "similarity 0.33" in first_line("--store", str(esco_store), *question, "--source", "all")
    route = ("path", "Junior Linux Admin", "MLOps Engineer")
    assert "Build Engineer" in first_line("--store", str(esco_store), *route)
    assert "Linux-focused" in first_line("--store", str(esco_store), *route, "--source", "all")


def test_an_answer_holds_the_taxonomies_of_the_names_asked_about(esco_default):
    def taxonomies(result) -> set[str]:
        return {near.taxonomy for near in result.similar}

    assert taxonomies(esco_default.similar("MLOps Engineer")) == {"built-in"}
    assert taxonomies(esco_default.similar("data scientist")) == {"ESCO"}
    route = esco_default.path("Junior Linux Admin", "data scientist").paths[0]
    assert route.steps[-1].target.label == "data scientist"  # a mixed question: both


def test_a_source_picks_the_taxonomy_of_the_answer(esco_store):
    graph = CareerGraph.open(persist=esco_store, imported=esco_store, source="esco")
    near = graph.similar("MLOps Engineer", limit=3).similar  # ESCO's nearest to a role
    assert len(near) == 3 and all(n.role.iri.startswith(ESCO) for n in near)
    fits = graph.match(["Kubernetes", "Python"]).roles
    assert fits and all(fit.role.iri.startswith(ESCO) for fit in fits)
    route = graph.path("data scientist", "ICT system administrator").paths[0]
    assert all(step.target.iri.startswith(ESCO) for step in route.steps)
    assert all(hit.entity.iri.startswith(ESCO) for hit in graph.search("data").hits)
    occupations = graph.list("occupations").items
    assert occupations and all(o.entity.iri.startswith(ESCO) for o in occupations)


def test_the_built_in_source_lists_and_searches_the_built_in_graph(esco_store):
    asked = ("--store", str(esco_store))
    roles = invoke(*asked, "list", "roles", "--source", "builtin", "--format", "json")
    assert len(json.loads(roles.stdout)) == 28
    occupations = invoke(*asked, "list", "occupations", "--source", "builtin", "--format", "json")
    assert occupations.exit_code == 0 and ESCO not in occupations.stdout
    hits = invoke(*asked, "search", "data", "--source", "builtin", "--format", "json")
    assert hits.exit_code == 0 and ESCO not in hits.stdout
    network = invoke(*asked, "export", "graphml", "--source", "builtin", "-o", "-")
    assert network.exit_code == 0 and "role/mlops-engineer" in network.stdout
    assert ESCO not in network.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("list", "roles", "--source", "nope"), "--source 'nope' names no source: choose builtin"),
        (("similar", "DevOps Engineer", "--source", "esco"), "names no imported dataset"),
    ],
)
def test_a_source_that_is_not_there_is_a_clear_error(no_import, args, said):
    result = invoke("--store", no_import, *args)
    assert result.exit_code == 2 and said in result.stderr and not result.stdout


def test_a_source_a_command_cannot_take_is_refused_and_writes_nothing(esco_store, tmp_path):
    asked = ("--store", str(esco_store))
    query = invoke(*asked, "query", "-n", "salary-bands", "--source", "esco")
    assert query.exit_code == 2 and "a query takes builtin or all" in query.stderr
    target = tmp_path / "esco.ttl"
    export = invoke(*asked, "export", "ttl", "--source", "esco", "-o", str(target))
    assert export.exit_code == 2 and "builtin or all" in export.stderr
    assert not target.exists()


def test_stats_of_a_dataset_count_its_triples_and_entities_only(esco_store):
    asked = ("--store", str(esco_store), "stats", "--format", "json")
    everything, esco = (
        json.loads(invoke(*asked, *more).stdout) for more in ((), ("--source", "esco"))
    )
    assert [source["name"] for source in esco["sources"]] == ["dataset:esco"]
    assert esco["triples"] == esco["sources"][0]["triples"] < everything["triples"]
    counts = {c["label"]: c["count"] for c in esco["classes"]}
    assert counts["esco:Occupation"] > 0 and "cg:Role" not in counts
    built_in = json.loads(invoke(*asked, "--source", "builtin").stdout)
    assert "dataset:esco" not in {source["name"] for source in built_in["sources"]}


def test_the_careers_view_stays_a_career_map_after_an_import(esco_default):
    ladders = esco_default.view("careers")  # the built-in ladders, as before the import
    roles = [node for node in ladders.nodes if node.kind == "role"]
    assert len(roles) == 28 and not any(node.id.startswith(ESCO) for node in ladders.nodes)
    assert len(ladders.edges) >= len(ladders.nodes) / 2
    occupations = esco_default.view("careers", source="esco")
    assert occupations.nodes and all(node.id.startswith(ESCO) for node in occupations.nodes)
    assert len(occupations.edges) >= 0.8 * len(occupations.nodes)
    groups = {node.cluster for node in occupations.nodes}
    assert all(group[:2].isdigit() or group == "no ISCO group" for group in groups)
    assert any(group[:2].isdigit() for group in groups)  # "25 Information and ..."
    both = esco_default.view("careers", source="all")
    assert {node.id for node in both.nodes} >= {node.id for node in roles}
    assert len(both.nodes) == len(ladders.nodes) + len(occupations.nodes)


def test_a_group_keeps_the_occupations_under_an_isco_code(esco_default, esco_store, tmp_path):
    whole = esco_default.view("careers", source="esco")
    codes = sorted({node.cluster[:2] for node in whole.nodes if node.cluster[:2].isdigit()})
    under = esco_default.view("careers", source="esco", group=codes[0])
    assert under.nodes and len(under.nodes) < len(whole.nodes)
    assert all(node.cluster.startswith(codes[0]) for node in under.nodes)
    target = tmp_path / "out.html"
    asked = ("--store", str(esco_store), "export", "html", "--view", "careers", "-o", str(target))
    for group, said, status in (
        ("x1", "--group 'x1' is not an ISCO code", 2),
        ("99", "no occupation under the ISCO group 99", 1),  # found nothing
    ):
        result = invoke(*asked, "--source", "esco", "--group", group)
        assert result.exit_code == status and said in result.stderr and not target.exists()


def test_a_focus_view_draws_career_content_and_provenance_on_request(esco_default):
    role = esco_default.view("full", "MLOps Architect", 1)
    relations = {edge.label for edge in role.edges}
    assert {"level", "track", "salary band"} <= relations and "source" not in relations
    assert {"needs", "similar"} <= relations  # its skills and its moves
    sourced = esco_default.view("full", "MLOps Architect", 1, provenance=True)
    assert "source" in {edge.label for edge in sourced.edges}
    wide = esco_default.view("full", "data scientist", 2, source="all")
    outer = len(wide.nodes) - 1 - len(esco_default.view("full", "data scientist", 1).nodes)
    assert not wide.note or "new neighbours a node past the first ring" in wide.note
    assert len(wide.edges) < 2 * len(wide.nodes) and outer > 0  # no hairball of shared skills
    capped = esco_default.view("full", "Linux Guru", 2, source="builtin")
    assert "at most 12 new neighbours" in capped.note and "left out" in capped.note


def test_the_full_view_cut_keeps_every_kind_of_an_import(esco_default):
    whole = esco_default.view("full", source="all", max_nodes=10**6)
    imported = {node.kind for node in whole.nodes if node.id.startswith(ESCO)}
    built_in = sum(1 for node in whole.nodes if not node.id.startswith(ESCO))
    cut = esco_default.view("full", source="all", max_nodes=built_in + 3 * len(imported))
    kept = {node.kind for node in cut.nodes if node.id.startswith(ESCO)}
    assert kept == imported and "occupation" in kept  # each kind in turn, not skills only


def test_a_dataset_of_another_name_is_a_source_by_that_name(tmp_path):
    from conftest import FIXTURES

    store = str(tmp_path / "store")
    imported = invoke("--store", store, "import", "esco", str(FIXTURES / "esco"), "--name", "eu")
    assert imported.exit_code == 0, imported.stderr
    near = json.loads(
        invoke(
            "--store", store, "similar", "MLOps Engineer", "--source", "eu", "--format", "json"
        ).stdout
    )
    assert near["similar"] and all(n["role"]["iri"].startswith(ESCO) for n in near["similar"])
    stats = json.loads(
        invoke("--store", store, "stats", "--source", "eu", "--format", "json").stdout
    )
    assert [source["name"] for source in stats["sources"]] == ["dataset:eu"]
    refused = invoke("--store", store, "list", "roles", "--source", "esco")
    assert refused.exit_code == 2 and "choose builtin, eu or all" in refused.stderr


def test_a_source_against_an_endpoint_is_checked_before_any_request():
    asked = ("--endpoint", "http://127.0.0.1:9/query", "list", "roles", "--source", "nope")
    result = invoke(*asked)
    assert result.exit_code == 2 and "--source 'nope' names no source" in result.stderr
