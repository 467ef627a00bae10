"""Every example of the README and of every command's --help works, on the built-in graph and
with the committed ESCO excerpt imported (ESCO classification, European Commission): names
that ESCO also carries (DevOps, Ansible, Linux...) still resolve to what the example means."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from careergraph.cli import COMMAND_MODULES, cli

README = Path(__file__).resolve().parents[1] / "README.md"


def _help_examples() -> list[str]:
    commands = [cli]
    for name in sorted(COMMAND_MODULES):
        command = cli.get_command(None, name)
        commands += [command, *getattr(command, "commands", {}).values()]
    found = []
    for command in commands:
        text = command.help or ""
        if "Example" in text:
            lines = text.split("Example", 1)[1].splitlines()
            found += [line.strip() for line in lines if line.strip().startswith("careergraph ")]
    return found


def _readme_examples() -> list[str]:
    found = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text("utf-8"), re.S):
        found += [line.split("  #")[0].strip() for line in block.splitlines()]
    return [line for line in found if line.startswith("careergraph ")]


EXAMPLES = sorted(set(_help_examples() + _readme_examples()))
# An endpoint needs a server: tests/test_endpoint.py starts one and runs these commands there.
NEEDS_A_SERVER = [e for e in EXAMPLES if "--endpoint" in e]


@pytest.fixture(scope="module", params=["built-in", "esco"])
def workplace(request, tmp_path_factory):
    """A folder with the files the examples name, and a store (ESCO imported, or not)."""
    folder = tmp_path_factory.mktemp(f"examples-{request.param}")
    for name in ("my-roles.ttl", "mine.ttl"):
        shutil.copy(FIXTURES / "extra-role.ttl", folder / name)
    (folder / "my-skills.txt").write_text("Kubernetes\nTerraform\n", "utf-8")
    shutil.copy(FIXTURES / "cv.txt", folder / "my-cv.txt")
    (folder / "my.rq").write_text("SELECT ?role WHERE { ?role a cg:Role }", "utf-8")
    (folder / "examples").mkdir()
    for where in (folder, folder / "examples"):  # as --help and the README name it
        shutil.copy(FIXTURES.parent.parent / "examples" / "job-architecture.csv", where)
    store = folder / "store"
    if request.param == "esco":
        imported = CliRunner().invoke(
            cli, ["--store", str(store), "import", "esco", str(FIXTURES / "esco")]
        )
        assert imported.exit_code == 0, imported.stderr
    return folder, store


def test_the_examples_are_found():
    assert len(_help_examples()) >= 20 and len(_readme_examples()) >= 15


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e not in NEEDS_A_SERVER])
def test_every_example_works(workplace, example, monkeypatch):
    folder, store = workplace
    monkeypatch.chdir(folder)
    args = shlex.split(example)[1:]
    if args[:2] == ["import", "esco"]:  # into a store of its own: the others stay as they are
        args[2] = str(FIXTURES / "esco")
        store = folder / "scratch-store"
    if args[:2] == ["import", "roles"] or "acme" in args:  # a job architecture's: its own
        store = folder / "roles-store"
    result = CliRunner().invoke(cli, ["--store", str(store), *args])
    assert result.exit_code == 0, f"{example}\n{result.stderr}"
    assert "Traceback" not in result.stderr
