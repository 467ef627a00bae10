"""The moves from one role to another: a projection of the graph onto roles.

The projection has one node per role and typed, directed edges, each with the evidence that
makes it:

- ``promotion``: to a role of the same track at the next level of the same level scheme
  that the track has roles at (Entry -> Mid -> Senior; Python goes from Entry to Senior).
- ``transition``: a career transition the source states (``cg:CareerTransition``), from every
  role of its track (``cg:fromTrack``) to the role it leads to, or, when it leads to a whole
  track, to that track's roles at the same level rank (entry level for a role without one).
- ``specialisation``: between a focused variant and the role it varies (``cg:specialises``),
  both ways.
- ``similar``: to a role whose similarity (:mod:`.similarity`: the weighted Jaccard of the
  two profiles) makes the move viable, at most one level up (when both levels are of one
  scheme): a lateral move, or a step up on the strength of one's skills. Viable is
  calibrated on the data after Career Causeways (:func:`.similarity.viable_similarity`:
  0.12 on ESCO, and on a graph with no ISCO unit groups), to one of the role's
  ``NEAR_MOVES`` (20) most similar such roles.

The cost of a step is what it asks of a person: ``BASE_COST[relation]`` (a move the source
lays out is cheaper than one a person makes up) plus what has to be learned: for each skill
(or skill area) and tool that the target role needs and the current one does not, its
specificity (``log N/df``: a skill every role lists costs nothing to learn for a move, one a
single role lists the most), times 1 for a skill and 0.5 for a tool.

The search never builds the whole projection: ``CareerMoves`` works out a role's moves when a
search reaches it, and ``cheapest_paths`` runs Yen's algorithm over Dijkstra searches of its
own (networkx searches only a graph it holds whole). With many roles per track and level, a
graph of a million triples projects to millions of edges, of which a search visits a few.
A level of a track with many roles is taken as a group: a promotion there costs a role of
the track 1 plus what the target needs beyond the track's own items (which both have), the
same from every role below, so a search relaxes the level once; only the roles that share
more with the one promoted are priced one by one. ``career_network`` builds the whole
projection from the same moves, as a networkx graph, for exports and for checking the
search against networkx.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careergraph.errors import ParameterError
from careergraph.graph.careers.similarity import nearest
from careergraph.namespaces import CG, SKOS

if TYPE_CHECKING:
    import networkx as nx

    from careergraph.graph.careers.facts import CareerFacts

RELATIONS = ("promotion", "transition", "specialisation", "similar")
BASE_COST = {"promotion": 1.0, "specialisation": 1.0, "transition": 2.0, "similar": 3.0}
LEARNING_COST = {"skill": 1.0, "tool": 0.5, "other": 0.0}
CROWDED = 16  # a next level of more roles than this: a search takes its promotions as a group


@dataclass(frozen=True)
class Move:
    """One step the projection allows from one role to another: the cheapest relation
    between them, what it costs and why it exists."""

    relation: str
    cost: float
    evidence: str
    similarity: float = 0.0


def learning_weight(facts: CareerFacts, items) -> float:
    """What learning ``items`` asks (see the module docstring): each its kind's cost times
    its specificity (:meth:`RoleIndex.weight`)."""
    weight = facts.index.weight
    return sum(LEARNING_COST[facts.item_kind(iri)] * weight(iri) for iri in items)


class CareerMoves:
    """The projection's edges, worked out for one role at a time when a search reaches it:
    a path search on a large graph visits a small part of it, and the whole projection of a
    graph with many roles per track and level has millions of edges."""

    def __init__(
        self,
        facts: CareerFacts,
        relations: Sequence[str] = RELATIONS,
        threshold: float | None = None,
    ):
        unknown = [r for r in relations if r not in RELATIONS]
        if unknown:
            raise ParameterError(
                "via", f"has an unknown relation {unknown[0]!r}; choose from {', '.join(RELATIONS)}"
            )
        self.facts, self.relations, self.threshold = facts, tuple(relations), threshold
        self._moves: dict[str, dict[str, Move]] = {}
        self._weights: dict[str, float] = {}
        # A group: the roles a move of one relation leads to from every role of a track and
        # level, with its evidence (for a promotion, all but the level reached) and the owner
        # whose items all of them share (a promotion's track; None for a transition).
        self._groups: dict[tuple, tuple[str, str, str | None, list[str]]] = {}
        self._steps: dict[str, tuple[dict[str, float], list[tuple]]] = {}
        self._group_costs: dict[tuple, list[tuple[str, float]]] = {}
        self._member_sets: dict[tuple, set[str]] = {}

    def from_role(self, role: str) -> dict[str, Move]:
        """Every role one step away from ``role``, with the cheapest move there (on equal
        cost, the first relation of ``RELATIONS``)."""
        if role not in self._moves:
            moves: dict[str, Move] = {}
            for target, relation, evidence, similarity in self._candidates(role):
                cost = BASE_COST[relation] + self.learning_cost(role, target)
                if target not in moves or cost < moves[target].cost:
                    moves[target] = Move(relation, cost, evidence, round(similarity, 4))
            self._moves[role] = moves
        return self._moves[role]

    def steps(self, role: str) -> tuple[dict[str, float], list[tuple]]:
        """The moves from ``role`` as a search takes them: the cost to each role, except
        that a promotion or a transition into a crowded level (more than ``CROWDED`` roles)
        comes as the group's key (see :meth:`group_costs`), with a cost of its own only to
        the roles that share more with ``role`` than every role there does."""
        if role not in self._steps:
            costs: dict[str, float] = {}
            crowded: list[tuple] = []
            for target, relation, *_ in self._candidates(role, grouped=False):
                self._keep_cheaper(costs, role, target, relation)
            for key in self._group_keys(role):
                relation, _, common, members = self._groups[key]
                if len(members) > CROWDED:  # (a search never moves a role to itself)
                    crowded.append(key)
                    targets = self._sharing(role, common) & self._members(key) - {role}
                else:
                    targets = set(self._targets(key, role))
                for other in targets:
                    self._keep_cheaper(costs, role, other, relation)
            self._steps[role] = (costs, crowded)
        return self._steps[role]

    def group_costs(self, key: tuple) -> list[tuple[str, float]]:
        """A group's roles, each with what the move there costs a role of the group's
        sources that shares nothing else with it: the relation's cost plus what the target
        needs beyond the items every source and target has (a promotion's track's), the
        same from every source. A search relaxes a group once, not once per source; the
        roles that share more get their own, cheaper costs from :meth:`steps`."""
        if key not in self._group_costs:
            relation, _, common, members = self._groups[key]
            base = BASE_COST[relation] - (self._weight(common) if common else 0.0)
            self._group_costs[key] = [(other, base + self._weight(other)) for other in members]
        return self._group_costs[key]

    def _keep_cheaper(self, costs: dict[str, float], role: str, target: str, relation: str):
        cost = BASE_COST[relation] + self.learning_cost(role, target)
        if target not in costs or cost < costs[target]:
            costs[target] = cost

    def _members(self, key: tuple) -> set[str]:
        if key not in self._member_sets:
            self._member_sets[key] = set(self._groups[key][3])
        return self._member_sets[key]

    def _sharing(self, role: str, beyond: str | None) -> set[str]:
        """The roles whose profiles share with ``role``'s an item that ``beyond`` (a track
        of the role, or nothing) does not have."""
        roles, holders, facts = self.facts.all_roles, self.facts.index.holders, self.facts
        own = facts.items(role) - (facts.items(beyond) if beyond else frozenset())
        return {roles[p] for item in own for p in holders[item]}

    def learning_cost(self, source: str, target: str) -> float:
        """What moving from ``source`` to ``target`` asks to learn: all the target needs,
        less what the two share (the shared items are few; the target's whole is kept)."""
        shared = self.facts.items(target) & self.facts.items(source)
        return self._weight(target) - learning_weight(self.facts, shared)

    def _weight(self, owner: str) -> float:
        """What learning all that a role or a track calls for asks."""
        if owner not in self._weights:
            self._weights[owner] = learning_weight(self.facts, self.facts.items(owner))
        return self._weights[owner]

    def _candidates(self, role: str, grouped: bool = True) -> Iterator[tuple[str, str, str, float]]:
        """Every move from ``role``: (target, relation, evidence, similarity); promotions
        and transitions only with ``grouped``."""
        facts = self.facts
        if grouped:
            for key in self._group_keys(role):
                relation, evidence, _, _ = self._groups[key]
                for other in self._targets(key, role):
                    if relation == "promotion":  # to the level reached
                        yield other, relation, evidence + facts.label(facts.roles[other].level), 0.0
                    else:
                        yield other, relation, evidence, 0.0
        if "specialisation" in self.relations:
            yield from _specialisations(self.facts, role)
        if "similar" in self.relations:
            yield from self._similar(role)

    def _group_keys(self, role: str) -> list[tuple]:
        """The groups ``role`` moves to by promotion (per track: the next level's roles) and
        by transition (per transition, track and destination: its landing roles), in the
        order of ``RELATIONS``; each group is the same for every role of a track and level."""
        facts, keys = self.facts, []
        rank, level, tracks = facts.roles[role].rank, facts.roles[role].level, facts.tracks_of(role)
        scheme = frozenset(level_schemes(facts, role))
        if "promotion" in self.relations and rank is not None:
            for track in sorted(tracks):
                key = ("promotion", track, level, rank, scheme)
                if key not in self._groups:
                    why = f"next level in {facts.label(track)}: {facts.label(level)} to "
                    members = _next_level(facts, track, rank, scheme)
                    self._groups[key] = ("promotion", why, track, members)
                keys.append(key)
        if "transition" in self.relations:
            landing_rank = rank if scheme else None
            sources = set().union(*(facts.subjects(t, CG + "fromTrack") for t in tracks))
            for transition in sorted(sources):
                for track in sorted(facts.objects(transition, CG + "fromTrack") & tracks):
                    for towards in sorted(facts.objects(transition, CG + "towards")):
                        key = ("transition", transition, track, towards, landing_rank)
                        if key not in self._groups:
                            why = (
                                f"{facts.label(transition)}: from {facts.label(track)} "
                                f"to {facts.label(towards)}"
                            )
                            members = _landing(facts, towards, landing_rank)
                            self._groups[key] = ("transition", why, None, members)
                        keys.append(key)
        return keys

    def _targets(self, key: tuple, role: str) -> list[str]:
        """The roles of the group that ``role`` moves to: all but itself (where that leaves
        a transition to a track nowhere to land, it lands with the track's entry level)."""
        relation, _, _, members = self._groups[key]
        if role not in members:
            return members
        if relation == "transition":
            return _landing(self.facts, key[3], key[4], role)
        return [other for other in members if other != role]

    def _similar(self, role: str) -> Iterator[tuple[str, str, str, float]]:
        """The roles whose similarity with ``role`` (:mod:`.similarity`) makes a move there
        viable (at least ``threshold``, by default the calibrated
        :attr:`CareerFacts.viable`), at most one level up."""
        facts = self.facts
        if self.threshold is None:
            threshold, near = facts.viable, facts.viable_near(role)
        else:
            threshold, near = self.threshold, nearest(facts, role, None, self.threshold)
        for other, value in near:
            if _within_reach(facts, role, other):
                why = f"similar skills ({value:.2f}; viable from {threshold:.2f})"
                yield other, "similar", why, value


def career_network(
    facts: CareerFacts,
    relations: Sequence[str] = RELATIONS,
    threshold: float | None = None,
) -> nx.DiGraph:
    """The whole projection: roles as nodes, the cheapest allowed move between two roles as
    the edge (attributes ``relation``, ``cost``, ``evidence``, ``similarity``)."""
    import networkx as nx

    moves = CareerMoves(facts, relations, threshold)
    network = nx.DiGraph()
    for role in facts.all_roles:
        network.add_node(role, **_node_attributes(facts, role))
    for role in facts.all_roles:
        for target, move in moves.from_role(role).items():
            network.add_edge(
                role,
                target,
                relation=move.relation,
                cost=move.cost,
                evidence=move.evidence,
                similarity=move.similarity,
            )
    return network


def _node_attributes(facts: CareerFacts, role: str) -> dict[str, object]:
    role_facts = facts.roles[role]
    return {
        "label": facts.label(role),
        "iri": role,
        "track": ", ".join(sorted(facts.label(t) for t in facts.tracks_of(role))),
        "level": facts.label(role_facts.level) if role_facts.level else "",
        "rank": role_facts.rank or 0,
        "salary_min": role_facts.salary_min or 0,
        "salary_max": role_facts.salary_max or 0,
    }


def level_schemes(facts: CareerFacts, role: str) -> set[str]:
    """The level schemes (``skos:inScheme``) of a role's level: none for a role without."""
    level = facts.roles[role].level
    return facts.objects(level, SKOS + "inScheme") if level else set()


def _next_level(facts: CareerFacts, track: str, rank: int, scheme: frozenset[str]) -> list[str]:
    """The roles of ``track`` at the next level above ``rank`` in the same level scheme."""
    above = [
        other
        for other in facts.roles_of(track)
        if (facts.roles[other].rank or 0) > rank and level_schemes(facts, other) & scheme
    ]
    next_rank = min((facts.roles[other].rank for other in above), default=None)
    return [other for other in above if facts.roles[other].rank == next_rank]


def _specialisations(facts: CareerFacts, role: str) -> Iterator[tuple[str, str, str, float]]:
    """Both ways between a focused variant and the role it varies."""
    link = CG + "specialises"
    pairs = [(role, general) for general in facts.objects(role, link)]
    pairs += [(variant, role) for variant in facts.subjects(role, link)]
    for variant, general in sorted(pairs):
        if variant in facts.roles and general in facts.roles:
            why = f"{facts.label(variant)} is a focused variant of {facts.label(general)}"
            yield (general if variant == role else variant), "specialisation", why, 0.0


def _landing(facts: CareerFacts, towards: str, rank: int | None, role: str = "") -> list[str]:
    """Where a transition towards a role or a track lands a role of ``rank`` (None: no
    level in a scheme), other than ``role``: the role; or the track's roles of the same
    rank, else its entry-level roles."""
    if towards in facts.roles:
        return [towards] if towards != role else []
    candidates = facts.roles_of(towards)
    for wanted in (rank, 1):
        same = [r for r in candidates if facts.roles[r].rank == wanted and r != role]
        if wanted is not None and same:
            return same
    return []


def _within_reach(facts: CareerFacts, source: str, target: str) -> bool:
    """A move on the strength of one's skills goes at most one level up."""
    if not level_schemes(facts, source) & level_schemes(facts, target):
        return True  # levels of different schemes (or none) cannot be compared
    return (facts.roles[target].rank or 0) <= (facts.roles[source].rank or 0) + 1
