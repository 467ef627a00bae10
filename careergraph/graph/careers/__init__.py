"""The career analyses: plain functions over the career model, as networkx's algorithms are
plain functions over a graph.

What this room holds: ``vocabulary`` (the classes and links read), ``facts`` (the facts,
read once from a store: data only, with their explicit state for a built store to keep),
``profiles`` (what a role, track or area calls for, with why), ``index`` (which roles hold
and need each item), ``model`` (the facts and what is worked out from them for every role,
kept apart by a built store), ``similarity`` (how alike roles are; the viable threshold
and the near lists of the model), ``moves`` (the projection onto roles: promotions,
transitions, variants, similar roles), ``paths`` (the cheapest ways from one role to
another), ``overlap``, ``matching`` and ``briefing`` (what show adds).

What it may import: :mod:`careergraph.errors`, :mod:`careergraph.namespaces`, the store's
terms, ``graph.queries`` and ``graph.results``; never the cache, the sources, the exports or
the command line.
"""
