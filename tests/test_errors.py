"""Errors in the library's words, and in the command line's: the same fault, named as the
Python parameter by the library and as the flag by the CLI, with the CLI's exit status."""

from __future__ import annotations

import socket

import pytest
from conftest import invoke

from careergraph import CareerGraph
from careergraph.errors import (
    AmbiguousNameError,
    CareerGraphError,
    EndpointUnreachableError,
    NoPathError,
    NotFoundError,
    ParameterError,
    UnknownNameError,
    WrongKindError,
)


@pytest.mark.parametrize(
    "call, parameter, flag, args",
    [
        (dict(k=0), "k", "-k", ("-k", "0")),
        (dict(max_steps=0), "max_steps", "--max-steps", ("--max-steps", "0")),
        (dict(via=["teleport"]), "via", "--via", ("--via", "teleport")),
    ],
)
def test_a_bad_parameter_is_named_as_the_parameter_and_as_the_flag(
    graph, call, parameter, flag, args
):
    with pytest.raises(ParameterError) as raised:
        graph.path("Junior DevOps Engineer", "DevOps Architect", **call)
    assert raised.value.parameter == parameter
    assert str(raised.value).startswith(f"{parameter} ") and "--" not in str(raised.value)
    result = invoke("path", "Junior DevOps Engineer", "DevOps Architect", *args)
    assert result.exit_code == 2 and f"error: {flag} " in result.stderr


def test_k_zero_says_k_in_python(graph):
    with pytest.raises(ParameterError, match=r"^k must be from 1 to 50$"):
        graph.path("Junior DevOps Engineer", "DevOps Architect", k=0)


def test_names_raise_what_went_wrong(graph):
    with pytest.raises(UnknownNameError) as unknown:
        graph.resolve("Chief Kubernetes Whisperer")
    assert isinstance(unknown.value.candidates, list)
    with pytest.raises(WrongKindError) as wrong:
        graph.path("Kubernetes", "DevOps Architect")
    assert wrong.value.kind == "tool" and wrong.value.expected == "a role"
    ambiguous = CareerGraph.open()
    ambiguous.names.names.setdefault("twin", []).extend(
        [(1, "urn:twin:a", "Twin"), (1, "urn:twin:b", "Twin")]
    )
    ambiguous.names.labels.update({"urn:twin:a": "Twin", "urn:twin:b": "Twin"})
    with pytest.raises(AmbiguousNameError) as raised:
        ambiguous.resolve("twin")
    assert len(raised.value.candidates) == 2


def test_no_path_is_a_not_found_answer(tmp_path):
    lonely = tmp_path / "lonely.ttl"
    lonely.write_text(
        "@prefix cg: <https://w3id.org/careergraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<urn:a> a cg:Role ; skos:prefLabel "Island A" .\n'
        '<urn:b> a cg:Role ; skos:prefLabel "Island B" .\n',
        encoding="utf-8",
    )
    graph = CareerGraph.open([lonely], builtin=False)
    with pytest.raises(NoPathError) as raised:
        graph.path("Island A", "Island B")
    assert isinstance(raised.value, NotFoundError)
    result = invoke("--data", str(lonely), "--no-builtin", "path", "Island A", "Island B")
    assert result.exit_code == 1 and "no path from Island A to Island B" in result.stderr
    assert "Island A has no viable first move" in result.stderr  # and says why


def test_a_search_that_finds_nothing_is_empty_and_the_command_exits_1(graph):
    assert graph.search("zzzz qqqq xxxx").hits == ()
    result = invoke("search", "zzzz qqqq xxxx")
    assert result.exit_code == 1 and "nothing matches" in result.stderr


def test_an_endpoint_that_is_down_is_unreachable():
    with socket.socket() as probe:  # a port nobody listens on: bound, never listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        graph = CareerGraph.connect(f"http://127.0.0.1:{port}/query", timeout=5)
        with pytest.raises(EndpointUnreachableError) as raised:
            graph.stats()
    assert raised.value.url.endswith("/query") and isinstance(raised.value, CareerGraphError)
