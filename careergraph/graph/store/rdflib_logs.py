"""rdflib's warnings, as one line each on standard error instead of a traceback each.

rdflib logs a warning with the whole traceback for every literal it cannot read as its
datatype (``"abc"^^xsd:integer``; Virtuoso's durations came back as ``"12"``): ten kilobytes
of stderr for one value, and the answer is still right (the literal stays as written).
"""

from __future__ import annotations

import logging
import re
import sys

_PREFIX = "careergraph: warning: "
_XSD = "http://www.w3.org/2001/XMLSchema#"


class _OneLine(logging.Filter):
    """Rewrites each record as one line in careergraph's words; lets each line through once."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        text = one_line(record.getMessage(), record.exc_info[1] if record.exc_info else None)
        record.msg, record.args, record.exc_info, record.exc_text = text, (), None, None
        if text in self.seen:
            return False
        self.seen.add(text)
        return True


def one_line(message: str, error: BaseException | None = None) -> str:
    """One of rdflib's warnings in one line.

    >>> print(one_line("Failed to convert Literal lexical form to value. Datatype="
    ...                "http://www.w3.org/2001/XMLSchema#integer, Converter=<class 'int'>",
    ...                ValueError("'abc'")))
    careergraph: warning: a literal is not a valid xsd:integer ('abc'); it is kept as written
    """
    found = re.match(r"Failed to convert Literal lexical form to value\. Datatype=(\S+?),", message)
    if found:
        datatype = found.group(1).replace(_XSD, "xsd:")
        reason = f" ({str(error).splitlines()[0]})" if error is not None else ""
        return f"{_PREFIX}a literal is not a valid {datatype}{reason}; it is kept as written"
    return _PREFIX + "rdflib: " + message.strip().splitlines()[0] if message.strip() else ""


def one_line_warnings() -> None:
    """Send rdflib's warnings to stderr one line each (once per process)."""
    logger = logging.getLogger("rdflib")
    if any(isinstance(f, _OneLine) for h in logger.handlers for f in h.filters):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(_OneLine())
    logger.addHandler(handler)
    logger.propagate = False
