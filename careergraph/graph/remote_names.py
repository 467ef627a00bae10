"""The names of a graph behind a SPARQL endpoint, asked for as they are needed.

A local graph's :class:`~careergraph.graph.names.NameIndex` reads every name at once (or
keeps them in its built store). Behind an endpoint that is the whole graph's names (42 MB
of JSON for ESCO) before the first answer, so until careergraph has kept them
(:meth:`StoreCache.endpoint_kept`), a command asks the server only what it needs:

- a name, by the rules of :mod:`careergraph.graph.names`: an IRI or id path the server
  knows, then the labels equal to it (lower case), then the IRIs that end in it as a slug;
- a search, by the names that contain one of its words or start like it, scored as the
  local index scores them (a typo in the first three letters is not found);
- the labels and classes of the entities an answer shows, a batch of IRIs a query.

Resolution works as the local index's does, and gives the same entity; a command that needs
every name (a view of the whole graph) or the career facts reads them whole.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from careergraph.graph.names import (
    Entry,
    NameIndex,
    display_key,
    normalise,
    slug_of,
    superclasses_of,
)
from careergraph.graph.queries import internal_query
from careergraph.graph.store.querytext import bind_each, sparql_term
from careergraph.graph.store.terms import IRI, Literal
from careergraph.namespaces import OWL, RDF, RDFS

if TYPE_CHECKING:
    from careergraph.graph.store import Store

_BATCH = 200  # IRIs asked for in one query
# The classes whose members are vocabulary, left unnamed (as names.rq leaves them out).
VOCABULARY_CLASSES = {
    OWL + "Class",
    RDFS + "Class",
    OWL + "ObjectProperty",
    OWL + "DatatypeProperty",
    OWL + "AnnotationProperty",
    RDF + "Property",
    OWL + "Ontology",
}
FOLDED = "LCASE(STR(?name))"  # a name in lower case, in the tests of names-like.rq
# The letters and digits whose upper and lower case are ASCII and which no other character
# lowers, case-folds or composes into (ß folds to "ss", "ﬁ" to "fi": not "s", "f",
# "i", "n"...). Kept alone, in lower case, they are a name's skeleton, the same on every
# server whatever its LCASE makes of other scripts (tests/test_endpoint.py checks them
# against Python's tables).
SKELETON_CHARACTERS = "bcdegmopqruvxz0-9"
# An absolute IRI a server parses: no character IRIs forbid ("[" and "]" are for a host,
# DEL is a control character), and "%" only before two hex digits. A name that is no IRI
# is no entity here, as in the local index, not an HTTP 400 from the server.
_ABSOLUTE_IRI = re.compile(
    r"^[A-Za-z][A-Za-z0-9+.-]*:(?:[^\s<>\"{}|^`\\\[\]%\x7f]|%[0-9A-Fa-f]{2})+$"
)


class RemoteNames(NameIndex):
    """A name index that asks a store (an endpoint) for what each question needs."""

    complete = False

    def __init__(self, store: Store):
        self._store = store
        self._asked: set[str] = set()  # IRIs whose names and classes were asked for
        self._names_of: dict[str, list[str]] = defaultdict(list)
        super().__init__(
            _Asked(self.prefetch, self._asked),
            _RemoteNameTable(self),
            _Asked(self.prefetch, self._asked),
            superclasses_of(store),
        )

    def prefetch(self, iris: Iterable[str]) -> None:
        """Ask for the names and classes of ``iris`` (those not asked for yet), in batches."""
        iris = list(iris)
        wanted = sorted({i for i in iris if i not in self._asked and _ABSOLUTE_IRI.match(i)})
        self._asked.update(iris)
        named: list[tuple[str, Literal, int]] = []
        for start in range(0, len(wanted), _BATCH):
            batch = [IRI(iri) for iri in wanted[start : start + _BATCH]]
            for row in self._store.select(bind_each(internal_query("names-of"), "entity", batch)):
                iri = row["entity"].value
                if isinstance(row.get("type"), IRI):
                    dict.setdefault(self.types, iri, set()).add(row["type"].value)
                if isinstance(row.get("name"), Literal) and "tier" in row:
                    named.append((iri, row["name"], int(row["tier"].value)))
        labels: dict[str, tuple[bool, int, str]] = {}
        for iri, name, tier in named:
            if dict.get(self.types, iri, set()) & VOCABULARY_CLASSES:
                continue  # a class or a property: named through the vocabulary, as locally
            self._names_of[iri].append(name.value)
            key = display_key(name, tier)
            if iri not in labels or key < labels[iri]:
                labels[iri] = key
        for iri, key in labels.items():
            dict.__setitem__(self.labels, iri, key[2])

    def names_of(self, iri: str) -> list[str]:
        self.prefetch([iri])
        return sorted(set(self._names_of.get(iri, ())))

    def __contains__(self, iri: str) -> bool:
        if not _ABSOLUTE_IRI.match(iri):
            return False
        self.prefetch([iri])
        return dict.__contains__(self.labels, iri) or dict.__contains__(self.types, iri)

    def with_slug(self, wanted: str) -> set[str]:
        if not wanted or "/" in wanted:
            return set()
        ends = " || ".join(
            f"STRENDS(LCASE(STR(?entity)), {sparql_term(Literal(mark + wanted))})" for mark in "/#"
        )
        rows = self._store.select(internal_query("slug-ends").replace("#MATCH#", ends))
        found = {row["entity"].value for row in rows}
        self.prefetch(found)
        return {iri for iri in found if normalise(slug_of(iri)) == wanted}

    def state(self, with_names: bool = True) -> dict[str, Any]:
        raise TypeError("a remote name index is not kept")

    def entries(self, match: str) -> list[tuple[str, Entry]]:
        """(normalised name, entry) for the names that ``match`` (a SPARQL expression over
        ``FOLDED``, the name in lower case) selects; their entities are asked for too.
        Values are written into ``match`` as escaped terms (:func:`sparql_term`), neither
        bound in a VALUES block nor BIND: either made Oxigraph test every name again for
        each solution, ten times slower."""
        query = internal_query("names-like").replace("#MATCH#", match)
        found: list[tuple[str, Entry]] = []
        for row in self._store.select(query):
            name, iri = row["name"].value, row["entity"].value
            found.append((normalise(name), (int(row["tier"].value), iri, name)))
        self.prefetch(iri for _, (_, iri, _) in found)
        return found


def skeleton(text: str) -> str:
    """The characters of :data:`SKELETON_CHARACTERS` in ``text``, in lower case: the same
    for every name that normalises to the same key (``normalise``: composed, case-folded,
    white space made single), whoever lowers it.

    >>> skeleton("Straße  Planer"), skeleton("STRASSE planer"), skeleton("ﬁnance Lead")
    ('reper', 'reper', 'ceed')
    """
    return re.sub(f"[^{SKELETON_CHARACTERS}]", "", text.lower())


def same_name(key: str) -> str:
    """A SPARQL test that selects every name (``?name``) that normalises to ``key`` (with ß
    for ss, a ligature, a final sigma, runs of white space, leading or trailing ones), and a
    few others, which the caller drops: the names of the same skeleton (:func:`skeleton`),
    which the server works out with a regular expression that only names ASCII, or equal to
    ``key`` in lower case. A name the server lowers or replaces in otherwise (Virtuoso's
    REPLACE stops at the first character that is not ASCII) is read when every name is
    (see the resolution ladder)."""
    equal = f"{FOLDED} = {sparql_term(Literal(key))}"
    bones = skeleton(key)
    if not bones:  # "ai", a name in Greek: the names of no skeleton would be too many
        return equal
    pattern = sparql_term(Literal(f"[^{SKELETON_CHARACTERS}]"))
    return f'{equal} || REPLACE({FOLDED}, {pattern}, "") = {sparql_term(Literal(bones))}'


class _Asked(dict):
    """A dict of what was asked for by IRI (labels, classes): a key not asked for yet is
    asked for on first look."""

    def __init__(self, ask, asked: set[str]):
        super().__init__()
        self._ask, self._asked_for = ask, asked

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self._asked_for:
            self._ask([key])
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None


class _RemoteNameTable:
    """The names of a remote graph as the name index reads them (see ``NameTable``)."""

    def __init__(self, index: RemoteNames):
        self._index = index

    def get(self, key: str, default: Any = ()) -> list[Entry]:
        found = self._index.entries(same_name(key))
        return [entry for name, entry in found if name == key] or list(default)

    def candidates(self, wanted: str) -> Iterator[tuple[str, list[Entry]]]:
        """The names that contain one of the words of ``wanted`` or start like it."""
        words = [w for w in wanted.split() if len(w) > 1] or [wanted]
        tests = [f"CONTAINS({FOLDED}, {sparql_term(Literal(word))})" for word in words]
        tests.append(f"STRSTARTS({FOLDED}, {sparql_term(Literal(wanted[:3]))})")
        grouped: dict[str, list[Entry]] = defaultdict(list)
        for name, entry in self._index.entries(" || ".join(tests)):
            grouped[name].append(entry)
        yield from grouped.items()

    def items(self) -> Iterator[tuple[str, list[Entry]]]:
        raise TypeError("a remote graph's names are asked for one question at a time")

    def containing(self, stems) -> Iterator[tuple[str, list[Entry]]]:
        raise TypeError("a remote graph's names are asked for one question at a time")

    def keys(self) -> list[str]:
        raise TypeError("a remote graph's names are asked for one question at a time")

    def known(self, keys: set[str]) -> set[str]:
        return {key for key in keys if self.get(key)}

    def values(self) -> Iterator[list[Entry]]:
        raise TypeError("a remote graph's names are asked for one question at a time")
