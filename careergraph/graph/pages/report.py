"""Result of report: a one-page career plan for a person, from their skills, their role and
the role they aim at."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careergraph.graph.pages import Page, Rows, Section, Text, labels
from careergraph.graph.results import Entity

if TYPE_CHECKING:
    from careergraph.graph.results.matching import MatchResult
    from careergraph.graph.results.paths import PathResult
    from careergraph.graph.results.similar import SimilarRoles


@dataclass(frozen=True)
class Certification:
    """A certification of a track the plan leads into, with its price and level."""

    entity: Entity
    track: str
    price: str
    level: str


@dataclass(frozen=True)
class CareerReport:
    """What a report says: the roles that fit the person's skills, the roles nearest to
    theirs, the path to their target (or why there is none), the certifications and time
    the source ties to the tracks on the way, and where each fact comes from."""

    role: Entity | None
    target: Entity | None
    fits: MatchResult | None
    nearest: SimilarRoles | None
    path: PathResult | None
    no_path: str | None
    certifications: tuple[Certification, ...]
    time: tuple[str, ...]
    sources: tuple[str, ...]
    made: str  # the day it was made

    shape = "page"

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role.to_json() if self.role else None,
            "target": self.target.to_json() if self.target else None,
            "fits": self.fits.to_json() if self.fits else None,
            "nearest": self.nearest.to_json() if self.nearest else None,
            "path": self.path.to_json() if self.path else None,
            "no_path": self.no_path,
            "certifications": [
                {**c.entity.to_json(), "track": c.track, "price": c.price, "level": c.level}
                for c in self.certifications
            ],
            "time": list(self.time),
            "sources": list(self.sources),
        }

    def page(self) -> Page:
        """The report as one page: the gist first, then the fits, the nearest roles, the
        path with its salary ladder, certifications and time."""
        sections = [Section("In short", tuple(Text(line, lead=True) for line in self._gist()))]
        if self.fits is not None:
            sections.extend(self.fits.page().sections)
        if self.nearest is not None:
            sections.extend(self.nearest.page().sections[:1])
        if self.path is not None:
            path = self.path.page().sections
            heading = f"The path to {self.path.target.label}"
            sections.append(Section(heading, path[0].blocks))
            sections.extend(path[1:])
        elif self.no_path:
            sections.append(Section("The path", (Text(self.no_path),)))
        if self.certifications or self.time:
            blocks: list = []
            if self.certifications:
                rows = tuple(
                    (c.entity.label, c.track, c.price, c.level) for c in self.certifications
                )
                blocks.append(Rows(("certification", "track", "price", "level"), rows))
            blocks.extend(Text(line) for line in self.time)
            sections.append(Section("Certifications and time", tuple(blocks)))
        title = "Career plan"
        if self.role and self.target:
            title += f": {self.role.label} to {self.target.label}"
        elif self.target:
            title += f" towards {self.target.label}"
        elif self.role:
            title += f" for a {self.role.label}"
        return Page(title, f"Made with careergraph on {self.made}", tuple(sections), self.sources)

    def _gist(self) -> list[str]:
        lines = []
        if self.fits is not None and self.fits.roles:
            best = self.fits.roles[0]
            lines.append(f"Your skills fit {best.role.label} best (fit {best.fit:.2f}).")
        if self.nearest is not None and self.nearest.similar:
            near = labels([n.role for n in self.nearest.similar], 3)
            lines.append(f"The roles nearest to {self.nearest.role.label}: {near}.")
        if self.path is not None:
            best_path = self.path.paths[0]
            steps = len(best_path.steps)
            first = labels(best_path.steps[0].acquire, 3) or "nothing new"
            lines.append(
                f"{self.path.target.label} is {steps} step{'s' if steps > 1 else ''} away "
                f"from {self.path.source.label}; learn first {first}."
            )
            before, after = best_path.steps[0].salary_before, best_path.steps[-1].salary_after
            if before and after:
                lines.append(f"Salary: {before} now, {after} there.")
        elif self.no_path:
            lines.append(self.no_path)
        return lines or ["Nothing to say: give your skills, your --role or a --target."]
