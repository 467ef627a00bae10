"""What ``careergraph export`` writes, as one registry: the RDF formats and the networkx
projection of career moves (GraphML and GEXF, for Gephi and Cytoscape)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.exports.files import write_atomically
from careergraph.exports.network import network_document
from careergraph.graph.formats import FORMATS, WRITABLE

if TYPE_CHECKING:
    from careergraph.graph.careergraph import CareerGraph

DEFAULT_FOLDER = Path("exports")


@dataclass(frozen=True)
class Exporter:
    """One export format: its name, file extension and how to make the file's bytes."""

    name: str
    extension: str
    make: Callable[[CareerGraph], bytes]


def _rdf(name: str) -> Exporter:
    return Exporter(name, FORMATS[name].extensions[0], lambda graph: graph.serialize(name))


def _network(name: str) -> Exporter:
    return Exporter(name, f".{name}", lambda graph: network_document(graph, name))


EXPORTERS: dict[str, Exporter] = {
    **{name: _rdf(name) for name in WRITABLE},
    "graphml": _network("graphml"),
    "gexf": _network("gexf"),
}


def default_path(format_name: str) -> Path:
    """Where ``careergraph export FORMAT`` writes without ``-o``: ``exports/careergraph.EXT``."""
    return DEFAULT_FOLDER / f"careergraph{EXPORTERS[format_name].extension}"


def export(graph: CareerGraph, format_name: str, path: str | Path) -> Path:
    """Write ``format_name`` of the graph into ``path``, atomically."""
    return write_atomically(path, EXPORTERS[format_name].make(graph))
