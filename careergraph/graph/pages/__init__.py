"""A page a person keeps: a title and sections of text, tables, bars and a salary ladder.

Results that are worth a page (a match, the nearest roles, a path, a career report) give
one with ``page()``; the renderers of shape ``page`` write it as a self-contained HTML page
or as Markdown (:mod:`careergraph.exports.page`). A page holds plain data only: words,
numbers and entities, never markup.

>>> page = Page("Plan", "for you", (Section("Fit", (Bars((Bar("MLOps Engineer", 0.8, ""),)),)),))
>>> page.sections[0].blocks[0].bars[0].value
0.8
"""

from __future__ import annotations

from dataclasses import dataclass

from careergraph.graph.results import Entity


@dataclass(frozen=True)
class Text:
    """A paragraph (``lead``: one that says the gist, shown first and larger)."""

    text: str
    lead: bool = False


@dataclass(frozen=True)
class Facts:
    """Named values, one per line: ``learn: APM Tools, ...``."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Rows:
    """A table: its columns and rows of words."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Bar:
    """One bar of a bar chart: a label, a value from 0 to 1 and what it says."""

    label: str
    value: float
    note: str


@dataclass(frozen=True)
class Bars:
    """A bar chart of values from 0 to 1 (fit, similarity); ``columns`` name the label, the
    value and the note where the chart is a table (Markdown)."""

    bars: tuple[Bar, ...]
    columns: tuple[str, str, str] = ("", "value", "")


@dataclass(frozen=True)
class Rung:
    """One role of a salary ladder: its yearly range (None where not stated), and the range
    as the plan says it (``90,000-120,000 USD``)."""

    label: str
    low: float | None
    high: float | None
    words: str = ""


@dataclass(frozen=True)
class Ladder:
    """The salaries along a path, one rung per role, on one scale."""

    rungs: tuple[Rung, ...]


Block = Text | Facts | Rows | Bars | Ladder


@dataclass(frozen=True)
class Section:
    """A heading and what is under it."""

    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Page:
    """A page: its title, a line under it, its sections, and where its facts come from."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    sources: tuple[str, ...] = ()

    shape = "page"


def labels(entities: tuple[Entity, ...] | list[Entity], most: int | None = None) -> str:
    """Entities' labels in a line, the first ``most`` and how many more.

    >>> labels([Entity("a", "urn:a"), Entity("b", "urn:b"), Entity("c", "urn:c")], 2)
    'a, b and 1 more'
    """
    shown = [e.label for e in entities[:most]] if most else [e.label for e in entities]
    more = len(entities) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")
