"""The library: the facade and the rooms of the pipeline, sources -> store -> domain
queries -> result objects (renderers are :mod:`careergraph.exports`).

What this room holds: the facade (``careergraph``: :class:`CareerGraph`, one call into a room
per method), names (``names``: how a name becomes an entity), kinds, the named-query
catalogue, SHACL validation, reasoning, the views' data (``views``), the library's own
SPARQL (``queries/*.rq``) and the result dataclasses (``results``); and the rooms
``store`` (engines, terms, formats, SPARQL text), ``cache`` (built stores and what they
keep), ``sources`` (built-in files, user files, Mermaid, ESCO, datasets) and ``careers``
(facts, profiles, moves, paths, overlap, matching).

What it may import: :mod:`careergraph.errors`, :mod:`careergraph.namespaces`, the ontology's
files; never :mod:`careergraph.exports` or :mod:`careergraph.cli`. Within it, the store
imports nothing of the domain, the careers never import the cache or the sources, and the
cache meets the domain only through explicit ``state``/``from_state`` functions.
"""
