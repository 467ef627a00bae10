"""The query and queries commands: SPARQL inline, from a file or from the named catalogue."""

from __future__ import annotations

import time

import click

from careergraph.cli.context import (
    Settings,
    emit,
    format_option,
    pass_settings,
    read_text,
    source_option,
)
from careergraph.errors import BadInputError
from careergraph.graph.store.formats import GRAPH_FORMATS, SOLUTION_FORMATS


def _parameters(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    parameters: dict[str, str] = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r} is not KEY=VALUE", ctx, param)
        parameters[key.strip().lstrip("?$")] = text
    return parameters


@click.command()
@click.argument("sparql", required=False)
@click.option(
    "-f", "--file", "query_file", metavar="FILE", help="Read the query from FILE ('-': stdin)."
)
@click.option("-n", "--name", metavar="NAME", help="Run a named query (see: careergraph queries).")
@click.option(
    "-p",
    "--param",
    "parameters",
    multiple=True,
    metavar="KEY=VALUE",
    callback=_parameters,
    help="Bind ?KEY to VALUE: an entity's name binds its IRI, anything else a literal. Repeatable.",
)
@source_option("all", datasets=False)
@format_option(*SOLUTION_FORMATS, *GRAPH_FORMATS, default=None)
@click.option("-o", "--output", metavar="PATH", help="Write the result to PATH (atomically).")
@click.option(
    "--reason",
    type=click.Choice(["none", "rdfs", "owlrl"]),
    default="none",
    show_default=True,
    help="Materialise what the ontology implies (super-classes, super-properties, inverses) "
    "before the query runs.",
)
@click.option(
    "--allow-update",
    is_flag=True,
    help="Let a SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP...) through, to an "
    "--endpoint only.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let a query's SERVICE clauses call the servers they name (bounded by --timeout).",
)
@click.option(
    "--update-endpoint",
    metavar="URL",
    help="Where updates go, if not at --endpoint (default: .../query becomes .../update).",
)
@pass_settings
def query(
    settings: Settings,
    sparql: str | None,
    query_file: str | None,
    name: str | None,
    parameters: dict[str, str],
    format_name: str | None,
    output: str | None,
    reason: str,
    allow_update: bool,
    allow_service: bool,
    update_endpoint: str | None,
) -> None:
    """Run a SPARQL query: inline, from a file (-f) or by name (-n). The prefixes cg, rdf,
    rdfs, owl, xsd, skos, schema, esco, prov and dcterms are predeclared.

    SELECT and ASK print a table, or --format json, xml, csv or tsv (the W3C SPARQL 1.1
    result formats) or md. CONSTRUCT and DESCRIBE print Turtle, or --format nt or jsonld.
    Queries are read-only: SPARQL Update is refused unless --allow-update is given, and then
    it goes to the --endpoint only. A SERVICE clause (a call to another server) is refused
    unless --allow-service is given. Exit status 1 when a query finds no solution.

    \b
    Examples:
      careergraph query 'SELECT ?role WHERE { ?role cg:track ?t }' -p t=MLOps
      careergraph query -n role-skills -p role="Site Reliability Engineer" --format csv
      careergraph query -f my.rq --format json -o answer.json
      careergraph query --reason rdfs 'SELECT ?o WHERE { ?o a esco:Occupation }'
    """
    from careergraph.graph.results.query import QueryResult
    from careergraph.graph.store.querytext import analyse

    given = [s for s in (sparql, query_file, name) if s is not None]
    if len(given) != 1:
        raise click.UsageError("give exactly one query: SPARQL text, -f FILE or -n NAME")
    if settings.source not in (None, "builtin", "all"):
        raise click.BadParameter(
            "a query takes builtin or all: SPARQL sees the whole graph (select a dataset's "
            "entities in the query itself)",
            param_hint="--source",
        )
    if name:
        from careergraph.graph.catalogue import catalogue

        text = catalogue().get(name).text
    else:
        text = sparql or read_text(query_file or "-")
    if analyse(text).form == "update":
        _update(settings, text, parameters, allow_update, update_endpoint)
        return
    allowed = QueryResult.formats_for(text)
    if format_name is not None and format_name not in allowed:
        form = analyse(text).form.upper()
        raise BadInputError(
            f"a {form} query cannot be written as {format_name}; choose from {', '.join(allowed)}"
        )
    graph = settings.graph()
    timeout = settings.timeout
    if reason != "none":  # one clock: materialising, then the query in what time is left
        started = time.monotonic()
        graph = graph.reasoned(reason, timeout)
        timeout = max(timeout - (time.monotonic() - started), 0.001) if timeout else None
    if name:
        result = graph.named_query(name, parameters, timeout=timeout)
    else:
        result = graph.query(text, parameters, timeout, allow_service)
    emit(result, format_name or result.formats[0], output=output)
    if result.answer.form == "select" and not result.answer.rows:
        click.echo("careergraph: no solutions", err=True)
        raise click.exceptions.Exit(1)


def _update(
    settings: Settings,
    text: str,
    parameters: dict[str, str],
    allow_update: bool,
    update_endpoint: str | None,
) -> None:
    if not allow_update:
        raise BadInputError(
            "SPARQL Update is refused: queries are read-only. "
            "Give --allow-update to update a remote --endpoint."
        )
    if settings.endpoint is None:
        raise BadInputError(
            "--allow-update applies only to a remote --endpoint; "
            "the built-in graph and --data files are never modified"
        )
    from careergraph.graph.careergraph import CareerGraph

    graph = CareerGraph.connect(
        settings.endpoint, timeout=settings.timeout, update_url=update_endpoint
    )
    graph.update(text, timeout=settings.timeout, parameters=parameters)
    click.echo(f"update applied at {graph.store.update_url}", err=True)  # type: ignore[attr-defined]


@click.command()
@click.argument("name", required=False)
@format_option()
def queries(name: str | None, format_name: str) -> None:
    """List the named queries with their parameters, or show one (NAME): its SPARQL text, or
    its parameters with --format.

    \b
    Examples:
      careergraph queries
      careergraph queries salary-bands
      careergraph queries salary-bands --format json
    """
    from careergraph.graph.catalogue import catalogue

    if name is None:
        emit(catalogue(), format_name)
        return
    named = catalogue().get(name)
    if format_name == "table":
        click.echo(named.text, nl=not named.text.endswith("\n"))
    else:
        emit(named, format_name)


COMMANDS = (query, queries)
