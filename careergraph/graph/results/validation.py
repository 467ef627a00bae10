"""Results of validate: whether a graph conforms to careergraph's SHACL shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from careergraph.graph.results import Entity, Table


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

    def when_empty(self) -> str:
        """What people read where the graph conforms."""
        return "The graph conforms to the shapes."

    def table(self) -> Table:
        rows = [
            (v.severity, v.focus.label, v.path or "", v.message, v.value or "")
            for v in self.violations
        ]
        return ("severity", "focus", "path", "message", "value"), rows
