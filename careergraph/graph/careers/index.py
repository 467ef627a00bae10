"""Indexes over every role: which roles hold each profile item, which need each skill (and
which list it as optional), how many items of each kind each role has, and how specific each
skill is. They find the roles that share something with one role (paths, similar roles) and
score fit (match) without comparing every pair.

**Specificity** is an item's inverse document frequency over the roles: ``log(N / df)``,
where ``df`` is how many of the ``N`` roles list the item (in their profile, or as an
optional skill).
A skill that half of all occupations list says little (0.69); one that a single occupation
lists says much (``log N``, 8.0 on ESCO).

Roles are held by position in ``roles`` (label order), in compact arrays; a built store
keeps the index with the model (:mod:`.model`), through :meth:`RoleIndex.state` and
:meth:`RoleIndex.from_state`.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from careergraph.graph.careers import profiles
from careergraph.graph.careers.vocabulary import ITEM_KINDS
from careergraph.taxonomies import taxonomy

if TYPE_CHECKING:
    from collections.abc import Iterable

    from careergraph.graph.careers.facts import CareerFacts


@dataclass
class RoleIndex:
    """Every role in label order, and the indexes over them (positions in ``roles``).

    >>> from careergraph import CareerGraph
    >>> index = CareerGraph.open().careers.index
    >>> RoleIndex.from_state(index.state()) == index
    True
    """

    roles: list[str]
    holders: dict[str, array]  # profile item -> the roles that have it
    kind_counts: dict[str, array]  # item kind -> how many items of it each role has
    needers: dict[str, array]  # skill -> the roles that need it
    need_counts: array  # how many skills each role needs
    listers: dict[str, array]  # skill -> the roles that list it as optional
    position: dict[str, int] = field(init=False, repr=False, compare=False)
    taxonomies: list[str] = field(init=False, repr=False, compare=False)  # of each role
    item_counts: array = field(init=False, repr=False, compare=False)
    specificity: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.position = {role: index for index, role in enumerate(self.roles)}
        self.taxonomies = [taxonomy(role) for role in self.roles]
        self.item_counts = array("I", map(sum, zip(*self.kind_counts.values(), strict=True)))
        roles = len(self.roles) or 1
        listed = {s: len(r) for s, r in self.holders.items()}
        for skill, optional in self.listers.items():
            listed[skill] = listed.get(skill, 0) + len(optional)
        self.specificity = {s: math.log(roles / min(n, roles)) for s, n in listed.items()}

    def weight(self, skill: str) -> float:
        """How specific a skill is (see the module docstring); one no role lists counts as
        the most specific there is.

        >>> from careergraph import CareerGraph
        >>> index = CareerGraph.open().careers.index
        >>> round(index.weight("https://w3id.org/careergraph/id/skill/feature-stores"), 2)
        1.03
        """
        found = self.specificity.get(skill)
        return found if found is not None else self.most_specific

    @property
    def most_specific(self) -> float:
        """The weight of a skill that a single role lists."""
        return math.log(len(self.roles) or 1)

    @classmethod
    def build(cls, facts: CareerFacts) -> RoleIndex:
        """Work the index out from every role's profile."""
        roles = sorted(facts.roles, key=lambda iri: (facts.label(iri).casefold(), iri))
        items = [profiles.items(facts, role) for role in roles]
        kinds: dict[str, set[str]] = {kind: set() for kind in ITEM_KINDS}
        for iri in set().union(*items):
            kinds[facts.item_kind(iri)].add(iri)
        needs = [profiles.needs(facts, role) for role in roles]
        return cls(
            roles,
            _positions(items),
            {kind: array("I", (len(i & kinds[kind]) for i in items)) for kind in ITEM_KINDS},
            _positions(needs),
            array("I", map(len, needs)),
            _positions(profiles.optional(facts, role) for role in roles),
        )

    def state(self) -> dict[str, Any]:
        """The index as plain data: arrays as their bytes."""
        return {
            "roles": self.roles,
            "holders": {item: roles.tobytes() for item, roles in self.holders.items()},
            "kind_counts": {kind: counts.tobytes() for kind, counts in self.kind_counts.items()},
            "needers": {skill: roles.tobytes() for skill, roles in self.needers.items()},
            "need_counts": self.need_counts.tobytes(),
            "listers": {skill: roles.tobytes() for skill, roles in self.listers.items()},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> RoleIndex:
        """The index :meth:`state` gave."""
        return cls(
            list(state["roles"]),
            {item: _array(data) for item, data in state["holders"].items()},
            {kind: _array(data) for kind, data in state["kind_counts"].items()},
            {skill: _array(data) for skill, data in state["needers"].items()},
            _array(state["need_counts"]),
            {skill: _array(data) for skill, data in state["listers"].items()},
        )


def _positions(members: Iterable[Iterable[str]]) -> dict[str, array]:
    """member -> the positions of the roles that have it (``members`` in role order)."""
    found: dict[str, array] = {}
    for position, owned in enumerate(members):
        for member in owned:
            if member not in found:
                found[member] = array("I")
            found[member].append(position)
    return found


def _array(data: bytes) -> array:
    values = array("I")
    values.frombytes(data)
    return values
