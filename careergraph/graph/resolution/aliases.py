"""careergraph's curated alias table: the names people use that no taxonomy states (k8s,
js, CI/CD without its slash, Excel), each with the entity it means and why.

The table is ``aliases.csv`` beside this module, one row an alias and a target: the alias
(any case), the target (a built-in id path such as ``tool/kubernetes``, or an ESCO IRI), the
relation (``same``: the alias is a name of the target; ``part``: what it names is part of
the target, and gives half its credit) and why. An alias may have a target in each taxonomy;
a target the graph does not hold (ESCO not imported) is passed over.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from careergraph.graph.resolution.forms import normalise
from careergraph.namespaces import ID

PART_CREDIT = 0.5  # what a name gives of a target it is only part of (Docker, of orchestration)


@dataclass(frozen=True)
class Alias:
    """One row of the table: an alias, the IRI it means, how, and why."""

    alias: str
    target: str
    relation: str
    why: str

    @property
    def credit(self) -> float:
        """How much of the target the alias gives: all of it, or ``PART_CREDIT``."""
        return 1.0 if self.relation == "same" else PART_CREDIT


def aliases_of(name: str) -> tuple[Alias, ...]:
    """The rows for a name (any case and spacing).

    >>> [a.target.rsplit("/", 1)[1] for a in aliases_of("K8s")]
    ['kubernetes']
    """
    return alias_table().get(normalise(name), ())


@cache
def alias_table() -> dict[str, tuple[Alias, ...]]:
    """Every alias (normalised) and its rows, read once from ``aliases.csv``."""
    import csv
    import io
    from importlib.resources import files

    text = files(__package__).joinpath("aliases.csv").read_text(encoding="utf-8")
    table: dict[str, list[Alias]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        target = row["target"]
        iri = target if target.startswith(("http://", "https://")) else ID + target
        alias = Alias(row["alias"], iri, row["relation"], row["why"])
        table.setdefault(normalise(row["alias"]), []).append(alias)
    return {key: tuple(rows) for key, rows in table.items()}
