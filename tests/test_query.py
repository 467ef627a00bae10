"""careergraph query: inline, from files and stdin, result formats read back, bad input."""

from __future__ import annotations

import csv
import io
import json
import time
import xml.etree.ElementTree as ET

import pyoxigraph
import pytest
import rdflib
from conftest import invoke, run_process
from rdflib.query import Result as RdflibResult

from careergraph import CareerGraph
from careergraph.errors import BadInputError

SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"
MLOPS_SENIOR = (
    "SELECT ?role ?label WHERE { ?role cg:track track:mlops ; cg:level level:senior ; "
    "skos:prefLabel ?label } ORDER BY ?label"
)
MLOPS_SENIOR_LABELS = ["AI Infrastructure Lead", "ML Platform Architect", "MLOps Architect"]


def run(*args: str, stdin: str | None = None):
    from click.testing import CliRunner

    from careergraph.cli import cli

    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


# ---- the three ways to give a query ----------------------------------------------------------


def test_inline_query_with_predeclared_prefixes():
    result = invoke("query", MLOPS_SENIOR)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["role", "label"]
    assert [line.split(None, 1)[1].strip() for line in lines[2:]] == MLOPS_SENIOR_LABELS


def test_query_from_file_and_from_stdin(tmp_path):
    path = tmp_path / "senior.rq"
    path.write_text(MLOPS_SENIOR, encoding="utf-8")
    from_file = invoke("query", "-f", str(path), "--format", "json")
    from_stdin = run("query", "-f", "-", "--format", "json", stdin=MLOPS_SENIOR)
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert json.loads(from_file.stdout) == json.loads(from_stdin.stdout)
    labels = [b["label"]["value"] for b in json.loads(from_file.stdout)["results"]["bindings"]]
    assert labels == MLOPS_SENIOR_LABELS


def test_named_query_with_a_parameter():
    result = invoke("query", "-n", "career-ladder", "-p", "track=DevOps", "--format", "json")
    bindings = json.loads(result.stdout)["results"]["bindings"]
    ranks = [int(b["rank"]["value"]) for b in bindings]
    assert ranks == sorted(ranks) and ranks[0] == 1 and ranks[-1] == 3
    assert {b["roleLabel"]["value"] for b in bindings} >= {
        "Junior DevOps Engineer",
        "DevOps Architect",
    }


def test_exactly_one_query_is_needed():
    assert invoke("query").exit_code == 2
    both = invoke("query", "ASK {}", "-n", "salary-bands")
    assert both.exit_code == 2 and "exactly one" in both.stderr


# ---- result formats, read back ----------------------------------------------------------------


@pytest.fixture(scope="module")
def certifications() -> dict[str, str]:
    """The certifications-by-cost answer in every SELECT format."""
    outputs = {}
    for name in ("table", "json", "xml", "csv", "tsv", "md"):
        result = invoke("query", "-n", "certifications-by-cost", "--format", name)
        assert result.exit_code == 0, result.stderr
        outputs[name] = result.stdout_bytes.decode("utf-8")  # .stdout would drop the CRs
    return outputs


def test_json_follows_the_w3c_structure(certifications):
    document = json.loads(certifications["json"])
    assert set(document) == {"head", "results"}
    variables = document["head"]["vars"]
    assert variables[:3] == ["certification", "certificationLabel", "trackLabel"]
    first = document["results"]["bindings"][0]
    assert first["certification"] == {
        "type": "uri",
        "value": "https://w3id.org/careergraph/id/certification/google-python-cert",
    }
    assert first["lowest"] == {
        "type": "literal",
        "value": "49",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert first["per"] == {"type": "literal", "value": "month"}
    # An unbound variable is left out of its binding, as the format says.
    pcep = document["results"]["bindings"][1]
    assert pcep["certificationLabel"]["value"] == "PCEP" and "per" not in pcep


def test_xml_follows_the_w3c_structure(certifications):
    root = ET.fromstring(certifications["xml"].encode("utf-8"))
    assert root.tag == f"{SPARQL_RESULTS}sparql"
    variables = [v.get("name") for v in root.find(f"{SPARQL_RESULTS}head")]
    assert variables[:2] == ["certification", "certificationLabel"]
    results = root.find(f"{SPARQL_RESULTS}results").findall(f"{SPARQL_RESULTS}result")
    assert len(results) == 8
    bindings = {b.get("name"): b[0] for b in results[0]}
    assert bindings["certification"].tag == f"{SPARQL_RESULTS}uri"
    assert bindings["lowest"].get("datatype") == "http://www.w3.org/2001/XMLSchema#integer"
    assert bindings["lowest"].text == "49"


def test_csv_and_tsv_rows_and_headers(certifications):
    rows = list(csv.reader(io.StringIO(certifications["csv"], newline="")))
    assert rows[0] == ["certification", "certificationLabel", "trackLabel", "lowest", "highest",
                       "currency", "per"]  # fmt: skip
    assert rows[1][:5] == [
        "https://w3id.org/careergraph/id/certification/google-python-cert",
        "Google Python Cert",
        "Python Expertise",
        "49",
        "49",
    ]
    assert certifications["csv"].endswith("\r\n") and "\r\n" in certifications["csv"][:100]
    tsv = certifications["tsv"].splitlines()
    assert tsv[0].split("\t")[:3] == ["?certification", "?certificationLabel", "?trackLabel"]
    first = tsv[1].split("\t")
    assert first[0] == "<https://w3id.org/careergraph/id/certification/google-python-cert>"
    assert first[1] == '"Google Python Cert"'
    assert first[3] == '"49"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert len(tsv) == 9


@pytest.mark.parametrize("name", ["json", "xml", "csv", "tsv"])
def test_standard_readers_read_our_results(certifications, tmp_path, name):
    """rdflib's and pyoxigraph's SPARQL results parsers read what we write."""
    parsed = RdflibResult.parse(io.BytesIO(certifications[name].encode("utf-8")), format=name)
    rows = list(parsed)
    assert len(rows) == 8
    assert str(rows[0][0]) == "https://w3id.org/careergraph/id/certification/google-python-cert"
    if name != "csv":  # CSV is lossy; pyoxigraph does not read it
        path = tmp_path / f"results.{name}"
        path.write_text(certifications[name], encoding="utf-8")
        solutions = pyoxigraph.parse_query_results(
            path=path, format=getattr(pyoxigraph.QueryResultsFormat, name.upper())
        )
        assert solutions.variables[0].value == "certification"
        assert len(list(solutions)) == 8


def test_markdown_and_table(certifications):
    md = certifications["md"].splitlines()
    assert md[0].startswith("| certification | certification label |")  # variables in words
    assert md[1].startswith("| --- |")
    assert "| certification:pcep | PCEP |" in md[3]
    assert "certification:lpic" in certifications["table"]
    assert certifications["table"].split()[:5] == [
        "certification",
        "certification",
        "label",
        "track",
        "label",
    ]
    assert "certificationLabel" in certifications["csv"]  # the W3C formats keep the names


@pytest.mark.parametrize("name", ["json", "xml", "csv", "tsv"])
def test_ask_in_every_format(name):
    yes = invoke("query", "ASK { role:mlops-architect a cg:Role }", "--format", name).stdout
    no = invoke("query", "ASK { role:mlops-architect a cg:Tool }", "--format", name).stdout
    if name == "json":
        assert json.loads(yes) == {"head": {}, "boolean": True}
        assert json.loads(no)["boolean"] is False
    elif name == "xml":
        assert ET.fromstring(yes).find(f"{SPARQL_RESULTS}boolean").text == "true"
        assert ET.fromstring(no).find(f"{SPARQL_RESULTS}boolean").text == "false"
    else:
        assert (yes.strip(), no.strip()) == ("true", "false")


CONSTRUCT = "CONSTRUCT { ?role cg:track ?track } WHERE { ?role a cg:Role ; cg:track ?track }"


@pytest.mark.parametrize(
    "name, rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")]
)
def test_construct_results_parse_into_graphs(name, rdflib_format):
    result = invoke("query", CONSTRUCT, "--format", name)
    assert result.exit_code == 0, result.stderr
    graph = rdflib.Graph().parse(data=result.stdout, format=rdflib_format)
    assert len(graph) == 28
    role = rdflib.URIRef("https://w3id.org/careergraph/id/role/linux-guru")
    assert graph.value(role, rdflib.URIRef("https://w3id.org/careergraph/ontology#track")) == (
        rdflib.URIRef("https://w3id.org/careergraph/id/track/linux")
    )


def test_construct_defaults_to_turtle_and_describe_works():
    result = invoke("query", CONSTRUCT)
    assert "@prefix" in result.stdout
    described = invoke("query", "DESCRIBE role:mlops-architect", "--format", "nt")
    graph = rdflib.Graph().parse(data=described.stdout, format="nt")
    subject = rdflib.URIRef("https://w3id.org/careergraph/id/role/mlops-architect")
    assert (subject, rdflib.SKOS.prefLabel, rdflib.Literal("MLOps Architect")) in graph


def test_a_format_that_does_not_fit_the_query_form():
    result = invoke("query", CONSTRUCT, "--format", "csv")
    assert result.exit_code == 2 and "CONSTRUCT" in result.stderr and "ttl" in result.stderr
    result = invoke("query", MLOPS_SENIOR, "--format", "ttl")
    assert result.exit_code == 2 and "SELECT" in result.stderr


def test_output_file_is_written_whole(tmp_path):
    target = tmp_path / "answer.json"
    result = invoke("query", MLOPS_SENIOR, "--format", "json", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(json.loads(target.read_text("utf-8"))["results"]["bindings"]) == 3
    bad = invoke("query", "SELECT WHERE {", "-o", str(tmp_path / "no" / "bad.json"))
    assert bad.exit_code == 2 and not (tmp_path / "no").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answer.json"]


def test_no_solutions_is_exit_1_with_an_empty_document():
    result = invoke("query", "SELECT ?x WHERE { ?x a cg:NoSuchClass }", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"head": {"vars": ["x"]}, "results": {"bindings": []}}
    assert "no solutions" in result.stderr


# ---- bad input ----------------------------------------------------------------------------------


def test_syntax_error_names_line_column_and_text():
    text = "SELECT ?role WHERE {\n  ?role a cg:Role .\n  ?role cg:track ?t\n  LIMT 10 }"
    result = invoke("query", text)
    assert result.exit_code == 2
    assert "line 4, column 3" in result.stderr and '"LIMT 10 }"' in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_unknown_prefix_is_named():
    result = invoke("query", "SELECT * WHERE { ?x foo:bar ?y }")
    assert result.exit_code == 2 and "unknown prefix foo:" in result.stderr


def test_unknown_named_query_lists_the_catalogue():
    result = invoke("query", "-n", "no-such-query")
    assert result.exit_code == 2
    assert "no named query 'no-such-query'" in result.stderr
    assert "salary-bands" in result.stderr and "role-skills" in result.stderr


@pytest.mark.parametrize("parameter", ["role", "=MLOps", "role:MLOps"])
def test_malformed_parameter_is_a_usage_error(parameter):
    result = invoke("query", "-n", "role-skills", "-p", parameter)
    assert result.exit_code == 2 and "KEY=VALUE" in result.stderr


def test_parameter_the_query_does_not_take():
    result = invoke("query", "-n", "role-skills", "-p", "colour=blue")
    assert (
        result.exit_code == 2
        and "no parameter 'colour'" in result.stderr
        and "role" in result.stderr
    )
    inline = invoke("query", MLOPS_SENIOR, "-p", "colour=blue")
    assert inline.exit_code == 2 and "no variable ?colour" in inline.stderr


def test_a_typed_parameter_checks_its_value():
    result = invoke("query", "-n", "role-skills", "-p", "role=Kubernetes")
    assert result.exit_code == 2 and "'Kubernetes' is a tool, not a role" in result.stderr
    unknown = invoke("query", "-n", "role-skills", "-p", "role=Chief Whisperer")
    assert unknown.exit_code == 2 and "no role named 'Chief Whisperer'" in unknown.stderr
    result = invoke("query", "-n", "certifications-by-cost", "-p", "max_cost=cheap")
    assert result.exit_code == 2 and "not a number" in result.stderr


def test_missing_query_file():
    result = invoke("query", "-f", "/no/such/file.rq")
    assert result.exit_code == 2 and "/no/such/file.rq: no such file" in result.stderr


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:x> <urn:y> <urn:z> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <urn:ex:> CLEAR ALL",
        "DROP DEFAULT",
        "LOAD <http://example.org/data.ttl>",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused_locally(update):
    result = invoke("query", update)
    assert result.exit_code == 2 and "SPARQL Update is refused" in result.stderr
    allowed = invoke("query", update, "--allow-update")
    assert allowed.exit_code == 2 and "only to a remote --endpoint" in allowed.stderr


def test_updates_change_nothing(tmp_path):
    mine = tmp_path / "mine.ttl"
    mine.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    before = mine.read_bytes()
    graph = CareerGraph.open([mine])
    size = len(graph.store)
    for update in ("DELETE WHERE { ?s ?p ?o }", "INSERT DATA { <urn:x> <urn:y> <urn:z> }"):
        with pytest.raises(BadInputError):
            graph.query(update)
        with pytest.raises(BadInputError):
            graph.update(update)
        assert invoke("--data", str(mine), "query", update, "--allow-update").exit_code == 2
    assert len(graph.store) == size and mine.read_bytes() == before


def test_a_slow_query_stops_after_the_timeout():
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    result = run_process("--timeout", "1", "query", slow)
    elapsed = time.monotonic() - started
    assert result.returncode == 2
    assert "still running after 1 s" in result.stderr and "Traceback" not in result.stderr
    assert elapsed < 60  # it did not run to the end (that takes hours)
