"""The career analyses: plain functions over the facts, as networkx's algorithms are plain
functions over a graph.

What this room holds: ``vocabulary`` (the classes and links read), ``facts`` (the facts,
read once from a store, with their explicit state for a built store to keep), ``profiles``
(what a role, track or area calls for, with why), ``index`` (which roles hold and need each
item), ``moves`` (the projection onto roles: promotions, transitions, variants, similar
roles), ``paths`` (the cheapest ways from one role to another), ``overlap`` and
``matching``.

What it may import: :mod:`careergraph.errors`, :mod:`careergraph.namespaces`, the store's
terms, ``graph.queries`` and ``graph.results``; never the cache, the sources, the exports or
the command line.
"""
