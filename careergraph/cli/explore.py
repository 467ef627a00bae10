"""Commands that look at the graph: stats, list, show, search."""

from __future__ import annotations

import click

from careergraph.cli.context import Settings, emit, format_option, pass_settings, source_option


@click.command()
@source_option("all")
@format_option()
@pass_settings
def stats(settings: Settings, format_name: str) -> None:
    """Counts of triples and of entities by class, the sources loaded, and the engine.

    \b
    Example:
      careergraph stats --format json
    """
    emit(settings.graph().stats(), format_name)


@click.command("list")
@click.argument("kind")
@click.option("--track", metavar="NAME", help="Only entities of this track (e.g. MLOps).")
@click.option("--level", metavar="NAME", help="Only entities at this level (e.g. 'Senior Level').")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N.")
@source_option("all")
@format_option()
@pass_settings
def list_command(
    settings: Settings,
    kind: str,
    track: str | None,
    level: str | None,
    limit: int | None,
    format_name: str,
) -> None:
    """List the entities of one KIND: roles, skills, skill-areas, tools, levels, tracks,
    trends, certifications, sectors, salary-bands, pros, cons... (singular works too).

    \b
    Examples:
      careergraph list roles --track DevOps --level "Mid Level"
      careergraph list certifications --format csv
    """
    result = settings.graph().list(kind, track=track, level=level, limit=limit)
    emit(result, format_name, empty=f"no {result.kind} match")


@click.command()
@click.argument("name")
@source_option("all")
@format_option()
@pass_settings
def show(settings: Settings, name: str, format_name: str) -> None:
    """Everything about one entity, given by NAME: a label, an alternative label, a slug
    (mlops-architect), an id path (role/mlops-architect) or an IRI; any case.

    \b
    Examples:
      careergraph show "MLOps Architect"
      careergraph show rhce --format json
    """
    emit(settings.graph().show(name), format_name)


@click.command()
@click.argument("text")
@click.option("--kind", metavar="KIND", help="Only entities of this kind (roles, skills...).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@source_option("all")
@format_option()
@pass_settings
def search(settings: Settings, text: str, kind: str | None, limit: int, format_name: str) -> None:
    """Find entities whose labels or alternative labels match TEXT, best matches first.

    \b
    Example:
      careergraph search "feature store" --kind skills
    """
    result = settings.graph().search(text, kind=kind, limit=limit)
    emit(result, format_name, empty=f"nothing matches {text!r}")


COMMANDS = (stats, list_command, show, search)
