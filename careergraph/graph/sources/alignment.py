"""The alignment room: how the items of one taxonomy are linked to another's, each link
stated once in the graph with its evidence and its confidence, which the careers read back.

- **Label rules** (:class:`SkillLabels`): a built-in skill or tool whose name is an ESCO
  skill's preferred label is that skill (``skos:exactMatch``, confidence 1), or is it but for
  ESCO's parenthesised qualifier (0.9; ``skos:closeMatch`` at 0.5 where several qualify).
- **The curated crosswalk** (``esco-crosswalk.csv``, :func:`curated_links`): what no label
  rule finds, each row with its relation, its confidence and why (Kubernetes is within
  "manage ICT virtualisation environments", 0.7).
- **Role to occupation** (:func:`close_matches`, :func:`role_link`): a built-in role and the
  ESCO occupations whose names are closest to its own.
- **The statement of a link** (:func:`stated`): an ``rdf:Statement`` restating it with
  ``cg:matchedLabel``, ``cg:matchRule`` and ``cg:confidence``, written here for ``import
  esco`` and ``import roles`` alike. The career facts read the confidence back
  (:meth:`careergraph.graph.careers.facts.CareerFacts.confidence`), and similarity weighs a
  link by it: the figure is written once, in the graph.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from careergraph.errors import DataFileError
from careergraph.graph.store.ntriples import iri_triple as _iri
from careergraph.graph.store.ntriples import literal_triple as _literal
from careergraph.namespaces import CG, DCTERMS, ID, RDF, SKOS, XSD

CLOSE_MATCH_THRESHOLD = 0.6
CLOSE_MATCHES = 3
_WORD = re.compile(r"[a-z0-9+#]+")
# Words that say nothing about the work itself.
_STOPWORDS = {"and", "of", "the", "for", "in", "a", "an", "junior", "senior", "lead", "focused"}


def builtin_names() -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """The built-in roles, and the built-in skills, skill areas, tools, tracks (the Python
    track is about Python) and sectors (a career transition may lead to one), with every
    name they go by, in label order: what ESCO's occupations and skills are matched
    against."""
    from careergraph.graph.names import NameIndex
    from careergraph.graph.sources import builtin_sources, load_source
    from careergraph.graph.store import open_store

    store = open_store("oxigraph")
    for source in builtin_sources():
        load_source(store, source)
    names = NameIndex.build(store)

    def named(classes: tuple[str, ...]) -> list[tuple[str, list[str]]]:
        found = [i for i in names.types if any(c in names.classes_of(i) for c in classes)]
        found.sort(key=lambda iri: (names.label(iri).casefold(), iri))
        return [(iri, names.names_of(iri)) for iri in found]

    items = (CG + "Skill", CG + "SkillArea", CG + "Tool", CG + "Track", CG + "IndustrySector")
    return named((CG + "Role",)), named(items)


@dataclass(frozen=True)
class SkillLink:
    """A link from a built-in item (a skill, a tool, a track; a role) to an ESCO skill (an
    occupation), with its evidence."""

    skill: str
    relation: str  # skos:exactMatch or skos:closeMatch
    mine: str  # the built-in label that matched
    theirs: str  # the ESCO label it matched
    rule: str
    confidence: float

    def ntriples(self, item: str, dataset: str) -> Iterator[str]:
        """The link from ``item``, and its evidence on a statement restating it, from
        ``dataset``."""
        yield _iri(item, self.relation, self.skill)
        evidence = f"{dataset}:link:{_digest(item + self.relation + self.skill)}"
        joined = _JOINED[self.relation.rsplit("#", 1)[1]]
        said = f"{self.mine}{joined}{self.theirs}"
        yield from stated(evidence, (item, self.relation, self.skill), said, self.rule,
                          self.confidence)  # fmt: skip
        yield _iri(evidence, DCTERMS + "source", dataset)


# How cg:matchedLabel joins the two labels, by the link's kind.
_JOINED = {
    "exactMatch": " = ",
    "closeMatch": " ~ ",
    "broadMatch": " within ",
    "relatedMatch": " ~ ",
}
SAME_LABEL = "the built-in item's label is the ESCO skill's preferred label (any case)"
SAME_BUT_QUALIFIER = (
    "the built-in item's label is the ESCO skill's preferred label without its parenthesised "
    "qualifier (Python = Python (computer programming))"
)
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")


class SkillLabels:
    """The preferred labels of ESCO's skills, looked up by a built-in item's names. Only
    preferred labels count: ESCO's alternative labels mix synonyms with narrower terms
    ("security" is one of "securities", "git" of "tools for software configuration
    management")."""

    def __init__(self, skills: dict[str, list[str]]):
        self.same: dict[str, list[tuple[str, str]]] = {}
        self.bare: dict[str, list[tuple[str, str]]] = {}
        for skill, labels in skills.items():
            preferred = labels[0]
            key = _key(preferred)
            self.same.setdefault(key, []).append((skill, preferred))
            bare = _QUALIFIER.sub("", key)
            if bare != key:
                self.bare.setdefault(bare, []).append((skill, preferred))

    def links(self, names: list[str]) -> list[SkillLink]:
        """The ESCO skills a built-in skill or tool called ``names`` is: ``skos:exactMatch``
        where a name is a skill's preferred label (confidence 1), or is it but for ESCO's
        parenthesised qualifier (0.9; ``skos:closeMatch`` at 0.5 where several qualify).

        >>> labels = SkillLabels({"urn:py": ["Python (computer programming)"], "urn:x": ["X"]})
        >>> link = labels.links(["Python"])[0]
        >>> link.skill, link.relation.rsplit("#")[1], link.confidence
        ('urn:py', 'exactMatch', 0.9)
        """
        same = [(n, s, label) for n in names for s, label in self.same.get(_key(n), ())]
        if same:
            return [
                SkillLink(skill, SKOS + "exactMatch", name, label, SAME_LABEL, 1.0)
                for name, skill, label in sorted(set(same), key=lambda found: found[1])
            ]
        bare = sorted({(s, n, label) for n in names for s, label in self.bare.get(_key(n), ())})
        relation, confidence = ("exactMatch", 0.9) if len(bare) == 1 else ("closeMatch", 0.5)
        return [
            SkillLink(skill, SKOS + relation, name, label, SAME_BUT_QUALIFIER, confidence)
            for skill, name, label in bare
        ]


CURATED = "careergraph's curated crosswalk (graph/sources/esco-crosswalk.csv): {why}"
# What a curated row's relation is (ESCO's skills are broader than most built-in items: ESCO
# has no Kubernetes, only "manage ICT virtualisation environments"); each row says how sure.
CURATED_RELATIONS = {
    "exact": SKOS + "exactMatch",
    "close": SKOS + "closeMatch",
    "broad": SKOS + "broadMatch",
}


def curated_links(
    skills: dict[str, list[str]],
    items: dict[str, str],
    table: Iterable[dict[str, str]] | None = None,
) -> dict[str, list[SkillLink]]:
    """The links of careergraph's curated crosswalk from the built-in ``items`` (IRI ->
    label) to the ESCO skills of ``skills`` (IRI -> labels, preferred first; the
    occupations a sector is linked to are there too), by item; a row whose item or ESCO
    concept is not there (another version of either) is left out. Each row
    of the table (``esco-crosswalk.csv`` unless ``table`` is given) names the item by its id
    path, the relation, its confidence (above 0, at most 1), the ESCO skill, its label and
    why; a row that does not raises DataFileError, naming its line.

    >>> row = {"item": "tool/kubernetes", "relation": "broad", "confidence": "0.7",
    ...        "esco_skill": "urn:v", "esco_label": "manage ICT virtualisation environments",
    ...        "why": "it names it"}
    >>> skills = {"urn:v": ["manage ICT virtualisation environments"]}
    >>> kubernetes = ID + "tool/kubernetes"
    >>> links = curated_links(skills, {kubernetes: "Kubernetes"}, [row])
    >>> [(link.relation.rsplit("#")[1], link.confidence) for link in links[kubernetes]]
    [('broadMatch', 0.7)]
    """
    if table is None:
        table = _crosswalk_table()
    found: dict[str, list[SkillLink]] = {}
    for line, row in enumerate(table, start=2):
        relation, confidence = _curated_row(row, line)
        skill, item = row["esco_skill"], ID + row["item"]
        if skill not in skills or item not in items:
            continue
        rule = CURATED.format(why=row["why"])
        link = SkillLink(skill, relation, items[item], skills[skill][0], rule, confidence)
        found.setdefault(item, []).append(link)
    return found


def _curated_row(row: dict[str, str], line: int) -> tuple[str, float]:
    """A crosswalk row's relation and confidence (DataFileError where either is not one)."""
    try:
        confidence = float(row["confidence"])
    except (TypeError, ValueError):
        confidence = math.nan
    if row.get("relation") not in CURATED_RELATIONS or not 0 < confidence <= 1:
        raise DataFileError(
            "esco-crosswalk.csv",
            "a row needs a relation (exact, close or broad) and a confidence above 0, at most 1",
            line,
        )
    return CURATED_RELATIONS[row["relation"]], confidence


def _crosswalk_table() -> list[dict[str, str]]:
    from importlib.resources import files

    text = files(__package__).joinpath("esco-crosswalk.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _key(label: str) -> str:
    return " ".join(label.split()).casefold()


def _digest(text: str) -> str:
    from careergraph.graph.cache.files import blake2b_digest

    return blake2b_digest(text.encode("utf-8"), digest_size=8).hexdigest()


SAME_NAME = (
    "the role's name (junior, senior and the like aside) is a name of the occupation: "
    "{mine} = {theirs}"
)
SIMILAR_NAME = (
    "the role's name is close to a name of the occupation ({score:.2f} of their words' weight, "
    "rare words weighing more): {mine} ~ {theirs}; careergraph moves between them only where "
    "their skills agree"
)


def role_link(
    role: str, names: list[str], occupation: str, labels: list[str], score: float, dataset: str
) -> Iterator[str]:
    """The link from a built-in role to an ESCO occupation whose name is close to its own,
    with its evidence: ``skos:closeMatch`` where the role's name is a name of the occupation
    (a score of 1: DevOps Engineer is ESCO's "DevOps engineer", an alternative label of
    *ICT change and configuration manager*), else only ``skos:relatedMatch`` (Site
    Reliability Engineer is not *dependability engineer*, whose "reliability engineer" it
    contains)."""
    same = score > 0.9999
    relation = SKOS + ("closeMatch" if same else "relatedMatch")
    mine, theirs = _closest_pair(names, labels)
    rule = (SAME_NAME if same else SIMILAR_NAME).format(mine=mine, theirs=theirs, score=score)
    link = SkillLink(occupation, relation, mine, theirs, rule, round(score, 2))
    yield from link.ntriples(role, dataset)


def _closest_pair(names: list[str], labels: list[str]) -> tuple[str, str]:
    """The role's name and the occupation's label that share the most words."""

    def shared(pair: tuple[str, str]) -> tuple[int, int]:
        mine, theirs = _words(pair[0]), _words(pair[1])
        return (len(mine & theirs), -len(mine ^ theirs))

    return max(((n, label) for n in names for label in labels), key=shared)


def close_matches(names: list[str], occupations: dict[str, list[str]]) -> list[tuple[str, float]]:
    """The ESCO occupations closest to a role, best first.

    Two names are compared by the words they share, each word weighted by how rare it is
    among ESCO's occupation names (its inverse document frequency): shared weight over the
    weight of all the words of both (a weighted Jaccard). Words such as "junior" or
    "senior" that say nothing of the work are left out. An occupation scores its best pair
    of names (the role's labels, the occupation's preferred and alternative labels); up to
    ``CLOSE_MATCHES`` occupations scoring at least ``CLOSE_MATCH_THRESHOLD`` are kept. So
    "Site Reliability Engineer" does not match "site engineer": the rare word "reliability"
    weighs more than the common "site" and "engineer" together.
    """
    labels = {iri: [_words(label) for label in names_] for iri, names_ in occupations.items()}
    frequency: dict[str, int] = {}
    for words_list in labels.values():
        for word in set().union(*words_list):
            frequency[word] = frequency.get(word, 0) + 1
    total = len(labels) or 1

    def weight(word: str) -> float:
        return math.log((total + 1) / (frequency.get(word, 0) + 1)) + 1.0

    def similarity(first: frozenset[str], second: frozenset[str]) -> float:
        union = sum(weight(w) for w in first | second)
        return sum(weight(w) for w in first & second) / union if union else 0.0

    wanted = [w for w in (_words(name) for name in names) if w]
    scored = []
    for iri, candidates in labels.items():
        best = max((similarity(w, c) for w in wanted for c in candidates), default=0.0)
        if best >= CLOSE_MATCH_THRESHOLD:
            scored.append((iri, best))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:CLOSE_MATCHES]


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS)


def stated(
    statement: str,
    link: tuple[str, str, str],
    matched: str,
    rule: str,
    confidence: float,
) -> Iterator[str]:
    """N-Triples lines of ``statement``, restating ``link`` (subject, predicate, object)
    with the labels ``matched``, the ``rule`` that matched them and its ``confidence``.

    >>> lines = list(stated("urn:s", ("urn:a", "urn:p", "urn:b"), "a = b", "same label", 0.9))
    >>> lines[-1].split(" ", 2)[2]
    '"0.90"^^<http://www.w3.org/2001/XMLSchema#decimal> .\\n'
    """
    subject, predicate, target = link
    yield _iri(statement, RDF + "type", RDF + "Statement")
    yield _iri(statement, RDF + "subject", subject)
    yield _iri(statement, RDF + "predicate", predicate)
    yield _iri(statement, RDF + "object", target)
    yield _literal(statement, CG + "matchedLabel", matched)
    yield _literal(statement, CG + "matchRule", rule)
    yield _literal(statement, CG + "confidence", f"{confidence:.2f}", datatype=XSD + "decimal")
