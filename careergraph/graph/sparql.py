"""The SPARQL service: the queries a person writes or picks from the catalogue, run read-only
with their parameters bound, and the updates a remote endpoint takes.

A query is checked before it runs: its nesting, its form (an update is refused here), a call
to another server (``SERVICE``, refused unless allowed), and that every parameter names one
of its variables. A syntax fault is placed in the text as the person gave it (line, column,
and an undeclared prefix named). A parameter binds as an entity where its value names one,
else as a number or a string (see :meth:`SparqlService.term`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from careergraph.errors import (
    BadInputError,
    ParameterError,
    QuerySyntaxError,
    ReadOnlyError,
    UnknownNameError,
)
from careergraph.graph.store.terms import IRI, Literal, Term
from careergraph.namespaces import XSD

if TYPE_CHECKING:
    from careergraph.graph.results import Entity
    from careergraph.graph.results.query import QueryResult
    from careergraph.graph.store import Store

_INTEGER = re.compile(r"[+-]?\d+")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*")
_DECIMAL = re.compile(r"[+-]?(\d+\.\d*|\.\d+)")


@dataclass(frozen=True)
class SparqlService:
    """Queries and updates on ``store``, with ``prefixes`` declared and names read by
    ``resolve`` (a name, a kind or None, the rules: the entity it names, or
    UnknownNameError)."""

    store: Store
    prefixes: dict[str, str]
    resolve: Callable[..., Entity]

    def query(
        self,
        text: str,
        parameters: Mapping[str, str] | None = None,
        timeout: float | None = None,
        allow_service: bool = False,
    ) -> QueryResult:
        """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE). The usual prefixes
        (``cg``, ``rdfs``, ``skos``, ``schema``...) are predeclared, and so is one per kind
        of careergraph id (``role:``, ``skill:``, ``tool:``...).

        ``parameters`` bind query variables by name (see :meth:`term`). SPARQL Update is
        refused, and so is a query with a ``SERVICE`` clause (a call to another server)
        unless ``allow_service``; ``timeout`` bounds it then as any query."""
        bindings = {name: self.term(value) for name, value in (parameters or {}).items()}
        return self._answer(text, bindings, timeout, allow_service)

    def named_query(
        self,
        name: str,
        parameters: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a query of the catalogue (``careergraph queries``) with its parameters; those
        not given take their defaults, optional ones stay unbound."""
        from careergraph.graph.catalogue import catalogue

        named = catalogue().get(name)
        values = {p.name: p.default for p in named.parameters if p.default is not None}
        for key in parameters or {}:
            named.parameter(key)
        values.update(parameters or {})
        missing = [p.name for p in named.parameters if p.required and p.name not in values]
        if missing:
            raise BadInputError(
                f"the query {name!r} needs a value for its parameter {missing[0]!r}"
            )
        bindings = {
            key: self.term(value, named.parameter(key).type)
            for key, value in values.items()
            if value is not None
        }
        result = self._answer(named.text, bindings, timeout)
        return replace(result, answer=named.sorted_lists(result.answer))

    def update(
        self,
        text: str,
        timeout: float | None = None,
        parameters: Mapping[str, str] | None = None,
    ) -> None:
        """Run a SPARQL Update (a remote endpoint's store takes it; a local one raises
        ReadOnlyError); ``parameters`` are refused: they bind variables of queries only."""
        from careergraph.graph.store.querytext import analyse, with_prefixes

        if parameters:
            raise ParameterError("parameters", "bind variables of queries, not of updates")
        full = with_prefixes(text, self.prefixes)
        if analyse(full).form != "update":
            raise BadInputError("this is not a SPARQL Update (INSERT, DELETE, LOAD, CLEAR...)")
        self.store.update(full, timeout)  # the endpoint judges the syntax of updates

    def term(self, value: str, kind: str | None = None) -> Term:
        """The term a parameter value binds as: with a catalogue parameter's ``kind``, as that
        (``number``, ``integer``, ``text``, ``entity`` or a kind of entity); otherwise an IRI
        given in full (``<...>``), the entity a name names exactly, a number, or a string.

        >>> from careergraph import CareerGraph
        >>> service = CareerGraph.open().sparql
        >>> service.term("MLOps").value
        'https://w3id.org/careergraph/id/track/mlops'
        >>> [term.datatype.rsplit("#")[1] for term in (service.term("12"), service.term("1.5"))]
        ['integer', 'decimal']
        >>> service.term("twelve").value
        'twelve'
        """
        if kind in ("number", "integer"):
            if _INTEGER.fullmatch(value):
                return Literal(value, XSD + "integer")
            if kind == "number" and _DECIMAL.fullmatch(value):
                return Literal(value, XSD + "decimal")
            raise BadInputError(
                f"{value!r} is not {'a number' if kind == 'number' else 'an integer'}"
            )
        if kind == "text":
            return Literal(value)
        if kind is not None:
            return IRI(self.resolve(value, None if kind == "entity" else kind).iri)
        if value.startswith("<") and value.endswith(">"):
            if not _ABSOLUTE_IRI.fullmatch(value[1:-1]):
                raise BadInputError(
                    f"{value!r} is not an IRI: give one in full between < and > "
                    "(<https://example.org/x>), or a name"
                )
            return IRI(value[1:-1])
        try:
            return IRI(self.resolve(value, rules="exact").iri)
        except UnknownNameError:  # not a name: a literal (an ambiguous name is an error)
            pass
        if _INTEGER.fullmatch(value):
            return Literal(value, XSD + "integer")
        if _DECIMAL.fullmatch(value):
            return Literal(value, XSD + "decimal")
        return Literal(value)

    def _answer(
        self,
        text: str,
        bindings: Mapping[str, Term],
        timeout: float | None,
        allow_service: bool = False,
    ) -> QueryResult:
        from careergraph.graph.results.query import QueryResult
        from careergraph.graph.store.querytext import MAX_NESTING, analyse, bind, with_prefixes

        full = with_prefixes(text, self.prefixes)
        query = analyse(full)
        if query.depth > MAX_NESTING:
            raise BadInputError(
                f"the query nests groups or parentheses {query.depth} deep; careergraph takes "
                f"at most {MAX_NESTING}"
            )
        if query.form == "update":
            raise ReadOnlyError(
                "SPARQL Update is refused: queries are read-only (an update goes to a remote "
                "endpoint only, through update())"
            )
        if query.calls_service and not allow_service:
            raise ParameterError(
                "allow_service",
                "must be given for a query with a SERVICE clause: it calls another server",
            )
        for name in bindings:
            if name not in query.variables:
                raise BadInputError(f"the query has no variable ?{name} to bind")
        try:
            answer = self.store.query(bind(full, bindings), timeout)
        except QuerySyntaxError as error:
            # Placed in the text as given. Only a fault pyoxigraph placed is looked for again:
            # a query it cannot parse fails before anything runs, so that evaluates nothing
            # (one only rdflib cannot parse would be run, outside the clock).
            if error.line is not None:
                _check_syntax(full, text)
            raise
        return QueryResult(answer, self.prefixes)


def _check_syntax(full: str, text: str) -> None:
    """Raise QuerySyntaxError with the line, column and text of the fault in ``text``."""
    from careergraph.graph.store.querytext import located, undeclared_prefixes
    from careergraph.graph.store.syntax import check_query_syntax

    try:
        check_query_syntax(full)
    except QuerySyntaxError as error:
        where = located(error.line, error.column, text)
        reason = error.reason
        if unknown := undeclared_prefixes(full):
            reason = f"unknown prefix {unknown[0]}: (declare it with PREFIX)"
        raise QuerySyntaxError(
            f"SPARQL syntax error, {where}: {reason}", error.line, error.column
        ) from None
