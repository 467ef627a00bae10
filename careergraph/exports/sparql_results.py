"""SPARQL SELECT and ASK answers written as the W3C SPARQL 1.1 result formats.

XML (https://www.w3.org/TR/rdf-sparql-XMLres/), CSV and TSV
(.../sparql11-results-csv-tsv/) here, JSON (.../sparql11-results-json/) as the result's own
``to_json()``, exactly as specified, so that any program that reads
standard SPARQL results reads ours. They are written from engine-neutral answers, so every
engine (and a remote endpoint) gives byte-for-byte the same output for the same solutions.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from careergraph.graph.store.ntriples import ntriples_term
from careergraph.graph.store.terms import IRI, BlankNode, Term

if TYPE_CHECKING:
    from careergraph.graph.results.query import QueryResult
    from careergraph.graph.store import Answer

RESULTS_NAMESPACE = "http://www.w3.org/2005/sparql-results#"


def escape(text: str) -> str:
    r"""Text escaped for an XML element (``&``, ``<``, ``>``; quotes too, harmlessly), with a
    carriage return as a reference: an XML parser turns a bare one into a line feed.

    >>> escape("a < b\r\n")
    'a &lt; b&#13;\n'
    """
    from html import escape as html_escape  # only the XML format needs it

    return html_escape(text, quote=True).replace("\r", "&#13;")


def quoteattr(text: str) -> str:
    """A double-quoted XML attribute value."""
    return f'"{escape(text)}"'


def results_xml(answer: Answer) -> str:
    """The SPARQL Query Results XML document."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sparql xmlns="{RESULTS_NAMESPACE}">']
    if answer.form == "ask":
        lines += ["  <head/>", f"  <boolean>{'true' if answer.boolean else 'false'}</boolean>"]
    else:
        lines.append("  <head>")
        lines += [f"    <variable name={quoteattr(name)}/>" for name in answer.variables]
        lines += ["  </head>", "  <results>"]
        for row in answer.rows:
            lines.append("    <result>")
            for name in answer.variables:
                if name in row:
                    lines.append(
                        f"      <binding name={quoteattr(name)}>{_xml_term(row[name])}</binding>"
                    )
            lines.append("    </result>")
        lines.append("  </results>")
    lines.append("</sparql>")
    return "\n".join(lines)


def _xml_term(term: Term) -> str:
    if isinstance(term, IRI):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype:
        return f"<literal datatype={quoteattr(term.datatype)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def results_csv(answer: Answer) -> str:
    """SPARQL 1.1 CSV: a header of variable names, then plain values, CRLF line ends.

    CSV loses datatypes and languages by design (use TSV, JSON or XML to keep them). The
    specification defines no CSV for ASK; like common engines, the answer is ``true`` or
    ``false`` on its own line.
    """
    if answer.form == "ask":
        return ("true" if answer.boolean else "false") + "\r\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(answer.variables)
    for row in answer.rows:
        writer.writerow([_csv_value(row[name]) if name in row else "" for name in answer.variables])
    return buffer.getvalue()


def _csv_value(term: Term) -> str:
    return f"_:{term.value}" if isinstance(term, BlankNode) else term.value


def results_tsv(answer: Answer) -> str:
    """SPARQL 1.1 TSV: a header of ``?variables``, then terms in SPARQL syntax."""
    if answer.form == "ask":
        return ("true" if answer.boolean else "false") + "\n"
    lines = ["\t".join(f"?{name}" for name in answer.variables)]
    for row in answer.rows:
        lines.append("\t".join(ntriples_term(row[n]) if n in row else "" for n in answer.variables))
    return "\n".join(lines) + "\n"


def render_xml(result: QueryResult) -> str:
    """A query result as SPARQL Query Results XML."""
    return results_xml(result.answer)


def render_csv(result: QueryResult) -> str:
    """A query result as SPARQL 1.1 CSV."""
    return results_csv(result.answer)


def render_tsv(result: QueryResult) -> str:
    """A query result as SPARQL 1.1 TSV."""
    return results_tsv(result.answer)
