"""What every command shares: the global options, and the graph they describe."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from careergraph.errors import BadInputError, DataFileError, NotFoundError, OutputError
from careergraph.exports import ROW_FORMATS, render

if TYPE_CHECKING:
    from careergraph.graph.careergraph import CareerGraph


@dataclass
class Settings:
    """The global options, and the graph they open (once, on first use)."""

    data: tuple[str, ...] = ()
    builtin: bool = True
    engine: str = "oxigraph"
    endpoint: str | None = None
    timeout: float | None = None
    store: str | None = None  # the persistent store's folder (None: the default place)
    persist: bool = True
    debug: bool = False
    source: str | None = None  # --source: builtin, all or a dataset (None: the names decide)
    _graph: CareerGraph | None = field(default=None, repr=False)

    def graph(self, extra: tuple[str, ...] = (), lending_only: bool = False) -> CareerGraph:
        """The graph of the built-in data (unless --no-builtin), --data and ``extra`` files,
        or the one behind --endpoint; with ``lending_only``, of the imported datasets only
        those whose skills a job architecture takes (see :meth:`CareerGraph.open`)."""
        if self._graph is None:
            from careergraph.graph.careergraph import CareerGraph

            files = self.data + extra
            if self.endpoint is not None:
                from careergraph.graph.careergraph import check_source

                check_source(self.source, ["esco"])  # a server's taxonomies, by their IRIs
                if files or not self.builtin:
                    raise BadInputError(
                        "--endpoint queries the remote graph: --data, --no-builtin and files "
                        "to add do not apply"
                    )
                self._graph = CareerGraph.connect(
                    self.endpoint,
                    timeout=self.timeout,
                    persist=(self.store or True) if self.persist else False,
                    announce=report,
                    one_clock=True,
                )
                self._graph.source = self.source
                return self._graph
            if not self.builtin and not files:
                raise BadInputError("--no-builtin leaves nothing to load: give --data FILE")
            persist = (self.store or True) if self.persist else False
            self._graph = CareerGraph.open(
                files,
                builtin=self.builtin,
                engine=self.engine,
                persist=persist,
                imported=(self.store or True) if self.builtin else False,
                source=self.source,
                progress=Progress(),
                lending_only=lending_only,
            )
        return self._graph


pass_settings = click.make_pass_decorator(Settings)


def _remember_source(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    settings = ctx.find_object(Settings)
    if value is not None and settings is not None:
        settings.source = value


def source_option(default: str = "the taxonomies of the names asked about", datasets=True):
    """The ``--source`` option: which taxonomies an answer may hold (``datasets``: an
    imported dataset's name too, or only ``builtin`` and ``all``)."""
    choices = "builtin (as before any import), all, or an imported dataset (esco)"
    return click.option(
        "--source",
        "answer_source",
        metavar="NAME",
        callback=_remember_source,
        expose_value=False,
        help=f"{choices if datasets else 'builtin (as before any import) or all'} "
        f"[default: {default}].",
    )


def format_option(*choices: str, default: str = "table"):
    """The ``--format`` option, shared by every command that prints results."""
    return click.option(
        "--format",
        "format_name",
        type=click.Choice(choices or ROW_FORMATS),
        default=default,
        show_default=True,
        help="Output format.",
    )


def emit(result, format_name: str, empty: str | None = None, output: str | None = None) -> None:
    """Render ``result`` in ``format_name`` to standard output (or the file ``output``); if
    ``empty`` is given and the result has no rows, report that instead and exit 1."""
    if empty is not None and not result.table()[1]:
        raise NotFoundError(empty)
    text = render(result, format_name)
    content = text if isinstance(text, bytes) else text.encode("utf-8")
    if not content.endswith(b"\n"):
        content += b"\n"
    write_output(output, content, format_name)


def read_text(path: str) -> str:
    """A UTF-8 text file given on the command line ('-' for standard input); a file that is
    not a regular one (a FIFO, a device) or is too large is refused as ``--data`` is, and so
    is one that is not text (not UTF-8, or holding NUL bytes)."""
    from careergraph.graph.sources import read_file, utf8_text

    if path == "-":
        data, where = sys.stdin.buffer.read(), "standard input"
    else:
        from pathlib import Path

        data, where = read_file(Path(path)), path
    text = utf8_text(data, where)
    if "\0" in text:
        raise DataFileError(where, "not text (it holds NUL bytes)")
    return text


def write_output(output: str | None, content: bytes | str, what: str) -> None:
    """A command's file (text as UTF-8): to standard output (None or '-'), or written to
    PATH (atomically, or as a stream where PATH is a device: see
    :mod:`careergraph.exports.files`) and said so on stderr."""
    if isinstance(content, str):
        content = content.encode("utf-8")
    if output is None or output == "-":
        if sys.stdout is None:  # started with its standard output closed
            raise OutputError("standard output is closed: give -o FILE to write the output")
        try:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(
                f"standard output: cannot write ({error.strerror or error})"
            ) from None
        return
    from careergraph.exports.files import write_file

    path = write_file(output, content)
    click.echo(f"wrote {path} ({what})", err=True)


class Progress:
    """Long work said on stderr: where it is a terminal, one line that each stage rewrites
    (with the seconds so far) and the last word ends; elsewhere (a log, a pipe) the first
    stage and the last word, a line each."""

    def __init__(self, stream=None):
        self.stream = stream
        self.started: float | None = None

    def __call__(self, stage: str, last: bool) -> None:
        import time

        stream = self.stream or sys.stderr
        live = hasattr(stream, "isatty") and stream.isatty()
        first = self.started is None
        if first:
            self.started = time.monotonic()
        if live:
            seconds = time.monotonic() - (self.started or 0.0)
            line = stage if last else f"{stage} ({seconds:.0f} s so far)"
            stream.write(f"\r\x1b[Kcareergraph: {line}" + ("\n" if last else ""))
        elif first or last:
            stream.write(f"careergraph: {stage}{'' if last else '...'}\n")
        stream.flush()


def report(note: str) -> None:
    """Tell the user something the output leaves out (a view cut to --max-nodes)."""
    click.echo(f"careergraph: {note}", err=True)
