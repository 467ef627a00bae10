"""How a name people typed was read: the entities it was taken for, by which rule and how
sure careergraph is, or why it was skipped (see :mod:`careergraph.graph.resolution.ladder`).
Result objects, as those of :mod:`careergraph.graph.results`: ``to_json()`` is the contract.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass, replace
from typing import Any

from careergraph.graph.results import Entity

# The rules whose readings need no word: the name is one the graph states for the entity.
EXACT_RULES = frozenset({"iri", "preferred", "alternative", "label", "slug"})


@dataclass(frozen=True)
class Reading:
    """A name and what it was read as: one entity, or several that share the name (each with
    its share of the credit), the rule that found them and its confidence (0 to 1).

    >>> k8s = Reading("k8s", (Entity("Kubernetes", "urn:k"),), (1.0,), "alias", 0.9)
    >>> k8s.note()
    "read 'k8s' as Kubernetes (alias)"
    """

    given: str
    entities: tuple[Entity, ...]
    credits: tuple[float, ...]  # how much of each entity the name gives (1: all of it)
    rule: str
    confidence: float
    why: str | None = None  # the alias table's reason, where the rule is "alias"
    # What else the name could mean: entities of other kinds that carry it (an exact rule),
    # or the next best entities (a rule that ranks them).
    others: tuple[Entity, ...] = ()

    @property
    def entity(self) -> Entity:
        """The entity the name was read as (the first, where several share it)."""
        return self.entities[0]

    def among(self, known: Container[str]) -> Reading | None:
        """The reading with only the entities whose IRIs are in ``known`` (each keeping its
        credit), or None where none is.

        >>> both = Reading("docker", (Entity("A", "urn:a"), Entity("B", "urn:b")), (0.5, 0.5),
        ...                "alias", 0.9)
        >>> [e.label for e in both.among({"urn:b"}).entities], both.among(set()) is None
        (['B'], True)
        """
        kept = [(e, c) for e, c in zip(self.entities, self.credits, strict=True) if e.iri in known]
        if not kept:
            return None
        entities, credits = zip(*kept, strict=True)
        return replace(self, entities=entities, credits=credits)

    @property
    def exact(self) -> bool:
        """Whether the name is one the graph states for the entity (no word needed)."""
        return self.rule in EXACT_RULES

    def note(self, describe: Callable[[Entity], str] = str) -> str | None:
        """One line on how the name was read, where a person should hear it: a reading past
        the exact rules (``read 'k8s' as Kubernetes (alias)``), or an exact one of a name
        that other entities carry too. ``describe`` words an entity (its label)."""
        shared = len(self.entities) > 1 and any(c < 1 for c in self.credits)
        if self.exact and not shared:
            if not self.others:
                return None
            also = ", ".join(describe(e) for e in self.others)
            return f"{self.given!r} is taken as {describe(self.entity)}; it also names {also}"
        pairs = zip(self.entities, self.credits, strict=True)
        if shared and self.rule != "alias":  # a name several entities share
            how = "which share the name" if self.exact else "equally close"
            share = f"{self.credits[0]:.0%} credit each, {self.rule}"
            taken = _listed([describe(e) for e in self.entities])
            note = f"read {self.given!r} as {taken}, {how} ({share})"
        else:
            taken = _listed([self._worded(describe(e), credit) for e, credit in pairs])
            note = f"read {self.given!r} as {taken} ({self.rule})"
        if self.others:
            note += "; next: " + ", ".join(describe(e) for e in self.others)
        return note

    @staticmethod
    def _worded(entity: str, credit: float) -> str:
        return entity + (f" ({credit:.0%} credit)" if credit < 1 else "")

    def to_json(self) -> list[dict[str, Any]]:
        """One object per entity: the entity with ``given``, ``rule``, ``confidence`` and,
        where the name gives less than all of it, ``credit``."""
        found = []
        for entity, credit in zip(self.entities, self.credits, strict=True):
            item = {**entity.to_json(), "given": self.given, "rule": self.rule}
            item["confidence"] = round(self.confidence, 3)
            if credit < 1:
                item["credit"] = round(credit, 3)
            if self.why:
                item["why"] = self.why
            found.append(item)
        return found


def _listed(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


@dataclass(frozen=True)
class Skipped:
    """A name that was not read: ``unknown`` (nothing close enough), ``ambiguous`` (several
    entities fit equally) or ``wrong-kind`` (it names something the question does not take),
    with the closest candidates.

    >>> Skipped("qwxz", "unknown", ()).note("skill or tool")
    "skipped 'qwxz': no skill or tool by that name"
    """

    given: str
    reason: str
    candidates: tuple[Entity, ...]
    detail: str | None = None  # what a wrong-kind name names, in words

    def note(self, what: str) -> str:
        """One line saying why the name was skipped and what comes closest."""
        if self.reason == "wrong-kind":
            why = self.detail or f"it names no {what}"
        elif self.reason == "ambiguous":
            why = f"it names {len(self.candidates)} {what}s equally"
        else:
            why = f"no {what} by that name"
        near = ", ".join(e.label for e in self.candidates[:5])
        if self.reason == "wrong-kind" or not near:
            return f"skipped {self.given!r}: {why}"
        closest = ": " if self.reason == "ambiguous" else "; closest: "
        return f"skipped {self.given!r}: {why}{closest}{near}"

    def to_json(self) -> dict[str, Any]:
        return {
            "given": self.given,
            "reason": self.reason,
            "candidates": [e.to_json() for e in self.candidates],
        }
