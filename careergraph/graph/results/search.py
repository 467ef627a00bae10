"""Results of search: entities whose names match a text, best first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from careergraph.graph.results import Entity, Iri, Table


@dataclass(frozen=True)
class SearchHit:
    """An entity whose label or alternative label matched a search, and how well."""

    entity: Entity
    matched: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {**self.entity.to_json(), "matched": self.matched, "score": round(self.score, 3)}


@dataclass(frozen=True)
class SearchResults:
    """Search hits, best first."""

    text: str
    hits: tuple[SearchHit, ...]

    def to_json(self) -> list[dict[str, Any]]:
        return [hit.to_json() for hit in self.hits]

    def table(self) -> Table:
        """Each hit: its label and kind, the name that matched, the score, and the IRI (in
        a table for people, its id path: ``tool/kubernetes``)."""
        rows = [
            (h.entity.label, h.entity.kind or "", h.matched, round(h.score, 3), Iri(h.entity.iri))
            for h in self.hits
        ]
        return ("label", "kind", "matched", "score", "id"), rows
