"""Result objects: plain dataclasses that every renderer can turn into text.

Each result offers ``to_json()`` (plain data, the contract programs rely on) and ``table()``
(column names and rows of cells, for table, csv, tsv and md output).

This module holds what every result is made of: entities, cells and tables. Each command's
results are a submodule (``entity`` for show, ``listing``, ``search``, ``stats``, ``query``,
``overlap``, ``paths``, ``matching``, ``validation``, ``store``), so that a command imports
only its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from careergraph.taxonomies import DATASET_BASE


class Items(tuple):
    """A cell that lists names: whole in machine formats (joined by ", "), and as many as fit,
    with how many more, in a table for people.

    >>> str(Items(["Git", "Bash"]))
    'Git, Bash'
    """

    __slots__ = ()

    def __str__(self) -> str:
        return ", ".join(self)


def short_id(iri: str) -> str:
    """An IRI as short as a person can read and type: careergraph's id path, ESCO's kind and
    id, or the IRI itself.

    >>> short_id("https://w3id.org/careergraph/id/role/mlops-architect")
    'role/mlops-architect'
    >>> short_id("http://data.europa.eu/esco/occupation/0a0a")
    'esco/occupation/0a0a'
    >>> short_id("https://w3id.org/careergraph/dataset/acme/role/data-analyst")
    'acme/role/data-analyst'
    """
    for base, shown in (("https://w3id.org/careergraph/id/", ""),
                        ("http://data.europa.eu/esco/", "esco/"),
                        (DATASET_BASE, "")):  # fmt: skip
        if iri.startswith(base):
            return shown + iri[len(base) :]
    return iri


class Iri(str):
    """A cell that is an IRI: whole in machine formats, as its :func:`short_id` in a table
    for people."""

    __slots__ = ()


class Count(int):
    """A cell that is a count: a number in machine formats, with thousands separated in a
    table for people (``350,282``)."""

    __slots__ = ()


Cell = str | int | float | bool | Items | None
Table = tuple[tuple[str, ...], list[tuple[Cell, ...]]]


@dataclass(frozen=True, order=True)
class Entity:
    """Something in the graph with an IRI and a human label; where it was named past its
    exact labels (an alias, a short form, a typo), what was typed and the rule that read it,
    which take no part in comparing entities."""

    label: str
    iri: str
    kind: str | None = None
    given: str | None = field(default=None, compare=False)
    rule: str | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        """``{"iri": ..., "label": ..., "kind": ...}``, with ``given`` and ``rule`` where
        the entity was read from a name past its exact labels.

        >>> Entity("Kubernetes", "urn:k", "tool", "k8s", "alias").to_json()["given"]
        'k8s'
        """
        found = {"iri": self.iri, "label": self.label, "kind": self.kind}
        if self.given is not None:
            found.update(given=self.given, rule=self.rule)
        return found

    def __str__(self) -> str:
        return self.label
