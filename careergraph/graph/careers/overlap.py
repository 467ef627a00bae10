"""How much roles, tracks or skill areas have in common: shared and distinct profile items,
and their similarity (:mod:`.similarity`: the weighted Jaccard of their profiles).

For more than two, the similarity is the weight all share over the weight any has. Profiles
are built as :mod:`careergraph.graph.careers.profiles` explains, so the source's skill areas
count their content; the shared and distinct items are the profiles' own.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from careergraph.errors import BadInputError, ParameterError, WrongKindError
from careergraph.graph.careers.similarity import similarity
from careergraph.graph.careers.vocabulary import (
    INTEGRATION_POINT,
    ROLE_CLASSES,
    SKILL_CLASSES,
    TRACK_CLASS,
)
from careergraph.graph.choices import COMPARED
from careergraph.graph.results.overlap import Overlap, ProfileItem, SimilarityMatrix

if TYPE_CHECKING:
    from careergraph.graph.careers.model import CareerModel
    from careergraph.graph.results import Entity

COMPARABLE = (*ROLE_CLASSES, TRACK_CLASS, *SKILL_CLASSES, INTEGRATION_POINT)


def overlap(model: CareerModel, owners: Sequence[Entity], kind: str = "all") -> Overlap:
    """The overlap of two or more roles, tracks or skill areas, comparing the items of one
    ``kind`` (``all``, ``skills`` or ``tools``)."""
    _check_kind(kind)
    if len(owners) < 2:
        raise BadInputError("overlap compares two or more roles, tracks or skill areas")
    if len({o.iri for o in owners}) < len(owners):
        raise BadInputError("overlap needs different roles, tracks or skill areas")
    for owner in owners:
        if not model.is_a(owner.iri, COMPARABLE):
            raise WrongKindError(owner.label, owner.kind, "a role, a track or a skill area")
    profiles = [model.profile(o.iri) for o in owners]
    sets = [p.restricted(kind, model) for p in profiles]
    shared = set.intersection(*sets)

    def item(iri: str, among: Sequence[int]) -> ProfileItem:
        via = tuple((owners[i].label, profiles[i].items[iri]) for i in among)
        return ProfileItem(model.names.entity(iri), model.item_kind(iri), via)

    everyone = range(len(owners))
    only = tuple(
        (
            owner,
            _ordered(
                item(iri, [i])
                for iri in sets[i] - set.union(set(), *(sets[j] for j in everyone if j != i))
            ),
        )
        for i, owner in enumerate(owners)
    )
    iris = [o.iri for o in owners]
    pairs = tuple(
        (owners[i], owners[j], similarity(model, [iris[i], iris[j]], kind))
        for i, j in itertools.combinations(everyone, 2)
    )
    return Overlap(
        tuple(owners),
        kind,
        _ordered(item(iri, everyone) for iri in shared),
        only,
        similarity(model, iris, kind),
        pairs,
    )


def similarity_matrix(
    model: CareerModel, owners: Sequence[Entity], kind: str = "all"
) -> SimilarityMatrix:
    """The pairwise Jaccard similarity of ``owners``' profiles (items of one ``kind``)."""
    _check_kind(kind)
    values = tuple(tuple(similarity(model, [a.iri, b.iri], kind) for b in owners) for a in owners)
    return SimilarityMatrix(tuple(owners), kind, values)


def _check_kind(kind: str) -> None:
    if kind not in COMPARED:
        raise ParameterError("kind", f"{kind!r} is unknown; choose from {', '.join(COMPARED)}")


def _ordered(items) -> tuple[ProfileItem, ...]:
    order = {"skill": 0, "tool": 1, "other": 2}
    return tuple(sorted(items, key=lambda i: (order[i.kind], i.entity.label.casefold())))
