"""The mind map's tree is recoverable from the graph exactly, although the source lost its
indentation."""

from __future__ import annotations

import re

import pytest

FIRST, LAST = 200, 262  # the mind map's lines in the source, after the `mindmap` keyword


@pytest.fixture(scope="module")
def tree(graph) -> dict:
    """node IRI -> (label, parent IRI or None, position, depicted entity label or None)."""
    nodes = {}
    for item in graph.list("mindmap-nodes").items:
        props = graph.show(item.entity.iri).to_json()["properties"]
        parent = props.get("cg:parentNode", [None])[0]
        depicts = props.get("cg:depicts", [None])[0]
        nodes[item.entity.iri] = (
            props["rdfs:label"][0],
            parent["iri"] if parent else None,
            props["cg:position"][0],
            depicts["label"] if depicts else None,
        )
    return nodes


def walk(tree: dict, parent=None, depth=0):
    """Pre-order: each node, then its children in position order."""
    children = sorted((pos, iri) for iri, (_, par, pos, _) in tree.items() if par == parent)
    for _, iri in children:
        yield depth, tree[iri][0], iri
        yield from walk(tree, iri, depth + 1)


def test_preorder_reproduces_the_source_lines(tree, seed_lines):
    source = [line.strip() for line in seed_lines[FIRST - 1 : LAST]]
    source[0] = re.fullmatch(r"root\(\((.*)\)\)", source[0]).group(1)
    assert [label for _, label, _ in walk(tree)] == source


def test_tree_shape(tree):
    shape = [(depth, label) for depth, label, _ in walk(tree)]
    assert shape[:3] == [(0, "Technical Expertise"), (1, "Linux Guru"), (2, "Core Skills")]
    assert (1, "Python Guru") in shape and (1, "Shared Skills") in shape
    depth_of = {}
    for depth, label in shape:
        depth_of.setdefault(label, depth)
    assert depth_of["System Administration"] == 3 and depth_of["Process Management"] == 4
    assert depth_of["Pros"] == 2 and depth_of["Direct Hardware Control"] == 3
    assert depth_of["Version Control"] == 2 and depth_of["Git"] == 3 and depth_of["CI/CD"] == 3
    assert sum(1 for d, _ in shape if d == 1) == 3
    assert len(shape) == LAST - FIRST + 1


def test_nodes_depict_domain_entities(tree):
    depicted = {label: entity for label, _, _, entity in tree.values() if entity}
    assert depicted["Linux Guru"] == "Linux Guru"
    assert depicted["Security Hardening"] == "Security Hardening"
    assert depicted["Git"] == "Git"
    structural = {label for label, _, _, entity in tree.values() if entity is None}
    assert structural == {"Technical Expertise", "Core Skills", "Pros", "Cons", "Shared Skills"}


def test_gurus_share_exactly_the_shared_skills_branch(graph):
    def skills(role: str) -> set[str]:
        return {e["label"] for e in graph.show(role).to_json()["properties"]["cg:requiresSkill"]}

    assert skills("Linux Guru") & skills("Python Guru") == {
        "Version Control",
        "Problem Solving",
        "Best Practices",
    }
