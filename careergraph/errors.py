"""Typed errors, in the library's words: a caller catches the type it cares about.

Messages are written for people and name Python parameters (``k must be at least 1``), never
command-line flags: the CLI turns each type into an exit status and, where a parameter is the
cause, words it as the flag (``-k must be at least 1``).

>>> try:
...     raise ParameterError("max_steps", "must be at least 1")
... except BadInputError as error:
...     print(error, "|", error.worded("--max-steps"))
max_steps must be at least 1 | --max-steps must be at least 1
"""

from __future__ import annotations

from collections.abc import Sequence


class CareerGraphError(Exception):
    """Base class of every error careergraph raises on purpose."""


# ---- the caller's input ------------------------------------------------------------------


class BadInputError(CareerGraphError):
    """Input that cannot be used: a malformed value, an unknown format, a bad combination."""


class ParameterError(BadInputError, ValueError):
    """A parameter whose value cannot be used: ``parameter`` is its Python name and
    ``problem`` what is wrong with it (the message is the two together)."""

    def __init__(self, parameter: str, problem: str):
        self.parameter, self.problem = parameter, problem
        super().__init__(f"{parameter} {problem}")

    def worded(self, name: str) -> str:
        """The message with the parameter called ``name`` (a command-line flag)."""
        return f"{name} {self.problem}"


class DataFileError(BadInputError):
    """An RDF (or other) file that cannot be read or parsed."""

    def __init__(self, path: str, reason: str, line: int | None = None, column: int | None = None):
        self.path, self.reason, self.line, self.column = path, reason, line, column
        where = path
        if line is not None:
            where += f", line {line}" + (f", column {column}" if column is not None else "")
        super().__init__(f"{where}: {reason}")


class UnknownNameError(BadInputError, LookupError):
    """A name that resolves to no entity; ``candidates`` are the closest names."""

    def __init__(self, name: str, candidates: Sequence[str] = (), what: str = "entity"):
        self.name, self.candidates = name, list(candidates)
        message = f"no {what} named {name!r}"
        if self.candidates:
            message += "; closest: " + ", ".join(self.candidates)
        super().__init__(message)


class AmbiguousNameError(BadInputError, LookupError):
    """A name that several entities carry; ``candidates`` name them unambiguously."""

    def __init__(self, name: str, candidates: Sequence[str]):
        self.name, self.candidates = name, list(candidates)
        super().__init__(
            f"{name!r} names {len(self.candidates)} entities; use one of: "
            + ", ".join(self.candidates)
        )


class WrongKindError(BadInputError):
    """A name that resolves to an entity of a kind the question does not take (a track
    where a role is wanted); ``label``, ``kind`` and ``expected`` say which."""

    def __init__(self, label: str, kind: str | None, expected: str):
        self.label, self.kind, self.expected = label, kind, expected
        super().__init__(f"{label!r} is a {kind or 'thing'}, not {expected}")


class QuerySyntaxError(BadInputError):
    """A SPARQL query that does not parse: why, and where (line and column from 1)."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None):
        self.reason, self.line, self.column = reason, line, column
        super().__init__(reason)


class QueryError(BadInputError):
    """A query that parses but that the engine could not run, or that the graph refuses
    (an update on a read-only graph)."""


class ReadOnlyError(QueryError):
    """A SPARQL Update sent to a graph that is read-only (every local one)."""


# ---- the world outside -----------------------------------------------------------------


class QueryTimeoutError(CareerGraphError):
    """A query still running (or an answer still arriving) when its time ran out."""


class EndpointError(CareerGraphError):
    """A remote SPARQL endpoint that failed; ``url`` names it."""

    def __init__(self, url: str, message: str):
        self.url = url
        super().__init__(message)


class EndpointUnreachableError(EndpointError):
    """An endpoint that cannot be reached (refused connection, unknown host...)."""


class EndpointTimeoutError(EndpointError, QueryTimeoutError):
    """An endpoint that did not answer in time."""


class EndpointAnswerError(EndpointError):
    """An endpoint that answered, but with an HTTP error or something that is not SPARQL
    results."""


class EndpointRefusedError(EndpointAnswerError):
    """An endpoint that answered a query with an HTTP error status."""


class StoreWriteError(CareerGraphError):
    """The persistent store or a dataset could not be written: a full disk, a folder that
    is not writable."""


class UnsafeStoreError(CareerGraphError):
    """A store location that others can write to (or that another user owns): what it keeps
    could be planted there, so it is not used."""


class StoreGoneError(CareerGraphError):
    """A built store that another process removed (store clear) while a command read it."""


class OutputError(CareerGraphError):
    """An output file that could not be written whole (a missing folder, a full disk)."""


class UnwritableCharacterError(OutputError):
    """A value holds a character the output format cannot carry (XML 1.0 and a control
    character), so nothing is written."""

    def __init__(self, format_name: str, code: int, where: str, instead: str):
        self.format_name, self.code, self.where = format_name, code, where
        super().__init__(
            f"{format_name} cannot carry U+{code:04X}, in {where} (XML 1.0 allows no control"
            f" character but tab and line breaks); {instead}"
        )


# ---- nothing to report -----------------------------------------------------------------


class NotFoundError(CareerGraphError, LookupError):
    """The question was asked properly, and the graph holds nothing that answers it."""


class NoPathError(NotFoundError):
    """No way from one role to the other, under the constraints given."""
