"""What ``list``, ``show`` and ``stats`` tell of a graph: the entities of a kind (of a track
and level), everything about one entity (its types, its statements with their nodes spelled
out, and what points to it), and what the graph holds.

These are functions of the store and the name index, given what the facade worked out (a
resolved track or level, the taxonomies an answer may hold, the careers' briefing of an
entity); they never import the facade.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from careergraph.errors import ParameterError
from careergraph.graph.kinds import kind_named
from careergraph.graph.queries import internal_query
from careergraph.graph.results import Entity
from careergraph.graph.store.terms import IRI, BlankNode, Literal, Term
from careergraph.namespaces import CG, RDF, SCHEMA, SKOS, compact
from careergraph.taxonomies import taxonomy

if TYPE_CHECKING:
    from careergraph.graph.names import NameIndex
    from careergraph.graph.results.entity import (
        EntityDetails,
        LiteralValue,
        Node,
        Section,
        Statement,
    )
    from careergraph.graph.results.listing import EntityList, ListedEntity
    from careergraph.graph.results.stats import Stats
    from careergraph.graph.store import Store

MAX_NESTING = 4  # how deep show spells out nodes (an offer's price specification...)


def stats(
    store: Store,
    vocabulary: dict[str, str],
    engine: str,
    sources: Sequence[tuple[str, int]],
    prefix: str | None = None,
    dataset: str | None = None,
) -> Stats:
    """Triples, entities by class and triples by source; of one ``dataset`` only where
    given, its entities those under its IRI ``prefix``."""
    from careergraph.graph.results.stats import Stats

    query, bindings = internal_query("class-counts"), {}
    if dataset is not None:
        query = internal_query("class-counts-under")
        bindings = {"prefix": Literal(prefix or "")}
    classes = tuple(
        (
            Entity(
                vocabulary.get(row["class"].value, compact(row["class"].value)),
                row["class"].value,
            ),
            int(row["count"].value),
        )
        for row in store.select(query, bindings)
        if isinstance(row["class"], IRI)
    )
    triples = len(store)
    if dataset is not None:
        sources = [s for s in sources if s[0] == f"dataset:{dataset}"]
        triples = sum(added for _, added in sources)
    if engine == "endpoint":
        sources = [(store.location, triples)]
    return Stats(engine, triples, tuple(sources), classes, store.location)


def entity_list(
    store: Store,
    names: NameIndex,
    kind: str,
    bindings: dict[str, Term],
    within: Collection[str] | None = None,
    limit: int | None = None,
) -> EntityList:
    """The entities of ``kind`` (``roles``, ``skills``...), of the track and level
    ``bindings`` name if they do (``track``, ``level``), of the taxonomies ``within`` (every
    one with None), in label order (levels: by ladder and rank), the first ``limit`` of them
    if given."""
    from careergraph.graph.results.listing import EntityList, ListedEntity

    if limit is not None and limit < 1:
        raise ParameterError("limit", "must be at least 1")
    wanted = kind_named(kind)
    members: set[str] = set()
    tracks: dict[str, set[str]] = defaultdict(set)
    levels: dict[str, set[str]] = defaultdict(set)
    prices: dict[str, str] = {}
    asked = {"class": IRI(wanted.class_iri), **bindings}
    for row in store.select(internal_query("listing"), asked):
        iri = row["entity"].value
        members.add(iri)
        if isinstance(row.get("inTrack"), IRI):
            tracks[iri].add(row["inTrack"].value)
        if isinstance(row.get("atLevel"), IRI):
            levels[iri].add(row["atLevel"].value)
        if "currency" in row:
            prices.setdefault(iri, _price(row))
    if within is not None:
        members = {iri for iri in members if taxonomy(iri) in within}
    names.prefetch([*members, *(i for v in (*tracks.values(), *levels.values()) for i in v)])
    entity = names.entity
    items = sorted(
        (
            ListedEntity(
                entity(iri),
                tuple(sorted(entity(t) for t in tracks.get(iri, ()))),
                min((entity(v) for v in levels.get(iri, ())), default=None),
                prices.get(iri),
            )
            for iri in members
        ),
        key=lambda item: (item.entity.label.casefold(), item.entity.iri),
    )
    if wanted.name == "level":
        items = _laddered(store, names, items)
    return EntityList(wanted.plural, tuple(items[:limit]), len(items))


def _laddered(store: Store, names: NameIndex, items: list[ListedEntity]) -> list[ListedEntity]:
    """Levels with the ladder (``skos:inScheme``) each is a rung of, by ladder and rank."""
    ranks: dict[str, float] = {}
    listed = []
    for item in items:
        scheme = None
        for _, predicate, value in store.triples(IRI(item.entity.iri)):
            if predicate.value == SKOS + "inScheme" and isinstance(value, IRI):
                scheme = names.entity(value.value)
            elif predicate.value == CG + "rank" and isinstance(value, Literal):
                ranks[item.entity.iri] = float(value.value)
        listed.append(replace(item, scheme=scheme))
    return sorted(
        listed,
        key=lambda i: (
            i.scheme is None,
            i.scheme.label if i.scheme else "",
            ranks.get(i.entity.iri, 0.0),
            i.entity.label,
        ),
    )


def details(
    store: Store,
    names: NameIndex,
    vocabulary: dict[str, str],
    entity: Entity,
    about: tuple[Section, ...] = (),
) -> EntityDetails:
    """Everything about ``entity``: its types, its statements (nodes spelled out, prices in
    words), the statements of others that point to it, and the sections ``about`` it."""
    from careergraph.graph.results.entity import EntityDetails, Statement

    subject = IRI(entity.iri)
    types = tuple(
        Entity(vocabulary.get(o.value, compact(o.value)), o.value)
        for _, p, o in store.triples(subject)
        if p == IRI(RDF + "type") and isinstance(o, IRI)
    )
    incoming = tuple(
        sorted(
            (
                Statement(
                    _predicate(vocabulary, row["predicate"].value),
                    names.entity(row["subject"].value),
                )
                for row in store.select(internal_query("incoming"), {"entity": subject})
                if isinstance(row["subject"], IRI)
            ),
            key=_statement_order,
        )
    )
    statements = _Spelled(store, names, vocabulary).statements(subject, 0)
    return EntityDetails(entity, tuple(sorted(types)), statements, incoming, about)


def vocabulary_labels(store: Store) -> dict[str, str]:
    """Labels of the vocabulary's classes and properties, by IRI."""
    labels: dict[str, str] = {}
    for row in store.select(internal_query("vocabulary")):
        labels.setdefault(row["term"].value, row["label"].value)
    return labels


class _Spelled:
    """Statements about a subject as show spells them out: a node's own statements (to
    ``MAX_NESTING`` deep) and, for an offer or a price, the price in words."""

    def __init__(self, store: Store, names: NameIndex, vocabulary: dict[str, str]):
        self.store, self.names, self.vocabulary = store, names, vocabulary

    def statements(self, subject: Term, depth: int) -> tuple[Statement, ...]:
        from careergraph.graph.results.entity import Statement

        statements = [
            Statement(_predicate(self.vocabulary, p.value), self.value(o, depth))
            for _, p, o in self.store.triples(subject)
            if p != IRI(RDF + "type") or isinstance(subject, BlankNode)
        ]
        return tuple(sorted(statements, key=_statement_order))

    def value(self, term: Term, depth: int) -> Entity | LiteralValue | Node:
        from careergraph.graph.results.entity import LiteralValue, Node

        if isinstance(term, Literal):
            return LiteralValue(term.to_python(), term.datatype, term.language)
        if isinstance(term, BlankNode) and depth < MAX_NESTING:
            return Node(self.statements(term, depth + 1), self.price(term))
        if isinstance(term, BlankNode):
            return LiteralValue(str(term))
        return self.names.entity(term.value)

    def price(self, term: Term, depth: int = 0) -> str:
        """A schema.org offer or price specification as people write a price: ``450 USD``,
        ``200-1,000 USD per certification``; "" for any other node."""
        said = {p.value.removeprefix(SCHEMA): o.value for _, p, o in self.store.triples(term)}
        found = {p.value.removeprefix(SCHEMA): o for _, p, o in self.store.triples(term)}
        if "priceSpecification" in found and depth < 2:
            return self.price(found["priceSpecification"], depth + 1)
        if not any(isinstance(found.get(k), Literal) for k in ("price", "minPrice")):
            return ""
        low = said.get("price") or said.get("minPrice")
        return price_words(
            low, said.get("maxPrice"), said.get("priceCurrency"), said.get("unitText")
        )


def _predicate(vocabulary: dict[str, str], iri: str) -> Entity:
    words = "price" if iri == SCHEMA + "offers" else compact(iri)
    return Entity(vocabulary.get(iri, words), iri)


def _statement_order(statement: Statement) -> tuple[str, str]:
    return (statement.predicate.label.casefold(), str(statement.value).casefold())


def _price(row: dict[str, Term]) -> str:
    """A certification's price as the listing shows it: ``450 USD``, ``200-600 USD each
    level``, ``49 USD per month``."""
    low = row.get("price") or row.get("minPrice")
    high = row.get("maxPrice") or low
    per = row.get("per")
    currency = row.get("currency")
    return price_words(
        low.value if low else None,
        high.value if high else None,
        currency.value if currency else None,
        per.value if per else None,
    )


def price_words(low: str | None, high: str | None, currency: str | None, unit: str | None) -> str:
    """A price as people write one; ``unit`` a word (``month``: "per month") or a phrase
    (``each level``).

    >>> price_words("200", "1000", "USD", "per certification")
    '200-1,000 USD per certification'
    >>> price_words("49", None, "USD", "month")
    '49 USD per month'
    """
    if low is None:
        return ""
    figures = [f"{float(v):,.0f}" for v in (low, high or low)]
    words = figures[0] if figures[0] == figures[1] else "-".join(figures)
    words += f" {currency}" if currency else ""
    if unit:
        words += f" {unit}" if " " in unit else f" per {unit}"
    return words
