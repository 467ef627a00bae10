"""The result of a SPARQL query, rendered in the W3C result formats or as RDF."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from careergraph.graph.formats import GRAPH_FORMATS, SOLUTION_FORMATS
from careergraph.graph.results import Cell, Table
from careergraph.graph.store import Answer
from careergraph.graph.terms import IRI, BlankNode, Term
from careergraph.namespaces import compact
from careergraph.sparql_formats import (
    graph_document,
    results_csv,
    results_json,
    results_tsv,
    results_xml,
)


def _graph_renderer(name: str) -> Callable[[QueryResult], str]:
    return lambda result: graph_document(result.answer.triples, name, result.prefixes)


@dataclass(frozen=True)
class QueryResult:
    """The answer to a SPARQL query, rendered in the W3C result formats or as RDF.

    SELECT and ASK answers render as ``table``, ``md`` and the W3C ``json``, ``xml``, ``csv``
    and ``tsv``; CONSTRUCT and DESCRIBE answers as ``ttl``, ``nt`` and ``jsonld``.
    """

    answer: Answer
    prefixes: Mapping[str, str] = field(default_factory=dict)

    # Formats whose text is fixed by a standard, in place of the generic renderers.
    renderers: ClassVar[dict[str, Callable[[QueryResult], str]]] = {
        "xml": lambda result: results_xml(result.answer),
        "csv": lambda result: results_csv(result.answer),
        "tsv": lambda result: results_tsv(result.answer),
        **{name: _graph_renderer(name) for name in GRAPH_FORMATS},
    }

    @property
    def formats(self) -> tuple[str, ...]:
        """The output formats this answer can be rendered in, the default first."""
        return GRAPH_FORMATS if self.answer.form in ("construct", "describe") else SOLUTION_FORMATS

    def to_json(self) -> dict[str, Any]:
        """The SPARQL 1.1 Query Results JSON document."""
        return results_json(self.answer)

    def table(self) -> Table:
        """Variables and rows for people: compact IRIs, literal values."""
        if self.answer.form == "ask":
            return ("answer",), [("yes" if self.answer.boolean else "no",)]
        rows = [
            tuple(self._cell(row.get(name)) for name in self.answer.variables)
            for row in self.answer.rows
        ]
        return tuple(self.answer.variables), rows

    def _cell(self, term: Term | None) -> Cell:
        if term is None:
            return None
        if isinstance(term, IRI):
            return compact(term.value, self.prefixes)
        if isinstance(term, BlankNode):
            return str(term)
        return term.value if term.language else term.to_python()
