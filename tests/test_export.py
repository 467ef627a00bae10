"""RDF export: what it writes parses back into an isomorphic graph; failures leave no file."""

from __future__ import annotations

import pytest
import rdflib
from conftest import FIXTURES, invoke
from rdflib.compare import isomorphic

from careergraph import CareerGraph
from careergraph.graph.store.formats import FORMATS


@pytest.mark.parametrize("format_name", ["ttl", "nt", "jsonld", "rdfxml"])
def test_export_round_trips(any_engine_graph, tmp_path, format_name):
    reference = rdflib.Graph().parse(data=any_engine_graph.serialize("nt"), format="nt")
    path = tmp_path / f"graph{FORMATS[format_name].extensions[0]}"
    path.write_bytes(any_engine_graph.serialize(format_name))
    written = rdflib.Graph().parse(path, format=FORMATS[format_name].rdflib)
    assert len(written) == len(any_engine_graph.store)
    assert isomorphic(written, reference)
    # ...and careergraph reads its own export back into the same graph.
    again = CareerGraph.open([path], builtin=False)
    assert isomorphic(rdflib.Graph().parse(data=again.serialize("nt"), format="nt"), reference)


def test_cli_export_writes_default_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "ttl")
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "exports" / "careergraph.ttl"
    assert "@prefix role: <https://w3id.org/careergraph/id/role/>" in written.read_text("utf-8")
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == ["careergraph.ttl"]


def test_cli_export_to_stdout_and_file(tmp_path):
    stdout = invoke("export", "nt", "-o", "-")
    assert stdout.exit_code == 0 and stdout.stdout.count("\n") > 2000
    target = tmp_path / "merged.jsonld"
    assert (
        invoke(
            "--data", str(FIXTURES / "extra-role.ttl"), "export", "jsonld", "-o", str(target)
        ).exit_code
        == 0
    )
    assert "FinOps Engineer" in target.read_text("utf-8")


def test_an_export_makes_its_folders_and_a_failed_one_leaves_nothing_behind(tmp_path):
    bad_data = invoke(
        "--data", str(FIXTURES / "malformed.ttl"), "export", "ttl", "-o", str(tmp_path / "a/b.ttl")
    )
    assert bad_data.exit_code == 2
    assert list(tmp_path.iterdir()) == []
    in_new_folders = tmp_path / "new" / "folder" / "out.ttl"
    result = invoke("export", "ttl", "-o", str(in_new_folders))
    assert result.exit_code == 0 and in_new_folders.read_text("utf-8").startswith("@prefix")


def test_failed_export_keeps_the_previous_file(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("previous", encoding="utf-8")
    invoke("--data", str(FIXTURES / "malformed.ttl"), "export", "ttl", "-o", str(target))
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
