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
- ``match``: between a built-in role and the ESCO occupation that is the same job
  (:func:`.similarity.counterparts`), both ways.
- ``broader``, ``narrower``, ``sibling``: along the hierarchy of occupations (ESCO's
  ``skos:broader`` between occupations, :meth:`.facts.CareerFacts.relatives`): to the
  broader occupation, to a narrower one, to another under the same broader one.
- ``similar``: to one of the roles most similar to it (:func:`.similarity.near_moves`, by
  the weighted Jaccard of the two profiles: the 25 nearest of its taxonomy and the 5
  nearest of each other), at most one level up (when both levels are of one scheme): a
  lateral move, or a step up on the strength of one's skills. A move under the similarity
  calibrated as viable on the data after Career Causeways
  (:func:`.similarity.viable_similarity`: 0.12 on ESCO, and on a graph with no ISCO unit
  groups) is said to be a stretch.

The cost of a step (:meth:`CareerMoves.step_cost`, the one place it is written) is what it
asks of a person: ``BASE_COST[relation]`` (``STEP``, so that a path is short, and more for
a move neither the source nor the taxonomy lays out), plus
``LEARNING`` times the share of the target role's needs the current one lacks (each skill
weighted by its specificity ``log N/df``, a tool half, an optional skill ``OPTIONAL_NEED``),
plus ``PAY_CUT`` where the known pay falls (:func:`pay_change`), plus ``STRETCH`` for a
similar move under the viable similarity (so that it is taken only where it saves two).
With ``no_pay_cut``, a move where the known pay falls is not made at all.

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

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careergraph.errors import ParameterError
from careergraph.graph.careers.profiles import held
from careergraph.graph.careers.similarity import counterparts, near_moves, nearest, viable
from careergraph.graph.results.paths import pay_between
from careergraph.namespaces import CG, SKOS
from careergraph.taxonomies import taxonomy

if TYPE_CHECKING:
    import networkx as nx

    from careergraph.graph.careers.model import CareerModel

RELATIONS = (
    "promotion",
    "transition",
    "specialisation",
    "match",
    "broader",
    "narrower",
    "sibling",
    "similar",
)
# Every step costs STEP, so that a path is short, and a relation costs more the less the
# source or the taxonomy lays it out (set with LEARNING on seeds 1 and 7 of
# benchmarks/quality.py: a step had to cost more than what tells steps apart for paths to
# be as short as the fewest steps' baseline).
STEP = 3.0
BASE_COST = {
    "promotion": STEP,
    "specialisation": STEP,
    "match": STEP,
    "broader": STEP,
    "narrower": STEP,
    "transition": STEP + 0.5,
    "sibling": STEP + 0.5,
    "similar": STEP + 2.0,
}
LEARNING = 2.0  # what learning everything a target role calls for adds to a step
# What a similar move under the viable similarity adds: as much as two more steps, so that
# it is taken only where no chain of viable moves is that much shorter (set on seeds 1 and 7
# of benchmarks/quality.py, where one step's worth left a direct stretch from Junior Linux
# Admin to MLOps Engineer cheaper than the source's own transition).
STRETCH = 2 * STEP
PAY_CUT = 1.0  # what a step where the known pay falls adds
OPTIONAL_NEED = 0.1  # what an optional skill (ESCO's) weighs among what a move asks
LEARNING_COST = {"skill": 1.0, "tool": 0.5, "other": 0.0}
CROWDED = 16  # a next level of more roles than this: a search takes its promotions as a group


@dataclass(frozen=True)
class Move:
    """One step the projection allows from one role to another: the cheapest relation
    between them, what it costs, why it exists, and what it does to pay."""

    relation: str
    cost: float
    evidence: str
    similarity: float = 0.0
    pay_change: str = "unknown"


def pay_change(model: CareerModel, source: str, target: str) -> str:
    """Whether pay ``rises``, ``falls`` or stays the ``same`` from one role to another (the
    middle of each salary range, 5% either way counting as the same); ``unknown`` where
    either salary or a common currency is not known.

    >>> from careergraph import CareerGraph
    >>> model = CareerGraph.open().careers
    >>> role = "https://w3id.org/careergraph/id/role/"
    >>> pay_change(model, role + "junior-linux-admin", role + "linux-guru")
    'unknown'
    >>> pay_change(model, role + "junior-linux-admin", role + "linux-architect")
    'rises'
    """
    before, after = model.roles[source], model.roles[target]
    if before.salary_min is None or after.salary_min is None or before.currency != after.currency:
        return "unknown"
    old = (before.salary_min + (before.salary_max or before.salary_min)) / 2
    new = (after.salary_min + (after.salary_max or after.salary_min)) / 2
    return pay_between(old, new)


def item_cost(model: CareerModel, iri: str) -> float:
    """What learning one item asks (see the module docstring): its kind's cost times its
    specificity (:meth:`RoleIndex.weight`)."""
    return LEARNING_COST[model.item_kind(iri)] * model.index.weight(iri)


class CareerMoves:
    """The projection's edges, worked out for one role at a time when a search reaches it:
    a path search on a large graph visits a small part of it, and the whole projection of a
    graph with many roles per track and level has millions of edges."""

    def __init__(
        self,
        model: CareerModel,
        relations: Sequence[str] = RELATIONS,
        threshold: float | None = None,
        no_pay_cut: bool = False,
        within: Collection[str] | None = None,
    ):
        unknown = [r for r in relations if r not in RELATIONS]
        if unknown:
            raise ParameterError(
                "via", f"has an unknown relation {unknown[0]!r}; choose from {', '.join(RELATIONS)}"
            )
        self.model, self.relations, self.threshold = model, tuple(relations), threshold
        self.no_pay_cut, self.within = no_pay_cut, within  # within: the taxonomies moved in
        self._moves: dict[str, dict[str, Move]] = {}
        self._weights: dict[str, float] = {}
        self._item_costs: dict[str, float] = {}
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
                priced = self._priced(role, target, relation, similarity)
                if priced is None:
                    continue
                cost, pay = priced
                if target not in moves or cost < moves[target].cost:
                    moves[target] = Move(relation, cost, evidence, round(similarity, 4), pay)
            self._moves[role] = moves
        return self._moves[role]

    def step_cost(
        self,
        source: str,
        target: str,
        relation: str,
        pay: str | None = None,
        similarity: float | None = None,
    ) -> float:
        """What a move asks of a person (see the module docstring): its relation's base
        cost, ``LEARNING`` times the share of what the target needs that the source lacks,
        ``PAY_CUT`` where the known pay falls, and ``STRETCH`` for a similar move of a
        ``similarity`` under the viable one."""
        pay = pay_change(self.model, source, target) if pay is None else pay
        cut = PAY_CUT if pay == "falls" else 0.0
        stretch = (
            STRETCH if relation == "similar" and (similarity or 0.0) < viable(self.model) else 0.0
        )
        return BASE_COST[relation] + LEARNING * self.learning_share(source, target) + cut + stretch

    def steps(self, role: str) -> tuple[dict[str, float], list[tuple]]:
        """The moves from ``role`` as a search takes them: the cost to each role, except
        that a promotion or a transition into a crowded level (more than ``CROWDED`` roles,
        where no salary decides a pay cut) comes as the group's key (see
        :meth:`group_costs`), with a cost of its own only to the roles that share more with
        ``role`` than every role there does."""
        if role not in self._steps:
            costs: dict[str, float] = {}
            crowded: list[tuple] = []
            for target, relation, _, similarity in self._candidates(role, grouped=False):
                self._keep_cheaper(costs, role, target, relation, similarity)
            for key in self._group_keys(role):
                relation, _, common, members = self._groups[key]
                if len(members) > CROWDED and not self._paid(role, members):
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
        sources that shares nothing else with it: the relation's cost plus the share of
        what the target needs beyond the items every source and target has (a promotion's
        track's), the same from every source (pay is not compared here: a crowded level's
        roles are priced as one). A search relaxes a group once, not once per source; the
        roles that share more get their own, cheaper costs from :meth:`steps`."""
        if key not in self._group_costs:
            relation, _, common, members = self._groups[key]
            common_weight = self._weight(common) if common else 0.0
            self._group_costs[key] = [
                (other, BASE_COST[relation] + LEARNING * _share(self._weight(other), common_weight))
                for other in members
                if self.within is None or taxonomy(other) in self.within
            ]
        return self._group_costs[key]

    def _keep_cheaper(
        self, costs: dict[str, float], role: str, target: str, relation: str, similarity=0.0
    ):
        priced = self._priced(role, target, relation, similarity)
        if priced is not None and (target not in costs or priced[0] < costs[target]):
            costs[target] = priced[0]

    def _priced(
        self, role: str, target: str, relation: str, similarity: float
    ) -> tuple[float, str] | None:
        """A move's cost and pay change; None where ``no_pay_cut`` rules the move out, or
        ``within`` the taxonomy of ``target``."""
        if self.within is not None and taxonomy(target) not in self.within:
            return None
        pay = pay_change(self.model, role, target)
        if self.no_pay_cut and pay == "falls":
            return None
        return self.step_cost(role, target, relation, pay, similarity), pay

    def _paid(self, role: str, members: list[str]) -> bool:
        """Whether pay is known for a move from ``role`` into a group: then each move is
        priced on its own (a group's price leaves pay out)."""
        roles = self.model.roles
        return roles[role].salary_min is not None and any(
            roles[m].salary_min is not None for m in members
        )

    def _members(self, key: tuple) -> set[str]:
        if key not in self._member_sets:
            self._member_sets[key] = set(self._groups[key][3])
        return self._member_sets[key]

    def _sharing(self, role: str, beyond: str | None) -> set[str]:
        """The roles whose profiles share with ``role``'s an item that ``beyond`` (a track
        of the role, or nothing) does not have."""
        roles, holders, model = self.model.all_roles, self.model.index.holders, self.model
        own = model.items(role) - (model.items(beyond) if beyond else frozenset())
        return {roles[p] for item in own for p in holders[item]}

    def learning_share(self, source: str, target: str) -> float:
        """The share of what ``target`` calls for that ``source`` lacks, each item weighted
        as the module docstring says: 0 where the source has it all, 1 where it has none."""
        model = self.model
        have = held(model, source, target)
        shared = self._learning(model.items(target) & have)
        if target in model.roles:
            shared += OPTIONAL_NEED * self._learning(model.optional(target) & have)
        return _share(self._weight(target), shared)

    def _weight(self, owner: str) -> float:
        """What learning all that a role or a track calls for asks (a role's optional skills
        at ``OPTIONAL_NEED``)."""
        if owner not in self._weights:
            model = self.model
            weight = self._learning(model.items(owner))
            if owner in model.roles:
                weight += OPTIONAL_NEED * self._learning(model.optional(owner))
            self._weights[owner] = weight
        return self._weights[owner]

    def _learning(self, items: Iterable[str]) -> float:
        """What learning ``items`` asks: the sum of their :func:`item_cost`, each worked
        out once (a search sums the same items many thousand times)."""
        costs, total = self._item_costs, 0.0
        for iri in items:
            cost = costs.get(iri)
            if cost is None:
                cost = costs[iri] = item_cost(self.model, iri)
            total += cost
        return total

    def _candidates(self, role: str, grouped: bool = True) -> Iterator[tuple[str, str, str, float]]:
        """Every move from ``role``: (target, relation, evidence, similarity); promotions
        and transitions only with ``grouped``."""
        model = self.model
        if grouped:
            for key in self._group_keys(role):
                relation, evidence, _, _ = self._groups[key]
                for other in self._targets(key, role):
                    if relation == "promotion":  # to the level reached
                        yield other, relation, evidence + model.label(model.roles[other].level), 0.0
                    else:
                        yield other, relation, evidence, 0.0
        if "specialisation" in self.relations:
            yield from _specialisations(self.model, role)
        if "match" in self.relations:
            yield from _counterparts(self.model, role)
        yield from _hierarchy(self.model, role, self.relations)
        if "similar" in self.relations:
            yield from self._similar(role)

    def _group_keys(self, role: str) -> list[tuple]:
        """The groups ``role`` moves to by promotion (per track: the next level's roles) and
        by transition (per transition, track and destination: its landing roles), in the
        order of ``RELATIONS``; each group is the same for every role of a track and level."""
        model, keys = self.model, []
        rank, level, tracks = model.roles[role].rank, model.roles[role].level, model.tracks_of(role)
        scheme = frozenset(level_schemes(model, role))
        if "promotion" in self.relations and rank is not None:
            for track in sorted(tracks):
                key = ("promotion", track, level, rank, scheme)
                if key not in self._groups:
                    why = f"next level in {model.label(track)}: {model.label(level)} to "
                    members = _next_level(model, track, rank, scheme)
                    self._groups[key] = ("promotion", why, track, members)
                keys.append(key)
        if "transition" in self.relations:
            landing_rank = rank if scheme else None
            sources = set().union(*(model.subjects(t, CG + "fromTrack") for t in tracks))
            for transition in sorted(sources):
                for track in sorted(model.objects(transition, CG + "fromTrack") & tracks):
                    for towards in sorted(model.objects(transition, CG + "towards")):
                        key = ("transition", transition, track, towards, landing_rank)
                        if key not in self._groups:
                            why = (
                                f"{model.label(transition)}: from {model.label(track)} "
                                f"to {model.label(towards)}"
                            )
                            members = _landing(model, towards, landing_rank)
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
            return _landing(self.model, key[3], key[4], role)
        return [other for other in members if other != role]

    def _similar(self, role: str) -> Iterator[tuple[str, str, str, float]]:
        """The roles most similar to ``role`` (:func:`.similarity.near_moves`; or those at
        least ``threshold`` similar where one is given), at most one level up; a move under
        the calibrated viable similarity (:func:`.similarity.viable`) is said to be a
        stretch."""
        model = self.model
        if self.threshold is None:
            near = near_moves(model, role)
        else:
            near = nearest(model, role, None, self.threshold)
        least = viable(model)
        for other, value in near:
            if _within_reach(model, role, other):
                if value >= least:
                    why = f"similar skills ({value:.2f}; viable from {least:.2f})"
                else:
                    why = f"similar skills ({value:.2f}; a stretch: viable from {least:.2f})"
                yield other, "similar", why, value


def career_network(
    model: CareerModel,
    relations: Sequence[str] = RELATIONS,
    threshold: float | None = None,
) -> nx.DiGraph:
    """The whole projection: roles as nodes, the cheapest allowed move between two roles as
    the edge (attributes ``relation``, ``cost``, ``evidence``, ``similarity``)."""
    import networkx as nx

    moves = CareerMoves(model, relations, threshold)
    network = nx.DiGraph()
    for role in model.all_roles:
        network.add_node(role, **_node_attributes(model, role))
    for role in model.all_roles:
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


def _node_attributes(model: CareerModel, role: str) -> dict[str, object]:
    role_facts = model.roles[role]
    return {
        "label": model.label(role),
        "iri": role,
        "track": ", ".join(sorted(model.label(t) for t in model.tracks_of(role))),
        "level": model.label(role_facts.level) if role_facts.level else "",
        "rank": role_facts.rank or 0,
        "salary_min": role_facts.salary_min or 0,
        "salary_max": role_facts.salary_max or 0,
        "currency": role_facts.currency or "",
    }


def level_schemes(model: CareerModel, role: str) -> set[str]:
    """The level schemes (``skos:inScheme``) of a role's level: none for a role without."""
    level = model.roles[role].level
    return model.objects(level, SKOS + "inScheme") if level else set()


def _next_level(model: CareerModel, track: str, rank: int, scheme: frozenset[str]) -> list[str]:
    """The roles of ``track`` at the next level above ``rank`` in the same level scheme."""
    above = [
        other
        for other in model.roles_of(track)
        if (model.roles[other].rank or 0) > rank and level_schemes(model, other) & scheme
    ]
    next_rank = min((model.roles[other].rank for other in above), default=None)
    return [other for other in above if model.roles[other].rank == next_rank]


def _specialisations(model: CareerModel, role: str) -> Iterator[tuple[str, str, str, float]]:
    """Both ways between a focused variant and the role it varies."""
    link = CG + "specialises"
    pairs = [(role, general) for general in model.objects(role, link)]
    pairs += [(variant, role) for variant in model.subjects(role, link)]
    for variant, general in sorted(pairs):
        if variant in model.roles and general in model.roles:
            why = f"{model.label(variant)} is a focused variant of {model.label(general)}"
            yield (general if variant == role else variant), "specialisation", why, 0.0


def _counterparts(model: CareerModel, role: str) -> Iterator[tuple[str, str, str, float]]:
    """Both ways between a built-in role and the ESCO occupation that is the same job."""
    for other, said in sorted(counterparts(model, role).items()):
        how = "goes by the name of" if said == "name" else "has a close name and the skills of"
        built_in, occupation = (role, other) if taxonomy(role) == "builtin" else (other, role)
        why = f"{model.label(built_in)} {how} ESCO's {model.label(occupation)}"
        yield other, "match", why, 0.0


def _share(whole: float, part: float) -> float:
    """What is left of ``whole`` once ``part`` is taken, as a share of it (0 for nothing)."""
    return max(whole - part, 0.0) / whole if whole > 0 else 0.0


def _hierarchy(
    model: CareerModel, role: str, relations: Sequence[str]
) -> Iterator[tuple[str, str, str, float]]:
    """The moves along the hierarchy of occupations: to the broader one, to the narrower
    ones, to the siblings under the same broader one."""
    relatives = model.relatives(role)
    for other, relation in sorted(relatives.items()):
        if relation not in relations:
            continue
        if relation == "broader":
            why = f"{model.label(other)} is the broader occupation of {model.label(role)}"
        elif relation == "narrower":
            why = f"{model.label(other)} is a narrower occupation of {model.label(role)}"
        else:  # the broader occupation the two share
            parents = model.objects(other, SKOS + "broader")
            parent = min(p for p in parents if relatives.get(p) == "broader")
            why = f"both are kinds of {model.label(parent)}"
        yield other, relation, why, 0.0


def _landing(model: CareerModel, towards: str, rank: int | None, role: str = "") -> list[str]:
    """Where a transition towards a role, a track or a sector lands a role of ``rank``
    (None: no level in a scheme), other than ``role``: the role; the track's roles of the
    same rank, else its entry-level roles; the roles a sector is matched to (import esco's
    crosswalk: the Data science transition leads to ESCO's data scientist)."""
    if towards in model.roles:
        return [towards] if towards != role else []
    matched = sorted(r for r in model.objects(towards, SKOS + "closeMatch") if r in model.roles)
    if matched:
        return [r for r in matched if r != role]
    candidates = model.roles_of(towards)
    for wanted in (rank, 1):
        same = [r for r in candidates if model.roles[r].rank == wanted and r != role]
        if wanted is not None and same:
            return same
    return []


def _within_reach(model: CareerModel, source: str, target: str) -> bool:
    """A move on the strength of one's skills goes at most one level up."""
    if not level_schemes(model, source) & level_schemes(model, target):
        return True  # levels of different schemes (or none) cannot be compared
    return (model.roles[target].rank or 0) <= (model.roles[source].rank or 0) + 1
