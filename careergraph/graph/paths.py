"""Ways from one role to another: a networkx projection of the graph, and its cheapest paths.

The projection has one node per role and typed, directed edges, each with the evidence that
makes it:

- ``promotion``: to a role of the same track at the next level of the same level scheme
  that the track has roles at (Entry -> Mid -> Senior; Python goes from Entry to Senior).
- ``transition``: a career transition the source states (``cg:CareerTransition``), from every
  role of its track (``cg:fromTrack``) to the role it leads to, or, when it leads to a whole
  track, to that track's roles at the same level rank (entry level for a role without one).
- ``specialisation``: between a focused variant and the role it varies (``cg:specialises``),
  both ways.
- ``similar``: between roles whose profiles (see :mod:`careergraph.graph.profiles`) have a
  Jaccard similarity of at least ``SIMILARITY_THRESHOLD`` (0.25: a quarter of what the two
  need together is shared), to a role at most one level up (when both levels are of one
  scheme): a lateral move, or a step up on the strength of one's skills.

The cost of a step is what it asks of a person: ``BASE_COST[relation]`` (a move the source
lays out is cheaper than one a person makes up) plus what has to be learned, 1 per skill (or
skill area) and 0.5 per tool that the target role needs and the current one does not.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careergraph.errors import BadInputError
from careergraph.graph.profiles import CareerFacts
from careergraph.graph.results import Entity
from careergraph.graph.results.paths import CareerPath, Investment, Salary, Step
from careergraph.namespaces import CG, SKOS

if TYPE_CHECKING:
    import networkx as nx

RELATIONS = ("promotion", "transition", "specialisation", "similar")
BASE_COST = {"promotion": 1.0, "specialisation": 1.0, "transition": 2.0, "similar": 3.0}
LEARNING_COST = {"skill": 1.0, "tool": 0.5, "other": 0.0}
SIMILARITY_THRESHOLD = 0.25


@dataclass(frozen=True)
class Edge:
    """One step the projection allows, and why."""

    relation: str
    evidence: str
    similarity: float


def learning_cost(facts: CareerFacts, source: str, target: str) -> float:
    """What moving from ``source`` to ``target`` asks to learn (see the module docstring)."""
    return sum(
        LEARNING_COST[facts.sort_of(iri)] for iri in facts.items(target) - facts.items(source)
    )


def career_network(
    facts: CareerFacts,
    relations: tuple[str, ...] = RELATIONS,
    threshold: float = SIMILARITY_THRESHOLD,
) -> nx.DiGraph:
    """The projection: roles as nodes, the cheapest allowed relation between two roles as
    the edge (attributes ``relation``, ``cost``, ``evidence``, ``similarity``)."""
    import networkx as nx

    unknown = [r for r in relations if r not in RELATIONS]
    if unknown:
        raise BadInputError(
            f"unknown relation {unknown[0]!r} in --via; choose from {', '.join(RELATIONS)}"
        )
    network = nx.DiGraph()
    for role in facts.all_roles:
        network.add_node(role, **_node_attributes(facts, role))
    for source, target, edge in _edges(facts, relations, threshold):
        cost = BASE_COST[edge.relation] + learning_cost(facts, source, target)
        current = network.get_edge_data(source, target)
        if current is None or cost < current["cost"]:
            network.add_edge(
                source,
                target,
                relation=edge.relation,
                cost=cost,
                evidence=edge.evidence,
                similarity=round(edge.similarity, 4),
            )
    return network


def cheapest_paths(
    network: nx.DiGraph, source: str, target: str, k: int, max_steps: int | None = None
) -> list[list[str]]:
    """Up to ``k`` distinct simple paths, cheapest first (Yen's algorithm, in networkx).

    With ``max_steps`` the search runs on a layered copy of the network (a node per role and
    number of steps taken), so that only paths short enough are ever considered.
    """
    import networkx as nx

    if source not in network or target not in network:
        return []
    searched, start, end = network, source, target
    if max_steps is not None:
        searched, start, end = _layered(network, source, target, max_steps)
    found: list[list[str]] = []
    try:
        for path in nx.shortest_simple_paths(searched, start, end, weight="cost"):
            roles = path if max_steps is None else [node[0] for node in path[:-1]]
            if len(set(roles)) == len(roles) and roles not in found:
                found.append(roles)
                if len(found) == k:
                    break
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        pass
    return found


def _layered(
    network: nx.DiGraph, source: str, target: str, max_steps: int
) -> tuple[nx.DiGraph, tuple, tuple]:
    """Nodes (role, steps so far) for steps up to ``max_steps``, and one end node that every
    (target, steps) leads to at no cost."""
    import networkx as nx

    layered = nx.DiGraph()
    reachable = nx.single_source_shortest_path_length(network, source, cutoff=max_steps)
    end = ("", -1)
    for step in range(max_steps):
        for role, first in reachable.items():
            if first > step or role == target:
                continue
            for _, other, cost in network.out_edges(role, data="cost"):
                layered.add_edge((role, step), (other, step + 1), cost=cost)
    for step in range(1, max_steps + 1):
        if (target, step) in layered:
            layered.add_edge((target, step), end, cost=0.0)
    return layered, (source, 0), end


def path_cost(network: nx.DiGraph, path: list[str]) -> float:
    """The sum of the costs of a path's steps."""
    return sum(network.edges[a, b]["cost"] for a, b in itertools.pairwise(path))


def describe_paths(
    facts: CareerFacts, network: nx.DiGraph, paths: list[list[str]]
) -> tuple[CareerPath, ...]:
    """The paths as results: every step with what it takes."""
    return tuple(
        CareerPath(
            tuple(_step(facts, network, a, b) for a, b in itertools.pairwise(path)),
            path_cost(network, path),
        )
        for path in paths
    )


def _step(facts: CareerFacts, network: nx.DiGraph, source: str, target: str) -> Step:
    """One step: what is learned and kept, the salaries, and (when it enters a track) the
    certifications and time the source ties to that track: the time for the target's
    expertise level, or for the first one (Core Competency) when the target has no such
    level."""
    edge = network.edges[source, target]
    have, need = facts.items(source), facts.items(target)
    entities = facts.names.entity
    entered = facts.tracks_of(target) - facts.tracks_of(source)
    certifications, time = [], []
    for track in sorted(entered):
        offers = facts.investments.get(track, [])
        certifications += [i for i in offers if i.kind == "certification"]
        spans = [i for i in offers if i.kind == "time"]
        level = facts.roles[target].level
        at_level = [i for i in spans if i.level == level]
        first = min((i.rank for i in spans if i.rank is not None), default=None)
        time += at_level or [i for i in spans if i.rank == first]
    return Step(
        entities(source),
        entities(target),
        edge["relation"],
        edge["cost"],
        edge["evidence"],
        _sorted(entities(i) for i in need - have),
        _sorted(entities(i) for i in need & have),
        _salary(facts, source),
        _salary(facts, target),
        tuple(_investment(facts, i) for i in sorted(certifications, key=lambda i: i.low or 0)),
        tuple(_investment(facts, i) for i in time),
    )


def _sorted(entities) -> tuple[Entity, ...]:
    return tuple(sorted(entities, key=lambda e: (e.label.casefold(), e.iri)))


def _salary(facts: CareerFacts, role: str) -> Salary | None:
    known = facts.roles[role]
    if known.salary_min is None:
        return None
    source = facts.names.entity(known.salary) if known.salary else None
    return Salary(known.salary_min, known.salary_max, known.open_ended, known.currency, source)


def _investment(facts: CareerFacts, investment) -> Investment:
    return Investment(
        facts.names.entity(investment.iri), investment.low, investment.high, investment.unit
    )


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


def _edges(facts: CareerFacts, relations: tuple[str, ...], threshold: float):
    if "promotion" in relations:
        yield from _promotions(facts)
    if "transition" in relations:
        yield from _transitions(facts)
    if "specialisation" in relations:
        for variant in facts.all_roles:
            for general in sorted(facts.objects(variant, CG + "specialises")):
                why = f"{facts.label(variant)} is a focused variant of {facts.label(general)}"
                yield variant, general, Edge("specialisation", why, 0.0)
                yield general, variant, Edge("specialisation", why, 0.0)
    if "similar" in relations:
        yield from _similar(facts, threshold)


def _scheme(facts: CareerFacts, role: str) -> set[str]:
    level = facts.roles[role].level
    return facts.objects(level, SKOS + "inScheme") if level else set()


def _promotions(facts: CareerFacts):
    for role in facts.all_roles:
        rank, scheme = facts.roles[role].rank, _scheme(facts, role)
        if rank is None:
            continue
        for track in sorted(facts.tracks_of(role)):
            above = [
                other
                for other in facts.roles_of(track)
                if (facts.roles[other].rank or 0) > rank and _scheme(facts, other) & scheme
            ]
            next_rank = min((facts.roles[other].rank for other in above), default=None)
            for other in above:
                if facts.roles[other].rank == next_rank:
                    why = (
                        f"next level in {facts.label(track)}: "
                        f"{facts.label(facts.roles[role].level)} to "
                        f"{facts.label(facts.roles[other].level)}"
                    )
                    yield role, other, Edge("promotion", why, 0.0)


def _transitions(facts: CareerFacts):
    for transition in facts.subjects_with(CG + "fromTrack"):
        label = facts.label(transition)
        for track in sorted(facts.objects(transition, CG + "fromTrack")):
            for towards in sorted(facts.objects(transition, CG + "towards")):
                for role in facts.roles_of(track):
                    for target in _landing_roles(facts, role, towards):
                        why = f"{label}: from {facts.label(track)} to {facts.label(towards)}"
                        yield role, target, Edge("transition", why, 0.0)


def _landing_roles(facts: CareerFacts, role: str, towards: str) -> list[str]:
    """Where a transition towards a role or a track lands a given role."""
    if towards in facts.roles:
        return [towards] if towards != role else []
    candidates = facts.roles_of(towards)
    rank = facts.roles[role].rank if _scheme(facts, role) else None
    for wanted in (rank, 1):
        same = [r for r in candidates if facts.roles[r].rank == wanted and r != role]
        if wanted is not None and same:
            return same
    return []


def _similar(facts: CareerFacts, threshold: float):
    """Pairs of roles whose Jaccard similarity reaches ``threshold``, found through an
    inverted index (item -> roles) so that only roles sharing something are compared."""
    roles = facts.all_roles
    items = [facts.items(role) for role in roles]
    postings: dict[str, list[int]] = {}
    for index, role_items in enumerate(items):
        for item in role_items:
            postings.setdefault(item, []).append(index)
    for index, role_items in enumerate(items):
        shared = Counter(itertools.chain.from_iterable(postings[item] for item in role_items))
        for other, count in shared.items():
            if other <= index:
                continue
            similarity = count / (len(role_items) + len(items[other]) - count)
            if similarity < threshold:
                continue
            first, second = roles[index], roles[other]
            why = f"they share {count} skills and tools (Jaccard {similarity:.2f})"
            for source, target in ((first, second), (second, first)):
                if _within_reach(facts, source, target):
                    yield source, target, Edge("similar", why, similarity)


def _within_reach(facts: CareerFacts, source: str, target: str) -> bool:
    """A move on the strength of one's skills goes at most one level up."""
    if not _scheme(facts, source) & _scheme(facts, target):
        return True  # levels of different schemes (or none) cannot be compared
    return (facts.roles[target].rank or 0) <= (facts.roles[source].rank or 0) + 1
