"""The cheapest ways from one role to another, over the moves of :mod:`.moves`: Yen's
algorithm over Dijkstra searches of its own, which ask for a role's moves only when they reach
it (networkx searches only a graph it holds whole), and the paths described step by step.
"""

from __future__ import annotations

import heapq
import itertools
from typing import TYPE_CHECKING

from careergraph.graph.careers.moves import CareerMoves, Move, item_cost
from careergraph.graph.careers.profiles import held
from careergraph.graph.careers.vocabulary import SENIORITY_CLASS
from careergraph.graph.results.paths import CareerPath, Investment, Salary, Step
from careergraph.namespaces import CG

if TYPE_CHECKING:
    from careergraph.graph.careers.model import CareerModel
    from careergraph.graph.results import Entity


MOST_STEPS = 6  # the most steps a path proposes unless asked for more
MOST_STEPS_ASKED = 12  # the most a person may ask for


def shortest_cheapest(
    moves: CareerMoves, source: str, target: str, k: int, most: int = MOST_STEPS
) -> list[tuple[float, tuple[str, ...]]]:
    """The ``k`` cheapest paths of at most ``most`` steps: searched without the bound first
    (the cheapest paths are short: every step costs something), and again with it where a
    path found is longer."""
    found = cheapest_paths(moves, source, target, k)
    if any(len(path) - 1 > most for _, path in found):
        found = cheapest_paths(moves, source, target, k, most)
    return found


def cheapest_paths(
    moves: CareerMoves, source: str, target: str, k: int, max_steps: int | None = None
) -> list[tuple[float, tuple[str, ...]]]:
    """Up to ``k`` distinct simple paths of at most ``max_steps`` steps, cheapest first, with
    their costs: Yen's algorithm, each search a Dijkstra that asks ``moves`` for the moves
    of the roles it reaches (with ``max_steps``, over states of a role and the steps taken
    so far). Equal costs come in the order of the paths' IRIs."""
    first = _cheapest(moves, source, target, frozenset(), frozenset(), max_steps)
    if first is None:
        return []
    found = [first]
    candidates: list[tuple[float, tuple[str, ...]]] = []
    for _ in range(k - 1):
        _, last = found[-1]
        for i in range(len(last) - 1):
            root = last[: i + 1]
            banned_moves = frozenset((p[i], p[i + 1]) for _, p in found if p[: i + 1] == root)
            budget = None if max_steps is None else max_steps - i
            spur = _cheapest(moves, last[i], target, frozenset(root[:-1]), banned_moves, budget)
            if spur is not None:
                cost = _sum(_cost(moves, root), spur[0])
                candidate = (cost, root[:-1] + spur[1])
                if candidate not in candidates and candidate[1] not in (p for _, p in found):
                    heapq.heappush(candidates, candidate)
        if not candidates:
            break
        found.append(heapq.heappop(candidates))
    return found


def _cheapest(
    moves: CareerMoves,
    source: str,
    target: str,
    banned_roles: frozenset[str],
    banned_moves: frozenset[tuple[str, str]],
    max_steps: int | None,
) -> tuple[float, tuple[str, ...]] | None:
    """Dijkstra from ``source`` to ``target``, avoiding some roles and moves, in at most
    ``max_steps`` steps (None: any number); the cost and the roles of the path.

    An entry of the queue is a role reached by a path, or (``group`` >= 0) a crowded next
    level reached from the path's last role: the level is relaxed once, by the cheapest
    path to it (see :meth:`CareerMoves.group_costs`)."""
    queue: list[tuple[float, tuple[str, ...], int]] = [(0.0, (source,), -1)]
    groups: list[tuple] = []
    settled: set[tuple] = set()
    while queue:
        cost, path, group = heapq.heappop(queue)
        state = (groups[group] if group >= 0 else path[-1], 0 if max_steps is None else len(path))
        if group < 0 and path[-1] == target:
            return cost, path
        if state in settled or (max_steps is not None and len(path) > max_steps):
            continue
        settled.add(state)
        if group >= 0:
            costs, crowded = dict(moves.group_costs(groups[group])), []
        elif banned_moves and path[-1] == source:  # Yen's spur: some of its moves are barred
            costs = {other: move.cost for other, move in moves.from_role(source).items()}
            crowded = []
        else:
            costs, crowded = moves.steps(path[-1])
        for other, step_cost in costs.items():
            if other in banned_roles or (path[-1], other) in banned_moves or other in path:
                continue
            heapq.heappush(queue, (_sum(cost, step_cost), (*path, other), -1))
        for key in crowded:
            groups.append(key)
            heapq.heappush(queue, (cost, path, len(groups) - 1))
    return None


def _cost(moves: CareerMoves, path: tuple[str, ...]) -> float:
    return _sum(*(moves.from_role(a)[b].cost for a, b in itertools.pairwise(path)))


def _sum(*costs: float) -> float:
    """Costs added up to a billionth: the same path costs the same however it was summed."""
    return round(sum(costs), 9)


def describe_paths(
    model: CareerModel, moves: CareerMoves, paths: list[tuple[float, tuple[str, ...]]]
) -> tuple[CareerPath, ...]:
    """The paths as results: every step with what it takes, what to learn most important
    first (:func:`_importance`)."""
    described = []
    for cost, path in paths:
        pairs = list(itertools.pairwise(path))
        later = [model.items(b) for _, b in pairs]
        steps = tuple(
            _step(model, moves.from_role(a)[b], a, b, later[index + 1 :])
            for index, (a, b) in enumerate(pairs)
        )
        described.append(CareerPath(steps, cost))
    return tuple(described)


def _importance(model: CareerModel, item: str, later: list[frozenset[str]]) -> float:
    """How much learning ``item`` matters for a step: its weight as a move's learning
    counts it (specificity, a tool half), times one plus the later steps that need it too."""
    return item_cost(model, item) * (1 + sum(item in needs for needs in later))


def _step(
    model: CareerModel, move: Move, source: str, target: str, later: list[frozenset[str]]
) -> Step:
    """One step: what is learned (most important first) and kept, the salaries and the
    change of pay, and what the source ties to the step (:func:`_tied`): certifications,
    time and seniority skills."""
    have, need = held(model, source, target), model.items(target)
    entities = model.names.entity
    certifications, time, seniority = _tied(model, source, target)
    evidence = move.evidence
    if not need - have:  # the source gives both roles the same skills: say so, not "learn 0"
        evidence += (
            f"; the source ties no skill to {model.label(target)} that {model.label(source)} lacks"
        )
        if not (time or seniority) and move.relation == "promotion":
            evidence += ", nor any time or seniority skill: only the level and salary change"
    spans = tuple(_investment(model, i) for i in time)
    if spans:
        evidence += f"; the time the source gives to reach it: {', '.join(map(str, spans))}"
    if seniority:
        named = ", ".join(model.label(s) for s in seniority)
        evidence += f"; the source names what to grow there (long-term value multipliers): {named}"
    learn = sorted(
        need - have, key=lambda i: (-_importance(model, i, later), model.label(i).casefold(), i)
    )
    return Step(
        entities(source),
        entities(target),
        move.relation,
        move.cost,
        evidence,
        tuple(entities(i) for i in learn),
        _sorted(entities(i) for i in need & have),
        _salary(model, source),
        _salary(model, target),
        tuple(_investment(model, i) for i in sorted(certifications, key=lambda i: i.low or 0)),
        spans,
        _sorted(entities(s) for s in seniority),
        move.pay_change,
    )


def _tied(model: CareerModel, source: str, target: str) -> tuple[list, list, list[str]]:
    """What the source ties to a step, per track of the target (the rule is stated on
    ``cg:expertiseLevel``):

    - entering a track: its certifications;
    - rising to a higher expertise level of a track (entering it counts as rising from
      none): the time for the target's expertise level, or for the first one (Core
      Competency) when a role entering has none;
    - reaching the track's top expertise level (Guru Level): its long-term value multipliers,
      the seniority skills the source names (architecture design, technical leadership...).
    """
    certifications, time, seniority = [], [], []
    for track in sorted(model.tracks_of(target)):
        offers = model.investments.get(track, [])
        spans = [i for i in offers if i.kind == "time"]
        entered = track not in model.tracks_of(source)
        if entered:
            certifications += [i for i in offers if i.kind == "certification"]
        after = _expertise(model, target, spans)
        if entered and not after:
            first = min((i.rank for i in spans if i.rank is not None), default=None)
            after = [i for i in spans if i.rank == first]
        before = [] if entered else _expertise(model, source, spans)
        if after and (not before or (after[0].rank or 0) > (before[0].rank or 0)):
            time += after
            top = max((i.rank or 0 for i in spans), default=0)
            if (after[0].rank or 0) == top:
                seniority += [
                    factor
                    for factor in sorted(model.objects(track, CG + "roiFactor"))
                    if model.is_a(factor, SENIORITY_CLASS)
                ]
    return certifications, time, seniority


def _expertise(model: CareerModel, role: str, spans: list) -> list:
    """The time investments of ``spans`` at the expertise level ``role`` stands at: its
    own level, or the one its career-path level is at (``cg:expertiseLevel``)."""
    level = model.roles[role].level
    if level is None:
        return []
    levels = {level} | model.objects(level, CG + "expertiseLevel")
    return [i for i in spans if i.level in levels]


def _sorted(entities) -> tuple[Entity, ...]:
    return tuple(sorted(entities, key=lambda e: (e.label.casefold(), e.iri)))


def _salary(model: CareerModel, role: str) -> Salary | None:
    known = model.roles[role]
    if known.salary_min is None:
        return None
    source = model.names.entity(known.salary) if known.salary else None
    return Salary(known.salary_min, known.salary_max, known.open_ended, known.currency, source)


def _investment(model: CareerModel, investment) -> Investment:
    return Investment(
        model.names.entity(investment.iri), investment.low, investment.high, investment.unit
    )


def no_path_reason(moves: CareerMoves, source: str, target: str, most: int | None = None) -> str:
    """Why no path leads from ``source`` to ``target``, in words: no move out of the first,
    none into the second, no chain between them, or none short enough."""
    model = moves.model
    if not moves.from_role(source):
        return f"{model.label(source)} has no viable first move"
    if not moves.from_role(target):  # the relations go both ways but for promotions
        return f"{model.label(target)} is isolated: no role is similar enough to it"
    if most is not None and cheapest_paths(moves, source, target, 1):
        return f"every chain of viable moves between them is longer than {most} steps"
    return "no chain of viable moves connects them"
