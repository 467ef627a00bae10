"""Result objects: plain dataclasses that every renderer can turn into text.

Each result offers ``to_json()`` (plain data, the contract programs rely on) and ``table()``
(column names and rows of cells, for table, csv, tsv and md output).

This module holds the entities and the results of stats, list, show and search; each other
command's results are a submodule (``query``, ``overlap``, ``paths``, ``matching``,
``validation``), so that a command imports only its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from careergraph.namespaces import compact

Cell = str | int | float | bool | None
Table = tuple[tuple[str, ...], list[tuple[Cell, ...]]]


@dataclass(frozen=True, order=True)
class Entity:
    """Something in the graph with an IRI and a human label."""

    label: str
    iri: str
    kind: str | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"iri": ..., "label": ..., "kind": ...}``."""
        return {"iri": self.iri, "label": self.label, "kind": self.kind}

    def __str__(self) -> str:
        return self.label


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
        rows = [
            (h.entity.label, h.entity.kind or "", h.matched, round(h.score, 3), h.entity.iri)
            for h in self.hits
        ]
        return ("label", "kind", "matched", "score", "iri"), rows


@dataclass(frozen=True)
class Stats:
    """The size of the graph: triples, entities by class, sources, and the engine."""

    engine: str
    triples: int
    sources: tuple[tuple[str, int], ...]
    classes: tuple[tuple[Entity, int], ...]
    store: str = "memory"

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "store": self.store,
            "triples": self.triples,
            "sources": [{"name": name, "triples": n} for name, n in self.sources],
            "classes": [{**c.to_json(), "count": n} for c, n in self.classes],
        }

    def table(self) -> Table:
        rows: list[tuple[Cell, ...]] = [
            ("engine", self.engine, None),
            ("store", self.store, None),
            ("triples", "", self.triples),
        ]
        rows += [("source", name, n) for name, n in self.sources]
        rows += [("class", c.label, n) for c, n in self.classes]
        return ("what", "name", "count"), rows


def _group(statements: tuple[Statement, ...]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for statement in statements:
        grouped.setdefault(compact(statement.predicate.iri), []).append(statement.value.to_json())
    return grouped
