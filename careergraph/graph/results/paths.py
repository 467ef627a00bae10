"""Results of path: the cheapest ways from one role to another, step by step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from careergraph.graph.results import Cell, Entity, Table


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
    seniority: tuple[Entity, ...] = ()  # the long-term value multipliers a step reaches

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
            "seniority": [e.to_json() for e in self.seniority],
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
                        _tied(step),
                    )
                )
        columns = ("path", "cost", "step", "relation", "step cost", "learn", "keep", "salary",
                   "certifications, time and seniority skills")  # fmt: skip
        return columns, rows


def _tied(step: Step) -> str:
    """The certifications, time and seniority skills the source ties to a step."""
    parts = [str(i) for i in step.certifications + step.time]
    if step.seniority:
        parts.append("grow: " + ", ".join(e.label for e in step.seniority))
    return ", ".join(parts)
