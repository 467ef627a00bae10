"""Results of match: the roles that fit a set of skills, and what to learn first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careergraph.graph.resolution.forms import without_qualifier
from careergraph.graph.resolution.readings import Reading, Skipped
from careergraph.graph.results import Entity, Items, Table

if TYPE_CHECKING:
    from careergraph.graph.pages import Page


@dataclass(frozen=True)
class RoleMatch:
    """How well a set of skills fits a role: its fit, and the two figures it blends (see
    :mod:`careergraph.graph.careers.matching`), with the needs covered and missing."""

    role: Entity
    fit: float
    relevance: float  # how much of the person's skills the role uses
    readiness: float  # how much of the role's needs the person has
    covered: tuple[Entity, ...]
    missing: tuple[Entity, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role.to_json(),
            "fit": round(self.fit, 4),
            "relevance": round(self.relevance, 4),
            "readiness": round(self.readiness, 4),
            "covered": [e.to_json() for e in self.covered],
            "missing": [e.to_json() for e in self.missing],
        }


@dataclass(frozen=True)
class LearningStep:
    """A skill to learn next, and the roles it completes."""

    skill: Entity
    needed_by: int
    opens: tuple[Entity, ...]
    gain: float = 0.0  # how much it raises the fit of the roles shown, in all
    specificity: float = 0.0  # its weight: log(N/df) over every role

    def to_json(self) -> dict[str, Any]:
        return {
            "skill": self.skill.to_json(),
            "needed_by": self.needed_by,
            "opens": [e.to_json() for e in self.opens],
            "gain": self.gain,
            "specificity": self.specificity,
        }


@dataclass(frozen=True)
class MatchResult:
    """The roles a set of skills fits best, and what to learn next; with how each name given
    was read (``readings``) and the names that were not (``skipped``)."""

    readings: tuple[Reading, ...]
    roles: tuple[RoleMatch, ...]
    learning_order: tuple[LearningStep, ...]
    skipped: tuple[Skipped, ...] = ()

    @property
    def skills(self) -> tuple[Entity, ...]:
        """The entities the names were read as, in order (several for a shared label)."""
        return tuple(e for reading in self.readings for e in reading.entities)

    def to_json(self) -> dict[str, Any]:
        return {
            "skills": [item for reading in self.readings for item in reading.to_json()],
            "skipped": [s.to_json() for s in self.skipped],
            "roles": [r.to_json() for r in self.roles],
            "learning_order": [s.to_json() for s in self.learning_order],
        }

    def heading(self) -> str:
        """What the roles are ranked for: each skill read, with the words it came from where
        they are not its name, and what was skipped."""
        read = ", ".join(_worded(reading) for reading in self.readings)
        heading = f"For {read}"
        if self.skipped:
            heading += "; skipped " + ", ".join(repr(s.given) for s in self.skipped)
        return heading + ":"

    def table(self) -> Table:
        """The roles, those with the same answer (fit, needs covered and missing) in one row,
        with the skills each has and lacks by name."""
        groups: dict[tuple, list[RoleMatch]] = {}
        for match in self.roles:
            key = (round(match.fit, 4), round(match.readiness, 4), match.covered, match.missing)
            groups.setdefault(key, []).append(match)
        rows = [
            (
                ", ".join(m.role.label for m in same),  # every role, never "and N more"
                f"{same[0].fit:.2f}",
                f"{same[0].relevance:.0%}",
                f"{same[0].readiness:.0%}",
                Items(e.label for e in same[0].covered),
                Items(e.label for e in same[0].missing),
            )
            for same in groups.values()
        ]
        return ("roles", "fit", "relevance", "readiness", "has", "missing"), rows

    def sections(self) -> list[tuple[str, Table]]:
        """The learning order, below the roles (in every format but json, which has it as
        ``learning_order``): each skill with how many of the roles shown need it and the
        roles it completes."""
        if not self.learning_order:
            return []
        rows = [
            (number, step.skill.label, why, Items(e.label for e in step.opens))
            for number, step, why in self._steps_with_why()
        ]
        return [("Learn next", (("step", "skill", "why here", "completes"), rows))]

    def _steps_with_why(self) -> list[tuple[int, LearningStep, str]]:
        """The learning order, each step numbered and with why it comes there."""
        befores = (None, *self.learning_order)
        return [
            (number, step, _why(step, len(self.roles), before))
            for number, (step, before) in enumerate(
                zip(self.learning_order, befores, strict=False), 1
            )
        ]

    def roles_shown(self) -> list[Entity]:
        """The roles the result shows."""
        return [m.role for m in self.roles]

    def page(self) -> Page:
        """The roles that fit as a page: a fit bar each, what each lacks, what to learn."""
        from careergraph.graph.pages import Bar, Bars, Page, Rows, Section, Text, labels

        bars = tuple(
            Bar(
                m.role.label,
                m.fit,
                f"fit {m.fit:.2f}: uses {m.relevance:.0%} of your skills, you have "
                f"{m.readiness:.0%} of its needs; missing {labels(m.missing, 5) or 'nothing'}",
            )
            for m in self.roles
        )
        sections = [Section("Roles that fit best", (Bars(bars, ("role", "fit", "why")),))]
        if self.learning_order:
            rows = tuple(
                (str(number), step.skill.label, why, labels(step.opens) or "")
                for number, step, why in self._steps_with_why()
            )
            why = Text(
                "Each step is the missing skill that raises the fit of the roles above the "
                "most, given the steps before it; 'completes' names the roles it leaves "
                "nothing missing for."
            )
            columns = ("step", "skill", "why here", "completes")
            sections.append(Section("What to learn next", (why, Rows(columns, rows))))
        if self.skipped:
            skipped = ", ".join(repr(s.given) for s in self.skipped)
            sections.append(Section("Not read", (Text(f"Skipped: {skipped}."),)))
        read = [_worded(reading) for reading in self.readings]
        more = len(read) - SUBTITLED
        subtitle = "For " + ", ".join(read[:SUBTITLED]) + (f" and {more} more" if more > 0 else "")
        return Page("Roles that fit your skills", subtitle, tuple(sections))


SUBTITLED = 12  # the skills a page's subtitle names


def _why(step: LearningStep, shown: int, before: LearningStep | None) -> str:
    """Why a skill comes where it does in the learning order: how many of the roles shown
    need it, how specific it is, what it adds to their fit, and a tie with the step
    before it (then the order is by name).

    >>> a = LearningStep(Entity("APM Tools", "urn:a"), 5, (), 0.0312, 2.1)
    >>> _why(a, 5, None)
    'all 5 roles need it; specificity 2.10; +0.006 fit each'
    >>> _why(LearningStep(Entity("CI/CD", "urn:c"), 5, (), 0.0312, 2.1), 5, a)
    'as the step above (then by name)'
    """
    if before is not None and (before.gain, before.needed_by) == (step.gain, step.needed_by):
        return "as the step above (then by name)"
    need = (
        f"all {shown} roles need it"
        if step.needed_by == shown
        else (f"{step.needed_by} of {shown} roles need it")
    )
    each = step.gain / max(step.needed_by, 1)
    return f"{need}; specificity {step.specificity:.2f}; +{each:.3f} fit each"


def _worded(reading: Reading) -> str:
    """A reading as the heading shows it: ``Kubernetes (k8s)``, ``Python``; the same skill
    in several taxonomies once ("Python", not "Python / Python (computer programming)")."""
    shown: dict[str, str] = {}
    for entity in reading.entities:
        shown.setdefault(without_qualifier(entity.label).casefold(), entity.label)
    labels = " / ".join(shown.values())
    plain = " ".join(reading.given.split()).casefold() == labels.casefold()
    return labels if plain else f"{labels} ({' '.join(reading.given.split())})"
