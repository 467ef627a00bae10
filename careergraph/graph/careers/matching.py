"""Which roles fit a set of skills, ranked by fit, with the gaps and what to learn first.

A person **has** what they name, and more: a skill area named covers the skills under it, a
track what it calls for, a tool the skills it is used for (Terraform covers Infrastructure as
Code), a built-in skill the ESCO skill it is an exact match of, and back.
That is full credit (1). Knowing a narrower skill is evidence toward the broader one a role
lists: half credit one level up (SQL toward "query languages"), a quarter two levels up
(``UP_CREDIT``). A link of the crosswalk to a close or broader skill of the other taxonomy
counts as one level up (Kubernetes toward ESCO's "manage ICT virtualisation environments").

A role's **needs** are the most specific skills of its profile (an ESCO occupation's
essential skills); its **optional** skills (ESCO's) count half (``vocabulary.OPTIONAL``). Each skill
weighs its specificity ``w(s) = log(N / df(s))`` (:mod:`.index`): a skill that half of all
roles list says little. For a role ``r`` and the skills named ``Q``:

- **relevance** ``= sum_q w(q) u_r(q) / sum_q w(q)``: how much of the person's skills the role
  uses, where ``u_r(q)`` is the best use ``r`` makes of ``q``: 1 if its profile has ``q``
  (Prometheus, in a DevOps role's observability stack) or it needs what ``q`` covers,
  ``OPTIONAL`` if it lists it as optional, times the up-credit if it lists a broader
  skill; the weight of a named area or tool is that of the most specific skill it covers;
- **readiness** ``= sum_{s in needs(r)} w(s) c(s) / sum_{s in needs(r)} w(s)``: the share of
  the role's needs the person has, each weighed by its specificity, ``c(s)`` the credit;
- **fit** ``= (1 - READINESS_SHARE) * relevance + READINESS_SHARE * readiness``, 0.7 and 0.3.

Relevance alone lets a role that uses one of the skills incidentally (an optional skill of a
broad occupation) tie with one built on them; readiness alone lets the roles with the fewest
needs win (a data entry clerk needs little). The blend was set on one random sample of ESCO
occupations and is measured on another (``benchmarks/quality.py``).

The **learning order** is greedy over the roles shown: at each step, the missing need that
raises the sum of their fit the most (its specificity-weighted share of each role that needs
it, plus what it adds to their relevance), and the roles it completes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from careergraph.graph.careers.profiles import same_as
from careergraph.graph.careers.vocabulary import OPTIONAL, SKILL_CLASSES, TOOL_CLASS, TRACK_CLASS
from careergraph.graph.results.matching import LearningStep, MatchResult, RoleMatch
from careergraph.namespaces import CG, SKOS
from careergraph.taxonomies import taxonomy

if TYPE_CHECKING:
    from careergraph.graph.careers.index import RoleIndex
    from careergraph.graph.careers.model import CareerModel
    from careergraph.graph.resolution.readings import Reading, Skipped
    from careergraph.graph.results import Entity

LEARNING_STEPS = 10
DEFAULT_LIMIT = 10  # roles shown (and learnt for) unless a limit is given
UP_CREDIT = (0.5, 0.25)  # one and two levels up the skill hierarchy
READINESS_SHARE = 0.3


def covered_by(model: CareerModel, named: Sequence[str]) -> set[str]:
    """Everything a person who names these skills, areas and tools has in full: what they
    name, the skills their tools are used for, everything under the areas named, and what a
    track named calls for."""
    have: set[str] = set()
    for iri in named:
        have.add(iri)
        if model.is_a(iri, TRACK_CLASS):
            have |= model.items(iri)
        have |= same_as(model, [iri])  # the same skill in another taxonomy (import esco)
        if model.is_a(iri, TOOL_CLASS):
            have |= {s for s in model.objects(iri, CG + "usedFor") if model.is_a(s, SKILL_CLASSES)}
        below, frontier = set(), {iri}
        while frontier:  # a skill area covers what is under it, all the way down
            frontier = set().union(*(model.subjects(f, SKOS + "broader") for f in frontier))
            frontier -= below
            below |= frontier
        have |= below
    return have


def credits(model: CareerModel, named: Sequence[str]) -> dict[str, float]:
    """What a person who names these has, with its credit: 1 for what they cover, the
    up-credit for the skills above it (see the module docstring)."""
    return _best_credit(reach(model, item) for item in named)


def _best_credit(reaches) -> dict[str, float]:
    """Each skill's best credit over the reaches of several items."""
    found: dict[str, float] = {}
    for levels in reaches:
        for credit, skills in levels:
            for skill in skills:
                if found.get(skill, 0.0) < credit:
                    found[skill] = credit
    return found


def reach(model: CareerModel, item: str) -> list[tuple[float, set[str]]]:
    """What naming ``item`` gives credit for: what it covers (1), then the skills one and
    two levels above that (``UP_CREDIT``)."""
    level = covered_by(model, [item])
    found = [(1.0, level)]
    for credit in UP_CREDIT:
        level = set().union(*(_above(model, skill) for skill in level))
        found.append((credit, level))
    return found


def _above(model: CareerModel, skill: str) -> set[str]:
    """One step up: the broader skills, and the other taxonomy's close or broader skill it
    is linked to (import esco's crosswalk: Kubernetes to "manage ICT virtualisation
    environments")."""
    close = SKOS + "closeMatch"
    return model.objects(skill, SKOS + "broader", SKOS + "broadMatch", close) | model.subjects(
        skill, close
    )


def match(
    model: CareerModel,
    readings: Sequence[Reading],
    limit: int | None = None,
    skipped: Sequence[Skipped] = (),
    within: Collection[str] | None = None,
) -> MatchResult:
    """The roles that fit what ``readings`` name best, by fit (see the module docstring),
    the best ``limit`` of them (``DEFAULT_LIMIT`` if None), with the learning order for
    those; ``skipped`` (the names that were not read) goes with the result. With
    ``within``, only the roles of those taxonomies (``builtin``, ``esco``)."""
    index, roles = model.index, model.all_roles
    query = _Query(model, index, named_items(readings))
    ranked = sorted(
        (-fit, model.label(roles[p]).casefold(), p)
        for p, fit in query.fits().items()
        if within is None or taxonomy(roles[p]) in within
    )[: limit or DEFAULT_LIMIT]
    entity = model.names.entity  # entities only for the roles shown: they cost a lookup each
    shown = []
    for _, _, position in ranked:
        role = model.all_roles[position]
        needs = model.needs(role)
        covered = {s for s in needs if query.credit.get(s, 0.0) >= 1.0}
        shown.append(
            RoleMatch(
                entity(role),
                query.fit(position),
                query.relevance(position),
                query.readiness(position),
                _by_label(entity(i) for i in covered),
                _by_label(entity(i) for i in needs - covered),
            )
        )
    order = _learning_order(model, query, [p for _, _, p in ranked])
    return MatchResult(tuple(readings), tuple(shown), order, tuple(skipped))


Named = tuple[tuple[str, float], ...]  # what one name gives: each entity with its credit


def named_items(items: Sequence[str | Reading]) -> list[Named]:
    """What each item names, as (IRI, credit) pairs: an IRI in full; a reading, each of its
    entities with its credit (a label several skills share splits it). An item named twice
    counts once.

    >>> named_items(["urn:a", "urn:a", "urn:b"])
    [(('urn:a', 1.0),), (('urn:b', 1.0),)]
    """
    found: dict[Named, None] = {}
    for item in items:
        if isinstance(item, str):
            pairs: Named = ((item, 1.0),)
        else:
            pairs = tuple(zip((e.iri for e in item.entities), item.credits, strict=True))
        found.setdefault(pairs, None)
    return list(found)


def fits(model: CareerModel, named: Sequence[str | Reading]) -> dict[str, float]:
    """Every role that uses one of the skills, areas or tools ``named`` (IRIs, or readings of
    what people typed), with its fit: the whole ranking that :func:`match` shows the top of.

    >>> from careergraph import CareerGraph
    >>> model = CareerGraph.open().careers
    >>> ranked = fits(model, ["https://w3id.org/careergraph/id/tool/terraform"])
    >>> max(ranked, key=ranked.get).rsplit("/", 1)[1]
    'build-engineer'
    """
    query = _Query(model, model.index, named_items(named))
    return {model.all_roles[p]: fit for p, fit in query.fits().items()}


class _Query:
    """One person's skills, scored against the roles (see the module docstring)."""

    def __init__(self, model: CareerModel, index: RoleIndex, named: list[Named]):
        self.model, self.index = model, index
        self.weights: dict[Named, float] = {}
        self.uses: dict[int, dict[Named, float]] = {}  # role -> named item -> best use
        reaches = []
        for item in named:
            per_entity = [(iri, share, reach(model, iri)) for iri, share in item]
            covered = set().union(*(levels[0][1] for _, _, levels in per_entity))
            listed = [index.specificity[s] for s in covered if s in index.specificity]
            self.weights[item] = max(listed, default=index.most_specific)
            levels = [(share * c, skills) for _, share, lv in per_entity for c, skills in lv]
            reaches.append(levels)
            for credit, skills in levels:
                self._use(item, skills, credit)
            for iri, share, _ in per_entity:  # a role that lists the item uses it
                for position in index.holders.get(iri, ()):
                    uses = self.uses.setdefault(position, {})
                    uses[item] = max(uses.get(item, 0.0), share)
        self.credit = _best_credit(reaches)
        self.total = sum(self.weights.values()) or 1.0
        self.had: dict[int, float] = {}  # role -> the weighted needs it has
        for skill, credit in self.credit.items():
            weight = index.specificity.get(skill, 0.0) * credit
            for position in index.needers.get(skill, ()):
                self.had[position] = self.had.get(position, 0.0) + weight
        self._needed: dict[int, float] = {}

    def _use(self, item: Named, skills: set[str], credit: float) -> None:
        for skill in skills:
            for positions, share in (
                (self.index.needers.get(skill, ()), credit),
                (self.index.listers.get(skill, ()), credit * OPTIONAL),
            ):
                for position in positions:
                    uses = self.uses.setdefault(position, {})
                    if uses.get(item, 0.0) < share:
                        uses[item] = share

    def fits(self) -> dict[int, float]:
        """Every role that uses one of the skills, with its fit."""
        return {position: self.fit(position) for position in self.uses.keys() | self.had.keys()}

    def relevance(self, position: int) -> float:
        uses = self.uses.get(position, {})
        return sum(self.weights[item] * use for item, use in uses.items()) / self.total

    def needed(self, position: int) -> float:
        """The weight of all a role needs."""
        if position not in self._needed:
            weights = self.index.specificity
            role = self.model.all_roles[position]
            self._needed[position] = sum(weights.get(s, 0.0) for s in self.model.needs(role))
        return self._needed[position]

    def readiness(self, position: int) -> float:
        needed = self.needed(position)
        if not needed:  # needs that every role shares weigh nothing: count them instead
            role = self.model.all_roles[position]
            needs = self.model.needs(role)
            return sum(self.credit.get(s, 0.0) for s in needs) / len(needs) if needs else 0.0
        return min(round(self.had.get(position, 0.0) / needed, 12), 1.0)

    def fit(self, position: int) -> float:
        share = READINESS_SHARE
        return (1 - share) * self.relevance(position) + share * self.readiness(position)


def _learning_order(
    model: CareerModel, query: _Query, shown: list[int]
) -> tuple[LearningStep, ...]:
    weights, entity = query.index.specificity, model.names.entity
    missing = {
        p: {s for s in model.needs(model.all_roles[p]) if query.credit.get(s, 0.0) < 1.0}
        for p in shown
    }
    steps: list[LearningStep] = []
    while any(missing.values()) and len(steps) < LEARNING_STEPS:

        def gain(skill: str, missing=missing) -> tuple[float, str]:
            weight = weights.get(skill, 0.0)
            raised = 0.0
            for position, gaps in missing.items():
                if skill in gaps:
                    needed = query.needed(position) or 1.0
                    credit = query.credit.get(skill, 0.0)
                    raised += READINESS_SHARE * weight * (1.0 - credit) / needed
                    raised += (1 - READINESS_SHARE) * weight / (query.total + weight)
            return (-raised, model.label(skill).casefold())

        skill = min(set().union(*missing.values()), key=gain)
        raised = -gain(skill)[0]
        needed_by = [p for p, gaps in missing.items() if skill in gaps]
        for position in needed_by:
            missing[position].discard(skill)
        opened = [model.all_roles[p] for p in needed_by if not missing[p]]
        steps.append(
            LearningStep(
                entity(skill),
                len(needed_by),
                _by_label(entity(r) for r in opened),
                round(raised, 4),
                round(weights.get(skill, 0.0), 4),
            )
        )
    return tuple(steps)


def _by_label(entities) -> tuple[Entity, ...]:
    return tuple(sorted(entities, key=lambda e: (e.label.casefold(), e.iri)))
