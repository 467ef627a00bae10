"""Results of list: the entities of one kind, with their tracks and levels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from careergraph.graph.results import Entity, Iri, Items, Table


@dataclass(frozen=True)
class ListedEntity:
    """An entity in a listing, with its tracks and level."""

    entity: Entity
    tracks: tuple[Entity, ...] = ()
    level: Entity | None = None
    price: str | None = None  # a certification's

    def to_json(self) -> dict[str, Any]:
        found = {
            **self.entity.to_json(),
            "tracks": [t.to_json() for t in self.tracks],
            "level": self.level.to_json() if self.level else None,
        }
        return {**found, "price": self.price} if self.price is not None else found


@dataclass(frozen=True)
class EntityList:
    """The entities of one kind, in label order."""

    kind: str
    items: tuple[ListedEntity, ...]

    def to_json(self) -> list[dict[str, Any]]:
        return [item.to_json() for item in self.items]

    def table(self) -> Table:
        """Name, tracks, level and price where any has one (a price: certifications), and
        the IRI (in a table for people, its id: ``role/mlops-architect``)."""
        levelled = any(item.level is not None for item in self.items)
        priced = any(item.price is not None for item in self.items)
        rows = [
            (
                item.entity.label,
                Items(t.label for t in item.tracks),
                *((item.level.label if item.level else "",) if levelled else ()),
                *((item.price or "",) if priced else ()),
                Iri(item.entity.iri),
            )
            for item in self.items
        ]
        columns = (
            "name",
            "track",
            *(("level",) if levelled else ()),
            *(("price",) if priced else ()),
        )
        return (*columns, "id"), rows
