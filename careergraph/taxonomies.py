"""The taxonomies careergraph answers on, and what each declares: the one place the rest of
the code asks "what kind of taxonomy is this?", never "is it ESCO?".

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

from dataclasses import dataclass
from functools import cache

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
    reaches_across: bool  # its roles move to their nearest of other taxonomies, and back
    track_skills_from_roles: bool  # a track with no core skill has its roles' skills
    roles_inherit_track: bool  # a role's profile holds its track's (a job family's: not)
    lends_skills: bool  # an imported job architecture's skills are read as its skills
    credit: str | None = None  # where its entities come from, where they do not say


BUILTIN = Taxonomy(
    "builtin", "built-in", prefix=None, importer=None, vocabulary="careergraph",
    reaches_across=True, track_skills_from_roles=True, roles_inherit_track=True,
    lends_skills=True,
)  # fmt: skip
ESCO = Taxonomy(
    "esco", "ESCO", prefix=ESCO_CONCEPTS, importer="esco", vocabulary="esco",
    reaches_across=False, track_skills_from_roles=False, roles_inherit_track=False,
    lends_skills=True, credit="the ESCO classification (European Commission)",
)  # fmt: skip
# The taxonomy whose skills roles of two vocabularies are compared on: what each role's items
# are linked to there (the alignment room's links, graph/sources/alignment.py).
ACROSS = ESCO


def job_architecture(name: str) -> Taxonomy:
    """The taxonomy of a job architecture imported as ``name``.

    >>> job_architecture("acme").prefix
    'https://w3id.org/careergraph/dataset/acme/'
    """
    return Taxonomy(
        name, name, prefix=f"{DATASET_BASE}{name}/", importer="roles", vocabulary="careergraph",
        reaches_across=True, track_skills_from_roles=True, roles_inherit_track=False,
        lends_skills=False,
    )  # fmt: skip


def taxonomy(iri: str) -> str:
    """The name of the taxonomy an entity belongs to; a ``"^"`` before the IRI is ignored.

    >>> taxonomy("http://data.europa.eu/esco/occupation/x"), taxonomy("urn:mine")
    ('esco', 'builtin')
    >>> taxonomy("https://w3id.org/careergraph/dataset/acme/role/data-analyst")
    'acme'
    """
    iri = iri.removeprefix("^")
    if iri.startswith(ESCO_CONCEPTS):
        return "esco"
    if iri.startswith(DATASET_BASE):
        return iri[len(DATASET_BASE) :].split("/", 1)[0]
    return "builtin"


@cache
def declared(name: str) -> Taxonomy:
    """What the taxonomy called ``name`` declares.

    >>> declared("esco").shown_as, declared("builtin").vocabulary, declared("acme").importer
    ('ESCO', 'careergraph', 'roles')
    """
    return {"builtin": BUILTIN, "esco": ESCO}.get(name) or job_architecture(name)


def same_vocabulary(first: str, second: str) -> bool:
    """Whether roles of the two taxonomies are compared item by item.

    >>> same_vocabulary("builtin", "acme"), same_vocabulary("builtin", "esco")
    (True, False)
    """
    return declared(first).vocabulary == declared(second).vocabulary
