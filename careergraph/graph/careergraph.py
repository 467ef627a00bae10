"""CareerGraph: the library's front door. Everything the CLI does is a method here."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from careergraph.errors import BadInputError, NotFoundError
from careergraph.graph.formats import RdfFormat, format_named
from careergraph.graph.kinds import kind_named
from careergraph.graph.names import NameIndex
from careergraph.graph.results import (
    Entity,
    EntityDetails,
    EntityList,
    ListedEntity,
    LiteralValue,
    Node,
    SearchResults,
    Statement,
    Stats,
)
from careergraph.graph.sources import Source, builtin_sources, file_source, load_source
from careergraph.graph.sparql import internal_query, values_of
from careergraph.graph.store import Store, open_store
from careergraph.graph.terms import IRI, BlankNode, Literal, Term
from careergraph.namespaces import CG, ID, PREFIXES, RDF, compact

_MAX_NESTING = 4


class CareerGraph:
    """A career knowledge graph: the built-in one, the user's files, or both.

    >>> graph = CareerGraph.open()
    >>> [r.entity.label for r in graph.list("roles", track="MLOps", level="Senior Level").items]
    ['AI Infrastructure Lead', 'ML Platform Architect', 'MLOps Architect']
    """

    def __init__(self, store: Store, sources: Sequence[tuple[Source, int]] = ()):
        self.store = store
        self.sources = list(sources)

    @classmethod
    def open(
        cls,
        data: Sequence[str | Path] = (),
        *,
        builtin: bool = True,
        engine: str = "oxigraph",
    ) -> CareerGraph:
        """Load the built-in graph (unless ``builtin`` is false) and the ``data`` files.

        Raises DataFileError for a file that is missing or does not parse, naming the file
        and the line.
        """
        store = open_store(engine)
        sources = (builtin_sources() if builtin else []) + [file_source(p) for p in data]
        return cls(store, [(source, load_source(store, source)) for source in sources])

    @property
    def engine(self) -> str:
        """The name of the engine behind the store (``oxigraph`` or ``rdflib``)."""
        return self.store.engine

    @cached_property
    def names(self) -> NameIndex:
        """Labels, names and kinds of every entity, read once."""
        return NameIndex.build(self.store)

    def resolve(self, name: str, kind: str | None = None) -> Entity:
        """The entity called ``name``: an IRI, an id path, a label or a slug, any case.

        ``kind`` (``role``, ``track``...) restricts the candidates. Raises UnknownNameError
        with the closest candidates, or AmbiguousNameError.
        """
        return self.names.resolve(name, kind_named(kind) if kind else None)

    def stats(self) -> Stats:
        """Triples, entities by class and triples by source."""
        vocabulary = self._vocabulary_labels
        classes = tuple(
            (
                Entity(
                    vocabulary.get(row["class"].value, compact(row["class"].value)),
                    row["class"].value,
                ),
                int(row["count"].value),
            )
            for row in self.store.select(internal_query("class-counts"))
            if isinstance(row["class"], IRI)
        )
        sources = tuple((source.name, added) for source, added in self.sources)
        return Stats(self.engine, len(self.store), sources, classes)

    def list(self, kind: str, track: str | None = None, level: str | None = None) -> EntityList:
        """The entities of ``kind`` (``roles``, ``skills``...), optionally of one track and
        level, in label order."""
        wanted = kind_named(kind)
        members = {
            row["entity"].value
            for row in self.store.select(
                internal_query("instances"), {"class": IRI(wanted.class_iri)}
            )
        }
        tracks, levels = values_of(self.store, CG + "track"), values_of(self.store, CG + "level")
        if track is not None:
            track_iri = self.resolve(track, "track").iri
            members = {iri for iri in members if track_iri in tracks.get(iri, ())}
        if level is not None:
            level_iri = self.resolve(level, "level").iri
            members = {iri for iri in members if level_iri in levels.get(iri, ())}
        entity = self.names.entity
        items = sorted(
            (
                ListedEntity(
                    entity(iri),
                    tuple(sorted(entity(t) for t in tracks.get(iri, ()))),
                    min((entity(v) for v in levels.get(iri, ())), default=None),
                )
                for iri in members
            ),
            key=lambda item: (item.entity.label.casefold(), item.entity.iri),
        )
        return EntityList(wanted.plural, tuple(items))

    def show(self, name: str) -> EntityDetails:
        """Everything about one entity: its types, properties (blank nodes expanded) and
        the statements of others that point to it."""
        entity = self.resolve(name)
        subject = IRI(entity.iri)
        vocabulary = self._vocabulary_labels
        types = tuple(
            Entity(vocabulary.get(o.value, compact(o.value)), o.value)
            for _, p, o in self.store.triples(subject)
            if p == IRI(RDF + "type") and isinstance(o, IRI)
        )
        incoming = tuple(
            sorted(
                (
                    Statement(
                        self._predicate(row["predicate"].value),
                        self.names.entity(row["subject"].value),
                    )
                    for row in self.store.select(internal_query("incoming"), {"entity": subject})
                    if isinstance(row["subject"], IRI)
                ),
                key=_statement_order,
            )
        )
        return EntityDetails(entity, tuple(sorted(types)), self._statements(subject, 0), incoming)

    def search(self, text: str, kind: str | None = None, limit: int = 20) -> SearchResults:
        """Entities whose labels or alternative labels match ``text``, best first.

        Raises NotFoundError when nothing matches.
        """
        wanted = kind_named(kind) if kind else None

        def fits(iri: str) -> bool:
            return wanted is None or wanted.class_iri in self.names.classes_of(iri)

        hits = self.names.search(text, limit, fits)
        if not hits:
            raise NotFoundError(f"nothing matches {text!r}")
        return SearchResults(text, tuple(hits))

    def serialize(self, rdf_format: str | RdfFormat) -> bytes:
        """The whole graph as ``ttl``, ``nt``, ``jsonld`` or ``rdfxml``."""
        chosen = format_named(rdf_format) if isinstance(rdf_format, str) else rdf_format
        if not chosen.writable:
            raise BadInputError(f"careergraph reads {chosen.name} but does not write it")
        return self.store.serialize(chosen, self._prefixes())

    # ---- helpers ------------------------------------------------------------------------

    @cached_property
    def _vocabulary_labels(self) -> dict[str, str]:
        labels: dict[str, str] = {}
        for row in self.store.select(internal_query("vocabulary")):
            labels.setdefault(row["term"].value, row["label"].value)
        return labels

    def _predicate(self, iri: str) -> Entity:
        return Entity(self._vocabulary_labels.get(iri, compact(iri)), iri)

    def _statements(self, subject: Term, depth: int) -> tuple[Statement, ...]:
        statements = [
            Statement(self._predicate(p.value), self._value(o, depth))
            for _, p, o in self.store.triples(subject)
            if p != IRI(RDF + "type") or isinstance(subject, BlankNode)
        ]
        return tuple(sorted(statements, key=_statement_order))

    def _value(self, term: Term, depth: int) -> Entity | LiteralValue | Node:
        if isinstance(term, Literal):
            return LiteralValue(term.to_python(), term.datatype, term.language)
        if isinstance(term, BlankNode) and depth < _MAX_NESTING:
            return Node(self._statements(term, depth + 1))
        if isinstance(term, BlankNode):
            return LiteralValue(str(term))
        return self.names.entity(term.value)

    def _prefixes(self) -> dict[str, str]:
        """The standard prefixes plus one per kind of careergraph id (``role:``...)."""
        prefixes = dict(PREFIXES)
        for iri in self.names.labels:
            if iri.startswith(ID):
                kind = iri[len(ID) :].partition("/")[0]
                if kind.replace("-", "").isalnum() and kind[0].isalpha() and kind not in prefixes:
                    prefixes[kind] = f"{ID}{kind}/"
        return prefixes


def _statement_order(statement: Statement) -> tuple[str, str]:
    return (statement.predicate.label.casefold(), str(statement.value).casefold())
