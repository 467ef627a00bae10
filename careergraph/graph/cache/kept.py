"""What a built store keeps beside its triples, so that a call need not work it out again
from the whole graph: the name index and the career facts with their indexes over every role.

The cache meets the domain only through the domain's explicit state functions
(``NameIndex.state``/``from_state``, ``CareerFacts.state``/``from_state``): plain
dictionaries, lists, strings, numbers and bytes, written with :mod:`marshal`, which can carry
no code (a kept file planted by someone else cannot run anything). A large graph's names go
to SQLite instead (``names.sqlite``), looked up one at a time.

The layout of what is kept is not a number bumped by hand: :func:`kept_format` is a digest
of the code that defines and computes it (the modules of ``KEPT_BY``), so any change there
gives new store keys and data kept the old way is never read. Damaged kept data is worked
out again from the triples.
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.graph.cache.files import blake2b_digest
from careergraph.graph.store import without_collection

if TYPE_CHECKING:
    from careergraph.graph.careers.facts import CareerFacts
    from careergraph.graph.names import NameIndex
    from careergraph.graph.store import Store

NAMES_IN_SQLITE = 20_000  # more names than this are looked up in SQLite, not loaded whole
# The files a build keeps beside the triples.
NAMES_FILE, NAMES_TABLE, CAREERS_FILE = "names.marshal", "names.sqlite", "careers.marshal"
# The code whose state a build keeps, relative to the package ``careergraph.graph``: the
# names, the career facts and what is worked out from them and kept (profiles, the role
# index, the viable threshold and the near lists), and the taxonomy registry they ask. The
# rankings that only read them (matching, moves, paths, overlap, show's briefing) are not
# in it: changing one leaves the built stores in place.
KEPT_BY = (
    "names.py", "kinds.py", "resolution/forms.py", "queries", "../taxonomies.py",
    *(f"careers/{name}.py" for name in ("facts", "profiles", "index", "similarity", "vocabulary")),
)  # fmt: skip
_GRAPH_PACKAGE = Path(__file__).resolve().parents[1]
_DAMAGED = (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError)


def kept_format() -> str:
    """A digest of the code that defines what a build keeps (see the module docstring)."""
    digest = blake2b_digest(digest_size=8)
    for part in KEPT_BY:
        path = _GRAPH_PACKAGE / part
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.suffix in (".py", ".rq"):
                digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def keep(store: Store, folder: Path) -> list[str]:
    """Work out and write into ``folder`` what a build keeps of ``store``; the names of the
    files written."""
    from careergraph.graph.cache.names_db import StoredNames
    from careergraph.graph.careers.facts import CareerFacts
    from careergraph.graph.names import NameIndex

    with without_collection():
        names = NameIndex.build(store)
        careers = CareerFacts.read(store, names)
        careers_state = careers.state()
    written = [NAMES_FILE, CAREERS_FILE]
    in_table = len(names.names) > NAMES_IN_SQLITE
    if in_table:
        StoredNames.write(folder / NAMES_TABLE, names.names)
        written.append(NAMES_TABLE)
    (folder / NAMES_FILE).write_bytes(marshal.dumps(names.state(with_names=not in_table)))
    (folder / CAREERS_FILE).write_bytes(marshal.dumps(careers_state))
    return written


class Kept:
    """What one built store kept, read on demand; None where it is missing or damaged (the
    caller works it out again)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def ensure(self) -> None:
        """Make sure what is kept is there (a built store's is, from its build)."""

    def names(self) -> NameIndex | None:
        """The name index, its names looked up in SQLite for a large graph."""
        from careergraph.graph.names import NameIndex

        try:
            with without_collection():
                state = marshal.loads((self.folder / NAMES_FILE).read_bytes())
            table = None
            if (self.folder / NAMES_TABLE).exists():
                from careergraph.graph.cache.names_db import StoredNames

                table = StoredNames(self.folder / NAMES_TABLE)
            return NameIndex.from_state(state, table)
        except _DAMAGED:
            return None
        except Exception as error:  # sqlite3.Error, without importing sqlite3 to name it
            if type(error).__module__ == "sqlite3":
                return None
            raise

    def careers(self, names: NameIndex) -> CareerFacts | None:
        """The career facts and their indexes, labelled by ``names``."""
        from careergraph.graph.careers.facts import CareerFacts

        try:
            with without_collection():
                state = marshal.loads((self.folder / CAREERS_FILE).read_bytes())
                return CareerFacts.from_state(state, names)
        except _DAMAGED:
            return None
