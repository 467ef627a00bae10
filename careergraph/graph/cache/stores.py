"""The persistent store: each set of sources is parsed once into an on-disk Oxigraph store,
which later calls open read-only in a few milliseconds instead of parsing Turtle.

Where: ``--store PATH``, else ``$CAREERGRAPH_STORE``, else the platform's cache folder
(``~/.cache/careergraph`` on Linux, as platformdirs has it). Inside, ``graphs/KEY/`` holds
one built store and its ``manifest.json``. KEY is a hash of careergraph's and Python's
versions, of the code whose state is kept (:func:`.kept.kept_format`), and of every source's
name and bytes (the built-in files, ``--data``
files; an imported dataset's fingerprint, taken when it was imported): any change to a
source means another KEY, so a changed file is picked up at the next call, and the same
files give the same KEY wherever they are installed.

A graph of fewer than ``SNAPSHOT_LIMIT`` triples (the built-in one, most ``--data``) is
kept as an N-Triples snapshot that a call loads into memory in milliseconds when it first
needs the triples, where queries also run fastest; a bigger one stays an on-disk store,
opened in a few tens of milliseconds whatever its size, and built again when another
version of pyoxigraph comes to open it.

Beside the triples, a build keeps what every call would otherwise work out from the whole
graph: the name index (``names.marshal``; for a graph of many names, the names themselves
in ``names.sqlite``, looked up one at a time) and the career facts with their indexes over
every role (``careers.marshal``): see :mod:`.kept`. Damaged kept data is worked out again.

Building is safe: a store is built in ``graphs/.build-KEY-PID`` and renamed into place
only when it is whole, so a failed or interrupted build leaves the stores there were
untouched; a lock file per KEY makes a second process wait for the first one's build
instead of racing it; built stores are never written again and open read-only. The least
recently used stores beyond ``KEEP`` are removed.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.errors import CareerGraphError, StoreWriteError
from careergraph.graph.cache.files import (
    blake2b_digest,
    open_lock,
    remove_path,
)
from careergraph.graph.cache.kept import Kept, keep, kept_format
from careergraph.graph.cache.location import (
    ENVIRONMENT,
    make_private,
    refuse_shared,
    store_location,
)
from careergraph.graph.sources import Source, load_source
from careergraph.graph.store.oxigraph_engine import OxigraphStore
from careergraph.processes import process_gone
from careergraph.version import __version__

if TYPE_CHECKING:
    from careergraph.graph.names import NameIndex
    from careergraph.graph.results.store import BuiltStore, StoreListing
    from careergraph.graph.store.endpoint import EndpointStore

KEEP = 6
MANIFEST_FORMAT = 2  # 2: checksums of the kept files
SNAPSHOT_LIMIT = 200_000
_STALE_BUILD = 3600.0  # seconds after which a left-over build folder is removed
_ATTEMPTS = 3  # builds of a store that store clear removes while it is being opened


class StoreCache:
    """The persistent stores under one location."""

    def __init__(
        self,
        location: str | Path | None = None,
        progress: Callable[[str, bool], None] | None = None,
    ):
        self.location = store_location(location)
        self.graphs = self.location / "graphs"
        self.notes: list[str] = []  # what users should hear of (a damaged store, rebuilt)
        # Hears each stage of a build (a stage, and whether it is the last word): a build
        # after an import takes tens of seconds.
        self.progress = progress or (lambda stage, last: None)

    def open(
        self, sources: Sequence[Source]
    ) -> tuple[OxigraphStore, list[tuple[Source, int]], Kept]:
        """A read-only store holding ``sources`` (built first if it does not exist yet), the
        triples of each source, and what the build kept."""
        refuse_shared(self.location, self.graphs)
        read = [source.pinned() for source in sources]  # keyed and built from the same bytes
        key = fingerprint(read)
        path = self.graphs / key
        for _ in range(_ATTEMPTS):
            if self._counts(key, verify=True) is None:
                self._build(key, lambda folder: self._load(folder, read))
            # Opened under a shared lock: store clear removes only what no one holds.
            with self._lock(key, shared=True):
                counts = self._counts(key)
                if counts is None:  # cleared between the build and the lock: build again
                    continue
                with contextlib.suppress(OSError):
                    os.utime(path / "manifest.json")  # when it was last used, for pruning
                snapshot = path / "graph.nt"
                if snapshot.exists():
                    store = OxigraphStore.from_ntriples(str(snapshot))
                else:
                    store = OxigraphStore(str(path / "db"), read_only=True)
            found = [(source, counts.get(source.name, 0)) for source in sources]
            return store, found, Kept(path)
        raise StoreWriteError(
            f"the store at {self.graphs} was cleared {_ATTEMPTS} times while opening it"
        )

    def built(self) -> list[BuiltStore]:
        """Every built store, most recently used first."""
        if not self.graphs.is_dir():
            return []
        found = [self._read(p.name) for p in self.graphs.iterdir() if not p.name.startswith(".")]
        return sorted((b for b in found if b), key=lambda b: -b.used)

    def listing(self) -> StoreListing:
        """The built stores, most recently used first."""
        from careergraph.graph.results.store import StoreListing

        measured = (replace(b, bytes=_disk_size(b.path)) for b in self.built())
        return StoreListing(self.location, tuple(measured))

    def clear(self) -> tuple[int, int, list[str]]:
        """Remove every built store and left-over build that no process holds (a build in
        progress, a store being opened), and what interrupted imports left; return how many
        stores went, how many were kept because they were in use, and the names of the
        entries careergraph did not write, which stay (a file or folder of the user's).
        Lock files stay: removing one under a waiting process would let two processes hold
        "the" lock at once."""
        from careergraph.graph.sources.datasets import Datasets

        removed = in_use = 0
        left: list[str] = []
        if self.graphs.is_dir():
            for path in sorted(self.graphs.iterdir()):
                if _LOCK.match(path.name):
                    continue
                if not _own(path):
                    left.append(path.name)
                    continue
                building = path.name.startswith(".build-")
                if self._remove_unheld(_key_of(path), path):
                    removed += not building
                else:
                    in_use += not building
        Datasets(self.location).recover()
        return removed, in_use, left

    def _remove_unheld(self, key: str, path: Path) -> bool:
        """Remove ``path`` (the store ``key`` or one of its builds) if no process holds the
        key's lock; False if one does."""
        with self._lock_file(key, shared=False) as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            try:
                # Out of the way first, in one step, then removed: a kill half-way leaves a
                # build folder of this process (removed by the next run), never a store
                # that looks whole and answers wrongly.
                aside = self.graphs / f".build-{key}-{os.getpid()}"
                if path != aside:
                    with contextlib.suppress(OSError):
                        remove_path(aside)
                        os.rename(path, aside)
                        path = aside
                remove_path(path)
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return True

    # ---- building --------------------------------------------------------------------

    def _counts(self, key: str, verify: bool = False) -> dict[str, int] | None:
        """The triples of each source of a usable built store, or None if there is none
        (with ``verify``, its kept files are checked against their checksums too)."""
        manifest = self._usable(key, verify)
        if manifest is None:
            return None
        return {source["name"]: source["triples"] for source in manifest["sources"]}

    def _usable(self, key: str, verify: bool = False) -> dict | None:
        """The manifest of a whole built store this pyoxigraph can open, or None. A manifest
        that is not one (see :func:`_damage`), or with ``verify`` a kept file that does not
        match its checksum, is damage: a note says so, and the store is built again. A
        snapshot is N-Triples, which any version reads; an on-disk database is rebuilt when
        another version of pyoxigraph built it (so the key need not import pyoxigraph)."""
        folder = self.graphs / key
        try:
            manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            return self._damaged(key, f"manifest.json is not JSON ({error})")
        damage = _damage(manifest) or (verify and _unlike_checksums(folder, manifest))
        if damage:
            return self._damaged(key, damage)
        if (folder / "db").exists():
            import pyoxigraph

            if manifest.get("pyoxigraph") != pyoxigraph.__version__:
                return None
        return manifest

    def _damaged(self, key: str, why: str) -> None:
        note = f"the store {self.graphs / key} was damaged ({why}): building it again"
        if note not in self.notes:
            self.notes.append(note)

    def _read(self, key: str) -> BuiltStore | None:
        from careergraph.graph.results.store import BuiltStore

        manifest = self.graphs / key / "manifest.json"
        try:
            data = json.loads(manifest.read_text("utf-8"))
            used = manifest.stat().st_mtime
        except (OSError, ValueError):
            return None
        if _damage(data):
            return None
        sources = tuple((s["name"], s["triples"]) for s in data["sources"])
        path = self.graphs / key
        return BuiltStore(key, path, sources, data["triples"], data["built"], used)

    def endpoint_kept(
        self, store: EndpointStore, announce: Callable[[str], None] | None = None
    ) -> Kept:
        """What careergraph keeps of the graph behind a SPARQL endpoint (its names and career
        facts, which every command would otherwise read whole from the server), worked out
        once per endpoint and triple count, when a command first needs it (``announce``
        hears of it first: it takes as long as reading the graph's names and facts)."""
        refuse_shared(self.location, self.graphs)
        triples = len(store)
        digest = _key_digest()
        digest.update(f"\0endpoint\0{store.url}\0{triples}".encode())
        key = digest.hexdigest()

        def build() -> None:
            if announce is not None:
                announce(
                    f"reading the names and career facts of {store.shown} once ({triples:,} "
                    "triples); later commands reuse them"
                )
            self._build(key, lambda folder: _keep_only(folder, store, triples))

        def ready() -> bool:
            return self._counts(key, verify=True) is not None

        return _BuiltOnDemand(self.graphs / key, ready, build)

    def _build(
        self, key: str, fill: Callable[[Path], tuple[list[tuple[str, int]], list[str]]]
    ) -> BuiltStore:
        """Build the store ``key`` in a folder of its own, where ``fill`` writes what it
        holds (and gives the triples of each source and the kept files); then move it into
        place."""
        try:
            make_private(self.graphs)
        except OSError as error:
            raise StoreWriteError(
                f"cannot create the store at {self.graphs} ({error.strerror or error}); "
                f"choose another location (or set ${ENVIRONMENT})"
            ) from None
        with self._lock(key):
            if self._usable(key, verify=True) is not None:  # another process built it
                ready = self._read(key)
                assert ready is not None
                return ready
            building = self.graphs / f".build-{key}-{os.getpid()}"
            remove_path(building)
            try:
                building.mkdir()
                counts, kept = fill(building)
                import pyoxigraph

                manifest = {
                    "version": __version__,
                    "pyoxigraph": pyoxigraph.__version__,
                    "built": time.time(),
                    "sources": [{"name": name, "triples": n} for name, n in counts],
                    "triples": sum(n for _, n in counts),
                    "kept": kept,
                    "checksums": {
                        name: _checksum(building / name)
                        for name in [*kept, "graph.nt"]
                        if (building / name).is_file()
                    },
                }
                (building / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")
                remove_path(self.graphs / key)  # one another pyoxigraph built, if any
                os.rename(building, self.graphs / key)
            except CareerGraphError as error:
                # Let go of the frames that hold the half-built store, so that pyoxigraph
                # closes it before its folder goes.
                error.__traceback__ = None
                gc.collect()
                raise
            except OSError as error:
                raise StoreWriteError(
                    f"cannot build the store at {self.graphs} ({error.strerror or error})"
                ) from None
            finally:
                remove_path(building)
        self._prune(keep=key)
        built = self._read(key)
        assert built is not None
        return built

    def _load(
        self, folder: Path, sources: Sequence[Source]
    ) -> tuple[list[tuple[str, int]], list[str]]:
        """Load ``sources`` into a new store in ``folder`` and keep what a build keeps; the
        triples of each source, and the kept files."""
        started = time.monotonic()
        said = any(source.name.startswith("dataset:") for source in sources)  # the long ones
        progress = self.progress if said else (lambda stage, last: None)
        store = OxigraphStore(str(folder / "db"))
        counts = []
        for source in sources:
            progress(f"building the store: reading {source.name}", False)
            counts.append((source.name, load_source(store, source)))
        triples = sum(n for _, n in counts)
        progress(f"building the store: names and career facts of {triples:,} triples", False)
        kept = keep(store, folder)
        small = len(store) < SNAPSHOT_LIMIT
        if small:
            store.dump(str(folder / "graph.nt"))
        else:
            store.flush()
        del store
        gc.collect()  # pyoxigraph closes the database when the store object goes
        if small:
            remove_path(folder / "db")
        progress(
            f"built the store in {time.monotonic() - started:.0f} s (kept for later runs)", True
        )
        return counts, kept

    @contextlib.contextmanager
    def _lock(self, key: str, shared: bool = False) -> Iterator[None]:
        """The key's lock: exclusive to build or remove a store, shared to open one. A store
        that cannot be written (a read-only disk, another user's folder) is opened under a
        shared lock on a lock file opened for reading, or under none where there is no
        lock file: nothing can change such a store. Raises StoreWriteError where an
        exclusive lock cannot be had there."""
        handle = self._lock_file(key, shared)
        if handle is None:
            yield
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _lock_file(self, key: str, shared: bool):
        """The key's lock file, opened to be written; for a shared lock in a folder that
        cannot be written, opened to be read (None where there is none)."""
        path = self.graphs / f".{key}.lock"
        try:
            return open_lock(path)
        except OSError as error:
            if path.is_symlink():
                raise StoreWriteError(
                    f"the lock file {path} is a symbolic link, which careergraph never "
                    "follows: remove it"
                ) from None
            if not shared:
                raise StoreWriteError(
                    f"the store at {self.graphs} cannot be written ({error.strerror or error})"
                ) from None
        try:
            return open(path)
        except OSError:
            return None

    def _prune(self, keep: str) -> None:
        for old in self.built()[KEEP:]:
            if old.key != keep:
                self._remove_unheld(old.key, old.path)
        now = time.time()
        for path in self.graphs.glob(".build-*"):
            with contextlib.suppress(OSError):
                if not _own(path):
                    continue
                gone = process_gone(int(path.name.rsplit("-", 1)[1]))
                if gone or now - path.stat().st_mtime > _STALE_BUILD:
                    self._remove_unheld(_key_of(path), path)


def _keep_only(
    folder: Path, store: EndpointStore, triples: int
) -> tuple[list[tuple[str, int]], list[str]]:
    """Fill ``folder`` with what a build keeps of an endpoint's graph, and no triples."""
    return [(store.shown, triples)], keep(store, folder)


class _BuiltOnDemand(Kept):
    """Kept data that is built when a command first needs all of it (an endpoint's); until
    then there is none (the names are asked for one question at a time)."""

    def __init__(self, folder: Path, ready: Callable[[], bool], build: Callable[[], None]):
        super().__init__(folder)
        self._ready, self._build = ready, build

    def ensure(self) -> None:
        if not self._ready():
            self._build()

    def names(self) -> NameIndex | None:
        return super().names() if self._ready() else None


def _damage(manifest: object) -> str | None:
    """What is wrong with a manifest (its schema), or None.

    >>> _damage([]), _damage({"version": "1"})
    ('not an object', 'lacks built, checksums, kept, pyoxigraph, sources, triples')
    """
    if not isinstance(manifest, dict):
        return "not an object"
    missing = sorted(set(_MANIFEST) - manifest.keys())
    if missing:
        return "lacks " + ", ".join(missing)
    for field, kind in _MANIFEST.items():
        if not isinstance(manifest[field], kind) or isinstance(manifest[field], bool):
            return f"its {field} is not {_MANIFEST_WORDS[field]}"
    sources, kept, checksums = manifest["sources"], manifest["kept"], manifest["checksums"]
    if not all(
        isinstance(s, dict)
        and isinstance(s.get("name"), str)
        and type(s.get("triples")) is int
        and s["triples"] >= 0
        for s in sources
    ):
        return "its sources are not names with triple counts"
    if not all(isinstance(name, str) and "/" not in name for name in [*kept, *checksums]):
        return "its kept files are not file names"
    if not all(isinstance(value, str) for value in checksums.values()):
        return "its checksums are not text"
    if manifest["triples"] != sum(s["triples"] for s in sources):
        return "its triples are not the sum of its sources'"
    return None


_MANIFEST = {
    "version": str,
    "pyoxigraph": str,
    "built": (int, float),
    "sources": list,
    "triples": int,
    "kept": list,
    "checksums": dict,
}
_MANIFEST_WORDS = {
    "version": "text",
    "pyoxigraph": "text",
    "built": "a time",
    "sources": "a list",
    "triples": "a number",
    "kept": "a list",
    "checksums": "an object",
}


def _unlike_checksums(folder: Path, manifest: dict) -> str | None:
    """The first kept file that is missing or does not match its checksum, said in words.
    SQLite tables are left to SQLite, which reads them a page at a time and finds its own
    damage (a damaged one is worked out again)."""
    for name in sorted({*manifest["kept"], *manifest["checksums"]}):
        if name.endswith(".sqlite"):
            continue
        try:
            found = _checksum(folder / name)
        except OSError:
            return f"{name} is missing"
        if found != manifest["checksums"].get(name):
            return f"{name} does not match its checksum"
    return None


def _checksum(path: Path) -> str:
    return blake2b_digest(path.read_bytes(), digest_size=16).hexdigest()


_KEY = r"[0-9a-f]{24}"
_STORE = re.compile(rf"{_KEY}|\.build-{_KEY}-\d+")  # a built store, or a build of one
_LOCK = re.compile(rf"\.{_KEY}\.lock")


def _own(path: Path) -> bool:
    """Whether careergraph wrote ``path`` under the store's ``graphs/``: a folder named as
    its stores are, holding a manifest (a build: a folder named as its builds are)."""
    if not _STORE.fullmatch(path.name) or path.is_symlink() or not path.is_dir():
        return False
    return path.name.startswith(".build-") or (path / "manifest.json").is_file()


def _key_of(path: Path) -> str:
    """The key of a store's folder, or of one of its builds (``.build-KEY-PID``)."""
    name = path.name
    return name.removeprefix(".build-").rsplit("-", 1)[0] if name.startswith(".build-") else name


def _disk_size(folder: Path) -> int:
    """The bytes of the files under ``folder`` (those still there)."""
    total = 0
    for file in folder.rglob("*"):
        with contextlib.suppress(OSError):
            if file.is_file():
                total += file.stat().st_size
    return total


def fingerprint(sources: Sequence[Source]) -> str:
    """A key that changes whenever a source, careergraph, the code whose state is kept or
    Python does (pyoxigraph's version is checked when an on-disk store is opened: see
    ``StoreCache._usable``)."""
    digest = _key_digest()
    for source in sources:
        digest.update(b"\0" + source.name.encode() + b"\0" + source.rdf_format.name.encode())
        if source.fingerprint:
            digest.update(source.fingerprint.encode())
        else:
            digest.update(blake2b_digest(source.read()).digest())
    return digest.hexdigest()


def _key_digest():
    """The digest every store key starts from: careergraph's and Python's versions, the code
    whose state is kept, and the manifest's format."""
    digest = blake2b_digest(digest_size=12)
    digest.update(f"careergraph {__version__} kept {kept_format()} {sys.version}".encode())
    digest.update(f" manifest {MANIFEST_FORMAT}".encode())
    return digest
