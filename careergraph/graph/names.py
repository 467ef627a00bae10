"""Names: how people refer to entities, and the index a name is looked up in.

Every name an entity goes by is kept by tier: 1 its preferred label, 2 an alternative label,
3 another label (rdfs:label), 4 a hidden label (``skos:hiddenLabel``: a word ESCO finds it by
without showing it, "leadership" for *lead others*), and 5 a preferred or alternative label
without its parenthesised qualifier ("python" for *Python (computer programming)*), worked
out here. The ladder of rules that turns what a person typed into entities, exact rungs first,
is :mod:`careergraph.graph.resolution.ladder`; this module holds the index it asks.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from careergraph.graph.kinds import kind_of
from careergraph.graph.queries import internal_query, values_of
from careergraph.graph.resolution.forms import content_stems, normalise, without_qualifier
from careergraph.graph.results import Entity
from careergraph.graph.store import Store
from careergraph.graph.store.terms import IRI, Literal
from careergraph.namespaces import ID, ID_PREFIXES, RDFS

if TYPE_CHECKING:
    from careergraph.graph.results.search import SearchHit

# Name tiers, in resolution order (see the module docstring).
PREFERRED, ALTERNATIVE, LABEL, HIDDEN, BARE = 1, 2, 3, 4, 5
TIERS = (PREFERRED, ALTERNATIVE, LABEL, HIDDEN)  # the names the graph states
_DISPLAY_RANK = {PREFERRED: 0, LABEL: 1, ALTERNATIVE: 2, HIDDEN: 3, BARE: 4}
_FUZZY = 0.75  # the least similarity of a fuzzy match


Entry = tuple[int, str, str]  # (tier, IRI, the name as written)


class NameTable(Protocol):
    """Names looked up one at a time (a built store's SQLite table), instead of a dict."""

    def get(self, key: str, default: Any = ()) -> list[Entry]: ...
    def items(self) -> Iterator[tuple[str, list[Entry]]]: ...
    def values(self) -> Iterator[list[Entry]]: ...
    def candidates(self, wanted: str) -> Iterator[tuple[str, list[Entry]]]: ...
    def containing(self, stems: Sequence[str]) -> Iterator[tuple[str, list[Entry]]]: ...
    def keys(self) -> list[str]: ...
    def known(self, keys: set[str]) -> set[str]: ...


def display_key(name: Literal, tier: int) -> tuple[bool, int, str]:
    """How fit a name is to show an entity by, least first: a preferred label, else an
    rdfs:label, else an alternative one; English or untagged before other languages.

    >>> display_key(Literal("DevOps", language="en"), 1) < display_key(Literal("DO"), 2)
    True
    """
    return (name.language not in (None, "en"), _DISPLAY_RANK[tier], name.value)


def slug_of(iri: str) -> str:
    """The short name of an IRI: the part after ``id/<kind>/`` for careergraph IRIs, else the
    last segment.

    >>> slug_of("https://w3id.org/careergraph/id/role/mlops-engineer")
    'mlops-engineer'
    """
    if iri.startswith(ID):
        return iri[len(ID) :].partition("/")[2]
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


@dataclass
class NameIndex:
    """Labels, names, slugs and kinds of every entity of a graph, built with two queries."""

    labels: dict[str, str]
    # normalised name -> entries; a built store of many names gives a table it looks up in
    # SQLite one name at a time (anything with ``get``, ``items``, ``values`` and ``candidates``)
    names: dict[str, list[Entry]] | NameTable
    types: dict[str, set[str]]
    superclasses: dict[str, set[str]]
    # Worked out on first use: the names by the stems of their words, and every name.
    _stems: dict[str, set[str]] | None = field(default=None, init=False, repr=False, compare=False)
    _keys: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, store: Store) -> NameIndex:
        """Read every name and type from the store."""
        labels: dict[str, tuple[bool, int, str]] = {}
        names: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        for row in store.select(internal_query("names")):
            iri, name, tier = sys.intern(row["entity"].value), row["name"], int(row["tier"].value)
            assert isinstance(name, Literal)
            names[normalise(name.value)].append((tier, iri, name.value))
            key = display_key(name, tier)
            if iri not in labels or key < labels[iri]:
                labels[iri] = key
        add_bare_names(names)
        types: dict[str, set[str]] = defaultdict(set)
        for row in store.select(internal_query("types")):
            if isinstance(row["type"], IRI):
                types[sys.intern(row["entity"].value)].add(sys.intern(row["type"].value))
        superclasses = superclasses_of(store)
        return cls({iri: key[2] for iri, key in labels.items()}, names, types, superclasses)

    # What a built store keeps (see :meth:`state`); nothing is worked out again.
    KEPT = ("labels", "names", "types", "superclasses")
    complete = True  # every name is at hand (a remote index asks for them as it goes)
    TRANSIENT = ()

    def state(self, with_names: bool = True) -> dict[str, Any]:
        """The index as plain dicts, lists, sets and strings (what marshal can write);
        without the names themselves where a table keeps them (``with_names`` false)."""
        names = self.names if with_names and isinstance(self.names, dict) else {}
        return {
            "labels": self.labels,
            "names": dict(names),
            "types": dict(self.types),
            "superclasses": self.superclasses,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], names: NameTable | None = None) -> NameIndex:
        """The index :meth:`state` gave, its names looked up in ``names`` if given;
        anything else is a TypeError or ValueError.

        >>> index = NameIndex({"urn:x": "X"}, {"x": [(1, "urn:x", "X")]}, {}, {})
        >>> NameIndex.from_state(index.state()) == index
        True
        """
        if not isinstance(state, dict) or set(state) != set(cls.KEPT):
            raise ValueError("not the state of a name index")
        if not all(isinstance(part, dict) for part in state.values()):
            raise TypeError("not a name index")
        return cls(
            state["labels"],
            state["names"] if names is None else names,
            state["types"],
            state["superclasses"],
        )

    def __contains__(self, iri: str) -> bool:
        return iri in self.labels or iri in self.types

    def prefetch(self, iris: Iterable[str]) -> None:
        """Get ready to name ``iris``: nothing to do here, where every name is at hand (a
        remote index asks for them in one go)."""

    def names_of(self, iri: str) -> list[str]:
        """Every name the graph states for an entity (labels, alternative and hidden ones)."""
        return sorted(
            {
                name
                for entries in self.names.values()
                for tier, i, name in entries
                if i == iri and tier in TIERS
            }
        )

    def lookup(self, key: str) -> list[Entry]:
        """The names equal to ``key`` (normalised), of every tier."""
        return list(self.names.get(key, ()))

    def known(self, keys: set[str]) -> set[str]:
        """Those of ``keys`` (normalised names) that name something, in one look-up."""
        table = self.names
        return {k for k in keys if k in table} if isinstance(table, dict) else table.known(keys)

    def containing(self, stems: Sequence[str]) -> dict[str, list[Entry]]:
        """The names whose words hold every one of ``stems`` (see
        :func:`~careergraph.graph.resolution.forms.content_stems`), by normalised name.

        >>> index = NameIndex({}, {"manage budgets": [(1, "urn:b", "manage budgets")]}, {}, {})
        >>> list(index.containing(["budget"]))
        ['manage budgets']
        """
        table = self.names
        if not isinstance(table, dict):
            return dict(table.containing(stems))
        if self._stems is None:
            self._stems = defaultdict(set)
            for key in table:
                for found in content_stems(key):
                    self._stems[found].add(key)
        keys = set.intersection(*(self._stems.get(s, set()) for s in stems)) if stems else set()
        return {key: table[key] for key in keys}

    def every_key(self) -> list[str]:
        """Every normalised name, for comparing a typed name with all of them (typos)."""
        if self._keys is None:
            table = self.names
            self._keys = list(table) if isinstance(table, dict) else list(table.keys())
        return self._keys

    def kind(self, iri: str) -> str | None:
        """The most specific kind of an entity (``role``, ``skill``...), if it has one."""
        return kind_of(self.classes_of(iri))

    def classes_of(self, iri: str) -> set[str]:
        """The entity's classes and all their superclasses."""
        classes = set(self.types.get(iri, ()))
        for cls in list(classes):
            classes |= self.superclasses.get(cls, set())
        return classes

    def entity(self, iri: str) -> Entity:
        """The entity with this IRI, labelled (its slug stands in for a missing label)."""
        return Entity(self.label(iri), iri, self.kind(iri))

    def label(self, iri: str) -> str:
        """The label of the entity with this IRI (its slug where it has none)."""
        return self.labels.get(iri) or slug_of(iri) or iri

    def describe(self, iri: str) -> str:
        """A label with a name that picks this entity out, its id path:
        ``Security [skill/security]``, ``data scientist [esco/occupation/...]``; an IRI of
        no known base in full."""
        from careergraph.graph.results import short_id

        handle = short_id(iri)
        return f"{self.entity(iri).label} [{handle if handle != iri else f'<{iri}>'}]"

    def closest_iris(self, name: str, fits=lambda iri: True, limit: int = 5) -> list[str]:
        """The entities whose names come closest to ``name`` (by the search's score)."""
        ranked = self._rank(normalise(name), fits)
        return [hit.entity.iri for hit in ranked[:limit] if hit.score >= 0.5]

    def search(self, text: str, limit: int = 20, fits=lambda iri: True) -> list[SearchHit]:
        """Entities whose names match ``text``, best first."""
        return [hit for hit in self._rank(normalise(text), fits) if hit.score >= 0.55][:limit]

    def with_slug(self, wanted: str) -> set[str]:
        """The entities whose slug is ``wanted`` (normalised): careergraph's own, looked up
        by kind; any IRI's last part, in a graph whose names are all at hand (a large one
        keeps its names in SQLite, and ESCO's slugs are numbers nobody types).

        >>> from careergraph import CareerGraph
        >>> sorted(CareerGraph.open().names.with_slug("mlops"))
        ['https://w3id.org/careergraph/id/track/mlops']
        """
        if not wanted or any(space in wanted for space in " \t\n"):
            return set()
        found = {iri for prefix in ID_PREFIXES.values() if (iri := prefix + wanted) in self}
        if isinstance(self.names, dict):
            found |= {
                iri
                for iri in self.labels.keys() | self.types.keys()
                if normalise(slug_of(iri)) == wanted
            }
        return found

    def _rank(self, wanted: str, fits) -> list[SearchHit]:
        import difflib

        from careergraph.graph.results.search import SearchHit

        best: dict[str, SearchHit] = {}
        words = wanted.split()
        # The wanted text is the second sequence, analysed once (as get_close_matches does).
        matcher = difflib.SequenceMatcher(None, b=wanted)
        pool = self.names.items() if isinstance(self.names, dict) else self.names.candidates(wanted)
        for key, entries in pool:
            score = _score(wanted, words, key, matcher)
            if score <= 0:
                continue
            for tier, iri, name in entries:
                adjusted = score - 0.01 * (tier - 1)
                if fits(iri) and (iri not in best or adjusted > best[iri].score):
                    best[iri] = SearchHit(self.entity(iri), name, adjusted)
        return sorted(best.values(), key=lambda h: (-h.score, h.entity.label, h.entity.iri))


def _score(wanted: str, words: list[str], key: str, matcher) -> float:
    """How well a normalised name matches the wanted text, from 0 to 1; ``matcher`` is a
    SequenceMatcher with the wanted text as its second sequence."""
    if not wanted:
        return 0.0
    if key == wanted:
        return 1.0
    if key.startswith(wanted):
        return 0.9
    if re.search(r"\b" + re.escape(wanted), key):
        return 0.8
    if wanted in key:
        return 0.7
    if len(words) > 1 and all(word in key for word in words):
        return 0.65
    matcher.set_seq1(key)
    # The cheap upper bounds first: most names are nowhere near.
    if matcher.real_quick_ratio() < _FUZZY or matcher.quick_ratio() < _FUZZY:
        return 0.0
    ratio = matcher.ratio()
    return ratio * 0.7 if ratio >= _FUZZY else 0.0


def add_bare_names(names: dict[str, list[Entry]]) -> None:
    """Add to ``names`` (normalised name -> entries) each preferred label without its
    parenthesised qualifier, as a name of tier ``BARE`` (an alternative label's qualifier
    is often what tells it apart: "control (robotic component)").

    >>> names = {"python (computer programming)": [(1, "urn:py", "Python (computer programming)")]}
    >>> add_bare_names(names)
    >>> names["python"]
    [(5, 'urn:py', 'Python (computer programming)')]
    """
    bare: dict[str, list[Entry]] = defaultdict(list)
    for entries in names.values():
        for tier, iri, written in entries:
            if tier == PREFERRED and (short := without_qualifier(written)) != written:
                bare[normalise(short)].append((BARE, iri, written))
    for key, entries in bare.items():
        names.setdefault(key, []).extend(sorted(set(entries)))


def superclasses_of(store: Store) -> dict[str, set[str]]:
    """Every class's superclasses, all the way up (rdfs:subClassOf)."""
    parents = values_of(store, RDFS + "subClassOf")
    closure: dict[str, set[str]] = {}
    for cls in parents:
        seen: set[str] = set()
        stack = list(parents[cls])
        while stack:
            parent = stack.pop()
            if parent not in seen:
                seen.add(parent)
                stack.extend(parents.get(parent, ()))
        closure[cls] = seen
    return closure
