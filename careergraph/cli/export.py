"""The export command: the graph, its career projection or one of its views, in a file."""

from __future__ import annotations

import time
from pathlib import Path

import click

from careergraph.cli.context import (
    Progress,
    Settings,
    pass_settings,
    report,
    source_option,
    write_output,
)
from careergraph.exports import REGISTRY, render
from careergraph.graph.choices import VIEWS

# What export writes: every renderer of the whole graph, its projection and its views.
EXPORT_SHAPES = ("graph", "network", "view", "mindmap")
EXPORT_FORMATS = tuple(r.name for r in REGISTRY if r.shape in EXPORT_SHAPES)
DEFAULT_FOLDER = Path("exports")
LONG_EXPORT = 100_000  # triples: a bigger export says what it is doing


@click.command()
@click.argument("format_name", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="File to write ('-' for standard output). Default: exports/careergraph[-VIEW].EXT.",
)
@click.option(
    "--view",
    type=click.Choice(VIEWS),
    help="html: which view (default full); mermaid: mindmap.",
)
@click.option("--focus", metavar="NAME", help="html: the neighbourhood of one entity.")
@click.option(
    "--depth",
    type=int,
    default=1,
    show_default=True,
    help="html --focus: how many links away to go.",
)
@click.option(
    "--max-nodes",
    type=int,
    help="html: draw at most this many nodes (default 1500); the rest are left out, saying so"
    " (the built-in graph's last).",
)
@click.option(
    "--group",
    metavar="ISCO-CODE",
    help="html --view careers of an imported taxonomy: only the occupations under this ISCO "
    "group (25: ICT professionals).",
)
@click.option(
    "--provenance",
    is_flag=True,
    help="html --focus: draw where the facts come from (source sections) too.",
)
@source_option("html --view careers: builtin; otherwise all")
@pass_settings
def export(
    settings: Settings,
    format_name: str,
    output: str | None,
    view: str | None,
    focus: str | None,
    depth: int,
    max_nodes: int | None,
    group: str | None,
    provenance: bool,
) -> None:
    """Write the whole graph (built-in and --data) as FORMAT: ttl, nt, jsonld or rdfxml; the
    projection of roles and career moves that `path` walks as graphml or gexf (for Gephi or
    Cytoscape); an interactive page as html (--view, or --focus NAME --depth N); or the mind
    map as mermaid.

    HTML pages are self-contained and work offline. Files are written atomically: a failed
    export leaves no partial file.

    \b
    Examples:
      careergraph export ttl
      careergraph --data mine.ttl export jsonld -o merged.jsonld
      careergraph export html --view mindmap
      careergraph export html --view careers --source builtin
      careergraph export html --focus "MLOps Architect" --depth 2 -o mlops.html
      careergraph export mermaid --view mindmap -o mindmap.mmd
    """
    from careergraph.errors import ParameterError

    chosen = next(r for r in REGISTRY if r.name == format_name and r.shape in EXPORT_SHAPES)
    if chosen.shape == "mindmap" and view not in (None, "mindmap"):
        raise ParameterError("view", "must be mindmap: Mermaid export writes the mind map only")
    if chosen.shape == "graph" and settings.source not in (None, "builtin", "all"):
        raise ParameterError(
            "source",
            f"of an {format_name} export is builtin or all (a dataset's own triples are in "
            "its folder: careergraph import list)",
        )
    graph = settings.graph()
    subjects = {
        "graph": lambda: graph,
        "network": graph.career_network,
        "view": lambda: graph.view(
            view or "full", focus, depth, max_nodes, group=group, provenance=provenance
        ),
        "mindmap": lambda: graph.mind_map(focus),
    }
    subject = subjects[chosen.shape]()
    if chosen.shape == "view" and subject.note:
        report(f"the {subject.name} view was {subject.note}")
    big = chosen.shape == "graph" and len(graph.store) > LONG_EXPORT
    progress = Progress() if big else (lambda stage, last: None)
    progress(f"turning {len(graph.store):,} triples into {format_name}", False)
    started = time.monotonic()
    content = render(subject, format_name, chosen.shape)
    progress(f"{format_name} ready in {time.monotonic() - started:.0f} s", True)
    if output is None:
        DEFAULT_FOLDER.mkdir(exist_ok=True)
        output = str(DEFAULT_FOLDER / _default_name(chosen, view, focus))
    write_output(output, content, format_name)


def _default_name(chosen, view: str | None, focus: str | None) -> str:
    """``careergraph.EXT``, or ``careergraph-VIEW.EXT`` for a view or the mind map."""
    if chosen.shape not in ("view", "mindmap"):
        return f"careergraph{chosen.extension}"
    shown = "focus" if focus and view != "mindmap" else view or "full"
    return f"careergraph-{shown}{chosen.extension}"


COMMANDS = (export,)
