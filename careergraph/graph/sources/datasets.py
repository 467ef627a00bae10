"""Imported datasets (``careergraph import``): converted once to N-Triples in the user's
store folder, then part of every graph the command line opens, like the built-in data.

``datasets/NAME/`` holds ``data.nt`` and ``dataset.json`` (where it came from, when, how
many triples, a fingerprint). An import writes into a private folder and renames it into
place when whole (imports at once queue for that step on the dataset's lock): a failed or
interrupted import (a bad file, a full disk) leaves the datasets there were untouched.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from careergraph.errors import BadInputError, NotFoundError, StoreWriteError
from careergraph.graph.cache.files import (
    blake2b_digest,
    open_lock,
    remove_path,
)
from careergraph.graph.cache.location import datasets_folder, make_private, refuse_shared
from careergraph.graph.sources import Source
from careergraph.graph.store.formats import FORMATS
from careergraph.processes import process_gone
from careergraph.taxonomies import imported_as

# What an import writes beside the datasets while it works (see Datasets.add).
_LEFT_OVER = re.compile(r"\.(?P<what>import|old)-(?P<name>[A-Za-z0-9-]+?)-(?P<pid>\d+)")


@dataclass(frozen=True)
class Dataset:
    """One imported dataset."""

    name: str
    folder: Path
    origin: str
    triples: int
    imported: float
    fingerprint: str
    kind: str = "esco"  # which importer wrote it: esco, or roles (a job architecture)

    def source(self) -> Source:
        """The dataset as a source of the graph."""
        path = self.folder / "data.nt"
        return Source(
            f"dataset:{self.name}",
            path.resolve().as_uri(),
            FORMATS["nt"],
            path=path,
            fingerprint=self.fingerprint,
            taxonomy=imported_as(self.kind, self.name),
        )

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "origin": self.origin,
            "kind": self.kind,
            "triples": self.triples,
            "imported": time.strftime("%Y-%m-%d %H:%M", time.localtime(self.imported)),
            "folder": str(self.folder),
        }


@dataclass(frozen=True)
class DatasetList:
    """The imported datasets, as a result."""

    datasets: tuple[Dataset, ...]

    def to_json(self) -> list[dict]:
        return [d.to_json() for d in self.datasets]

    def table(self) -> tuple[tuple[str, ...], list[tuple]]:
        rows = [
            (d["name"], d["kind"], f"{d['triples']:,}", d["imported"], d["origin"])
            for d in self.to_json()
        ]
        return ("dataset", "kind", "triples", "imported", "from"), rows


class Datasets:
    """The datasets imported under one store location."""

    def __init__(self, location: str | Path | None = None):
        self.folder = datasets_folder(location)

    def all(self) -> list[Dataset]:
        """Every imported dataset, by name, once what interrupted imports left is put
        right (:meth:`recover`)."""
        if not self.folder.is_dir():
            return []
        self.recover()
        found = (self._read(p) for p in sorted(self.folder.iterdir()) if not p.name.startswith("."))
        return [d for d in found if d is not None]

    def sources(self) -> list[Source]:
        """Every imported dataset as a source (refused from a folder others can write to)."""
        refuse_shared(self.folder.parent, self.folder)
        return [dataset.source() for dataset in self.all()]

    def recover(self) -> int:
        """Put right what imports whose process is gone left behind: an unfinished import
        (``.import-NAME-PID``) is removed; a dataset moved aside by a re-import killed
        between its two renames (``.old-NAME-PID``) goes back in place where no new one
        took it, else it is removed. How many were put right; a folder that cannot be
        written (a read-only disk) is left as it is."""
        if not self.folder.is_dir():
            return 0
        mended = 0
        with contextlib.suppress(OSError):
            for path in sorted(self.folder.iterdir()):
                found = _LEFT_OVER.fullmatch(path.name)
                if found is None or not process_gone(int(found["pid"])) or path.is_symlink():
                    continue
                final = self.folder / found["name"]
                if found["what"] == "old" and not final.exists():
                    os.rename(path, final)
                else:
                    remove_path(path)
                mended += 1
        return mended

    def add(self, name: str, lines: Iterable[str], origin: str, kind: str = "esco") -> Dataset:
        """Write a dataset from N-Triples lines, replacing one of the same name when whole;
        ``kind`` says which importer wrote it."""
        if not name.replace("-", "").isalnum():
            raise BadInputError(f"{name!r} is not a dataset name (letters, digits, -)")
        building = self.folder / f".import-{name}-{os.getpid()}"
        try:
            make_private(self.folder)
            remove_path(building)
            building.mkdir()
            digest, count = blake2b_digest(digest_size=12), 0
            with open(building / "data.nt", "w", encoding="utf-8") as handle:
                for line in lines:
                    handle.write(line)
                    digest.update(line.encode("utf-8"))
                    count += 1
            meta = {"origin": origin, "triples": count, "imported": time.time(),
                    "fingerprint": digest.hexdigest(), "kind": kind}  # fmt: skip
            (building / "dataset.json").write_text(json.dumps(meta, indent=1), "utf-8")
            final, old = self.folder / name, self.folder / f".old-{name}-{os.getpid()}"
            # One import at a time swaps its dataset in: two at once queue here.
            with open_lock(self.folder / f".{name}.lock") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if final.exists():
                    os.rename(final, old)
                os.rename(building, final)
                remove_path(old)
                dataset = self._read(final)  # under the lock: another import may follow
        except OSError as error:
            raise StoreWriteError(
                f"cannot write the dataset to {self.folder} ({error.strerror or error})"
            ) from None
        finally:
            remove_path(building)
        if dataset is None:
            raise StoreWriteError(f"the dataset written to {final} cannot be read back")
        return dataset

    def remove(self, name: str) -> Dataset:
        """Remove one dataset; NotFoundError names those there are."""
        for dataset in self.all():
            if dataset.name == name:
                remove_path(dataset.folder)
                if dataset.folder.exists():  # a read-only disk, a folder of another user's
                    raise StoreWriteError(
                        f"cannot remove the dataset {name!r} from {self.folder}: the folder "
                        "cannot be written"
                    )
                return dataset
        known = ", ".join(d.name for d in self.all()) or "none"
        raise NotFoundError(f"no imported dataset {name!r}; imported: {known}")

    def _read(self, folder: Path) -> Dataset | None:
        with contextlib.suppress(OSError, ValueError, KeyError):
            meta = json.loads((folder / "dataset.json").read_text("utf-8"))
            kind = meta.get("kind", "esco")  # imports before job architectures: ESCO's
            return Dataset(folder.name, folder, meta["origin"], meta["triples"],
                           meta["imported"], meta["fingerprint"], kind)  # fmt: skip
        return None
