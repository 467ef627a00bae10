"""IRIs of the careergraph vocabulary and the standard vocabularies it reuses.

Plain strings, so that importing them costs nothing; ``PREFIXES`` is the one prefix map used
for SPARQL, Turtle output and compact names in results.
"""

from collections.abc import Mapping

CG = "https://w3id.org/careergraph/ontology#"
ID = "https://w3id.org/careergraph/id/"
ONTOLOGY = "https://w3id.org/careergraph/ontology"
GRAPH = "https://w3id.org/careergraph/graph/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
ESCO = "http://data.europa.eu/esco/model#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES: dict[str, str] = {
    "cg": CG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "schema": SCHEMA,
    "esco": ESCO,
    "prov": PROV,
    "dcterms": DCTERMS,
}

# The kinds of careergraph id (https://w3id.org/careergraph/id/<kind>/<slug>): each is also a
# predeclared prefix in queries and in Turtle output (role:mlops-architect).
ID_KINDS = [
    "band-level",
    "certification",
    "con",
    "demand-level",
    "expertise-level",
    "growth-area",
    "integration-point",
    "key-difference",
    "level",
    "mindmap",
    "mindmap-node",
    "practice",
    "pro",
    "role",
    "roi-factor",
    "salary-band",
    "salary-range",
    "scheme",
    "section",
    "sector",
    "sector-demand",
    "skill",
    "source",
    "strength",
    "synergy",
    "time-investment",
    "tool",
    "tool-category",
    "track",
    "track-approach",
    "transition",
    "trend",
]
ID_PREFIXES: dict[str, str] = {kind: f"{ID}{kind}/" for kind in ID_KINDS}


def compact(iri: str, prefixes: Mapping[str, str] | None = None) -> str:
    """Return ``prefix:local`` for an IRI in a known namespace (``PREFIXES``, or the given
    ``prefixes``), else the IRI itself.

    >>> compact("https://w3id.org/careergraph/ontology#Role")
    'cg:Role'
    """
    for prefix, namespace in (prefixes or PREFIXES).items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def expand(name: str) -> str | None:
    """Return the full IRI of a ``prefix:local`` name with a known prefix, else None.

    >>> expand("skos:prefLabel")
    'http://www.w3.org/2004/02/skos/core#prefLabel'
    """
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return None


def plain_words(name: str) -> str:
    """A name as words: ``trackLabel`` is "track label", ``max_cost`` "max cost", and an
    IRI's local name the same (``esco:relatedEssentialSkill`` "related essential skill").

    >>> plain_words("trackLabel"), plain_words("max_cost")
    ('track label', 'max cost')
    >>> plain_words("http://data.europa.eu/esco/model#relatedEssentialSkill")
    'related essential skill'
    """
    import re

    local = re.split(r"[#/:]", name)[-1] or name
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).replace("_", " ")
    return spaced.lower()
