"""A job architecture from a spreadsheet (``careergraph import roles FILE.csv``): a company's
roles, families, levels, skills and salaries, in careergraph's vocabulary, as a taxonomy of
its own (see :mod:`careergraph.taxonomies`).

One row per role and skill, with the columns of :data:`COLUMNS` (``description`` may be
left out), in a CSV file or the first sheet of an Excel workbook (``.xlsx``, with the
``xlsx`` extra). A role's family, level, salary and description are the same on each of its rows.
``level`` is a rank (``1`` to ``9``, ``L3``) or a name (:data:`LEVEL_NAMES`); ``need`` is
``essential`` or ``optional``, or an importance from 1 to 5 (3 to 5 essential, 1 and 2
optional). Each skill is read as the built-in or ESCO skill of its name where the caller's
``resolve`` finds one confidently enough, with the rule that read it; else it is a skill of
the job architecture's own. A family is a track: its roles at the next rank are its
promotions, and what its roles need is its profile (their own profiles hold only what they
list: see :mod:`careergraph.taxonomies`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from careergraph.errors import DataFileError
from careergraph.graph.sources import read_file, utf8_text
from careergraph.graph.sources.alignment import stated
from careergraph.graph.store.ntriples import iri_triple as _iri
from careergraph.graph.store.ntriples import literal_triple as _literal
from careergraph.namespaces import CG, DCTERMS, RDF, SCHEMA, SKOS, XSD
from careergraph.taxonomies import job_architecture

COLUMNS = ("role", "family", "level", "skill", "need", "salary_min", "salary_max", "currency")
OPTIONAL_COLUMNS = ("description",)
LEVEL_NAMES = {
    **dict.fromkeys(("intern", "trainee", "graduate", "entry", "junior", "associate"), 1),
    **dict.fromkeys(("mid", "mid-level", "intermediate", "experienced"), 2),
    **dict.fromkeys(("senior",), 3),
    **dict.fromkeys(("lead", "staff", "expert"), 4),
    **dict.fromkeys(("principal", "head", "director", "distinguished"), 5),
}
TEMPLATE = """role,family,level,skill,need,salary_min,salary_max,currency,description
Data Analyst,Data,Junior,SQL,essential,45000,60000,EUR,Turns questions into charts
Data Analyst,Data,Junior,Python,essential,45000,60000,EUR,Turns questions into charts
Data Analyst,Data,Junior,Stakeholder interviews,2,45000,60000,EUR,Turns questions into charts
Senior Data Analyst,Data,Senior,SQL,essential,65000,85000,EUR,Leads a product area's analyses
Senior Data Analyst,Data,Senior,Data visualisation,5,65000,85000,EUR,Leads a product area's analyses
"""
CONFIDENT = 0.85  # the least confidence of a reading that links a skill to the graph's
_LEVEL_RANK = re.compile(r"(?i)(?:l|level\s*)?([1-9])")


@dataclass
class _Role:
    name: str
    family: str
    rank: int
    level_name: str
    salary: tuple[float, float, str] | None
    description: str
    line: int
    needs: dict[str, bool] = field(default_factory=dict)  # skill -> essential


@dataclass(frozen=True)
class SkillReading:
    """How a skill name of the file was read: the IRI, the rule (``own`` where none)."""

    name: str
    iri: str
    rule: str
    confidence: float


@dataclass(frozen=True)
class JobArchitecture:
    """What an import of a job architecture read, as its report shows it."""

    name: str
    roles: int
    families: int
    levels: int
    readings: tuple[SkillReading, ...]
    lines: tuple[str, ...] = field(repr=False)

    @property
    def own_skills(self) -> list[str]:
        return sorted(reading.name for reading in self.readings if reading.rule == "own")

    def report(self) -> list[str]:
        """What the import read, in lines for people: the counts, how the skills were
        read (by rule), and the skills of its own."""
        rules: dict[str, int] = {}
        for reading in self.readings:
            rules[reading.rule] = rules.get(reading.rule, 0) + 1
        read = sum(n for rule, n in rules.items() if rule != "own")
        by_rule = ", ".join(f"{rule} {n}" for rule, n in sorted(rules.items()) if rule != "own")
        own = self.own_skills
        lines = [
            f"imported {self.roles} roles in {self.families} families and {self.levels} levels "
            f"as dataset {self.name!r} (--source {self.name})",
            f"{len(self.readings)} skills: {read} read as the graph's ({by_rule or 'none'}), "
            f"{len(own)} its own",
        ]
        if own:
            shown = ", ".join(own[:12]) + (f" and {len(own) - 12} more" if len(own) > 12 else "")
            lines.append(f"its own skills: {shown}")
        return lines


def read_roles(
    path: str | Path,
    name: str,
    resolve: Callable[[str], tuple[str, str, float] | None],
) -> JobArchitecture:
    """Read the job architecture at ``path`` as the taxonomy ``name``; ``resolve`` gives
    the IRI, rule and confidence of the graph's skill a name reads as (None: none). A file
    that is not one is a :class:`DataFileError` naming the file and the line."""
    shown, data = str(path), read_file(Path(path))
    text = (
        _workbook_text(shown, data)
        if Path(path).suffix.lower() == ".xlsx"
        else utf8_text(data, shown)
    )
    roles = _rows(shown, text)
    readings = {skill: _reading(skill, resolve, name) for skill in _skills(roles)}
    base = job_architecture(name).prefix or ""
    lines = list(_triples(base, name, roles, readings))
    families = {role.family for role in roles.values()}
    ranks = {role.rank for role in roles.values()}
    return JobArchitecture(
        name, len(roles), len(families), len(ranks), tuple(readings.values()), tuple(lines)
    )


def _workbook_text(shown: str, data: bytes) -> str:
    """The first sheet of an Excel workbook as CSV text, a line per row (openpyxl reads
    it: the ``xlsx`` extra)."""
    try:
        import openpyxl
    except ImportError:
        raise DataFileError(
            shown,
            "reading .xlsx needs openpyxl (pip install 'careergraph[xlsx]'), or save it as CSV",
        ) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    except Exception as error:  # openpyxl raises anything from a zip error to a KeyError
        raise DataFileError(shown, f"not an Excel workbook ({type(error).__name__})") from None
    found = io.StringIO()
    writer = csv.writer(found, lineterminator="\n")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return found.getvalue()


def _cell(value: object) -> str:
    """A workbook cell as the CSV would hold it (45000.0 is 45000; an empty cell nothing).

    >>> _cell(45000.0), _cell(None), _cell(" SQL\\nServer ")
    ('45000', '', 'SQL Server')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _rows(shown: str, text: str) -> dict[str, _Role]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [column.strip().lower() for column in reader.fieldnames or ()]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise DataFileError(shown, f"no column {', '.join(missing)} (see --template)", 1)
    reader.fieldnames = header
    roles: dict[str, _Role] = {}
    for row in reader:
        line = reader.line_num
        if None in row or any(value is None for value in row.values()):
            raise DataFileError(shown, f"{len(header)} fields expected", line)
        cells = {key: " ".join(value.split()) for key, value in row.items() if key}
        if not any(cells.values()):
            continue
        _add_row(shown, line, cells, roles)
    if not roles:
        raise DataFileError(shown, "no role in it")
    named: dict[str, _Role] = {}
    for role in sorted(roles.values(), key=lambda r: r.line):  # one IRI per role and family
        for part, what in ((role.name, "role"), (role.family, "family")):
            other = named.setdefault(f"{what}/{slug(part)}", role)
            seen = other.name if what == "role" else other.family
            if seen.casefold() != part.casefold():
                raise DataFileError(
                    shown,
                    f"the {what} {part!r} reads as the {what} {seen!r} (line "
                    f"{other.line}): name them apart",
                    role.line,
                )
    return roles


def _add_row(shown: str, line: int, cells: dict[str, str], roles: dict[str, _Role]) -> None:
    for column in ("role", "family", "level", "skill", "need"):
        if not cells[column]:
            raise DataFileError(shown, f"no {column}", line)
    rank, level_name = _level(shown, line, cells["level"])
    found = _Role(cells["role"], cells["family"], rank, level_name, _salary(shown, line, cells),
                  cells.get("description", ""), line)  # fmt: skip
    key = cells["role"].casefold()
    role = roles.setdefault(key, found)
    for what in ("family", "rank", "salary", "description"):
        if getattr(role, what) != getattr(found, what):
            raise DataFileError(
                shown,
                f"the role {role.name!r} has another {what.replace('rank', 'level')} than on "
                f"line {role.line} (a role is one family, level and salary)",
                line,
            )
    skill = cells["skill"]
    if skill.casefold() in (known.casefold() for known in role.needs):
        raise DataFileError(shown, f"{role.name!r} lists {skill!r} twice", line)
    role.needs[skill] = _essential(shown, line, cells["need"])


def _level(shown: str, line: int, level: str) -> tuple[int, str]:
    """The rank of a level, and its name as the file gives it.

    >>> _level("f.csv", 2, "Senior"), _level("f.csv", 3, "L2")
    ((3, 'Senior'), (2, 'Level 2'))
    """
    ranked = _LEVEL_RANK.fullmatch(level)
    if ranked:
        return int(ranked.group(1)), f"Level {ranked.group(1)}"
    rank = LEVEL_NAMES.get(level.casefold())
    if rank is None:
        known = ", ".join(sorted(LEVEL_NAMES, key=lambda n: (LEVEL_NAMES[n], n)))
        raise DataFileError(
            shown, f"unknown level {level!r}: a rank 1-9 (or L1-L9) or {known}", line
        )
    return rank, level.title()


def _essential(shown: str, line: int, need: str) -> bool:
    word = need.casefold()
    if word in ("essential", "optional"):
        return word == "essential"
    if word in ("1", "2", "3", "4", "5"):
        return int(word) >= 3
    raise DataFileError(shown, f"need {need!r} is not essential, optional or 1-5", line)


def _salary(shown: str, line: int, cells: dict[str, str]) -> tuple[float, float, str] | None:
    low, high, currency = cells["salary_min"], cells["salary_max"], cells["currency"].upper()
    if not (low or high):
        return None
    try:
        figures = float(low.replace(",", "")), float((high or low).replace(",", ""))
    except ValueError:
        raise DataFileError(shown, f"salary {low!r}-{high!r} is not a number", line) from None
    if not all(0 <= figure < 1e9 for figure in figures) or figures[0] > figures[1]:
        raise DataFileError(shown, f"salary {low}-{high} is not a range", line)
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise DataFileError(shown, f"currency {cells['currency']!r} is not a code (EUR)", line)
    return figures[0], figures[1], currency


def _skills(roles: dict[str, _Role]) -> list[str]:
    """Every skill name, once (the first spelling), in the order of the file."""
    seen: dict[str, str] = {}
    for role in roles.values():
        for skill in role.needs:
            seen.setdefault(skill.casefold(), skill)
    return list(seen.values())


def _reading(skill: str, resolve, name: str) -> SkillReading:
    found = resolve(skill)
    if found is not None and found[2] >= CONFIDENT:
        return SkillReading(skill, found[0], found[1], found[2])
    base = job_architecture(name).prefix
    return SkillReading(skill, f"{base}skill/{slug(skill)}", "own", 1.0)


def slug(name: str) -> str:
    """A name as a part of an IRI.

    >>> slug("C++ & Data Viz!")
    'c-plus-plus-data-viz'
    """
    text = name.casefold().replace("+", "-plus").replace("#", "-sharp")
    return re.sub(r"[^\w]+", "-", text, flags=re.ASCII).strip("-") or "x"


def _triples(
    base: str, name: str, roles: dict[str, _Role], readings: dict[str, SkillReading]
) -> Iterator[str]:
    scheme = f"{base}levels"
    yield _iri(scheme, RDF + "type", SKOS + "ConceptScheme")
    yield _literal(scheme, SKOS + "prefLabel", f"Levels of {name}")
    levels = {role.rank: role.level_name for role in sorted(roles.values(), key=lambda r: r.line)}
    for rank, level_name in sorted(levels.items()):
        level = f"{base}level/{rank}"
        yield _iri(level, RDF + "type", CG + "CareerLevel")
        yield _literal(level, SKOS + "prefLabel", f"{level_name} ({name})")
        yield _iri(level, SKOS + "inScheme", scheme)
        yield _literal(level, CG + "rank", str(rank), datatype=XSD + "integer")
    reading_of = {skill.casefold(): reading for skill, reading in readings.items()}
    for reading in readings.values():
        if reading.rule == "own":
            yield _iri(reading.iri, RDF + "type", CG + "Skill")
            yield _literal(reading.iri, SKOS + "prefLabel", reading.name)
    for family in dict.fromkeys(role.family for role in roles.values()):
        track = f"{base}family/{slug(family)}"
        yield _iri(track, RDF + "type", CG + "Track")
        yield _literal(track, SKOS + "prefLabel", family)
    for role in roles.values():
        yield from _role_triples(base, role, reading_of)


def _role_triples(base: str, role: _Role, reading_of: dict[str, SkillReading]) -> Iterator[str]:
    iri = f"{base}role/{slug(role.name)}"
    yield _iri(iri, RDF + "type", CG + "Role")
    yield _literal(iri, SKOS + "prefLabel", role.name)
    if role.description:
        yield _literal(iri, DCTERMS + "description", role.description)
    yield _iri(iri, CG + "track", f"{base}family/{slug(role.family)}")
    yield _iri(iri, CG + "level", f"{base}level/{role.rank}")
    if role.salary is not None:
        band = f"{base}salary/{slug(role.name)}"
        yield _iri(iri, CG + "salaryBand", band)
        yield _literal(band, SCHEMA + "minValue", f"{role.salary[0]:g}", datatype=XSD + "decimal")
        yield _literal(band, SCHEMA + "maxValue", f"{role.salary[1]:g}", datatype=XSD + "decimal")
        yield _literal(band, SCHEMA + "currency", role.salary[2])
    for skill, essential in role.needs.items():
        reading = reading_of[skill.casefold()]
        need = CG + ("requiresSkill" if essential else "optionalSkill")
        yield _iri(iri, need, reading.iri)
        if reading.rule != "own":  # how the name in the file was read, restated
            statement = f"{iri}/reading/{slug(skill)}"
            yield from stated(
                statement, (iri, need, reading.iri), skill, reading.rule, reading.confidence
            )
