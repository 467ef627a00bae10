"""The graph store: one interface (:class:`Store`), engines behind one registry.

What this room holds: the interface and the :class:`Answer` every query gives (``base``),
the engines (``oxigraph_engine``, the default; ``rdflib_engine``, the reference;
``endpoint``, a remote SPARQL server), engine-neutral RDF terms (``terms``), the RDF
formats (``formats``), the one N-Triples writer (``ntriples``), the SPARQL text helpers and
bindings (``querytext``, ``syntax``) and the store's own queries (``queries/*.rq``).

What it may import: :mod:`careergraph.errors`, :mod:`careergraph.namespaces` and itself;
nothing of the domain. Domain code runs SPARQL through a :class:`Store` and never touches
rdflib or pyoxigraph.

>>> store = open_store("oxigraph")
>>> store.engine, len(store)
('oxigraph', 0)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from careergraph.errors import ParameterError

if TYPE_CHECKING:
    from careergraph.graph.store.base import Answer, Row, Store, Triple, without_collection

__all__ = ["ENGINES", "Answer", "Row", "Store", "Triple", "open_store", "without_collection"]
_FROM_BASE = ("Answer", "Row", "Store", "Triple", "without_collection")

# The local engines, by name: the module and class of each, imported when first opened.
ENGINES: dict[str, tuple[str, str]] = {
    "oxigraph": ("careergraph.graph.store.oxigraph_engine", "OxigraphStore"),
    "rdflib": ("careergraph.graph.store.rdflib_engine", "RdflibStore"),
}


def __getattr__(name: str) -> object:
    # Lazy, so that the command line can read ENGINES without loading the store.
    if name in _FROM_BASE:
        return getattr(importlib.import_module("careergraph.graph.store.base"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def open_store(engine: str = "oxigraph") -> Store:
    """A new, empty in-memory store on ``engine`` (a name of :data:`ENGINES`)."""
    if engine not in ENGINES:
        raise ParameterError("engine", f"{engine!r} is unknown; choose from {', '.join(ENGINES)}")
    module, name = ENGINES[engine]
    return getattr(importlib.import_module(module), name)()
