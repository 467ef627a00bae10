"""The one N-Triples writer: terms, lines and documents, for every reader that converts data
to RDF (ESCO, Mermaid) and every answer written back out (CONSTRUCT results, an endpoint's
graph).

>>> iri_triple("urn:a", "urn:p", "urn:b")
'<urn:a> <urn:p> <urn:b> .\\n'
>>> literal_triple("urn:a", "urn:p", 'say "hi"', language="en")
'<urn:a> <urn:p> "say \\\\"hi\\\\""@en .\\n'
"""

from __future__ import annotations

from collections.abc import Iterable

from careergraph.graph.store.base import Triple
from careergraph.graph.store.querytext import escape_string, sparql_term
from careergraph.graph.store.terms import BlankNode, Term


def iri_triple(subject: str, predicate: str, value: str) -> str:
    """One line linking two IRIs (trusted: the caller has checked them)."""
    return f"<{subject}> <{predicate}> <{value}> .\n"


def literal_triple(
    subject: str,
    predicate: str,
    value: str,
    language: str | None = None,
    datatype: str | None = None,
) -> str:
    """One line giving an IRI a literal value, with a language tag or a datatype."""
    tail = f"@{language}" if language else (f"^^<{datatype}>" if datatype else "")
    return f'<{subject}> <{predicate}> "{escape_string(value)}"{tail} .\n'


def ntriples_term(term: Term) -> str:
    """One term in N-Triples syntax (blank nodes as ``_:id``)."""
    return f"_:{term.value}" if isinstance(term, BlankNode) else sparql_term(term)


def ntriples(triples: Iterable[Triple]) -> bytes:
    """Triples as an N-Triples document, one per line, in a stable order."""
    lines = sorted(" ".join(ntriples_term(t) for t in triple) + " .\n" for triple in triples)
    return "".join(lines).encode("utf-8")
