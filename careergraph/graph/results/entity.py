"""Results of show: an entity with its types, properties and incoming statements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from careergraph.graph.results import Cell, Entity, Table
from careergraph.namespaces import compact


@dataclass(frozen=True)
class LiteralValue:
    """A literal as a Python value, with its datatype and language where it has them."""

    value: str | int | float | bool
    datatype: str | None = None
    language: str | None = None

    def to_json(self) -> Any:
        """The bare value for plain strings and numbers, else an object with its datatype."""
        if self.language:
            return {"value": self.value, "language": self.language}
        if self.datatype and not isinstance(self.value, int | float | bool):
            return {"value": self.value, "datatype": compact(self.datatype)}
        return self.value

    def __str__(self) -> str:
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        if isinstance(self.value, int):
            return f"{self.value:,}" if abs(self.value) >= 10_000 else str(self.value)
        return str(self.value)


@dataclass(frozen=True)
class Statement:
    """One property of an entity and its value (a blank node value is a nested ``Node``)."""

    predicate: Entity
    value: Entity | LiteralValue | Node


@dataclass(frozen=True)
class Node:
    """A blank node's own statements, such as a price or a duration range."""

    statements: tuple[Statement, ...]

    def to_json(self) -> dict[str, Any]:
        """The statements grouped by compact predicate name."""
        return _group(self.statements)

    def __str__(self) -> str:
        return "; ".join(f"{s.predicate.label}: {s.value}" for s in self.statements)


@dataclass(frozen=True)
class EntityDetails:
    """Everything the graph says about one entity, and what points to it."""

    entity: Entity
    types: tuple[Entity, ...]
    properties: tuple[Statement, ...]
    incoming: tuple[Statement, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.entity.to_json(),
            "types": [t.to_json() for t in self.types],
            "properties": _group(self.properties),
            "incoming": _group(self.incoming),
        }

    def table(self) -> Table:
        rows: list[tuple[Cell, ...]] = [("type", ", ".join(t.label for t in self.types))]
        rows += [(s.predicate.label, str(s.value)) for s in self.properties]
        rows += [(f"{s.predicate.label} (from)", str(s.value)) for s in self.incoming]
        return ("property", "value"), rows


def _group(statements: tuple[Statement, ...]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for statement in statements:
        grouped.setdefault(compact(statement.predicate.iri), []).append(statement.value.to_json())
    return grouped
