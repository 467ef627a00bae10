"""Ctrl-C and SIGTERM end a command with 130 and 143 (128 + the signal, as shells say it),
one line, no traceback, and nothing half-written."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest


@pytest.fixture(scope="module")
def slow_data(tmp_path_factory):
    """An N-Triples file that the rdflib engine takes seconds to read, in Python code that a
    signal interrupts at once."""
    path = tmp_path_factory.mktemp("slow") / "big.nt"
    lines = (f'<urn:s{i}> <urn:p{i % 50}> "value {i}" .' for i in range(150_000))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("sent", "status", "said"), [
    (signal.SIGINT, 130, "careergraph: interrupted\n"),
    (signal.SIGTERM, 143, "careergraph: terminated\n"),
])  # fmt: skip
def test_a_signal_ends_the_command_in_one_line_and_writes_nothing(
    tmp_path, slow_data, sent, status, said
):
    target = tmp_path / "out" / "graph.ttl"
    command = [sys.executable, "-m", "careergraph", "--engine", "rdflib", "--no-store",
               "--data", str(slow_data), "export", "ttl", "-o", str(target)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    process.send_signal(sent)
    _, err = process.communicate(timeout=120)
    assert process.returncode == status and err == said
    assert not target.parent.exists()  # no file, no temporary file, no folder
