"""The version of careergraph: one place, read by the package, the store key and packaging."""

__version__ = "0.1.0"
