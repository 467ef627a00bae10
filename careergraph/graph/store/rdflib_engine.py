"""The reference engine: an rdflib graph with rdflib's SPARQL engine, which must give the
same answers as the default one. rdflib also parses the formats pyoxigraph does not read."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from careergraph.errors import DataFileError, QueryError, QuerySyntaxError
from careergraph.graph.store.base import PLAIN_DATATYPES, Answer, Store, Triple
from careergraph.graph.store.formats import RdfFormat, has_longer_line, refuse_hostile
from careergraph.graph.store.rdflib_logs import one_line_warnings
from careergraph.graph.store.syntax import check_query_syntax
from careergraph.graph.store.terms import IRI, BlankNode, Literal, Term

if TYPE_CHECKING:
    import rdflib


class RdflibStore(Store):
    """The reference engine: an rdflib graph with rdflib's SPARQL engine."""

    engine = "rdflib"

    def __init__(self) -> None:
        import rdflib

        one_line_warnings()
        self._rdflib = rdflib
        self._graph = rdflib.Graph()

    def load(self, data: bytes, rdf_format: RdfFormat, source: str, base_iri: str) -> int:
        parsed = parse_with_rdflib(data, rdf_format, source, base_iri)
        before = len(self._graph)
        self._graph += parsed
        return len(self._graph) - before

    def _run(self, text: str) -> Answer:
        from pyparsing import ParseException

        try:
            result = self._graph.query(text)
        except ParseException:  # rdflib's own message has no usable position: pyoxigraph's
            check_query_syntax(text)  # parser places it (and fails before evaluating)
            raise QuerySyntaxError("rdflib cannot parse the query") from None
        except Exception as error:  # rdflib's SPARQL engine raises anything from its parser up
            raise QueryError(f"the query failed on rdflib: {_first_line(error)}") from None
        try:
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
            raise QueryError(f"the query failed on rdflib: {_first_line(error)}") from None

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
        return to_rdflib(term)


def to_rdflib(term: Term) -> Any:
    """The rdflib term for one of careergraph's."""
    import rdflib

    if isinstance(term, IRI):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    return rdflib.Literal(term.value, lang=term.language, datatype=term.datatype)


def _from_rdflib(term: Any) -> Term:
    kind = type(term).__name__
    if kind == "URIRef":
        return IRI(str(term))
    if kind == "BNode":
        return BlankNode(str(term))
    datatype = str(term.datatype) if term.datatype is not None else None
    return Literal(
        str(term), None if datatype in PLAIN_DATATYPES else datatype, term.language or None
    )


def parse_with_rdflib(
    data: bytes, rdf_format: RdfFormat, source: str, base_iri: str
) -> rdflib.Graph:
    """Parse with rdflib into a fresh graph, turning its many error types into one."""
    import rdflib

    one_line_warnings()
    refuse_hostile(data, rdf_format, source)
    _refuse_slow_for_rdflib(data, rdf_format, source)
    graph = rdflib.Graph()
    try:
        graph.parse(data=data, format=rdf_format.rdflib, publicID=base_iri)
    except Exception as error:  # rdflib's parsers raise anything from SyntaxError to KeyError
        line = _line_of(error)
        raise DataFileError(source, _first_line(error), line) from None
    for triple in graph:
        for term in triple:
            if isinstance(term, rdflib.URIRef) and (_NOT_IN_IRI.search(term) or not term):
                raise DataFileError(source, f"{str(term)!r} is not an IRI")
    return graph


# rdflib's parsers take time that grows with the square of a line of N-Triples or N-Quads
# (1 MB: 2 s; 10 MB: minutes) and of the prefixes a Turtle, TriG or N3 file declares (10,000:
# 3.5 s; 100,000: minutes): past these it is refused, as pyoxigraph reads it in a moment.
RDFLIB_MAX_LINE = 2**20
RDFLIB_MAX_PREFIXES = 10_000


def _refuse_slow_for_rdflib(data: bytes, rdf_format: RdfFormat, source: str) -> None:
    """Refuse, for rdflib, what its parsers would take minutes over (see above).

    >>> from careergraph.graph.store.formats import FORMATS
    >>> _refuse_slow_for_rdflib(b"@prefix a: <x:> .\\n" * 10_001, FORMATS["ttl"], "x.ttl")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: x.ttl: it declares 10,001 prefixes; rdflib's parser ...
    """
    engine = "(the default engine, pyoxigraph, reads it)"
    if rdf_format.name in ("nt", "nq") and has_longer_line(data, RDFLIB_MAX_LINE):
        raise DataFileError(
            source,
            f"it has a line longer than {RDFLIB_MAX_LINE // 2**20} MB; rdflib's parser takes "
            f"minutes over such lines {engine}",
        )
    if rdf_format.name in ("ttl", "trig", "n3"):
        declared = len(re.findall(rb"(?im)^[ \t]*@?prefix[ \t]", data))
        if declared > RDFLIB_MAX_PREFIXES:
            raise DataFileError(
                source,
                f"it declares {declared:,} prefixes; rdflib's parser takes minutes over more "
                f"than {RDFLIB_MAX_PREFIXES:,} {engine}",
            )


_NOT_IN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')  # what N-Triples cannot write in an IRI


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
