"""The networkx projection of career moves as GraphML or GEXF, with node and edge attributes
(label, track, level, salary; relation, cost, evidence, similarity)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx


def render_graphml(network: nx.DiGraph) -> bytes:
    """The projection (see :mod:`careergraph.graph.careers.moves`) as GraphML."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(network, buffer, encoding="utf-8")
    return buffer.getvalue()


def render_gexf(network: nx.DiGraph) -> bytes:
    """The projection as GEXF (Gephi's format)."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_gexf(network, buffer, encoding="utf-8")
    return buffer.getvalue()
