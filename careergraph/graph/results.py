"""Result objects: plain dataclasses that every renderer can turn into text.

Each result offers ``to_json()`` (plain data, the contract programs rely on) and ``table()``
(column names and rows of cells, for table, csv, tsv and md output).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from careergraph.graph.formats import GRAPH_FORMATS, SOLUTION_FORMATS
from careergraph.graph.store import Answer
from careergraph.graph.terms import IRI, BlankNode, Term
from careergraph.namespaces import compact
from careergraph.sparql_formats import (
    graph_document,
    results_csv,
    results_json,
    results_tsv,
    results_xml,
)

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


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result."""

    focus: Entity
    path: str | None
    message: str
    severity: str
    value: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "focus": self.focus.to_json(),
            "path": self.path,
            "message": self.message,
            "severity": self.severity,
            "value": self.value,
        }


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms to the shapes, and every violation if not."""

    conforms: bool
    violations: tuple[Violation, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {"conforms": self.conforms, "violations": [v.to_json() for v in self.violations]}

    def table(self) -> Table:
        rows = [
            (v.severity, v.focus.label, v.path or "", v.message, v.value or "")
            for v in self.violations
        ]
        return ("severity", "focus", "path", "message", "value"), rows


def _group(statements: tuple[Statement, ...]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for statement in statements:
        grouped.setdefault(compact(statement.predicate.iri), []).append(statement.value.to_json())
    return grouped


def _graph_renderer(name: str) -> Callable[[QueryResult], str]:
    return lambda result: graph_document(result.answer.triples, name, result.prefixes)


@dataclass(frozen=True)
class QueryResult:
    """The answer to a SPARQL query, rendered in the W3C result formats or as RDF.

    SELECT and ASK answers render as ``table``, ``md`` and the W3C ``json``, ``xml``, ``csv``
    and ``tsv``; CONSTRUCT and DESCRIBE answers as ``ttl``, ``nt`` and ``jsonld``.
    """

    answer: Answer
    prefixes: Mapping[str, str] = field(default_factory=dict)

    # Formats whose text is fixed by a standard, in place of the generic renderers.
    renderers: ClassVar[dict[str, Callable[[QueryResult], str]]] = {
        "xml": lambda result: results_xml(result.answer),
        "csv": lambda result: results_csv(result.answer),
        "tsv": lambda result: results_tsv(result.answer),
        **{name: _graph_renderer(name) for name in GRAPH_FORMATS},
    }

    @property
    def formats(self) -> tuple[str, ...]:
        """The output formats this answer can be rendered in, the default first."""
        return GRAPH_FORMATS if self.answer.form in ("construct", "describe") else SOLUTION_FORMATS

    def to_json(self) -> dict[str, Any]:
        """The SPARQL 1.1 Query Results JSON document."""
        return results_json(self.answer)

    def table(self) -> Table:
        """Variables and rows for people: compact IRIs, literal values."""
        if self.answer.form == "ask":
            return ("answer",), [("yes" if self.answer.boolean else "no",)]
        rows = [
            tuple(self._cell(row.get(name)) for name in self.answer.variables)
            for row in self.answer.rows
        ]
        return tuple(self.answer.variables), rows

    def _cell(self, term: Term | None) -> Cell:
        if term is None:
            return None
        if isinstance(term, IRI):
            return compact(term.value, self.prefixes)
        if isinstance(term, BlankNode):
            return str(term)
        return term.value if term.language else term.to_python()


# ---- overlap, paths and matching ---------------------------------------------------------


@dataclass(frozen=True)
class ProfileItem:
    """A skill, tool or integration point of a profile, with why each owner has it."""

    entity: Entity
    sort: str  # "skill", "tool" or "other"
    via: tuple[tuple[str, str], ...]  # (owner label, reason)

    def to_json(self) -> dict[str, Any]:
        return {**self.entity.to_json(), "sort": self.sort, "via": dict(self.via)}


@dataclass(frozen=True)
class Overlap:
    """What two or more roles, tracks or skill areas share, and what only one of them has."""

    items: tuple[Entity, ...]
    by: str
    shared: tuple[ProfileItem, ...]
    only: tuple[tuple[Entity, tuple[ProfileItem, ...]], ...]
    similarity: float
    pairs: tuple[tuple[Entity, Entity, float], ...]
    measure: str = "jaccard"

    def to_json(self) -> dict[str, Any]:
        return {
            "items": [item.to_json() for item in self.items],
            "by": self.by,
            "measure": self.measure,
            "similarity": round(self.similarity, 4),
            "shared": [item.to_json() for item in self.shared],
            "only": {owner.label: [i.to_json() for i in items] for owner, items in self.only},
            "pairs": [
                {"items": [a.to_json(), b.to_json()], "similarity": round(s, 4)}
                for a, b, s in self.pairs
            ],
        }

    def table(self) -> Table:
        rows: list[tuple[Cell, ...]] = [
            (item.entity.label, item.sort, "shared", "; ".join(f"{o}: {w}" for o, w in item.via))
            for item in self.shared
        ]
        for owner, items in self.only:
            rows += [
                (item.entity.label, item.sort, f"only {owner.label}", item.via[0][1])
                for item in items
            ]
        rows.append((f"{self.measure} similarity", "", "", f"{self.similarity:.3f}"))
        return ("item", "sort", "in", "why"), rows


@dataclass(frozen=True)
class SimilarityMatrix:
    """The pairwise similarity of every role (or track)."""

    items: tuple[Entity, ...]
    by: str
    values: tuple[tuple[float, ...], ...]
    measure: str = "jaccard"

    def to_json(self) -> dict[str, Any]:
        return {
            "items": [item.to_json() for item in self.items],
            "by": self.by,
            "measure": self.measure,
            "matrix": [[round(v, 4) for v in row] for row in self.values],
        }

    def table(self) -> Table:
        columns = ("", *(item.label for item in self.items))
        rows = [
            (item.label, *(round(v, 3) for v in row))
            for item, row in zip(self.items, self.values, strict=True)
        ]
        return columns, rows


@dataclass(frozen=True)
class Salary:
    """A yearly salary range (a salary band or a role's own)."""

    minimum: float | None
    maximum: float | None
    open_ended: bool = False
    currency: str | None = None
    source: Entity | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "min": self.minimum,
            "max": self.maximum,
            "open_ended": self.open_ended,
            "currency": self.currency,
            "range": self.source.to_json() if self.source else None,
        }

    def __str__(self) -> str:
        if self.minimum is None:
            return ""
        plus = "+" if self.open_ended else ""
        return f"{self.minimum:,.0f}-{self.maximum:,.0f}{plus} {self.currency or ''}".strip()


@dataclass(frozen=True)
class Investment:
    """A certification or a time investment the source ties to a track."""

    entity: Entity
    low: float | None
    high: float | None
    unit: str | None

    def to_json(self) -> dict[str, Any]:
        return {**self.entity.to_json(), "low": self.low, "high": self.high, "unit": self.unit}

    def __str__(self) -> str:
        span = f"{self.low:g}" if self.low == self.high else f"{self.low:g}-{self.high:g}"
        return f"{self.entity.label} ({span} {self.unit or ''})".replace(" )", ")")


@dataclass(frozen=True)
class Step:
    """One move of a career path, with what it takes."""

    source: Entity
    target: Entity
    relation: str
    cost: float
    evidence: str
    acquire: tuple[Entity, ...]
    carry_over: tuple[Entity, ...]
    salary_before: Salary | None
    salary_after: Salary | None
    certifications: tuple[Investment, ...]
    time: tuple[Investment, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.source.to_json(),
            "to": self.target.to_json(),
            "relation": self.relation,
            "cost": round(self.cost, 2),
            "evidence": self.evidence,
            "acquire": [e.to_json() for e in self.acquire],
            "carry_over": [e.to_json() for e in self.carry_over],
            "salary_before": self.salary_before.to_json() if self.salary_before else None,
            "salary_after": self.salary_after.to_json() if self.salary_after else None,
            "certifications": [c.to_json() for c in self.certifications],
            "time_investment": [t.to_json() for t in self.time],
        }


@dataclass(frozen=True)
class CareerPath:
    """A way from one role to another: its steps and their total cost."""

    steps: tuple[Step, ...]
    cost: float

    def to_json(self) -> dict[str, Any]:
        return {"steps": [s.to_json() for s in self.steps], "cost": round(self.cost, 2)}


@dataclass(frozen=True)
class PathResult:
    """The cheapest ways from one role to another, cheapest first."""

    source: Entity
    target: Entity
    paths: tuple[CareerPath, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.source.to_json(),
            "to": self.target.to_json(),
            "paths": [p.to_json() for p in self.paths],
        }

    def table(self) -> Table:
        rows: list[tuple[Cell, ...]] = []
        for number, path in enumerate(self.paths, 1):
            for step in path.steps:
                rows.append(
                    (
                        number,
                        round(path.cost, 1),
                        f"{step.source.label} -> {step.target.label}",
                        step.relation,
                        round(step.cost, 1),
                        len(step.acquire),
                        len(step.carry_over),
                        f"{step.salary_before or '?'} -> {step.salary_after or '?'}",
                        ", ".join(str(c) for c in step.certifications + step.time),
                    )
                )
        columns = ("path", "cost", "step", "relation", "step cost", "learn", "keep", "salary",
                   "certifications and time")  # fmt: skip
        return columns, rows


@dataclass(frozen=True)
class RoleMatch:
    """How much of what a role needs a set of skills covers."""

    role: Entity
    coverage: float
    covered: tuple[Entity, ...]
    missing: tuple[Entity, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role.to_json(),
            "coverage": round(self.coverage, 4),
            "covered": [e.to_json() for e in self.covered],
            "missing": [e.to_json() for e in self.missing],
        }


@dataclass(frozen=True)
class LearningStep:
    """A skill to learn next, and the roles it completes."""

    skill: Entity
    needed_by: int
    opens: tuple[Entity, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "skill": self.skill.to_json(),
            "needed_by": self.needed_by,
            "opens": [e.to_json() for e in self.opens],
        }


@dataclass(frozen=True)
class MatchResult:
    """Roles ranked by how much of their needs a set of skills covers, and what to learn."""

    skills: tuple[Entity, ...]
    roles: tuple[RoleMatch, ...]
    learning_order: tuple[LearningStep, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "skills": [e.to_json() for e in self.skills],
            "roles": [r.to_json() for r in self.roles],
            "learning_order": [s.to_json() for s in self.learning_order],
        }

    def table(self) -> Table:
        rows = [
            (
                match.role.label,
                f"{match.coverage:.0%}",
                len(match.covered),
                ", ".join(e.label for e in match.missing),
            )
            for match in self.roles
        ]
        return ("role", "coverage", "covered", "missing"), rows
