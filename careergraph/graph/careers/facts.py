"""The facts the career analyses work on, read once from a store and held as plain data.

:class:`CareerFacts` reads the links the analyses follow (from the engine's indexes, or with
SPARQL from an endpoint), each role's level and salary, and the certifications and time the
source ties to each track; it answers what things are (``item_kind``) and what they link to.
What roles call for (profiles) is :mod:`.profiles`; the indexes over every role are
:mod:`.index`.

A built store keeps the facts through :meth:`CareerFacts.state` and
:meth:`CareerFacts.from_state`: plain dictionaries, lists and strings, which carry no code.
"""

from __future__ import annotations

import sys
from dataclasses import astuple, dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from careergraph.graph.careers import profiles
from careergraph.graph.careers.vocabulary import LINKS, SKILL_CLASSES, TOOL_CLASS
from careergraph.graph.queries import internal_query
from careergraph.graph.store.terms import IRI
from careergraph.namespaces import CG, SKOS
from careergraph.taxonomies import taxonomy

if TYPE_CHECKING:
    from careergraph.graph.careers.index import RoleIndex
    from careergraph.graph.careers.profiles import Profile
    from careergraph.graph.names import NameIndex
    from careergraph.graph.store import Store


KEEP_NEAR_UP_TO = 5_000  # roles: a build of a bigger graph keeps no similar-role lists


class RoleFacts(NamedTuple):
    """A role's level and salary, as the paths show them (a named tuple: a built store
    makes one per role when it is read, which a dataclass would make slow)."""

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


class CareerFacts:
    """The part of the graph the career analyses need, as plain dictionaries.

    >>> from careergraph import CareerGraph
    >>> facts = CareerGraph.open().careers
    >>> facts.item_kind("https://w3id.org/careergraph/id/tool/terraform")
    'tool'
    >>> facts.from_state(facts.state(), facts.names).state() == facts.state()
    True
    """

    # What a built store keeps (see :meth:`state`), and what is worked out again on demand.
    KEPT = ("links", "inverse", "roles", "investments", "item_kinds", "index", "viable", "near")
    TRANSIENT = ("names", "memo", "_index", "_viable")

    def __init__(
        self,
        names: NameIndex,
        links: dict[str, dict[str, set[str]]],
        roles: dict[str, RoleFacts],
        investments: dict[str, list[InvestmentFacts]],
        item_kinds: dict[str, str] | None = None,
        index: RoleIndex | None = None,
        inverse: dict[str, dict[str, set[str]]] | None = None,
        viable: float | None = None,
        near: dict[str, list[tuple[str, float]]] | None = None,
    ):
        self.names = names
        self.links = links
        self.roles = roles
        self.investments = investments
        self.item_kinds = item_kinds if item_kinds is not None else {}
        self.inverse = inverse if inverse is not None else _inverse(links)
        self.memo = profiles.ProfileMemo()
        self._index = index
        self._viable: float | None = viable
        # Each role's most similar roles, for moves, worked out for every role by a build of a graph
        # of at most KEEP_NEAR_UP_TO roles (ESCO has 3,035), else when a search reaches it.
        self.near: dict[str, list[tuple[str, float]]] = near if near is not None else {}

    @classmethod
    def read(cls, store: Store, names: NameIndex) -> CareerFacts:
        """Read the facts from ``store``; ``names`` labels and classifies what they link."""
        links: dict[str, dict[str, set[str]]] = {}
        for link in LINKS:
            forward = links.setdefault(link, {})
            for subject, target in store.links(link):
                # Interned: one object per IRI, stored once when a built store keeps them.
                forward.setdefault(sys.intern(subject), set()).add(sys.intern(target))
        roles: dict[str, RoleFacts] = {}
        for row in store.select(internal_query("role-facts")):
            roles[row["role"].value] = _role_facts(row, roles.get(row["role"].value))
        investments: dict[str, list[InvestmentFacts]] = {}
        for row in store.select(internal_query("track-investments")):
            investments.setdefault(row["track"].value, []).append(_investment(row))
        return cls(names, links, roles, investments)

    # ---- what a built store keeps ------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """The facts, every item's kind and the index over every role, as plain data
        (dictionaries, lists, strings, numbers and bytes: what marshal writes); the
        profiles of single roles are worked out again for the few a command looks at."""
        for role in self.index.roles:  # every item a role has, classified to be kept
            for item in self.items(role):
                self.item_kind(item)
        return {
            "links": self.links,
            "inverse": self.inverse,
            "roles": {iri: tuple(facts) for iri, facts in self.roles.items()},
            "investments": {
                track: [list(astuple(item)) for item in items]
                for track, items in self.investments.items()
            },
            "item_kinds": dict(self.item_kinds),
            "index": self.index.state(),
            "viable": self.viable,
            "near": self._near_of_every_role(),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], names: NameIndex) -> CareerFacts:
        """The facts :meth:`state` gave, labelled by ``names``; anything else raises
        TypeError, ValueError or KeyError."""
        from careergraph.graph.careers.index import RoleIndex

        if not isinstance(state, dict) or set(state) != set(cls.KEPT):
            raise ValueError("not the state of career facts")
        # marshal gives back the sets and the interned IRIs it was given: no copy needed.
        links, inverse = state["links"], state["inverse"]
        if not all(isinstance(part, dict) for part in (links, inverse, state["roles"])):
            raise TypeError("not the state of career facts")
        roles = dict(
            zip(state["roles"], map(RoleFacts._make, state["roles"].values()), strict=True)
        )
        investments = {
            track: [InvestmentFacts(*values) for values in items]
            for track, items in state["investments"].items()
        }
        return cls(
            names,
            links,
            roles,
            investments,
            dict(state["item_kinds"]),
            RoleIndex.from_state(state["index"]),
            inverse,
            float(state["viable"]),
            {role: [tuple(pair) for pair in pairs] for role, pairs in state["near"].items()},
        )

    # ---- what things are -------------------------------------------------------------

    def label(self, iri: str) -> str:
        """An entity's label (its slug where it has none)."""
        return self.names.label(iri)

    def is_a(self, iri: str, classes: str | tuple[str, ...]) -> bool:
        """Whether the entity is an instance of (one of) ``classes``."""
        wanted = (classes,) if isinstance(classes, str) else classes
        mine = self.names.classes_of(iri)
        return any(c in mine for c in wanted)

    def item_kind(self, iri: str) -> str:
        """What a profile item counts as: ``skill``, ``tool`` or ``other`` (an integration
        point that is only a grouping)."""
        if iri not in self.item_kinds:
            if self.is_a(iri, SKILL_CLASSES):
                self.item_kinds[iri] = "skill"
            elif self.is_a(iri, TOOL_CLASS):
                self.item_kinds[iri] = "tool"
            else:
                self.item_kinds[iri] = "other"
        return self.item_kinds[iri]

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

    def relatives(self, role: str) -> dict[str, str]:
        """The roles next to ``role`` in its taxonomy's hierarchy of occupations (ESCO's
        ``skos:broader`` between occupations; the ISCO groups above them are no roles): its
        ``broader`` role, its ``narrower`` roles and its ``sibling``s under the same broader
        role, each with that relation.

        >>> from careergraph import CareerGraph
        >>> CareerGraph.open().careers.relatives("https://w3id.org/careergraph/id/role/mlops-engineer")
        {}
        """
        memo = self.memo.relatives
        if role not in memo:
            broader = {b for b in self.objects(role, SKOS + "broader") if b in self.roles}
            found = {b: "broader" for b in broader}
            for narrower in self.subjects(role, SKOS + "broader"):
                if narrower in self.roles:
                    found.setdefault(narrower, "narrower")
            for parent in sorted(broader):
                for sibling in sorted(self.subjects(parent, SKOS + "broader")):
                    if sibling in self.roles and sibling != role:
                        found.setdefault(sibling, "sibling")
            memo[role] = found
        return memo[role]

    def counterparts(self, role: str) -> dict[str, str]:
        """The roles of another taxonomy that ``role`` is the same job as, with why: a
        built-in role and the ESCO occupation it goes by the name of (``skos:closeMatch``),
        and one whose name is only close (``skos:relatedMatch``) where their skills agree
        too (the occupation among the role's ``NEAR_COUNTERPART`` nearest of ESCO). Both
        ways.

        >>> from careergraph import CareerGraph
        >>> CareerGraph.open().careers.counterparts("https://w3id.org/careergraph/id/role/mlops-engineer")
        {}
        """
        memo = self.memo.counterparts
        if role not in memo:
            found: dict[str, str] = {}
            for link, said in ((SKOS + "closeMatch", "name"), (SKOS + "relatedMatch", "skills")):
                ahead = [(role, o) for o in self.objects(role, link)]
                behind = [(s, role) for s in self.subjects(role, link)]
                for source, target in ahead + behind:
                    other = target if source == role else source
                    if other in self.roles and (said == "name" or self._agree(source, target)):
                        found.setdefault(other, said)
            memo[role] = found
        return memo[role]

    def _agree(self, role: str, occupation: str) -> bool:
        """Whether an occupation is among the role's nearest of its taxonomy by skills."""
        from careergraph.graph.careers.similarity import NEAR_COUNTERPART, nearest

        group = taxonomy(occupation)
        near = nearest(self, role, NEAR_COUNTERPART, per=taxonomy)
        return occupation in [other for other, _ in near if taxonomy(other) == group]

    def roles_of(self, track: str) -> list[str]:
        """The roles of a track, in IRI order."""
        return sorted(r for r in self.subjects(track, CG + "track") if r in self.roles)

    # ---- profiles and the index over every role -----------------------------------------

    def profile(self, iri: str) -> Profile:
        """What a role, track, skill area or integration point calls for, with why (see
        :func:`.profiles.profile`)."""
        return profiles.profile(self, iri)

    def items(self, iri: str) -> frozenset[str]:
        """The items of a profile, without the reasons (see :func:`.profiles.items`)."""
        return profiles.items(self, iri)

    def needs(self, role: str) -> frozenset[str]:
        """The most specific skills a role calls for (see :func:`.profiles.needs`)."""
        return profiles.needs(self, role)

    def optional(self, role: str) -> frozenset[str]:
        """The skills a role lists as optional (see :func:`.profiles.optional`)."""
        return profiles.optional(self, role)

    @property
    def index(self) -> RoleIndex:
        """Every role in label order, and which roles hold and need each item: worked out
        once (or kept by a built store)."""
        if self._index is None:
            from careergraph.graph.careers.index import RoleIndex

            self._index = RoleIndex.build(self)
        return self._index

    def near_moves(self, role: str) -> list[tuple[str, float]]:
        """The roles a path may move to on the strength of one's skills (see
        :func:`.similarity.near_moves`), most similar first. On a graph of at most
        ``KEEP_NEAR_UP_TO`` roles they are worked out for every role at once, so that every
        role is reached (:func:`.similarity.both_ways`); on a bigger one, for each role a
        search reaches."""
        if role not in self.near:
            from careergraph.graph.careers.similarity import both_ways, near_moves

            if len(self.roles) <= KEEP_NEAR_UP_TO:
                self.near = both_ways(self, {r: near_moves(self, r) for r in self.index.roles})
            else:
                self.near[role] = near_moves(self, role)
        return self.near.get(role, [])

    def _near_of_every_role(self) -> dict[str, list[tuple[str, float]]]:
        if len(self.roles) <= KEEP_NEAR_UP_TO and self.index.roles:
            self.near_moves(self.index.roles[0])
        return self.near

    @property
    def viable(self) -> float:
        """The least similarity of a viable move (see
        :func:`.similarity.viable_similarity`): worked out once, or kept by a built store."""
        if self._viable is None:
            from careergraph.graph.careers.similarity import viable_similarity

            self._viable = viable_similarity(self)
        return self._viable

    @property
    def all_roles(self) -> list[str]:
        """Every role and occupation, in label order."""
        return self.index.roles


def _inverse(links: dict[str, dict[str, set[str]]]) -> dict[str, dict[str, set[str]]]:
    """For every link, what points to each target."""
    inverse: dict[str, dict[str, set[str]]] = {}
    for link, forward in links.items():
        backward = inverse.setdefault(link, {})
        for subject, targets in forward.items():
            for target in targets:
                backward.setdefault(target, set()).add(subject)
    return inverse


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
