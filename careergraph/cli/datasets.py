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
    from careergraph.graph.sources.esco import import_esco

    with _ProgressBar("reading ESCO") as progress:
        dataset = import_esco(path, settings.store, name, progress)
    click.echo(f"imported {dataset.triples:,} triples as dataset {dataset.name!r}", err=True)


@import_group.command()
@click.argument("path", metavar="FILE.csv", required=False)
@click.option("--name", help="Name of the job architecture (default: the file's name).")
@click.option("--template", is_flag=True, help="Print a CSV to start from, and stop.")
@pass_settings
def roles(settings: Settings, path: str | None, name: str | None, template: bool) -> None:
    """Import a job architecture: your roles, families, levels, skills and salaries, from a
    CSV of one row per role and skill (the columns: --template). It becomes a taxonomy of
    its own (--source NAME), linked to the built-in skills and ESCO's by their names.

    \b
    Example:
      careergraph import roles --template
      careergraph import roles job-architecture.csv --name acme
      careergraph list roles --source acme
    """
    from careergraph.graph.sources.roles import TEMPLATE

    if template:
        click.echo(TEMPLATE, nl=False)
        return
    if path is None:
        raise click.UsageError("give FILE.csv (or --template for a file to start from)")
    if settings.endpoint is not None:  # its skills are read on the graph it joins: yours
        raise click.UsageError("import roles brings a file into your store: drop --endpoint")
    from careergraph.exports.layout import terminal_width, wrapped

    found = settings.graph(lending_only=True).import_roles(path, name, settings.store)
    width = terminal_width(sys.stderr)
    for line in found.report():
        click.echo(wrapped(line, width), err=True)


@import_group.command("list")
@format_option("table", "json", "csv", "tsv", "md")
@pass_settings
def list_datasets(settings: Settings, format_name: str) -> None:
    """The imported datasets."""
    from careergraph.graph.sources.datasets import DatasetList, Datasets

    emit(
        DatasetList(tuple(Datasets(settings.store).all())), format_name, empty="no dataset imported"
    )


@import_group.command()
@click.argument("name")
@pass_settings
def remove(settings: Settings, name: str) -> None:
    """Remove an imported dataset from your store."""
    from careergraph.graph.sources.datasets import Datasets

    removed = Datasets(settings.store).remove(name)
    click.echo(f"removed dataset {removed.name!r} ({removed.triples:,} triples)", err=True)


class _ProgressBar:
    """A progress bar on stderr, drawn once the library says how much there is to do."""

    def __init__(self, label: str):
        self.label, self.bar = label, None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done)

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


COMMANDS = (import_group,)
