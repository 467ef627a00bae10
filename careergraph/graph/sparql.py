"""The SPARQL queries the library itself runs, kept as .rq files beside this module."""

from functools import cache
from importlib import resources


@cache
def internal_query(name: str) -> str:
    """The text of ``graph/queries/<name>.rq``."""
    return (resources.files("careergraph.graph") / "queries" / f"{name}.rq").read_text("utf-8")
