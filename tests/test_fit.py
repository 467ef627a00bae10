"""Career answers that hold on a real taxonomy: match ranks by fit, similar finds the nearest
roles, on the committed ESCO excerpt (ESCO classification, European Commission)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import FIXTURES, invoke, invoke_json

from careergraph import CareerGraph
from careergraph.errors import DataFileError
from careergraph.graph.careers.matching import UP_CREDIT, credits, fits
from careergraph.graph.sources.alignment import curated_links
from careergraph.graph.sources.esco import import_esco
from careergraph.namespaces import ESCO, ID, SKOS

CROSSWALK_FILE = Path(__file__).parents[1] / "careergraph/graph/sources/esco-crosswalk.csv"


@pytest.fixture(scope="module")
def esco(tmp_path_factory):
    location = tmp_path_factory.mktemp("fit")
    import_esco(FIXTURES / "esco", location)
    return location, CareerGraph.open(persist=location, imported=location)


def essential(graph: CareerGraph, label: str) -> list[str]:
    role = graph.resolve(label, "occupation").iri
    return sorted(graph.careers.links[ESCO + "relatedEssentialSkill"][role])


def test_an_occupation_whose_essential_skills_are_given_ranks_first(esco):
    _, graph = esco
    for label in ("data scientist", "cloud engineer", "web developer", "blockchain developer"):
        result = graph.match([f"<{iri}>" for iri in essential(graph, label)], limit=3)
        assert result.roles[0].role.label == label
        assert result.roles[0].readiness == 1.0 and result.roles[0].missing == ()


def test_a_role_with_few_needs_does_not_outrank_a_specific_one(tmp_path):
    """Three of a specific role's six needs, one of which a tiny role needs alone: by the
    share of needs covered the tiny role would win (100% against 50%)."""
    mine = tmp_path / "roles.ttl"
    skills = "".join(f"<urn:s{i}> a cg:Skill ; skos:prefLabel 'Skill {i}' .\n" for i in range(1, 7))
    mine.write_text(
        "@prefix cg: <https://w3id.org/careergraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n" + skills
        + "<urn:tiny> a cg:Role ; skos:prefLabel 'Tiny Role' ; cg:requiresSkill <urn:s1> .\n"
        + "<urn:specific> a cg:Role ; skos:prefLabel 'Specific Role' ; cg:requiresSkill "
        + ", ".join(f"<urn:s{i}>" for i in range(1, 7)) + " .\n",
        encoding="utf-8",
    )  # fmt: skip
    graph = CareerGraph.open([mine], builtin=False)
    result = graph.match(["Skill 1", "Skill 2", "Skill 3"])
    assert [m.role.label for m in result.roles] == ["Specific Role", "Tiny Role"]
    specific, tiny = result.roles
    # Skill 1, which both roles need, says nothing (log 2/2 = 0): the specific role has two
    # of the five needs that weigh anything, and uses all the skills that do.
    assert tiny.readiness == 1.0 and specific.readiness == pytest.approx(2 / 5)
    assert specific.relevance == 1.0 and tiny.relevance == 0.0


def test_naming_an_area_covers_what_is_under_it(graph):
    have = credits(graph.careers, [graph.resolve("Infrastructure Management").iri])
    assert have[graph.resolve("Infrastructure as Code").iri] == 1.0
    devops = next(
        m
        for m in graph.match(["Infrastructure Management"]).roles
        if m.role.label == "DevOps Engineer"
    )
    assert "Infrastructure as Code" in {e.label for e in devops.covered}


def test_a_narrower_skill_is_partial_evidence_toward_the_broader_one(esco):
    _, graph = esco
    narrower = graph.resolve("use data processing techniques").iri
    broader = graph.resolve("use databases").iri
    assert broader in graph.careers.links[SKOS + "broader"][narrower]
    have = credits(graph.careers, [narrower])
    assert have[narrower] == 1.0 and have[broader] == UP_CREDIT[0]
    # an occupation that needs the broader skill and not the narrower one is found
    facts = graph.careers
    needing = {
        r for r in facts.roles if broader in facts.needs(r) and narrower not in facts.needs(r)
    }
    ranked = fits(facts, [narrower])
    assert needing and needing <= set(ranked)


def test_an_optional_skill_counts_half(esco):
    _, graph = esco
    facts = graph.careers
    role = graph.resolve("software developer", "occupation").iri
    optional = sorted(facts.optional(role))[0]
    shown = graph.match([f"<{optional}>"], limit=len(facts.roles)).roles
    assert next(m for m in shown if m.role.iri == role).relevance == 0.5
    needed = sorted(facts.needs(role))[0]
    shown = graph.match([f"<{needed}>"], limit=len(facts.roles)).roles
    assert next(m for m in shown if m.role.iri == role).relevance == 1.0


def test_the_learning_order_is_made_of_needs_of_the_roles_shown(esco):
    _, graph = esco
    result = graph.match([f"<{iri}>" for iri in essential(graph, "data scientist")[:5]], limit=3)
    shown = {m.role.iri for m in result.roles}
    missing = {e.iri for m in result.roles for e in m.missing}
    assert result.learning_order and {s.skill.iri for s in result.learning_order} <= missing
    assert all({e.iri for e in step.opens} <= shown for step in result.learning_order)


# ---- similar --------------------------------------------------------------------------------


def test_similar_json_contract(esco):
    location, _ = esco
    asked = ("--store", str(location), "similar", "data scientist", "--limit", "3")
    alone = invoke_json(*asked)  # an ESCO occupation: ESCO's answer
    assert [near["taxonomy"] for near in alone["similar"]] == ["ESCO"] * 3
    result = invoke_json(*asked, "--source", "all")
    assert result["role"]["label"] == "data scientist"
    # The three nearest of each taxonomy, the role's own first.
    taxonomies = [near["taxonomy"] for near in result["similar"]]
    assert taxonomies == ["ESCO"] * 3 + ["built-in"] * 3
    assert result["similar"][:3] == alone["similar"]
    first = result["similar"][0]
    assert set(first) >= {"role", "taxonomy", "similarity", "closeness", "relation", "shared"}
    assert 0 < first["similarity"] <= 1 and first["shared"]
    for taxonomy in ("ESCO", "built-in"):
        values = [n["similarity"] for n in result["similar"] if n["taxonomy"] == taxonomy]
        assert values == sorted(values, reverse=True)
    assert "data scientist" not in {near["role"]["label"] for near in result["similar"]}


def test_similar_is_symmetric_and_overlap_says_the_same(esco):
    _, graph = esco
    near = graph.similar("data analyst", limit=1).similar[0]
    back = {n.role.label: n.similarity for n in graph.similar(near.role.label, limit=20).similar}
    assert back["data analyst"] == pytest.approx(near.similarity)
    pair = graph.overlap([f"<{graph.resolve('data analyst').iri}>", f"<{near.role.iri}>"])
    assert pair.similarity == pytest.approx(near.similarity)


@pytest.mark.parametrize(
    "args, message",
    [
        (("similar", "Chief Kubernetes Whisperer"), "no role named"),
        (("similar", "DevOps Engineer", "--limit", "0"), "--limit must be at least 1"),
        (("similar", "DevOps Engineer", "--limit", "-3"), "--limit must be at least 1"),
        (("similar", "Kubernetes"), "not a role"),
    ],
)
def test_similar_bad_input(args, message):
    result = invoke(*args)
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_similar_on_the_built_in_graph_lists_roles(graph):
    found = invoke_json("similar", "Junior Linux Admin", "--limit", "4")
    assert len(found["similar"]) == 4
    assert all(near["role"]["kind"] == "role" for near in found["similar"])
    assert json.dumps(found)  # plain data


# ---- one graph across sources ---------------------------------------------------------------

CROSSWALK = """
SELECT ?item ?link ?esco ?matched ?rule ?confidence WHERE {
  ?evidence a rdf:Statement ; rdf:subject ?item ; rdf:predicate ?link ; rdf:object ?esco ;
            cg:matchedLabel ?matched ; cg:matchRule ?rule ; cg:confidence ?confidence .
  ?item ?link ?esco .
} ORDER BY ?item ?esco
"""


def test_built_in_skills_link_to_esco_skills_with_their_evidence(esco):
    _, graph = esco
    rows = graph.query(CROSSWALK).to_json()["results"]["bindings"]
    assert rows, "the excerpt holds ESCO skills that built-in tools are"
    for row in rows:
        assert row["item"]["value"].startswith("https://w3id.org/careergraph/id/")
        # A role is linked to an occupation, and so is the sector a transition leads to.
        to_occupation = any(f"/id/{k}/" in row["item"]["value"] for k in ("role", "sector"))
        kind = "occupation" if to_occupation else "skill"
        assert row["esco"]["value"].startswith(f"http://data.europa.eu/esco/{kind}/")
        assert row["link"]["value"].endswith(
            ("exactMatch", "closeMatch", "broadMatch", "relatedMatch")
        )
        joined = {"exactMatch": " = ", "closeMatch": " ~ ", "broadMatch": " within ",
                  "relatedMatch": " ~ "}  # fmt: skip
        assert joined[row["link"]["value"].rsplit("#")[1]] in row["matched"]["value"]
        assert row["rule"]["value"] and 0 < float(row["confidence"]["value"]) <= 1


def test_the_curated_crosswalk_links_what_labels_cannot_with_why(esco):
    """ESCO has no Kubernetes: the curated row links it to the broader ESCO skill whose
    description names it, and says so."""
    _, graph = esco
    rows = graph.query(CROSSWALK).to_json()["results"]["bindings"]
    kubernetes = next(r for r in rows if r["item"]["value"].endswith("/tool/kubernetes"))
    assert kubernetes["link"]["value"] == SKOS + "broadMatch"
    assert kubernetes["matched"]["value"] == (
        "Kubernetes within manage ICT virtualisation environments"
    )
    assert "curated crosswalk" in kubernetes["rule"]["value"]
    assert "description names Kubernetes" in kubernetes["rule"]["value"]


def test_the_named_query_lists_the_links_of_one_item(esco):
    _, graph = esco
    rows = graph.named_query("esco-crosswalk", {"item": "Kubernetes"}).to_json()
    (row,) = rows["results"]["bindings"]
    assert row["escoLabel"]["value"] == "manage ICT virtualisation environments"
    assert row["link"]["value"] == SKOS + "broadMatch"
    everything = graph.named_query("esco-crosswalk").table()[1]
    assert len(everything) == len(graph.query(CROSSWALK).table()[1]) > 50


def test_every_row_of_the_curated_crosswalk_names_a_built_in_item(graph):
    table = csv.DictReader(io.StringIO(CROSSWALK_FILE.read_text(encoding="utf-8")))
    rows = list(table)
    assert len(rows) > 50 and table.fieldnames == [
        "item", "relation", "confidence", "esco_skill", "esco_label", "why"
    ]  # fmt: skip
    for row in rows:
        item = graph.resolve(f"<{ID}{row['item']}>")
        assert item.kind in {"skill", "skill-area", "tool", "track", "sector"}, row
        assert row["relation"] in {"exact", "close", "broad"} and row["why"], row
        assert 0 < float(row["confidence"]) <= 1, row
        kind = "occupation" if item.kind == "sector" else "skill"  # where a sector leads
        assert row["esco_skill"].startswith(f"http://data.europa.eu/esco/{kind}/"), row


@pytest.mark.parametrize(
    ("relation", "confidence"), [("broad", "high"), ("broad", "0"), ("broad", "1.5"), ("near", "1")]
)
def test_a_crosswalk_row_without_a_relation_and_a_confidence_is_refused_by_line(
    relation, confidence
):
    good = {"item": "tool/kubernetes", "relation": "broad", "confidence": "0.7",
            "esco_skill": "urn:v", "esco_label": "v", "why": "it names it"}  # fmt: skip
    bad = {**good, "relation": relation, "confidence": confidence}
    with pytest.raises(DataFileError, match=r"esco-crosswalk.csv, line 3: a row needs"):
        curated_links({"urn:v": ["v"]}, {ID + "tool/kubernetes": "Kubernetes"}, [good, bad])


def test_similarity_weighs_a_link_by_the_confidence_the_graph_states(tmp_path):
    """The alignment room writes each link's confidence once, in the graph; similarity reads
    it there (a link the graph states none for counts as its relation's default)."""
    from careergraph.graph.careers.similarity import vector
    from careergraph.graph.careers.vocabulary import MATCHES

    skill, esco_skill = ID + "skill/ci-cd", "http://data.europa.eu/esco/skill/x"
    role = ID + "role/devops-engineer"
    link = (
        f"<{skill}> <{SKOS}closeMatch> <{esco_skill}> .\n"
        f"<{esco_skill}> a <http://data.europa.eu/esco/model#Skill> .\n"
    )
    statement = (
        "<urn:s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <" + skill + "> ; "
        f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <{SKOS}closeMatch> ; "
        f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <{esco_skill}> ; "
        '<https://w3id.org/careergraph/ontology#confidence> "0.3" .\n'
    )
    unstated, stated = tmp_path / "unstated.ttl", tmp_path / "stated.ttl"
    unstated.write_text(link, "utf-8")
    stated.write_text(link + statement, "utf-8")
    for path, share in ((unstated, MATCHES[SKOS + "closeMatch"]), (stated, 0.3)):
        model = CareerGraph.open([path]).careers
        assert skill in model.items(role)
        weight = model.index.weight(esco_skill)
        assert vector(model, role)[esco_skill] == pytest.approx(share * weight), path.name


def test_similar_crosses_from_a_built_in_role_to_esco_occupations_and_back(esco):
    location, default = esco
    assert {near.taxonomy for near in default.similar("DevOps Engineer").similar} == {"built-in"}
    graph = CareerGraph.open(persist=location, imported=location, source="all")
    found = graph.similar("DevOps Engineer", limit=3).similar
    occupations = [near for near in found if near.taxonomy == "ESCO"]
    assert len(occupations) == 3 and occupations[0].similarity > 0
    # Compared on ESCO's skills: what is shared is what the built-in items are linked to.
    assert all(e.iri.startswith("http://data.europa.eu/esco/skill/") for e in occupations[0].shared)
    back = graph.similar(occupations[0].role.label, limit=30).similar
    assert "DevOps Engineer" in {near.role.label for near in back}


def test_a_built_in_role_reaches_an_esco_occupation(esco):
    _, graph = esco
    steps = graph.path("Junior Linux Admin", "data scientist").paths[0].steps
    assert steps[-1].target.label == "data scientist"
    assert all(step.relation in {"similar", "transition", "promotion"} for step in steps)


def test_a_skill_counts_toward_the_broader_esco_skill_it_is_linked_to(esco):
    _, graph = esco
    kubernetes = f"{ID}tool/kubernetes"
    virtualisation = graph.resolve("manage ICT virtualisation environments").iri
    assert credits(graph.careers, [kubernetes])[virtualisation] == UP_CREDIT[0]
    assert kubernetes not in credits(graph.careers, [virtualisation])  # ESCO's brings nothing down


def test_a_linked_skill_counts_for_the_esco_skill(esco):
    _, graph = esco
    rows = graph.query(CROSSWALK).to_json()["results"]["bindings"]
    exact = next(r for r in rows if r["link"]["value"].endswith("exactMatch"))
    item, skill = exact["item"]["value"], exact["esco"]["value"]
    assert skill in credits(graph.careers, [item]) and item in credits(graph.careers, [skill])


# ---- views keep the built-in graph -----------------------------------------------------------

BUILT_IN_ROLE = "https://w3id.org/careergraph/id/role/"


@pytest.mark.parametrize("name", ["careers", "full"])
def test_a_cut_view_keeps_every_built_in_role_and_a_source_restricts_it(esco, name):
    _, graph = esco
    whole = {node.id for node in graph.view(name, max_nodes=10**6, source="all").nodes}
    built_in = {iri for iri in whole if not iri.startswith("http://data.europa.eu/esco/")}
    roles = {iri for iri in graph.careers.roles if iri.startswith(BUILT_IN_ROLE)}
    assert len(roles) == 28 and roles <= built_in and len(whole) > len(built_in) + 5
    cut = graph.view(name, max_nodes=len(built_in) + 5, source="all")  # ESCO's left out only
    assert built_in <= {node.id for node in cut.nodes} and "left out" in cut.note
    mine = {node.id for node in graph.view(name, source="builtin").nodes}
    assert roles <= mine <= built_in  # the headings of ESCO's ("no track") gone too
    theirs = {node.id for node in graph.view(name, source="esco").nodes}
    assert theirs == whole - built_in


def test_an_unknown_source_is_a_usage_error():
    result = invoke("export", "html", "--view", "careers", "--source", "mine")
    assert result.exit_code == 2
    assert "--source 'mine' names no source: choose builtin or all" in result.stderr
