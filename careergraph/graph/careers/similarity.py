"""How alike two roles (or tracks, or skill areas) are, and the roles nearest to one.

Each owner is a vector of weights over what it calls for: every skill and tool of its profile
weighs its specificity ``w(s) = log(N / df(s))`` (:mod:`.index`); an optional skill (ESCO's)
``OPTIONAL`` times that; the ESCO skill that one of its items (or, for a role, its track) is
linked to by ``import esco`` as much as the link says (``vocabulary.MATCHES``: exactMatch 1,
closeMatch 0.5); and each skill lends ``UP_SHARE`` of its weight to each skill directly above
it (two occupations that need sibling skills, SQL and SPARQL, share something of "query
languages"). The **similarity** of two or more owners is the weighted Jaccard of their
vectors: ``sum_k min(a_k, b_k) / sum_k max(a_k, b_k)``. It is symmetric, between 0 and 1, 1
only for the same needs, and a large profile does not look like everything small.

The weights were compared on ESCO with the plain weighted Jaccard (no hierarchy) as the
baseline: ``benchmarks/quality.py`` measures both, by how many of an occupation's ten
nearest share its ISCO unit group and how often its broader occupation is among them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careergraph.graph.careers.vocabulary import MATCHES, OPTIONAL
from careergraph.graph.results.similar import SimilarRole, SimilarRoles
from careergraph.namespaces import SKOS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from careergraph.graph.careers.facts import CareerFacts
    from careergraph.graph.results import Entity

UP_SHARE = 0.2
# Where no group has two roles to calibrate on: the figure calibrated on ESCO v1.1.1.
DEFAULT_VIABLE = 0.12
Vector = dict[str, float]


def vector(facts: CareerFacts, owner: str) -> Vector:
    """What ``owner`` calls for, weighted (see the module docstring); the hierarchy's share
    goes to keys ``"^" + IRI`` of the skills above."""
    memo = facts.memo.vectors
    if owner not in memo:
        weight = facts.index.weight
        found: Vector = {}
        for item in facts.items(owner):
            if facts.item_kind(item) != "other":
                found[item] = weight(item)
        for item in facts.optional(owner) if owner in facts.roles else ():
            found.setdefault(item, OPTIONAL * weight(item))
        tracks = facts.tracks_of(owner) if owner in facts.roles else set()
        for item in [*found, *tracks]:  # compared through the links to another taxonomy
            for link, share in MATCHES.items():
                for linked in facts.objects(item, link):
                    if found.get(linked, 0.0) < share * weight(linked):
                        found[linked] = share * weight(linked)
        for item, value in list(found.items()):
            for broader in facts.objects(item, SKOS + "broader"):
                key = "^" + broader
                if found.get(key, 0.0) < UP_SHARE * value:
                    found[key] = UP_SHARE * value
        memo[owner] = found
    return memo[owner]


def similarity(facts: CareerFacts, owners: Sequence[str], kind: str = "all") -> float:
    """The weighted Jaccard of the owners' vectors (their items of one ``kind``: ``all``,
    ``skills`` or ``tools``): 0 where none calls for anything.

    >>> from careergraph import CareerGraph
    >>> facts = CareerGraph.open().careers
    >>> track = "https://w3id.org/careergraph/id/track/"
    >>> similarity(facts, [track + "mlops", track + "mlops"])
    1.0
    >>> 0 < similarity(facts, [track + "devops", track + "mlops"]) < 1
    True
    """
    vectors = [vector(facts, owner) for owner in owners]
    keys = set().union(*vectors)
    if kind != "all":
        keys = {k for k in keys if facts.item_kind(k.removeprefix("^")) == kind[:-1]}
    low = sum(min(v.get(k, 0.0) for v in vectors) for k in keys)
    high = sum(max(v.get(k, 0.0) for v in vectors) for k in keys)
    return low / high if high else 0.0


def nearest(
    facts: CareerFacts, role: str, limit: int | None, floor: float = 0.0
) -> list[tuple[str, float]]:
    """The ``limit`` roles most similar to ``role`` (all, with None), at least ``floor``
    similar, most similar first (ties in label order): only roles that share a skill or
    tool with it are compared."""
    index, mine = facts.index, vector(facts, role)
    shared = set()
    for item in mine:
        for positions in (index.holders.get(item, ()), index.listers.get(item, ())):
            shared.update(positions)
    others = [index.roles[p] for p in shared if index.roles[p] != role]
    return _most_similar(facts, mine, others, floor, limit)


def _most_similar(
    facts: CareerFacts, mine: Vector, others: list[str], floor: float, limit: int | None
) -> list[tuple[str, float]]:
    """The ``limit`` of ``others`` most similar to the vector ``mine``, at least ``floor``
    similar (ties in label order): the weighted Jaccard, from the identity
    ``sum max = sum a + sum b - sum min``."""
    size, scored = sum(mine.values()), []
    for other in others:
        theirs = vector(facts, other)
        small, large = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
        low = sum(min(value, large[k]) for k, value in small.items() if k in large)
        high = size + sum(theirs.values()) - low
        value = low / high if high else 0.0
        if value >= floor:
            scored.append((-value, facts.label(other).casefold(), other))
    scored.sort()
    return [(other, -negative) for negative, _, other in scored[:limit]]


NEAR_MOVES = 20  # a role's most similar viable roles that a path may move to
RARE = 150  # a skill or tool at most this many roles list: what finds a role's candidates
COMPARED = 60  # the candidates compared exactly, those sharing the most rare weight


def viable_near(facts: CareerFacts, role: str) -> list[tuple[str, float]]:
    """Where a path may go from ``role`` on the strength of one's skills: the ``NEAR_MOVES``
    roles most similar to it among those at least :attr:`CareerFacts.viable` similar, most
    similar first. The candidates are the roles that share with it a skill or tool at most
    ``RARE`` roles list, and the ``COMPARED`` that share the most weight of such items are
    compared exactly: on ESCO this finds 99% of what comparing every role finds, in a tenth
    of the time."""
    index, mine = facts.index, vector(facts, role)
    shared: dict[int, float] = {}
    for key, value in mine.items():
        holders, listers = index.holders.get(key, ()), index.listers.get(key, ())
        if key[0] != "^" and len(holders) + len(listers) <= RARE:
            for positions in (holders, listers):
                for position in positions:
                    shared[position] = shared.get(position, 0.0) + value
    shared.pop(index.position.get(role, -1), None)
    closest = sorted(shared, key=shared.__getitem__, reverse=True)[:COMPARED]
    return _most_similar(facts, mine, [index.roles[p] for p in closest], facts.viable, NEAR_MOVES)


def viable_similarity(facts: CareerFacts) -> float:
    """The least similarity at which a move to a similar role is viable, calibrated on the
    data after Career Causeways: over the roles of an occupational group (an ESCO
    occupation's ISCO unit group, which it falls under through ``skos:broader``), the mean
    minus one standard deviation of each role's similarity to its closest role of the same
    group (0.38 - 0.26 = 0.12 on ESCO v1.1.1). Career Causeways takes every pair of a group;
    with a weighted Jaccard those spread too widely (0.25 +- 0.27 on ESCO) for the mean
    minus one deviation to mean anything. ``DEFAULT_VIABLE`` where no group has two roles.
    """
    groups: dict[str, list[str]] = {}
    for role in facts.all_roles:
        group = occupational_group(facts, role)
        if group is not None:
            groups.setdefault(group, []).append(role)
    closest = [
        max(similarity(facts, [role, other]) for other in members if other != role)
        for members in groups.values()
        if len(members) > 1
        for role in members
    ]
    if len(closest) < 2:
        return DEFAULT_VIABLE
    mean = sum(closest) / len(closest)
    spread = (sum((v - mean) ** 2 for v in closest) / (len(closest) - 1)) ** 0.5
    return max(mean - spread, 0.0)


def occupational_group(facts: CareerFacts, role: str) -> str | None:
    """The group a role falls under: the first concept up its ``skos:broader`` chain that
    is not itself a role (an ESCO occupation's ISCO unit group); None for a role with none."""
    seen, current = set(), role
    while current not in seen:
        seen.add(current)
        above = sorted(facts.objects(current, SKOS + "broader"))
        group = next((b for b in above if b not in facts.roles), None)
        if group is not None:
            return group
        current = next(iter(above), current)
    return None


def similar_roles(facts: CareerFacts, role: Entity, limit: int) -> SimilarRoles:
    """The roles nearest to ``role``, each with what both call for and what it calls for
    that ``role`` does not, the most specific first."""
    mine, entity, weight = vector(facts, role.iri), facts.names.entity, facts.index.weight

    def ordered(items) -> tuple[Entity, ...]:
        return tuple(
            entity(i) for i in sorted(items, key=lambda i: (-weight(i), facts.label(i).casefold()))
        )

    found = []
    for other, value in nearest(facts, role.iri, limit):
        theirs = vector(facts, other)
        shared = [k for k in theirs if k in mine and not k.startswith("^")]
        missing = [k for k in facts.items(other) if k in theirs and k not in mine]
        found.append(SimilarRole(entity(other), value, ordered(shared), ordered(missing)))
    return SimilarRoles(role, tuple(found))
