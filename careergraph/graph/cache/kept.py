"""What a built store keeps beside its triples, so that a call need not work it out again
from the whole graph: the name index, the career facts, and the career model worked out from
them (the index over every role, the viable similarity, the near lists).

The cache meets the domain only through the domain's explicit state functions
(``NameIndex.state``/``from_state``, ``CareerFacts.state``/``from_state``,
``CareerModel.derived``/``of``): plain dictionaries, lists, strings, numbers and bytes,
written with :mod:`marshal`, which can carry no code (a kept file planted by someone else
cannot run anything). A large graph's names go to SQLite instead (``names.sqlite``), looked
up one at a time.

The layout of what is kept is not a number bumped by hand: :func:`kept_format` is a digest
of the code that defines the names and the facts (the modules of ``KEPT_BY``), so any change
there gives new store keys and data kept the old way is never read. The model is kept apart,
in a file named by the digest of the code that works it out (``MODEL_BY``, :func:`model_format`):
a change to a ranking there (similarity, the index, profiles) works the model out again,
once, and leaves the store in place. A ranking that only reads the model (matching, moves,
paths, overlap, show's briefing) is in neither. Damaged kept data is worked out again.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.graph.cache.files import blake2b_digest
from careergraph.graph.store import without_collection

if TYPE_CHECKING:
    from careergraph.graph.careers.facts import CareerFacts
    from careergraph.graph.careers.model import CareerModel
    from careergraph.graph.names import NameIndex
    from careergraph.graph.store import Store

NAMES_IN_SQLITE = 20_000  # more names than this are looked up in SQLite, not loaded whole
# The files a build keeps beside the triples.
NAMES_FILE, NAMES_TABLE, CAREERS_FILE = "names.marshal", "names.sqlite", "careers.marshal"
# The code that defines what a build keeps, relative to the package ``careergraph.graph``:
# the names, the career facts, and the vocabulary and taxonomy registry they are read by.
KEPT_BY = (
    "names.py", "kinds.py", "resolution/forms.py", "queries", "../taxonomies.py",
    "careers/facts.py", "careers/vocabulary.py",
)  # fmt: skip
# The code that works out the model kept beside them (see the module docstring).
MODEL_BY = tuple(f"careers/{name}.py" for name in ("profiles", "index", "model", "similarity"))
MODEL_FILE = "model-{}.marshal"
_GRAPH_PACKAGE = Path(__file__).resolve().parents[1]
_DAMAGED = (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError)


def kept_format() -> str:
    """A digest of the code that defines what a build keeps (see the module docstring)."""
    return _digest_of(KEPT_BY)


def model_format() -> str:
    """A digest of the code that works out the kept model (see the module docstring)."""
    return _digest_of(MODEL_BY)


def _digest_of(parts: tuple[str, ...]) -> str:
    digest = blake2b_digest(digest_size=8)
    for part in parts:
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
    _keep_model(folder, careers)
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

    def careers(self, names: NameIndex) -> CareerModel | None:
        """The career model, labelled by ``names``: the kept facts, and the kept model
        where the code that works it out is the same (else it is worked out again, and kept
        where the store can be written)."""
        from careergraph.graph.careers.facts import CareerFacts
        from careergraph.graph.careers.model import CareerModel

        try:
            with without_collection():
                state = marshal.loads((self.folder / CAREERS_FILE).read_bytes())
                facts = CareerFacts.from_state(state, names)
        except _DAMAGED:
            return None
        kept_model = self.folder / MODEL_FILE.format(model_format())
        try:
            with without_collection():
                return CareerModel.of(facts, marshal.loads(kept_model.read_bytes()))
        except _DAMAGED:
            return _keep_model(self.folder, facts)


def _keep_model(folder: Path, facts: CareerFacts) -> CareerModel:
    """Work out the model of ``facts`` and write it into ``folder`` (in place of a model
    worked out by other code), where it can be written: atomically, so that a reader finds
    the whole file or none."""
    import tempfile  # it loads random: not at every command's start

    from careergraph.graph.careers.model import CareerModel
    from careergraph.graph.careers.similarity import work_out

    with without_collection():
        model = work_out(CareerModel.of(facts))
        data = marshal.dumps(model.derived())
    name = MODEL_FILE.format(model_format())
    with contextlib.suppress(OSError):  # a store another user built, a read-only disk
        descriptor, temporary = tempfile.mkstemp(prefix=".model-", suffix=".part", dir=folder)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temporary, folder / name)
        finally:
            Path(temporary).unlink(missing_ok=True)
        for old in folder.glob(MODEL_FILE.format("*")):
            if old.name != name:
                old.unlink(missing_ok=True)
    return model
