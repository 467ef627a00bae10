"""The store command group: where the persistent stores are, and clearing them."""

from __future__ import annotations

import click

from careergraph.cli.context import Settings, emit, format_option, pass_settings


@click.group()
def store() -> None:
    """The persistent store: each set of sources (built-in data, --data files, imported
    datasets) is parsed once into an on-disk store that later calls reopen at once."""


@store.command()
@format_option("table", "json")
@pass_settings
def info(settings: Settings, format_name: str) -> None:
    """Where the stores are, and what each holds.

    \b
    Example:
      careergraph store info --format json
    """
    from careergraph.graph.cache.stores import StoreCache

    emit(StoreCache(settings.store).listing(), format_name)


@store.command()
@pass_settings
def clear(settings: Settings) -> None:
    """Remove every built store that no other process is building or opening, and what
    interrupted builds and imports left; the next call builds what it needs again. Files
    and folders careergraph did not write stay, and are named."""
    from careergraph.graph.cache.stores import StoreCache

    cache = StoreCache(settings.store)
    removed, in_use, left = cache.clear()
    kept = f"; kept {in_use} in use by another process" if in_use else ""
    click.echo(f"removed {removed} store(s) from {cache.location}{kept}", err=True)
    if left:
        named = ", ".join(left[:5]) + (f" and {len(left) - 5} more" if len(left) > 5 else "")
        click.echo(
            f"left {len(left)} entr{'y' if len(left) == 1 else 'ies'} careergraph did not "
            f"write in {cache.graphs}: {named}",
            err=True,
        )


COMMANDS = (store,)
