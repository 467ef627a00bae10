"""People's words: how what a person types, a list of skills or a page of prose, becomes the
entities of the graph.

What this room holds: the word forms names are compared by (``forms``), careergraph's
curated alias table (``aliases``, with ``aliases.csv``), the ladder of rules a name is read
by (``ladder``), what a reading of a name is (``readings``: result objects), and the
reading of skills in prose (``prose``).

What it may import: the name index (``graph.names``), the kinds, the result objects, the
namespaces and the errors; never the facade, the store engines, the careers, the exports or
the command line.
"""
