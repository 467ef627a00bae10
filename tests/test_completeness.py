"""Nothing of the source material is left out: every line of it is found in the graph, in the
entities that name the line's section as their source.

The graph is read back from an N-Triples export with rdflib, independently of the library's
own query code.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDFS

from careergraph.namespaces import CG

MIND_MAP_FIRST, MIND_MAP_LAST = 199, 262  # checked node by node in test_mindmap.py
# Lines that are not facts: the file size, and the chat assistant's asides.
NOT_FACTS = {1, 182, 198}
# Headings that only announce what kind of item follows (the items carry that class).
STRUCTURAL = {
    "devops roles",
    "mlops roles",
    "increased focus on",
    "emerging technologies",
    "industry sectors",
    "growth areas",
    "short-term roi boosters",
    "long-term value multipliers",
    "job security",
    "career mobility",
    "time investment",
    "certifications",
}
UNIT_WORDS = {"years", "months", "month", "per", "cert", "each"}


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(":").strip()


@pytest.fixture(scope="module")
def rdf(graph) -> rdflib.Graph:
    return rdflib.Graph().parse(data=graph.serialize("nt"), format="nt")


@pytest.fixture(scope="module")
def sections(rdf) -> list[tuple[int, int, rdflib.URIRef]]:
    found = []
    for section in rdf.subjects(rdflib.RDF.type, rdflib.URIRef(CG + "SourceSection")):
        first = int(rdf.value(section, rdflib.URIRef(CG + "firstLine")))
        last = int(rdf.value(section, rdflib.URIRef(CG + "lastLine")))
        found.append((first, last, section))
    return found


def innermost(sections, line: int) -> list[rdflib.URIRef]:
    """The sections that contain ``line``, innermost first."""
    containing = [(last - first, s) for first, last, s in sections if first <= line <= last]
    return [s for _, s in sorted(containing)]


def literals_of(rdf: rdflib.Graph, subject, depth: int = 0) -> set[str]:
    values: set[str] = set()
    for _, o in rdf.predicate_objects(subject):
        if isinstance(o, rdflib.Literal):
            values.add(normalise(str(o)))
        elif isinstance(o, rdflib.BNode) and depth < 3:
            values |= literals_of(rdf, o, depth + 1)
        elif isinstance(o, rdflib.URIRef) and depth == 0:
            values |= {
                normalise(str(label))
                for label in rdf.objects(
                    o, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
                )
            }
    return values


@pytest.fixture(scope="module")
def pools(rdf) -> dict:
    by_section: dict = defaultdict(set)
    for subject, section in rdf.subject_objects(DCTERMS.source):
        by_section[section] |= literals_of(rdf, subject)
    return by_section


def numbers_in(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


def is_figure(text: str) -> bool:
    rest = re.sub(r"[\d,$+\-/]", " ", text)
    return bool(re.search(r"\d", text)) and all(w in UNIT_WORDS for w in rest.split())


def missing(part: str, pool: set[str]) -> list[str]:
    """The pieces of ``part`` that the pool does not hold."""
    part = part.strip()
    key = normalise(part)
    if not key or key in pool or key in STRUCTURAL:
        return []
    if is_figure(part):
        return [str(n) for n in numbers_in(part) if str(n) not in pool]
    if key.startswith("tools:"):
        return missing(part.split(":", 1)[1], pool)
    paren = re.fullmatch(r"(.*?)\s*\((.*)\)", part)
    if paren:
        return missing(paren.group(1), pool) + missing(paren.group(2), pool)
    for separator in (": ", " for ", ", "):
        if separator in part:
            return [m for piece in part.split(separator) for m in missing(piece, pool)]
    if "/" in part:
        return [m for piece in part.split("/") for m in missing(piece, pool)]
    return [part]


def test_every_line_of_the_source_is_in_the_graph(seed_lines, rdf, sections, pools):
    section_labels = [normalise(str(rdf.value(s, RDFS.label))) for _, _, s in sections]
    failures = []
    for number, line in enumerate(seed_lines, start=1):
        text = line.strip()
        if (
            not text
            or text == "-"
            or number in NOT_FACTS
            or MIND_MAP_FIRST <= number <= MIND_MAP_LAST
        ):
            continue
        containing = innermost(sections, number)
        assert containing, f"line {number} lies in no section: {text!r}"
        pool = set().union(*(pools[s] for s in containing))
        pool |= {normalise(str(rdf.value(s, RDFS.label))) for s in containing}
        if not text.startswith("- ") and any(normalise(text) in label for label in section_labels):
            continue  # a heading of the source that names a section
        left = missing(text.removeprefix("- "), pool)
        if left:
            failures.append(f"line {number} {text!r}: not found: {left}")
    assert not failures, "\n".join(failures)


def test_the_check_catches_a_missing_item(seed_lines, sections, pools):
    """The check above is not vacuous: an item the graph lacks is reported."""
    pool = pools[innermost(sections, 8)[0]]
    assert missing("Infrastructure as Code (Terraform, CloudFormation)", pool) == []
    assert missing("Infrastructure as Code (Terraform, Pulumi)", pool) == ["Pulumi"]
    assert missing("Junior: $80,000 - $111,000", pools[innermost(sections, 144)[0]]) == ["111000"]
