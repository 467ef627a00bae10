"""The persistent store: built once, reopened, rebuilt when a source changes, safe to share
and to interrupt."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import invoke, run_process
from test_catalogue import canonical

from careergraph import CareerGraph
from careergraph.graph.cache.stores import StoreCache
from careergraph.graph.catalogue import catalogue

ROLE = "<urn:extra-role> a <https://w3id.org/careergraph/ontology#Role> ; " \
       "<http://www.w3.org/2004/02/skos/core#prefLabel> {label!r} .\n"  # fmt: skip


def write_role(path: Path, label: str) -> Path:
    path.write_text(ROLE.format(label=label).replace("'", '"'), encoding="utf-8")
    return path


def test_stats_show_the_store_and_it_is_reused(tmp_path):
    location = tmp_path / "store"
    first = run_process("--store", str(location), "stats", "--format", "json")
    assert first.returncode == 0, first.stderr
    stats = json.loads(first.stdout)
    assert stats["store"].startswith(str(location / "graphs")) and stats["triples"] > 2000
    built = StoreCache(location).built()
    assert len(built) == 1 and built[0].triples == stats["triples"]
    again = json.loads(run_process("--store", str(location), "stats", "--format", "json").stdout)
    assert again == stats and len(StoreCache(location).built()) == 1


def test_the_environment_variable_and_no_store(tmp_path):
    location = tmp_path / "from-env"
    result = run_process("stats", "--format", "json", env={"CAREERGRAPH_STORE": str(location)})
    assert json.loads(result.stdout)["store"].startswith(str(location))
    memory = run_process("--no-store", "stats", "--format", "json")
    assert json.loads(memory.stdout)["store"] == "memory"


@pytest.mark.parametrize("cache_home", [None, "", "  ", "/somewhere/cache"])
def test_the_default_location_is_platformdirs_cache(monkeypatch, cache_home):
    import platformdirs

    from careergraph.graph.cache.location import store_location

    monkeypatch.delenv("CAREERGRAPH_STORE", raising=False)
    if cache_home is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", cache_home)
    assert store_location() == platformdirs.user_cache_path("careergraph", appauthor=False)


def test_a_changed_data_file_is_picked_up(tmp_path):
    location, data = tmp_path / "store", tmp_path / "mine.ttl"
    write_role(data, "First Label")
    args = ("--store", str(location), "--data", str(data), "show", "urn:extra-role")
    assert "First Label" in run_process(*args).stdout
    write_role(data, "Second Label")
    assert "Second Label" in run_process(*args).stdout
    assert len(StoreCache(location).built()) == 2


def test_the_same_files_give_the_same_store_wherever_they_are(tmp_path):
    """An installed copy of the package and its checkout share their stores."""
    import dataclasses
    import shutil

    from careergraph.graph.cache.stores import fingerprint
    from careergraph.graph.sources import builtin_sources

    sources = builtin_sources()
    copied = []
    for source in sources:
        path = tmp_path / source.name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source.path, path)  # a new file, with a new time
        copied.append(dataclasses.replace(source, path=path))
    assert fingerprint(copied) == fingerprint(sources)
    with copied[-1].path.open("a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    assert fingerprint(copied) != fingerprint(sources)


def test_a_broken_data_file_changes_nothing(tmp_path):
    location, data = tmp_path / "store", tmp_path / "mine.ttl"
    assert run_process("--store", str(location), "stats").returncode == 0
    before = [b.key for b in StoreCache(location).built()]
    data.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    result = run_process("--store", str(location), "--data", str(data), "stats")
    assert result.returncode == 2 and "mine.ttl, line 1" in result.stderr
    assert [b.key for b in StoreCache(location).built()] == before
    assert not list((location / "graphs").glob(".build-*"))
    assert run_process("--store", str(location), "stats").returncode == 0


def test_an_interrupted_build_leaves_a_working_store(tmp_path):
    location, data = tmp_path / "store", tmp_path / "big.nt"
    assert run_process("--store", str(location), "stats").returncode == 0
    with data.open("w", encoding="utf-8") as handle:
        for n in range(400_000):
            handle.write(f"<urn:s{n}> <urn:p> <urn:o{n % 1000}> .\n")
    build = subprocess.Popen(
        [sys.executable, "-m", "careergraph", "--store", str(location), "--data", str(data),
         "stats"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not list((location / "graphs").glob(".build-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert len(StoreCache(location).built()) == 1  # the half-built one is not a store
    result = run_process("--store", str(location), "show", "MLOps Architect")
    assert result.returncode == 0 and "Senior Level" in result.stdout
    finished = run_process("--store", str(location), "--data", str(data), "stats", "--format",
                           "json")  # fmt: skip
    assert finished.returncode == 0 and json.loads(finished.stdout)["triples"] > 400_000


def test_processes_at_once_build_one_store(tmp_path):
    location, data = tmp_path / "store", write_role(tmp_path / "mine.ttl", "Shared Role")
    command = [sys.executable, "-m", "careergraph", "--store", str(location), "--data",
               str(data), "show", "Shared Role", "--format", "json"]  # fmt: skip
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert all(process.returncode == 0 for process in processes)
    assert len({output for output in outputs}) == 1
    assert json.loads(outputs[0])["label"] == "Shared Role"
    assert len(StoreCache(location).built()) == 1


def test_an_unwritable_location_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_process("--store", str(blocker / "store"), "stats")
    assert result.returncode == 2 and "cannot create the store" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_full_disk_while_building_leaves_the_store_usable(small_disk, tmp_path):
    location, data = small_disk / "store", tmp_path / "big.nt"
    assert run_process("--store", str(location), "stats").returncode == 0
    with data.open("w", encoding="utf-8") as handle:  # 8 MB: more than the disk has left
        for n in range(240_000):
            handle.write(f"<urn:s{n}> <urn:p> <urn:o{n % 1000}> .\n")
    result = run_process("--store", str(location), "--data", str(data), "stats")
    assert result.returncode == 2 and "No space left on device" in result.stderr
    assert "cannot write the store" in result.stderr and "Traceback" not in result.stderr
    assert len(StoreCache(location).built()) == 1
    assert not list((location / "graphs").glob(".build-*"))
    shown = run_process("--store", str(location), "show", "MLOps Architect")
    assert shown.returncode == 0 and "Senior Level" in shown.stdout


def test_a_database_another_pyoxigraph_built_is_built_again(tmp_path, monkeypatch):
    from careergraph.graph.cache import stores
    from careergraph.graph.sources import file_source

    monkeypatch.setattr(stores, "SNAPSHOT_LIMIT", 0)  # an on-disk database, not a snapshot
    sources = [file_source(write_role(tmp_path / "mine.ttl", "Kept Role"))]
    cache = StoreCache(tmp_path / "store")
    store, *_ = cache.open(sources)
    (built,) = cache.built()
    manifest = json.loads((built.path / "manifest.json").read_text("utf-8"))
    assert (built.path / "db").is_dir() and len(store) == 2
    del store
    manifest["pyoxigraph"] = "0.0.1"
    (built.path / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    store, *_ = cache.open(sources)
    rebuilt = json.loads((built.path / "manifest.json").read_text("utf-8"))
    assert rebuilt["pyoxigraph"] != "0.0.1" and rebuilt["built"] > manifest["built"]
    assert len(store) == 2 and len(cache.built()) == 1


def test_store_info_and_clear(tmp_path):
    location = tmp_path / "store"
    run_process("--store", str(location), "stats")
    info = json.loads(invoke("--store", str(location), "store", "info", "--format", "json").stdout)
    assert info["location"] == str(location) and len(info["stores"]) == 1
    assert info["stores"][0]["sources"][0]["name"] == "schema.ttl"
    table = invoke("--store", str(location), "store", "info").stdout
    assert f"location: {location}" in table and "schema.ttl" in table
    cleared = invoke("--store", str(location), "store", "clear")
    assert cleared.exit_code == 0 and "removed 1 store" in cleared.stderr
    assert "no store built yet" in invoke("--store", str(location), "store", "info").stdout


@pytest.fixture(scope="module")
def persistent(tmp_path_factory) -> CareerGraph:
    return CareerGraph.open(persist=tmp_path_factory.mktemp("agree"))


@pytest.fixture(scope="module")
def reference() -> CareerGraph:
    return CareerGraph.open(engine="rdflib")


@pytest.mark.parametrize("name", [query.name for query in catalogue().queries])
def test_the_persistent_store_and_the_reference_engine_agree(persistent, reference, name):
    assert persistent.store.location != "memory"
    assert canonical(persistent.named_query(name)) == canonical(reference.named_query(name))


def _answers(graph: CareerGraph) -> tuple:
    """What the kept data serves: names, search, a profile's overlap, a path, a match."""
    return (
        graph.show("MLOps Architect").to_json(),
        graph.search("kubernetes").to_json(),
        graph.overlap(["Linux Guru", "Python Guru"]).to_json(),
        graph.path("Junior DevOps Engineer", "DevOps Architect").to_json(),
        graph.match(["Kubernetes", "Terraform"]).to_json(),
    )


def _keeping_everything(location: Path) -> tuple[Path, tuple, list[str]]:
    """A built store that keeps every kind of file a build can keep (its names in SQLite
    too): its folder, the answers it gives, and the files it kept."""
    from careergraph.graph.cache import kept

    StoreCache(location).clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kept, "NAMES_IN_SQLITE", 0)
        expected = _answers(CareerGraph.open(persist=location))
    (built,) = StoreCache(location).built()
    files = json.loads((built.path / "manifest.json").read_text("utf-8"))["kept"]
    assert set(files) == {kept.NAMES_FILE, kept.NAMES_TABLE, kept.CAREERS_FILE}
    return built.path, expected, files


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated"])
def test_damaged_kept_data_is_worked_out_again(tmp_path, damage):
    """A damaged marshal file fails its checksum and the store is built again; a damaged
    SQLite table is SQLite's to find, and the names are worked out again."""
    folder, expected, files = _keeping_everything(tmp_path)
    for name in files:  # each kept file in turn, the others whole
        original = (folder / name).read_bytes()
        damaged = {"garbage": b"not what it was", "empty": b"", "truncated": original[:40]}
        (folder / name).write_bytes(damaged[damage])
        assert _answers(CareerGraph.open(persist=tmp_path)) == expected, name
        folder, expected, files = _keeping_everything(tmp_path)


def test_a_planted_kept_file_runs_no_code(tmp_path):
    """Kept data is marshalled plain data: a pickle planted in its place is only damage."""
    import pickle

    location = tmp_path / "store"
    folder, expected, files = _keeping_everything(location)
    sentinel = tmp_path / "ran"

    class Planted:
        def __reduce__(self):
            return (open, (str(sentinel), "w"))

    for name in [*files, "careers.pickle"]:
        (folder / name).write_bytes(pickle.dumps(Planted()))
        assert _answers(CareerGraph.open(persist=location)) == expected, name
        folder, expected, files = _keeping_everything(location)
    assert not sentinel.exists()


def test_store_clear_racing_eight_readers_breaks_none(tmp_path):
    """Eight commands read (and, once cleared, rebuild) the store while store clear runs
    again and again: every reader ends 0 or with a clear exit 2, never an internal error."""
    env = {"CAREERGRAPH_STORE": str(tmp_path / "store")}
    assert run_process("stats", env=env).returncode == 0  # built once
    readers = [
        subprocess.Popen(
            [sys.executable, "-m", "careergraph", "overlap", "DevOps", "MLOps"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **env},
        )
        for _ in range(8)
    ]
    clears = [run_process("store", "clear", env=env) for _ in range(6)]
    ended = [(reader.wait(timeout=300), reader.stderr.read()) for reader in readers]
    for status, stderr in ended:
        assert status in (0, 2) and "internal error" not in stderr and "Traceback" not in stderr
    assert all(c.returncode == 0 and "removed" in c.stderr for c in clears)
    assert run_process("stats", env=env).returncode == 0  # and the store is whole after


def _built_store(location) -> Path:
    assert invoke("--store", str(location), "list", "roles").exit_code == 0
    (built,) = StoreCache(location).built()
    return built.path


@pytest.mark.parametrize(
    "damage, why",
    [
        (lambda m: [], "not an object"),
        (lambda m: {}, "lacks built"),
        (lambda m: {k: v for k, v in m.items() if k != "triples"}, "lacks triples"),
        (lambda m: {**m, "sources": "everything"}, "its sources is not a list"),
        (lambda m: {**m, "sources": [{"name": 1}]}, "its sources are not names"),
        (lambda m: {**m, "triples": m["triples"] + 1}, "not the sum"),
        (lambda m: {**m, "kept": ["../../elsewhere"]}, "not file names"),
    ],
)
def test_a_damaged_manifest_is_built_again_with_a_note(tmp_path, damage, why):
    folder = _built_store(tmp_path)
    manifest = folder / "manifest.json"
    manifest.write_text(json.dumps(damage(json.loads(manifest.read_text()))))
    expected = invoke("--no-store", "list", "roles").stdout
    result = invoke("--store", str(tmp_path), "list", "roles")
    assert result.exit_code == 0 and result.stdout == expected
    assert f"the store {folder} was damaged" in result.stderr and why in result.stderr
    again = invoke("--store", str(tmp_path), "list", "roles")
    assert again.stdout == expected and "damaged" not in again.stderr
    assert invoke("--store", str(tmp_path), "store", "info").exit_code == 0


@pytest.mark.parametrize("damage", ["truncated", "garbage", "missing"])
def test_a_damaged_snapshot_is_built_again(tmp_path, damage):
    folder = _built_store(tmp_path)
    snapshot = folder / "graph.nt"
    lines = snapshot.read_bytes().splitlines(keepends=True)
    if damage == "missing":
        snapshot.unlink()
    else:  # cut at a line's end, which parses: only the checksum tells
        snapshot.write_bytes(b"".join(lines[: len(lines) // 2]) if damage == "truncated" else
                             b"\x00garbage\n" * 100)  # fmt: skip
    expected = invoke("--no-store", "stats", "--format", "json").stdout
    result = invoke("--store", str(tmp_path), "stats", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["triples"] == json.loads(expected)["triples"]
    assert "graph.nt" in result.stderr and "building it again" in result.stderr


def test_store_folders_are_private_and_a_shared_one_is_refused(tmp_path):
    location = tmp_path / "new" / "store"
    _built_store(location)
    for folder in (location.parent, location, location / "graphs"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    location.chmod(0o777)
    result = run_process("--store", str(location), "overlap", "DevOps", "MLOps")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"the store at {location} can be written by others (mode 777)" in result.stderr
    (location / "graphs").chmod(0o775)
    location.chmod(0o700)
    result = run_process("--store", str(location), "list", "roles")
    assert result.returncode == 2 and "can be written by others (mode 775)" in result.stderr
