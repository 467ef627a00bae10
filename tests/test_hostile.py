"""Hostile inputs: files that never end, parser bombs, options that do not bound, output that
cannot be written. Each is one clear error line and a non-zero exit, within a time bound,
and nothing else changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from conftest import invoke, run_process

BOUND = 20.0  # seconds: far more than any of these takes when it is refused at once


def refused(result, *words: str, status: int = 2) -> None:
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def timed(*args: str, **kwargs):
    started = time.monotonic()
    result = run_process(*args, **kwargs)
    assert time.monotonic() - started < BOUND
    return result


@pytest.mark.parametrize("option", ["--data", "--skills-file"])
def test_a_fifo_is_refused_at_once(tmp_path, option):
    fifo = tmp_path / "never.ttl"
    os.mkfifo(fifo)
    args = ("--data", str(fifo), "stats") if option == "--data" else ("match", option, str(fifo))
    refused(timed(*args), f"{fifo}: not a regular file (a FIFO)")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_behind_a_data_file_name_is_refused(tmp_path, device):
    link = tmp_path / "endless.nt"
    link.symlink_to(device)
    refused(timed("--data", str(link), "stats"), "not a regular file (a device)")


def test_a_symlink_loop_is_a_clear_error(tmp_path):
    (tmp_path / "a.ttl").symlink_to(tmp_path / "b.ttl")
    (tmp_path / "b.ttl").symlink_to(tmp_path / "a.ttl")
    refused(timed("--data", str(tmp_path / "a.ttl"), "stats"), "a loop of symbolic links")


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    big = tmp_path / "big.nt"
    big.write_bytes(b"<urn:a> <urn:p> <urn:b> .\n" * 50_000)  # 1.3 MB
    env = {**os.environ, "CAREERGRAPH_MAX_FILE_MB": "1"}
    refused(timed("--data", str(big), "stats", env=env), "more than the 1 MB", "MAX_FILE_MB")
    env["CAREERGRAPH_MAX_FILE_MB"] = "2"
    assert run_process("--data", str(big), "stats", env=env).returncode == 0


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("shape", ["laughs", "quadratic"])
def test_xml_entities_are_refused_before_any_parser(tmp_path, engine, shape):
    if shape == "laughs":
        entities = '<!ENTITY a0 "ha">' + "".join(
            f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
        )
        use = "&a9;"
    else:
        entities = f'<!ENTITY big "{"x" * 100_000}">'
        use = "&big;" * 10_000
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [{entities}]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="urn:e#">'
        f'<rdf:Description rdf:about="urn:x"><e:p>{use}</e:p></rdf:Description></rdf:RDF>'
    )
    result = timed("--engine", engine, "--no-store", "--data", str(bomb), "stats")
    refused(result, f"{bomb}: it declares XML entities")


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_deeply_nested_json_ld_is_refused(tmp_path, engine):
    deep = tmp_path / "deep.jsonld"
    deep.write_text('{"@id": "urn:x", "urn:p": ' + "[" * 5000 + "1" + "]" * 5000 + "}")
    result = timed("--engine", engine, "--no-store", "--data", str(deep), "stats")
    refused(result, "it nests 5001 levels deep; careergraph reads at most 200")


@pytest.mark.parametrize("value", ["inf", "nan", "-inf"])
def test_timeout_must_be_finite(value):
    result = invoke("--timeout", value, "query", "ASK {}")
    assert result.exit_code == 2 and "--timeout" in result.stderr


def test_k_is_bounded():
    result = invoke("path", "Junior Linux Admin", "MLOps Engineer", "-k", "100000")
    assert result.exit_code == 2 and "-k must be from 1 to 50" in result.stderr


def test_a_full_device_on_stdout_is_an_error():
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "careergraph", "list", "roles"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    refused(result, "standard output: cannot write (No space left on device)")


def test_a_closed_stdout_is_an_error_not_a_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "careergraph", "list", "roles"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),
    )
    refused(result, "standard output is closed")


def test_export_to_a_full_device_says_so(tmp_path):
    result = run_process("export", "ttl", "-o", "/dev/full")
    refused(result, "/dev/full: cannot write")
    assert "wrote" not in result.stderr
    assert json.loads(run_process("stats", "--format", "json").stdout)["triples"] > 0


def test_a_store_path_too_long_for_the_system_is_a_clear_error():
    result = run_process("--store", "/tmp/" + "x" * 5000, "list", "roles")
    refused(result, "cannot use the store at /tmp/xxx", "File name too long")
    assert len(result.stderr) < 300


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_deeply_nested_rdf_xml_is_refused_at_once(tmp_path, engine):
    """50,000 levels took pyoxigraph 16 s (the time grows with the square of the depth)."""
    deep = tmp_path / "deep.rdf"
    levels = 50_000
    deep.write_text(
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:e="urn:e#"><rdf:Description rdf:about="urn:x">'
        + "<e:p><rdf:Description>" * levels
        + "</rdf:Description></e:p>" * levels
        + "</rdf:Description></rdf:RDF>"
    )
    result = timed("--engine", engine, "--no-store", "--data", str(deep), "stats")
    refused(result, "it nests 100002 levels deep; careergraph reads at most 200")
