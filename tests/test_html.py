"""HTML views in a real browser (Debian's chromium through Playwright), safety against hostile
data, --max-nodes, and Mermaid mind maps out and back in."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from browsers import open_watched
from conftest import invoke, run_process

from careergraph import CareerGraph
from careergraph.graph.views import VIEWS, build_view

PAYLOADS = [
    "</script><script>window.__pwned = 'script';</script>",
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    '" onmouseover="window.__pwned = \'attr\'" x="',
    "<a href=\"javascript:window.__pwned='href'\">href</a>",
    "'; window.__pwned = 'quote'; '",
    "{{ 7*7 }} /*CAREERGRAPH:VIS_JS*/ &amp; &lt;b&gt;",
]


@dataclass
class Page:
    """What a page did in the browser: its network, errors and requests."""

    nodes: list[str]
    edges: list[list[str]]
    errors: list[str]
    requests: list[str]
    painted: int
    extra: dict


def open_page(browser, path: Path, check: str = "null") -> Page:
    """Load a page from disk, wait until the network is drawn, and read it back."""
    page, errors, requests = open_watched(browser, path)
    page.wait_for_function("() => window.careergraph && window.careergraph.drawn", timeout=60_000)
    found = page.evaluate(
        """(check) => {
        const cg = window.careergraph;
        const canvas = document.querySelector('#network canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4 * 7) { if (pixels[i] > 0) painted++; }
        return {
          nodes: cg.nodes.getIds().map(String),
          edges: cg.edges.get().map(e => [String(e.from), String(e.to)]),
          painted: painted,
          extra: eval(check),
        };
    }""",
        check,
    )
    page.screenshot(path=str(path.with_suffix(".png")))
    page.close()
    return Page(found["nodes"], found["edges"], errors, requests, found["painted"], found["extra"])


def export_html(tmp_path: Path, *args: str, name: str = "view.html") -> Path:
    target = tmp_path / name
    result = invoke(*args, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return target


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_draws_exactly_its_nodes_and_edges(browser, graph, tmp_path, view):
    target = export_html(tmp_path, "export", "html", "--view", view)
    drawn = open_page(browser, target)
    expected = build_view(graph, view)
    assert drawn.errors == [] and drawn.requests == []
    assert sorted(drawn.nodes) == sorted(n.id for n in expected.nodes)
    assert sorted(map(tuple, drawn.edges)) == sorted((e.source, e.target) for e in expected.edges)
    assert drawn.painted > 500  # the screenshot is not blank
    assert target.with_suffix(".png").stat().st_size > 10_000


def test_focus_view_draws_the_neighbourhood(browser, graph, tmp_path):
    target = export_html(tmp_path, "export", "html", "--focus", "MLOps Architect", "--depth", "1")
    drawn = open_page(browser, target)
    ids = set(drawn.nodes)
    assert "https://w3id.org/careergraph/id/role/mlops-architect" in ids
    assert "https://w3id.org/careergraph/id/salary-band/mlops-architect-band" in ids
    assert "https://w3id.org/careergraph/id/level/senior" in ids
    assert "https://w3id.org/careergraph/id/tool/terraform" not in ids
    assert len(ids) == len(build_view(graph, "full", "MLOps Architect", 1).nodes)
    assert drawn.errors == [] and drawn.requests == []
    deeper = build_view(graph, "full", "MLOps Architect", 2)
    assert len(deeper.nodes) > len(ids)
    assert len(build_view(graph, "full", "MLOps Architect", 0).nodes) == 1


def test_overlap_draws_its_result(browser, tmp_path):
    overlap_page = tmp_path / "overlap.html"
    result = invoke("overlap", "Linux Guru", "Python Guru", "--html", str(overlap_page))
    assert result.exit_code == 0, result.stderr
    drawn = open_page(
        browser,
        overlap_page,
        "window.careergraph.nodes.get().filter(n => n.borderWidth === 4).map(n => n.label)",
    )
    assert "Problem Solving" in drawn.extra and "Bash" not in drawn.extra
    assert drawn.errors == []


def test_page_works_offline_and_loads_nothing(tmp_path):
    target = export_html(tmp_path, "export", "html", "--view", "mindmap")
    text = target.read_text("utf-8")
    assert 'src="http' not in text and 'href="http' not in text and "<link" not in text
    assert "Content-Security-Policy" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.html"]  # no lib/ folder


def test_written_as_utf8_whatever_the_locale(tmp_path):
    target = tmp_path / "mindmap.html"
    result = run_process("export", "html", "--view", "mindmap", "-o", str(target),
                         env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "★".encode() in target.read_bytes() or "●".encode() in target.read_bytes()
    assert '<meta charset="utf-8">' in target.read_text("utf-8")


# ---- hostile data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    literal = [json.dumps(p) for p in PAYLOADS]
    turtle = f"""
@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/evil/> .
@prefix track: <https://w3id.org/careergraph/id/track/> .
@prefix level: <https://w3id.org/careergraph/id/level/> .
ex:track a cg:Track ; skos:prefLabel {literal[0]} ; cg:coreSkill ex:area .
ex:role a cg:Role ; skos:prefLabel {literal[1]} ; skos:definition {literal[2]} ;
    cg:track ex:track ; cg:level level:entry ; cg:requiresSkill ex:area .
ex:senior a cg:Role ; skos:prefLabel {literal[4]} ; cg:track ex:track ; cg:level level:mid .
ex:area a cg:SkillArea ; skos:prefLabel {literal[3]} .
ex:tool a cg:Tool ; skos:prefLabel {literal[5]} ; cg:usedFor ex:area .
ex:point a cg:IntegrationPoint ; skos:prefLabel {literal[2]} ;
    cg:sharedBy track:devops, track:mlops ; cg:includes ex:tool .
ex:trend a cg:EmergingTechnology ; skos:prefLabel {literal[0]} ; cg:track ex:track .
"""
    data = folder / "evil.ttl"
    data.write_text(turtle, encoding="utf-8")
    mindmap = folder / "evil.mmd"
    lines = ["mindmap", '  root(("' + PAYLOADS[0].replace('"', "#quot;") + '"))']
    lines += [f'    n{i}["' + p.replace('"', "#quot;") + '"]' for i, p in enumerate(PAYLOADS[1:])]
    mindmap.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data, mindmap


SAFE = """({
  pwned: window.__pwned === undefined ? null : window.__pwned,
  images: document.querySelectorAll('img').length,
  scripts: document.querySelectorAll('script').length,
  links: document.querySelectorAll('a').length,
  title: document.getElementById('title').textContent,
  tips: window.careergraph.nodes.get()
        .map(n => n.title.querySelectorAll('*:not(div):not(b)').length)
        .reduce((a, b) => a + b, 0),
  tipText: window.careergraph.nodes.get().map(n => n.title.textContent).join(' '),
})"""


@pytest.mark.parametrize(
    "args",
    [
        ("export", "html", "--view", "devops-mlops"),
        ("export", "html", "--view", "careers"),
        ("export", "html", "--view", "trends"),
        ("export", "html", "--view", "full"),
        ("export", "html", "--focus", "https://example.org/evil/role", "--depth", "2"),
        ("overlap", "https://example.org/evil/role", "DevOps", "--html"),
    ],
)
def test_hostile_labels_stay_text(browser, tmp_path, hostile, args):
    data, _ = hostile
    target = tmp_path / "evil.html"
    if args[-1] == "--html":
        result = invoke("--data", str(data), *args, str(target))
    else:
        result = invoke("--data", str(data), *args, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    drawn = open_page(browser, target, SAFE)
    assert drawn.extra["pwned"] is None
    assert drawn.extra["images"] == 0 and drawn.extra["links"] == 0
    assert drawn.extra["scripts"] == 3 and drawn.extra["tips"] == 0
    assert drawn.errors == [] and drawn.requests == []
    labels = drawn_labels(browser, target)
    assert any(payload in label for payload in PAYLOADS for label in labels)


def drawn_labels(browser, target: Path) -> list[str]:
    page = browser.new_page()
    page.goto(target.resolve().as_uri())
    page.wait_for_function("() => window.careergraph && window.careergraph.drawn")
    labels = page.evaluate("window.careergraph.nodes.get().map(n => n.label)")
    page.close()
    return labels


def test_hostile_mind_map_title_and_nodes(browser, tmp_path, hostile):
    _, mindmap = hostile
    target = tmp_path / "mindmap.html"
    result = invoke("--no-builtin", "--data", str(mindmap), "export", "html", "--view",
                    "mindmap", "-o", str(target))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    drawn = open_page(browser, target, SAFE)
    assert drawn.extra["pwned"] is None and drawn.extra["images"] == 0
    assert drawn.extra["title"] == PAYLOADS[0]
    head = target.read_text("utf-8").split("<title>")[1].split("</title>")[0]
    assert head == html.escape(PAYLOADS[0])
    assert len(drawn.nodes) == len(PAYLOADS)


# ---- size ---------------------------------------------------------------------------------------


def synthetic_graph(path: Path, roles: int) -> Path:
    """A graph of ``roles`` roles, each with its own skill, all in one track."""
    lines = [
        "@prefix cg: <https://w3id.org/careergraph/ontology#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "<urn:t> a cg:Track ; skos:prefLabel 'Synthetic' .",
    ]
    for number in range(roles):
        lines.append(
            f"<urn:r{number}> a cg:Role ; skos:prefLabel 'Role {number}' ; cg:track <urn:t> ;"
            f" cg:requiresSkill <urn:s{number}> ."
        )
        lines.append(f"<urn:s{number}> a cg:Skill ; skos:prefLabel 'Skill {number}' .")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_thousand_nodes_draw(browser, tmp_path):
    data = synthetic_graph(tmp_path / "big.ttl", 500)
    target = tmp_path / "big.html"
    result = invoke("--no-builtin", "--data", str(data), "export", "html", "--view", "full",
                    "-o", str(target))  # fmt: skip
    assert result.exit_code == 0 and result.stderr.count("cut") == 0
    drawn = open_page(browser, target)
    assert len(drawn.nodes) == 1001 and len(drawn.edges) == 1000 and drawn.painted > 500


def test_max_nodes_cuts_the_view_and_says_so(browser, tmp_path):
    data = synthetic_graph(tmp_path / "big.ttl", 100)
    target = tmp_path / "cut.html"
    result = invoke("--no-builtin", "--data", str(data), "export", "html", "--view", "full",
                    "--max-nodes", "50", "-o", str(target))  # fmt: skip
    assert result.exit_code == 0
    assert "cut to 50 of 201 nodes" in result.stderr and "left out 151" in result.stderr
    drawn = open_page(browser, target, "document.getElementById('note').textContent")
    assert len(drawn.nodes) == 50 and "left out 151" in drawn.extra


# ---- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (("export", "html", "--view", "galaxy"), "Invalid value for '--view'"),
        (("export", "html", "--focus", "Nobody At All"), "no entity named"),
        (("export", "html", "--focus", "MLOps Architect", "--depth", "-1"), "--depth"),
        (("export", "html", "--max-nodes", "0"), "--max-nodes"),
        (("export", "mermaid", "--view", "careers"), "mind map only"),
    ],
)
def test_view_bad_input(tmp_path, args, message):
    target = tmp_path / "out.html"
    result = invoke(*args, "-o", str(target))
    assert result.exit_code == 2 and message in result.stderr
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_unwritable_output_leaves_nothing(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        target = locked / "new" / "view.html"
        result = invoke("export", "html", "--view", "mindmap", "-o", str(target))
        if result.exit_code == 0:  # root ignores permissions
            assert target.exists()
        else:
            assert result.exit_code == 2 and list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


# ---- Mermaid ------------------------------------------------------------------------------------


def test_mermaid_export_is_the_source_mind_map(seed_lines):
    result = invoke("export", "mermaid", "--view", "mindmap", "-o", "-")
    lines = result.stdout.splitlines()
    assert lines[0] == "mindmap" and lines[1] == "  root((Technical Expertise))"
    source = seed_lines[198:262]  # lines 199-262
    assert [line.strip() for line in lines] == [line.strip() for line in source]
    depths = {line.strip(): (len(line) - len(line.lstrip())) // 2 for line in lines[1:]}
    assert depths["Linux Guru"] == 2 and depths["Core Skills"] == 3 and depths["Bash"] == 5


def tree(graph: CareerGraph, focus: str | None = None):
    from careergraph.graph.views import mind_map

    def shape(node):
        return (node.label, tuple(shape(child) for child in node.children))

    return shape(mind_map(graph, focus))


def test_mermaid_round_trip(tmp_path, graph):
    first = tmp_path / "mindmap.mmd"
    assert invoke("export", "mermaid", "--view", "mindmap", "-o", str(first)).exit_code == 0
    again = CareerGraph.open([first], builtin=False)
    assert tree(again) == tree(graph)
    second = tmp_path / "again.mmd"
    result = invoke("--no-builtin", "--data", str(first), "export", "mermaid", "-o", str(second))
    assert result.exit_code == 0 and second.read_text("utf-8") == first.read_text("utf-8")


def test_a_mermaid_mind_map_becomes_concepts(tmp_path):
    source = tmp_path / "plan.mmd"
    source.write_text(
        "mindmap\n  root((Plan))\n    Learn\n      Kubernetes\n      Terraform\n"
        "    Apply[Apply for jobs]\n      ::icon(fa fa-book)\n",
        encoding="utf-8",
    )
    graph = CareerGraph.open([source], builtin=False)
    shown = graph.show("Kubernetes").to_json()
    broader = shown["properties"]["skos:broader"][0]
    assert broader["label"] == "Learn" and shown["kind"] == "concept"
    assert tree(graph) == ("Plan", (("Learn", (("Kubernetes", ()), ("Terraform", ()))),
                                    ("Apply for jobs", ())))  # fmt: skip
    rows = graph.query("SELECT ?c WHERE { ?c skos:broader+ ?root . ?root skos:prefLabel 'Plan' }")
    assert len(rows.answer.rows) == 4


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("mindmap\n  root((A))\nB\n", 3, "second root"),
        ("graph TD\n  A --> B\n", 1, "expected 'mindmap'"),
        ("mindmap\n  root((A))\n    B[unclosed\n", 3, "cannot read the node"),
        ("mindmap\n  root((A))\n    B(]\n", 3, "unmatched shape"),
        ("", None, "empty file"),
    ],
)
def test_malformed_mermaid_names_the_line(tmp_path, text, line, message):
    source = tmp_path / "bad.mmd"
    source.write_text(text, encoding="utf-8")
    result = invoke("--data", str(source), "stats")
    assert result.exit_code == 2 and message in result.stderr
    if line is not None:
        assert f"line {line}" in result.stderr


def test_mindmap_view_is_the_source_tree(graph, seed_lines):
    view = build_view(graph, "mindmap")
    source = [line.strip() for line in seed_lines[199:262]]
    source[0] = "Technical Expertise"  # written root((Technical Expertise)) in the source
    assert sorted(node.label for node in view.nodes) == sorted(source)
    assert len(view.edges) == len(view.nodes) - 1


def test_find_a_node_and_hide_a_kind(browser, tmp_path):
    target = export_html(tmp_path, "export", "html", "--view", "devops-mlops")
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.goto(target.resolve().as_uri())
    page.wait_for_function("() => window.careergraph && window.careergraph.drawn")
    page.fill("#find", "terraform")
    page.press("#find", "Enter")
    selected = page.evaluate("window.careergraph.network.getSelectedNodes()")
    assert selected == ["https://w3id.org/careergraph/id/tool/terraform"]
    assert page.text_content("#found") == "found: Terraform"
    page.uncheck("input[data-kind='tool']")
    hidden = page.evaluate("window.careergraph.nodes.get().filter(n => n.hidden).map(n => n.kind)")
    assert hidden and set(hidden) == {"tool"}
    page.check("input[data-kind='tool']")
    assert page.evaluate("window.careergraph.nodes.get().filter(n => n.hidden).length") == 0
    page.close()


# ---- legible at first sight -------------------------------------------------------------------

LEGIBLE_PX = 12


@pytest.mark.parametrize("args", [("--view", v) for v in VIEWS] + [("--focus", "MLOps Architect")])
def test_every_label_a_view_shows_is_legible_at_first_sight(browser, tmp_path, args):
    """At the initial view of a 1400x900 window, a node label is drawn at vis-network's
    scale times its font size: 12 px or more; the full view opens as a cluster per kind."""
    target = export_html(tmp_path, "export", "html", *args)
    seen = first_sight(browser, target)
    assert seen["shown"] > 0 and seen["smallest"] >= LEGIBLE_PX, seen
    if args == ("--view", "full"):
        assert seen["clusters"] >= 20  # an overview: a cluster per kind


@pytest.mark.parametrize(
    "args",
    [("--view", "careers", "--source", s) for s in ("esco", "all")] + [("--view", "full")],
)
def test_the_views_of_an_import_are_legible_at_first_sight(browser, tmp_path, esco_store, args):
    target = tmp_path / "view.html"
    result = invoke("--store", str(esco_store), "export", "html", *args, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    seen = first_sight(browser, target)
    assert seen["shown"] > 0 and seen["smallest"] >= LEGIBLE_PX, seen
    assert seen["clusters"] > 0  # the occupations open as clusters


def drawn_page(browser, target: Path):
    """A view opened in a 1400x900 window, once vis-network has drawn it."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(target.resolve().as_uri())
    page.wait_for_function("() => window.careergraph && window.careergraph.drawn")
    return page


def first_sight(browser, target: Path) -> dict:
    """What a 1400x900 window shows of a view when it opens: how many nodes, how many of
    them clusters, and the smallest label (vis-network's scale times its font size)."""
    page = drawn_page(browser, target)
    seen = page.evaluate(
        """() => {
        const network = window.careergraph.network;
        const box = network.body.container.getBoundingClientRect();
        const shown = network.body.nodeIndices.filter(id => {
            const at = network.canvasToDOM(network.getPosition(id));
            return at.x >= 0 && at.y >= 0 && at.x <= box.width && at.y <= box.height;
        });
        const scale = network.getScale();
        const sizes = shown.map(id => network.body.nodes[id].options.font.size * scale);
        return {shown: shown.length, smallest: Math.min(...sizes),
                clusters: shown.filter(id => network.isCluster(id)).length};
    }"""
    )
    page.screenshot(path=str(target.with_suffix(".png")))
    page.close()
    return seen


def test_a_cluster_opens_on_click(browser, tmp_path):
    target = export_html(tmp_path, "export", "html", "--view", "full")
    page = drawn_page(browser, target)
    opened = page.evaluate(
        """() => {
        const network = window.careergraph.network;
        const before = network.body.nodeIndices.length;
        network.body.emitter.emit("click", {nodes: ["cluster:role"], edges: []});
        return [before, network.body.nodeIndices.length, network.isCluster("cluster:role")];
    }"""
    )
    page.close()
    assert opened[1] == opened[0] - 1 + 28 and opened[2] is False


def test_the_mind_map_has_branches_to_both_sides_and_careers_lanes(graph):
    mind_map = build_view(graph, "mindmap")
    root = mind_map.nodes[0]
    assert (root.x, root.y) == (0.0, 0.0)
    sides = {node.x > 0 for node in mind_map.nodes[1:]}
    assert sides == {True, False}
    careers = build_view(graph, "careers")
    headings = {node.label for node in careers.nodes if node.kind == "heading"}
    assert {"DevOps", "MLOps", "Linux Expertise", "Python Expertise"} <= headings
    assert {"Entry Level", "Mid Level", "Senior Level", "Guru Level"} <= headings
    x = {node.label.split("\n")[0]: node.x for node in careers.nodes}
    assert x["Entry Level"] < x["Mid Level"] < x["Senior Level"] < x["Guru Level"]
    assert x["Linux Guru"] == x["Guru Level"] and x["Junior Linux Admin"] == x["Entry Level"]
    focus = build_view(graph, "full", "MLOps Architect", 1)
    assert all("://" not in edge.label for edge in focus.edges)  # words, never IRIs


def test_devops_and_mlops_stand_side_by_side_with_what_they_share_between(graph):
    view = build_view(graph, "devops-mlops")
    x = {node.label: node.x for node in view.nodes}
    assert x["DevOps only"] < x["Shared by both"] < x["MLOps only"]
    assert x["DevOps"] < 0 < x["MLOps"]
    shared = [node for node in view.nodes if node.kind == "integration-point"]
    assert len(shared) == 5 and all(abs(node.x) < abs(x["DevOps"]) for node in shared)
    assert x["CI/CD Pipeline Expertise"] < 0 < x["Data Pipeline Management"]  # an area each
    assert x["Feature Stores"] > x["Data Pipeline Management"]  # its skills further out


def test_the_mind_map_opens_whole_with_its_deeper_branches_folded(browser, tmp_path):
    target = export_html(tmp_path, "export", "html", "--view", "mindmap")
    page = drawn_page(browser, target)
    seen = page.evaluate(
        """() => {
        const network = window.careergraph.network;
        const ids = network.body.nodeIndices.slice();
        const box = network.body.container.getBoundingClientRect();
        const onScreen = ids.every(id => {
            const at = network.canvasToDOM(network.getPosition(id));
            return at.x >= 0 && at.y >= 0 && at.x <= box.width && at.y <= box.height;
        });
        const folded = ids.filter(id => network.isCluster(id));
        const labels = folded.map(id => network.body.nodes[id].options.label);
        const before = ids.length;
        network.body.emitter.emit("click", {nodes: [folded[0]], edges: []});
        return {before: before, after: network.body.nodeIndices.length, onScreen: onScreen,
                folded: folded.length, labels: labels, scale: network.getScale()};
    }"""
    )
    page.close()
    assert seen["onScreen"] and seen["scale"] * 14 >= 12  # whole, and legible
    assert seen["folded"] == 9 and any(
        label.startswith("Core Skills (+") for label in seen["labels"]
    )
    assert seen["after"] > seen["before"]  # a click opens a branch
