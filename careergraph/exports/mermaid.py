"""A mind map written as a Mermaid ``mindmap``, indented two spaces a level.

Labels that Mermaid would read as a shape (brackets, parentheses, braces, quotes) are
written as ``id["label"]`` with quotes as ``#quot;``; plain labels are written as they are,
so that the built-in mind map comes out as the source wrote it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careergraph.graph.sources.mermaid import SHAPES

if TYPE_CHECKING:
    from careergraph.graph.views import MindMapNode

_SPECIAL = set('()[]{}"')


def render_mermaid(root: MindMapNode) -> bytes:
    """A mind map tree as a Mermaid file, UTF-8."""
    return mindmap_text(root).encode("utf-8")


def mindmap_text(root: MindMapNode) -> str:
    """The Mermaid text of a mind map tree."""
    lines = ["mindmap"]
    counter = iter(range(1, 1_000_000))

    def write(node: MindMapNode, depth: int) -> None:
        lines.append("  " * depth + _node_text(node, "root" if depth == 1 else f"n{next(counter)}"))
        for child in node.children:
            write(child, depth + 1)

    write(root, 1)
    return "\n".join(lines) + "\n"


def _node_text(node: MindMapNode, identifier: str) -> str:
    label = " ".join(node.label.split())
    plain = not (_SPECIAL & set(label)) and not label.startswith(("::", "%%"))
    if node.shape in SHAPES:
        opening, closing = SHAPES[node.shape]
        text = label if plain else '"' + label.replace('"', "#quot;") + '"'
        return f"{identifier}{opening}{text}{closing}"
    if plain and label:
        return label
    return f'{identifier}["{label.replace(chr(34), "#quot;")}"]'
