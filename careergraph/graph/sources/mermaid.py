"""Mermaid mind maps (``.mmd``) read as RDF: a tree of mind map nodes and the concepts they
depict, so that any mind map can be queried and exported like the built-in one.

The hierarchy comes from indentation, as in Mermaid: a line indented more than the one
above is its child. Each node becomes a ``cg:MindMapNode`` (label, parent, position among
its siblings, shape) that ``cg:depicts`` a ``skos:Concept`` with the same label, under its
parent's concept (``skos:broader``). Icons (``::icon(...)``) and classes (``:::name``) are
presentation and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from careergraph.errors import DataFileError
from careergraph.graph.store.ntriples import iri_triple, literal_triple
from careergraph.namespaces import CG, DCTERMS, RDF, RDFS, SKOS, XSD

# Mermaid's mind map shapes: opening and closing delimiters, and the name we store.
SHAPES: dict[str, tuple[str, str]] = {
    "circle": ("((", "))"),
    "bang": ("))", "(("),
    "hexagon": ("{{", "}}"),
    "square": ("[", "]"),
    "rounded": ("(", ")"),
    "cloud": (")", "("),
}
_NODE = re.compile(
    r"^(?P<id>[^\s()\[\]{}]*?)(?P<open>\(\(|\)\)|\{\{|\[|\(|\))(?P<text>.*?)(?P<close>\)\)|\(\(|\}\}|\]|\)|\()$"
)


@dataclass
class ParsedNode:
    """A node of a parsed mind map."""

    label: str
    shape: str | None
    line: int
    children: list[ParsedNode] = field(default_factory=list)


def parse_mindmap(text: str, source: str) -> ParsedNode:
    """The tree of a Mermaid mind map; DataFileError names the line of any fault."""
    lines = text.splitlines()
    start = _first_line(lines, source)
    number = start
    root: ParsedNode | None = None
    stack: list[tuple[int, ParsedNode]] = []
    for number, raw in enumerate(lines[start:], start + 1):
        body = raw.strip()
        if not body or body.startswith("%%") or body.startswith("::icon("):
            continue
        lead = raw[: len(raw) - len(raw.lstrip())]
        if "\t" in lead and " " in lead:
            raise DataFileError(source, "indentation mixes tabs and spaces", number)
        indent = len(lead)
        node = _node(body, number, source)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if stack:
            stack[-1][1].children.append(node)
        elif root is None:
            root = node
        else:
            raise DataFileError(
                source, f"{body!r} is a second root: indent it under {root.label!r}", number
            )
        stack.append((indent, node))
    if root is None:
        raise DataFileError(source, "the mind map has no nodes", number)
    return root


def _first_line(lines: list[str], source: str) -> int:
    for index, line in enumerate(lines):
        body = line.strip()
        if not body or body.startswith("%%"):
            continue
        if body != "mindmap":
            raise DataFileError(source, f"expected 'mindmap', found {body[:40]!r}", index + 1)
        return index + 1
    raise DataFileError(source, "empty file: expected 'mindmap'", None)


def _node(body: str, number: int, source: str) -> ParsedNode:
    body = re.sub(r"\s*:::[\w\s-]*$", "", body)  # a class name
    found = _NODE.match(body)
    if found is None:
        if any(c in body for c in "()[]{}"):
            raise DataFileError(source, f"cannot read the node {body!r}", number)
        return ParsedNode(_unquote(body), None, number)
    shape = next(
        (name for name, pair in SHAPES.items() if pair == (found["open"], found["close"])), None
    )
    if shape is None:
        raise DataFileError(
            source, f"unmatched shape {found['open']}...{found['close']} in {body!r}", number
        )
    text = _unquote(found["text"].strip())
    if not text:
        raise DataFileError(source, f"the node {body!r} has no text", number)
    return ParsedNode(text, shape, number)


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return text.replace("#quot;", '"')


def mindmap_ntriples(text: str, source: str, base_iri: str) -> bytes:
    """The mind map as N-Triples, its IRIs under ``base_iri``."""
    root = parse_mindmap(text, source)
    base = base_iri.split("#")[0]
    mind_map = f"{base}#mindmap"
    lines = [
        iri_triple(mind_map, RDF + "type", CG + "MindMap"),
        literal_triple(mind_map, RDFS + "label", root.label),
        iri_triple(mind_map, DCTERMS + "source", base),
    ]

    def visit(node: ParsedNode, path: str, parent: str | None, position: int) -> None:
        iri, concept = f"{base}#node-{path}", f"{base}#concept-{path}"
        lines.extend(
            [
                iri_triple(iri, RDF + "type", CG + "MindMapNode"),
                literal_triple(iri, RDFS + "label", node.label),
                iri_triple(iri, CG + "inMindMap", mind_map),
                literal_triple(iri, CG + "position", str(position), datatype=XSD + "integer"),
                iri_triple(iri, CG + "depicts", concept),
                iri_triple(concept, RDF + "type", SKOS + "Concept"),
                literal_triple(concept, SKOS + "prefLabel", node.label),
                iri_triple(concept, DCTERMS + "source", base),
            ]
        )
        if node.shape:
            lines.append(literal_triple(iri, CG + "mermaidShape", node.shape))
        if parent is not None:
            lines.append(iri_triple(iri, CG + "parentNode", f"{base}#node-{parent}"))
            lines.append(iri_triple(concept, SKOS + "broader", f"{base}#concept-{parent}"))
        for number, child in enumerate(node.children, 1):
            visit(child, f"{path}.{number}", path, number)

    visit(root, "1", None, 1)
    return "".join(lines).encode("utf-8")
