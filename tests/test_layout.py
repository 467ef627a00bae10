"""The package's layout: rooms by pipeline stage, no import circles, small folders, every
doctest passing, and the kept state of every kept object round-tripping whole."""

from __future__ import annotations

import ast
import doctest
import importlib
import marshal
import pkgutil
from pathlib import Path

import networkx as nx
import pytest

import careergraph
from careergraph import CareerGraph

PACKAGE = Path(careergraph.__file__).parent
MODULES = sorted(
    ["careergraph"]
    + [
        m.name
        for m in pkgutil.walk_packages(careergraph.__path__, "careergraph.")
        if not m.name.endswith("__main__")
    ]
)


def _module_file(name: str) -> Path:
    relative = Path(*name.split(".")[1:]) if "." in name else Path()
    package = PACKAGE / relative / "__init__.py"
    return package if package.exists() else (PACKAGE / relative).with_suffix(".py")


def _imports(name: str, typing: bool = False) -> set[str]:
    """The careergraph modules ``name`` imports anywhere (in functions too), and with
    ``typing`` what only a type checker reads (``if TYPE_CHECKING:``) too."""
    tree = ast.parse(_module_file(name).read_text("utf-8"))
    package = name if _module_file(name).name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if not typing and isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {module for module in found if module in MODULES and module != name}


@pytest.mark.parametrize("typing", [False, True], ids=["run", "type-checked"])
def test_no_import_circles(typing):
    """None at run time, and none counting what only a type checker reads (``if
    TYPE_CHECKING:``): such a circle is one the code's design has, deferred."""
    imports = nx.DiGraph((n, used) for n in MODULES for used in _imports(n, typing=typing))
    circles = list(nx.simple_cycles(imports))
    assert not circles, "\n".join(" -> ".join([*c, c[0]]) for c in circles[:10])


# What each room may import (beyond the standard library and other packages).
ALLOWED = {
    "careergraph.graph.store": ("careergraph.graph.store", "careergraph.errors",
                                "careergraph.namespaces", "careergraph.version"),
    "careergraph.graph.careers": ("careergraph.graph.careers", "careergraph.graph.store",
                                  "careergraph.taxonomies",
                                  "careergraph.graph.choices",
                                  "careergraph.graph.queries", "careergraph.graph.results",
                                  "careergraph.errors", "careergraph.namespaces"),
}  # fmt: skip
FORBIDDEN = {
    "careergraph.graph": ("careergraph.exports", "careergraph.cli"),
    "careergraph.exports": ("careergraph.cli", "careergraph.graph.cache",
                            "careergraph.graph.careers", "careergraph.graph.careergraph"),
}  # fmt: skip


@pytest.mark.parametrize("room", sorted(ALLOWED))
def test_a_room_imports_only_what_it_may(room):
    for name in (m for m in MODULES if m == room or m.startswith(room + ".")):
        strays = {used for used in _imports(name) if not used.startswith(ALLOWED[room])}
        assert not strays, f"{name} imports {sorted(strays)}"


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_a_room_never_imports_what_it_must_not(room):
    for name in (m for m in MODULES if m == room or m.startswith(room + ".")):
        strays = {used for used in _imports(name) if used.startswith(FORBIDDEN[room])}
        assert not strays, f"{name} imports {sorted(strays)}"


def test_no_folder_holds_more_than_a_dozen_modules():
    for folder in [PACKAGE, *(p for p in PACKAGE.rglob("*") if (p / "__init__.py").exists())]:
        modules = list(folder.glob("*.py"))
        assert len(modules) <= 12, f"{folder.relative_to(PACKAGE)}: {len(modules)} modules"


def test_every_room_says_what_it_holds_and_may_import():
    for room in ("graph.store", "graph.cache", "graph.sources", "graph.careers", "exports"):
        doc = importlib.import_module(f"careergraph.{room}").__doc__ or ""
        assert "holds" in doc and "may import" in doc, room


@pytest.mark.parametrize("name", MODULES)
def test_every_doctest_passes(name):
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0, name


# ---- what a built store keeps ------------------------------------------------------------


@pytest.fixture(scope="module", params=["built-in", "esco"])
def kept_graph(request) -> CareerGraph:
    """The built-in graph, and the built-in graph with the committed ESCO excerpt."""
    from careergraph.graph.sources import builtin_sources, load_source
    from careergraph.graph.sources.esco import esco_ntriples, locate
    from careergraph.graph.store import open_store
    from careergraph.graph.store.formats import FORMATS

    store = open_store("oxigraph")
    for source in builtin_sources():
        load_source(store, source)
    if request.param == "esco":
        fixture = locate(Path(__file__).parent / "fixtures" / "esco")
        lines = "".join(esco_ntriples(fixture, [], lambda rows: None))
        store.load(lines.encode(), FORMATS["nt"], "esco", "urn:careergraph:dataset:esco")
    return CareerGraph(store)


def _round_trip(state: dict) -> dict:
    """The state as a built store writes and reads it: marshalled plain data."""
    return marshal.loads(marshal.dumps(state))


def test_the_name_index_round_trips(kept_graph):
    from careergraph.graph.names import NameIndex

    names = kept_graph.names
    assert set(vars(names)) == set(NameIndex.KEPT) | set(NameIndex.TRANSIENT)
    assert set(names.state()) == set(NameIndex.KEPT)
    assert NameIndex.from_state(_round_trip(names.state())) == names


def test_the_career_facts_round_trip(kept_graph):
    from careergraph.graph.careers.facts import CareerFacts

    facts = CareerFacts.read(kept_graph.store, kept_graph.names)
    state = facts.state()
    # A new attribute must be declared kept or worked out again: forgetting fails here.
    assert set(vars(facts)) == {*CareerFacts.KEPT, *CareerFacts.TRANSIENT}
    assert set(state) == set(CareerFacts.KEPT)
    kept = CareerFacts.from_state(_round_trip(state), kept_graph.names)
    assert kept.state() == state


def test_the_career_model_round_trips(kept_graph):
    from careergraph.graph.careers.facts import CareerFacts
    from careergraph.graph.careers.model import CareerModel
    from careergraph.graph.careers.similarity import near_moves, viable, work_out

    facts = CareerFacts.read(kept_graph.store, kept_graph.names)
    model = work_out(CareerModel.of(facts))
    derived = model.derived()
    assert set(derived) == set(CareerModel.DERIVED)
    kept = CareerModel.of(CareerFacts.from_state(_round_trip(facts.state()), facts.names),
                          _round_trip(derived))  # fmt: skip
    assert kept.derived() == derived and kept.index == model.index
    # A new attribute of the model must be kept with it (DERIVED) or be one of the facts'.
    assert {name.strip("_") for name in set(vars(model)) - set(vars(facts))} == {
        *CareerModel.DERIVED
    }
    fresh = CareerModel.of(facts)  # worked out again, as a store without its model does
    assert viable(fresh) == viable(kept) and fresh.index == kept.index
    for role in model.all_roles:
        assert near_moves(fresh, role) == near_moves(kept, role)
        assert kept.items(role) == model.items(role) and kept.needs(role) == model.needs(role)
        assert kept.profile(role) == model.profile(role)
    with pytest.raises(ValueError):
        CareerModel.of(facts, {"index": derived["index"]})


def test_the_role_index_round_trips(kept_graph):
    from dataclasses import fields

    from careergraph.graph.careers.index import RoleIndex

    index = kept_graph.careers.index
    kept = set(index.state())
    assert kept == {f.name for f in fields(RoleIndex) if f.init}
    restored = RoleIndex.from_state(_round_trip(index.state()))
    assert restored == index
    assert restored.position == index.position and restored.item_counts == index.item_counts


def _code_copy(copy: Path, parts: list[str]) -> Path:
    """A copy of the package's ``parts`` (files and folders, as in ``kept.KEPT_BY``) under
    ``copy``, to be edited where the kept formats are read from."""
    from careergraph.graph.cache import kept

    for part in parts:
        source = kept._GRAPH_PACKAGE / part
        files = [f for f in source.rglob("*") if f.is_file()] if source.is_dir() else [source]
        for file in files:
            target = copy / part / file.relative_to(source) if source.is_dir() else copy / part
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.read_bytes())
    return copy


def test_the_kept_format_follows_the_code_that_makes_it(tmp_path, monkeypatch):
    from careergraph.graph.cache import kept

    before, model_before = kept.kept_format(), kept.model_format()
    assert before == kept.kept_format()  # the same code, the same format
    copy = _code_copy(tmp_path / "graph", [*kept.KEPT_BY, *kept.MODEL_BY, "careers/matching.py"])
    monkeypatch.setattr(kept, "_GRAPH_PACKAGE", copy)
    assert (kept.kept_format(), kept.model_format()) == (before, model_before)

    def edit(part: str, line: str) -> None:
        path = copy / part
        path.write_text(path.read_text("utf-8") + f"\n# {line}\n", encoding="utf-8")

    edit("careers/matching.py", "a change to how matches rank")  # only reads the model
    assert (kept.kept_format(), kept.model_format()) == (before, model_before)
    edit("careers/similarity.py", "a change to how similar roles are")  # works out the model
    assert kept.kept_format() == before and kept.model_format() != model_before
    model_changed = kept.model_format()
    edit("careers/profiles.py", "a change to how profiles work")
    assert kept.kept_format() == before and kept.model_format() not in (model_before, model_changed)
    edit("../taxonomies.py", "a taxonomy declared otherwise")  # how the facts are read
    assert kept.kept_format() != before
    changed = kept.kept_format()
    edit("careers/facts.py", "a change to the facts")
    assert kept.kept_format() not in (before, changed)


def test_a_ranking_edit_leaves_the_built_store_and_works_the_model_out_again(tmp_path, monkeypatch):
    """The whole way: a built store, then the code of a ranking edited (similarity), then
    the store opened again: the same store, its triples not read again, a new model kept in
    place of the old, and the same answers."""
    from careergraph.graph.cache import kept

    def opened() -> tuple[CareerGraph, list[str]]:
        graph = CareerGraph.open(persist=tmp_path)
        graph.careers  # noqa: B018 (what reads, or works out, the model)
        return graph, sorted(p.name for p in (tmp_path / "graphs").iterdir() if p.is_dir())

    first, stores = opened()
    folder = tmp_path / "graphs" / stores[0]
    models = sorted(p.name for p in folder.glob("model-*.marshal"))
    assert len(stores) == 1 and models == [f"model-{kept.model_format()}.marshal"]
    built = (folder / "manifest.json").read_bytes()
    moves = first.path("Junior DevOps Engineer", "MLOps Architect").to_json()

    copy = _code_copy(tmp_path / "code", [*kept.KEPT_BY, *kept.MODEL_BY])
    similarity = copy / "careers" / "similarity.py"
    similarity.write_text(similarity.read_text("utf-8") + "\n# reranked\n", encoding="utf-8")
    monkeypatch.setattr(kept, "_GRAPH_PACKAGE", copy)

    again, stores_after = opened()
    assert stores_after == stores and (folder / "manifest.json").read_bytes() == built
    assert (
        sorted(p.name for p in folder.glob("model-*.marshal"))
        == [f"model-{kept.model_format()}.marshal"]
        != models
    )  # the new model in place of the old one
    assert again.path("Junior DevOps Engineer", "MLOps Architect").to_json() == moves

    (model,) = folder.glob("model-*.marshal")
    model.write_bytes(b"\x00 not a model")  # damaged: worked out again, and kept whole
    damaged, _ = opened()
    assert damaged.path("Junior DevOps Engineer", "MLOps Architect").to_json() == moves
    assert marshal.loads(model.read_bytes()) == again.careers.derived()
