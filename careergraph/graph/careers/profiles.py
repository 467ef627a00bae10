"""What a role, a track or a skill area calls for: its skill profile, with the evidence.

The source ties skills to roles in three ways, and a profile follows all of them:

1. **Roots.** A role needs the skill areas it requires (``cg:requiresSkill``: the gurus of the
   mind map; ``esco:relatedEssentialSkill`` for ESCO occupations), the skills of its track,
   and, if it is a focused variant (``cg:specialises``), the profile of the role it varies;
   a built-in role that goes by the name of an ESCO occupation (``skos:closeMatch``: import
   esco) lends itself that occupation's essential skills too ("via ESCO occupation ...").
   A track's skills are its core skill areas (``cg:coreSkill``: DevOps, MLOps) or, where it
   states none, the skill areas its roles require (Linux, Python: the guru's mind-map
   branches), and the integration points it shares (``cg:sharedBy``: what DevOps and MLOps
   have in common).
2. **Down.** A skill area brings the skills under it (``skos:broader``) and the tools used
   for them (``cg:usedFor``); an integration point brings what it includes (``cg:includes``),
   followed down the same way. This is how the source lists an area's content. An ESCO skill
   brings nothing down: its narrower skills specialise it ("mobile operating systems" does
   not need BlackBerry and Windows Phone), so the hierarchy counts there as partial credit
   in matching and similarity instead (see :mod:`.matching`, :mod:`.similarity`).
3. **Up, one step.** A tool brings the skill it is used for: a role that uses Terraform
   practises Infrastructure as Code. It goes no further: practising one skill of an area is
   not mastering the area (Infrastructure Management), and going up never comes back down
   (using Terraform says nothing of CloudFormation).

So a role that needs "Infrastructure as Code" and one that uses Terraform share both
Terraform (the first through the skill's tools) and Infrastructure as Code (the second
through its tool). Every item of a profile keeps the first reason found for it.

These are plain functions over :class:`~.facts.CareerFacts`; what they work out is kept in
the facts' memo (:meth:`~.facts.CareerFacts.memo`), since many roles share roots (a track's
areas).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careergraph.graph.careers.vocabulary import (
    INTEGRATION_POINT,
    OPTIONAL_SKILLS,
    REQUIRES,
    ROLE_CLASSES,
    TRACK_CLASS,
)
from careergraph.namespaces import CG, ESCO, SKOS
from careergraph.taxonomies import declared, same_vocabulary, taxonomy

if TYPE_CHECKING:
    from collections.abc import Iterable

    from careergraph.graph.careers.facts import CareerFacts

Root = tuple[str, str, bool]  # (item, why, reached as an integration point)


@dataclass(frozen=True)
class Profile:
    """The skills, tools and integration points an owner calls for: item IRI -> why."""

    owner: str
    items: dict[str, str]

    def restricted(self, kind: str, facts: CareerFacts) -> set[str]:
        """The items of one kind: ``all``, ``skills`` or ``tools``."""
        if kind == "all":
            return set(self.items)
        return {iri for iri in self.items if facts.item_kind(iri) == kind[:-1]}


def profile(facts: CareerFacts, iri: str) -> Profile:
    """The profile of a role, a track, or a skill (area) or integration point.

    >>> from careergraph import CareerGraph
    >>> facts = CareerGraph.open().careers
    >>> terraform = "https://w3id.org/careergraph/id/tool/terraform"
    >>> devops = "https://w3id.org/careergraph/id/role/devops-engineer"
    >>> profile(facts, devops).items[terraform]
    'used for Infrastructure as Code'
    """
    memo = facts.memo("profiles")
    if iri not in memo:
        memo[iri] = Profile(iri, _expand(facts, _roots(facts, iri, set())))
    return memo[iri]


def items(facts: CareerFacts, iri: str) -> frozenset[str]:
    """The items of a profile, without the reasons: the same roots and the same ways down
    and up as :func:`profile`, as sets (a built store works them out for every role)."""
    memo = facts.memo("items")
    if iri not in memo:
        if facts.is_a(iri, ROLE_CLASSES) and not facts.objects(iri, CG + "specialises"):
            # Most roles: what they require, and their tracks' items, worked out once per
            # track (going up from a union is going up from each part).
            required = facts.objects(iri, *REQUIRES)
            for occupation in _named_as(facts, iri):
                required |= facts.objects(occupation, *REQUIRES)
            own = set().union(*(_below(facts, skill, False) for skill in required))
            tracks = (items(facts, track) for track in _inherited_tracks(facts, iri))
            found = own.union(_practised(facts, own), *tracks)
        else:
            roots = _roots(facts, iri, set())
            found = set().union(*(_below(facts, root, point) for root, _, point in roots))
            found |= _practised(facts, found).keys()
        memo[iri] = frozenset(found)
    return memo[iri]


def same_as(facts: CareerFacts, items: Iterable[str]) -> set[str]:
    """The skills of another taxonomy that ``items`` are the same as (``skos:exactMatch``,
    either way: import esco's label rules and curated crosswalk link Python to ESCO's
    "Python (computer programming)").

    >>> from careergraph import CareerGraph
    >>> same_as(CareerGraph.open().careers, ["https://w3id.org/careergraph/id/skill/python"])
    set()
    """
    exact = SKOS + "exactMatch"
    return set().union(*(facts.objects(i, exact) | facts.subjects(i, exact) for i in items))


def held(facts: CareerFacts, role: str, towards: str) -> frozenset[str]:
    """What a person in ``role`` has of what ``towards`` (a role of any taxonomy) may call
    for: the role's items, and where the two are in different vocabularies (a built-in role
    and an ESCO occupation) the skills those items are the same as there (:func:`same_as`)."""
    have = items(facts, role)
    if same_vocabulary(taxonomy(role), taxonomy(towards)):
        return have
    memo = facts.memo("held")
    if role not in memo:
        memo[role] = have | same_as(facts, have)
    return memo[role]


def needs(facts: CareerFacts, role: str) -> frozenset[str]:
    """What a role needs, for matching: the most specific skills of its profile (the skills
    under its areas, and the areas that have none listed)."""
    memo = facts.memo("needs")
    if role not in memo:
        skills = {iri for iri in items(facts, role) if facts.item_kind(iri) == "skill"}
        narrower = facts.inverse.get(SKOS + "broader", {})
        memo[role] = frozenset(s for s in skills if skills.isdisjoint(narrower.get(s, ())))
    return memo[role]


def optional(facts: CareerFacts, role: str) -> frozenset[str]:
    """The skills a role lists as optional (ESCO's ``relatedOptionalSkill``, a job
    architecture's ``cg:optionalSkill``) and does not
    need otherwise: they count half in matching and similarity."""
    memo = facts.memo("optional")
    if role not in memo:
        listed = facts.objects(role, *OPTIONAL_SKILLS)
        memo[role] = frozenset(listed - items(facts, role))
    return memo[role]


def _roots(facts: CareerFacts, iri: str, seen: set[str]) -> list[Root]:
    """Where a profile starts: (item, why, reached as an integration point)."""
    if iri in seen:
        return []
    seen.add(iri)
    label = facts.label(iri)
    if facts.is_a(iri, ROLE_CLASSES):
        required = sorted(facts.objects(iri, *REQUIRES))
        roots = [(s, f"required by {label}", False) for s in required]
        for occupation in _named_as(facts, iri):
            lent = sorted(facts.objects(occupation, *REQUIRES))
            why = f"via ESCO occupation {facts.label(occupation)}"
            roots += [(s, why, False) for s in lent]
        for track in sorted(_inherited_tracks(facts, iri)):
            roots += _roots(facts, track, seen)
        for general in sorted(facts.objects(iri, CG + "specialises")):
            roots += [
                (s, f"{why}, as {label} is a variant of {facts.label(general)}", point)
                for s, why, point in _roots(facts, general, seen)
            ]
        return roots
    if facts.is_a(iri, TRACK_CLASS):
        memo = facts.memo("track_roots")
        if iri not in memo:
            memo[iri] = _roots_of_track(facts, iri, label)
        return memo[iri]
    return [(iri, f"{label} itself", facts.is_a(iri, INTEGRATION_POINT))]


def _inherited_tracks(facts: CareerFacts, role: str) -> set[str]:
    """The tracks whose items a role's profile holds: its tracks, where its taxonomy says
    so (a job architecture's roles list all they need; their family is what they share)."""
    return facts.tracks_of(role) if declared(taxonomy(role)).roles_inherit_track else set()


def _named_as(facts: CareerFacts, role: str) -> list[str]:
    """The roles of another taxonomy a role goes by the name of (``skos:closeMatch``)."""
    return sorted(o for o in facts.objects(role, SKOS + "closeMatch") if o in facts.roles)


def _roots_of_track(facts: CareerFacts, track: str, label: str) -> list[Root]:
    core = sorted(facts.objects(track, CG + "coreSkill"))
    roots = [(s, f"core skill of {label}", False) for s in core]
    if not core and declared(taxonomy(track)).track_skills_from_roles:
        # Linux, Python: the track's skills are what its (guru) roles require
        for role in facts.roles_of(track):
            required = sorted(facts.objects(role, *REQUIRES))
            roots += [(s, f"required by {facts.label(role)}, of {label}", False) for s in required]
    shared = sorted(facts.subjects(track, CG + "sharedBy"))
    return roots + [(p, f"integration point of {label}", True) for p in shared]


def _expand(facts: CareerFacts, roots: list[Root]) -> dict[str, str]:
    found: dict[str, str] = {}
    for root, why, as_point in roots:  # down, from each root (worked out once per root)
        for iri, reason in _below(facts, root, as_point).items():
            found.setdefault(iri, reason or why)
    for skill, tool in _practised(facts, found).items():
        found.setdefault(skill, f"practised through {facts.label(tool)}")
    return found


def _practised(facts: CareerFacts, found) -> dict[str, str]:
    """Up, one step: the skills the tools among ``found`` are used for (skill -> the first
    tool that brings it)."""
    used_for = facts.links.get(CG + "usedFor", {})
    practised: dict[str, str] = {}
    for tool in [iri for iri in found if facts.item_kind(iri) == "tool"]:
        for skill in sorted(used_for.get(tool, ())):
            if skill not in found and facts.item_kind(skill) == "skill":
                practised.setdefault(skill, tool)
    return practised


def _below(facts: CareerFacts, root: str, as_point: bool) -> dict[str, str | None]:
    """What a root brings down: the skills under an area, the tools used for them, what an
    integration point includes; each with its reason (None for the root itself)."""
    key = (root, as_point)
    memo = facts.memo("closures")
    if key in memo:
        return memo[key]
    found: dict[str, str | None] = {}
    queue: deque[tuple[str, str | None, bool]] = deque([(root, None, as_point)])
    while queue:
        iri, why, point = queue.popleft()
        if iri in found or (facts.item_kind(iri) == "other" and not point):
            continue
        found[iri] = why
        label = facts.label(iri)
        if facts.is_a(iri, ESCO + "Skill") and not facts.is_a(iri, CG + "Skill"):
            continue  # an ESCO skill's narrower skills specialise it: they are not its content
        for narrower in sorted(facts.subjects(iri, SKOS + "broader")):
            queue.append((narrower, f"under {label}", False))
        for tool in sorted(facts.subjects(iri, CG + "usedFor")):
            if facts.item_kind(tool) == "tool":
                queue.append((tool, f"used for {label}", False))
        if point:  # the mind map's Version Control area is not the DevOps/MLOps one
            for included in sorted(facts.objects(iri, CG + "includes")):
                queue.append((included, f"in {label}", True))
    memo[key] = found
    return found
