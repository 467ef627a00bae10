"""Results of list: the entities of one kind, with their tracks and levels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from careergraph.graph.results import Entity, Table


@dataclass(frozen=True)
class ListedEntity:
    """An entity in a listing, with its tracks and level."""

    entity: Entity
    tracks: tuple[Entity, ...] = ()
    level: Entity | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            **self.entity.to_json(),
            "tracks": [t.to_json() for t in self.tracks],
            "level": self.level.to_json() if self.level else None,
        }


@dataclass(frozen=True)
class EntityList:
    """The entities of one kind, in label order."""

    kind: str
    items: tuple[ListedEntity, ...]

    def to_json(self) -> list[dict[str, Any]]:
        return [item.to_json() for item in self.items]

    def table(self) -> Table:
        rows = [
            (
                item.entity.label,
                ", ".join(t.label for t in item.tracks),
                item.level.label if item.level else "",
                item.entity.iri,
            )
            for item in self.items
        ]
        return ("label", "track", "level", "iri"), rows
