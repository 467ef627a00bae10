"""Loading, the store and its engines, name resolution and the domain queries."""
