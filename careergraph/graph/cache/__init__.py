"""The persistent store: each set of sources parsed once into an on-disk Oxigraph store,
with what every call would otherwise work out again kept beside it.

What this room holds: ``location`` (where stores and datasets live), ``stores`` (building,
locking, reopening and pruning built stores), ``kept`` (what a build keeps beside the triples,
through the domain's explicit state functions), ``names_db`` (a large graph's names in
SQLite) and ``files`` (digests, removal).

What it may import: the store engines, the sources (to load them), and the domain only
through ``NameIndex`` and ``CareerFacts``'s ``state``/``from_state``; the domain never imports
the cache.
"""
