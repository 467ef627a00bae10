"""SPARQL results written as the W3C SPARQL 1.1 result formats, and CONSTRUCT results as RDF.

JSON (https://www.w3.org/TR/sparql11-results-json/), XML (.../rdf-sparql-XMLres/), CSV and
TSV (.../sparql11-results-csv-tsv/), exactly as specified, so that any program that reads
standard SPARQL results reads ours. They are written from engine-neutral answers, so every
engine (and a remote endpoint) gives byte-for-byte the same output for the same solutions.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from careergraph.graph.querytext import sparql_term
from careergraph.graph.store import Answer, Triple
from careergraph.graph.terms import IRI, BlankNode, Term

RESULTS_NAMESPACE = "http://www.w3.org/2005/sparql-results#"


def escape(text: str) -> str:
    """Text escaped for an XML element (``&``, ``<``, ``>``; quotes too, harmlessly)."""
    from html import escape as html_escape  # only the XML format needs it

    return html_escape(text, quote=True)


def quoteattr(text: str) -> str:
    """A double-quoted XML attribute value."""
    return f'"{escape(text)}"'


def json_term(term: Term) -> dict[str, str]:
    """One RDF term as a SPARQL JSON results binding."""
    if isinstance(term, IRI):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    binding = {"type": "literal", "value": term.value}
    if term.language:
        binding["xml:lang"] = term.language
    elif term.datatype:
        binding["datatype"] = term.datatype
    return binding


def results_json(answer: Answer) -> dict[str, Any]:
    """The SPARQL 1.1 Query Results JSON document, as plain data."""
    if answer.form == "ask":
        return {"head": {}, "boolean": bool(answer.boolean)}
    return {
        "head": {"vars": list(answer.variables)},
        "results": {
            "bindings": [
                {name: json_term(term) for name, term in row.items()} for row in answer.rows
            ]
        },
    }


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


def ntriples_term(term: Term) -> str:
    """One term in N-Triples syntax (blank nodes as ``_:id``)."""
    return f"_:{term.value}" if isinstance(term, BlankNode) else sparql_term(term)


def ntriples(triples: Iterable[Triple]) -> bytes:
    """Triples as an N-Triples document, one per line, in a stable order."""
    lines = sorted(" ".join(ntriples_term(t) for t in triple) + " ." for triple in triples)
    return ("\n".join(lines) + "\n" if lines else "").encode("utf-8")


def graph_document(triples: Iterable[Triple], format_name: str, prefixes: Mapping[str, str]) -> str:
    """CONSTRUCT or DESCRIBE results as ``ttl``, ``nt`` or ``jsonld``."""
    from careergraph.graph.formats import FORMATS
    from careergraph.graph.store import open_store

    store = open_store("oxigraph")
    store.load(ntriples(triples), FORMATS["nt"], "query results", "urn:careergraph:results")
    return store.serialize(FORMATS[format_name], prefixes).decode("utf-8")
