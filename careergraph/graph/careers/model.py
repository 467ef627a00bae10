"""The career model: the facts (:mod:`.facts`) and what is worked out from them once for every
role, which the analyses read.

:class:`CareerModel` is the facts with the index over every role (:mod:`.index`), the least
similarity of a viable move and the roles a path may move to from each role (both worked out
by :mod:`.similarity`: :func:`.similarity.viable`, :func:`.similarity.near_moves`). It holds
them and calls no ranking: a change to a ranking's code changes what the model holds, never
the facts a built store keeps, so a built store keeps the model apart (see
:mod:`careergraph.graph.cache.kept`) and works it out again without being rebuilt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careergraph.graph.careers import profiles
from careergraph.graph.careers.facts import CareerFacts
from careergraph.graph.careers.index import RoleIndex

if TYPE_CHECKING:
    from careergraph.graph.careers.profiles import Profile

Near = dict[str, list[tuple[str, float]]]


class CareerModel(CareerFacts):
    """The facts, and what is worked out from them for every role.

    >>> from careergraph import CareerGraph
    >>> from careergraph.graph.careers.similarity import work_out
    >>> model = work_out(CareerGraph.open().careers)
    >>> kept = CareerModel.of(model, model.derived())
    >>> kept.index == model.index and kept.derived() == model.derived()
    True
    """

    # What a built store keeps of the model (see :meth:`derived`).
    DERIVED = ("index", "viable", "near")

    def __init__(self, facts: CareerFacts):
        # The same facts, every kept part shared (not copied), whatever parts they have.
        super().__init__(facts.names, **{part: getattr(facts, part) for part in facts.KEPT})
        self._index: RoleIndex | None = None
        self.viable: float | None = None  # see similarity.viable
        # Each role's most similar roles, for moves (see similarity.near_moves).
        self.near: Near = {}

    @classmethod
    def of(cls, facts: CareerFacts, derived: dict[str, Any] | None = None) -> CareerModel:
        """The model of ``facts``, with what :meth:`derived` gave where it is given (anything
        else raises TypeError, ValueError or KeyError); otherwise it is worked out when a
        question needs it."""
        model = cls(facts)
        if derived is not None:
            if not isinstance(derived, dict) or set(derived) != set(cls.DERIVED):
                raise ValueError("not the state of a career model")
            model._index = RoleIndex.from_state(derived["index"])
            model.viable = float(derived["viable"])
            model.near = {
                role: [(other, float(value)) for other, value in pairs]
                for role, pairs in derived["near"].items()
            }
        return model

    def derived(self) -> dict[str, Any]:
        """What is worked out for every role, as plain data: the index, the viable similarity
        and the near lists worked out so far (every role's, where
        :func:`.similarity.work_out` has run)."""
        if self.viable is None:
            raise ValueError("the viable similarity is not worked out yet")
        return {"index": self.index.state(), "viable": self.viable, "near": self.near}

    @property
    def index(self) -> RoleIndex:
        """Every role in label order, and which roles hold and need each item: worked out
        once (or kept by a built store)."""
        if self._index is None:
            self._index = RoleIndex.build(self)
        return self._index

    @property
    def all_roles(self) -> list[str]:
        """Every role and occupation, in label order."""
        return self.index.roles

    # ---- what roles call for (see .profiles) -------------------------------------------

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
