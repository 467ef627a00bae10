"""The resolution ladder: from what a person typed to the entities they mean.

A name is tried against these rules in order; the first that finds an entity of a kind the
question takes decides (``CONFIDENCE`` says how sure each exact rule is; a fuzzy rule's
confidence is its score):

1. ``iri``: a full or compact IRI, or an id path (``role/mlops-engineer``,
   ``esco/occupation/...``);
2. ``preferred``, ``alternative``, ``label``, ``hidden``: a label the graph states, any case
   (ESCO's hidden labels are the words it finds a concept by: "leadership");
3. ``slug``: the last part of an IRI (``mlops-engineer``);
4. ``alias``: careergraph's curated alias table (k8s, js, Excel: :mod:`.aliases`);
5. ``qualifier``: a preferred label without its parenthesised qualifier ("python" for
   *Python (computer programming)*);
6. ``containment``: every word of the name, by stem and leaving out words such as "with",
   is in one label ("budgets" in *manage budgets*): the label the name covers most of
   (preferred labels first, the words as typed before other forms of them), then the
   entity more roles list (the more common meaning), then the one more of whose labels
   hold the words;
7. ``typo``: a name one edit away (a name of 4 to 9 characters) or two (10 or more), edits
   counted as Levenshtein's with transpositions (optimal string alignment): "ICT sytem
   administrator".

A name that a rule up to the qualifier's (1-5) finds among entities of other kinds only is
not read further by the fuzzy ones: "data scientist" is an occupation, not a skill that
contains its words.
Where a label names several entities of the best kind (ESCO gives "react quickly" to two
skills), the reading holds them all, each with an equal share of the credit, unless the
alias table says which one the name means ("ML": machine learning, not the ML language).
For ``match``, entities a fuzzy rule scores equally share the credit the same way (up to
``TIES``, the more common first: "payroll" is *manage payroll* and *check payrolls*, half
each); a command that takes one name takes the most common one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from careergraph.errors import AmbiguousNameError, UnknownNameError, WrongKindError
from careergraph.graph.names import ALTERNATIVE, BARE, HIDDEN, LABEL, PREFERRED
from careergraph.graph.resolution.aliases import aliases_of
from careergraph.graph.resolution.forms import STOP_WORDS, content_stems, normalise, words
from careergraph.graph.resolution.readings import Reading, Skipped
from careergraph.namespaces import ID, expand
from careergraph.taxonomies import DATASET_BASE, ESCO_CONCEPTS, taxonomy

if TYPE_CHECKING:
    from careergraph.graph.kinds import Kind
    from careergraph.graph.names import NameIndex
    from careergraph.graph.results import Entity

CONFIDENCE = {
    "iri": 1.0,
    "preferred": 1.0,
    "alternative": 0.95,
    "label": 0.95,
    "hidden": 0.9,
    "slug": 0.9,
    "alias": 0.9,
    "qualifier": 0.85,
}
_TIER_RULES = {PREFERRED: "preferred", ALTERNATIVE: "alternative", LABEL: "label", HIDDEN: "hidden"}
# What a label's tier weighs in the fuzzy rules: a preferred label is what the entity is.
_TIER_WEIGHT = {PREFERRED: 1.0, ALTERNATIVE: 0.9, LABEL: 0.9, HIDDEN: 0.8, BARE: 0.9}
LEAST_COVERAGE = 0.2  # containment: the least share of a label's words the name must cover
STEM_ONLY = 0.9  # containment: what a word found only as another form of it counts
CONFIDENT = 0.5  # the least confidence a command that takes one name answers with
TIES = 5  # match: how many skills a fuzzy rule scores equally share a name's credit
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Wanted:
    """What a question takes: ``kinds`` by preference (None: any, all alike), whether it
    takes the other kinds too, after those (``others``), and ``what`` in words (``role``,
    ``skill or tool``) for messages."""

    kinds: tuple[Kind, ...] | None = None
    what: str = "entity"
    others: bool = False

    def rank(self, index: NameIndex, iri: str) -> int | None:
        """The preference of the entity's kind (0 first), or None for a kind not taken."""
        if self.kinds is None:
            return 0
        classes = index.classes_of(iri)
        found = (i for i, kind in enumerate(self.kinds) if kind.class_iri in classes)
        return next(found, len(self.kinds) if self.others else None)


def read_name(
    index: NameIndex,
    name: str,
    wanted: Wanted = Wanted(),
    *,
    prior: Callable[[str], float] | None = None,
    everything: Callable[[], NameIndex] | None = None,
    rules: str = "all",
    across: bool = False,
    suggest: bool = True,
    ties: int = 1,
) -> Reading | Skipped:
    """What ``name`` means among the entities ``wanted`` takes, by the first rule of the
    ladder that finds any (see the module docstring); a :class:`Skipped` with the closest
    candidates where none does. ``rules`` says how far down the ladder to go: ``exact``
    (the names the graph states), ``named`` (those, the alias table and labels without
    their qualifier: names, nothing guessed) or ``all``. ``prior`` ranks the entities a
    fuzzy rule finds equally (how common each is: how many roles list a skill);
    ``everything`` gives an index with every name where ``index`` asks for them as it goes
    (a remote graph's), for the rules past the alias table. With ``across``, a name read by
    its label in one taxonomy is read in the others too where it is a label there (a person
    who names "troubleshooting" has the built-in skill and ESCO's, each in full). Without
    ``suggest``, a name that is not read comes without the closest candidates (they cost a
    search of every name). ``ties`` is how many entities a fuzzy rule scores equally may
    share its reading (1: the most common alone).

    >>> from careergraph import CareerGraph
    >>> read_name(CareerGraph.open().names, "k8s").note()
    "read 'k8s' as Kubernetes (alias)"
    """
    text = " ".join(name.split())
    if not text:
        return Skipped(name, "unknown", ())
    reading = _by_exact_rules(index, name, text, wanted, across)
    if isinstance(reading, Reading):
        return reading
    other_kind = reading  # an entity of another kind a rule found, if any
    if rules != "exact":
        alias = _alias(index, name, wanted)
        if isinstance(alias, Reading):
            return alias
        other_kind = other_kind or alias
    if other_kind is None and rules != "exact" and (index.complete or everything):
        if not index.complete:  # the rules below read every name
            index = everything()
            # The exact rules again, here: a server may lower a name otherwise than
            # careergraph folds it (a label of a script its LCASE does not know).
            reading = _by_exact_rules(index, name, text, wanted, across)
            if isinstance(reading, Reading):
                return reading
        if reading is None:
            bare = {iri for tier, iri, _ in index.lookup(normalise(text)) if tier == BARE}
            reading = _choose(index, name, wanted, "qualifier", bare)
            if isinstance(reading, Reading):
                return reading
        other_kind = reading
    if other_kind is not None:
        return _wrong_kind(index, name, other_kind, wanted)
    if rules == "all" and index.complete:
        for rule, ranked in (("containment", _containment), ("typo", _typos)):
            reading = _ranked(index, name, wanted, rule, ranked(index, text), prior, ties)
            if reading is not None:
                return reading
    return Skipped(name, "unknown", tuple(_nearest(index, text, wanted)) if suggest else ())


def _by_exact_rules(
    index: NameIndex, name: str, text: str, wanted: Wanted, across: bool
) -> Reading | str | None:
    """The reading of the first exact rule that finds an entity ``wanted`` takes; else the
    kind of an entity of another kind one found, or None."""
    other_kind: str | None = None
    for rule, found in _exact(index, text):
        reading = _choose(index, name, wanted, rule, found)
        if isinstance(reading, Reading):
            return _with_other_taxonomies(index, text, wanted, reading) if across else reading
        other_kind = other_kind or reading
    return other_kind


def resolve_one(
    index: NameIndex,
    name: str,
    wanted: Wanted = Wanted(),
    *,
    rules: str = "all",
    prior: Callable[[str], float] | None = None,
    everything: Callable[[], NameIndex] | None = None,
) -> tuple[Entity, str | None]:
    """The one entity ``name`` means, for a command that takes one name (with ``given`` and
    ``rule`` where it was read past its exact labels), and a note on how it was read (None
    for the exact name of one entity). A reading of several entities, or
    one under ``CONFIDENT`` confidence, is not an answer; ``rules`` is as for
    :func:`read_name`. Raises UnknownNameError (with the closest candidates), AmbiguousNameError
    or WrongKindError.

    >>> from careergraph import CareerGraph
    >>> entity, note = resolve_one(CareerGraph.open().names, "Teraform")
    >>> entity.label, entity.rule, note
    ('Terraform', 'typo', "read 'Teraform' as Terraform (tool) (typo)")
    """
    reading = read_name(index, name, wanted, prior=prior, everything=everything, rules=rules)
    describe = index.describe
    if isinstance(reading, Skipped):
        if reading.reason == "wrong-kind":
            entity = reading.candidates[0]
            raise WrongKindError(entity.label, entity.kind, _articles(wanted.what))
        closest = [describe(e.iri) for e in reading.candidates]
        raise UnknownNameError(name, closest, what=wanted.what)
    if len(reading.entities) > 1:
        raise AmbiguousNameError(name, [describe(e.iri) for e in reading.entities])
    if reading.confidence < CONFIDENT:
        closest = [describe(e.iri) for e in (*reading.entities, *reading.others)]
        raise UnknownNameError(name, closest, what=wanted.what)
    entity = reading.entity
    if not reading.exact:  # the result carries what was typed and how it was read
        entity = replace(entity, given=name, rule=reading.rule)
    return entity, reading.note(_with_kind)


def _exact(index: NameIndex, text: str) -> Iterable[tuple[str, set[str]]]:
    """The exact rules, in order, each with the IRIs it finds."""
    iri = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    iri = expand(iri) or iri
    found = {iri} if not _SPACE.search(iri) and iri in index else set()
    if not found and not _SPACE.search(text):  # an id path: careergraph's, ESCO's, a dataset's
        esco = ESCO_CONCEPTS + text[len("esco/") :] if text.startswith("esco/") else None
        full = (esco,) if esco else (ID + text, DATASET_BASE + text)
        found = next(({iri} for iri in full if iri in index), set())
    yield "iri", found
    by_tier: dict[int, set[str]] = {}
    for tier, entity, _ in index.lookup(normalise(text)):
        by_tier.setdefault(tier, set()).add(entity)
    for tier, rule in _TIER_RULES.items():
        yield rule, by_tier.get(tier, set())
    yield "slug", index.with_slug(normalise(text))


def _choose(
    index: NameIndex, name: str, wanted: Wanted, rule: str, found: set[str]
) -> Reading | str | None:
    """The reading an exact rule's IRIs give: those of the best kind the question takes (a
    shared label: each an equal share, unless the alias table picks); the first IRI of
    another kind where none is of a kind taken; None where the rule found nothing."""
    if not found:
        return None
    ranked = sorted((rank, iri) for iri in found if (rank := wanted.rank(index, iri)) is not None)
    if not ranked:
        return min(found)
    best = [iri for rank, iri in ranked if rank == ranked[0][0]]
    also = tuple(index.entity(iri) for iri in sorted(found - set(best))[:3])
    if len(best) > 1:
        picked = [a for a in aliases_of(name) if a.target in best]
        if picked:
            entities = tuple(index.entity(a.target) for a in picked)
            credits = tuple(a.credit for a in picked)
            return Reading(name, entities, credits, "alias", CONFIDENCE["alias"], picked[0].why)
    share = 1.0 / len(best)
    entities = tuple(index.entity(iri) for iri in best)
    return Reading(name, entities, (share,) * len(best), rule, CONFIDENCE[rule], others=also)


def _with_other_taxonomies(
    index: NameIndex, text: str, wanted: Wanted, reading: Reading
) -> Reading:
    """The reading, with what the name is a label of in the taxonomies it has none in yet:
    in each, the entities of the best tier and the best kind taken, as :func:`_choose`
    would pick them, each taxonomy's share of the credit whole."""
    if reading.rule == "iri":
        return reading
    have = {taxonomy(e.iri) for e in reading.entities}
    by_taxonomy: dict[str, dict[int, set[str]]] = {}
    for tier, iri, _ in index.lookup(normalise(text)):
        if (found := taxonomy(iri)) not in have and wanted.rank(index, iri) is not None:
            by_taxonomy.setdefault(found, {}).setdefault(tier, set()).add(iri)
    entities, credits = list(reading.entities), list(reading.credits)
    for tiers in by_taxonomy.values():
        found = _choose(index, text, wanted, "preferred", tiers[min(tiers)])
        if isinstance(found, Reading):
            entities += found.entities
            credits += found.credits
    if len(entities) == len(reading.entities):
        return reading
    return replace(reading, entities=tuple(entities), credits=tuple(credits))


def _alias(index: NameIndex, name: str, wanted: Wanted) -> Reading | str | None:
    """The alias table's reading of ``name``: its targets the graph holds of the kinds the
    question takes (one in each taxonomy, each meant); the first target of another kind
    where none is of a kind taken."""
    rows = [a for a in aliases_of(name) if a.target in index]
    ranked = sorted(
        (r, i) for i, a in enumerate(rows) if (r := wanted.rank(index, a.target)) is not None
    )
    if not ranked:
        return rows[0].target if rows else None
    chosen = [rows[i] for _, i in ranked]  # a target in each taxonomy: each is meant
    entities = tuple(index.entity(a.target) for a in chosen)
    credits = tuple(a.credit for a in chosen)
    why = "; ".join(dict.fromkeys(a.why for a in chosen))
    return Reading(name, entities, credits, "alias", CONFIDENCE["alias"], why)


def _wrong_kind(index: NameIndex, name: str, iri: str, wanted: Wanted) -> Skipped:
    entity = index.entity(iri)
    detail = f"{entity.label!r} is {_article(entity.kind or 'thing')}, not {_articles(wanted.what)}"
    return Skipped(name, "wrong-kind", (entity,), detail)


# ---- the fuzzy rules --------------------------------------------------------------------------

Scored = tuple[float, str, int]  # (score, IRI, tier of the name that scored)


def _containment(index: NameIndex, text: str) -> list[Scored]:
    """Every entity one of whose names holds every meaningful word of ``text`` (by stem),
    scored by the share of that name's words the text covers, times its tier's weight, and
    times ``STEM_ONLY`` where a word is there only as another form ("nursing" for "nurse")."""
    stems = content_stems(text)
    if not stems or len(text) < 3:
        return []
    typed = set(words(text)) - STOP_WORDS
    scored = []
    for key, entries in index.containing(stems).items():
        coverage = len(stems) / max(len(content_stems(key)), len(stems))
        if coverage < LEAST_COVERAGE:
            continue
        if not typed <= set(words(key)):
            coverage *= STEM_ONLY
        for tier, iri, _ in entries:
            if tier != BARE:  # the whole label is there too, with the same words
                scored.append((coverage * _TIER_WEIGHT[tier], iri, tier))
    return scored


def typo_budget(text: str) -> int:
    """How many edits a typed name may be from a name: none under 4 characters, one up to
    9, two from 10.

    >>> [typo_budget(t) for t in ("sql", "indesign", "ICT sytem administrator")]
    [0, 1, 2]
    """
    return 0 if len(text) < 4 else 1 if len(text) < 10 else 2


def _typos(index: NameIndex, text: str) -> list[Scored]:
    """Every entity with a name at most :func:`typo_budget` edits from ``text``, scored by
    one minus the edits over the length; only the names at the fewest edits found."""
    budget = typo_budget(text)
    if not budget:
        return []
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    wanted = normalise(text)
    found = process.extract(
        wanted, index.every_key(), scorer=OSA.distance, score_cutoff=budget, limit=None
    )
    found = [(key, edits) for key, edits, _ in found if edits > 0]
    if not found:
        return []
    fewest = min(edits for _, edits in found)
    scored = []
    for key, edits in found:
        if edits == fewest:
            for tier, iri, _ in index.lookup(key):
                score = (1 - edits / max(len(key), len(wanted))) * _TIER_WEIGHT[tier]
                scored.append((score, iri, tier))
    return scored


def _ranked(
    index: NameIndex,
    name: str,
    wanted: Wanted,
    rule: str,
    scored: list[Scored],
    prior: Callable[[str], float] | None,
    ties: int = 1,
) -> Reading | None:
    """The reading of a fuzzy rule: the entity of a kind taken with the best score, then of
    the kind taken first, then with the highest ``prior``, then with the most names that
    scored; entities equal on all four share the reading, and so do up to ``ties`` entities
    equal on the first two (in that order). Its confidence is the score."""
    best: dict[str, tuple[int, float]] = {}  # IRI -> (kind rank, best score)
    names: dict[str, int] = {}
    for score, iri, _ in scored:
        rank = wanted.rank(index, iri)
        if rank is not None:
            best[iri] = (rank, max(best.get(iri, (rank, 0.0))[1], score))
            names[iri] = names.get(iri, 0) + 1
    if not best:
        return None

    def key(iri: str) -> tuple[float, int, float, int]:
        rank, score = best[iri]
        return (-round(score, 9), rank, -(prior(iri) if prior else 0.0), -names[iri])

    order = sorted(best, key=lambda iri: (*key(iri), index.label(iri).casefold(), iri))
    top = [iri for iri in order if key(iri) == key(order[0])]
    if ties > len(top):
        top = [iri for iri in order if key(iri)[:2] == key(order[0])[:2]][: max(ties, len(top))]
    entities = tuple(index.entity(iri) for iri in top)
    others = tuple(index.entity(iri) for iri in order[len(top) : len(top) + 3])
    share = 1.0 / len(top)
    confidence = best[order[0]][1]
    return Reading(name, entities, (share,) * len(top), rule, confidence, others=others)


def _nearest(index: NameIndex, text: str, wanted: Wanted, limit: int = 5) -> list[Entity]:
    """The entities whose names come closest to ``text``, for a name no rule read: those the
    search scores highest, then those whose names share the most of its words."""

    def fits(iri: str) -> bool:
        return wanted.rank(index, iri) is not None

    found = dict.fromkeys(index.closest_iris(text, fits, limit))
    stems = content_stems(text)
    if len(found) < limit and len(stems) > 1 and index.complete:
        shared: dict[str, float] = {}
        for stem in stems:
            for key, entries in index.containing([stem]).items():
                score = len(set(stems) & set(content_stems(key))) / len(content_stems(key))
                for _, iri, _ in entries:
                    if fits(iri):
                        shared[iri] = max(shared.get(iri, 0.0), score)
        ranked = sorted(shared, key=lambda iri: (-shared[iri], index.label(iri).casefold()))
        found.update(dict.fromkeys(ranked[: limit - len(found)]))
    return [index.entity(iri) for iri in found]


def _with_kind(entity: Entity) -> str:
    """An entity as a note names it: ``specialist nurse (occupation)``."""
    return f"{entity.label} ({(entity.kind or 'entity').replace('-', ' ')})"


def _article(kind: str) -> str:
    worded = kind.replace("-", " ")
    return ("an " if worded[0] in "aeiou" else "a ") + worded


def _articles(what: str) -> str:
    """``role, track or skill area`` as ``a role, a track or a skill area``.

    >>> _articles("skill or tool")
    'a skill or a tool'
    """
    *firsts, last = what.split(" or ")
    parts = [p for first in firsts for p in first.split(", ")] + [last]
    worded = [_article(p) for p in parts]
    return ", ".join(worded[:-1]) + " or " + worded[-1] if len(worded) > 1 else worded[0]
