"""Long work says what it is doing: the first build after an import and a big export, on
stderr (a line rewritten in a terminal, a note line elsewhere); short work says nothing."""

from __future__ import annotations

import io

from conftest import FIXTURES, run_process

from careergraph.cli.context import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_first_build_after_an_import_says_so_and_later_runs_do_not(tmp_path):
    store = str(tmp_path / "store")
    assert run_process("--store", store, "stats").stderr == ""  # the built-in graph: quick
    assert run_process("--store", store, "import", "esco", str(FIXTURES / "esco")).returncode == 0
    first = run_process("--store", store, "stats")
    lines = first.stderr.splitlines()
    assert (
        first.returncode == 0
        and lines[0] == "careergraph: building the store: reading schema.ttl..."
    )
    assert lines[-1].startswith("careergraph: built the store in ") and len(lines) == 2
    assert run_process("--store", store, "stats").stderr == ""  # kept: nothing to build


def test_in_a_terminal_one_line_is_rewritten_and_ended():
    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        progress = Progress(stream)
        for stage in ("reading a", "reading b"):
            progress(stage, False)
        progress("built", True)
    assert terminal.getvalue().count("\n") == 1 and terminal.getvalue().count("\r\x1b[K") == 3
    assert terminal.getvalue().endswith("careergraph: built\n")
    assert log.getvalue() == "careergraph: reading a...\ncareergraph: built\n"
