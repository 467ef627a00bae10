"""careergraph import esco: the ESCO excerpt fixture (ESCO classification, European
Commission), and the full data where ../shared/data/esco/ is present."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, fill, invoke, run_process

from careergraph import CareerGraph

FULL = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco"
ESCO_ID = "http://data.europa.eu/esco/occupation/"


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """A store location with the excerpt imported."""
    location = tmp_path_factory.mktemp("esco-store")
    result = run_process("--store", str(location), "import", "esco", str(FIXTURES / "esco"))
    assert result.returncode == 0, result.stderr
    assert "imported" in result.stderr and "as dataset 'esco'" in result.stderr
    return location


def cli(location: Path, *args: str):
    return invoke("--store", str(location), *args)


def test_the_dataset_is_listed_and_part_of_the_graph(imported):
    listed = json.loads(cli(imported, "import", "list", "--format", "json").stdout)
    assert [d["name"] for d in listed] == ["esco"] and listed[0]["triples"] > 4000
    stats = json.loads(cli(imported, "stats", "--format", "json").stdout)
    assert "dataset:esco" in [s["name"] for s in stats["sources"]]
    counts = {c["label"]: c["count"] for c in stats["classes"]}
    assert counts["esco:Occupation"] == 23  # asserted types: the built-in roles are cg:Role


def test_esco_occupations_and_skills_in_esco_vocabulary(imported):
    shown = json.loads(cli(imported, "show", "data scientist", "--format", "json").stdout)
    assert shown["iri"].startswith(ESCO_ID) and shown["kind"] == "occupation"
    essential = shown["properties"]["esco:relatedEssentialSkill"]
    assert len(essential) > 10 and all(s["kind"] == "esco-skill" for s in essential)
    assert "data engineer" in [v["value"] for v in shown["properties"]["skos:altLabel"]]
    assert shown["properties"]["skos:broader"][0]["label"]  # its ISCO group, labelled


def test_labels_are_read_without_stray_spaces(imported):
    # the fixture keeps ESCO's "six sigma methods " (83 preferred labels end with a space)
    shown = json.loads(cli(imported, "show", "six sigma methods", "--format", "json").stdout)
    assert shown["label"] == "six sigma methods" and shown.get("rule") is None


def test_built_in_roles_link_to_close_occupations(imported):
    shown = json.loads(cli(imported, "show", "DevOps Engineer", "--format", "json").stdout)
    matches = [m["label"] for m in shown["properties"]["skos:closeMatch"]]
    assert matches == ["ICT change and configuration manager"]
    mlops = json.loads(cli(imported, "show", "MLOps Architect", "--format", "json").stdout)
    assert "skos:closeMatch" not in mlops["properties"]


def test_overlap_path_and_match_on_esco(imported):
    overlap = json.loads(cli(imported, "overlap", "software developer", "web developer",
                             "--format", "json").stdout)  # fmt: skip
    assert overlap["similarity"] > 0.2 and overlap["shared"]
    assert all(e["iri"].startswith("http://data.europa.eu/esco/skill/") for e in overlap["shared"])
    path = cli(imported, "path", "blockchain developer", "web developer", "--format", "json")
    assert path.exit_code == 0, path.stderr
    steps = json.loads(path.stdout)["paths"][0]["steps"]
    assert steps[-1]["to"]["label"] == "web developer"
    assert {step["relation"] for step in steps} == {"similar"}  # ESCO states no ladders
    graph = CareerGraph.open(persist=imported, imported=imported)

    needs = graph.careers.needs(graph.resolve("data scientist").iri)
    result = graph.match([f"<{iri}>" for iri in sorted(needs)])
    assert result.roles[0].role.label == "data scientist" and result.roles[0].missing == ()


def test_reimport_replaces_and_remove_removes(tmp_path):
    location = tmp_path / "store"
    for _ in range(2):
        assert cli(location, "import", "esco", str(FIXTURES / "esco")).exit_code == 0
    assert len(json.loads(cli(location, "import", "list", "--format", "json").stdout)) == 1
    removed = cli(location, "import", "remove", "esco")
    assert removed.exit_code == 0 and "removed dataset 'esco'" in removed.stderr
    assert cli(location, "import", "list").exit_code == 1
    assert cli(location, "import", "remove", "esco").exit_code == 1
    in_memory = invoke("--store", str(location), "--no-store", "show", "data scientist")
    assert in_memory.exit_code == 2  # removed: not in the graph, in memory or not


def test_imported_data_also_without_a_persistent_store(imported):
    result = invoke("--store", str(imported), "--no-store", "show", "data scientist")
    assert result.exit_code == 0 and "esco:Occupation" in result.stdout


def test_not_esco_data_is_refused(tmp_path):
    location = tmp_path / "store"
    assert cli(location, "import", "esco", str(FIXTURES / "esco")).exit_code == 0
    before = (location / "datasets" / "esco" / "data.nt").read_bytes()
    folder = tmp_path / "not-esco"
    folder.mkdir()
    (folder / "occupations_en.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = cli(location, "import", "esco", str(folder))
    assert result.exit_code == 2 and "not the ESCO CSV export" in result.stderr
    assert cli(location, "import", "esco", str(tmp_path / "missing")).exit_code == 2
    assert (location / "datasets" / "esco" / "data.nt").read_bytes() == before
    assert not list((location / "datasets").glob(".import-*"))


def test_a_truncated_zip_leaves_the_previous_import(tmp_path):
    location = tmp_path / "store"
    assert cli(location, "import", "esco", str(FIXTURES / "esco")).exit_code == 0
    archive = tmp_path / "esco.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as writing:
        for path in (FIXTURES / "esco").glob("*.csv"):
            writing.write(path, path.name)
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    result = cli(location, "import", "esco", str(truncated))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert cli(location, "show", "data scientist").exit_code == 0
    copy = tmp_path / "zips"
    copy.mkdir()
    shutil.copy(archive, copy / "esco.zip")
    assert cli(location, "import", "esco", str(copy)).exit_code == 0


def test_a_full_disk_while_importing_keeps_the_previous_import(small_disk):
    location = small_disk / "store"
    assert cli(location, "import", "esco", str(FIXTURES / "esco")).exit_code == 0
    assert cli(location, "show", "data scientist").exit_code == 0  # builds the store
    before = (location / "datasets" / "esco" / "data.nt").read_bytes()
    fill(small_disk)
    result = run_process("--store", str(location), "import", "esco", str(FIXTURES / "esco"))
    assert result.returncode == 2 and "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert (location / "datasets" / "esco" / "data.nt").read_bytes() == before
    assert not list((location / "datasets").glob(".import-*"))
    shown = run_process("--store", str(location), "show", "data scientist")
    assert shown.returncode == 0 and "data scientist" in shown.stdout


@pytest.mark.slow
@pytest.mark.skipif(not FULL.is_dir(), reason=f"the full ESCO data is not at {FULL}")
def test_the_full_esco_data(tmp_path):
    location = tmp_path / "store"
    result = run_process("--store", str(location), "import", "esco", str(FULL))
    assert result.returncode == 0, result.stderr
    listed = json.loads(cli(location, "import", "list", "--format", "json").stdout)
    assert listed[0]["triples"] > 300_000
    stats = json.loads(cli(location, "stats", "--format", "json").stdout)
    counts = {c["label"]: c["count"] for c in stats["classes"]}
    assert counts["esco:Occupation"] > 3000 and counts["esco:Skill"] > 13_000
    shown = cli(location, "show", "ICT change and configuration manager", "--format", "json")
    labels = json.loads(shown.stdout)["properties"]["skos:altLabel"]
    assert "devops engineer" in [label["value"].lower() for label in labels]
    # Site Reliability Engineer only contains "reliability engineer", a name of dependability
    # engineer (reliability of production equipment): a related match, and no move, as their
    # skills disagree. DevOps Engineer is ESCO's "DevOps engineer": a close match, and a move.
    site = json.loads(cli(location, "show", "Site Reliability Engineer", "--format", "json").stdout)
    related = [m["label"] for m in site["properties"]["skos:relatedMatch"]]
    assert related == ["dependability engineer"] and "skos:closeMatch" not in site["properties"]
    path = json.loads(cli(location, "path", "Site Reliability Engineer", "dependability engineer",
                          "--format", "json").stdout)  # fmt: skip
    assert "match" not in [step["relation"] for step in path["paths"][0]["steps"]]
    change_manager = "ICT change and configuration manager"
    devops = json.loads(cli(location, "path", "DevOps Engineer", change_manager,
                            "--format", "json").stdout)  # fmt: skip
    assert [step["relation"] for step in devops["paths"][0]["steps"]] == ["match"]


def _zip_of(tmp_path: Path, changed: dict[str, bytes], stored: bool = False) -> Path:
    """The fixture as one zip, with the files of ``changed`` replaced by those bytes."""
    archive = tmp_path / "esco.zip"
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(archive, "w", method) as writing:
        for path in sorted((FIXTURES / "esco").glob("*.csv")):
            writing.writestr(path.name, changed.get(path.name, path.read_bytes()))
    return archive


def _occupations() -> bytes:
    return (FIXTURES / "esco" / "occupations_en.csv").read_bytes()


def _latin_1_from_line(line: int) -> bytes:
    """The occupations, their rows from ``line`` on written in Latin-1 (an a-umlaut)."""
    lines = _occupations().splitlines(keepends=True)
    rest = b"".join(lines[line - 1 :]).replace(b"a", "\u00e4".encode("latin-1"))
    return b"".join(lines[: line - 1]) + rest


@pytest.mark.parametrize(
    "broken, message",
    [
        (
            lambda: {"occupations_en.csv": _latin_1_from_line(3)},
            "occupations_en.csv, line 3: not UTF-8 text (byte 0xe4)",
        ),
        (
            lambda: {
                "occupations_en.csv": _occupations().splitlines(keepends=True)[0]
                + b"http://data.europa.eu/esco/occupation/x,short\n"
            },
            "occupations_en.csv, line 2: a row of 2 fields where the header has",
        ),
        (
            lambda: {"skills_en.csv": b"conceptUri,label\nhttp://x/y,z\n"},
            "skills_en.csv, line 1: not the ESCO CSV export: no preferredLabel column",
        ),
    ],
    ids=["latin-1", "short row", "missing column"],
)
def test_a_broken_esco_file_is_named_with_its_line(tmp_path, broken, message):
    location = tmp_path / "store"
    result = cli(location, "import", "esco", str(_zip_of(tmp_path, broken())))
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (location / "datasets" / "esco").exists()


def test_a_zip_member_with_a_bad_crc_is_named(tmp_path):
    archive = _zip_of(tmp_path, {}, stored=True)
    data = bytearray(archive.read_bytes())
    at = data.index(b"http://data.europa.eu/esco/occupation/")
    data[at + 40] ^= 0x01  # one bit of a stored member: only its CRC tells
    archive.write_bytes(bytes(data))
    result = cli(tmp_path / "store", "import", "esco", str(archive))
    assert result.exit_code == 2 and "a damaged zip member (Bad CRC-32" in result.stderr
    assert "Traceback" not in result.stderr
