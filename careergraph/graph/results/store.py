"""Results of store info: the built stores of one location, and their sources and sizes."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuiltStore:
    """One built store: its key, folder, sources and size."""

    key: str
    path: Path
    sources: tuple[tuple[str, int], ...]
    triples: int
    built: float
    used: float
    bytes: int | None = None  # on disk, where measured (store info measures it)

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "path": str(self.path),
            "sources": [{"name": n, "triples": t} for n, t in self.sources],
            "triples": self.triples,
            "built": self.built,
            "used": self.used,
            "bytes": self.bytes,
        }


@dataclass(frozen=True)
class StoreListing:
    """The built stores of one location, as a result for the renderers."""

    location: Path
    built: tuple[BuiltStore, ...]

    def to_json(self) -> dict:
        return {"location": str(self.location), "stores": [b.to_json() for b in self.built]}

    def heading(self) -> str:
        """Where the stores are (for people)."""
        return f"location: {self.location}"

    def when_empty(self) -> str:
        """What people read where no store is built."""
        return "no store built yet"

    def table(self) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        rows = [
            (
                b.key,
                f"{b.triples:,}",
                f"{b.bytes / 1e6:.1f} MB" if b.bytes is not None else "",
                time.strftime("%Y-%m-%d %H:%M", time.localtime(b.used)),
                ", ".join(name for name, _ in b.sources),
            )
            for b in self.built
        ]
        return ("store", "triples", "size", "last used", "sources"), rows
