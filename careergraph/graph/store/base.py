"""The store interface every engine implements, and the answer every query gives.

Domain code runs SPARQL and reads triples through :class:`Store` and never touches rdflib or
pyoxigraph itself. Values reach a query by binding (``bindings``), never by formatting text
into it: see :mod:`careergraph.graph.store.querytext`, which gives every engine the same
binding semantics.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from careergraph.errors import QueryTimeoutError, ReadOnlyError
from careergraph.graph.store.formats import RdfFormat
from careergraph.graph.store.querytext import bind, store_query
from careergraph.graph.store.terms import IRI, Term
from careergraph.namespaces import RDF, XSD

Row = dict[str, Term]
Triple = tuple[Term, Term, Term]

T = TypeVar("T")

PLAIN_DATATYPES = {XSD + "string", RDF + "langString"}


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
        try:
            return within(timeout, lambda: self._run(text))
        except TimeoutError:
            raise QueryTimeoutError(f"the query was still running after {timeout:g} s") from None

    def update(self, text: str, timeout: float | None = None) -> None:
        """Run a SPARQL Update. Local stores are read-only: only an endpoint takes updates."""
        raise ReadOnlyError("the local graph is read-only: SPARQL Update needs a remote endpoint")

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
        for row in self.select(store_query("links"), {"p": IRI(predicate)}):
            yield row["s"].value, row["o"].value

    @abstractmethod
    def __len__(self) -> int:
        """The number of triples."""


def within(timeout: float | None, work: Callable[[], T]) -> T:
    """What ``work()`` returns, or TimeoutError once ``timeout`` seconds have passed (none:
    no limit). The work runs in a daemon thread, which is abandoned, not killed, when time
    is up: whatever it waits for (a local query, a server's slow answer), the caller's wait
    ends on time.

    >>> within(1.0, lambda: 6 * 7)
    42
    """
    if not timeout:
        return work()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:
            outcome["error"] = error

    worker = threading.Thread(target=run, name="careergraph-work", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


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
