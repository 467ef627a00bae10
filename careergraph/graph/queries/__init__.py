"""The SPARQL queries the library itself runs, kept as .rq files in this folder (the named
queries users run are the catalogue's, in ``careergraph/ontology/queries``)."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.graph.store.terms import IRI

if TYPE_CHECKING:
    from careergraph.graph.store import Store


@cache
def internal_query(name: str) -> str:
    """The text of ``graph/queries/<name>.rq``."""
    return (Path(__file__).parent / f"{name}.rq").read_text("utf-8")


def values_of(store: Store, property_iri: str) -> dict[str, set[str]]:
    """For every subject with ``property_iri``, the IRIs it points to with it."""
    values: dict[str, set[str]] = defaultdict(set)
    for row in store.select(internal_query("values-of"), {"property": IRI(property_iri)}):
        if isinstance(row["value"], IRI):
            values[row["entity"].value].add(row["value"].value)
    return values
