"""The ESCO classification (CSV export, as the European Commission publishes it) as RDF in
ESCO's own vocabulary.

ESCO classification, European Commission: reuse is authorised under Commission Decision
2011/833/EU, on condition that the source is acknowledged. careergraph never ships the
data; ``careergraph import esco`` converts the user's copy into their store.

What becomes of it: occupations (``esco:Occupation``) and skills (``esco:Skill``) with
``skos:prefLabel``, ``skos:altLabel``, ``skos:hiddenLabel`` (English: the words people search
by that ESCO does not show, such as "leadership" for *lead others*) and
``dcterms:description``; the occupation to skill links (``esco:relatedEssentialSkill``,
``esco:relatedOptionalSkill``); the two hierarchies (``skos:broader``, up to ISCO groups and
skill groups, labelled too). The built-in roles, skills and tools are linked to ESCO's as the
alignment room says (:mod:`.alignment`: label rules, the curated crosswalk, the occupations
closest to each role), each link stated with its confidence.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.errors import BadInputError, DataFileError
from careergraph.graph.sources.alignment import (
    SkillLabels,
    builtin_names,
    close_matches,
    curated_links,
    role_link,
)
from careergraph.graph.store.ntriples import iri_triple as _iri
from careergraph.graph.store.ntriples import literal_triple as _literal
from careergraph.namespaces import DCTERMS, ESCO, RDF, RDFS, SKOS

if TYPE_CHECKING:
    from careergraph.graph.sources.datasets import Dataset

DATASET = "urn:careergraph:dataset:esco"
ACKNOWLEDGEMENT = "ESCO classification, European Commission"
_NEEDED = (
    "occupations_en.csv",
    "skills_en.csv",
    "occupationSkillRelations.csv",
    "broaderRelationsOccPillar.csv",
    "broaderRelationsSkillPillar.csv",
)
_LABELLED_GROUPS = ("ISCOGroups_en.csv", "skillGroups_en.csv")
# The columns read from each file.
_COLUMNS = {
    "occupations_en.csv": ("conceptUri", "preferredLabel"),
    "skills_en.csv": ("conceptUri", "preferredLabel"),
    "occupationSkillRelations.csv": ("occupationUri", "relationType", "skillUri"),
    "broaderRelationsOccPillar.csv": ("conceptUri", "broaderUri"),
    "broaderRelationsSkillPillar.csv": ("conceptUri", "broaderUri"),
    "ISCOGroups_en.csv": ("conceptUri", "preferredLabel"),
    "skillGroups_en.csv": ("conceptUri", "preferredLabel"),
}
_IRI = re.compile(r"^https?://[^\s<>\"{}|^`\\]+$")


@dataclass(frozen=True)
class EscoFiles:
    """Where the CSV files are: a folder, or the two zips (in one folder)."""

    opener: Callable[[str], AbstractContextManager[io.BinaryIO]]
    names: frozenset[str]
    origin: str

    def text(self, name: str) -> AbstractContextManager[io.TextIOBase]:
        """One CSV file, opened as UTF-8 text."""

        @contextlib.contextmanager
        def opened() -> Iterator[io.TextIOBase]:
            with self.opener(name) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="")

        return opened()

    def _undecodable_line(self, name: str) -> int | None:
        """The line of the first byte of ``name`` that is not UTF-8 (read again, whole)."""
        with self.opener(name) as raw:
            data = raw.read()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            return data.count(b"\n", 0, error.start) + 1
        return None

    def rows(self, name: str) -> Iterator[dict[str, str]]:
        """The rows of one CSV file, as dictionaries. A file that lacks a column careergraph
        reads, a row with fewer fields than its header, bytes that are not UTF-8 and a
        damaged zip member are each a :class:`DataFileError` naming the file and the line."""
        where = f"{self.origin}: {name}"
        reader = None
        try:
            with self.text(name) as handle:
                reader = csv.DictReader(handle)
                missing = [c for c in _COLUMNS.get(name, ()) if c not in (reader.fieldnames or ())]
                if missing:
                    raise DataFileError(
                        where, f"not the ESCO CSV export: no {', '.join(missing)} column", 1
                    )
                for row in reader:
                    if None in row.values() or None in row:
                        found = sum(v is not None for v in row.values())
                        raise DataFileError(
                            where,
                            f"a row of {found} fields where the header has "
                            f"{len(reader.fieldnames or ())}",
                            reader.line_num,
                        )
                    yield row
        except UnicodeDecodeError as error:
            raise DataFileError(
                where,
                f"not UTF-8 text (byte 0x{error.object[error.start]:02x})",
                self._undecodable_line(name),
            ) from None
        except csv.Error as error:
            line = reader.line_num if reader is not None else None
            raise DataFileError(where, f"not CSV ({error})", line) from None
        except (zipfile.BadZipFile, EOFError, zlib.error) as error:
            raise DataFileError(where, f"a damaged zip member ({error})") from None

    def line_count(self) -> int:
        """About how many rows there are to read (lines of the CSVs), for a progress bar."""
        total = 0
        for name in (*_NEEDED, *_LABELLED_GROUPS):
            if name in self.names:
                # A file that cannot be read is left to rows(), which says where.
                unreadable = (ValueError, zipfile.BadZipFile, EOFError, zlib.error)
                with contextlib.suppress(*unreadable), self.opener(name) as handle:
                    total += sum(1 for _ in handle) - 1  # lines, read as bytes
        return total


def locate(path: str | Path) -> EscoFiles:
    """The ESCO CSV files in a folder, in the zips of a folder, or in the zips given."""
    path = Path(path)
    if not path.exists():
        raise DataFileError(str(path), "no such file or folder")
    zips = [path] if path.is_file() else sorted(path.glob("*.zip"))
    if path.is_dir() and any((path / name).exists() for name in _NEEDED):
        files = {p.name: p for p in path.rglob("*.csv")}
        return EscoFiles(
            lambda name: open(files[name], "rb"),
            frozenset(files),
            str(path),
        )
    members: dict[str, tuple[Path, str]] = {}
    for archive in zips:
        try:
            with zipfile.ZipFile(archive) as opened:
                for member in opened.namelist():
                    members.setdefault(Path(member).name, (archive, member))
        except (zipfile.BadZipFile, OSError) as error:
            raise DataFileError(str(archive), f"not a readable zip ({error})") from None

    @contextlib.contextmanager
    def opener(name: str) -> Iterator[io.BinaryIO]:
        archive, member = members[name]
        with zipfile.ZipFile(archive) as opened, opened.open(member) as raw:
            yield raw

    return EscoFiles(opener, frozenset(members), str(path))


def import_esco(
    path: str | Path,
    location: str | Path | None = None,
    name: str = "esco",
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Dataset:
    """Convert the ESCO CSV export at ``path`` (a folder of CSVs, a folder holding the two
    zips, or one zip) into the dataset ``name`` of the store ``location``, replacing one of
    that name when whole; ``progress(rows, total)`` hears of the rows read."""
    from careergraph.graph.sources.datasets import Datasets

    files = locate(path)
    total = files.line_count()
    roles, items = builtin_names()
    lines = esco_ntriples(files, roles, lambda rows: progress(rows, total), items)
    return Datasets(location).add(name, lines, files.origin)


def esco_ntriples(
    files: EscoFiles,
    roles: Iterable[tuple[str, list[str]]],
    progress: Callable[[int], None],
    items: Iterable[tuple[str, list[str]]] = (),
) -> Iterator[str]:
    """N-Triples lines of the ESCO data; ``roles`` (IRI, names) get their close matches and
    ``items`` (built-in skills and tools) their links to ESCO skills (:class:`SkillLabels`);
    ``progress`` hears of every row read."""
    missing = [name for name in _NEEDED if name not in files.names]
    if missing:
        raise BadInputError(
            f"{files.origin} is not the ESCO CSV export: {', '.join(missing)} missing "
            "(expected the classification and relations CSVs, as folder or zips)"
        )
    yield _literal(DATASET, RDFS + "label", ACKNOWLEDGEMENT)
    yield _literal(DATASET, DCTERMS + "license", "Commission Decision 2011/833/EU")
    occupations: dict[str, list[str]] = {}
    skills: dict[str, list[str]] = {}
    try:
        for kind, name in ((ESCO + "Occupation", "occupations_en.csv"),
                           (ESCO + "Skill", "skills_en.csv")):  # fmt: skip
            for row in files.rows(name):
                progress(1)
                iri = _checked(row["conceptUri"], name)
                names = [_preferred(row), *_lines(row.get("altLabels", ""))]
                (occupations if kind == ESCO + "Occupation" else skills)[iri] = names
                yield from _concept(iri, kind, row)
        for name in _LABELLED_GROUPS:
            if name in files.names:
                for row in files.rows(name):
                    progress(1)
                    iri = _checked(row["conceptUri"], name)
                    yield _iri(iri, RDF + "type", SKOS + "Concept")
                    yield _literal(iri, SKOS + "prefLabel", _preferred(row), "en")
        links = {"essential": ESCO + "relatedEssentialSkill",
                 "optional": ESCO + "relatedOptionalSkill"}  # fmt: skip
        for row in files.rows("occupationSkillRelations.csv"):
            progress(1)
            link = links.get(row["relationType"])
            if link:
                yield _iri(_checked(row["occupationUri"], "relations"), link,
                           _checked(row["skillUri"], "relations"))  # fmt: skip
        for name in ("broaderRelationsOccPillar.csv", "broaderRelationsSkillPillar.csv"):
            for row in files.rows(name):
                progress(1)
                yield _iri(_checked(row["conceptUri"], name), SKOS + "broader",
                           _checked(row["broaderUri"], name))  # fmt: skip
    except (KeyError, csv.Error, UnicodeDecodeError, zipfile.BadZipFile, EOFError) as error:
        reason = f"unreadable ESCO CSV ({type(error).__name__}: {error})"
        raise DataFileError(files.origin, reason) from None
    for role, names in roles:
        for occupation, score in close_matches(names, occupations):
            yield from role_link(role, names, occupation, occupations[occupation], score, DATASET)
    items = list(items)
    labels = SkillLabels(skills)
    concepts = {**skills, **occupations}  # a sector is linked to the occupations of it
    curated = curated_links(concepts, {item: names[0] for item, names in items})
    for item, names in items:
        for link in [*labels.links(names), *curated.get(item, ())]:
            yield from link.ntriples(item, DATASET)


def _concept(iri: str, kind: str, row: dict[str, str]) -> Iterator[str]:
    yield _iri(iri, RDF + "type", kind)
    yield _iri(iri, DCTERMS + "source", DATASET)
    yield _literal(iri, SKOS + "prefLabel", _preferred(row), "en")
    for alternative in _lines(row.get("altLabels", "")):
        yield _literal(iri, SKOS + "altLabel", alternative, "en")
    for hidden in _lines(row.get("hiddenLabels", "")):
        yield _literal(iri, SKOS + "hiddenLabel", hidden, "en")
    if row.get("description"):
        yield _literal(iri, DCTERMS + "description", row["description"], "en")


def _preferred(row: dict[str, str]) -> str:
    """The preferred label with its spaces tidied (83 of ESCO's end with one)."""
    return " ".join(row["preferredLabel"].split())


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _checked(iri: str, where: str) -> str:
    if not _IRI.match(iri):
        raise BadInputError(f"{where}: {iri!r} is not an ESCO IRI")
    return iri
