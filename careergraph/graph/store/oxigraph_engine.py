"""The default engine: a pyoxigraph store, in memory or on disk (see :mod:`..cache`).

Fast to load and to query; pyoxigraph is imported when the store is first used, so that a
command answered from what a built store keeps never loads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any

from careergraph.errors import DataFileError, QueryError, StoreGoneError, StoreWriteError
from careergraph.graph.store.base import (
    PLAIN_DATATYPES,
    Answer,
    Store,
    Triple,
    without_collection,
)
from careergraph.graph.store.formats import FORMATS, RdfFormat, refuse_hostile
from careergraph.graph.store.querytext import analyse
from careergraph.graph.store.syntax import check_query_syntax
from careergraph.graph.store.terms import IRI, BlankNode, Literal, Term


class OxigraphStore(Store):
    """The fast engine: a pyoxigraph store, in memory or on disk (a built store)."""

    engine = "oxigraph"

    def __init__(
        self, path: str | None = None, read_only: bool = False, snapshot: str | None = None
    ) -> None:
        self.location = path or snapshot or "memory"
        self._path, self._read_only, self._snapshot = path, read_only, snapshot
        self._on_disk = path is not None

    @cached_property
    def _ox(self) -> Any:
        import pyoxigraph

        return pyoxigraph

    @cached_property
    def _store(self) -> Any:
        """The pyoxigraph store, opened (or loaded from its snapshot) on first use: many
        commands on a built store need only what it keeps (names, career facts)."""
        ox = self._ox
        if self._path is None:
            store = ox.Store()
            if self._snapshot is not None:
                try:
                    store.load(path=self._snapshot, format=ox.RdfFormat.N_TRIPLES)
                except OSError:  # store clear removed it after the command opened it
                    raise _gone(self._snapshot) from None
            return store
        if not self._read_only:
            return ox.Store(self._path)
        try:
            return ox.Store.read_only(self._path)
        except OSError:  # store clear removed it after the command opened it
            raise _gone(self._path) from None

    def load(self, data: bytes, rdf_format: RdfFormat, source: str, base_iri: str) -> int:
        before = len(self._store)
        refuse_hostile(data, rdf_format, source)
        if rdf_format.oxigraph is None:
            # A format only rdflib reads: parse it there, hand the triples over as N-Triples.
            from careergraph.graph.store.rdflib_engine import parse_with_rdflib

            data = parse_with_rdflib(data, rdf_format, source, base_iri).serialize(
                format="nt", encoding="utf-8"
            )
            rdf_format = FORMATS["nt"]
        # On disk (a store being built, never read before it is whole) the bulk loader is
        # several times faster; it is not transactional, which a fresh build does not need.
        loader = self._store.bulk_load if self._on_disk else self._store.load
        try:
            loader(
                input=data,
                format=getattr(self._ox.RdfFormat, rdf_format.oxigraph),
                base_iri=base_iri,
            )
        except SyntaxError as error:
            raise DataFileError(
                source, _oxigraph_reason(str(error)), error.lineno, _column(error)
            ) from None
        except ValueError as error:
            raise DataFileError(source, str(error)) from None
        except MemoryError as error:  # a term past pyoxigraph's buffer, over several lines
            raise DataFileError(source, f"a term too large to read ({error})") from None
        except OSError as error:  # the data is in memory: the store's own files failed
            raise StoreWriteError(f"cannot write the store at {self.location} ({error})") from None
        return len(self._store) - before

    def _run(self, text: str) -> Answer:
        try:
            result = self._store.query(text)
            kind = type(result).__name__
            if kind == "QueryBoolean":
                return Answer("ask", boolean=bool(result))
            if kind == "QueryTriples":
                triples = tuple(
                    (_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in result
                )
                return Answer(_graph_form(text), triples=triples)
            names = tuple(variable.value for variable in result.variables)
            with without_collection():
                rows = tuple(
                    {name: _from_ox(term) for name in names if (term := solution[name]) is not None}
                    for solution in result
                )
            return Answer("select", names, rows)
        except SyntaxError:
            check_query_syntax(text)
            raise
        except (ValueError, OSError, RuntimeError) as error:
            raise QueryError(f"the query failed: {error}") from None

    @classmethod
    def from_ntriples(cls, path: str) -> OxigraphStore:
        """An in-memory store holding an N-Triples file (a snapshot written by ``dump``),
        loaded when it is first used."""
        return cls(snapshot=path)

    def dump(self, path: str) -> None:
        """Write the graph to an N-Triples file."""
        self._store.dump(
            output=path, format=self._ox.RdfFormat.N_TRIPLES, from_graph=self._ox.DefaultGraph()
        )

    def flush(self) -> None:
        """Write everything to disk (an on-disk store) before it is handed over."""
        if self._on_disk:
            self._store.flush()
            self._store.optimize()

    def triples(self, subject: Term | None = None) -> Iterator[Triple]:
        ox_subject = self._to_ox(subject) if subject is not None else None
        for quad in self._store.quads_for_pattern(ox_subject, None, None, self._ox.DefaultGraph()):
            yield _from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)

    def links(self, predicate: str) -> Iterator[tuple[str, str]]:
        named = self._ox.NamedNode
        for quad in self._store.quads_for_pattern(
            None, named(predicate), None, self._ox.DefaultGraph()
        ):
            if isinstance(quad.subject, named) and isinstance(quad.object, named):
                yield quad.subject.value, quad.object.value

    def serialize(self, rdf_format: RdfFormat, prefixes: Mapping[str, str]) -> bytes:
        if rdf_format.oxigraph is None:
            raise QueryError(f"cannot write {rdf_format.name}")
        return self._store.dump(
            format=getattr(self._ox.RdfFormat, rdf_format.oxigraph),
            from_graph=self._ox.DefaultGraph(),
            prefixes=dict(prefixes) if rdf_format.name == "ttl" else None,
        )

    def __len__(self) -> int:
        return len(self._store)

    def _to_ox(self, term: Term) -> Any:
        if isinstance(term, IRI):
            return self._ox.NamedNode(term.value)
        if isinstance(term, BlankNode):
            return self._ox.BlankNode(term.value)
        if term.language:
            return self._ox.Literal(term.value, language=term.language)
        if term.datatype:
            return self._ox.Literal(term.value, datatype=self._ox.NamedNode(term.datatype))
        return self._ox.Literal(term.value)


def _graph_form(text: str) -> str:
    return "describe" if analyse(text).form == "describe" else "construct"


def _from_ox(term: Any) -> Term:
    kind = type(term).__name__
    if kind == "NamedNode":
        return IRI(term.value)
    if kind == "BlankNode":
        return BlankNode(term.value)
    datatype = term.datatype.value
    return Literal(
        term.value, None if datatype in PLAIN_DATATYPES else datatype, term.language or None
    )


def _oxigraph_reason(message: str) -> str:
    return re.sub(r"^Parser error (at|between) [^:]*: ", "", message)


def _column(error: SyntaxError) -> int | None:
    return error.offset if error.lineno is not None else None


def _gone(path: str) -> StoreGoneError:
    return StoreGoneError(
        f"the store {path} was removed (store clear?) while this command read it; run it again"
    )
