"""The validate command: SHACL validation with a report and an exit status."""

from __future__ import annotations

import click

from careergraph.cli.context import Settings, emit, format_option, pass_settings


@click.command()
@click.argument("files", nargs=-1, metavar="[FILE]...", type=click.Path(dir_okay=False))
@format_option()
@pass_settings
def validate(settings: Settings, files: tuple[str, ...], format_name: str) -> None:
    """Check the graph against careergraph's SHACL shapes.

    FILEs are added to the graph (the built-in one unless --no-builtin) before checking, so
    that they can refer to built-in tracks and levels. Exit status: 0 if the graph conforms,
    1 if it does not (with a report: focus node, property, message), 2 if a file cannot be
    read or parsed.

    \b
    Examples:
      careergraph validate
      careergraph validate my-roles.ttl --format json
    """
    from careergraph.graph.validation import validate as run_validation

    report = run_validation(settings.graph(extra=tuple(files)))
    emit(report, format_name)
    if not report.conforms:
        click.echo(f"{len(report.violations)} violation(s)", err=True)
        raise click.exceptions.Exit(1)


COMMANDS = (validate,)
