"""SHACL validation of a graph against careergraph's shapes (pyshacl)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from careergraph.graph.results import Entity
from careergraph.graph.results.validation import ValidationReport, Violation
from careergraph.graph.sources import ontology_file
from careergraph.graph.store.rdflib_engine import to_rdflib
from careergraph.namespaces import SH, compact

if TYPE_CHECKING:
    from careergraph.graph.careergraph import CareerGraph


def validate(graph: CareerGraph) -> ValidationReport:
    """Check every entity of ``graph`` against ``ontology/shapes.ttl``.

    The graph should include the schema (the built-in graph does): shapes that target a class
    follow its rdfs:subClassOf hierarchy.
    """
    import pyshacl
    import rdflib

    from careergraph.graph.store.rdflib_logs import one_line_warnings

    one_line_warnings()

    # The triples handed over as they are: parsing them again as N-Triples takes rdflib
    # time that grows with the square of a literal's length (10 MB: minutes).
    data = rdflib.Graph()
    data.addN((to_rdflib(s), to_rdflib(p), to_rdflib(o), data) for s, p, o in graph.store.triples())
    shapes = rdflib.Graph().parse(data=ontology_file("shapes.ttl").read_bytes(), format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)
    sh = rdflib.Namespace(SH)
    violations = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(result, sh.focusNode)
        path = report.value(result, sh.resultPath)
        value = report.value(result, sh.value)
        severity = report.value(result, sh.resultSeverity)
        messages = sorted(str(m) for m in report.objects(result, sh.resultMessage))
        focus_entity = (
            graph.names.entity(str(focus))
            if isinstance(focus, rdflib.URIRef)
            else Entity(f"_:{focus}", f"_:{focus}")
        )
        violations.append(
            Violation(
                focus_entity,
                compact(str(path)) if isinstance(path, rdflib.URIRef) else None,
                "; ".join(messages) or "does not conform",
                str(severity).removeprefix(SH) if severity else "Violation",
                str(value) if value is not None else None,
            )
        )
    violations.sort(key=lambda v: (v.focus.label, v.path or "", v.message))
    return ValidationReport(bool(conforms), tuple(violations))
