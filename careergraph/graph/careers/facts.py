"""The facts the career analyses work on, read once from a store and held as plain data.

:class:`CareerFacts` reads the links the analyses follow (from the engine's indexes, or with
SPARQL from an endpoint), each role's level and salary, and the certifications and time the
source ties to each track, and how sure each link a statement restates is (``cg:confidence``:
the alignment to another taxonomy, a job architecture's readings); it answers what things
are (``item_kind``) and what they link to.
It holds data only and calls no analysis: what roles call for (profiles) is
:mod:`.profiles`, and what is worked out from the facts (the indexes over every role, the
viable threshold, the near lists) is the model of :mod:`.model`.

A built store keeps the facts through :meth:`CareerFacts.state` and
:meth:`CareerFacts.from_state`: plain dictionaries, lists and strings, which carry no code.
"""

from __future__ import annotations

import math
import sys
from dataclasses import astuple, dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from careergraph.graph.careers.vocabulary import LINKS, SKILL_CLASSES, TOOL_CLASS
from careergraph.graph.queries import internal_query
from careergraph.graph.store.terms import IRI, Literal
from careergraph.namespaces import CG, SKOS

if TYPE_CHECKING:
    from careergraph.graph.names import NameIndex
    from careergraph.graph.store import Store


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
    >>> CareerFacts.from_state(facts.state(), facts.names).state() == facts.state()
    True
    """

    # What a built store keeps (see :meth:`state`), and what is worked out again on demand.
    KEPT = ("links", "inverse", "roles", "investments", "item_kinds", "confidences")
    TRANSIENT = ("names", "memos")

    def __init__(
        self,
        names: NameIndex,
        links: dict[str, dict[str, set[str]]],
        roles: dict[str, RoleFacts],
        investments: dict[str, list[InvestmentFacts]],
        item_kinds: dict[str, str] | None = None,
        inverse: dict[str, dict[str, set[str]]] | None = None,
        confidences: dict[str, dict[str, dict[str, float]]] | None = None,
    ):
        self.names = names
        self.links = links
        self.roles = roles
        self.investments = investments
        self.item_kinds = item_kinds if item_kinds is not None else {}
        self.inverse = inverse if inverse is not None else _inverse(links)
        # link -> subject -> target -> how sure the graph says the link is
        self.confidences = confidences if confidences is not None else {}
        self.memos: dict[str, dict[Any, Any]] = {}

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
        confidences: dict[str, dict[str, dict[str, float]]] = {}
        for row in store.select(internal_query("link-confidences")):
            link, confidence = row["link"].value, _number(row["confidence"])
            if link in links and confidence is not None:
                subject, target = sys.intern(row["subject"].value), sys.intern(row["object"].value)
                confidences.setdefault(link, {}).setdefault(subject, {})[target] = confidence
        return cls(names, links, roles, investments, confidences=confidences)

    def memo(self, name: str) -> dict[Any, Any]:
        """Where a function of another module keeps what it works out from these facts
        (under that function's ``name``), so that it is worked out once per set of facts."""
        return self.memos.setdefault(name, {})

    # ---- what a built store keeps ------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """The facts and the kind of everything they link to, as plain data (dictionaries,
        lists, strings, numbers: what marshal writes)."""
        for forward in self.links.values():  # every item a profile may hold, classified
            for subject, targets in forward.items():
                self.item_kind(subject)
                for target in targets:
                    self.item_kind(target)
        return {
            "links": self.links,
            "inverse": self.inverse,
            "roles": {iri: tuple(facts) for iri, facts in self.roles.items()},
            "investments": {
                track: [list(astuple(item)) for item in items]
                for track, items in self.investments.items()
            },
            "item_kinds": dict(self.item_kinds),
            "confidences": self.confidences,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], names: NameIndex) -> CareerFacts:
        """The facts :meth:`state` gave, labelled by ``names``; anything else raises
        TypeError, ValueError or KeyError."""
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
        kinds, confidences = dict(state["item_kinds"]), state["confidences"]
        return cls(names, links, roles, investments, kinds, inverse, confidences)

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

    def confidence(self, link: str, subject: str, target: str, unstated: float) -> float:
        """How sure the graph says the ``link`` from ``subject`` to ``target`` is (its
        ``cg:confidence``); ``unstated`` where it says nothing."""
        return self.confidences.get(link, {}).get(subject, {}).get(target, unstated)

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
        memo = self.memo("relatives")
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

    def roles_of(self, track: str) -> list[str]:
        """The roles of a track, in IRI order."""
        return sorted(r for r in self.subjects(track, CG + "track") if r in self.roles)


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


def _number(term: object) -> float | None:
    """A literal's number between 0 and 1 (None for anything else: a confidence stated as a
    word, or as a percentage).

    >>> _number(Literal("0.7")), _number(Literal("high")), _number(Literal("70"))
    (0.7, None, None)
    """
    try:
        value = float(term.value) if isinstance(term, Literal) else math.nan
    except ValueError:
        return None
    return value if 0 <= value <= 1 else None


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
