"""Reasoning: the triples the ontology implies, materialised with owlrl before a query runs.

``rdfs`` applies the RDFS entailment rules: instances of a class are instances of its
super-classes, and a statement with a property holds for its super-properties (a role is an
``esco:Occupation``; ``cg:requiresSkill`` implies ``esco:relatedEssentialSkill``). ``owlrl``
adds the OWL 2 RL rules on top: inverse properties (``skos:narrower`` from ``skos:broader``),
transitive properties (``skos:broaderTransitive``), equivalences and the like. Axiomatic
triples (facts about RDF's own vocabulary) and datatype axioms are left out: they answer no
question about careers and would triple the graph.
"""

from __future__ import annotations

from careergraph.errors import ParameterError
from careergraph.graph.store import Store, open_store
from careergraph.graph.store.formats import FORMATS

PROFILES = ("rdfs", "owlrl")


def materialise(store: Store, profile: str) -> Store:
    """A new store (same engine) with the triples of ``store`` and all they imply."""
    reasoned = open_store(store.engine)
    reasoned.load(
        inferred_ntriples(store, profile),
        FORMATS["nt"],
        f"{profile} inferences",
        "urn:careergraph:inferred",
    )
    return reasoned


def inferred_ntriples(store: Store, profile: str) -> bytes:
    """The triples of ``store`` and all they imply under ``profile`` (``rdfs`` or ``owlrl``),
    as N-Triples: owlrl's deductive closure over rdflib, whatever the store's engine."""
    if profile not in PROFILES:
        raise ParameterError("profile", f"{profile!r} is unknown; choose from rdfs, owlrl")
    import owlrl
    import rdflib

    from careergraph.graph.store.rdflib_logs import one_line_warnings

    one_line_warnings()

    graph = rdflib.Graph()
    graph.parse(data=store.serialize(FORMATS["nt"], {}), format="nt")
    semantics = owlrl.RDFS_Semantics if profile == "rdfs" else owlrl.OWLRL_Semantics
    owlrl.DeductiveClosure(semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    # The rules also derive statements about literals, which RDF cannot hold as subjects.
    for triple in [t for t in graph if isinstance(t[0], rdflib.Literal)]:
        graph.remove(triple)
    return graph.serialize(format="nt", encoding="utf-8")
