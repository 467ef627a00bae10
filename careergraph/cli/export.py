"""The export command: the graph, its career projection or one of its views, in a file."""

from __future__ import annotations

import click

from careergraph.cli.context import Settings, pass_settings, report, write_output
from careergraph.exports.exporters import EXPORTERS, VIEWS, ViewRequest


@click.command()
@click.argument("format_name", metavar="FORMAT", type=click.Choice(tuple(EXPORTERS)))
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
    help="html: draw at most this many nodes (default 1500); the rest are left out, saying so.",
)
@pass_settings
def export(
    settings: Settings,
    format_name: str,
    output: str | None,
    view: str | None,
    focus: str | None,
    depth: int,
    max_nodes: int | None,
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
      careergraph export html --focus "MLOps Architect" --depth 2 -o mlops.html
      careergraph export mermaid --view mindmap -o mindmap.mmd
    """
    from careergraph.errors import BadInputError
    from careergraph.exports.exporters import DEFAULT_FOLDER, default_path

    if depth < 0:
        raise BadInputError("--depth must be 0 or more")
    if max_nodes is not None and max_nodes < 1:
        raise BadInputError("--max-nodes must be at least 1")
    request = ViewRequest(view, focus, depth, max_nodes, report)
    graph = settings.graph()
    if output is None:
        DEFAULT_FOLDER.mkdir(exist_ok=True)
        output = str(default_path(format_name, request))
    write_output(output, EXPORTERS[format_name].make(graph, request), format_name)


COMMANDS = (export,)
