"""Where a SPARQL query's syntax fails: the line, the column and why, on any engine."""

from __future__ import annotations

import re

from careergraph.errors import QuerySyntaxError


def check_query_syntax(text: str) -> None:
    """Raise QuerySyntaxError, with the line and column of the fault, if ``text`` is not a
    SPARQL query.

    pyoxigraph parses it (without running it) and says what it expected; its positions point
    past the fault, so rdflib's parser, which stops at the clause that fails, places it.
    """
    import pyoxigraph

    try:
        pyoxigraph.Store().query(text)
    except SyntaxError as error:
        found = re.match(r"error at (\d+):(\d+): (.*)", str(error), re.DOTALL)
        if not found:
            raise QuerySyntaxError(str(error)) from None
        reason = " ".join(found.group(3).split())
        if len(reason) > 160:
            reason = reason[:157] + "..."
        line, column = _rdflib_fault(text) or (int(found.group(1)), int(found.group(2)))
        raise QuerySyntaxError(reason, line, column) from None


def _rdflib_fault(text: str) -> tuple[int, int] | None:
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(text)
    except Exception as error:  # pyparsing's ParseException, and anything else it raises
        line, column = getattr(error, "lineno", None), getattr(error, "col", None)
        if isinstance(line, int) and isinstance(column, int):
            return line, column
    return None
