"""The graph store: one interface, two engines.

Domain code runs SPARQL and reads triples through :class:`Store` and never touches rdflib or
pyoxigraph itself. ``oxigraph`` (pyoxigraph) is the default engine: fast to load and to query.
``rdflib`` is the reference engine that must give the same answers.

Values reach a query by binding (``bindings``), never by formatting text into it: see
:mod:`careergraph.graph.querytext`, which gives every engine the same binding semantics.
"""

from __future__ import annotations

import contextlib
import gc
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careergraph.errors import BadInputError, DataFileError, QuerySyntaxError, QueryTimeoutError
from careergraph.graph.formats import FORMATS, RdfFormat
from careergraph.graph.querytext import analyse, bind
from careergraph.graph.terms import IRI, BlankNode, Literal, Term
from careergraph.namespaces import RDF, XSD

if TYPE_CHECKING:
    import rdflib

ENGINES = ("oxigraph", "rdflib")
Row = dict[str, Term]
Triple = tuple[Term, Term, Term]

_PLAIN_DATATYPES = {XSD + "string", RDF + "langString"}


@dataclass(frozen=True)
class Answer:
    """What a SPARQL query returned, whatever the engine: solutions for SELECT, a boolean for
    ASK, triples for CONSTRUCT and DESCRIBE."""

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = ()


class Store(ABC):
    """An RDF graph that can be loaded, queried with SPARQL and serialised."""

    engine: str
    location: str = "memory"
    derived: Path | None = None  # where a built store keeps its name index and facts

    @abstractmethod
    def load(self, data: bytes, rdf_format: RdfFormat, source: str, base_iri: str) -> int:
        """Parse ``data`` into the graph; return the number of triples it added.

        Raises :class:`DataFileError` naming ``source`` (and the line) if it does not parse;
        the graph is then unchanged.
        """

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        """Run a SELECT query; each row maps variable names to the terms bound to them."""
        return list(self._run(bind(query, bindings)).rows)

    def query(self, text: str, timeout: float | None = None) -> Answer:
        """Run any SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE), giving up after
        ``timeout`` seconds with :class:`QueryTimeoutError`.

        A local query that times out is abandoned, not killed: its thread runs on in the
        background until it ends (the command line exits at once).
        """
        if not timeout:
            return self._run(text)
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                outcome["answer"] = self._run(text)
            except BaseException as error:
                outcome["error"] = error

        worker = threading.Thread(target=work, name="careergraph-query", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise QueryTimeoutError(f"the query was still running after {timeout:g} s (--timeout)")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["answer"]

    def update(self, text: str, timeout: float | None = None) -> None:
        """Run a SPARQL Update. Local stores are read-only: only an endpoint takes updates."""
        raise BadInputError("the local graph is read-only: SPARQL Update needs --endpoint")

    @abstractmethod
    def _run(self, text: str) -> Answer:
        """Run one query, all solutions read; syntax errors raise QuerySyntaxError."""

    @abstractmethod
    def triples(self, subject: Term | None = None) -> Iterator[Triple]:
        """The triples of the graph, or those of one subject."""

    @abstractmethod
    def serialize(self, rdf_format: RdfFormat, prefixes: Mapping[str, str]) -> bytes:
        """The whole graph in ``rdf_format``."""

    def links(self, predicate: str) -> Iterator[tuple[str, str]]:
        """(subject, object) IRIs of every statement with ``predicate`` between two named
        nodes: the bulk read of the career analyses, without building a term per value.
        This default asks SPARQL (an endpoint); the local engines read their indexes."""
        query = "SELECT ?s ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) }"
        for row in self.select(query, {"p": IRI(predicate)}):
            yield row["s"].value, row["o"].value

    @abstractmethod
    def __len__(self) -> int:
        """The number of triples."""


@contextlib.contextmanager
def without_collection() -> Iterator[None]:
    """No garbage collection while a large answer or kept data is read: millions of new
    objects and no garbage, so collecting would only slow the reading down (by half)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def open_store(engine: str = "oxigraph") -> Store:
    """A new, empty in-memory store on ``engine`` (``oxigraph`` or ``rdflib``)."""
    if engine == "oxigraph":
        return OxigraphStore()
    if engine == "rdflib":
        return RdflibStore()
    raise BadInputError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")


# ---- oxigraph --------------------------------------------------------------------------------


class OxigraphStore(Store):
    """The fast engine: a pyoxigraph store, in memory or on disk (see persistence.py)."""

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
                store.load(path=self._snapshot, format=ox.RdfFormat.N_TRIPLES)
            return store
        return ox.Store.read_only(self._path) if self._read_only else ox.Store(self._path)

    def load(self, data: bytes, rdf_format: RdfFormat, source: str, base_iri: str) -> int:
        before = len(self._store)
        if rdf_format.oxigraph is None:
            # A format only rdflib reads: parse it there, hand the triples over as N-Triples.
            data = _parse_with_rdflib(data, rdf_format, source, base_iri).serialize(
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
        except OSError as error:  # the data is in memory: the store's own files failed
            raise BadInputError(f"cannot write the store at {self.location} ({error})") from None
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
            raise BadInputError(f"the query failed: {error}") from None

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
            raise BadInputError(f"cannot write {rdf_format.name}")
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


def check_query_syntax(text: str) -> None:
    """Raise QuerySyntaxError, with the line and column of the fault, if ``text`` is not a
    SPARQL query.

    pyoxigraph parses it (without running it) and says what it expected; its positions point
    past the fault, so rdflib's parser, which stops at the clause that fails, places it.
    """
    import pyoxigraph

    try:
        pyoxigraph.Store().query(text)
    except SyntaxError as error:
        found = re.match(r"error at (\d+):(\d+): (.*)", str(error), re.DOTALL)
        if not found:
            raise QuerySyntaxError(str(error)) from None
        reason = " ".join(found.group(3).split())
        if len(reason) > 160:
            reason = reason[:157] + "..."
        line, column = _rdflib_fault(text) or (int(found.group(1)), int(found.group(2)))
        raise QuerySyntaxError(reason, line, column) from None


def _rdflib_fault(text: str) -> tuple[int, int] | None:
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(text)
    except Exception as error:  # pyparsing's ParseException, and anything else it raises
        line, column = getattr(error, "lineno", None), getattr(error, "col", None)
        if isinstance(line, int) and isinstance(column, int):
            return line, column
    return None


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
        term.value, None if datatype in _PLAIN_DATATYPES else datatype, term.language or None
    )


def _oxigraph_reason(message: str) -> str:
    return re.sub(r"^Parser error (at|between) [^:]*: ", "", message)


def _column(error: SyntaxError) -> int | None:
    return error.offset if error.lineno is not None else None


# ---- rdflib ------------------------------------------------------------------------------------


class RdflibStore(Store):
    """The reference engine: an rdflib graph with rdflib's SPARQL engine."""

    engine = "rdflib"

    def __init__(self) -> None:
        import rdflib

        self._rdflib = rdflib
        self._graph = rdflib.Graph()

    def load(self, data: bytes, rdf_format: RdfFormat, source: str, base_iri: str) -> int:
        parsed = _parse_with_rdflib(data, rdf_format, source, base_iri)
        before = len(self._graph)
        self._graph += parsed
        return len(self._graph) - before

    def _run(self, text: str) -> Answer:
        check_query_syntax(text)  # rdflib's own messages have no usable position
        try:
            result = self._graph.query(text)
            if result.type == "ASK":
                return Answer("ask", boolean=bool(result.askAnswer))
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                triples = tuple(
                    (_from_rdflib(s), _from_rdflib(p), _from_rdflib(o)) for s, p, o in result.graph
                )
                return Answer(result.type.lower(), triples=triples)
            names = tuple(str(v) for v in result.vars or ())
            rows = tuple(
                {name: _from_rdflib(row[i]) for i, name in enumerate(names) if row[i] is not None}
                for row in result
            )
            return Answer("select", names, rows)
        except Exception as error:  # rdflib's SPARQL engine raises anything from its parser up
            raise BadInputError(f"the query failed on rdflib: {_first_line(error)}") from None

    def triples(self, subject: Term | None = None) -> Iterator[Triple]:
        rdf_subject = self._to_rdflib(subject) if subject is not None else None
        for s, p, o in self._graph.triples((rdf_subject, None, None)):
            yield _from_rdflib(s), _from_rdflib(p), _from_rdflib(o)

    def links(self, predicate: str) -> Iterator[tuple[str, str]]:
        uri = self._rdflib.URIRef
        for subject, target in self._graph.subject_objects(uri(predicate)):
            if isinstance(subject, uri) and isinstance(target, uri):
                yield str(subject), str(target)

    def serialize(self, rdf_format: RdfFormat, prefixes: Mapping[str, str]) -> bytes:
        graph = self._graph
        if rdf_format.name == "ttl":
            graph = self._rdflib.Graph()
            graph += self._graph
            for prefix, namespace in prefixes.items():
                graph.bind(prefix, namespace, replace=True)
        return graph.serialize(format=rdf_format.rdflib, encoding="utf-8")

    def __len__(self) -> int:
        return len(self._graph)

    def _to_rdflib(self, term: Term) -> Any:
        if isinstance(term, IRI):
            return self._rdflib.URIRef(term.value)
        if isinstance(term, BlankNode):
            return self._rdflib.BNode(term.value)
        return self._rdflib.Literal(term.value, lang=term.language, datatype=term.datatype)


def _from_rdflib(term: Any) -> Term:
    kind = type(term).__name__
    if kind == "URIRef":
        return IRI(str(term))
    if kind == "BNode":
        return BlankNode(str(term))
    datatype = str(term.datatype) if term.datatype is not None else None
    return Literal(
        str(term), None if datatype in _PLAIN_DATATYPES else datatype, term.language or None
    )


def _parse_with_rdflib(
    data: bytes, rdf_format: RdfFormat, source: str, base_iri: str
) -> rdflib.Graph:
    """Parse with rdflib into a fresh graph, turning its many error types into one."""
    import rdflib

    graph = rdflib.Graph()
    try:
        graph.parse(data=data, format=rdf_format.rdflib, publicID=base_iri)
    except Exception as error:  # rdflib's parsers raise anything from SyntaxError to KeyError
        line = _line_of(error)
        raise DataFileError(source, _first_line(error), line) from None
    return graph


def _line_of(error: Exception) -> int | None:
    for attribute in ("lineno", "line"):
        value = getattr(error, attribute, None)
        if isinstance(value, int):
            return value
    if hasattr(error, "getLineNumber"):  # xml.sax.SAXParseException
        return error.getLineNumber()
    found = re.search(r"\bline (\d+)", str(error))
    return int(found.group(1)) if found else None


def _first_line(error: Exception) -> str:
    text = " ".join(str(error).split("\n")[:3]).strip()
    text = re.sub(r"^at line \d+ of <[^>]*>:\s*", "", text)
    return (text or type(error).__name__)[:300]
