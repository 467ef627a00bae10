"""The export command: the graph written to a file."""

from __future__ import annotations

import sys

import click

from careergraph.cli.context import Settings, pass_settings
from careergraph.exports.exporters import EXPORTERS


@click.command()
@click.argument("format_name", metavar="FORMAT", type=click.Choice(tuple(EXPORTERS)))
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="File to write ('-' for standard output). Default: exports/careergraph.EXT.",
)
@pass_settings
def export(settings: Settings, format_name: str, output: str | None) -> None:
    """Write the whole graph (built-in and --data) as FORMAT: ttl, nt, jsonld or rdfxml; or
    the projection of roles and career moves that `path` walks as graphml or gexf (for
    Gephi or Cytoscape), with node and edge attributes.

    The file is written atomically: a failed export leaves no partial file.

    \b
    Examples:
      careergraph export ttl
      careergraph --data mine.ttl export jsonld -o merged.jsonld
      careergraph export graphml -o careers.graphml
    """
    from careergraph.exports.exporters import DEFAULT_FOLDER, default_path, export

    graph = settings.graph()
    if output == "-":
        sys.stdout.buffer.write(EXPORTERS[format_name].make(graph))
        sys.stdout.flush()
        return
    if output is None:
        DEFAULT_FOLDER.mkdir(exist_ok=True)
        output = str(default_path(format_name))
    path = export(graph, format_name, output)
    click.echo(f"wrote {path} ({format_name})", err=True)


COMMANDS = (export,)
