"""Which roles fit a set of skills: coverage of each role's needs, the gaps, and what to
learn first.

A role's **needs** are the most specific skills of its profile: the skills under its skill
areas, and the areas that have none listed (a tool is a means to a skill, not a need).
A person **has** what they name, and more: a skill area named covers the skills under it, a
tool covers the skills it is used for (Terraform covers Infrastructure as Code).
**Coverage** is the share of a role's needs the person has. The **learning order** is
greedy over the roles shown (all, or the best ``limit``): at each step, the missing skill
that completes the most roles, then the one the most roles still miss.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from careergraph.graph.careers.vocabulary import SKILL_CLASSES, TOOL_CLASS
from careergraph.graph.results.matching import LearningStep, MatchResult, RoleMatch
from careergraph.namespaces import CG, SKOS

if TYPE_CHECKING:
    from careergraph.graph.careers.facts import CareerFacts
    from careergraph.graph.results import Entity

LEARNING_STEPS = 10


def covered_by(facts: CareerFacts, named: Sequence[str]) -> set[str]:
    """Everything a person who names these skills, areas and tools has."""
    have: set[str] = set()
    for iri in named:
        have.add(iri)
        if facts.is_a(iri, TOOL_CLASS):
            have |= {s for s in facts.objects(iri, CG + "usedFor") if facts.is_a(s, SKILL_CLASSES)}
        below, frontier = set(), {iri}
        while frontier:  # a skill area covers what is under it, all the way down
            frontier = set().union(*(facts.subjects(f, SKOS + "broader") for f in frontier))
            frontier -= below
            below |= frontier
        have |= below
    return have


def match(facts: CareerFacts, skills: Sequence[Entity], limit: int | None = None) -> MatchResult:
    """Every role ranked by coverage of its needs (then fewest gaps, then label)."""
    have = covered_by(facts, [s.iri for s in skills])
    # How many of each role's needs are had, counted from the roles that need each skill
    # had, so that the roles needing none of them cost nothing but their place in the order.
    had = Counter(itertools.chain.from_iterable(facts.index.needers.get(s, ()) for s in have))
    ranked = sorted(  # ties in label order: the order of all_roles
        (-had[position] / count, count - had[position], position)
        for position, count in enumerate(facts.index.need_counts)
        if count
    )
    entity = facts.names.entity  # entities only for the roles shown: they cost a lookup each
    shown = []
    for share, _, position in ranked[:limit] if limit else ranked:
        role = facts.all_roles[position]
        needs = facts.needs(role)
        shown.append(
            RoleMatch(
                entity(role),
                -share,
                tuple(sorted((entity(i) for i in needs & have), key=_by_label)),
                tuple(sorted((entity(i) for i in needs - have), key=_by_label)),
            )
        )
    return MatchResult(tuple(skills), tuple(shown), _learning_order(facts, shown))


def _learning_order(facts: CareerFacts, ranked: list[RoleMatch]) -> tuple[LearningStep, ...]:
    missing = {m.role.iri: {e.iri for e in m.missing} for m in ranked if m.missing}
    steps: list[LearningStep] = []
    while missing and len(steps) < LEARNING_STEPS:
        gaps_now = list(missing.values())

        def value(skill: str, gaps_now=gaps_now) -> tuple[int, int, str]:
            completes = sum(1 for gaps in gaps_now if gaps == {skill})
            needed_by = sum(1 for gaps in gaps_now if skill in gaps)
            return (-completes, -needed_by, facts.label(skill).casefold())

        skill = min(set().union(*gaps_now), key=value)
        needed_by = sum(1 for gaps in gaps_now if skill in gaps)
        opened = sorted(role for role, gaps in missing.items() if gaps == {skill})
        steps.append(
            LearningStep(
                facts.names.entity(skill),
                needed_by,
                tuple(sorted((facts.names.entity(r) for r in opened), key=_by_label)),
            )
        )
        missing = {role: gaps - {skill} for role, gaps in missing.items() if gaps - {skill}}
    return tuple(steps)


def _by_label(entity: Entity) -> tuple[str, str]:
    return entity.label.casefold(), entity.iri
