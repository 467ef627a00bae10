"""The RDF serialisation formats careergraph reads and writes, as one registry.

Each format names its file extensions and how each engine calls it: pyoxigraph reads and
writes the common ones fast; rdflib covers the rest (TriX, HexTuples).
"""

from dataclasses import dataclass
from pathlib import Path

from careergraph.errors import BadInputError, DataFileError


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialisation format."""

    name: str
    extensions: tuple[str, ...]
    oxigraph: str | None  # attribute name on pyoxigraph.RdfFormat, if pyoxigraph handles it
    rdflib: str | None  # rdflib parser/serializer name
    writable: bool = True


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("ttl", (".ttl", ".turtle"), "TURTLE", "turtle"),
        RdfFormat("nt", (".nt", ".ntriples"), "N_TRIPLES", "nt"),
        RdfFormat("jsonld", (".jsonld", ".json"), "JSON_LD", "json-ld"),
        RdfFormat("rdfxml", (".rdf", ".owl", ".xml"), "RDF_XML", "xml"),
        RdfFormat("nq", (".nq", ".nquads"), "N_QUADS", "nquads", False),
        RdfFormat("trig", (".trig",), "TRIG", "trig", False),
        RdfFormat("n3", (".n3",), "N3", "n3", False),
        RdfFormat("trix", (".trix",), None, "trix", False),
        RdfFormat("hext", (".hext",), None, "hext", False),
        # Not RDF: a Mermaid mind map, read as a tree of concepts (graph/mermaid.py).
        RdfFormat("mmd", (".mmd", ".mermaid"), None, None, False),
    )
}

WRITABLE = tuple(name for name, f in FORMATS.items() if f.writable)
# How SPARQL answers can be written: solutions (SELECT, ASK) and graphs (CONSTRUCT, DESCRIBE).
SOLUTION_FORMATS = ("table", "json", "xml", "csv", "tsv", "md")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")


def format_for_path(path: str | Path) -> RdfFormat:
    """The RDF format of a file, from its extension (``.gz`` is not supported)."""
    suffix = Path(path).suffix.lower()
    for rdf_format in FORMATS.values():
        if suffix in rdf_format.extensions:
            return rdf_format
    known = ", ".join(ext for f in FORMATS.values() for ext in f.extensions)
    raise BadInputError(
        f"{path}: cannot tell the RDF format from the extension {suffix or '(none)'!r}; "
        f"known extensions: {known}"
    )


def format_named(name: str) -> RdfFormat:
    """The RDF format called ``name`` (``ttl``, ``nt``, ``jsonld``...)."""
    try:
        return FORMATS[name]
    except KeyError:
        raise BadInputError(
            f"unknown RDF format {name!r}; choose from {', '.join(FORMATS)}"
        ) from None


MAX_DEPTH = 200  # the deepest nesting read: JSON-LD arrays and objects, RDF/XML elements
MAX_TERM = 16 * 2**20  # bytes: the longest line of a line-based format (pyoxigraph's term cap)
_LINE_BASED = ("nt", "nq", "ttl", "trig", "n3")


def refuse_hostile(data: bytes, rdf_format: RdfFormat, source: str) -> None:
    """Refuse, before any parser sees it, what no honest graph needs and what turns a parser
    against its user: an RDF/XML document that declares XML entities (their expansion, the
    "billion laughs", is unbounded; RDF/XML needs none), an RDF/XML or JSON-LD document
    nested more than ``MAX_DEPTH`` deep (the parsers recurse on each level, or take time
    that grows with the square of the depth), a JSON-LD document whose context is a URL
    (it would be fetched), or a line of N-Triples, N-Quads, Turtle, TriG or N3 longer than
    ``MAX_TERM`` bytes (a term of that size exhausts pyoxigraph's buffer and rdflib's time).
    A :class:`DataFileError` naming ``source`` says which.

    >>> refuse_hostile(b'<!DOCTYPE r [<!ENTITY a "aaaa">]><r/>', FORMATS["rdfxml"], "x.rdf")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: x.rdf: it declares XML entities (<!ENTITY ...>)...
    """
    if rdf_format.name in ("rdfxml", "trix") and b"<!ENTITY" in data:
        raise DataFileError(
            source,
            "it declares XML entities (<!ENTITY ...>): RDF/XML needs none, and expanding "
            "them can take unbounded time and memory; refused",
        )
    if rdf_format.name in ("rdfxml", "trix"):
        _refuse_deeper(_xml_depth(data), source)
    if rdf_format.name in _LINE_BASED and has_longer_line(data, MAX_TERM):
        raise DataFileError(
            source,
            f"it has a line longer than {MAX_TERM // 2**20} MB: careergraph reads terms "
            "(literals, IRIs) of up to that size",
        )
    if rdf_format.name == "jsonld":
        _refuse_deeper(_json_depth(data), source)
        refuse_remote_contexts(data, source)


def has_longer_line(data: bytes, limit: int) -> bool:
    """Whether a line of ``data`` is longer than ``limit`` bytes.

    >>> has_longer_line(b"ab\\nabcd\\n", 3), has_longer_line(b"ab\\nabc", 3)
    (True, False)
    """
    import re

    return len(data) > limit and re.search(rb"[^\n]{%d}" % (limit + 1), data) is not None


def _refuse_deeper(depth: int, source: str) -> None:
    if depth > MAX_DEPTH:
        raise DataFileError(
            source, f"it nests {depth} levels deep; careergraph reads at most {MAX_DEPTH}"
        )


def _xml_depth(data: bytes) -> int:
    """How deep XML nests its elements, without parsing (comments, CDATA, processing
    instructions and declarations left out).

    >>> _xml_depth(b'<?xml version="1.0"?><a x="1"><b/><c><!-- <d> --><e>t</e></c></a>')
    3
    """
    import re

    plain = re.sub(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>", b"", data, flags=re.S)
    depth = deepest = 0
    for closing, selfclosing in re.findall(rb"<(/?)[^\s>/]+(?:\s[^>]*?)?(/?)>", plain):
        if closing:
            depth -= 1
        elif not selfclosing:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _json_depth(data: bytes) -> int:
    """How deep JSON nests its arrays and objects, counted outside strings, without parsing.

    >>> _json_depth(b'{"a": [1, {"b": "[[["}]}')
    3
    """
    import re

    depth = deepest = 0
    unquoted = re.sub(rb'"(?:[^"\\]|\\.)*"', b"", data)
    for bracket in re.findall(rb"[\[\]{}]", unquoted):
        if bracket in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def refuse_remote_contexts(data: bytes, source: str) -> None:
    """A JSON-LD parser would fetch a context given by URL (rdflib's does; pyoxigraph's
    fails on one): refuse a document that names one (``"@context": "https://..."``, or
    ``@import``), before any request is made.

    >>> refuse_remote_contexts(b'{"@context": {"name": "https://schema.org/name"}}', "a.jsonld")
    >>> refuse_remote_contexts(b'{"@context": "https://schema.org/"}', "b.jsonld")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: b.jsonld: its JSON-LD context is a URL (https://...
    """
    import json

    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise DataFileError(source, f"not JSON ({reason})") from None
    pending = [document]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                named = (
                    [value] if isinstance(value, str) else value if isinstance(value, list) else []
                )
                if key in ("@context", "@import") and any(isinstance(v, str) for v in named):
                    url = next(v for v in named if isinstance(v, str))
                    raise DataFileError(
                        source,
                        f"its JSON-LD context is a URL ({url}): careergraph fetches nothing; "
                        "put the context in the file",
                    )
                pending.append(value)
