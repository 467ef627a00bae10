"""Results of path: the cheapest ways from one role to another, step by step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careergraph.graph.results import Cell, Entity, Items, Table

if TYPE_CHECKING:
    from careergraph.graph.pages import Page, Rung

SAME_PAY = 0.05  # a change of pay within 5% either way counts as none


def pay_between(old: float | None, new: float | None) -> str:
    """Whether pay ``rises``, ``falls`` or stays the ``same`` from the middle of one salary
    range to another's (``unknown`` where either is not known).

    >>> pay_between(100_000, 104_000), pay_between(100_000, 90_000), pay_between(None, 1)
    ('same', 'falls', 'unknown')
    """
    if old is None or new is None:
        return "unknown"
    return (
        "rises" if new > (1 + SAME_PAY) * old else "falls" if new < (1 - SAME_PAY) * old else "same"
    )


@dataclass(frozen=True)
class Salary:
    """A yearly salary range (a salary band or a role's own)."""

    minimum: float | None
    maximum: float | None
    open_ended: bool = False
    currency: str | None = None
    source: Entity | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "min": self.minimum,
            "max": self.maximum,
            "open_ended": self.open_ended,
            "currency": self.currency,
            "range": self.source.to_json() if self.source else None,
        }

    @property
    def middle(self) -> float | None:
        """The middle of the range (its minimum where no maximum is known)."""
        if self.minimum is None:
            return None
        return (self.minimum + (self.maximum or self.minimum)) / 2

    def __str__(self) -> str:
        if self.minimum is None:
            return ""
        plus = "+" if self.open_ended else ""
        return f"{self.minimum:,.0f}-{self.maximum:,.0f}{plus} {self.currency or ''}".strip()


@dataclass(frozen=True)
class Investment:
    """A certification or a time investment the source ties to a track."""

    entity: Entity
    low: float | None
    high: float | None
    unit: str | None

    def to_json(self) -> dict[str, Any]:
        return {**self.entity.to_json(), "low": self.low, "high": self.high, "unit": self.unit}

    def __str__(self) -> str:
        return f"{self.entity.label} ({span(self.low, self.high, self.unit)})"


def span(low: float | None, high: float | None, unit: str | None) -> str:
    """A range of figures with its unit: ``3-5 years``, ``450 USD``.

    >>> span(3, 5, "years"), span(450, 450, "USD"), span(None, None, None)
    ('3-5 years', '450 USD', '')
    """
    if low is None:
        return ""
    figures = f"{low:g}" if low == high or high is None else f"{low:g}-{high:g}"
    return f"{figures} {unit or ''}".strip()


@dataclass(frozen=True)
class Step:
    """One move of a career path, with what it takes."""

    source: Entity
    target: Entity
    relation: str
    cost: float
    evidence: str
    acquire: tuple[Entity, ...]
    carry_over: tuple[Entity, ...]
    salary_before: Salary | None
    salary_after: Salary | None
    certifications: tuple[Investment, ...]
    time: tuple[Investment, ...]
    seniority: tuple[Entity, ...] = ()  # the long-term value multipliers a step reaches
    pay_change: str = "unknown"  # rises, falls, same or unknown

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.source.to_json(),
            "to": self.target.to_json(),
            "relation": self.relation,
            "cost": round(self.cost, 2),
            "evidence": self.evidence,
            "acquire": [e.to_json() for e in self.acquire],
            "carry_over": [e.to_json() for e in self.carry_over],
            "salary_before": self.salary_before.to_json() if self.salary_before else None,
            "salary_after": self.salary_after.to_json() if self.salary_after else None,
            "certifications": [c.to_json() for c in self.certifications],
            "time_investment": [t.to_json() for t in self.time],
            "seniority": [e.to_json() for e in self.seniority],
            "pay_change": self.pay_change,
        }


@dataclass(frozen=True)
class CareerPath:
    """A way from one role to another: its steps and their total cost."""

    steps: tuple[Step, ...]
    cost: float

    def to_json(self) -> dict[str, Any]:
        return {"steps": [s.to_json() for s in self.steps], "cost": round(self.cost, 2)}


@dataclass(frozen=True)
class PathResult:
    """The cheapest ways from one role to another, cheapest first."""

    source: Entity
    target: Entity
    paths: tuple[CareerPath, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.source.to_json(),
            "to": self.target.to_json(),
            "paths": [p.to_json() for p in self.paths],
        }

    def table(self) -> Table:
        """Every step of every path, with what it takes by name (csv, tsv, md)."""
        rows: list[tuple[Cell, ...]] = []
        for number, path in enumerate(self.paths, 1):
            for index, step in enumerate(path.steps, 1):
                rows.append(
                    (
                        number,
                        round(path.cost, 1),
                        index,
                        step.source.label,
                        step.target.label,
                        step.relation,
                        round(step.cost, 1),
                        step.evidence,
                        Items(e.label for e in step.acquire),
                        len(step.carry_over),
                        str(step.salary_before or ""),
                        str(step.salary_after or ""),
                        step.pay_change,
                        Items(str(i) for i in step.certifications),
                        Items(str(i) for i in step.time),
                        Items(e.label for e in step.seniority),
                    )
                )
        columns = ("path", "path cost", "step", "from", "to", "relation", "step cost", "why",
                   "learn", "keep", "salary before", "salary after", "pay", "certifications",
                   "time", "grow")  # fmt: skip
        return columns, rows

    def plan(self) -> list[tuple[str, list[tuple[str, Cell]]]]:
        """For people (``table``): each path as a plan, a block per step (the move and why,
        what to learn by name, how much carries over, the salaries, the certifications, time
        and seniority skills the source ties to it), then the path's totals."""
        blocks: list[tuple[str, list[tuple[str, Cell]]]] = []
        for number, path in enumerate(self.paths, 1):
            roles = [path.steps[0].source.label, *(step.target.label for step in path.steps)]
            if len(roles) > CHAINED_IN_TITLE:  # the steps below name every role
                roles = [roles[0], "...", roles[-1]]
            steps = f"{len(path.steps)} step{'s' if len(path.steps) > 1 else ''}"
            title = f"Path {number} of {len(self.paths)}: {' -> '.join(roles)}"
            blocks.append((f"{title} ({steps}, cost {path.cost:.1f})", []))
            for index, step in enumerate(path.steps, 1):
                move = f"{step.source.label} -> {step.target.label}"
                blocks.append(
                    (f"Step {index}: {move} ({step.relation}, cost {step.cost:.1f})", _fields(step))
                )
            blocks.append(("In all", _totals(path)))
        return blocks

    def roles_shown(self) -> list[Entity]:
        """The roles the paths go through, in order, once each."""
        roles = {self.source.iri: self.source}
        for path in self.paths:
            roles.update((step.target.iri, step.target) for step in path.steps)
        return list(roles.values())

    def page(self) -> Page:
        """The plan as a page: for each path, what it asks in short, the salary along it,
        and each step as the terminal plan shows it."""
        from careergraph.graph.pages import Facts, Ladder, Page, Section, Text

        sections = []
        for number, path in enumerate(self.paths, 1):
            roles = [path.steps[0].source.label, *(step.target.label for step in path.steps)]
            steps = f"{len(path.steps)} step{'s' if len(path.steps) > 1 else ''}"
            first = _first(path.steps[0].acquire) or "nothing new"
            gist = f"{' → '.join(roles)}: {steps}. First, learn {first}."
            totals = Facts(tuple((name, str(value)) for name, value in _totals(path)))
            title = f"Path {number}" if len(self.paths) > 1 else "The path"
            sections.append(Section(title, (Text(gist, lead=True), totals, Ladder(_rungs(path)))))
            for index, step in enumerate(path.steps, 1):
                heading = (
                    f"Step {index}: {step.source.label} → {step.target.label} ({step.relation})"
                )
                facts = Facts(tuple((name, str(value)) for name, value in _fields(step)))
                sections.append(Section(heading, (facts,)))
        subtitle = f"The {'cheapest ways' if len(self.paths) > 1 else 'cheapest way'}, step by step"
        return Page(f"From {self.source.label} to {self.target.label}", subtitle, tuple(sections))


def _rungs(path: CareerPath) -> tuple[Rung, ...]:
    """The salary of each role along a path, the first's before the first step."""
    from careergraph.graph.pages import Rung

    salaries = [(path.steps[0].source, path.steps[0].salary_before)]
    salaries += [(step.target, step.salary_after) for step in path.steps]
    return tuple(
        Rung(role.label, pay.minimum, pay.maximum, str(pay))
        if pay
        else Rung(role.label, None, None)
        for role, pay in salaries
    )


SHOWN_TO_LEARN = 5  # what to learn a plan names for a step (JSON has every item)
CHAINED_IN_TITLE = 4  # a longer path's title names its ends only


def _fields(step: Step) -> list[tuple[str, Cell]]:
    fields: list[tuple[str, Cell]] = [
        ("why", step.evidence),
        ("learn", _first(step.acquire) or "nothing new"),
        ("keep", _skills_and_tools(len(step.carry_over)) or "nothing"),
    ]
    if step.salary_before or step.salary_after:  # nothing to say where neither is known
        fields.append(("salary", _salaries(step.salary_before, step.salary_after, step.pay_change)))
    named = (
        ("certifications", Items(str(i) for i in step.certifications)),
        (
            "time",
            Items(
                f"the source gives {span(i.low, i.high, i.unit)} to reach {i.entity.label}"
                for i in step.time
            ),
        ),
        ("grow", Items(e.label for e in step.seniority)),
    )
    return fields + [(name, value) for name, value in named if value]


def _skills_and_tools(count: int) -> str:
    """How many skills and tools, as people say it ("" for none).

    >>> _skills_and_tools(1), _skills_and_tools(12), _skills_and_tools(0)
    ('1 skill or tool', '12 skills and tools', '')
    """
    if count == 0:
        return ""
    return "1 skill or tool" if count == 1 else f"{count:,} skills and tools"


def _first(items: tuple[Entity, ...]) -> str:
    """The first ``SHOWN_TO_LEARN`` labels (the most important), and how many more.

    >>> _first(tuple(Entity(f"s{i}", f"urn:{i}") for i in range(7)))
    's0, s1, s2, s3, s4 and 2 more'
    """
    shown = ", ".join(e.label for e in items[:SHOWN_TO_LEARN])
    more = len(items) - SHOWN_TO_LEARN
    return f"{shown} and {more} more" if more > 0 else shown


def _totals(path: CareerPath) -> list[tuple[str, Cell]]:
    learned = {e.iri: e.label for step in path.steps for e in step.acquire}
    first, last = path.steps[0].salary_before, path.steps[-1].salary_after
    cuts = sum(1 for step in path.steps if step.pay_change == "falls")
    fields: list[tuple[str, Cell]] = [
        ("learn", _skills_and_tools(len(learned)) or "nothing new"),
    ]
    if first or last:
        fields.append(("salary", _salaries(first, last)))
    if cuts:
        fields.append(("pay", f"falls at {cuts} step{'s' if cuts > 1 else ''}: a pay cut"))
    elif (
        first
        and last
        and first.currency == last.currency
        and (pay_between(first.middle, last.middle) == "falls")
    ):
        fields.append(("pay", "falls from the first role to the last: a pay cut in all"))
    certifications = Items(str(i) for step in path.steps for i in step.certifications)
    spans = [i for step in path.steps for i in step.time]
    if certifications:
        fields.append(("certifications", certifications))
    if spans:
        fields.append(("time", f"the source gives {_total_time(spans)} to reach these levels"))
    return fields


def _salaries(before: Salary | None, after: Salary | None, change: str = "") -> str:
    """Two salaries, and what the move does to pay: ``80,000-110,000 USD (pay falls)``."""
    said = {"rises": " (pay rises)", "falls": " (pay falls)", "same": " (pay the same)"}
    return f"{before or 'not stated'} -> {after or 'not stated'}{said.get(change, '')}"


def _total_time(spans: list[Investment]) -> str:
    """The time investments of a path added up, in years where their units differ.

    >>> years = Investment(Entity("a", "urn:a"), 1, 2, "years")
    >>> months = Investment(Entity("b", "urn:b"), 6, 12, "months")
    >>> _total_time([years, months])
    '1.5-3 years'
    """
    units = {i.unit for i in spans}
    scale = {"months": 1 / 12} if len(units) > 1 else {}
    low = sum((i.low or 0) * scale.get(i.unit or "", 1) for i in spans)
    high = sum((i.high or 0) * scale.get(i.unit or "", 1) for i in spans)
    return span(low, high, "years" if scale else units.pop())
