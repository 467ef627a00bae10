"""Results of show: an entity with its types, properties and incoming statements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from careergraph.graph.results import Cell, Entity, Items, Table
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
    words: str = ""  # what it says as people write it (a price: "200-600 USD each level")

    def to_json(self) -> dict[str, Any]:
        """The statements grouped by compact predicate name."""
        return _group(self.statements)

    def __str__(self) -> str:
        return self.words or "; ".join(f"{s.predicate.label}: {s.value}" for s in self.statements)


@dataclass(frozen=True)
class Section:
    """A titled table ``show`` adds about a role, a track, a skill or a tool (see
    :mod:`careergraph.graph.careers.briefing`); ``key`` names it in JSON."""

    title: str
    key: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def to_json(self) -> list[dict[str, Any]]:
        """A dictionary per row, keyed by the columns (spaces as underscores)."""
        keys = [column.replace(" ", "_") for column in self.columns]
        return [
            {k: list(v) if isinstance(v, Items) else v for k, v in zip(keys, row, strict=True)}
            for row in self.rows
        ]


# What people call the predicates of other vocabularies in a table (json keeps the names).
PLAIN = {
    "skos:prefLabel": "name",
    "skos:altLabel": "also called",
    "skos:hiddenLabel": "also searched as",
    "skos:definition": "definition",
    "skos:broader": "under",
    "skos:closeMatch": "close match",
    "skos:exactMatch": "same as",
    "skos:broadMatch": "within",
    "dcterms:description": "description",
    "dcterms:source": "source",
    "dcterms:license": "licence",
    "esco:relatedEssentialSkill": "essential skill",
    "esco:relatedOptionalSkill": "optional skill",
    "cg:optionalSkill": "optional skill",
    "rdfs:label": "label",
    "schema:estimatedSalary": "salary",
}


@dataclass(frozen=True)
class EntityDetails:
    """Everything the graph says about one entity, what points to it, and (for a role, a
    track, a skill or a tool) what a person asks about it."""

    entity: Entity
    types: tuple[Entity, ...]
    properties: tuple[Statement, ...]
    incoming: tuple[Statement, ...]
    about: tuple[Section, ...] = ()

    def to_json(self) -> dict[str, Any]:
        found = {
            **self.entity.to_json(),
            "types": [t.to_json() for t in self.types],
            "properties": _group(self.properties),
            "incoming": _group(self.incoming),
        }
        return {**found, **{s.key: s.to_json() for s in self.about}}

    def heading(self) -> str:
        kinds = ", ".join(t.label for t in self.types)
        return f"{self.entity.label} ({kinds})" if kinds else self.entity.label

    def table(self) -> Table:
        """Its statements, a row per property (values listed together), and what points to
        it, a row per property and kind of entity ("roles (track)": the roles whose track
        it is)."""
        own = _by_name(self.properties, lambda s: _plain(s.predicate))
        incoming = _by_name(self.incoming, lambda s: f"{_kinds(s.value)} ({_plain(s.predicate)})")
        rows: list[tuple[Cell, ...]] = [(name, _values(v)) for name, v in own + incoming]
        return ("property", "value"), rows

    def sections(self) -> list[tuple[str, Table]]:
        return [(s.title, (s.columns, list(s.rows))) for s in self.about if s.rows]


def _plain(predicate: Entity) -> str:
    return PLAIN.get(predicate.label, predicate.label)


def _kinds(value: Any) -> str:
    """The plural of an entity's kind, in words: "emerging technologies".

    >>> _kinds(Entity("x", "urn:x", "emerging-technology")), _kinds(Entity("y", "urn:y", "box"))
    ('emerging technologies', 'boxes')
    """
    kind = (getattr(value, "kind", None) or "entity").replace("-", " ")
    if kind.endswith("y") and kind[-2:-1] not in "aeiou":
        return kind[:-1] + "ies"
    return kind + ("es" if kind.endswith(("s", "sh", "ch", "x")) else "s")


def _by_name(statements, name) -> list[tuple[str, list[Any]]]:
    grouped: dict[str, list[Any]] = {}
    for statement in statements:
        grouped.setdefault(name(statement), []).append(statement.value)
    return list(grouped.items())


def _values(values: list[Any]) -> Cell:
    return str(values[0]) if len(values) == 1 else Items(str(v) for v in values)


def _group(statements: tuple[Statement, ...]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for statement in statements:
        grouped.setdefault(compact(statement.predicate.iri), []).append(statement.value.to_json())
    return grouped
