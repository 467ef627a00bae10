"""RDF exports of the graph: Turtle, N-Triples, JSON-LD, RDF/XML."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.exports.files import write_atomically
from careergraph.graph.formats import format_named

if TYPE_CHECKING:
    from careergraph.graph.careergraph import CareerGraph

DEFAULT_FOLDER = Path("exports")


def default_path(format_name: str) -> Path:
    """Where ``careergraph export FORMAT`` writes without ``-o``: ``exports/careergraph.EXT``."""
    return DEFAULT_FOLDER / f"careergraph{format_named(format_name).extensions[0]}"


def export_rdf(graph: CareerGraph, format_name: str, path: str | Path) -> Path:
    """Serialise the whole graph as ``format_name`` into ``path``, atomically."""
    return write_atomically(path, graph.serialize(format_name))
