"""The graph views that ``export html`` draws and ``export mermaid`` writes: plain data
(nodes, edges, layout), built from the graph with SPARQL so that they work on any graph,
``--data`` and ``--endpoint`` included.

Layouts are settled in Python, so that the browser draws at once with physics off: trees
(mind maps, ladders, trends, the DevOps-MLOps comparison) go left to right by depth;
``full`` places each kind of entity in its own cluster; ``focus`` puts the entity in the
middle and each ring of neighbours around it.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from careergraph.errors import BadInputError, NotFoundError, ParameterError
from careergraph.graph.choices import VIEWS
from careergraph.graph.queries import internal_query
from careergraph.graph.store.terms import IRI
from careergraph.namespaces import CG, DCTERMS, RDF, SKOS, plain_words
from careergraph.taxonomies import declared, taxonomy

if TYPE_CHECKING:
    from collections.abc import Sequence

    import networkx as nx

    from careergraph.graph.careers.model import CareerModel
    from careergraph.graph.names import NameIndex
    from careergraph.graph.results import Entity
    from careergraph.graph.results.overlap import Overlap
    from careergraph.graph.store import Store


class CareerGraph(Protocol):
    """What a view reads of a graph: the facade gives it (it is one), and the views never
    import the facade, which imports them."""

    store: Store
    names: NameIndex
    careers: CareerModel
    vocabulary_labels: dict[str, str]

    def resolve(self, name: str, kind: str | None = None, *, rules: str = "all") -> Entity: ...

    def career_network(self, via: Sequence[str] | None = None) -> nx.DiGraph: ...

    def every_name(self) -> NameIndex: ...


DEFAULT_MAX_NODES = 1500
_CLUSTER_GAP = 160.0
_SPACING = 70.0  # between neighbours in a cluster


@dataclass
class ViewNode:
    """A node of a view: its label and kind, tooltip lines, and where it goes."""

    id: str
    label: str
    kind: str
    details: list[tuple[str, str]] = field(default_factory=list)
    level: int | None = None
    x: float | None = None
    y: float | None = None
    highlight: bool = False
    cluster: str | None = None  # the group a page opens it folded into, if any


@dataclass
class ViewEdge:
    """An edge of a view, with its label (the relation)."""

    source: str
    target: str
    label: str
    highlight: bool = False


@dataclass
class View:
    """What one page shows: a title, nodes, edges, and whether it is a tree or placed."""

    name: str
    title: str
    nodes: list[ViewNode]
    edges: list[ViewEdge]
    layout: str = "tree"  # "tree" (by node level, left to right) or "placed" (x, y)
    note: str = ""

    def restrict(self, source: str) -> None:
        """Keep only the nodes of one taxonomy (``builtin``: the built-in graph and files in
        its vocabulary; ``esco``), and the edges between them."""
        self.nodes = [n for n in self.nodes if n.kind == "heading" or taxonomy(n.id) == source]
        kept = {node.id for node in self.nodes}
        self.edges = [e for e in self.edges if e.source in kept and e.target in kept]

    def cut(self, max_nodes: int) -> str | None:
        """Keep the first ``max_nodes`` nodes (in order of importance: the built-in graph's,
        then an import's, each kind in turn) and the edges between them; say what was left
        out, or None if nothing was."""
        if max_nodes < 1:
            raise ParameterError("max_nodes", "must be at least 1")
        if len(self.nodes) <= max_nodes:
            return None
        # The built-in graph's first; then an import's, each kind in turn (its first, then
        # its second...), so that every kind keeps some nodes: the full view's overview
        # has a cluster of occupations beside ESCO's 13,939 skills.
        turn: dict[str, int] = defaultdict(int)
        order = {}
        for node in self.nodes:
            order[node.id] = turn[node.kind]
            turn[node.kind] += 1
        self.nodes.sort(key=lambda node: (taxonomy(node.id) != "builtin", order[node.id]))
        dropped = self.nodes[max_nodes:]
        self.nodes = self.nodes[:max_nodes]
        kept = {node.id for node in self.nodes}
        self.edges = [e for e in self.edges if e.source in kept and e.target in kept]
        kinds: dict[str, int] = defaultdict(int)
        for node in dropped:
            kinds[node.kind] += 1
        listed = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items(), key=lambda i: -i[1]))
        self.note = (
            f"cut to {max_nodes:,} of {max_nodes + len(dropped):,} nodes; "
            f"left out {len(dropped):,}: {listed}"
        )
        return self.note


def cut(view: View, max_nodes: int | None = None, source: str | None = None) -> View:
    """``view`` with only the nodes of ``source`` (a taxonomy; None: all), cut to its
    first ``max_nodes`` nodes (``DEFAULT_MAX_NODES`` if None)."""
    if source is not None:
        view.restrict(source)
    view.cut(DEFAULT_MAX_NODES if max_nodes is None else max_nodes)
    return view


def build_view(
    graph: CareerGraph,
    name: str,
    focus: str | None = None,
    depth: int = 1,
    source: str = "all",
    group: str | None = None,
    provenance: bool = False,
) -> View:
    """The view called ``name``, or the neighbourhood of ``focus`` (``depth`` steps), whole
    (:func:`cut` cuts it). The careers view of ``source`` ``builtin`` is the ladders; of an
    imported taxonomy, its occupations by ISCO group (under ``group``); of ``all``, both."""
    if focus is not None and name != "mindmap":
        return focus_view(graph, focus, depth, provenance)
    if name == "careers" and source != "builtin" and _ladders(source):  # a job architecture's
        network = graph.career_network(LADDER_MOVES)
        return careers_view(graph, network.subgraph(r for r in network if taxonomy(r) == source))
    if name == "careers" and source != "builtin" and not _ladders(source):
        if source == "all":
            return ladders_and_occupations(graph, group)
        return occupations_view(graph, group)
    if group is not None:
        raise ParameterError("group", "applies to the careers view of an imported taxonomy")
    builders = {
        "mindmap": lambda: mindmap_view(graph, focus),
        "devops-mlops": lambda: devops_mlops_view(graph),
        "careers": lambda: careers_view(graph),
        "trends": lambda: trends_view(graph),
        "full": lambda: full_view(graph),
    }
    if name not in builders:
        raise ParameterError("view", f"{name!r} is unknown; choose from {', '.join(VIEWS)}")
    view = builders[name]()
    if not view.nodes:
        raise NotFoundError(f"the graph has nothing to draw in the {name} view")
    return view


# ---- helpers ---------------------------------------------------------------------------


class _Builder:
    """Collects nodes and edges once each, in order."""

    def __init__(self, graph: CareerGraph):
        self.graph = graph
        self.nodes: dict[str, ViewNode] = {}
        self.edges: dict[tuple[str, str], ViewEdge] = {}

    def node(self, iri: str, level: int | None = None, label: str | None = None) -> ViewNode:
        if iri not in self.nodes:
            entity = self.graph.names.entity(iri)
            details = [("kind", entity.kind or "entity"), ("IRI", iri)]
            self.nodes[iri] = ViewNode(
                iri, label or entity.label, entity.kind or "entity", details, level
            )
        elif level is not None and (self.nodes[iri].level is None or level < self.nodes[iri].level):
            self.nodes[iri].level = level
        return self.nodes[iri]

    def edge(self, source: str, target: str, label: str, highlight: bool = False) -> None:
        if (source, target) not in self.edges:
            self.edges[(source, target)] = ViewEdge(source, target, label, highlight)

    def view(self, name: str, title: str, layout: str = "tree") -> View:
        return View(name, title, list(self.nodes.values()), list(self.edges.values()), layout)


def _rows(graph: CareerGraph, query: str, **bindings: str) -> list[dict[str, str]]:
    return [
        {k: v.value for k, v in row.items()}
        for row in graph.store.select(
            internal_query(query), {k: IRI(v) for k, v in bindings.items()}
        )
    ]


# ---- the views -----------------------------------------------------------------------


@dataclass(frozen=True)
class MindMapNode:
    """One node of a mind map tree."""

    iri: str
    label: str
    depicts: str | None
    shape: str | None
    children: tuple[MindMapNode, ...]


def mind_map(graph: CareerGraph, focus: str | None = None) -> MindMapNode:
    """The tree of the graph's mind map (``focus`` names one when there are several)."""
    rows = _rows(graph, "mindmap-nodes")
    maps = sorted({row["map"] for row in rows})
    if focus is not None:
        chosen = graph.resolve(focus).iri
        if chosen not in maps:
            raise BadInputError(f"{focus!r} is not a mind map; mind maps: {_names(graph, maps)}")
    elif len(maps) > 1:
        raise ParameterError(
            "focus", f"must pick one of the graph's {len(maps)} mind maps: {_names(graph, maps)}"
        )
    elif not maps:
        raise NotFoundError("the graph has no mind map")
    else:
        chosen = maps[0]
    children: dict[str | None, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if row["map"] == chosen:
            children[row.get("parent")].append(row)

    def grow(row: dict[str, str]) -> MindMapNode:
        below = sorted(children[row["node"]], key=lambda r: int(r.get("position", 0)))
        return MindMapNode(
            row["node"], row["label"], row.get("depicts"), row.get("shape"), tuple(map(grow, below))
        )

    roots = children[None]
    if len(roots) != 1:
        raise BadInputError(
            f"the mind map {graph.names.entity(chosen).label!r} has {len(roots)} roots"
        )
    return grow(roots[0])


def _names(graph: CareerGraph, iris: list[str]) -> str:
    return ", ".join(graph.names.describe(iri) for iri in iris)


def mindmap_view(graph: CareerGraph, focus: str | None = None) -> View:
    """The mind map as a mind map: the root in the centre, its branches to both sides
    (:func:`two_sided`), each node coloured by what it depicts."""
    root = mind_map(graph, focus)
    builder = _Builder(graph)
    queue = deque([(root, 0, None)])
    while queue:
        node, depth, parent = queue.popleft()
        kind = graph.names.kind(node.depicts) if node.depicts else None
        view_node = builder.node(node.iri, depth, node.label)
        view_node.kind = kind or "mindmap-node"
        view_node.details = [("kind", view_node.kind)]
        if node.depicts:
            view_node.details.append(("depicts", graph.names.entity(node.depicts).label))
            view_node.details.append(("IRI", node.depicts))
        if parent is not None:
            builder.edge(parent, node.iri, "")
        queue.extend((child, depth + 1, node.iri) for child in node.children)
    full, folded = two_sided(root), two_sided(_folded(root, MIND_MAP_OPEN))
    for branch in _branches(root, MIND_MAP_OPEN):
        # A folded branch opens beside where it stands folded; its node keeps that place.
        shift = folded[branch.iri][1] - full[branch.iri][1]
        for node in _below(branch):
            x, y = full[node.iri]
            builder.nodes[node.iri].x, builder.nodes[node.iri].y = x, y + shift
            builder.nodes[node.iri].cluster = f"branch:{branch.iri}"
    for iri, (x, y) in folded.items():
        builder.nodes[iri].x, builder.nodes[iri].y = x, y
    return builder.view("mindmap", root.label, layout="placed")


MIND_MAP_OPEN = 2  # the depths a mind map opens with; deeper branches are folded


def _folded(node: MindMapNode, depth: int) -> MindMapNode:
    """The tree cut below ``depth``."""
    children = () if depth == 0 else tuple(_folded(c, depth - 1) for c in node.children)
    return MindMapNode(node.iri, node.label, node.depicts, node.shape, children)


def _branches(root: MindMapNode, depth: int) -> list[MindMapNode]:
    """The nodes at ``depth`` that have children: the branches a mind map opens folded."""
    level = [root]
    for _ in range(depth):
        level = [child for node in level for child in node.children]
    return [node for node in level if node.children]


def _below(node: MindMapNode) -> list[MindMapNode]:
    """Everything under ``node``."""
    return [n for child in node.children for n in (child, *_below(child))]


MIND_MAP_COLUMN = 300.0  # between the depths of a mind map
MIND_MAP_ROW = 46.0  # between its leaves


def two_sided(root: MindMapNode) -> dict[str, tuple[float, float]]:
    """Where each node of a mind map goes, as Mermaid and XMind draw one: the root at the
    centre, the first half of its branches to the right and the rest to the left, each
    depth a column further out, each leaf a row of its own and each parent level with the
    middle of its children; both sides centred on the root.

    >>> leaf = lambda name: MindMapNode(name, name, None, None, ())
    >>> root = MindMapNode("r", "r", None, None, (leaf("a"), leaf("b"), leaf("c")))
    >>> two_sided(root)
    {'r': (0.0, 0.0), 'a': (300.0, -23.0), 'b': (300.0, 23.0), 'c': (-300.0, 0.0)}
    """
    positions = {root.iri: (0.0, 0.0)}
    half = (len(root.children) + 1) // 2
    for side, branches in ((1.0, root.children[:half]), (-1.0, root.children[half:])):
        placed: dict[str, tuple[float, float]] = {}
        leaves = [0]  # how many leaves this side has placed
        for branch in branches:
            _place(branch, 1, side, placed, leaves)
        middle = (leaves[0] - 1) * MIND_MAP_ROW / 2
        positions.update({iri: (x, y - middle) for iri, (x, y) in placed.items()})
    return positions


def _place(node: MindMapNode, depth: int, side: float, placed: dict, leaves: list[int]) -> float:
    """Place ``node`` and what is under it on one side of a mind map; its row."""
    if node.children:
        rows = [_place(child, depth + 1, side, placed, leaves) for child in node.children]
        y = (rows[0] + rows[-1]) / 2
    else:
        y, leaves[0] = leaves[0] * MIND_MAP_ROW, leaves[0] + 1
    placed[node.iri] = (side * depth * MIND_MAP_COLUMN, y)
    return y


COMPARED_AREA = 330.0  # from the middle to a track's skill areas
COMPARED_ITEM = 620.0  # from the middle to their skills and tools
COMPARED_ROW = 50.0  # a dot's label is under it


def devops_mlops_view(graph: CareerGraph) -> View:
    """Two tracks side by side, what they share between them: each track's skill areas and
    their skills and tools on its side (the first track left, the other right), and the
    integration points both share in the middle with what they include, marked as shared;
    each column headed."""
    builder = _Builder(graph)
    rows = _rows(graph, "view-tracks-compared")
    tracks = sorted({row["track"] for row in rows}, key=lambda iri: graph.names.label(iri))
    # Each column's groups, in order: (the group's node, the items under it).
    groups: dict[float, dict[str, list[str]]] = defaultdict(dict)
    for row in rows:
        track = row["track"]
        side = -1.0 if track == tracks[0] else 1.0
        builder.node(track, 0)
        if "area" in row:
            items = groups[side].setdefault(row["area"], [])
            builder.node(row["area"], 1)
            builder.edge(track, row["area"], "core skill")
            for key in ("skill", "tool"):
                if key in row and row[key] not in items:
                    items.append(row[key])
                    builder.node(row[key], 2)
            if "skill" in row:
                builder.edge(row["area"], row["skill"], "skill")
            if "tool" in row:
                builder.edge(row.get("skill", row["area"]), row["tool"], "tool")
        if "point" in row:
            items = groups[0.0].setdefault(row["point"], [])
            point = builder.node(row["point"], 1)
            point.highlight = True
            point.details.append(("shared by", " and ".join(graph.names.label(t) for t in tracks)))
            builder.edge(track, row["point"], "shares")
            if "item" in row:
                if row["item"] not in items:
                    items.append(row["item"])
                builder.node(row["item"], 2)
                builder.edge(row["point"], row["item"], "includes")
    placed: set[str] = set()
    for side, column in groups.items():
        outer = COMPARED_ITEM if side else COMPARED_AREA / 2
        inner = COMPARED_AREA if side else -COMPARED_AREA / 2
        top = 0.0
        for group, items in column.items():
            mine = [item for item in items if item not in placed and item not in column]
            placed.update(mine)
            for index, item in enumerate(mine):
                builder.nodes[item].x = (side or 1.0) * outer
                builder.nodes[item].y = top + index * COMPARED_ROW
            node = builder.nodes[group]
            node.x = side * inner if side else inner
            node.y = top + max(len(mine) - 1, 0) * COMPARED_ROW / 2
            placed.add(group)
            top += (max(len(mine), 1) + 1) * COMPARED_ROW
    for index, track in enumerate(tracks):
        side = -1.0 if index == 0 else 1.0
        builder.nodes[track].x, builder.nodes[track].y = side * COMPARED_AREA, -2 * COMPARED_ROW
    names = [graph.names.label(t) for t in tracks]
    for key, text, x in (
        ("only-first", f"{names[0]} only", -(COMPARED_AREA + COMPARED_ITEM) / 2),
        ("shared", "Shared by both", 0.0),
        ("only-last", f"{names[-1]} only", (COMPARED_AREA + COMPARED_ITEM) / 2),
    ):
        _heading(builder, f"compared:{key}", text, x, -4 * COMPARED_ROW)
    title = f"{names[0]} and {names[-1]}: skills, tools and what they share"
    return builder.view("devops-mlops", title, layout="placed")


CAREER_COLUMN = 330.0  # between levels
CAREER_LANE = 230.0  # from the lanes' headings to the first level
CAREER_ROW = 48.0  # between roles of one track and level
CAREER_CELL = 12  # roles of one track and level in one column, before the next column


LADDER_MOVES = ("promotion", "transition", "specialisation")  # what the careers view draws


def careers_view(graph: CareerGraph, network: nx.DiGraph | None = None) -> View:
    """The career ladders: a lane per track and a column per level, each labelled, with the
    roles' salaries, and the promotions, transitions and variants between them (of
    ``network``'s roles, where given: the graph's ``LADDER_MOVES`` otherwise)."""
    if network is None:
        network = graph.career_network(LADDER_MOVES)
    builder = _Builder(graph)
    keys = {role: _level_key(graph, role) for role in network.nodes}
    used = defaultdict(int)
    for scheme, _, _ in keys.values():
        used[scheme] += 1
    # The columns: the levels of the scheme most roles use by rank, then the other schemes'
    # (the gurus' Guru Level after Senior Level), then roles with no level.
    order = sorted(set(keys.values()), key=lambda k: (k[0] == "", -used[k[0]], k[0], k[1]))
    cells: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    level_names = {column: key[2] for column, key in enumerate(order)}
    nodes = sorted(network.nodes(data=True), key=lambda n: (n[1]["label"].casefold(), n[0]))
    for role, data in nodes:
        salary = _pay(data["salary_min"], data["salary_max"], data["currency"])
        column = order.index(keys[role])
        node = builder.node(role, column, f"{data['label']}\n{salary}".strip())
        node.details += [("track", data["track"]), ("level", data["level"]), ("salary", salary)]
        cells[data["track"] or "no track"][column].append(role)
    lanes = sorted(cells, key=lambda lane: (lane == "no track", lane.casefold()))
    widths = {c: max(_cell_columns(len(cells[lane].get(c, []))) for lane in lanes)
              for c in level_names}  # fmt: skip
    lefts, x = {}, CAREER_LANE
    for column in sorted(level_names):
        lefts[column], x = x, x + widths[column] * CAREER_COLUMN
    top = 0.0
    for lane in lanes:
        height = max(min(len(r), CAREER_CELL) for r in cells[lane].values())
        _heading(builder, f"lane:{lane}", lane, 0.0, top + (height - 1) * CAREER_ROW / 2)
        for column, roles in cells[lane].items():
            for index, role in enumerate(roles):
                node = builder.nodes[role]
                node.x = lefts[column] + (index // CAREER_CELL) * CAREER_COLUMN
                node.y = top + (index % CAREER_CELL) * CAREER_ROW
        top += height * CAREER_ROW + CAREER_ROW
    for column, name in level_names.items():
        centre = lefts[column] + (widths[column] - 1) * CAREER_COLUMN / 2
        _heading(builder, f"level:{name}", name, centre, -1.5 * CAREER_ROW)
    for source, target, data in network.edges(data=True):
        builder.edge(source, target, data["relation"])
    return builder.view("careers", "Career ladders, transitions and salaries", layout="placed")


def _pay(low: float, high: float, currency: str | None) -> str:
    """A salary range as a ladder shows it: in thousands, in dollars or with its currency.

    >>> _pay(80000, 110000, "USD"), _pay(40000, 75000, "EUR"), _pay(0, 0, None)
    ('$80k-$110k', '40k-75k EUR', '')
    """
    if not high:
        return ""
    if currency in (None, "", "USD"):
        return f"${low / 1000:,.0f}k-${high / 1000:,.0f}k"
    return f"{low / 1000:,.0f}k-{high / 1000:,.0f}k {currency}"


ISCO = "http://data.europa.eu/esco/isco/C"  # an ISCO group's IRI, before its code


def occupations_view(graph: CareerGraph, group: str | None = None) -> View:
    """The occupations of the imported taxonomy as a career map a person can read: a
    cluster per ISCO group (sub-major, two digits; the next level down under ``group``, an
    ISCO code such as 25 or 251, which keeps only the occupations under it), with edges
    along the hierarchy (to the broader occupation) and each occupation's strongest viable
    similar move."""
    from careergraph.graph.careers.similarity import near_moves, occupational_group, viable

    model = graph.careers
    digits = min(len(group) + 1, 4) if group else 2
    members: dict[str, list[str]] = defaultdict(list)
    for role in model.all_roles:
        if _ladders(taxonomy(role)):
            continue
        unit = occupational_group(model, role) or ""
        code = unit.removeprefix(ISCO) if unit.startswith(ISCO) else ""
        if group and not code.startswith(group):
            continue
        name = graph.names.label(ISCO + code[:digits]) if code else "no ISCO group"
        members[f"{code[:digits]} {name}".strip()].append(role)
    if not members:
        where = f" under the ISCO group {group}" if group else ""
        raise NotFoundError(f"the graph has no occupation{where} to draw")
    builder = _Builder(graph)
    order = sorted(members, key=lambda cluster: (cluster[0] == "n", cluster))  # by ISCO code
    for cluster in order:
        for role in members[cluster]:
            builder.node(role).cluster = cluster
    _clusters(builder, [members[cluster] for cluster in order])
    least = viable(model)
    for role in list(builder.nodes):
        for broader in sorted(model.objects(role, SKOS + "broader")):
            if broader in builder.nodes:
                builder.edge(role, broader, "broader")
        near = [(other, v) for other, v in near_moves(model, role) if other in builder.nodes]
        if near and near[0][1] >= least:
            builder.edge(role, near[0][0], f"similar ({near[0][1]:.2f})")
    under = f" under ISCO {group}" if group else ""
    title = f"Occupations{under} by ISCO group: the hierarchy and the strongest similar moves"
    return builder.view("careers", title, layout="placed")


def _ladders(name: str) -> bool:
    """Whether a taxonomy's roles are drawn as career ladders (tracks by level: careergraph's
    vocabulary), not as clusters of occupations ("all" is both)."""
    return name != "all" and declared(name).vocabulary == "careergraph"


def ladders_and_occupations(graph: CareerGraph, group: str | None = None) -> View:
    """Each taxonomy's career ladders (the built-in ones first; each with its own levels as
    columns), one below the other, the imported occupations in their clusters below them,
    and the moves between them (a transition that lands on an occupation)."""
    network = graph.career_network((*LADDER_MOVES, "match"))  # worked out once, for all
    roles: dict[str, list[str]] = defaultdict(list)
    for role in network:
        roles[taxonomy(role)].append(role)
    ladders = sorted((name for name in roles if _ladders(name)), key=lambda n: (n != "builtin", n))
    parts = [careers_view(graph, network.subgraph(roles[name])) for name in ladders]
    occupations = group is not None or len(ladders) < len(roles)
    if occupations:
        parts.append(occupations_view(graph, group))
    if len(parts) == 1:
        return parts[0]
    nodes: list[ViewNode] = []
    edges: list[ViewEdge] = []
    top = 0.0
    for index, part in enumerate(parts):
        shift = top - min(node.y or 0.0 for node in part.nodes) if index else 0.0
        for node in part.nodes:
            node.y = (node.y or 0.0) + shift
            if index and node.kind == "heading":  # a lane or level another ladder has too
                node.id = f"{node.id}:{index}"
        nodes += part.nodes
        edges += part.edges
        top = max(node.y or 0.0 for node in part.nodes) + 4 * CAREER_ROW
    shown = {node.id for node in nodes}
    crossing = [
        ViewEdge(source, target, data["relation"])
        for source, target, data in network.edges(data=True)
        if source in shown and target in shown and taxonomy(source) != taxonomy(target)
    ]
    title = "Career ladders" + (
        ", and the occupations of the imported taxonomy by ISCO group"
        if occupations
        else " of each taxonomy, transitions and salaries"
    )
    return View("careers", title, nodes, edges + crossing, layout="placed")


def _level_key(graph: CareerGraph, role: str) -> tuple[str, int, str]:
    """A role's column in the careers view: (its level's scheme, rank, label); ("", 0, "no
    level") for a role without one."""
    from careergraph.graph.careers.moves import level_schemes

    model = graph.careers
    level = model.roles[role].level
    if level is None:
        return "", 0, "no level"
    scheme = min(level_schemes(model, role), default="~")
    return scheme, model.roles[role].rank or 0, model.label(level)


def _cell_columns(roles: int) -> int:
    return max(1, math.ceil(roles / CAREER_CELL))


def _heading(builder: _Builder, key: str, text: str, x: float, y: float) -> None:
    """A label of a lane or a column: a node of kind ``heading``, not an entity."""
    iri = f"urn:careergraph:heading:{key}"
    builder.nodes[iri] = ViewNode(iri, text, "heading", [("heading", text)], x=x, y=y)


def trends_view(graph: CareerGraph) -> View:
    """Trends, focus areas, emerging technologies and market trends by track, with their
    practices and tools."""
    builder = _Builder(graph)
    for row in _rows(graph, "view-trends"):
        builder.node(row["track"], 0)
        builder.node(row["trend"], 1)
        builder.edge(row["track"], row["trend"], "trend")
        if "detail" in row:
            builder.node(row["detail"], 2)
            builder.edge(row["trend"], row["detail"], row["how"])
    return builder.view("trends", "Trends and emerging technologies by track")


def full_view(graph: CareerGraph) -> View:
    """Every entity, each kind in its own cluster, with every link between them."""
    builder = _Builder(graph)
    links = _links(graph)
    kinds: dict[str, list[str]] = defaultdict(list)
    names = graph.every_name()
    for iri in sorted(names.labels, key=lambda i: names.entity(i).label.casefold()):
        kind = names.kind(iri)
        if kind is not None:
            kinds[kind].append(iri)
    order = sorted(kinds, key=lambda k: -len(kinds[k]))
    for kind in order:
        for iri in kinds[kind]:
            builder.node(iri).cluster = kind
    _clusters(builder, [kinds[k] for k in order])
    for source, label, target in links:
        if source in builder.nodes and target in builder.nodes:
            builder.edge(source, target, label)
    return builder.view("full", "The whole graph, by kind", layout="placed")


# Links that say where a fact comes from, not what a career holds: a focus view leaves them
# out unless asked (--provenance).
PROVENANCE = frozenset({DCTERMS + "source", DCTERMS + "isPartOf", RDF + "subject",
                        RDF + "predicate", RDF + "object", SKOS + "inScheme"})  # fmt: skip
FOCUS_FANOUT = 12  # beyond the first ring, the new neighbours one node brings at most
FOCUS_NEEDS = 15  # the skills a role in focus shows, the most specific


def focus_view(graph: CareerGraph, name: str, depth: int, provenance: bool = False) -> View:
    """The entities within ``depth`` links of one entity (either direction), in rings: its
    career content (for a role: its ``FOCUS_NEEDS`` most specific needs and the moves a
    path may make from it, beside its level, track and salary); the links of provenance too with
    ``provenance``. Beyond the first ring each node brings at most ``FOCUS_FANOUT`` new
    neighbours (a skill a thousand occupations need would bury the rest), roles first, with
    the links that brought them; the view's note says how many were left out."""
    if depth < 0:
        raise ParameterError("depth", "must be 0 or more")
    centre = graph.resolve(name)
    rings = [[centre.iri]]
    seen = {centre.iri}
    links: set[tuple[str, str, str]] = set()
    left_out = 0
    for number in range(depth):
        # Ask for the links of the outer ring only: a big graph is never read whole.
        ring: set[str] = set()
        for iri in rings[-1]:
            found = _links(graph, iri, provenance)
            if not number:  # a role's skills and moves are worked out, not stated links
                found += _career_links(graph, iri)
            new = sorted({end for s, _, o in found for end in (s, o)} - seen - ring)
            if number and len(new) > FOCUS_FANOUT:
                kept = sorted(new, key=lambda other: (not _is_role(graph, other), other))
                left_out += len(new) - FOCUS_FANOUT
                new = kept[:FOCUS_FANOUT]
            # The first ring with every link among what is drawn; an outer one with the
            # links that brought its nodes (the rest would be a hairball of shared skills).
            wanted = seen | ring | set(new) if not number else {iri, *new}
            links.update(link for link in found if link[0] in wanted and link[2] in wanted)
            ring.update(new)
        if not ring:
            break
        seen.update(ring)
        rings.append(sorted(ring))
    builder = _Builder(graph)
    for number, ring in enumerate(rings):
        for index, iri in enumerate(ring):
            node = builder.node(iri)
            angle = 2 * math.pi * index / len(ring)
            radius = 260.0 * number * max(1.0, len(ring) / (12 * number or 1)) ** 0.5
            node.x, node.y = radius * math.cos(angle), radius * math.sin(angle)
    builder.nodes[centre.iri].highlight = True
    for source, label, target in sorted(links):
        if source in seen and target in seen:
            builder.edge(source, target, label)
    view = builder.view("focus", f"{centre.label}: {depth} step(s) around", layout="placed")
    if left_out:
        view.note = (
            f"cut to at most {FOCUS_FANOUT} new neighbours a node past the first ring, roles "
            f"first; left out {left_out:,}"
        )
    return view


def _career_links(graph: CareerGraph, role: str) -> list[tuple[str, str, str]]:
    """A role's most specific needs (``FOCUS_NEEDS`` of them) and the moves a path may
    make from it, as links of a view; none for what is not a role."""
    from careergraph.graph.careers.moves import CareerMoves

    model = graph.careers
    if role not in model.roles:
        return []
    weight = model.index.weight
    needs = sorted(model.needs(role), key=lambda item: (-weight(item), item))[:FOCUS_NEEDS]
    moves = CareerMoves(model).from_role(role)
    return [(role, "needs", item) for item in needs] + [
        (role, move.relation, target) for target, move in sorted(moves.items())
    ]


def _is_role(graph: CareerGraph, iri: str) -> bool:
    return graph.names.kind(iri) in ("role", "occupation")


def overlap_view(graph: CareerGraph, result: Overlap) -> View:
    """The compared items and their profiles, the shared part highlighted."""
    builder = _Builder(graph)
    for owner in result.items:
        builder.node(owner.iri, 0)
    for item in result.shared:
        node = builder.node(item.entity.iri, 1)
        node.highlight = True
        node.details.append(("shared", "by all"))
        for owner in result.items:
            builder.edge(owner.iri, item.entity.iri, "needs", highlight=True)
    for owner, items in result.only:
        for item in items:
            builder.node(item.entity.iri, 2)
            builder.edge(owner.iri, item.entity.iri, "needs")
    title = " and ".join(o.label for o in result.items) + f": similarity {result.similarity:.2f}"
    return builder.view("overlap", title)


def _links(
    graph: CareerGraph, node: str | None = None, provenance: bool = True
) -> list[tuple[str, str, str]]:
    """Every link between two entities, or those of one ``node``: (subject, predicate
    label, object); without ``provenance``, none of ``PROVENANCE``."""
    labels = graph.vocabulary_labels
    rows = (
        graph.store.select(internal_query("links-of"), {"node": IRI(node)})
        if node
        else graph.store.select(internal_query("entity-links"))
    )
    return [
        (
            row["subject"].value,
            labels.get(p := row["predicate"].value) or plain_words(p),
            row["object"].value,
        )
        for row in rows
        if row["predicate"].value != CG + "inMindMap"
        and (provenance or row["predicate"].value not in PROVENANCE)
    ]


def _clusters(builder: _Builder, groups: list[list[str]]) -> None:
    """Place each group in a sunflower spiral, the spirals in rows of a grid."""
    radii = [math.sqrt(len(group)) * _SPACING for group in groups]
    columns = max(1, math.ceil(math.sqrt(len(groups))))
    x = y = row_height = 0.0
    for index, (group, radius) in enumerate(zip(groups, radii, strict=True)):
        if index and index % columns == 0:
            x, y, row_height = 0.0, y + row_height + _CLUSTER_GAP, 0.0
        for number, iri in enumerate(group):
            distance = _SPACING * math.sqrt(number)
            angle = number * 2.399963  # the golden angle
            node = builder.nodes[iri]
            node.x = x + radius + distance * math.cos(angle)
            node.y = y + radius + distance * math.sin(angle)
        x += 2 * radius + _CLUSTER_GAP
        row_height = max(row_height, 2 * radius)
