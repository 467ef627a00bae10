"""The taxonomies careergraph answers on, and what each declares: the one place the rest of
the code asks "what kind of taxonomy is this?", never "is it ESCO?".

Each declares its importer, its IRI prefix, its vocabulary, the kind and class of its roles
and the class of its skills, the links by which its roles need skills (essential, or optional
at ``OPTIONAL_WEIGHT``), how its roles reach the other taxonomies' and whether it lends a
job architecture its skills. Pay needs no declaration: every taxonomy's is read alike (a
role's salary band or range, with its currency), and one that states none (ESCO) has none.

- ``builtin``: the built-in graph and ``--data`` files, in careergraph's vocabulary.
- ``esco``: the ESCO classification (``careergraph import esco``), in ESCO's vocabulary; its
  occupations need skills essentially or optionally.
- a job architecture (``careergraph import roles FILE.csv --name NAME``): a company's roles,
  families, levels and skills, in careergraph's vocabulary, its IRIs under
  ``https://w3id.org/careergraph/dataset/NAME/``; the taxonomy is called by the dataset's name.

Roles of two taxonomies in careergraph's vocabulary (the built-in graph and a job
architecture, whose skills are the built-in ones where their names are) are compared item by
item; a role and an ESCO occupation are compared on ESCO's skills (see
:mod:`careergraph.graph.careers.similarity`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from careergraph.namespaces import CG
from careergraph.namespaces import ESCO as ESCO_MODEL

ESCO_CONCEPTS = "http://data.europa.eu/esco/"
DATASET_BASE = "https://w3id.org/careergraph/dataset/"


@dataclass(frozen=True)
class Taxonomy:
    """What a taxonomy declares."""

    name: str
    shown_as: str  # in answers: "built-in", "ESCO", a job architecture's name
    prefix: str | None  # where its IRIs start (None: every IRI no other taxonomy claims)
    importer: str | None  # the ``careergraph import`` command that brings it in
    vocabulary: str  # "careergraph" or "esco": taxonomies of one vocabulary compare items
    role: tuple[str, str]  # the kind of entity its roles are (graph/kinds.py), and their class
    skill_class: str  # the class of its skills
    essential: tuple[str, ...]  # the links by which its roles need a skill
    optional: tuple[str, ...]  # those by which they list one as optional (OPTIONAL_WEIGHT)
    reaches_across: bool  # its roles move to their nearest of other taxonomies, and back
    track_skills_from_roles: bool  # a track with no core skill has its roles' skills
    roles_inherit_track: bool  # a role's profile holds its track's (a job family's: not)
    lends_skills: bool  # an imported job architecture's skills are read as its skills
    credit: str | None = None  # where its entities come from, where they do not say


# careergraph's vocabulary: the built-in graph's and every job architecture's.
_CAREERGRAPH = {
    "vocabulary": "careergraph", "role": ("role", CG + "Role"), "skill_class": CG + "Skill",
    "essential": (CG + "requiresSkill",), "optional": (CG + "optionalSkill",),
}  # fmt: skip
BUILTIN = Taxonomy(
    "builtin", "built-in", prefix=None, importer=None, **_CAREERGRAPH,
    reaches_across=True, track_skills_from_roles=True, roles_inherit_track=True,
    lends_skills=True,
)  # fmt: skip
ESCO = Taxonomy(
    "esco", "ESCO", prefix=ESCO_CONCEPTS, importer="esco", vocabulary="esco",
    role=("occupation", ESCO_MODEL + "Occupation"), skill_class=ESCO_MODEL + "Skill",
    essential=(ESCO_MODEL + "relatedEssentialSkill",),
    optional=(ESCO_MODEL + "relatedOptionalSkill",),
    reaches_across=False, track_skills_from_roles=False, roles_inherit_track=False,
    lends_skills=True, credit="the ESCO classification (European Commission)",
)  # fmt: skip
# The registry: every taxonomy of its own (a job architecture is one per imported dataset,
# :func:`job_architecture`). A new one (O*NET, a national framework) is an entry here and
# its importer, a module of graph/sources.
REGISTERED = (BUILTIN, ESCO)
_PREFIXES = tuple((t.prefix, t.name) for t in REGISTERED if t.prefix)
# What an optional skill counts for against a needed one, in every taxonomy (ESCO's
# relatedOptionalSkill; a job architecture's "optional" or importance 1-2).
OPTIONAL_WEIGHT = 0.5
# The taxonomy whose skills roles of two vocabularies are compared on: what each role's items
# are linked to there (the alignment room's links, graph/sources/alignment.py).
ACROSS = ESCO


def job_architecture(name: str) -> Taxonomy:
    """The taxonomy of a job architecture imported as ``name``.

    >>> job_architecture("acme").prefix
    'https://w3id.org/careergraph/dataset/acme/'
    """
    return Taxonomy(
        name, name, prefix=f"{DATASET_BASE}{name}/", importer="roles", **_CAREERGRAPH,
        reaches_across=True, track_skills_from_roles=True, roles_inherit_track=False,
        lends_skills=False,
    )  # fmt: skip


def imported_as(importer: str, dataset: str) -> str:
    """The taxonomy a dataset that ``careergraph import IMPORTER`` made belongs to: the
    registered one of that importer, or (a job architecture) the dataset's own.

    >>> imported_as("esco", "esco"), imported_as("roles", "acme")
    ('esco', 'acme')
    """
    return next((t.name for t in REGISTERED if t.importer == importer), dataset)


def kinds_of_taxonomy() -> tuple[Taxonomy, ...]:
    """One taxonomy of each kind the registry knows (the built-in graph, ESCO, a job
    architecture): what the classes and links the careers read are gathered from.

    >>> [t.role[0] for t in kinds_of_taxonomy()]
    ['role', 'occupation', 'role']
    """
    return (*REGISTERED, job_architecture("job-architecture"))


def gathered(values: Iterable[str | tuple[str, ...]]) -> tuple[str, ...]:
    """The distinct strings of strings and tuples of them, in order.

    >>> [link.rsplit("#")[1] for link in gathered(t.essential for t in kinds_of_taxonomy())]
    ['requiresSkill', 'relatedEssentialSkill']
    """
    found: dict[str, None] = {}
    for value in values:
        for one in (value,) if isinstance(value, str) else value:
            found[one] = None
    return tuple(found)


def taxonomy(iri: str) -> str:
    """The name of the taxonomy an entity belongs to; a ``"^"`` before the IRI is ignored.

    >>> taxonomy("http://data.europa.eu/esco/occupation/x"), taxonomy("urn:mine")
    ('esco', 'builtin')
    >>> taxonomy("https://w3id.org/careergraph/dataset/acme/role/data-analyst")
    'acme'
    """
    iri = iri.removeprefix("^")
    for prefix, name in _PREFIXES:
        if iri.startswith(prefix):
            return name
    if iri.startswith(DATASET_BASE):
        return iri[len(DATASET_BASE) :].split("/", 1)[0]
    return BUILTIN.name


@cache
def declared(name: str) -> Taxonomy:
    """What the taxonomy called ``name`` declares.

    >>> declared("esco").shown_as, declared("builtin").vocabulary, declared("acme").importer
    ('ESCO', 'careergraph', 'roles')
    """
    return next((t for t in REGISTERED if t.name == name), None) or job_architecture(name)


def same_vocabulary(first: str, second: str) -> bool:
    """Whether roles of the two taxonomies are compared item by item.

    >>> same_vocabulary("builtin", "acme"), same_vocabulary("builtin", "esco")
    (True, False)
    """
    return declared(first).vocabulary == declared(second).vocabulary
