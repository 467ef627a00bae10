"""The named query catalogue: the ``.rq`` files in ``ontology/queries``, with their headers.

A header is the comment block at the top of the file::

    # Skills of a role
    #
    # What the role needs to know ... (any number of lines: the description)
    #
    # @param role role = MLOps Engineer: the role to describe
    # @param track track optional: only this track (every track when not given)
    # @param max_cost number = 500: the highest price in US dollars

The first line is the title. A parameter has a name (the query variable it binds), a type (a
kind of entity such as ``role`` or ``track``, ``entity`` for any entity, or ``text``,
``number`` or ``integer``), and either a default, ``optional`` (left unbound when not
given), or nothing (required).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from careergraph.errors import BadInputError
from careergraph.graph.kinds import KINDS
from careergraph.graph.store import Answer, Row
from careergraph.graph.store.terms import Literal
from careergraph.ontology import FOLDER

LITERAL_TYPES = ("text", "number", "integer")
_GROUP_CONCAT = re.compile(
    r"GROUP_CONCAT\s*\((?:[^;()]|\([^()]*\))*;\s*separator\s*=\s*"
    r"\"(?P<separator>(?:[^\"\\]|\\.)*)\"\s*\)\s+AS\s+\?(?P<name>\w+)",
    re.IGNORECASE,
)
_PARAM = re.compile(
    r"^@param\s+(?P<name>[A-Za-z_]\w*)\s+(?P<type>[a-z][\w-]*)\s*"
    r"(?:=\s*(?P<default>[^:]+?)\s*|(?P<optional>optional)\s*)?:\s*(?P<description>.+)$"
)


@dataclass(frozen=True)
class Parameter:
    """One parameter of a named query: the variable it binds and what it takes."""

    name: str
    type: str
    description: str
    default: str | None = None
    optional: bool = False

    @property
    def required(self) -> bool:
        """True when the query cannot run without a value for it."""
        return self.default is None and not self.optional

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "default": self.default,
            "required": self.required,
            "description": self.description,
        }

    def __str__(self) -> str:
        if self.default is not None:
            return f"{self.name}={self.default}"
        return f"[{self.name}]" if self.optional else f"{self.name} (required)"


@dataclass(frozen=True)
class NamedQuery:
    """A query of the catalogue, with its title, description and parameters."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    @property
    def lists(self) -> dict[str, str]:
        """The variables the query binds to a GROUP_CONCAT, and their separators.

        >>> text = "# Q\\n" + 'SELECT (GROUP_CONCAT(?x; separator=", ") AS ?xs) {}'
        >>> parse_named_query("q", text).lists
        {'xs': ', '}
        """
        return {
            match["name"]: match["separator"].encode().decode("unicode_escape")
            for match in _GROUP_CONCAT.finditer(self.text)
        }

    def sorted_lists(self, answer: Answer) -> Answer:
        """``answer`` with the elements of each GROUP_CONCAT list in label order, as plain
        strings: SPARQL leaves that order (and the language of the list) to the engine, and
        careergraph's queries answer the same on every engine."""
        lists = self.lists
        if not lists:
            return answer

        def sorted_row(row: Row) -> Row:
            fixed = dict(row)
            for name, separator in lists.items():
                value = row.get(name)
                if isinstance(value, Literal):
                    parts = sorted(value.value.split(separator), key=lambda p: (p.casefold(), p))
                    fixed[name] = Literal(separator.join(parts))
            return fixed

        return dataclasses.replace(answer, rows=tuple(sorted_row(row) for row in answer.rows))

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name``; BadInputError lists those there are."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        takes = ", ".join(p.name for p in self.parameters) or "no parameters"
        raise BadInputError(f"the query {self.name!r} has no parameter {name!r}; it takes: {takes}")

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "parameters": [p.to_json() for p in self.parameters],
            "text": self.text,
        }

    def table(self) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        """The parameters, one per row."""
        rows = [
            (p.name, p.type, p.default or "", "yes" if p.required else "no", p.description)
            for p in self.parameters
        ]
        return ("parameter", "type", "default", "required", "description"), rows


@dataclass(frozen=True)
class Catalogue:
    """Every named query, by name."""

    queries: tuple[NamedQuery, ...]

    def get(self, name: str) -> NamedQuery:
        """The query called ``name``; BadInputError lists the available ones."""
        for query in self.queries:
            if query.name == name:
                return query
        raise BadInputError(
            f"no named query {name!r}; available: {', '.join(q.name for q in self.queries)}"
        )

    def to_json(self) -> list[dict[str, Any]]:
        return [query.to_json() for query in self.queries]

    def table(self) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        rows = [(q.name, q.title, " ".join(str(p) for p in q.parameters)) for q in self.queries]
        return ("name", "title", "parameters"), rows


@cache
def catalogue() -> Catalogue:
    """The named queries shipped in ``careergraph/ontology/queries``, by name."""
    files = sorted((FOLDER / "queries").glob("*.rq"))
    return Catalogue(tuple(parse_named_query(f.name[:-3], f.read_text("utf-8")) for f in files))


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read the header of a named query's text."""
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line[1:].strip())
    if not header or not header[0]:
        raise BadInputError(f"the named query {name!r} has no title line")
    description: list[str] = []
    parameters = []
    for line in header[1:]:
        if line.startswith("@param"):
            parameters.append(_parameter(name, line))
        elif line:
            description.append(line)
    return NamedQuery(name, header[0], " ".join(description), tuple(parameters), text)


def _parameter(query: str, line: str) -> Parameter:
    found = _PARAM.match(line)
    if not found:
        raise BadInputError(f"the named query {query!r} has a malformed @param line: {line!r}")
    kind = found["type"]
    if kind not in LITERAL_TYPES and kind != "entity" and kind not in {k.name for k in KINDS}:
        raise BadInputError(f"the named query {query!r} has a parameter of unknown type {kind!r}")
    return Parameter(
        found["name"], kind, found["description"], found["default"], bool(found["optional"])
    )
