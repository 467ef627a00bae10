"""The import command group: external datasets brought into the user's store."""

from __future__ import annotations

import sys

import click

from careergraph.cli.context import Settings, emit, format_option, pass_settings


@click.group("import")
def import_group() -> None:
    """Bring an external dataset into your store (never into the package): every command
    then works on it along with the built-in graph."""


@import_group.command()
@click.argument("path", metavar="PATH")
@click.option("--name", default="esco", show_default=True, help="Name of the dataset.")
@pass_settings
def esco(settings: Settings, path: str, name: str) -> None:
    """Import the ESCO classification (ESCO classification, European Commission) from its
    CSV export: a folder of CSVs, a folder holding the two zips, or one of the zips.

    Occupations and skills with their labels and descriptions, essential and optional
    skills, both hierarchies, and skos:closeMatch links from the built-in roles to the ESCO
    occupations with the closest names.

    \b
    Example:
      careergraph import esco ../shared/data/esco/
    """
    from careergraph.graph.careergraph import CareerGraph
    from careergraph.graph.datasets import Datasets
    from careergraph.graph.esco import esco_ntriples, locate

    files = locate(path)
    builtin = CareerGraph.open()
    roles = [
        (listed.entity.iri, builtin.names.names_of(listed.entity.iri))
        for listed in builtin.list("roles").items
    ]
    total = files.line_count()
    with click.progressbar(length=total, label="reading ESCO", file=sys.stderr) as bar:
        lines = esco_ntriples(files, roles, bar.update)
        dataset = Datasets(settings.store).add(name, lines, files.origin)
    click.echo(f"imported {dataset.triples:,} triples as dataset {dataset.name!r}", err=True)


@import_group.command("list")
@format_option("table", "json", "csv", "tsv", "md")
@pass_settings
def list_datasets(settings: Settings, format_name: str) -> None:
    """The imported datasets."""
    from careergraph.graph.datasets import DatasetList, Datasets

    emit(
        DatasetList(tuple(Datasets(settings.store).all())), format_name, empty="no dataset imported"
    )


@import_group.command()
@click.argument("name")
@pass_settings
def remove(settings: Settings, name: str) -> None:
    """Remove an imported dataset from your store."""
    from careergraph.graph.datasets import Datasets

    removed = Datasets(settings.store).remove(name)
    click.echo(f"removed dataset {removed.name!r} ({removed.triples:,} triples)", err=True)


COMMANDS = (import_group,)
