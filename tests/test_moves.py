"""Moves a career coach would draw: each kind of move on the built-in graph and the committed
ESCO excerpt (ESCO classification, European Commission), what a move does to pay, the plan's
first things to learn, similar roles told apart, and roles linked to occupations by name and
by skills."""

from __future__ import annotations

import json

import pytest
from conftest import invoke

from careergraph import CareerGraph
from careergraph.graph.careers.moves import BASE_COST, STRETCH, CareerMoves
from careergraph.graph.careers.paths import MOST_STEPS
from careergraph.graph.results.paths import CHAINED_IN_TITLE, SHOWN_TO_LEARN
from careergraph.graph.sources.alignment import role_link
from careergraph.namespaces import ID, SKOS
from careergraph.taxonomies import taxonomy


def steps(graph: CareerGraph, source: str, target: str, **options) -> list[tuple[str, str]]:
    path = graph.path(source, target, **options).paths[0]
    return [(step.relation, step.target.label) for step in path.steps]


# ---- each kind of move ----------------------------------------------------------------------


def test_a_narrower_occupation_reaches_its_broader_one_in_one_step_and_back(esco_graph):
    assert steps(esco_graph, "blockchain developer", "software developer") == [
        ("broader", "software developer")
    ]
    assert steps(esco_graph, "software developer", "blockchain developer") == [
        ("narrower", "blockchain developer")
    ]


def test_siblings_under_one_broader_occupation_are_one_step_apart(esco_graph):
    path = esco_graph.path("embedded systems software developer", "mobile application developer")
    step = path.paths[0].steps[0]
    assert (step.relation, len(path.paths[0].steps)) == ("sibling", 1)
    assert step.evidence == "both are kinds of ICT application developer"


def test_a_role_and_the_occupation_it_is_named_as_are_one_step_apart(esco_graph):
    assert steps(esco_graph, "data scientist", "Data Engineer") == [("match", "Data Engineer")]
    assert steps(esco_graph, "Data Engineer", "data scientist") == [("match", "data scientist")]
    # Data Engineer lends itself data scientist's needs: it is no longer ML Engineer's twin.
    profile = esco_graph.careers.profile(ID + "role/data-engineer").items.values()
    assert any(why == "via ESCO occupation data scientist" for why in profile)
    twins = esco_graph.overlap(["Data Engineer", "ML Engineer"]).similarity
    assert twins < 1 == CareerGraph.open().overlap(["Data Engineer", "ML Engineer"]).similarity


def test_a_role_whose_whole_name_an_occupation_has_is_linked_closely():
    whole = "".join(
        role_link("urn:r", ["DevOps Engineer"], "urn:o", ["DevOps engineer"], 1.0, "urn:d")
    )
    labels = ["dependability engineer", "reliability engineer"]
    part = "".join(
        role_link("urn:r", ["Site Reliability Engineer"], "urn:o", labels, 0.71, "urn:d")
    )
    assert f"<{SKOS}closeMatch> <urn:o>" in whole and "closeMatch" not in part
    assert f"<{SKOS}relatedMatch> <urn:o>" in part
    assert "Site Reliability Engineer ~ reliability engineer" in part and "0.71" in part


def test_a_close_name_alone_is_no_move_where_the_skills_disagree(esco_store, tmp_path, monkeypatch):
    """A role linked by a close name only (skos:relatedMatch) is the occupation's counterpart
    only where the occupation is among its nearest by skills (three, here)."""
    from careergraph.graph.careers import similarity

    monkeypatch.setattr(similarity, "NEAR_COUNTERPART", 3)
    occupation = "http://data.europa.eu/esco/occupation/07dfff6d-a0d0-4202-a697-fe9176c15999"
    links = tmp_path / "links.ttl"
    links.write_text(
        f"<{ID}role/site-reliability-engineer> <{SKOS}relatedMatch> <{occupation}> .\n", "utf-8"
    )
    graph = CareerGraph.open([links], persist=esco_store, imported=esco_store)
    sre = ID + "role/site-reliability-engineer"
    assert graph.careers.label(occupation) == "dependability engineer"
    assert similarity.counterparts(graph.careers, sre) == {}
    near = [o for o, _ in similarity.nearest(graph.careers, sre, 3, per=taxonomy)]
    assert occupation not in near
    devops = similarity.counterparts(graph.careers, ID + "role/devops-engineer")
    assert [graph.careers.label(o) for o in devops] == ["ICT change and configuration manager"]


def test_the_sources_data_science_transition_lands_in_esco(esco_graph):
    path = esco_graph.path("Junior Python Developer", "data scientist").paths[0]
    assert [(s.relation, s.evidence) for s in path.steps] == [
        ("transition", "Data science transition: from Python Expertise to Data Science")
    ]


def test_show_leads_to_and_comes_from_with_the_moves_of_path(esco_store):
    shown = json.loads(
        invoke("--store", str(esco_store), "show", "software developer", "--format", "json").stdout
    )
    leads = {row["role"]: row["move"] for row in shown["leads_to"]}
    comes = {row["role"]: row["move"] for row in shown["comes_from"]}
    assert (
        leads["blockchain developer"] == "narrower" and comes["blockchain developer"] == "broader"
    )
    assert next(iter(leads.values())) != "similar"  # the moves laid out first


# ---- pay ------------------------------------------------------------------------------------


LINUX_DEVOPS = "DevOps Engineer (Linux-focused)"  # 130,000-180,000 USD


def test_each_step_says_what_it_does_to_pay_and_a_cut_is_flagged():
    answer = json.loads(invoke("path", LINUX_DEVOPS, "MLOps Engineer", "--format", "json").stdout)
    pay = [step["pay_change"] for step in answer["paths"][0]["steps"]]
    assert pay == ["falls", "falls"]  # to 120,000-160,000, to 90,000-120,000 USD
    plan = invoke("path", LINUX_DEVOPS, "MLOps Engineer").stdout
    assert "(pay falls)" in plan and "pay     falls at 2 steps: a pay cut" in plan
    kept = json.loads(
        invoke("path", LINUX_DEVOPS, "MLOps Engineer", "--no-pay-cut", "--format", "json").stdout
    )
    assert "falls" not in {s["pay_change"] for s in kept["paths"][0]["steps"]}
    # No known step cuts pay, but the last role pays less than the first: said all the same.
    plan = " ".join(invoke("path", LINUX_DEVOPS, "MLOps Engineer", "--no-pay-cut").stdout.split())
    assert "pay falls from the first role to the last: a pay cut in all" in plan


def test_a_pay_cut_costs_more(graph):
    moves = CareerMoves(graph.careers)
    source, target = ID + "role/devops-engineer-linux-focused", ID + "role/devops-engineer"
    move = moves.from_role(source)[target]
    cheaper = moves.step_cost(source, target, move.relation, "same", move.similarity)
    assert move.pay_change == "falls" and move.cost == pytest.approx(cheaper + 1.0)


def test_no_pay_cut_where_no_salary_is_known_says_so(esco_store):
    result = invoke("--store", str(esco_store), "path", "blockchain developer",
                    "software developer", "--no-pay-cut")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (
        "no salary is known on these moves" in result.stderr and "no_pay_cut" not in result.stderr
    )
    allowed = invoke(
        "--store", str(esco_store), "path", "blockchain developer", "software developer"
    )
    assert result.stdout == allowed.stdout and allowed.stderr == ""


# ---- the plan -------------------------------------------------------------------------------


def test_a_plan_names_the_five_things_most_worth_learning_and_json_keeps_all():
    answer = json.loads(invoke("path", "Junior Linux Admin", "MLOps Engineer", "--format",
                               "json").stdout)  # fmt: skip
    first = answer["paths"][0]["steps"][0]["acquire"]
    assert len(first) > SHOWN_TO_LEARN
    plan = invoke("path", "Junior Linux Admin", "MLOps Engineer").stdout
    named = [e["label"] for e in first[:SHOWN_TO_LEARN]]
    learn = " ".join(plan.split("learn   ", 1)[1].split("keep")[0].split())
    assert learn == f"{', '.join(named)} and {len(first) - SHOWN_TO_LEARN} more"
    assert len(plan.splitlines()) <= 40


def test_a_long_paths_title_names_its_ends_and_the_steps_name_the_rest(esco_store):
    plan = invoke(
        "--store", str(esco_store), "path", "nurse assistant", "Junior Linux Admin"
    ).stdout
    title, *rest = plan.split("Step ")
    steps = len(rest)
    assert steps > CHAINED_IN_TITLE - 1  # a chain of more than CHAINED_IN_TITLE roles
    assert " ".join(title.split()) == (
        f"Path 1 of 1: nurse assistant -> ... -> Junior Linux Admin ({steps} steps, cost "
        + title.split("cost ")[1].strip()
    )
    assert rest[0].startswith("1: nurse assistant -> ") and " -> Junior Linux Admin (" in rest[-1]


# ---- similar roles --------------------------------------------------------------------------


def test_built_in_roles_of_the_same_skills_are_told_apart_by_level():
    answer = json.loads(invoke("similar", "DevOps Engineer", "--format", "json").stdout)
    same = [near for near in answer["similar"] if near["similarity"] == 1.0]
    notes = [near["note"] for near in same]
    assert notes[0] == "same skills, same level" and "same skills, one level up" in notes
    apart = [{"same": 0, "one": 1, "two": 2}[n.split(", ")[1].split()[0]] for n in notes]
    assert apart == sorted(apart)  # the nearest level first
    table = invoke("similar", "DevOps Engineer").stdout
    assert "Platform Engineer (same skills, same level)" in table


def test_similar_ranks_the_occupations_next_in_the_hierarchy_nearer(esco_graph):
    near = esco_graph.similar("software developer", limit=5).similar
    narrower = [n for n in near if n.relation == "narrower"]
    assert [n.role.label for n in narrower] == ["blockchain developer"]
    assert narrower[0].closeness == pytest.approx(narrower[0].similarity + 0.5)
    assert "blockchain developer (narrower)" in esco_table(esco_graph)


def esco_table(esco_graph: CareerGraph) -> str:
    from careergraph.exports import render

    return render(esco_graph.similar("software developer", limit=5), "table")


# ---- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("--max-steps", "13"), 2, "--max-steps must be from 1 to 12"),
        (("--max-steps", "0"), 2, "--max-steps must be from 1 to 12"),
        (("-k", "51"), 2, "-k must be from 1 to 50"),
        (("--via", "broader,sideways"), 2, "unknown relation 'sideways'"),
        (("--via", "broader"), 1, "no path"),
    ],
)
def test_path_options_out_of_range(args, code, message):
    result = invoke("path", "Junior Linux Admin", "MLOps Engineer", *args)
    assert result.exit_code == code and message in result.stderr and result.stdout == ""


def test_paths_help_states_the_costs_the_search_uses():
    help_text = " ".join(invoke("path", "--help").stdout.split())
    by_cost: dict[float, list[str]] = {}
    for relation, cost in BASE_COST.items():
        by_cost.setdefault(cost, []).append(relation)
    for cost, relations in by_cost.items():
        assert f"{cost:g} ({', '.join(relations)})" in help_text
    assert f"costs {STRETCH:g} more" in help_text


def test_paths_are_at_most_six_steps_unless_asked(esco_graph):
    assert MOST_STEPS == 6 and STRETCH > 0
    for source in ("blockchain developer", "nurse assistant", "data analyst"):
        for target in ("web developer", "specialist nurse", "MLOps Engineer"):
            if source != target:
                try:
                    found = esco_graph.path(source, target)
                except LookupError:
                    continue
                assert len(found.paths[0].steps) <= MOST_STEPS
