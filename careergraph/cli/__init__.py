"""The ``careergraph`` command: a thin layer that parses arguments, calls one library
function and hands its result to one renderer."""

from __future__ import annotations

import contextlib
import importlib
import math
import os
import sys

import click

from careergraph.cli.context import Settings
from careergraph.errors import CareerGraphError, NotFoundError, ParameterError, StoreWriteError
from careergraph.version import __version__

# Each kind of error's exit status: the first that matches (1: ran and found nothing).
EXIT_STATUS = ((NotFoundError, 1), (CareerGraphError, 2))
# The flag or argument that sets each library parameter, to word its errors.
FLAGS = {
    "source": "--source",
    "group": "--group",
    "k": "-k",
    "max_steps": "--max-steps",
    "via": "--via",
    "kind": "--kind",
    "owners": "--matrix",
    "depth": "--depth",
    "max_nodes": "--max-nodes",
    "focus": "--focus",
    "view": "--view",
    "url": "--endpoint",
    "update_url": "--update-endpoint",
    "allow_service": "--allow-service",
    "timeout": "--timeout",
    "parameters": "-p",
    "skills": "the skill list (SKILLs and --skills-file)",
    "text": "the --text file",
    "engine": "--engine",
    "format": "--format",
    "limit": "--limit",
}

# Each command's module, imported only when the command runs (or --help lists them all).
COMMAND_MODULES = {
    "stats": "explore",
    "list": "explore",
    "show": "explore",
    "search": "explore",
    "overlap": "careers",
    "path": "careers",
    "match": "careers",
    "similar": "careers",
    "report": "careers",
    "export": "export",
    "query": "query",
    "queries": "query",
    "store": "store",
    "import": "datasets",
    "validate": "validate",
}


# The commands as --help lists them: by what a person wants to do.
TASKS = (
    ("Career questions", ("match", "path", "similar", "overlap", "report")),
    ("Look around the graph", ("show", "search", "list", "stats")),
    ("Pages and files", ("export",)),
    ("SPARQL and checks", ("query", "queries", "validate")),
    ("Your data and the store", ("import", "store")),
)


class CareerGraphGroup(click.Group):
    """A click group that loads each command's module when it is used, and turns
    careergraph's errors into one line on stderr and an exit status, never a traceback
    (unless --debug)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands by task (``TASKS``), each with its short help."""
        width = formatter.width - 6 - max(len(name) for name in COMMAND_MODULES)
        for task, names in TASKS:
            rows = []
            for name in names:
                command = self.get_command(ctx, name)
                if command is not None:
                    rows.append((name, command.get_short_help_str(limit=width)))
            with formatter.section(task):
                formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMAND_MODULES:
            return None
        module = importlib.import_module(f"careergraph.cli.{COMMAND_MODULES[name]}")
        return next(command for command in module.COMMANDS if command.name == name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            result = super().invoke(ctx)
            _notes(ctx)
            return result
        except CareerGraphError as error:
            _notes(ctx)
            if _debug(ctx):
                raise
            from careergraph.exports.layout import terminal_width, wrapped

            message = f"careergraph: error: {worded(error)}"
            click.echo(wrapped(message, terminal_width(sys.stderr)), err=True)
            ctx.exit(exit_status(error))
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:  # Ctrl-C: 128 + SIGINT, as shells say it
            click.echo("careergraph: interrupted", err=True)
            ctx.exit(130)
        except Terminated:
            click.echo("careergraph: terminated", err=True)
            ctx.exit(143)
        except BrokenPipeError:
            # The reader went away (`careergraph list roles | head`): nothing more to say.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(1)
        except Exception as error:
            if _debug(ctx):
                raise
            click.echo(
                f"careergraph: internal error: {type(error).__name__}: {error} "
                "(run with --debug for the traceback)",
                err=True,
            )
            ctx.exit(70)


def _notes(ctx: click.Context) -> None:
    """What the graph noted of the answer (how a name was read), on stderr, each wrapped to
    the terminal's width."""
    notes = getattr(getattr(ctx.obj, "_graph", None), "notes", ())
    if notes:
        from careergraph.exports.layout import terminal_width, wrapped

        width = terminal_width(sys.stderr)
        for note in notes:
            click.echo(wrapped(f"careergraph: note: {note}", width), err=True)


def worded(error: CareerGraphError) -> str:
    """The error's message in the command line's words: a parameter named as its flag.

    >>> worded(ParameterError("max_steps", "must be at least 1"))
    '--max-steps must be at least 1'
    """
    if isinstance(error, ParameterError):
        return error.worded(FLAGS.get(error.parameter, error.parameter))
    if isinstance(error, StoreWriteError):
        return f"{error} (another location: --store PATH)"
    return str(error)


def exit_status(error: CareerGraphError) -> int:
    """The exit status of an error (see ``EXIT_STATUS``)."""
    return next(status for kind, status in EXIT_STATUS if isinstance(error, kind))


def _debug(ctx: click.Context) -> bool:
    return getattr(ctx.obj, "debug", False) or os.environ.get("CAREERGRAPH_DEBUG") == "1"


@click.group(
    cls=CareerGraphGroup,
    # Help as wide as the terminal (click stops at 80 columns unless told), up to 120.
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120},
)
@click.version_option(__version__, "--version", prog_name="careergraph")
@click.option(
    "--data",
    "data",
    multiple=True,
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=str),
    help="Extra RDF file (Turtle, N-Triples, JSON-LD, RDF/XML, TriG, N3...) merged with the "
    "built-in graph. Repeatable.",
)
@click.option("--no-builtin", is_flag=True, help="Leave the built-in graph out: use only --data.")
@click.option(
    "--engine",
    metavar="NAME",
    default="oxigraph",
    show_default=True,
    # The library's registry of engines checks the name (no store is loaded for --help).
    help="Query engine: oxigraph (fast) or rdflib (the reference).",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Run against a remote SPARQL 1.1 endpoint (Fuseki, GraphDB, Virtuoso, Oxigraph "
    "server...) instead of the local graph, e.g. http://localhost:7878/query.",
)
@click.option(
    "--timeout",
    metavar="SECONDS",
    type=click.FloatRange(min=0),
    callback=lambda _, __, value: _finite(value),
    default=60.0,
    show_default=True,
    help="Give up on a query, or on a whole command against an endpoint, after this long "
    "(at most 1000000; 0 for no limit).",
)
@click.option(
    "--store",
    metavar="PATH",
    envvar="CAREERGRAPH_STORE",
    help="Where the persistent store lives (default: the platform's cache folder; "
    "also $CAREERGRAPH_STORE).",
)
@click.option("--no-store", is_flag=True, help="Parse the graph into memory; keep nothing on disk.")
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
@click.pass_context
def cli(
    ctx: click.Context,
    data: tuple[str, ...],
    no_builtin: bool,
    engine: str,
    endpoint: str | None,
    timeout: float,
    store: str | None,
    no_store: bool,
    debug: bool,
) -> None:
    """Explore technical careers as a knowledge graph: roles, skills, tools, levels, tracks
    and trends, with salaries, certifications and where each fact comes from.

    \b
    Examples:
      careergraph match "python, sql, k8s"
      careergraph path "Junior Linux Admin" "MLOps Engineer"
      careergraph report --role "Junior Linux Admin" --target "MLOps Engineer" -o plan.html
      careergraph show "MLOps Architect"
      careergraph list roles --track MLOps
      careergraph query -n salary-bands -p track=MLOps
      careergraph --endpoint http://localhost:7878/query list roles
    """
    ctx.obj = Settings(
        data=data,
        builtin=not no_builtin,
        engine=engine,
        endpoint=endpoint,
        timeout=timeout or None,
        store=store,
        persist=not no_store,
        debug=debug,
    )


MAX_TIMEOUT = 1_000_000.0  # seconds (eleven days): more is no limit, and the clocks overflow


def _finite(seconds: float) -> float:
    """``--timeout``'s value, if it is a finite number no larger than ``MAX_TIMEOUT``."""
    if not math.isfinite(seconds) or seconds > MAX_TIMEOUT:
        raise click.BadParameter(
            f"must be a number of seconds up to {MAX_TIMEOUT:,.0f} (0 for no limit)"
        )
    return seconds


def _is_text(argument: str) -> bool:
    """Whether a command-line argument is text: bytes that are not UTF-8 come to Python as
    lone surrogates (a name typed in Latin-1, a path in another encoding).

    >>> _is_text("café"), _is_text("caf" + chr(0xDCE9))
    (True, False)
    """
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Terminated(BaseException):
    """SIGTERM, raised where the process is, so that what it was writing is cleaned up as
    on an error (a temporary file removed, a build folder left for the next run)."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main() -> None:
    """Entry point of the ``careergraph`` console script.

    Once the command is done and its output flushed, the process leaves at once: tearing
    down every module and object costs a fast command on the built-in graph a sixth of its
    time, and seconds after a large graph. Nothing is left to do by then (stores are
    read-only or closed, files renamed into place), so skipping it loses nothing.
    """
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    undecodable = next((arg for arg in sys.argv[1:] if not _is_text(arg)), None)
    if undecodable is not None:
        escaped = os.fsencode(undecodable).decode("utf-8", "backslashreplace")
        print(f"careergraph: error: the argument '{escaped}' is not UTF-8 text", file=sys.stderr)
        os._exit(2)
    try:
        cli(prog_name="careergraph")
        status = 0
    except SystemExit as leaving:
        status = leaving.code
    if isinstance(status, str):
        print(status, file=sys.stderr)
        status = 1
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # the reader went away: nothing more to say
        status = status or 1
    except OSError as error:  # a full device: the output is not all there
        with contextlib.suppress(OSError, AttributeError):
            print(f"careergraph: error: standard output: cannot write ({error})", file=sys.stderr)
        status = status or 2
    with contextlib.suppress(OSError, AttributeError):
        sys.stderr.flush()
    os._exit(status or 0)
