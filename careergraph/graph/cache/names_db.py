"""A large graph's names, kept by its built store in SQLite and looked up one name at a time
instead of loaded whole: an imported taxonomy brings a hundred thousand of them."""

from __future__ import annotations

import contextlib
import marshal
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from careergraph.graph.resolution.forms import content_stems

Entry = tuple[int, str, str]


class StoredNames:
    """The names of a NameIndex (normalised name -> entries) kept in SQLite by a built
    store: looked up one name at a time instead of loaded whole, which matters when an
    imported taxonomy brings a hundred thousand of them."""

    def __init__(self, path: str | Path):

        self._db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        self._db.execute("SELECT norm FROM names LIMIT 1").fetchall()  # fails if damaged

    @staticmethod
    def write(path: str | Path, names: dict[str, list[tuple[int, str, str]]]) -> None:
        """Write ``names`` to a new SQLite file at ``path``, with the stems of their words
        (for :meth:`containing`)."""

        with contextlib.closing(sqlite3.connect(path)) as db:
            db.execute("CREATE TABLE names (norm TEXT PRIMARY KEY, entries BLOB) WITHOUT ROWID")
            db.executemany(
                "INSERT INTO names VALUES (?, ?)",
                ((key, marshal.dumps(list(entries))) for key, entries in names.items()),
            )
            db.execute("CREATE TABLE stems (stem TEXT, norm TEXT, PRIMARY KEY (stem, norm))")
            db.executemany(
                "INSERT OR IGNORE INTO stems VALUES (?, ?)",
                ((stem, key) for key in names for stem in content_stems(key)),
            )
            db.commit()

    def get(self, key: str, default=()) -> list[tuple[int, str, str]]:
        row = self._db.execute("SELECT entries FROM names WHERE norm = ?", (key,)).fetchone()
        return marshal.loads(row[0]) if row else default

    def items(self) -> Iterator[tuple[str, list[tuple[int, str, str]]]]:
        for key, blob in self._db.execute("SELECT norm, entries FROM names"):
            yield key, marshal.loads(blob)

    def values(self) -> Iterator[list[tuple[int, str, str]]]:
        for _, entries in self.items():
            yield entries

    def known(self, keys: set[str]) -> set[str]:
        """Those of ``keys`` that are names, asked in batches."""
        found: set[str] = set()
        wanted = sorted(keys)
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ", ".join("?" * len(batch))
            query = f"SELECT norm FROM names WHERE norm IN ({marks})"
            found.update(key for (key,) in self._db.execute(query, batch))
        return found

    def keys(self) -> list[str]:
        """Every name (normalised)."""
        return [key for (key,) in self._db.execute("SELECT norm FROM names")]

    def containing(self, stems: Sequence[str]) -> Iterator[tuple[str, list[tuple[int, str, str]]]]:
        """The names whose words hold every one of ``stems``, with their entries."""
        if not stems:
            return
        common = " INTERSECT ".join("SELECT norm FROM stems WHERE stem = ?" for _ in stems)
        query = f"SELECT norm, entries FROM names WHERE norm IN ({common})"
        for key, blob in self._db.execute(query, list(stems)):
            yield key, marshal.loads(blob)

    def candidates(self, wanted: str) -> Iterator[tuple[str, list[tuple[int, str, str]]]]:
        """The names worth scoring for a search: those that contain one of its words, or
        start like it (a typo after the third letter is still found)."""
        words = [w for w in wanted.split() if len(w) > 1] or [wanted]
        patterns = [f"%{_like(w)}%" for w in words] + [f"{_like(wanted[:3])}%"]
        where = " OR ".join("norm LIKE ? ESCAPE '\\'" for _ in patterns)
        for key, blob in self._db.execute(
            f"SELECT norm, entries FROM names WHERE {where}", patterns
        ):
            yield key, marshal.loads(blob)


def _like(text: str) -> str:
    """Text to match literally in a LIKE pattern."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
