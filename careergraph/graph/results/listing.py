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
    scheme: Entity | None = None  # a level's: the ladder it is a rung of

    def to_json(self) -> dict[str, Any]:
        found = {
            **self.entity.to_json(),
            "tracks": [t.to_json() for t in self.tracks],
            "level": self.level.to_json() if self.level else None,
        }
        if self.scheme is not None:
            found["scheme"] = self.scheme.to_json()
        return {**found, "price": self.price} if self.price is not None else found


@dataclass(frozen=True)
class EntityList:
    """The entities of one kind, in label order (levels: by ladder and rank); ``total``
    counts them all where ``items`` holds only the first few (``--limit``)."""

    kind: str
    items: tuple[ListedEntity, ...]
    total: int | None = None

    def to_json(self) -> list[dict[str, Any]]:
        return [item.to_json() for item in self.items]

    def heading(self) -> str:
        """Where the list is cut: how many there are, how many are shown."""
        if self.total is None or self.total <= len(self.items):
            return ""
        return f"The first {len(self.items):,} of {self.total:,} {self.kind} (--limit):"

    def table(self) -> Table:
        """Name, tracks, ladder, level and price where any has one (a price:
        certifications), and the IRI (in a table for people, its id:
        ``role/mlops-architect``)."""
        tracked = any(item.tracks for item in self.items)
        levelled = any(item.level is not None for item in self.items)
        priced = any(item.price is not None for item in self.items)
        laddered = any(item.scheme is not None for item in self.items)
        rows = [
            (
                item.entity.label,
                *((Items(t.label for t in item.tracks),) if tracked else ()),
                *((item.scheme.label if item.scheme else "",) if laddered else ()),
                *((item.level.label if item.level else "",) if levelled else ()),
                *((item.price or "",) if priced else ()),
                Iri(item.entity.iri),
            )
            for item in self.items
        ]
        columns = (
            "name",
            *(("track",) if tracked else ()),
            *(("ladder",) if laddered else ()),
            *(("level",) if levelled else ()),
            *(("price",) if priced else ()),
        )
        return (*columns, "id"), rows
