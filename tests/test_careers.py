"""overlap, path and match: what the source says, through the library and the CLI."""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path

import networkx as nx
import pytest
from conftest import invoke, invoke_json
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careergraph import CareerGraph
from careergraph.errors import NotFoundError
from careergraph.graph.careers import moves
from careergraph.graph.careers.moves import BASE_COST, LEARNING, LEARNING_COST, career_network
from careergraph.graph.careers.similarity import SHARES_SOMETHING, viable
from careergraph.graph.careers.vocabulary import ITEM_KINDS

ID = "https://w3id.org/careergraph/id/"


def labels(items) -> set[str]:
    return {item.entity.label if hasattr(item, "entity") else item.label for item in items}


# ---- overlap --------------------------------------------------------------------------------


def test_the_gurus_share_the_mind_maps_shared_skills_branch(graph):
    branch = graph.query(
        "SELECT ?label WHERE { ?node cg:parentNode+ ?shared . "
        "?shared rdfs:label 'Shared Skills' ; cg:inMindMap ?map . ?node rdfs:label ?label }"
    )
    mind_map = {row["label"].value for row in branch.answer.rows}
    assert mind_map == {
        "Version Control", "Git", "CI/CD", "Problem Solving", "Debugging", "Documentation",
        "Testing", "Best Practices", "Code Organization", "Performance", "Security",
    }  # fmt: skip
    assert labels(graph.overlap(["Linux Guru", "Python Guru"]).shared) == mind_map


def test_devops_and_mlops_share_the_integration_points(graph):
    result = graph.overlap(["DevOps", "MLOps"])
    shared = labels(result.shared)
    assert {
        "Kubernetes Ecosystem", "Kubernetes", "Kubeflow", "Istio", "Knative", "Argo Workflows",
        "Observability Stack", "Prometheus", "ELK Stack", "Jaeger", "Grafana",
        "Version Control", "Git", "DVC", "MLflow", "GitOps",
        "CI/CD Systems", "Jenkins", "GitHub Actions", "GitLab CI", "CircleCI",
    } <= shared  # fmt: skip
    only = {owner.label: labels(items) for owner, items in result.only}
    assert {"Terraform", "Infrastructure as Code"} <= only["DevOps"]
    assert {"Feast", "Model Serving"} <= only["MLOps"]
    assert not shared & (only["DevOps"] | only["MLOps"])
    iris = [graph.resolve("DevOps").iri, graph.resolve("MLOps").iri]
    assert result.similarity == pytest.approx(weighted_jaccard(graph.careers, *iris))
    assert 0 < result.similarity < 1


def weighted_jaccard(facts, first: str, second: str) -> float:
    """The documented similarity, worked out here from the profiles: each skill and tool its
    specificity, a fifth of it lent to the skill above, sum of minima over sum of maxima."""
    from careergraph.namespaces import SKOS

    def weights(owner: str) -> dict[str, float]:
        found = {
            i: facts.index.weight(i) for i in facts.items(owner) if facts.item_kind(i) != "other"
        }
        for item, value in list(found.items()):
            for broader in facts.objects(item, SKOS + "broader"):
                found[("up", broader)] = max(found.get(("up", broader), 0.0), 0.2 * value)
        return found

    a, b = weights(first), weights(second)
    keys = a.keys() | b.keys()
    low = sum(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    return low / sum(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)


def test_shared_items_say_why_each_has_them(graph):
    shared = {i.entity.label: dict(i.via) for i in graph.overlap(["DevOps", "MLOps"]).shared}
    assert shared["Kubeflow"] == {
        "DevOps": "in Kubernetes Ecosystem",
        "MLOps": "in Kubernetes Ecosystem",
    }
    assert shared["CI/CD Pipeline Expertise"]["DevOps"] == "core skill of DevOps"
    assert shared["CI/CD Pipeline Expertise"]["MLOps"].startswith("practised through")


def test_a_role_overlaps_its_track_completely(graph):
    result = graph.overlap(["MLOps Engineer", "MLOps"])
    assert result.similarity == 1.0 and all(not items for _, items in result.only)


def test_by_tools_and_by_skills(graph):
    tools = graph.overlap(["DevOps", "MLOps"], kind="tools")
    skills = graph.overlap(["DevOps", "MLOps"], kind="skills")
    assert {i.kind for i in tools.shared} == {"tool"}
    assert {i.kind for i in skills.shared} == {"skill"}
    assert "Kubeflow" in labels(tools.shared) and "Kubeflow" not in labels(skills.shared)


def test_the_hierarchy_counts_a_skill_and_a_tool_for_it(tmp_path):
    """A role that needs Infrastructure as Code and one that uses Terraform share both: the
    first has Terraform through the skill's tools, the second the skill through its tool."""
    mine = tmp_path / "roles.ttl"
    mine.write_text(
        "@prefix cg: <https://w3id.org/careergraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix id: <https://w3id.org/careergraph/id/> .\n"
        "<https://example.org/iac-role> a cg:Role ; skos:prefLabel 'IaC Role' ;\n"
        "    cg:requiresSkill <https://w3id.org/careergraph/id/skill/infrastructure-as-code> .\n"
        "<https://example.org/terraform-role> a cg:Role ; skos:prefLabel 'Terraform Role' ;\n"
        "    cg:requiresSkill <https://w3id.org/careergraph/id/tool/terraform> .\n",
        encoding="utf-8",
    )
    result = invoke_json("--data", str(mine), "overlap", "IaC Role", "Terraform Role")
    assert {e["label"] for e in result["shared"]} == {"Infrastructure as Code", "Terraform"}
    assert {e["label"] for e in result["only"]["IaC Role"]} == {"CloudFormation"}
    assert result["only"]["Terraform Role"] == []
    graph = CareerGraph.open([mine])
    expected = weighted_jaccard(graph.careers, *(e["iri"] for e in result["items"]))
    assert result["similarity"] == pytest.approx(expected, abs=1e-4)
    assert 0.5 < expected < 1  # all but CloudFormation is shared


def test_item_sets_are_the_profiles_items(tmp_path):
    """The item sets a built store keeps for every role (worked out per track) are exactly
    the profiles' items, with reasons or not: on the built-in graph, and on roles with a
    track of their own, a variant, and two roles that vary each other."""
    mine = tmp_path / "roles.ttl"
    mine.write_text(
        "@prefix cg: <https://w3id.org/careergraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix skill: <https://w3id.org/careergraph/id/skill/> .\n"
        "@prefix tool: <https://w3id.org/careergraph/id/tool/> .\n"
        "@prefix track: <https://w3id.org/careergraph/id/track/> .\n"
        "<urn:t> a cg:Track ; skos:prefLabel 'T' .\n"
        "<urn:a> a cg:Role ; cg:track <urn:t> ; cg:requiresSkill tool:terraform .\n"
        "<urn:b> a cg:Role ; cg:track <urn:t>, track:devops ;\n"
        "    cg:requiresSkill skill:infrastructure-as-code .\n"
        "<urn:v> a cg:Role ; cg:specialises <urn:a> ; cg:requiresSkill skill:security .\n"
        "<urn:x> a cg:Role ; cg:specialises <urn:y> ; cg:requiresSkill tool:ansible .\n"
        "<urn:y> a cg:Role ; cg:specialises <urn:x> ; cg:track track:linux .\n",
        encoding="utf-8",
    )
    facts = CareerGraph.open([mine]).careers
    owners = [*facts.all_roles, *{t for r in facts.all_roles for t in facts.tracks_of(r)}]
    for owner in owners:
        assert facts.items(owner) == set(facts.profile(owner).items), owner
    assert {"urn:a", "urn:b"} <= set(facts.all_roles)
    assert facts.items("urn:x") == facts.items("urn:y")
    for index, role in enumerate(facts.all_roles):  # the counts a built store keeps
        kinds = [facts.item_kind(item) for item in facts.items(role)]
        assert facts.index.item_counts[index] == len(kinds)
        assert all(facts.index.kind_counts[k][index] == kinds.count(k) for k in ITEM_KINDS)


def test_overlap_json_contract():
    result = invoke_json("overlap", "Linux Guru", "Python Guru", "MLOps Engineer")
    assert set(result) >= {"items", "shared", "only", "similarity"}
    assert [i["label"] for i in result["items"]] == ["Linux Guru", "Python Guru", "MLOps Engineer"]
    assert all({"iri", "label"} <= set(e) for e in result["shared"])
    assert set(result["only"]) == {"Linux Guru", "Python Guru", "MLOps Engineer"}
    assert len(result["pairs"]) == 3 and 0 <= result["similarity"] <= 1


def test_similarity_matrix_as_csv_and_json():
    table = invoke("overlap", "--matrix", "roles", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(table)))
    assert len(rows) == 29 and len(rows[0]) == 29
    values = [[float(v) for v in row[1:]] for row in rows[1:]]
    assert all(values[i][i] == 1.0 for i in range(28))
    assert all(values[i][j] == values[j][i] for i in range(28) for j in range(28))
    matrix = invoke_json("overlap", "--matrix", "tracks")
    names = [i["label"] for i in matrix["items"]]
    devops, mlops = names.index("DevOps"), names.index("MLOps")
    assert (
        matrix["matrix"][devops][mlops] > matrix["matrix"][devops][names.index("Python Expertise")]
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (("overlap", "Linux Guru"), "two or more"),
        (("overlap", "Linux Guru", "Kubernetes"), "is a tool"),
        (("overlap", "Linux Guru", "Linux Gurus Club"), "closest: Linux Guru"),
        (("overlap", "Linux Guru", "linux guru"), "different"),
        (("overlap", "--matrix", "tools"), "roles or tracks"),
    ],
)
def test_overlap_bad_input(args, message):
    result = invoke(*args)
    assert result.exit_code == 2 and message in result.stderr


# ---- path -----------------------------------------------------------------------------------


def test_the_devops_ladder_is_climbed_level_by_level(graph):
    result = graph.path("Junior DevOps Engineer", "DevOps Architect", k=3)
    assert len(result.paths) == 3
    for path in result.paths:
        assert [s.relation for s in path.steps] == ["promotion", "promotion"]
        ranks = [graph.careers.roles[s.source.iri].rank for s in path.steps]
        assert [*ranks, graph.careers.roles[path.steps[-1].target.iri].rank] == [1, 2, 3]
        assert path.cost == 2 * BASE_COST["promotion"]  # the same skills all the way up


def test_from_linux_to_mlops_through_the_stated_transitions(graph):
    result = graph.path("Junior Linux Admin", "MLOps Engineer", k=5)
    evidence = [s.evidence for p in result.paths for s in p.steps if s.relation == "transition"]
    assert evidence and all(
        e.startswith(("ML engineering paths", "DevOps transition paths")) for e in evidence
    )
    only_stated = graph.path(
        "Junior Linux Admin", "MLOps Architect", via=["promotion", "transition", "similar"]
    )
    assert only_stated.paths[0].steps[-1].target.label == "MLOps Architect"


def test_a_step_with_nothing_to_learn_says_why(graph):
    steps = graph.path("Junior DevOps Engineer", "DevOps Architect").paths[0].steps
    assert [s.relation for s in steps] == ["promotion", "promotion"]  # it climbs the ladder
    for step in steps:
        assert step.acquire == () and "the source ties no skill to" in step.evidence
        assert step.evidence.endswith("only the level and salary change")
        assert step.time == () and step.seniority == ()


def test_rising_to_guru_level_states_its_time_and_seniority_skills(graph):
    """Junior Linux Admin is Entry Level, at Core Competency (cg:expertiseLevel); the Linux
    Guru is at Guru Level: 3-5 years, and the long-term value multipliers of Linux."""
    step = graph.path("Junior Linux Admin", "Linux Guru").paths[0].steps[0]
    assert [(str(t), t.low, t.high, t.unit) for t in step.time] == [
        ("Linux Expertise: Guru Level (3-5 years)", 3, 5, "years")
    ]
    assert labels(step.seniority) == {
        "Architecture design skills", "Enterprise system design", "Multi-cloud expertise",
        "Performance optimization",
    }  # fmt: skip
    assert "Linux Expertise: Guru Level (3-5 years)" in step.evidence
    assert "long-term value multipliers" in step.evidence
    table = invoke("path", "Junior Linux Admin", "Linux Guru").stdout
    assert "time    the source gives 3-5 years to reach Linux Expertise: Guru Level" in table
    assert "grow    Architecture design skills" in table
    back = graph.path("Linux Guru", "Junior Linux Admin").paths[0].steps[0]
    assert back.time == () and back.seniority == ()  # nothing to reach going down


def test_a_step_says_what_it_takes(graph):
    step = (
        graph.path("Junior Python Developer", "ML Engineer", via=["transition"]).paths[0].steps[0]
    )
    assert step.relation == "transition"
    assert step.evidence == "ML engineering paths: from Python Expertise to ML Engineer"
    acquired = labels(step.acquire)
    assert {"Model Serving", "Feast", "Kubeflow"} <= acquired
    assert {"Git", "Version Control"} <= labels(step.carry_over)
    needed = sum(
        LEARNING_COST[graph.careers.item_kind(i)] * graph.careers.index.weight(i)
        for i in graph.careers.items(ID + "role/ml-engineer")
    )
    missing = sum(
        LEARNING_COST[graph.careers.item_kind(e.iri)] * graph.careers.index.weight(e.iri)
        for e in step.acquire
    )
    assert step.pay_change == "rises"  # 70,000-90,000 to 140,000-200,000 USD
    assert step.cost == pytest.approx(BASE_COST["transition"] + LEARNING * missing / needed)
    # The most important first: the heaviest to learn (one step: no later step needs them).
    weights = [
        LEARNING_COST[graph.careers.item_kind(e.iri)] * graph.careers.index.weight(e.iri)
        for e in step.acquire
    ]
    assert weights == sorted(weights, reverse=True)
    assert (step.salary_before.minimum, step.salary_after.minimum) == (70000, 90000)
    into_python = graph.path("Junior Linux Admin", "Python Guru").paths[0].steps[-1]
    assert labels(into_python.certifications) == {
        "PCEP",
        "PCAP",
        "Google Python Cert",
        "AWS Python Specialty",
    }
    assert [t.entity.label for t in into_python.time] == ["Python Expertise: Guru Level"]


def test_a_skill_the_same_in_the_other_taxonomy_is_kept_not_learned(tmp_path):
    """A move from a built-in role to an ESCO occupation: the skill the occupation needs
    that a built-in skill of the role is the same as (skos:exactMatch, import esco's label
    rule) is kept, and only the rest is learned; and a step says how many it keeps as a
    person would."""
    esco = "http://data.europa.eu/esco/"
    data = tmp_path / "occupation.ttl"
    data.write_text(
        "@prefix esco: <http://data.europa.eu/esco/model#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        f'<{esco}occupation/py> a esco:Occupation ; skos:prefLabel "python scripter"@en ;\n'
        f"  esco:relatedEssentialSkill <{esco}skill/py>, <{esco}skill/scripts> .\n"
        f'<{esco}skill/py> a esco:Skill ; skos:prefLabel "Python (computer programming)"@en .\n'
        f'<{esco}skill/scripts> a esco:Skill ; skos:prefLabel "write scripts"@en .\n'
        f"<{ID}skill/python> skos:exactMatch <{esco}skill/py> .\n",
        "utf-8",
    )
    graph = CareerGraph.open([data], source="all")
    (step,) = graph.path("Junior Python Developer", "python scripter").paths[0].steps
    assert labels(step.carry_over) == {"Python (computer programming)"}
    assert labels(step.acquire) == {"write scripts"}
    shown = invoke("--data", str(data), "path", "Junior Python Developer", "python scripter")
    assert shown.exit_code == 0, shown.stderr
    assert "keep    1 skill or tool\n" in shown.stdout and "learn   write scripts\n" in shown.stdout


def test_path_json_contract():
    result = invoke_json("path", "Junior DevOps Engineer", "DevOps Architect", "-k", "2")
    assert result["from"]["label"] == "Junior DevOps Engineer"
    assert result["to"]["iri"] == ID + "role/devops-architect"
    assert len(result["paths"]) == 2
    for path in result["paths"]:
        assert path["cost"] == sum(step["cost"] for step in path["steps"])
        for step in path["steps"]:
            assert {"from", "to", "relation", "acquire", "carry_over", "salary_before"} <= set(step)


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("path", "Junior DevOps Engineer", "Junior DevOps Engineer"), 2, "same role"),
        (("path", "Kubernetes", "DevOps Architect"), 2, "not a role"),
        (("path", "Junior DevOps Enginr Lead", "DevOps Architect"), 2, "closest"),
        (("path", "Junior DevOps Engineer", "DevOps Architect", "-k", "0"), 2, "from 1 to 50"),
        (("path", "Junior DevOps Engineer", "Junior Linux Admin", "--via", "jump"), 2, "unknown"),
        (("path", "Junior DevOps Engineer", "Python Guru", "--via", "promotion"), 1, "no path"),
        (("path", "Junior DevOps Engineer", "DevOps Architect", "--max-steps", "1"), 1, "no path"),
    ],
)  # fmt: skip
def test_path_bad_input_and_no_path(args, code, message):
    result = invoke(*args)
    assert result.exit_code == code and message in result.stderr and result.stdout == ""


@pytest.fixture(scope="module")
def network(graph) -> nx.DiGraph:
    return career_network(graph.careers)


def cost_of(network: nx.DiGraph, path: list[str]) -> float:
    return sum(network.edges[a, b]["cost"] for a, b in itertools.pairwise(path))


# With crowded = 0 every level's promotions are taken as a group, as a search takes those
# into a level of more than moves.CROWDED roles, which the built-in graph does not have.
@pytest.mark.parametrize("crowded", [moves.CROWDED, 0])
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_paths_are_edges_of_the_projection_and_cheapest_first(
    graph, network, data, crowded, monkeypatch
):
    monkeypatch.setattr(moves, "CROWDED", crowded)
    roles = sorted(network.nodes)
    source = data.draw(st.sampled_from(roles))
    target = data.draw(st.sampled_from([r for r in roles if r != source]))
    k = data.draw(st.integers(min_value=1, max_value=4))
    max_steps = data.draw(st.none() | st.integers(min_value=1, max_value=4))
    try:
        result = graph.path(source, target, k=k, max_steps=max_steps)
    except NotFoundError:  # no path: the projection must agree
        hops = (
            nx.shortest_path_length(network, source, target)
            if nx.has_path(network, source, target)
            else None
        )
        assert hops is None or (max_steps is not None and hops > max_steps)
        return
    costs = [p.cost for p in result.paths]
    assert costs == sorted(costs) and 1 <= len(costs) <= k
    # networkx on the whole projection finds the same costs: its Yen, or every simple path
    # of at most max_steps steps
    if max_steps is None:
        simple = itertools.islice(nx.shortest_simple_paths(network, source, target, "cost"), k)
    else:
        simple = nx.all_simple_paths(network, source, target, cutoff=max_steps)
    expected = sorted(cost_of(network, p) for p in simple)
    assert costs == pytest.approx(expected[:k])
    if max_steps is not None:
        assert all(len(p.steps) <= max_steps for p in result.paths)
    seen = set()
    for path in result.paths:
        nodes = [path.steps[0].source.iri] + [s.target.iri for s in path.steps]
        assert nodes[0] == source and nodes[-1] == target and len(set(nodes)) == len(nodes)
        assert tuple(nodes) not in seen
        seen.add(tuple(nodes))
        for step in path.steps:
            edge = network.edges[step.source.iri, step.target.iri]
            assert (edge["relation"], edge["cost"]) == (step.relation, step.cost)
        assert path.cost == pytest.approx(cost_of(network, nodes))


def crowded_graph(path: Path) -> CareerGraph:
    """Two tracks of three levels, three roles each requiring a skill of its own, and a
    transition each way: same-track roles share only their track's items, and roles of
    different tracks nothing, so a search's groups decide every cross-track cost."""
    lines = ["@prefix cg: <https://w3id.org/careergraph/ontology#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> ."]  # fmt: skip
    for rank in (1, 2, 3):
        lines.append(f"<urn:l{rank}> a cg:CareerLevel ; cg:rank {rank} ; skos:inScheme <urn:s> .")
    for track, other in (("a", "b"), ("b", "a")):
        lines.append(f"<urn:{track}> a cg:Track ; skos:prefLabel 'Track {track}' .")
        lines.append(f"<urn:{track}-to-{other}> cg:fromTrack <urn:{track}> ; "
                     f"cg:towards <urn:{other}> .")  # fmt: skip
        for rank, n in itertools.product((1, 2, 3), (1, 2, 3)):
            role, skill = f"<urn:{track}{rank}{n}>", f"<urn:skill-{track}{rank}{n}>"
            lines.append(f"{skill} a cg:Skill ; skos:prefLabel 'Skill {track}{rank}{n}' .")
            lines.append(f"{role} a cg:Role ; skos:prefLabel 'Role {track}{rank}{n}' ; "
                         f"cg:track <urn:{track}> ; cg:level <urn:l{rank}> ; "
                         f"cg:requiresSkill {skill} .")  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return CareerGraph.open([path], builtin=False)


def test_crowded_levels_taken_as_groups_cost_what_the_projection_says(tmp_path, monkeypatch):
    monkeypatch.setattr(moves, "CROWDED", 0)  # every promotion and transition as a group
    crowded = crowded_graph(tmp_path / "crowded.ttl")
    network = career_network(crowded.careers)
    assert {"promotion", "transition"} <= {r for _, _, r in network.edges(data="relation")}
    for source, target in itertools.permutations(sorted(network.nodes), 2):
        for max_steps in (None, 2):
            if max_steps is None:
                simple = itertools.islice(
                    nx.shortest_simple_paths(network, source, target, "cost"), 3
                )
            else:
                simple = nx.all_simple_paths(network, source, target, cutoff=max_steps)
            expected = sorted(cost_of(network, p) for p in simple)[:3]
            try:
                found = crowded.path(source, target, k=3, max_steps=max_steps).paths
            except NotFoundError:
                found = ()
            assert [p.cost for p in found] == pytest.approx(expected), (source, target)


def test_projection_edges_follow_the_rules(graph, network):
    facts = graph.careers
    for source, target, edge in network.edges(data=True):
        if edge["relation"] == "promotion":
            assert facts.tracks_of(source) & facts.tracks_of(target)
            assert facts.roles[target].rank > facts.roles[source].rank
        if edge["relation"] == "similar":  # one of the nearest; under viable, a stretch
            assert edge["similarity"] >= SHARES_SOMETHING
            assert ("a stretch" in edge["evidence"]) == (edge["similarity"] < viable(facts))
    assert network.has_edge(ID + "role/junior-linux-admin", ID + "role/junior-devops-engineer")
    assert (
        network.edges[ID + "role/junior-python-developer", ID + "role/ml-engineer"]["relation"]
        == "transition"
    )


# ---- match ----------------------------------------------------------------------------------


def test_a_complete_set_puts_its_role_on_top(graph):
    needs = graph.careers.needs(ID + "role/linux-guru")
    names = [graph.careers.label(iri) for iri in sorted(needs)]
    result = graph.match(names)
    top = result.roles[0]
    assert top.readiness == 1.0 and top.missing == ()
    assert ID + "role/linux-guru" in {m.role.iri for m in result.roles if m.readiness == 1.0}
    assert result.roles[-1].readiness < 1.0


def test_tools_cover_the_skills_they_serve(graph):
    result = graph.match(["Terraform", "Kubernetes"])
    devops = next(m for m in result.roles if m.role.label == "DevOps Engineer")
    assert {"Infrastructure as Code", "Container Orchestration"} <= labels(devops.covered)
    assert "Configuration Management" in labels(devops.missing)
    fits = [m.fit for m in result.roles]
    assert fits == sorted(fits, reverse=True)


def test_learning_order_completes_roles(graph):
    needs = graph.careers.needs(ID + "role/python-guru")
    names = [graph.careers.label(iri) for iri in sorted(needs)][1:]  # all but one
    result = graph.match(names, limit=3)
    first = result.learning_order[0]
    assert first.opens and ID + "role/python-guru" in {e.iri for e in first.opens}


def test_match_from_a_skills_file_and_json(tmp_path):
    skills = tmp_path / "skills.txt"
    skills.write_text("# what I know\nKubernetes\nterraform\n\nPrometheus  # monitoring\n", "utf-8")
    result = invoke_json("match", "--skills-file", str(skills), "--limit", "3")
    assert [s["label"] for s in result["skills"]] == ["Kubernetes", "Terraform", "Prometheus"]
    assert len(result["roles"]) == 3 and result["roles"][0]["fit"] > 0
    fields = {"role", "fit", "relevance", "readiness", "covered", "missing"}
    assert fields <= set(result["roles"][0])
    table = invoke("match", "Kubernetes", "--limit", "2")
    assert table.exit_code == 0 and "Learn next:" in table.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (("match",), "at least one"),
        (("match", "Kubernetes operators"), "closest: Kubernetes"),
        (("match", "MLOps Architect"), "not a skill or a tool"),
        (("match", "--skills-file", "/no/such/file"), "no such file"),
    ],
)
def test_match_bad_input(args, message):
    result = invoke(*args)
    assert result.exit_code == 2 and message in result.stderr


# ---- the projection as GraphML and GEXF -------------------------------------------------------


@pytest.mark.parametrize("name, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_read_back(tmp_path, network, name, read):
    target = tmp_path / f"careers.{name}"
    assert invoke("export", name, "-o", str(target)).exit_code == 0
    loaded = read(target)
    ids = {data.get("iri", node) for node, data in loaded.nodes(data=True)}
    assert ids == set(network.nodes)
    assert loaded.number_of_edges() == network.number_of_edges()
    edge = next(iter(loaded.edges(data=True)))[2]
    assert {"relation", "cost", "evidence"} <= set(edge)
    node = dict(loaded.nodes(data=True))
    assert any(data.get("label") == "MLOps Architect" for data in node.values())


def test_careers_work_on_the_reference_engine_too(graph):
    reference = CareerGraph.open(engine="rdflib")
    pairs = [("Linux Guru", "Python Guru"), ("DevOps", "MLOps")]
    for first, second in pairs:
        assert (
            reference.overlap([first, second]).to_json() == graph.overlap([first, second]).to_json()
        )
    assert (
        reference.path("Junior Linux Admin", "MLOps Engineer", k=3).to_json()
        == graph.path("Junior Linux Admin", "MLOps Engineer", k=3).to_json()
    )
    assert reference.match(["Kubernetes"]).to_json() == graph.match(["Kubernetes"]).to_json()
    for a, b in itertools.combinations(["DevOps", "MLOps", "Linux"], 2):
        assert reference.overlap([a, b]).similarity == graph.overlap([a, b]).similarity
