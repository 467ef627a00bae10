"""Results of similar: the roles nearest to a role, with what is shared and what is missing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careergraph.graph.results import Entity, Items, Table

if TYPE_CHECKING:
    from careergraph.graph.pages import Page


@dataclass(frozen=True)
class SimilarRole:
    """One role near another: how similar, what both call for, and what it calls for that
    the first does not (what a move there asks to learn)."""

    role: Entity
    similarity: float
    shared: tuple[Entity, ...]
    missing: tuple[Entity, ...]
    taxonomy: str = "built-in"  # or "ESCO": similar lists the nearest of each
    relation: str | None = None  # broader, narrower or sibling, in the hierarchy
    closeness: float | None = None  # what ranks it: the similarity, and the relation's share
    note: str | None = None  # what tells apart roles of the same skills (their levels)

    def to_json(self) -> dict[str, Any]:
        found = {
            "role": self.role.to_json(),
            "taxonomy": self.taxonomy,
            "similarity": round(self.similarity, 4),
            "closeness": round(self.similarity if self.closeness is None else self.closeness, 4),
            "relation": self.relation,
            "shared": [e.to_json() for e in self.shared],
            "missing": [e.to_json() for e in self.missing],
        }
        if self.note:
            found["note"] = self.note
        return found

    @property
    def shown(self) -> str:
        """The role as a table shows it: with its relation or its note."""
        said = self.relation or self.note
        return f"{self.role.label} ({said})" if said else self.role.label


@dataclass(frozen=True)
class SimilarRoles:
    """The roles nearest to one role, most similar first."""

    role: Entity
    similar: tuple[SimilarRole, ...]

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role.to_json(), "similar": [s.to_json() for s in self.similar]}

    def heading(self) -> str:
        return f"Roles nearest to {self.role.label}:"

    def table(self) -> Table:
        """The nearest roles, with the items shared and missing, the most specific first (a
        table for people shows the first few), and the taxonomy of each where there are
        several."""
        several = len({near.taxonomy for near in self.similar}) > 1
        rows = [
            (
                near.shown,
                *((near.taxonomy,) if several else ()),
                f"{near.similarity:.2f}",
                Items(e.label for e in near.shared),
                Items(e.label for e in near.missing),
            )
            for near in self.similar
        ]
        columns = ("role", *(("taxonomy",) if several else ()), "similarity")
        return (*columns, "shared (most specific first)", "missing"), rows

    def roles_shown(self) -> list[Entity]:
        """The role asked about and the roles near it."""
        return [self.role, *(near.role for near in self.similar)]

    def page(self) -> Page:
        """The nearest roles as a page: a similarity bar each, with what is shared and what a
        move there asks to learn."""
        from careergraph.graph.pages import Bar, Bars, Page, Section, labels

        bars = tuple(
            Bar(
                near.shown,
                near.similarity,
                f"similarity {near.similarity:.2f} ({near.taxonomy}); shares "
                f"{labels(near.shared, 4) or 'nothing'}; would learn "
                f"{labels(near.missing, 4) or 'nothing'}",
            )
            for near in self.similar
        )
        section = Section(
            f"Roles nearest to {self.role.label}",
            (Bars(bars, ("role", "similarity", "shared and missing")),),
        )
        return Page(f"Roles nearest to {self.role.label}", "by their skills and tools", (section,))
