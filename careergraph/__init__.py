"""careergraph: a knowledge graph of technical careers, and the tools to query it.

The public API is small: :class:`careergraph.CareerGraph` opens a graph and answers
questions about it with result dataclasses; the CLI (``careergraph``) renders them.

>>> from careergraph import CareerGraph
>>> graph = CareerGraph.open()
>>> graph.resolve("mlops architect").label
'MLOps Architect'
"""

from typing import TYPE_CHECKING

from careergraph.version import __version__

__all__ = ["CareerGraph", "__version__"]

if TYPE_CHECKING:
    from careergraph.graph.careergraph import CareerGraph


def __getattr__(name: str) -> object:
    # Lazy, so that `careergraph --version` does not pay for the store.
    if name == "CareerGraph":
        from careergraph.graph.careergraph import CareerGraph

        return CareerGraph
    raise AttributeError(f"module 'careergraph' has no attribute {name!r}")
