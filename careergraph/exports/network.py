"""The networkx projection of career moves as GraphML or GEXF, with node and edge attributes
(label, track, level, salary; relation, cost, evidence, similarity)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careergraph.graph.careergraph import CareerGraph


def network_document(graph: CareerGraph, format_name: str) -> bytes:
    """The projection (see :mod:`careergraph.graph.paths`) as ``graphml`` or ``gexf``."""
    import networkx as nx

    network = graph.career_network()
    buffer = io.BytesIO()
    if format_name == "graphml":
        nx.write_graphml(network, buffer, encoding="utf-8")
    else:
        nx.write_gexf(network, buffer, encoding="utf-8")
    return buffer.getvalue()
