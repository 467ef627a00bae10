"""Typed errors. Their messages are written for people: the CLI prints them as they are.

Each carries the exit status the CLI uses: 2 for bad input, 1 for "ran, found nothing".
"""

from collections.abc import Sequence


class CareerGraphError(Exception):
    """Base class of every error careergraph raises on purpose."""

    exit_code = 2


class BadInputError(CareerGraphError):
    """Input that cannot be used: a malformed file, an unknown format, a bad option value."""


class DataFileError(BadInputError):
    """An RDF (or other) file that cannot be read or parsed."""

    def __init__(self, path: str, reason: str, line: int | None = None, column: int | None = None):
        self.path, self.reason, self.line, self.column = path, reason, line, column
        where = path
        if line is not None:
            where += f", line {line}" + (f", column {column}" if column is not None else "")
        super().__init__(f"{where}: {reason}")


class UnknownNameError(BadInputError):
    """A name that resolves to no entity; ``candidates`` are the closest names."""

    def __init__(self, name: str, candidates: Sequence[str] = (), what: str = "entity"):
        self.name, self.candidates = name, list(candidates)
        message = f"no {what} named {name!r}"
        if self.candidates:
            message += "; closest: " + ", ".join(self.candidates)
        super().__init__(message)


class AmbiguousNameError(BadInputError):
    """A name that several entities carry; ``candidates`` name them unambiguously."""

    def __init__(self, name: str, candidates: Sequence[str]):
        self.name, self.candidates = name, list(candidates)
        super().__init__(
            f"{name!r} names {len(self.candidates)} entities; use one of: "
            + ", ".join(self.candidates)
        )


class QuerySyntaxError(BadInputError):
    """A SPARQL query that does not parse: why, and where (line and column from 1)."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None):
        self.reason, self.line, self.column = reason, line, column
        super().__init__(reason)


class QueryTimeoutError(BadInputError):
    """A query still running when its time ran out (``--timeout``)."""


class EndpointError(BadInputError):
    """A SPARQL endpoint that cannot be reached or does not answer as SPARQL 1.1 says."""


class NotFoundError(CareerGraphError):
    """The command ran but found nothing to report."""

    exit_code = 1
