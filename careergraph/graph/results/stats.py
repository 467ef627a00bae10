"""Results of stats: the size of the graph, by class and by source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from careergraph.graph.results import Cell, Count, Entity, Table


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

    def heading(self) -> str:
        """The engine, the store and the size, above the table of sources."""
        return f"{self.triples:,} triples on {self.engine}, in {self.store}"

    def table(self) -> Table:
        """The triples each source added."""
        return ("source", "triples"), [(name, Count(n)) for name, n in self.sources]

    def sections(self) -> list[tuple[str, Table]]:
        """The entities of each class, the most numerous first."""
        rows: list[tuple[Cell, ...]] = [(c.label, Count(n)) for c, n in self.classes]
        return [("Entities by class", (("class", "entities"), rows))]
