"""-o writes to what the path names, and only there: a regular file atomically, a device or a
FIFO as a stream, a symbolic link's target; never a rename over anything but a regular file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import invoke


def export_to(path) -> tuple[int, str]:
    result = invoke("export", "nt", "-o", str(path))
    return result.exit_code, result.stderr


def test_a_regular_file_is_written_whole(tmp_path):
    target = tmp_path / "graph.nt"
    target.write_text("old", "utf-8")
    code, _ = export_to(target)
    assert code == 0 and target.read_bytes().count(b"\n") > 2000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nt"]  # no temporary left


def test_a_symbolic_link_is_followed_and_stays_a_link(tmp_path):
    real = tmp_path / "real.nt"
    real.write_text("old", "utf-8")
    link = tmp_path / "link.nt"
    link.symlink_to(real)
    code, _ = export_to(link)
    assert code == 0 and link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().count(b"\n") > 2000


def test_a_fifo_is_written_as_a_stream(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _ = export_to(fifo)
    reader.join(30)
    assert code == 0 and stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].count(b"\n") > 2000


def device_node(path, minor: int):
    """A memory device of the test's own (1,3 null; 1,7 full), never the machine's: making
    one needs root, as CI has; skipped elsewhere."""
    made = subprocess.run(
        ["mknod", str(path), "c", "1", str(minor)], capture_output=True, text=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot make a device node here: {made.stderr.strip()}")
    return path


def test_a_device_is_written_to_and_stays_a_device(tmp_path):
    device = device_node(tmp_path / "null", 3)
    code, _ = export_to(device)
    assert code == 0 and stat.S_ISCHR(os.stat(device).st_mode)


def test_dev_stdout_gets_the_content():
    result = subprocess.run(
        [sys.executable, "-m", "careergraph", "export", "nt", "-o", "/dev/stdout"],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0 and result.stdout.count(b"\n") > 2000
    assert stat.S_ISCHR(os.stat("/dev/stdout").st_mode) or os.path.islink("/dev/stdout")


def test_a_full_device_is_an_error_and_no_wrote(tmp_path):
    device = device_node(tmp_path / "full", 7)
    code, stderr = export_to(device)
    assert code == 2 and "cannot write" in stderr and "wrote" not in stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)


# ---- every XML output is well-formed, or refused --------------------------------------------

XML_OUTPUTS = [
    ("export", "rdfxml"),
    ("export", "graphml"),
    ("export", "gexf"),
    ("query", "SELECT ?r ?l WHERE { ?r skos:prefLabel ?l }", "--format", "xml"),
]


def _role_labelled(tmp_path, label: str) -> Path:
    data = tmp_path / "labelled.ttl"
    data.write_text(
        "@prefix cg: <https://w3id.org/careergraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/careergraph/id/role/odd> a cg:Role ;\n"
        f'  skos:prefLabel "{label}" ; cg:track <https://w3id.org/careergraph/id/track/devops> .\n',
        "utf-8",
    )
    return data


@pytest.mark.parametrize("args", XML_OUTPUTS, ids=lambda a: a[1][:6] if a[0] == "export" else "srx")
def test_xml_outputs_parse_with_every_character_xml_can_carry(tmp_path, args):
    import xml.dom.minidom

    # Turtle escapes: tab, line feed, carriage return, NEL, a quote, an emoji and a BOM.
    label = r"tab\t line\n cr\r nel\u0085 amp & lt < quote \" emoji \U0001F600 bom \uFEFF"
    data = _role_labelled(tmp_path, label)
    target = tmp_path / "out.xml"
    result = invoke("--data", str(data), *args, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    xml.dom.minidom.parse(str(target))  # a conformant parser reads it


@pytest.mark.parametrize("args", XML_OUTPUTS, ids=lambda a: a[1][:6] if a[0] == "export" else "srx")
@pytest.mark.parametrize("code", [0x01, 0x07, 0x1B, 0x1F, 0xFFFE])
def test_xml_outputs_refuse_what_xml_cannot_carry_and_name_the_entity(tmp_path, args, code):
    data = _role_labelled(tmp_path, f"odd \\u{code:04X} role")
    target = tmp_path / "out.xml"
    result = invoke("--data", str(data), *args, "-o", str(target))
    assert result.exit_code == 2 and not target.exists()
    assert f"cannot carry U+{code:04X}" in result.stderr
    assert "role/odd" in result.stderr or "?l" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
