"""How alike two roles (or tracks, or skill areas) are, and the roles nearest to one.

Each owner is a vector of weights over what it calls for: every skill and tool of its profile
weighs its specificity ``w(s) = log(N / df(s))`` (:mod:`.index`), an optional skill (ESCO's)
``OPTIONAL`` times that, and each skill also lends ``UP_SHARE`` of its weight to each skill
directly above it (two occupations that need sibling skills, SQL and SPARQL, share something
of "query languages"). The **similarity** of two or more owners is the weighted Jaccard of
their vectors: ``sum_k min(a_k, b_k) / sum_k max(a_k, b_k)``. It is symmetric, between 0 and
1, 1 only for the same needs, and a large profile does not look like everything small.

The weights were compared on ESCO with the plain weighted Jaccard (no hierarchy) as the
baseline: ``benchmarks/quality.py`` measures both, by how many of an occupation's ten
nearest share its ISCO unit group and how often its broader occupation is among them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careergraph.graph.careers.index import OPTIONAL
from careergraph.graph.results.similar import SimilarRole, SimilarRoles
from careergraph.namespaces import SKOS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from careergraph.graph.careers.facts import CareerFacts
    from careergraph.graph.results import Entity

UP_SHARE = 0.2
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


def nearest(facts: CareerFacts, role: str, limit: int) -> list[tuple[str, float]]:
    """The ``limit`` roles most similar to ``role``, most similar first (ties in label
    order): only roles that share a skill or tool with it are compared."""
    index, mine = facts.index, vector(facts, role)
    shared = set()
    for item in mine:
        for positions in (index.holders.get(item, ()), index.listers.get(item, ())):
            shared.update(positions)
    size = sum(mine.values())
    scored = []
    for position in shared:
        other = index.roles[position]
        if other == role:
            continue
        theirs = vector(facts, other)
        small, large = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
        low = sum(min(value, large[k]) for k, value in small.items() if k in large)
        high = size + sum(theirs.values()) - low
        scored.append((-(low / high if high else 0.0), facts.label(other).casefold(), other))
    scored.sort()
    return [(other, -negative) for negative, _, other in scored[:limit]]


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
