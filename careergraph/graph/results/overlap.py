"""Results of overlap: what roles, tracks or skill areas share, and how similar they are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from careergraph.graph.results import Cell, Entity, Table


@dataclass(frozen=True)
class ProfileItem:
    """A skill, tool or integration point of a profile, with why each owner has it."""

    entity: Entity
    kind: str  # what it counts as: "skill", "tool" or "other"
    via: tuple[tuple[str, str], ...]  # (owner label, reason)

    def to_json(self) -> dict[str, Any]:
        return {**self.entity.to_json(), "item_kind": self.kind, "via": dict(self.via)}


@dataclass(frozen=True)
class Overlap:
    """What two or more roles, tracks or skill areas share, and what only one of them has."""

    items: tuple[Entity, ...]
    kind: str  # the kind of items compared: all, skills or tools
    shared: tuple[ProfileItem, ...]
    only: tuple[tuple[Entity, tuple[ProfileItem, ...]], ...]
    similarity: float
    pairs: tuple[tuple[Entity, Entity, float], ...]
    measure: str = "weighted jaccard"

    def to_json(self) -> dict[str, Any]:
        return {
            "items": [item.to_json() for item in self.items],
            "kind": self.kind,
            "measure": self.measure,
            "similarity": round(self.similarity, 4),
            "shared": [item.to_json() for item in self.shared],
            "only": {owner.label: [i.to_json() for i in items] for owner, items in self.only},
            "pairs": [
                {"items": [a.to_json(), b.to_json()], "similarity": round(s, 4)}
                for a, b, s in self.pairs
            ],
        }

    def heading(self) -> str:
        """In one line: the similarity, and how many items are shared and only one's."""
        names = " and ".join(item.label for item in self.items)
        only = "; ".join(f"{len(items)} only {owner.label}" for owner, items in self.only)
        return (
            f"{names}: similarity {self.similarity:.2f} ({self.measure}); "
            f"{len(self.shared)} shared; {only}"
        )

    def table(self) -> Table:
        rows: list[tuple[Cell, ...]] = [
            (item.entity.label, item.kind, "shared", "; ".join(f"{o}: {w}" for o, w in item.via))
            for item in self.shared
        ]
        for owner, items in self.only:
            rows += [
                (item.entity.label, item.kind, f"only {owner.label}", item.via[0][1])
                for item in items
            ]
        rows.append((f"{self.measure} similarity", "", "", f"{self.similarity:.3f}"))
        return ("item", "kind", "in", "why"), rows


@dataclass(frozen=True)
class SimilarityMatrix:
    """The pairwise similarity of every role (or track)."""

    items: tuple[Entity, ...]
    kind: str  # the kind of items compared: all, skills or tools
    values: tuple[tuple[float, ...], ...]
    measure: str = "weighted jaccard"

    def to_json(self) -> dict[str, Any]:
        return {
            "items": [item.to_json() for item in self.items],
            "kind": self.kind,
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

    def narrow(self) -> NearestEach:
        """For a terminal too narrow for the whole matrix: each item's ``NEAREST_SHOWN`` most
        similar others, with their similarity."""
        rows = []
        for index, (item, row) in enumerate(zip(self.items, self.values, strict=True)):
            others = sorted(
                (j for j in range(len(self.items)) if j != index),
                key=lambda j: (-row[j], self.items[j].label.casefold()),
            )[:NEAREST_SHOWN]
            near = ", ".join(f"{self.items[j].label} {row[j]:.2f}" for j in others)
            rows.append((item.label, near))
        return NearestEach(len(self.items), rows)


NEAREST_SHOWN = 3


@dataclass(frozen=True)
class NearestEach:
    """What a similarity matrix too wide for the terminal says, a row per item."""

    count: int
    rows: list[tuple[str, str]]

    def heading(self) -> str:
        return (
            f"The {self.count} x {self.count} matrix is too wide for the terminal; each one's "
            f"{NEAREST_SHOWN} most similar (the whole matrix: --format csv, md or json):"
        )

    def table(self) -> Table:
        return ("", f"most similar ({NEAREST_SHOWN})"), list(self.rows)

    def to_json(self) -> list[dict[str, str]]:
        return [{"item": item, "most similar": near} for item, near in self.rows]
