"""What a role, a track or a skill area calls for: its skill profile, with the evidence.

The source ties skills to roles in three ways, and a profile follows all of them:

1. **Roots.** A role needs the skill areas it requires (``cg:requiresSkill``: the gurus of the
   mind map; ``esco:relatedEssentialSkill`` for ESCO occupations), the skills of its track,
   and, if it is a focused variant (``cg:specialises``), the profile of the role it varies.
   A track's skills are its core skill areas (``cg:coreSkill``: DevOps, MLOps) or, where it
   states none, the skill areas its roles require (Linux, Python: the guru's mind-map
   branches), and the integration points it shares (``cg:sharedBy``: what DevOps and MLOps
   have in common).
2. **Down.** A skill area brings the skills under it (``skos:broader``) and the tools used
   for them (``cg:usedFor``); an integration point brings what it includes (``cg:includes``),
   followed down the same way. This is how the source lists an area's content.
3. **Up, one step.** A tool brings the skill it is used for: a role that uses Terraform
   practises Infrastructure as Code. It goes no further: practising one skill of an area is
   not mastering the area (Infrastructure Management), and going up never comes back down
   (using Terraform says nothing of CloudFormation).

So a role that needs "Infrastructure as Code" and one that uses Terraform share both
Terraform (the first through the skill's tools) and Infrastructure as Code (the second
through its tool). Every item of a profile keeps the first reason found for it.
"""

from __future__ import annotations

import sys
from array import array
from collections import deque
from dataclasses import dataclass
from functools import cached_property

from careergraph.graph.names import NameIndex
from careergraph.graph.sparql import internal_query
from careergraph.graph.store import Store
from careergraph.graph.terms import IRI
from careergraph.namespaces import CG, ESCO, SKOS

ROLE_CLASSES = (CG + "Role", ESCO + "Occupation")
SKILL_CLASSES = (CG + "Skill", ESCO + "Skill")
TOOL_CLASS = CG + "Tool"
TRACK_CLASS = CG + "Track"
INTEGRATION_POINT = CG + "IntegrationPoint"
BY = ("all", "skills", "tools")
SORTS = ("skill", "tool", "other")

_REQUIRES = (CG + "requiresSkill", ESCO + "relatedEssentialSkill")
# The statements the projection is built from.
LINKS = (
    *_REQUIRES,
    ESCO + "relatedOptionalSkill",
    CG + "coreSkill",
    CG + "specialises",
    CG + "sharedBy",
    CG + "includes",
    CG + "usedFor",
    SKOS + "broader",
    SKOS + "inScheme",
    CG + "track",
    CG + "fromTrack",
    CG + "towards",
)


@dataclass(frozen=True)
class RoleFacts:
    """A role's level and salary, as the paths show them."""

    level: str | None = None
    rank: int | None = None
    salary: str | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    open_ended: bool = False
    currency: str | None = None


@dataclass(frozen=True)
class InvestmentFacts:
    """A certification or a time investment the source ties to a track."""

    iri: str
    kind: str  # "certification" or "time"
    level: str | None
    rank: int | None
    low: float | None
    high: float | None
    unit: str | None


@dataclass(frozen=True)
class Profile:
    """The skills, tools and integration points an owner calls for: item IRI -> why."""

    owner: str
    items: dict[str, str]

    def restricted(self, by: str, facts: CareerFacts) -> set[str]:
        """The items of one sort: ``all``, ``skills`` or ``tools``."""
        if by == "all":
            return set(self.items)
        return {iri for iri in self.items if facts.sort_of(iri) == by[:-1]}


class CareerFacts:
    """The part of the graph the career analyses need, read once (from the engine's indexes,
    or with SPARQL from an endpoint) and held as plain dictionaries."""

    def __init__(self, store: Store, names: NameIndex):
        self.names = names
        # Plain dictionaries (no lambdas), so that a built store can keep them (pickle).
        self.links: dict[str, dict[str, set[str]]] = {}
        self.inverse: dict[str, dict[str, set[str]]] = {}
        for link in LINKS:
            forward, backward = self.links.setdefault(link, {}), self.inverse.setdefault(link, {})
            for subject, target in store.links(link):
                # Interned: one object per IRI, stored once when a built store keeps them.
                subject, target = sys.intern(subject), sys.intern(target)
                forward.setdefault(subject, set()).add(target)
                backward.setdefault(target, set()).add(subject)
        self.roles: dict[str, RoleFacts] = {}
        for row in store.select(internal_query("role-facts")):
            self.roles[row["role"].value] = _role_facts(row, self.roles.get(row["role"].value))
        self._profiles: dict[str, Profile] = {}
        self._items: dict[str, frozenset[str]] = {}
        self._needs: dict[str, frozenset[str]] = {}
        self._sorts: dict[str, str] = {}
        self._closures: dict[tuple[str, bool], dict[str, str | None]] = {}
        self._track_roots: dict[str, list[tuple[str, str, bool]]] = {}
        self.investments: dict[str, list[InvestmentFacts]] = {}
        for row in store.select(internal_query("track-investments")):
            self.investments.setdefault(row["track"].value, []).append(_investment(row))

    def __getstate__(self) -> dict:
        """What a built store keeps: the facts and the indexes over every role (see
        ``precompute``), not the names (kept apart), nor the items, needs and reasons of
        each role: worked out again for the few roles a command looks at."""
        state = dict(self.__dict__)
        state["names"] = None
        state["_items"] = {}
        state["_needs"] = {}
        state["_profiles"] = {}
        state["_closures"] = {}
        state["_track_roots"] = {}
        for derived in ("position", "item_counts"):  # worked out again, faster than read
            state.pop(derived, None)
        return state

    def precompute(self) -> None:
        """Work out the roles' order, the sort of every item, which roles hold each item (and
        how many of each sort each has) and which need each skill, once, for a built store
        to keep."""
        for role in self.all_roles:
            self.needs(role)
        for items in list(self._items.values()):
            for iri in items:
                self.sort_of(iri)
        for index in ("holders", "sort_counts", "needers", "need_counts"):
            getattr(self, index)  # worked out, to be kept

    # ---- what things are -------------------------------------------------------------

    def label(self, iri: str) -> str:
        """An entity's label (its slug where it has none)."""
        return self.names.label(iri)

    def is_a(self, iri: str, classes: str | tuple[str, ...]) -> bool:
        """Whether the entity is an instance of (one of) ``classes``."""
        wanted = (classes,) if isinstance(classes, str) else classes
        mine = self.names.classes_of(iri)
        return any(c in mine for c in wanted)

    def sort_of(self, iri: str) -> str:
        """``skill``, ``tool`` or ``other`` (an integration point that is only a grouping)."""
        if iri not in self._sorts:
            if self.is_a(iri, SKILL_CLASSES):
                self._sorts[iri] = "skill"
            elif self.is_a(iri, TOOL_CLASS):
                self._sorts[iri] = "tool"
            else:
                self._sorts[iri] = "other"
        return self._sorts[iri]

    def objects(self, subject: str, *links: str) -> set[str]:
        """What ``subject`` points to with any of ``links``."""
        return set().union(*(self.links.get(link, {}).get(subject, set()) for link in links))

    def subjects(self, target: str, *links: str) -> set[str]:
        """What points to ``target`` with any of ``links``."""
        return set().union(*(self.inverse.get(link, {}).get(target, set()) for link in links))

    def tracks_of(self, role: str) -> set[str]:
        """The tracks of a role."""
        return self.objects(role, CG + "track")

    def subjects_with(self, link: str) -> list[str]:
        """Everything that has ``link``, in IRI order."""
        return sorted(self.links.get(link, {}))

    def roles_of(self, track: str) -> list[str]:
        """The roles of a track, in IRI order."""
        return sorted(r for r in self.subjects(track, CG + "track") if r in self.roles)

    @cached_property
    def all_roles(self) -> list[str]:
        """Every role and occupation, in label order."""
        return sorted(self.roles, key=lambda iri: (self.label(iri).casefold(), iri))

    @cached_property
    def holders(self) -> dict[str, array]:
        """For every item of a role's profile, the roles that have it (as positions in
        ``all_roles``): what finds the roles sharing something with one role."""
        return _positions(self.all_roles, self.items)

    @cached_property
    def position(self) -> dict[str, int]:
        """Each role's position in ``all_roles`` (where the indexes below hold it)."""
        return {role: index for index, role in enumerate(self.all_roles)}

    @cached_property
    def item_counts(self) -> array:
        """How many items each role's profile has (by position in ``all_roles``)."""
        return array("I", map(sum, zip(*self.sort_counts.values(), strict=True)))

    @cached_property
    def sort_counts(self) -> dict[str, array]:
        """How many skills, tools and other items each role's profile has (by position)."""
        items = [self.items(role) for role in self.all_roles]
        for iri in set().union(*items) - self._sorts.keys():
            self.sort_of(iri)
        of_sort = {sort: {iri for iri, s in self._sorts.items() if s == sort} for sort in SORTS}
        return {sort: array("I", (len(i & of_sort[sort]) for i in items)) for sort in SORTS}

    @cached_property
    def needers(self) -> dict[str, array]:
        """For every skill a role needs, the roles that need it (positions in
        ``all_roles``): what match counts coverage with."""
        return _positions(self.all_roles, self.needs)

    @cached_property
    def need_counts(self) -> array:
        """How many skills each role needs (by position in ``all_roles``)."""
        return array("I", (len(self.needs(role)) for role in self.all_roles))

    # ---- profiles ------------------------------------------------------------------------

    def profile(self, iri: str) -> Profile:
        """The profile of a role, a track, or a skill (area) or integration point."""
        if iri not in self._profiles:
            self._profiles[iri] = Profile(iri, self._expand(self._roots(iri, set())))
        return self._profiles[iri]

    def items(self, iri: str) -> frozenset[str]:
        """The items of a profile, without the reasons: the same roots and the same ways
        down and up as :meth:`profile`, as sets (a built store works them out for every
        role)."""
        if iri not in self._items:
            if self.is_a(iri, ROLE_CLASSES) and not self.objects(iri, CG + "specialises"):
                # Most roles: what they require, and their tracks' items, worked out once per
                # track (going up from a union is going up from each part).
                required = self.objects(iri, *_REQUIRES)
                own = set().union(*(self._below(skill, False) for skill in required))
                tracks = (self.items(track) for track in self.tracks_of(iri))
                found = own.union(self._practised(own), *tracks)
            else:
                roots = self._roots(iri, set())
                found = set().union(*(self._below(root, point) for root, _, point in roots))
                found |= self._practised(found).keys()
            self._items[iri] = frozenset(found)
        return self._items[iri]

    def needs(self, role: str) -> frozenset[str]:
        """What a role needs, for matching: the most specific skills of its profile (the
        skills under its areas, and the areas that have none listed)."""
        if role not in self._needs:
            skills = {iri for iri in self.items(role) if self.sort_of(iri) == "skill"}
            narrower = self.inverse.get(SKOS + "broader", {})
            self._needs[role] = frozenset(
                s for s in skills if skills.isdisjoint(narrower.get(s, ()))
            )
        return self._needs[role]

    def _roots(self, iri: str, seen: set[str]) -> list[tuple[str, str, bool]]:
        """Where a profile starts: (item, why, reached as an integration point)."""
        if iri in seen:
            return []
        seen.add(iri)
        label = self.label(iri)
        if self.is_a(iri, ROLE_CLASSES):
            required = sorted(self.objects(iri, *_REQUIRES))
            roots = [(s, f"required by {label}", False) for s in required]
            for track in sorted(self.tracks_of(iri)):
                roots += self._roots(track, seen)
            for general in sorted(self.objects(iri, CG + "specialises")):
                roots += [
                    (s, f"{why}, as {label} is a variant of {self.label(general)}", point)
                    for s, why, point in self._roots(general, seen)
                ]
            return roots
        if self.is_a(iri, TRACK_CLASS):
            if iri not in self._track_roots:
                self._track_roots[iri] = self._roots_of_track(iri, label)
            return self._track_roots[iri]
        return [(iri, f"{label} itself", self.is_a(iri, INTEGRATION_POINT))]

    def _roots_of_track(self, track: str, label: str) -> list[tuple[str, str, bool]]:
        core = sorted(self.objects(track, CG + "coreSkill"))
        roots = [(s, f"core skill of {label}", False) for s in core]
        if not core:  # Linux, Python: the track's skills are what its (guru) roles require
            for role in self.roles_of(track):
                required = sorted(self.objects(role, *_REQUIRES))
                roots += [
                    (s, f"required by {self.label(role)}, of {label}", False) for s in required
                ]
        shared = sorted(self.subjects(track, CG + "sharedBy"))
        return roots + [(p, f"integration point of {label}", True) for p in shared]

    def _expand(self, roots: list[tuple[str, str, bool]]) -> dict[str, str]:
        items: dict[str, str] = {}
        for root, why, as_point in roots:  # down, from each root (worked out once per root)
            for iri, reason in self._below(root, as_point).items():
                items.setdefault(iri, reason or why)
        for skill, tool in self._practised(items).items():
            items.setdefault(skill, f"practised through {self.label(tool)}")
        return items

    def _practised(self, items) -> dict[str, str]:
        """Up, one step: the skills the tools among ``items`` are used for (skill -> the
        first tool that brings it)."""
        used_for = self.links.get(CG + "usedFor", {})
        practised: dict[str, str] = {}
        for tool in [iri for iri in items if self.sort_of(iri) == "tool"]:
            for skill in sorted(used_for.get(tool, ())):
                if skill not in items and self.sort_of(skill) == "skill":
                    practised.setdefault(skill, tool)
        return practised

    def _below(self, root: str, as_point: bool) -> dict[str, str | None]:
        """What a root brings down: the skills under an area, the tools used for them, what
        an integration point includes; each with its reason (None for the root itself).
        Many roles share roots (a track's areas), so each is worked out once."""
        key = (root, as_point)
        if key in self._closures:
            return self._closures[key]
        found: dict[str, str | None] = {}
        queue: deque[tuple[str, str | None, bool]] = deque([(root, None, as_point)])
        while queue:
            iri, why, point = queue.popleft()
            if iri in found or (self.sort_of(iri) == "other" and not point):
                continue
            found[iri] = why
            label = self.label(iri)
            for narrower in sorted(self.subjects(iri, SKOS + "broader")):
                queue.append((narrower, f"under {label}", False))
            for tool in sorted(self.subjects(iri, CG + "usedFor")):
                if self.sort_of(tool) == "tool":
                    queue.append((tool, f"used for {label}", False))
            if point:  # the mind map's Version Control area is not the DevOps/MLOps one
                for included in sorted(self.objects(iri, CG + "includes")):
                    queue.append((included, f"in {label}", True))
        self._closures[key] = found
        return found


def _positions(roles: list[str], members) -> dict[str, array]:
    """member -> the positions of the roles that have it (``members(role)``)."""
    found: dict[str, array] = {}
    for position, role in enumerate(roles):
        for member in members(role):
            if member not in found:
                found[member] = array("I")
            found[member].append(position)
    return found


def jaccard(first: set[str], second: set[str]) -> float:
    """|A and B| / |A or B|, 0 for two empty sets.

    >>> jaccard({"a", "b"}, {"b", "c"})
    0.3333333333333333
    """
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def _role_facts(row: dict, known: RoleFacts | None) -> RoleFacts:
    def number(name: str) -> float | None:
        value = row.get(name)
        return value.to_python() if value is not None else None  # type: ignore[union-attr]

    if known is not None and known.salary is not None:
        return known
    salary = row.get("salary")
    return RoleFacts(
        level=row["level"].value if "level" in row else None,
        rank=int(row["rank"].value) if "rank" in row else None,
        salary=salary.value if isinstance(salary, IRI) else None,
        salary_min=number("min"),
        salary_max=number("max"),
        open_ended="open" in row and row["open"].value in ("true", "1"),
        currency=row["currency"].value if "currency" in row else None,
    )


def _investment(row: dict) -> InvestmentFacts:
    def value(name: str):
        term = row.get(name)
        return term.to_python() if term is not None and hasattr(term, "to_python") else None

    return InvestmentFacts(
        row["item"].value,
        row["kind"].value,
        row["level"].value if "level" in row else None,
        value("rank"),
        value("low"),
        value("high"),
        value("unit"),
    )
