"""A view as one self-contained, offline, safe HTML page, made with pyvis and vis-network.

pyvis holds the network (nodes and edges filled in directly: its ``add_node`` scans a list
per call) and ships vis-network, which is inlined. pyvis's own template is not used: it
loads Bootstrap from a CDN, pastes the title and options into the page unescaped, and turns
tooltips that mention ``href`` into HTML. Here every piece of data travels as one JSON
document in a ``<script type="application/json">`` element with ``<``, ``>`` and ``&``
escaped, and the page's script reads it and writes it with ``textContent``: nothing from
the data can become markup or script. A Content-Security-Policy forbids any network
request. Layouts are settled before the page opens (see :mod:`.views`): physics is off.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careergraph.graph.views import View

# Colour and shape by kind; kinds not listed take a colour from the palette by name.
STYLES: dict[str, tuple[str, str]] = {
    "track": ("#1d3557", "ellipse"),
    "role": ("#457b9d", "box"),
    "level": ("#6c757d", "diamond"),
    "salary-band": ("#2a9d8f", "diamond"),
    "salary-range": ("#2a9d8f", "diamond"),
    "skill-area": ("#e76f51", "hexagon"),
    "skill": ("#f4a261", "dot"),
    "tool": ("#8ab17d", "square"),
    "tool-category": ("#b5c99a", "triangle"),
    "integration-point": ("#9b5de5", "star"),
    "certification": ("#e9c46a", "triangleDown"),
    "trend": ("#d62828", "star"),
    "focus-area": ("#d62828", "star"),
    "emerging-technology": ("#f77f00", "star"),
    "market-trend": ("#fcbf49", "star"),
    "practice": ("#ffb4a2", "dot"),
    "pro": ("#2d6a4f", "dot"),
    "con": ("#9d0208", "dot"),
    "strength": ("#40916c", "dot"),
    "mindmap-node": ("#adb5bd", "box"),
}
_PALETTE = ("#4361ee", "#3a0ca3", "#7209b7", "#f72585", "#4cc9f0", "#06d6a0", "#118ab2",
            "#ef476f", "#ffd166", "#073b4c", "#8d99ae", "#bc6c25")  # fmt: skip
# A character that looks like each shape, for the legend.
_GLYPHS = {"dot": "●", "square": "■", "box": "▬", "diamond": "◆", "hexagon": "⬢", "star": "★",
           "triangle": "▲", "triangleDown": "▼", "ellipse": "◉"}  # fmt: skip
_MARKER = re.compile(r"/\*CAREERGRAPH:([A-Z_]+)\*/")
CLUSTER_LABEL = 40  # characters of a cluster's name its box shows (its tooltip: all)
_LABELLED_EDGES = 300  # more edges than this: the relation shows only in the tooltip
FONT_SIZE = 14  # node labels, in pixels at scale 1; a page opens where they draw at 12 or more


def style_of(kind: str) -> tuple[str, str]:
    """The colour and vis-network shape of a kind of entity."""
    if kind in STYLES:
        return STYLES[kind]
    return _PALETTE[sum(map(ord, kind)) % len(_PALETTE)], "dot"


def render_html(view: View) -> bytes:
    """The page for ``view``, as UTF-8 bytes."""
    from pyvis.network import Network

    network = Network(directed=True, height="100%", width="100%", heading=view.title)
    network.nodes = [_node(node) for node in view.nodes]
    network.edges = [_edge(edge, len(view.edges) <= _LABELLED_EDGES) for edge in view.edges]
    nodes, edges, heading, *_ = network.get_network_data()
    kinds = Counter(node.kind for node in view.nodes)
    clusters = _clusters(view)
    document = {
        "title": heading,
        "note": view.note,
        "nodes": nodes,
        "edges": edges,
        "options": _options(view),
        # Where a view too big to read whole opens: its first node (a tree's root, the mind
        # map's centre), at the left of the window for a tree; a view of clusters (the full
        # view, the occupations) opens on all of them.
        "start": view.nodes[0].id if view.nodes and not clusters else None,
        "anchor": "left" if view.layout == "tree" else _anchor(view),
        "clusters": clusters,
        "font": FONT_SIZE,
        "legend": [
            {
                "kind": kind,
                "color": style_of(kind)[0],
                "glyph": _GLYPHS[style_of(kind)[1]],
                "count": count,
            }
            for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0]))
            if kind != "heading"  # a lane's or a column's label is not an entity
        ],
    }
    assets = resources.files("pyvis") / "lib" / "vis-9.1.2"
    parts = {
        "TITLE": html.escape(view.title),
        "VIS_CSS": (assets / "vis-network.css").read_text("utf-8"),
        "VIS_JS": (assets / "vis-network.min.js").read_text("utf-8"),
        "DATA": script_json(document),
    }
    template = (resources.files("careergraph.exports") / "templates" / "view.html").read_text(
        "utf-8"
    )
    # One pass, so that text inserted for one marker is never searched for another.
    return _MARKER.sub(lambda found: parts[found.group(1)], template).encode("utf-8")


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element: it cannot close the element, open
    a comment or an entity, or break a line in old parsers."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(raw, escaped)
    return text


def _anchor(view: View) -> str:
    """Where a placed view too big to read whole opens: at the top left, where the careers
    view's headings are; else around its start."""
    return "topleft" if any(node.kind == "heading" for node in view.nodes) else "centre"


def _clusters(view: View) -> list[dict[str, object]]:
    """The clusters a view opens as (its nodes' ``cluster``), in the order of their first
    nodes, each coloured as the kind most of its members are."""
    members: dict[str, Counter] = {}
    for node in view.nodes:
        if node.cluster is not None:
            members.setdefault(node.cluster, Counter())[node.kind] += 1
    nodes = {node.id: node for node in view.nodes}
    found = []
    for name, kinds in members.items():
        kind = kinds.most_common(1)[0][0]
        entry = {"name": name, "count": sum(kinds.values()), "kind": kind}
        anchor = nodes.get(name.removeprefix("branch:")) if name.startswith("branch:") else None
        if anchor is not None:  # a folded branch of a mind map: its node, with what is under
            entry.update(kind=anchor.kind, anchor=anchor.id, x=anchor.x, y=anchor.y)
            entry["label"] = f"{anchor.label} (+{entry['count']})"
            name = anchor.label
        entry["short"] = name if len(name) <= CLUSTER_LABEL else name[: CLUSTER_LABEL - 1] + "…"
        entry["color"] = style_of(str(entry["kind"]))[0]
        found.append(entry)
    return found


def _node(node) -> dict[str, object]:
    if node.kind == "heading":  # a lane's or a column's label (the careers view)
        return {
            "id": node.id,
            "label": node.label,
            "kind": node.kind,
            "shape": "text",
            "font": {"size": 20, "color": "#1d3557", "bold": True},
            "details": [[key, value] for key, value in node.details if value],
            "x": round(node.x or 0.0, 1),
            "y": round(node.y or 0.0, 1),
        }
    color, shape = style_of(node.kind)
    data: dict[str, object] = {
        "id": node.id,
        "label": node.label,
        "kind": node.kind,
        "shape": shape,
        "color": {"background": color, "border": "#d00000" if node.highlight else color},
        "borderWidth": 4 if node.highlight else 1,
        "size": 12,
        "font": {"color": "#ffffff" if shape in ("box", "ellipse") else "#1f2933"},
        "details": [[key, value] for key, value in node.details if value],
    }
    if node.level is not None:
        data["level"] = node.level
    if node.cluster is not None:
        data["cluster"] = node.cluster
    if node.x is not None:
        data["x"], data["y"] = round(node.x, 1), round(node.y, 1)
    return data


def _edge(edge, labelled: bool) -> dict[str, object]:
    data: dict[str, object] = {
        "from": edge.source,
        "to": edge.target,
        "relation": edge.label,
        "arrows": "to",
        "color": {"color": "#d00000" if edge.highlight else "#9aa5b1"},
        "width": 3 if edge.highlight else 1,
    }
    if labelled and edge.label:
        data["label"] = edge.label
        data["font"] = {"size": 10, "color": "#52606d", "strokeWidth": 0}
    return data


def _options(view: View) -> dict[str, object]:
    options: dict[str, object] = {
        "physics": False,
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": len(view.edges) > 1000,
        },
        "nodes": {"font": {"size": FONT_SIZE}, "margin": 8},
        "edges": {"smooth": False},
    }
    if view.layout == "tree":
        options["layout"] = {
            "hierarchical": {
                "enabled": True,
                "direction": "LR",
                "sortMethod": "directed",
                "levelSeparation": 240,
                "nodeSpacing": 64,
                "treeSpacing": 60,
            }
        }
    else:
        options["layout"] = {"improvedLayout": False}
    return options
