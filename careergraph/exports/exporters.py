"""What ``careergraph export`` writes, as one registry: the RDF formats, the networkx
projection of career moves (GraphML and GEXF, for Gephi and Cytoscape), the HTML views and
the Mermaid mind map."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.exports.network import network_document
from careergraph.graph.formats import FORMATS, WRITABLE

if TYPE_CHECKING:
    from careergraph.exports.views import View
    from careergraph.graph.careergraph import CareerGraph

DEFAULT_FOLDER = Path("exports")
VIEWS = ("mindmap", "devops-mlops", "careers", "trends", "full")  # see views.py


@dataclass(frozen=True)
class ViewRequest:
    """Which view to draw (html, mermaid): a named view, or a focus and a depth; and where
    to tell the user what a view left out."""

    view: str | None = None
    focus: str | None = None
    depth: int = 1
    max_nodes: int | None = None
    report: Callable[[str], None] = lambda message: None


@dataclass(frozen=True)
class Exporter:
    """One export format: its name, file extension and how to make the file's bytes."""

    name: str
    extension: str
    make: Callable[[CareerGraph, ViewRequest], bytes]


def _rdf(name: str) -> Exporter:
    return Exporter(name, FORMATS[name].extensions[0], lambda graph, _: graph.serialize(name))


def _network(name: str) -> Exporter:
    return Exporter(name, f".{name}", lambda graph, _: network_document(graph, name))


def _html(graph: CareerGraph, request: ViewRequest) -> bytes:
    from careergraph.exports.views import build_view

    view = build_view(graph, request.view or "full", request.focus, request.depth)
    return view_page(view, request)


def view_page(view: View, request: ViewRequest = ViewRequest()) -> bytes:
    """A view as an HTML page, cut to ``request.max_nodes`` (saying so through ``report``)."""
    from careergraph.exports.html import render_html
    from careergraph.exports.views import DEFAULT_MAX_NODES

    note = view.cut(request.max_nodes or DEFAULT_MAX_NODES)
    if note:
        request.report(f"the {view.name} view was {note}")
    return render_html(view)


def _mermaid(graph: CareerGraph, request: ViewRequest) -> bytes:
    from careergraph.errors import BadInputError
    from careergraph.exports.mermaid import mindmap_text
    from careergraph.exports.views import mind_map

    if request.view not in (None, "mindmap"):
        raise BadInputError("Mermaid export writes the mind map only: --view mindmap")
    return mindmap_text(mind_map(graph, request.focus)).encode("utf-8")


EXPORTERS: dict[str, Exporter] = {
    **{name: _rdf(name) for name in WRITABLE},
    "graphml": _network("graphml"),
    "gexf": _network("gexf"),
    "html": Exporter("html", ".html", _html),
    "mermaid": Exporter("mermaid", ".mmd", _mermaid),
}


def default_path(format_name: str, request: ViewRequest = ViewRequest()) -> Path:
    """Where ``careergraph export FORMAT`` writes without ``-o``: ``exports/careergraph.EXT``,
    or ``exports/careergraph-VIEW.EXT`` for a view."""
    name = "careergraph"
    if format_name in ("html", "mermaid"):
        name += (
            f"-{'focus' if request.focus and request.view != 'mindmap' else request.view or 'full'}"
        )
    return DEFAULT_FOLDER / f"{name}{EXPORTERS[format_name].extension}"
