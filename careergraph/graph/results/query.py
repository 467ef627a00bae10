"""The result of a SPARQL query, rendered in the W3C result formats or as RDF."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from careergraph.graph.results import Cell, Table, short_id
from careergraph.graph.store import Answer
from careergraph.graph.store.formats import FORMATS, GRAPH_FORMATS, SOLUTION_FORMATS
from careergraph.graph.store.querytext import analyse
from careergraph.graph.store.terms import IRI, BlankNode, Term
from careergraph.namespaces import compact, plain_words


@dataclass(frozen=True)
class QueryResult:
    """The answer to a SPARQL query, rendered in the W3C result formats or as RDF.

    SELECT and ASK answers render as ``table``, ``md`` and the W3C ``json``, ``xml``, ``csv``
    and ``tsv``; CONSTRUCT and DESCRIBE answers as ``ttl``, ``nt`` and ``jsonld``.
    """

    answer: Answer
    prefixes: Mapping[str, str] = field(default_factory=dict)

    @staticmethod
    def formats_for(text: str) -> tuple[str, ...]:
        """The output formats the answer to the query ``text`` can be written in, the
        default first: RDF for CONSTRUCT and DESCRIBE, SPARQL results for SELECT and ASK.

        >>> QueryResult.formats_for("CONSTRUCT WHERE { ?s ?p ?o }")
        ('ttl', 'nt', 'jsonld')
        """
        form = analyse(text).form
        if form in ("construct", "describe"):
            return GRAPH_FORMATS
        if form in ("select", "ask"):
            return SOLUTION_FORMATS
        return (*SOLUTION_FORMATS, *GRAPH_FORMATS)  # the engine will name the fault

    @property
    def shape(self) -> str:
        """What the renderers see: ``graph`` (CONSTRUCT, DESCRIBE) or ``solutions``."""
        return "graph" if self.answer.form in ("construct", "describe") else "solutions"

    @property
    def formats(self) -> tuple[str, ...]:
        """The output formats this answer can be rendered in, the default first."""
        return GRAPH_FORMATS if self.shape == "graph" else SOLUTION_FORMATS

    def serialize(self, format_name: str) -> bytes:
        """A CONSTRUCT or DESCRIBE answer as RDF (``ttl``, ``nt`` or ``jsonld``)."""
        from careergraph.graph.store.ntriples import ntriples
        from careergraph.graph.store.oxigraph_engine import OxigraphStore

        store = OxigraphStore()
        store.load(
            ntriples(self.answer.triples), FORMATS["nt"], "query results", "urn:careergraph:results"
        )
        return store.serialize(FORMATS[format_name], self.prefixes)

    def to_json(self) -> dict[str, Any]:
        """The SPARQL 1.1 Query Results JSON document."""
        return results_json(self.answer)

    def table(self) -> Table:
        """Variables and rows for people: compact IRIs (short ids where no prefix fits),
        literal values."""
        if self.answer.form == "ask":
            return ("answer",), [("yes" if self.answer.boolean else "no",)]
        rows = [
            tuple(self._cell(row.get(name)) for name in self.answer.variables)
            for row in self.answer.rows
        ]
        return tuple(self.answer.variables), rows

    def heads(self, columns: tuple[str, ...]) -> tuple[str, ...]:
        """The columns as a table for people heads them: in plain words (table, md; the
        W3C formats keep the variables' names)."""
        return tuple(plain_words(name) for name in columns)

    def _cell(self, term: Term | None) -> Cell:
        if term is None:
            return None
        if isinstance(term, IRI):
            shown = compact(term.value, self.prefixes)
            return short_id(term.value) if shown == term.value else shown
        if isinstance(term, BlankNode):
            return str(term)
        return term.value if term.language else term.to_python()


def json_term(term: Term) -> dict[str, str]:
    """One RDF term as a SPARQL JSON results binding."""
    if isinstance(term, IRI):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    binding = {"type": "literal", "value": term.value}
    if term.language:
        binding["xml:lang"] = term.language
    elif term.datatype:
        binding["datatype"] = term.datatype
    return binding


def results_json(answer: Answer) -> dict[str, Any]:
    """The SPARQL 1.1 Query Results JSON document, as plain data."""
    if answer.form == "ask":
        return {"head": {}, "boolean": bool(answer.boolean)}
    return {
        "head": {"vars": list(answer.variables)},
        "results": {
            "bindings": [
                {name: json_term(term) for name, term in row.items()} for row in answer.rows
            ]
        },
    }
