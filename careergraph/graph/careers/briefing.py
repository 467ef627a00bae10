"""What ``show`` tells a person about a role, a track, or a skill or tool, beyond the
statements about it: a role's salary, skills and tools (its profile, with why), the roles it
leads to (the cheapest moves path takes, none down a level; on a graph of more than
``KEEP_NEAR_UP_TO`` roles, only those the source lays out) and comes from (the moves the
source lays out), the roles most like it (not on such a graph), and the certifications
and time of its tracks; a track's roles by level, skills, certifications and time; the
roles that need a skill or tool. Each part is a :class:`~careergraph.graph.results.entity.Section`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careergraph.graph.careers.moves import CareerMoves, Move, level_schemes
from careergraph.graph.careers.similarity import KEEP_NEAR_UP_TO, counterparts
from careergraph.graph.careers.vocabulary import ROLE_CLASSES, TRACK_CLASS
from careergraph.graph.results import Items
from careergraph.graph.results.entity import Section
from careergraph.graph.results.paths import Salary, span
from careergraph.namespaces import CG, SKOS
from careergraph.taxonomies import taxonomy

if TYPE_CHECKING:
    from careergraph.graph.careers.model import CareerModel

# The moves the source or the taxonomy lays out (all but similar ones).
STATED = ("promotion", "transition", "specialisation", "match", "broader", "narrower", "sibling")
SIMILAR_SHOWN = 5
NEXT_SHOWN = 10  # the cheapest moves out of a role that show lists


def briefing(model: CareerModel, iri: str) -> tuple[Section, ...]:
    """The sections ``show`` adds for ``iri``: by what it is (nothing for other entities).

    >>> from careergraph import CareerGraph
    >>> model = CareerGraph.open().careers
    >>> role = "https://w3id.org/careergraph/id/role/mlops-architect"
    >>> [section.key for section in briefing(model, role)][:4]
    ['salary', 'profile', 'leads_to', 'comes_from']
    """
    if iri in model.roles and model.is_a(iri, ROLE_CLASSES):
        return role_sections(model, iri)
    if model.is_a(iri, TRACK_CLASS):
        return track_sections(model, iri)
    if model.item_kind(iri) in ("skill", "tool"):
        return (needed_by(model, iri),)
    return ()


def role_sections(model: CareerModel, role: str) -> tuple[Section, ...]:
    """A role's profile, its stated moves both ways, the roles most like it, and what its
    tracks cost in certifications and time."""
    from careergraph.graph.careers.similarity import nearest

    label = model.label
    moves = CareerMoves(model, STATED)
    # On a graph too big to keep every role's viable neighbours, show leaves similar moves
    # and roles to `careergraph similar` and `path`: working them out takes seconds there.
    small = len(model.roles) <= KEEP_NEAR_UP_TO
    every = CareerMoves(model).from_role(role) if small else moves.from_role(role)
    # The moves laid out first, cheapest first; then the most similar roles.
    out = sorted(
        ((t, m) for t, m in every.items() if not _below(model, t, role)),
        key=lambda pair: (
            pair[1].relation == "similar",
            -pair[1].similarity if pair[1].relation == "similar" else pair[1].cost,
            label(pair[0]).casefold(),
        ),
    )
    into = _comes_from(model, role, moves)
    similar = nearest(model, role, SIMILAR_SHOWN, per=taxonomy) if small else []
    known = model.roles[role]
    pay = Salary(known.salary_min, known.salary_max, known.open_ended, known.currency)
    sections = [
        Section(
            "Salary",
            "salary",
            ("from", "yearly"),
            ((label(known.salary) if known.salary else "", str(pay)),) if str(pay) else (),
        ),
        _profile(model, role, "Skills and tools (its profile)"),
        Section(
            "Leads to",
            "leads_to",
            ("role", "move", "why"),
            tuple((label(t), m.relation, m.evidence) for t, m in out[:NEXT_SHOWN]),
        ),
        Section(
            "Comes from",
            "comes_from",
            ("role", "move", "why"),
            tuple((label(s), m.relation, m.evidence) for s, m in into),
        ),
        Section(
            "Most similar roles",
            "similar",
            ("role", "similarity"),
            tuple((label(other), f"{value:.2f}") for other, value in similar),
        ),
    ]
    return (*sections, *_investments(model, sorted(model.tracks_of(role))))


def track_sections(model: CareerModel, track: str) -> tuple[Section, ...]:
    """A track's roles by level, its skills and tools, and its certifications and time."""
    label = model.label
    by_level: dict[tuple[int, str], list[str]] = {}
    for role in model.roles_of(track):
        known = model.roles[role]
        level = label(known.level) if known.level else "no level"
        by_level.setdefault((known.rank or 0, level), []).append(label(role))
    return (
        Section(
            "Roles by level",
            "roles_by_level",
            ("level", "roles"),
            tuple((level, Items(sorted(roles))) for (_, level), roles in sorted(by_level.items())),
        ),
        _profile(model, track, "Skills and tools"),
        *_investments(model, [track]),
    )


def _profile(model: CareerModel, owner: str, title: str) -> Section:
    """The skills, then the tools, of a role's or a track's profile, each with why."""
    found = model.profile(owner).items
    items = sorted(
        (i for i in found if model.item_kind(i) != "other"),
        key=lambda i: (model.item_kind(i), model.label(i).casefold()),
    )
    rows = tuple((model.label(i), model.item_kind(i), found[i]) for i in items)
    return Section(title, "profile", ("item", "kind", "why"), rows)


def needed_by(model: CareerModel, item: str) -> Section:
    """The roles whose profile has a skill or tool."""
    roles = sorted(model.index.roles[p] for p in model.index.holders.get(item, ()))
    return Section(
        "Roles that need it",
        "needed_by",
        ("roles",),
        ((Items(model.label(r) for r in roles),),) if roles else (),
    )


def _investments(model: CareerModel, tracks: list[str]) -> tuple[Section, ...]:
    """The certifications (with prices) and the time the source ties to the tracks."""
    certifications, time = [], []
    for track in tracks:
        for item in sorted(model.investments.get(track, []), key=lambda i: i.rank or 0):
            row = (model.label(item.iri), model.label(track), span(item.low, item.high, item.unit))
            (certifications if item.kind == "certification" else time).append(row)
    return (
        Section(
            "Certifications",
            "certifications",
            ("certification", "track", "price"),
            tuple(sorted(certifications)),
        ),
        Section("Time to learn", "time", ("level", "track", "time"), tuple(time)),
    )


def _below(model: CareerModel, other: str, role: str) -> bool:
    """Whether ``other`` is at a lower level than ``role`` of the same level scheme."""
    mine, theirs = model.roles[role].rank, model.roles[other].rank
    if mine is None or theirs is None:
        return False
    return bool(level_schemes(model, role) & level_schemes(model, other)) and theirs < mine


def _comes_from(model: CareerModel, role: str, moves: CareerMoves) -> list[tuple[str, Move]]:
    """The roles with a stated move into ``role``, by label, each with that move. The roles
    of one set of tracks and one level move alike (a promotion, a transition), so one of
    each is asked; variants are asked each."""
    link = CG + "specialises"
    variants = model.subjects(role, link) | model.objects(role, link)
    alike: dict[tuple, Move | None] = {}
    found = []
    for source in sorted(_stated_sources(model, role)):
        if source in variants:
            move = moves.from_role(source).get(role)
        else:
            key = (frozenset(model.tracks_of(source)), model.roles[source].level)
            if key not in alike:
                alike[key] = moves.from_role(source).get(role)
            move = alike[key]
        if move is not None:
            found.append((source, move))
    return sorted(found, key=lambda pair: model.label(pair[0]).casefold())


def _stated_sources(model: CareerModel, role: str) -> set[str]:
    """The roles a stated move into ``role`` can come from: those of its tracks, of the
    tracks whose transitions lead to it, its tracks or a sector it is matched to, its
    variants, its relatives in the hierarchy of occupations and its counterparts."""
    tracks = model.tracks_of(role)
    towards = {role, *tracks, *model.subjects(role, SKOS + "closeMatch")}
    transitions = set().union(*(model.subjects(t, CG + "towards") for t in towards))
    origins = set().union(*(model.objects(t, CG + "fromTrack") for t in transitions))
    sources = set().union(*(model.roles_of(t) for t in tracks | origins))
    sources |= model.subjects(role, CG + "specialises") | model.objects(role, CG + "specialises")
    sources |= model.relatives(role).keys() | counterparts(model, role).keys()
    return {s for s in sources if s in model.roles and s != role}
