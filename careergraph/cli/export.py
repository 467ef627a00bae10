"""The export command: the graph written to a file."""

from __future__ import annotations

import sys

import click

from careergraph.cli.context import Settings, pass_settings
from careergraph.graph.formats import WRITABLE


@click.command()
@click.argument("format_name", metavar="FORMAT", type=click.Choice(WRITABLE))
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="File to write ('-' for standard output). Default: exports/careergraph.EXT.",
)
@pass_settings
def export(settings: Settings, format_name: str, output: str | None) -> None:
    """Write the whole graph (built-in and --data) as FORMAT: ttl, nt, jsonld or rdfxml.

    The file is written atomically: a failed export leaves no partial file.

    \b
    Examples:
      careergraph export ttl
      careergraph --data mine.ttl export jsonld -o merged.jsonld
    """
    from careergraph.exports.rdf import DEFAULT_FOLDER, default_path, export_rdf

    graph = settings.graph()
    if output == "-":
        sys.stdout.buffer.write(graph.serialize(format_name))
        sys.stdout.flush()
        return
    if output is None:
        DEFAULT_FOLDER.mkdir(exist_ok=True)
        output = str(default_path(format_name))
    path = export_rdf(graph, format_name, output)
    click.echo(f"wrote {path} ({len(graph.store)} triples, {format_name})", err=True)


COMMANDS = (export,)
