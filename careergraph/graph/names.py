"""Names: how people refer to entities, and how a name becomes an entity.

A NAME is matched, case-insensitively and in this order, against: a full IRI (or a compact
``prefix:local`` one), an id path (``role/mlops-engineer``), preferred labels, alternative
labels, other labels (rdfs:label), and finally slugs (``mlops-engineer``). The first step
that matches decides; if it matches several entities the name is ambiguous.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from careergraph.errors import AmbiguousNameError, UnknownNameError, WrongKindError
from careergraph.graph.kinds import Kind, kind_of
from careergraph.graph.queries import internal_query, values_of
from careergraph.graph.results import Entity
from careergraph.graph.store import Store
from careergraph.graph.store.terms import IRI, Literal
from careergraph.namespaces import ID, RDFS, expand

if TYPE_CHECKING:
    from careergraph.graph.results.search import SearchHit

# Name tiers, in resolution order: 1 skos:prefLabel, 2 skos:altLabel, 3 rdfs:label.
_TIERS = (1, 2, 3)
_DISPLAY_RANK = {1: 0, 3: 1, 2: 2}
_FUZZY = 0.75  # the least similarity of a fuzzy match


Entry = tuple[int, str, str]  # (tier, IRI, the name as written)


class NameTable(Protocol):
    """Names looked up one at a time (a built store's SQLite table), instead of a dict."""

    def get(self, key: str, default: Any = ()) -> list[Entry]: ...
    def items(self) -> Iterator[tuple[str, list[Entry]]]: ...
    def values(self) -> Iterator[list[Entry]]: ...
    def candidates(self, wanted: str) -> Iterator[tuple[str, list[Entry]]]: ...


def display_key(name: Literal, tier: int) -> tuple[bool, int, str]:
    """How fit a name is to show an entity by, least first: a preferred label, else an
    rdfs:label, else an alternative one; English or untagged before other languages.

    >>> display_key(Literal("DevOps", language="en"), 1) < display_key(Literal("DO"), 2)
    True
    """
    return (name.language not in (None, "en"), _DISPLAY_RANK[tier], name.value)


def normalise(text: str) -> str:
    """Case-folded, with runs of white space made one space."""
    return " ".join(text.split()).casefold()


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
        """Every name an entity goes by (labels and alternative labels)."""
        return sorted(
            {name for entries in self.names.values() for _, i, name in entries if i == iri}
        )

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

    def resolve(self, name: str, kind: Kind | None = None) -> Entity:
        """The one entity called ``name`` (of ``kind``, if given).

        Raises UnknownNameError with the closest names, or AmbiguousNameError listing the
        entities that share the name.
        """

        def fits(iri: str) -> bool:
            return kind is None or kind.class_iri in self.classes_of(iri)

        for candidates in self._candidates(name.strip()):
            matching = sorted({iri for iri in candidates if fits(iri)})
            if len(matching) == 1:
                return self.entity(matching[0])
            if matching:
                raise AmbiguousNameError(name, [self.describe(iri) for iri in matching])
        raise UnknownNameError(
            name, self.closest(name, fits), what=kind.name.replace("-", " ") if kind else "entity"
        )

    def resolve_among(
        self, name: str, kinds: Sequence[Kind], what: str
    ) -> tuple[Entity, str | None]:
        """The entity called ``name`` among the ``kinds`` a question takes (``what`` says
        them in words: ``role``, ``skill or tool``), and a note where the name also fits
        other entities. Where it names entities of several of those kinds, the kind listed
        first wins (a track before an ESCO skill of the same name); of one kind, the name is
        ambiguous. Raises WrongKindError where it names only entities of other kinds,
        UnknownNameError with the closest names of the kinds taken, AmbiguousNameError.
        """

        def kind_of_entity(iri: str) -> int | None:
            classes = self.classes_of(iri)
            return next((i for i, k in enumerate(kinds) if k.class_iri in classes), None)

        wrong: str | None = None
        for candidates in self._candidates(name.strip()):
            ranked = sorted(
                (rank, i) for i in candidates if (rank := kind_of_entity(i)) is not None
            )
            if not ranked:
                wrong = wrong or min(candidates, default=None)
                continue
            best = [iri for rank, iri in ranked if rank == ranked[0][0]]
            if len(best) > 1:
                raise AmbiguousNameError(name, [self.describe(iri) for iri in best])
            chosen, others = self.entity(best[0]), sorted(candidates - {best[0]})
            note = None
            if others:
                also = ", ".join(self.describe(iri) for iri in others[:3])
                note = f"{name!r} is taken as {self.describe(best[0])}; it also names {also}"
            return chosen, note
        if wrong is not None:
            other = self.entity(wrong)
            raise WrongKindError(other.label, other.kind, _with_articles(what))

        def fits(iri: str) -> bool:
            return kind_of_entity(iri) is not None

        raise UnknownNameError(name, self.closest(name, fits), what=what)

    def describe(self, iri: str) -> str:
        """A label with a name that picks this entity out: ``Security [skill/security]``."""
        handle = iri[len(ID) :] if iri.startswith(ID) else f"<{iri}>"
        return f"{self.entity(iri).label} [{handle}]"

    def closest(self, name: str, fits=lambda iri: True, limit: int = 5) -> list[str]:
        """The labels of the entities whose names are closest to ``name``."""
        wanted = normalise(name)
        ranked = self._rank(wanted, fits)
        return [self.describe(hit.entity.iri) for hit in ranked[:limit] if hit.score >= 0.5]

    def search(self, text: str, limit: int = 20, fits=lambda iri: True) -> list[SearchHit]:
        """Entities whose names match ``text``, best first."""
        return [hit for hit in self._rank(normalise(text), fits) if hit.score >= 0.55][:limit]

    def _candidates(self, name: str) -> Iterable[set[str]]:
        """Sets of IRIs matching ``name``, one per resolution step, in order."""
        iri = name[1:-1] if name.startswith("<") and name.endswith(">") else name
        iri = expand(iri) or iri
        yield {iri} if iri in self else set()
        yield {ID + name} if ID + name in self else set()
        by_tier: dict[int, set[str]] = defaultdict(set)
        for tier, entity_iri, _ in self.names.get(normalise(name), ()):
            by_tier[tier].add(entity_iri)
        for tier in _TIERS:
            yield by_tier[tier]
        yield self._with_slug(normalise(name))

    def _with_slug(self, wanted: str) -> set[str]:
        """The entities whose slug is ``wanted`` (normalised)."""
        return {
            iri
            for iri in self.labels.keys() | self.types.keys()
            if normalise(slug_of(iri)) == wanted
        }

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


def _with_articles(what: str) -> str:
    """``role, track or skill area`` as ``a role, a track or a skill area``.

    >>> _with_articles("skill or tool")
    'a skill or a tool'
    """
    *firsts, last = what.split(" or ")
    parts = [p for first in firsts for p in first.split(", ")] + [last]
    worded = [("an " if p[0] in "aeiou" else "a ") + p for p in parts]
    return ", ".join(worded[:-1]) + " or " + worded[-1] if len(worded) > 1 else worded[0]
