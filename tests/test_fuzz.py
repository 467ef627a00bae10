"""The command line under random input: bytes and mutated valid files for every --data
format and for mind maps, random queries and -p values, random option values. Whatever comes
in, the command exits 0, 1 or 2 within a bound, with no traceback and no "internal error",
and a failing command changes neither the store nor the file -o names.

A short run in CI; ``pytest tests/test_fuzz.py --hypothesis-profile=long
--hypothesis-show-statistics`` tries thousands of inputs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import FIXTURES, invoke
from hypothesis import given
from hypothesis import strategies as st

from careergraph.graph.store.formats import FORMATS

BOUND = 30.0  # seconds per command: far above what any refused input takes

_SAMPLES = {
    "ttl": (FIXTURES / "extra-role.ttl").read_bytes(),
    "nt": b'<urn:a> <urn:p> "x"@en .\n<urn:a> <urn:q> _:b .\n'
    b'_:b <urn:r> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
    "jsonld": b'{"@context": {"p": "urn:p"}, "@id": "urn:a", "p": [{"@id": "urn:b"}, "x"]}',
    "rdfxml": b'<?xml version="1.0"?><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="urn:e#">'
    b'<rdf:Description rdf:about="urn:x"><e:p>1</e:p></rdf:Description></rdf:RDF>',
    "nq": b'<urn:a> <urn:p> "x" <urn:g> .\n',
    "trig": b"<urn:g> { <urn:a> <urn:p> <urn:b> . }\n",
    "n3": b"<urn:a> <urn:p> <urn:b> .\n",
    "trix": b'<TriX xmlns="http://www.w3.org/2004/03/trix/trix-1/"><graph><triple>'
    b"<uri>urn:a</uri><uri>urn:p</uri><plainLiteral>x</plainLiteral></triple></graph></TriX>",
    "hext": b'["urn:a", "urn:p", "x", "http://www.w3.org/2001/XMLSchema#string", "", ""]\n',
    "mmd": b"mindmap\n  root((Careers))\n    DevOps\n      Kubernetes\n    MLOps\n",
}
_QUERY = "SELECT ?role ?label WHERE { ?role a cg:Role ; skos:prefLabel ?label } LIMIT 5"


@st.composite
def _mutated(draw, sample: bytes) -> bytes:
    """``sample`` with bytes replaced, inserted, deleted, or cut short."""
    out = bytearray(sample)
    for _ in range(draw(st.integers(1, 8))):
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        action = draw(st.sampled_from(["replace", "insert", "delete", "cut"]))
        byte = draw(st.sampled_from(list(b'<>"{}[]()@:;.,\\#_\n\x00\xff\xe4 a1')))
        if action == "replace":
            out[at] = byte
        elif action == "insert":
            out.insert(at, byte)
        elif action == "delete":
            del out[at]
        else:
            del out[at:]
    return bytes(out)


def _contents(name: str) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=400), _mutated(_SAMPLES[name]))


def check(result, started: float) -> None:
    assert time.monotonic() - started < BOUND
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def _store_files(location: Path) -> dict[str, int]:
    return {
        str(p.relative_to(location)): p.stat().st_size
        for p in location.rglob("*")
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.mark.parametrize("name", sorted(_SAMPLES))
@given(data=st.data())
def test_any_data_file(tmp_path, name, data):
    content = data.draw(_contents(name))
    path = tmp_path / f"fuzz{FORMATS[name].extensions[0]}"
    path.write_bytes(content)
    engine = data.draw(st.sampled_from(["oxigraph", "rdflib"]))
    command = data.draw(st.sampled_from([("stats",), ("list", "roles"), ("query", _QUERY)]))
    started = time.monotonic()
    args = ("--no-builtin", "--no-store", "--engine", engine, "--data", str(path), *command)
    check(invoke(*args), started)


@given(content=_contents("ttl"))
def test_a_failing_data_file_changes_neither_store_nor_output(tmp_path_factory, content):
    location = tmp_path_factory.mktemp("fuzz-store")
    data = location.parent / f"{location.name}.ttl"
    data.write_bytes(content)
    output = location.parent / f"{location.name}.out"
    output.write_bytes(b"what was there")
    before = _store_files(location)
    started = time.monotonic()
    args = ("--store", str(location), "--no-builtin", "--data", str(data))
    result = invoke(*args, "export", "nt", "-o", str(output))
    check(result, started)
    if result.exit_code != 0:
        assert output.read_bytes() == b"what was there"
        assert _store_files(location) == before


_SPARQL_WORDS = st.sampled_from(
    [
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "WHERE",
        "FILTER",
        "OPTIONAL",
        "UNION",
        "GRAPH",
        "SERVICE",
        "VALUES",
        "BIND",
        "GROUP",
        "BY",
        "ORDER",
        "LIMIT",
        "OFFSET",
        "PREFIX",
        "BASE",
        "?s",
        "?p",
        "?o",
        "{",
        "}",
        "(",
        ")",
        ".",
        ";",
        ",",
        "*",
        "a",
        "cg:Role",
        "skos:prefLabel",
        "<urn:x>",
        "'x'",
        '"y"@en',
        "1",
        "2.5",
        "COUNT(",
        "STR(",
        "REGEX(",
        "INSERT",
        "DELETE",
        "DATA",
        "LOAD",
        "#",
        "\\",
    ]
)


@given(
    text=st.one_of(
        st.text(max_size=200),
        st.lists(_SPARQL_WORDS, max_size=30).map(" ".join),
    ),
    output=st.sampled_from(["table", "json", "xml", "csv", "tsv", "md"]),
)
def test_any_query(text, output):
    started = time.monotonic()
    check(invoke("--timeout", "10", "query", text, "--format", output), started)


@given(
    name=st.sampled_from(["role-skills", "salary-bands", "tool-roles", "career-ladder"]),
    key=st.sampled_from(["role", "track", "tool", "x", ""]),
    value=st.text(max_size=60),
)
def test_any_parameter(name, key, value):
    started = time.monotonic()
    check(invoke("query", "-n", name, "-p", f"{key}={value}"), started)


_VALUES = st.one_of(
    st.sampled_from(["0", "-1", "1e309", "inf", "nan", "-0", "1" * 40, "", "x", "0x10"]),
    st.integers(-(10**6), 10**6).map(str),
    st.floats(allow_nan=True).map(str),
)


@given(
    command=st.sampled_from(
        [
            ("--timeout", "{}", "query", "ASK {}"),
            ("path", "Junior Linux Admin", "MLOps Engineer", "-k", "{}"),
            ("path", "Junior Linux Admin", "MLOps Engineer", "--max-steps", "{}"),
            ("match", "Kubernetes", "--limit", "{}"),
            ("similar", "DevOps Engineer", "--limit", "{}"),
            ("export", "html", "--max-nodes", "{}", "-o", "-"),
            ("list", "roles", "--track", "{}"),
            ("show", "{}"),
        ]
    ),
    value=st.one_of(_VALUES, st.text(max_size=40)),
)
def test_any_option_value(command, value):
    args = [part.replace("{}", value) if part == "{}" else part for part in command]
    started = time.monotonic()
    check(invoke(*args), started)
