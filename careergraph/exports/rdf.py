"""RDF documents: the whole graph, or a CONSTRUCT or DESCRIBE answer, in an RDF format.

A result of the ``graph`` shape offers ``serialize(format_name) -> bytes``.
"""

from __future__ import annotations

from typing import Any


def render_turtle(result: Any) -> bytes:
    """Turtle, with the graph's prefixes."""
    return result.serialize("ttl")


def render_ntriples(result: Any) -> bytes:
    """N-Triples."""
    return result.serialize("nt")


def render_jsonld(result: Any) -> bytes:
    """JSON-LD."""
    return result.serialize("jsonld")


def render_rdfxml(result: Any) -> bytes:
    """RDF/XML."""
    return result.serialize("rdfxml")
