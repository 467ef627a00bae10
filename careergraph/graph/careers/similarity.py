"""How alike two roles (or tracks, or skill areas) are, and the roles nearest to one.

Each owner is a vector of weights over what it calls for: every skill and tool of its profile
weighs its specificity ``w(s) = log(N / df(s))`` (:mod:`.index`); an optional skill (ESCO's)
``OPTIONAL`` times that; the ESCO skill that one of its items (or, for a role, its track) is
linked to by ``import esco`` as much as the graph says the link is sure (its ``cg:confidence``,
written by the alignment room, :mod:`careergraph.graph.sources.alignment`; where the graph
states none, ``vocabulary.MATCHES``: exactMatch 1, closeMatch 0.8, broadMatch 0.7); and each
skill lends ``UP_SHARE`` of its weight to each skill directly above
it (two occupations that need sibling skills, SQL and SPARQL, share something of "query
languages"). The **similarity** of two or more owners is the weighted Jaccard of their
vectors: ``sum_k min(a_k, b_k) / sum_k max(a_k, b_k)``. It is symmetric, between 0 and 1, 1
only for the same needs, and a large profile does not look like everything small.

**Across vocabularies** (a built-in role and an ESCO occupation), both vectors are compared on
the skills of the taxonomy the registry names for that (``taxonomies.ACROSS``: ESCO) only: a
built-in role's own items have no counterpart in an occupation's profile and would only weigh
down the similarity; what it shares with ESCO is what its items are linked to
(:func:`taxonomy`, :func:`compared`).

The weights were compared on ESCO with the plain weighted Jaccard (no hierarchy) as the
baseline: ``benchmarks/quality.py`` measures both, by how many of an occupation's ten
nearest share its ISCO unit group and how often its broader occupation is among them.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

from careergraph.graph.careers.vocabulary import MATCHES, OPTIONAL
from careergraph.graph.results.similar import SimilarRole, SimilarRoles
from careergraph.namespaces import CG, SKOS
from careergraph.taxonomies import ACROSS, declared, same_vocabulary, taxonomy

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence

    from careergraph.graph.careers.model import CareerModel
    from careergraph.graph.results import Entity

UP_SHARE = 0.2
# How much nearer a relative in the hierarchy of occupations is, for similar (set on seeds 1
# and 7 of benchmarks/quality.py, not the benchmark's: see the module docstring).
HIERARCHY = {"broader": 0.5, "narrower": 0.5, "sibling": 0.25}
# Where no group has two roles to calibrate on: the figure calibrated on ESCO v1.1.1.
DEFAULT_VIABLE = 0.12
Vector = dict[str, float]


def vector(model: CareerModel, owner: str) -> Vector:
    """What ``owner`` calls for, weighted (see the module docstring); the hierarchy's share
    goes to keys ``"^" + IRI`` of the skills above."""
    memo = model.memo("vectors")
    if owner not in memo:
        weight = model.index.weight
        found: Vector = {}
        for item in model.items(owner):
            if model.item_kind(item) != "other":
                found[item] = weight(item)
        for item in model.optional(owner) if owner in model.roles else ():
            found.setdefault(item, OPTIONAL * weight(item))
        tracks = model.tracks_of(owner) if owner in model.roles else set()
        links = [(link, model.links.get(link, {}), unstated) for link, unstated in MATCHES.items()]
        for item in [*found, *tracks]:  # compared through the links to another taxonomy
            for link, targets, unstated in links:
                for linked in targets.get(item, ()):
                    share = model.confidence(link, item, linked, unstated)
                    if found.get(linked, 0.0) < share * weight(linked):
                        found[linked] = share * weight(linked)
        above = model.links.get(SKOS + "broader", {})
        for item, value in list(found.items()):
            for broader in above.get(item, ()):
                key = "^" + broader
                if found.get(key, 0.0) < UP_SHARE * value:
                    found[key] = UP_SHARE * value
        memo[owner] = found
    return memo[owner]


def compared(model: CareerModel, owner: str, other: str) -> Vector:
    """``owner``'s vector as compared with ``other``'s: whole within a taxonomy; across
    taxonomies, only its ESCO keys (see the module docstring)."""
    return vector(model, owner) if taxonomy(owner) == taxonomy(other) else _on_across(model, owner)


def _on_across(model: CareerModel, owner: str) -> Vector:
    memo = model.memo("projections")
    if owner not in memo:
        memo[owner] = {k: v for k, v in vector(model, owner).items() if taxonomy(k) == ACROSS.name}
    return memo[owner]


def similarity(model: CareerModel, owners: Sequence[str], kind: str = "all") -> float:
    """The weighted Jaccard of the owners' vectors (their items of one ``kind``: ``all``,
    ``skills`` or ``tools``), compared on ESCO's keys where the owners' taxonomies differ: 0
    where none calls for anything.

    >>> from careergraph import CareerGraph
    >>> model = CareerGraph.open().careers
    >>> track = "https://w3id.org/careergraph/id/track/"
    >>> similarity(model, [track + "mlops", track + "mlops"])
    1.0
    >>> 0 < similarity(model, [track + "devops", track + "mlops"]) < 1
    True
    """
    mixed = len({taxonomy(owner) for owner in owners}) > 1
    vectors = [(_on_across if mixed else vector)(model, owner) for owner in owners]
    keys = set().union(*vectors)
    if kind != "all":
        keys = {k for k in keys if model.item_kind(k.removeprefix("^")) == kind[:-1]}
    low = sum(min(v.get(k, 0.0) for v in vectors) for k in keys)
    high = sum(max(v.get(k, 0.0) for v in vectors) for k in keys)
    return low / high if high else 0.0


def nearest(
    model: CareerModel,
    role: str,
    limit: int | None,
    floor: float = 0.0,
    per: Callable[[str], str] | None = None,
    hierarchy: bool = False,
) -> list[tuple[str, float]]:
    """The ``limit`` roles most similar to ``role`` (all, with None), at least ``floor``
    similar, most similar first (ties in label order); with ``per`` (a function of a role,
    such as :func:`taxonomy`), the ``limit`` most similar of each of its values. With
    ``hierarchy``, a role's relatives in the hierarchy of occupations count as nearer by
    ``HIERARCHY`` (its broader and narrower roles 0.5, its siblings 0.25): the figure is then
    their closeness, which may pass 1.

    Only roles that share a skill or tool with ``role`` are compared (and its relatives),
    and only those that can still make the cut: a role's similarity is at most the weight of
    ``role``'s keys it shares (and of the hierarchy's share of them) over the sum of
    ``role``'s weights, so the roles are taken by that bound, and the rest skipped once it
    falls below the ``limit``-th best."""
    index, mine, own = model.index, vector(model, role), taxonomy(role)
    kept: dict[str, list[tuple[float, str, str]]] = {}  # per group: (-value, label, role)
    relatives = model.relatives(role) if hierarchy else {}
    for other, relation in relatives.items():  # first: they raise the bar for the rest
        value = similarity(model, [role, other]) + HIERARCHY[relation]
        if value >= floor:
            group = kept.setdefault(per(other) if per else "", [])
            group.append((-value, model.label(other).casefold(), other))
            group.sort()
            if limit is not None:
                del group[limit:]
    reach: dict[int, float] = {}
    for key, value in mine.items():
        if key[0] != "^":
            for positions in sharers(model, key):
                for position in positions:
                    reach[position] = reach.get(position, 0.0) + value
    reach.pop(index.position.get(role, -1), None)
    spare = {  # per taxonomy compared on: the hierarchy's share, and the sum of weights
        within: (sum(v for k, v in found.items() if k[0] == "^"), _size(model, found))
        for within, found in (("same", mine), ("across", _on_across(model, role)))
    }
    for position in sorted(reach, key=reach.__getitem__, reverse=True):
        other = index.roles[position]
        if other in relatives:
            continue
        caret, size = spare["same" if same_vocabulary(taxonomy(other), own) else "across"]
        bound = (reach[position] + caret) / size if size else 0.0
        group = kept.setdefault(per(other) if per else "", [])
        if bound < floor or (limit is not None and len(group) >= limit and bound < -group[-1][0]):
            continue
        for _, value in _most_similar(model, role, [other], floor, 1):
            group.append((-value, model.label(other).casefold(), other))
            group.sort()
            if limit is not None:
                del group[limit:]
    found = sorted(item for group in kept.values() for item in group)
    return [(other, -negative) for negative, _, other in found]


def sharers(model: CareerModel, key: str) -> list:
    """The positions of the roles whose vectors have ``key`` (a skill or tool), as arrays
    (a role may be in two): those that hold it, those that list it as optional, and those
    that hold an item linked to it, or whose track is (import esco)."""
    index, inverse = model.index, model.inverse
    found = [index.holders.get(key, ()), index.listers.get(key, ())]
    for link in MATCHES:
        for linked in inverse.get(link, {}).get(key, ()):
            found.append(index.holders.get(linked, ()))
            of_track = inverse.get(CG + "track", {}).get(linked, ())
            found.append([index.position[r] for r in of_track if r in index.position])
    return found


def _size(model: CareerModel, found: Vector) -> float:
    """The sum of a (memoised) vector's weights, worked out once."""
    sizes = model.memo("sizes")
    key = id(found)
    if key not in sizes:
        sizes[key] = sum(found.values())
    return sizes[key]


def _most_similar(
    model: CareerModel, role: str, others: list[str], floor: float, limit: int | None
) -> list[tuple[str, float]]:
    """The ``limit`` of ``others`` most similar to ``role``, at least ``floor`` similar
    (ties in label order): the weighted Jaccard, from the identity
    ``sum max = sum a + sum b - sum min``."""
    scored, own = [], taxonomy(role)
    whole, on_esco = vector(model, role), None
    for other in others:
        if same_vocabulary(taxonomy(other), own):
            mine, theirs = whole, vector(model, other)
        else:  # across taxonomies (see the module docstring)
            on_esco = on_esco if on_esco is not None else _on_across(model, role)
            mine, theirs = on_esco, _on_across(model, other)
        low = sum(min(mine[k], theirs[k]) for k in mine.keys() & theirs.keys())
        high = _size(model, mine) + _size(model, theirs) - low
        value = low / high if high else 0.0
        if value >= floor:
            scored.append((-value, model.label(other).casefold(), other))
    scored.sort()
    return [(other, -negative) for negative, _, other in scored[:limit]]


# A role's most similar roles that a path may move to (set on seeds 1 and 7 of
# benchmarks/quality.py: 20 answered too few pairs in six steps, 30 cut across occupational
# groups), and as many again of each other taxonomy (a built-in role's ESCO neighbours).
NEAR_MOVES = 25
NEAR_ACROSS = 5
NEAR_COUNTERPART = 25  # how near a role an occupation of a close name must be to be its match
SHARES_SOMETHING = 0.01  # the least similarity of a move: a role sharing next to nothing is none
RARE = 150  # a skill or tool at most this many roles list: what finds a role's candidates
COMPARED = 60  # the candidates compared exactly, those sharing the most rare weight


def _near_moves(model: CareerModel, role: str) -> list[tuple[str, float]]:
    """Where a path may go from ``role`` on the strength of one's skills: the ``NEAR_MOVES``
    roles of its taxonomy most similar to it, and, for a built-in role, the ``NEAR_ACROSS``
    most similar of each other taxonomy (the way back is :func:`both_ways`), most similar
    first. The candidates are the roles that share with it a
    skill or tool at most ``RARE`` roles list, and the ``COMPARED`` that share the most
    weight of such items (of each taxonomy) are compared exactly: on ESCO this finds 99% of
    what comparing every role finds, in a tenth of the time."""
    index = model.index
    shared: dict[int, float] = {}
    for key, value in vector(model, role).items():
        if key[0] != "^":
            found = sharers(model, key)
            if sum(map(len, found)) <= RARE:
                for positions in found:
                    for position in positions:
                        shared[position] = shared.get(position, 0.0) + value
    shared.pop(index.position.get(role, -1), None)
    by_taxonomy: dict[str, list[int]] = {}
    for position in shared:
        by_taxonomy.setdefault(index.taxonomies[position], []).append(position)
    own, found = taxonomy(role), []
    for group, positions in by_taxonomy.items():
        if group != own and not declared(own).reaches_across:  # they are reached back
            continue
        compared = heapq.nlargest(COMPARED, positions, key=shared.__getitem__)
        others = [index.roles[p] for p in compared]
        limit = NEAR_MOVES if group == own else NEAR_ACROSS
        found += _most_similar(model, role, others, SHARES_SOMETHING, limit)
    return sorted(found, key=lambda pair: (-pair[1], model.label(pair[0]).casefold()))


LONELY = 5  # a role fewer roles move to than this is moved to by its own nearest


def both_ways(
    model: CareerModel, near: dict[str, list[tuple[str, float]]]
) -> dict[str, list[tuple[str, float]]]:
    """Every role's near moves (:func:`_near_moves`), with the way back where a role would
    otherwise be hard to reach: a role that fewer than ``LONELY`` roles move to is moved to
    by its own ``LONELY`` nearest (set on seeds 1 and 7 of benchmarks/quality.py: it
    answers every pair in six steps, where moving back along every move made paths cross
    between occupational groups through the most generic occupations); and the roles of a
    taxonomy a built-in role moves to move back to it (ESCO's occupations nearest to
    MLOps Engineer lead to it)."""
    coming: dict[str, int] = {}
    for pairs in near.values():
        for other, _ in pairs:
            coming[other] = coming.get(other, 0) + 1
    found = {role: list(pairs) for role, pairs in near.items()}
    for role, pairs in near.items():
        lonely = coming.get(role, 0) < LONELY
        for other, value in pairs[:LONELY] if lonely else ():
            found.setdefault(other, []).append((role, value))
        if declared(taxonomy(role)).reaches_across:
            for other, value in pairs:
                if taxonomy(other) != taxonomy(role):
                    found.setdefault(other, []).append((role, value))
    for role, pairs in found.items():
        unique = dict(sorted(pairs, key=lambda pair: pair[1]))  # the highest value wins
        found[role] = sorted(unique.items(), key=lambda p: (-p[1], model.label(p[0]).casefold()))
    return found


KEEP_NEAR_UP_TO = 5_000  # roles: on a bigger graph, near moves are worked out as reached


def near_moves(model: CareerModel, role: str) -> list[tuple[str, float]]:
    """The roles a path may move to from ``role`` on the strength of one's skills, most
    similar first (:func:`_near_moves`). On a graph of at most ``KEEP_NEAR_UP_TO`` roles
    (ESCO has 3,035) they are worked out for every role at once, so that every role is
    reached (:func:`both_ways`), and kept with the model; on a bigger one, for each role a
    search reaches.

    >>> from careergraph import CareerGraph
    >>> model = CareerGraph.open().careers
    >>> role = "https://w3id.org/careergraph/id/role/"
    >>> near = dict(near_moves(model, role + "site-reliability-engineer"))
    >>> round(near[role + "devops-engineer"], 2)  # the same skills, at the same level
    1.0
    """
    if role not in model.near:
        if len(model.roles) <= KEEP_NEAR_UP_TO:
            near = {other: _near_moves(model, other) for other in model.all_roles}
            model.near = both_ways(model, near)
        else:
            model.near[role] = _near_moves(model, role)
    return model.near.get(role, [])


def viable(model: CareerModel) -> float:
    """The least similarity of a viable move (:func:`viable_similarity`), worked out once
    for the model (or kept by a built store)."""
    if model.viable is None:
        model.viable = viable_similarity(model)
    return model.viable


def work_out(model: CareerModel) -> CareerModel:
    """Work out what a built store keeps of the model (see :meth:`.model.CareerModel.derived`):
    the index, the viable similarity and, on a graph of at most ``KEEP_NEAR_UP_TO`` roles,
    every role's near moves."""
    viable(model)
    if len(model.roles) <= KEEP_NEAR_UP_TO and model.all_roles:
        near_moves(model, model.all_roles[0])
    return model


def counterparts(model: CareerModel, role: str) -> dict[str, str]:
    """The roles of another taxonomy that ``role`` is the same job as, with why: a built-in
    role and the ESCO occupation it goes by the name of (``skos:closeMatch``), and one whose
    name is only close (``skos:relatedMatch``) where their skills agree too (the occupation
    among the role's ``NEAR_COUNTERPART`` nearest of ESCO). Both ways.

    >>> from careergraph import CareerGraph
    >>> model = CareerGraph.open().careers
    >>> counterparts(model, "https://w3id.org/careergraph/id/role/mlops-engineer")
    {}
    """
    memo = model.memo("counterparts")
    if role not in memo:
        found: dict[str, str] = {}
        for link, said in ((SKOS + "closeMatch", "name"), (SKOS + "relatedMatch", "skills")):
            ahead = [(role, o) for o in model.objects(role, link)]
            behind = [(s, role) for s in model.subjects(role, link)]
            for source, target in ahead + behind:
                other = target if source == role else source
                if other in model.roles and (said == "name" or _agree(model, source, target)):
                    found.setdefault(other, said)
        memo[role] = found
    return memo[role]


def _agree(model: CareerModel, role: str, occupation: str) -> bool:
    """Whether an occupation is among the role's nearest of its taxonomy by skills."""
    group = taxonomy(occupation)
    near = nearest(model, role, NEAR_COUNTERPART, per=taxonomy)
    return occupation in [other for other, _ in near if taxonomy(other) == group]


def viable_similarity(model: CareerModel) -> float:
    """The least similarity at which a move to a similar role is viable, calibrated on the
    data after Career Causeways: over the roles of an occupational group (an ESCO
    occupation's ISCO unit group, which it falls under through ``skos:broader``), the mean
    minus one standard deviation of each role's similarity to its closest role of the same
    group (0.38 - 0.26 = 0.12 on ESCO v1.1.1). Career Causeways takes every pair of a group;
    with a weighted Jaccard those spread too widely (0.25 +- 0.27 on ESCO) for the mean
    minus one deviation to mean anything. ``DEFAULT_VIABLE`` where no group has two roles.
    """
    groups: dict[str, list[str]] = {}
    for role in model.all_roles:
        group = occupational_group(model, role)
        if group is not None:
            groups.setdefault(group, []).append(role)
    closest = [
        _most_similar(model, role, [m for m in members if m != role], 0.0, 1)[0][1]
        for members in groups.values()
        if len(members) > 1
        for role in members
    ]
    if len(closest) < 2:
        return DEFAULT_VIABLE
    mean = sum(closest) / len(closest)
    spread = (sum((v - mean) ** 2 for v in closest) / (len(closest) - 1)) ** 0.5
    return max(mean - spread, 0.0)


def occupational_group(model: CareerModel, role: str) -> str | None:
    """The group a role falls under: the first concept up its ``skos:broader`` chain that
    is not itself a role (an ESCO occupation's ISCO unit group); None for a role with none."""
    seen, current = set(), role
    while current not in seen:
        seen.add(current)
        above = sorted(model.objects(current, SKOS + "broader"))
        group = next((b for b in above if b not in model.roles), None)
        if group is not None:
            return group
        current = next(iter(above), current)
    return None


def similar_roles(
    model: CareerModel, role: Entity, limit: int, within: Collection[str] | None = None
) -> SimilarRoles:
    """The ``limit`` roles nearest to ``role`` of each taxonomy (of ``within`` only, where
    given; the role's own first: with ESCO imported, the nearest built-in roles and the
    nearest ESCO occupations), by their
    closeness (:func:`nearest` with the hierarchy), each with its similarity, its place in
    the hierarchy if any, what both call for and what it calls for that ``role`` does not,
    the most specific first. Roles equally close come nearest level first, and where two
    call for the same, the note says how their levels differ ("same skills, one level up")."""
    entity, weight = model.names.entity, model.index.weight
    relatives = model.relatives(role.iri)

    def ordered(items) -> tuple[Entity, ...]:
        return tuple(
            entity(i) for i in sorted(items, key=lambda i: (-weight(i), model.label(i).casefold()))
        )

    groups: dict[str, list[tuple[str, float]]] = {taxonomy(role.iri): []}
    for other, value in nearest(model, role.iri, limit, per=taxonomy, hierarchy=True):
        groups.setdefault(taxonomy(other), []).append((other, value))
    if within is not None:
        groups = {name: group for name, group in groups.items() if name in within}
    found = []
    for name, group in groups.items():
        group.sort(key=lambda pair: (-round(pair[1], 9), _levels_apart(model, role.iri, pair[0])))
        for other, closeness in group:
            value = similarity(model, [role.iri, other])
            mine, theirs = compared(model, role.iri, other), compared(model, other, role.iri)
            # The vocabulary compared on: their own, or ESCO's across vocabularies.
            direct = same_vocabulary(name, taxonomy(role.iri))
            words = declared(name).vocabulary if direct else ACROSS.vocabulary
            # What both call for, and what a move there asks to learn, in those words: the
            # other role's needs (not its optional skills), or what its items are linked to.
            space = [k for k in theirs if k[0] != "^" and declared(taxonomy(k)).vocabulary == words]
            shared = [k for k in space if k in mine]
            needs = model.items(other) if words == declared(name).vocabulary else theirs
            missing = [k for k in space if k not in mine and k in needs]
            label = declared(name).shown_as
            note = _same_skills(model, role.iri, other) if value > 0.9999 else None
            found.append(
                SimilarRole(
                    entity(other),
                    value,
                    ordered(shared),
                    ordered(missing),
                    label,
                    relatives.get(other),
                    closeness,
                    note,
                )
            )
    return SimilarRoles(role, tuple(found))


def _levels_apart(model: CareerModel, role: str, other: str) -> int:
    """How many levels apart two roles are (0 where their levels cannot be compared)."""
    mine, theirs = model.roles[role].rank, model.roles[other].rank
    return abs(mine - theirs) if mine is not None and theirs is not None else 0


def _same_skills(model: CareerModel, role: str, other: str) -> str:
    """What tells apart two roles that call for the same: ``same skills, one level up``."""
    mine, theirs = model.roles[role].rank, model.roles[other].rank
    if mine is None or theirs is None or mine == theirs:
        return "same skills, same level"
    steps = abs(theirs - mine)
    count = {1: "one", 2: "two", 3: "three"}.get(steps, str(steps))
    way = "up" if theirs > mine else "down"
    return f"same skills, {count} level{'s' if steps > 1 else ''} {way}"
