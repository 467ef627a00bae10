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
skill groups, labelled too). Each built-in role is linked to the ESCO occupations whose names
are closest to its own (see :func:`close_matches` and :func:`role_link`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.errors import BadInputError, DataFileError
from careergraph.graph.store.ntriples import iri_triple as _iri
from careergraph.graph.store.ntriples import literal_triple as _literal
from careergraph.namespaces import CG, DCTERMS, ESCO, ID, RDF, RDFS, SKOS, XSD

if TYPE_CHECKING:
    from careergraph.graph.sources.datasets import Dataset

DATASET = "urn:careergraph:dataset:esco"
ACKNOWLEDGEMENT = "ESCO classification, European Commission"
CLOSE_MATCH_THRESHOLD = 0.6
CLOSE_MATCHES = 3
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
_WORD = re.compile(r"[a-z0-9+#]+")
# Words that say nothing about the work itself.
_STOPWORDS = {"and", "of", "the", "for", "in", "a", "an", "junior", "senior", "lead", "focused"}


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


def builtin_names() -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """The built-in roles, and the built-in skills, skill areas, tools, tracks (the Python
    track is about Python) and sectors (a career transition may lead to one), with every
    name they go by, in label order: what ESCO's occupations and skills are matched
    against."""
    from careergraph.graph.names import NameIndex
    from careergraph.graph.sources import builtin_sources, load_source
    from careergraph.graph.store import open_store

    store = open_store("oxigraph")
    for source in builtin_sources():
        load_source(store, source)
    names = NameIndex.build(store)

    def named(classes: tuple[str, ...]) -> list[tuple[str, list[str]]]:
        found = [i for i in names.types if any(c in names.classes_of(i) for c in classes)]
        found.sort(key=lambda iri: (names.label(iri).casefold(), iri))
        return [(iri, names.names_of(iri)) for iri in found]

    items = (CG + "Skill", CG + "SkillArea", CG + "Tool", CG + "Track", CG + "IndustrySector")
    return named((CG + "Role",)), named(items)


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
            yield from role_link(role, names, occupation, occupations[occupation], score)
    items = list(items)
    labels = SkillLabels(skills)
    concepts = {**skills, **occupations}  # a sector is linked to the occupations of it
    curated = curated_links(concepts, {item: names[0] for item, names in items})
    for item, names in items:
        for link in [*labels.links(names), *curated.get(item, ())]:
            yield from link.ntriples(item)


@dataclass(frozen=True)
class SkillLink:
    """A link from a built-in item (a skill, a tool, a track; a role) to an ESCO skill (an
    occupation), with its evidence."""

    skill: str
    relation: str  # skos:exactMatch or skos:closeMatch
    mine: str  # the built-in label that matched
    theirs: str  # the ESCO label it matched
    rule: str
    confidence: float

    def ntriples(self, item: str) -> Iterator[str]:
        """The link, and its evidence on a statement restating it."""
        yield _iri(item, self.relation, self.skill)
        evidence = f"{DATASET}:link:{_digest(item + self.relation + self.skill)}"
        yield _iri(evidence, RDF + "type", RDF + "Statement")
        yield _iri(evidence, RDF + "subject", item)
        yield _iri(evidence, RDF + "predicate", self.relation)
        yield _iri(evidence, RDF + "object", self.skill)
        joined = _JOINED[self.relation.rsplit("#", 1)[1]]
        yield _literal(evidence, CG + "matchedLabel", f"{self.mine}{joined}{self.theirs}")
        yield _literal(evidence, CG + "matchRule", self.rule)
        yield _literal(
            evidence, CG + "confidence", f"{self.confidence:.2f}", datatype=XSD + "decimal"
        )
        yield _iri(evidence, DCTERMS + "source", DATASET)


# How cg:matchedLabel joins the two labels, by the link's kind.
_JOINED = {
    "exactMatch": " = ",
    "closeMatch": " ~ ",
    "broadMatch": " within ",
    "relatedMatch": " ~ ",
}
SAME_LABEL = "the built-in item's label is the ESCO skill's preferred label (any case)"
SAME_BUT_QUALIFIER = (
    "the built-in item's label is the ESCO skill's preferred label without its parenthesised "
    "qualifier (Python = Python (computer programming))"
)
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")


class SkillLabels:
    """The preferred labels of ESCO's skills, looked up by a built-in item's names. Only
    preferred labels count: ESCO's alternative labels mix synonyms with narrower terms
    ("security" is one of "securities", "git" of "tools for software configuration
    management")."""

    def __init__(self, skills: dict[str, list[str]]):
        self.same: dict[str, list[tuple[str, str]]] = {}
        self.bare: dict[str, list[tuple[str, str]]] = {}
        for skill, labels in skills.items():
            preferred = labels[0]
            key = _key(preferred)
            self.same.setdefault(key, []).append((skill, preferred))
            bare = _QUALIFIER.sub("", key)
            if bare != key:
                self.bare.setdefault(bare, []).append((skill, preferred))

    def links(self, names: list[str]) -> list[SkillLink]:
        """The ESCO skills a built-in skill or tool called ``names`` is: ``skos:exactMatch``
        where a name is a skill's preferred label (confidence 1), or is it but for ESCO's
        parenthesised qualifier (0.9; ``skos:closeMatch`` at 0.5 where several qualify).

        >>> labels = SkillLabels({"urn:py": ["Python (computer programming)"], "urn:x": ["X"]})
        >>> link = labels.links(["Python"])[0]
        >>> link.skill, link.relation.rsplit("#")[1], link.confidence
        ('urn:py', 'exactMatch', 0.9)
        """
        same = [(n, s, label) for n in names for s, label in self.same.get(_key(n), ())]
        if same:
            return [
                SkillLink(skill, SKOS + "exactMatch", name, label, SAME_LABEL, 1.0)
                for name, skill, label in sorted(set(same), key=lambda found: found[1])
            ]
        bare = sorted({(s, n, label) for n in names for s, label in self.bare.get(_key(n), ())})
        relation, confidence = ("exactMatch", 0.9) if len(bare) == 1 else ("closeMatch", 0.5)
        return [
            SkillLink(skill, SKOS + relation, name, label, SAME_BUT_QUALIFIER, confidence)
            for skill, name, label in bare
        ]


CURATED = "careergraph's curated crosswalk (graph/sources/esco-crosswalk.csv): {why}"
# What a curated row's relation is, and how sure it is: ESCO's skills are broader than most
# built-in items (ESCO has no Kubernetes, only "manage ICT virtualisation environments").
CURATED_RELATIONS = {
    "exact": (SKOS + "exactMatch", 1.0),
    "close": (SKOS + "closeMatch", 0.8),
    "broad": (SKOS + "broadMatch", 0.7),
}


def curated_links(
    skills: dict[str, list[str]],
    items: dict[str, str],
    table: Iterable[dict[str, str]] | None = None,
) -> dict[str, list[SkillLink]]:
    """The links of careergraph's curated crosswalk from the built-in ``items`` (IRI ->
    label) to the ESCO skills of ``skills`` (IRI -> labels, preferred first; the
    occupations a sector is linked to are there too), by item; a row whose item or ESCO
    concept is not there (another version of either) is left out. Each row
    of the table (``esco-crosswalk.csv`` unless ``table`` is given) names the item by its id
    path, the relation, the ESCO skill, its label and why.

    >>> row = {"item": "tool/kubernetes", "relation": "broad", "esco_skill": "urn:v",
    ...        "esco_label": "manage ICT virtualisation environments", "why": "it names it"}
    >>> skills = {"urn:v": ["manage ICT virtualisation environments"]}
    >>> kubernetes = ID + "tool/kubernetes"
    >>> links = curated_links(skills, {kubernetes: "Kubernetes"}, [row])
    >>> [(link.relation.rsplit("#")[1], link.confidence) for link in links[kubernetes]]
    [('broadMatch', 0.7)]
    """
    if table is None:
        table = _crosswalk_table()
    found: dict[str, list[SkillLink]] = {}
    for row in table:
        skill, item = row["esco_skill"], ID + row["item"]
        if skill not in skills or item not in items:
            continue
        relation, confidence = CURATED_RELATIONS[row["relation"]]
        rule = CURATED.format(why=row["why"])
        link = SkillLink(skill, relation, items[item], skills[skill][0], rule, confidence)
        found.setdefault(item, []).append(link)
    return found


def _crosswalk_table() -> list[dict[str, str]]:
    from importlib.resources import files

    text = files(__package__).joinpath("esco-crosswalk.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _key(label: str) -> str:
    return " ".join(label.split()).casefold()


def _digest(text: str) -> str:
    from careergraph.graph.cache.files import blake2b_digest

    return blake2b_digest(text.encode("utf-8"), digest_size=8).hexdigest()


SAME_NAME = (
    "the role's name (junior, senior and the like aside) is a name of the occupation: "
    "{mine} = {theirs}"
)
SIMILAR_NAME = (
    "the role's name is close to a name of the occupation ({score:.2f} of their words' weight, "
    "rare words weighing more): {mine} ~ {theirs}; careergraph moves between them only where "
    "their skills agree"
)


def role_link(
    role: str, names: list[str], occupation: str, labels: list[str], score: float
) -> Iterator[str]:
    """The link from a built-in role to an ESCO occupation whose name is close to its own,
    with its evidence: ``skos:closeMatch`` where the role's name is a name of the occupation
    (a score of 1: DevOps Engineer is ESCO's "DevOps engineer", an alternative label of
    *ICT change and configuration manager*), else only ``skos:relatedMatch`` (Site
    Reliability Engineer is not *dependability engineer*, whose "reliability engineer" it
    contains)."""
    same = score > 0.9999
    relation = SKOS + ("closeMatch" if same else "relatedMatch")
    mine, theirs = _closest_pair(names, labels)
    rule = (SAME_NAME if same else SIMILAR_NAME).format(mine=mine, theirs=theirs, score=score)
    yield from SkillLink(occupation, relation, mine, theirs, rule, round(score, 2)).ntriples(role)


def _closest_pair(names: list[str], labels: list[str]) -> tuple[str, str]:
    """The role's name and the occupation's label that share the most words."""

    def shared(pair: tuple[str, str]) -> tuple[int, int]:
        mine, theirs = _words(pair[0]), _words(pair[1])
        return (len(mine & theirs), -len(mine ^ theirs))

    return max(((n, label) for n in names for label in labels), key=shared)


def close_matches(names: list[str], occupations: dict[str, list[str]]) -> list[tuple[str, float]]:
    """The ESCO occupations closest to a role, best first.

    Two names are compared by the words they share, each word weighted by how rare it is
    among ESCO's occupation names (its inverse document frequency): shared weight over the
    weight of all the words of both (a weighted Jaccard). Words such as "junior" or
    "senior" that say nothing of the work are left out. An occupation scores its best pair
    of names (the role's labels, the occupation's preferred and alternative labels); up to
    ``CLOSE_MATCHES`` occupations scoring at least ``CLOSE_MATCH_THRESHOLD`` are kept. So
    "Site Reliability Engineer" does not match "site engineer": the rare word "reliability"
    weighs more than the common "site" and "engineer" together.
    """
    labels = {iri: [_words(label) for label in names_] for iri, names_ in occupations.items()}
    frequency: dict[str, int] = {}
    for words_list in labels.values():
        for word in set().union(*words_list):
            frequency[word] = frequency.get(word, 0) + 1
    total = len(labels) or 1

    def weight(word: str) -> float:
        return math.log((total + 1) / (frequency.get(word, 0) + 1)) + 1.0

    def similarity(first: frozenset[str], second: frozenset[str]) -> float:
        union = sum(weight(w) for w in first | second)
        return sum(weight(w) for w in first & second) / union if union else 0.0

    wanted = [w for w in (_words(name) for name in names) if w]
    scored = []
    for iri, candidates in labels.items():
        best = max((similarity(w, c) for w in wanted for c in candidates), default=0.0)
        if best >= CLOSE_MATCH_THRESHOLD:
            scored.append((iri, best))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:CLOSE_MATCHES]


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS)


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
