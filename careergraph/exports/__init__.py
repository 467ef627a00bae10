"""Renderers, and nothing else: one lazy registry from format name to renderer for every
output of every command.

What a renderer turns into text or bytes is a result of one *shape*:

- ``rows``: any result with ``table()`` and ``to_json()`` (every command's results);
- ``solutions``: a SPARQL SELECT or ASK answer (the W3C result formats);
- ``graph``: RDF triples (the whole graph, or a CONSTRUCT answer): ``serialize(format)``;
- ``view``: a :class:`~careergraph.graph.views.View`, drawn as an HTML page;
- ``page``: a :class:`~careergraph.graph.pages.Page` a person keeps (a report, a
  result's page), as HTML or Markdown;
- ``mindmap``: a :class:`~careergraph.graph.views.MindMapNode`, as Mermaid;
- ``network``: the projection of career moves (a networkx graph), as GraphML or GEXF.

A result says its shape with a ``shape`` attribute (``rows`` where it has none); a format
may serve several shapes (``json`` renders rows and solutions alike). Renderers are named as
``module:function`` and imported on first use, so a command pays only for the one it uses.
Adding a format is adding one entry.

What this room holds: this registry; ``text`` (rows as table, json, csv, tsv, md),
``sparql_results`` (the W3C result formats), ``rdf``, ``html`` (pyvis, with its template),
``mermaid``, ``network`` (GraphML, GEXF) and ``files`` (writing output files whole).

What it may import: results and views (to read them), the store's terms and formats; never
the facade's computations or the command line.

>>> [r.name for r in renderers_for("graph")]
['ttl', 'nt', 'jsonld', 'rdfxml']
>>> print(render(Table((("a", "b"), [(1, "x")])), "csv"))
a,b
1,x
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from careergraph.errors import ParameterError


@dataclass(frozen=True)
class Renderer:
    """One output format for one shape of result: its name, the file extension it is
    written with, and the ``module:function`` that renders it."""

    name: str
    shape: str
    target: str
    extension: str = ""

    def __call__(self, result: Any) -> str | bytes:
        module, function = self.target.split(":")
        render_with: Callable[[Any], str | bytes] = getattr(
            importlib.import_module(module), function
        )
        rendered = render_with(result)
        if self.name in XML_FORMATS:  # every XML output is well-formed, or not written
            from careergraph.exports.xmltext import check_xml_text

            text = rendered.decode("utf-8") if isinstance(rendered, bytes) else rendered
            check_xml_text(text, self.name)
        return rendered


XML_FORMATS = ("rdfxml", "graphml", "gexf", "xml")
_TEXT = "careergraph.exports.text"
_SPARQL = "careergraph.exports.sparql_results"
_RDF = "careergraph.exports.rdf"

REGISTRY: tuple[Renderer, ...] = (
    Renderer("table", "rows", f"{_TEXT}:render_table", ".txt"),
    Renderer("json", "rows", f"{_TEXT}:render_json", ".json"),
    Renderer("csv", "rows", f"{_TEXT}:render_csv", ".csv"),
    Renderer("tsv", "rows", f"{_TEXT}:render_tsv", ".tsv"),
    Renderer("md", "rows", f"{_TEXT}:render_markdown", ".md"),
    Renderer("table", "solutions", f"{_TEXT}:render_table", ".txt"),
    Renderer("json", "solutions", f"{_TEXT}:render_json", ".srj"),
    Renderer("xml", "solutions", f"{_SPARQL}:render_xml", ".srx"),
    Renderer("csv", "solutions", f"{_SPARQL}:render_csv", ".csv"),
    Renderer("tsv", "solutions", f"{_SPARQL}:render_tsv", ".tsv"),
    Renderer("md", "solutions", f"{_TEXT}:render_markdown", ".md"),
    Renderer("ttl", "graph", f"{_RDF}:render_turtle", ".ttl"),
    Renderer("nt", "graph", f"{_RDF}:render_ntriples", ".nt"),
    Renderer("jsonld", "graph", f"{_RDF}:render_jsonld", ".jsonld"),
    Renderer("rdfxml", "graph", f"{_RDF}:render_rdfxml", ".rdf"),
    Renderer("html", "view", "careergraph.exports.html:render_html", ".html"),
    Renderer("html", "page", "careergraph.exports.page:render_page_html", ".html"),
    Renderer("md", "page", "careergraph.exports.page:render_page_markdown", ".md"),
    Renderer("mermaid", "mindmap", "careergraph.exports.mermaid:render_mermaid", ".mmd"),
    Renderer("graphml", "network", "careergraph.exports.network:render_graphml", ".graphml"),
    Renderer("gexf", "network", "careergraph.exports.network:render_gexf", ".gexf"),
)
ROW_FORMATS = tuple(r.name for r in REGISTRY if r.shape == "rows")


def renderers_for(shape: str) -> list[Renderer]:
    """The renderers of one shape of result, in the registry's order (the default first)."""
    return [r for r in REGISTRY if r.shape == shape]


def renderer(format_name: str, shape: str = "rows") -> Renderer:
    """The renderer of ``format_name`` for results of ``shape``."""
    for candidate in REGISTRY:
        if candidate.name == format_name and candidate.shape == shape:
            return candidate
    names = ", ".join(r.name for r in renderers_for(shape))
    raise ParameterError("format", f"{format_name!r} does not apply here; choose from {names}")


def shape_of(result: Any) -> str:
    """The shape of a result (``rows`` unless it says otherwise)."""
    return getattr(result, "shape", "rows")


def render(result: Any, format_name: str, shape: str | None = None) -> str | bytes:
    """``result`` rendered as ``format_name`` (its shape, unless ``shape`` is given)."""
    return renderer(format_name, shape or shape_of(result))(result)


@dataclass(frozen=True)
class Table:
    """Plain columns and rows, as a result (for a quick table of one's own).

    ``cells`` is ``(columns, rows)``, as every result's ``table()`` gives them.
    """

    cells: tuple[tuple[str, ...], list[tuple[Any, ...]]]

    def table(self) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        return self.cells

    def to_json(self) -> list[dict[str, Any]]:
        columns, rows = self.cells
        return [dict(zip(columns, row, strict=True)) for row in rows]
