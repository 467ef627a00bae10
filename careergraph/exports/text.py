"""The text renderers of results made of rows: table (for people), json, csv, tsv and md.

Every result offers ``to_json()`` and ``table()`` (column names and rows of cells). For
people (``table`` and ``md``), a result may also offer ``heading()`` (a line above the
table), ``when_empty()`` (what to say instead of a table with no rows) and ``sections()``
(further titled tables below it, such as match's learning order).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class Result(Protocol):
    """What a renderer needs of a result object."""

    def to_json(self) -> Any: ...


def render_json(result: Result) -> str:
    """Indented JSON, UTF-8 characters kept as they are."""
    import json

    return json.dumps(result.to_json(), indent=2, ensure_ascii=False)


def _cells(result: Result) -> tuple[tuple[str, ...], list[list[str]]]:
    columns, rows = result.table()  # type: ignore[attr-defined]
    return columns, [["" if cell is None else str(cell) for cell in row] for row in rows]


def render_table(result: Result) -> str:
    """Aligned columns for people, with a header line, and the result's heading, note for
    no rows and further sections (see the module docstring); a result with a ``plan()``
    (path) is laid out as that plan instead. All of it fits the terminal (:mod:`.layout`)."""
    from careergraph.exports.layout import lay_out_plan, terminal_width, wrapped

    width = terminal_width()

    def line(text: str) -> str:
        return wrapped(text, width)

    if hasattr(result, "plan") and result.table()[1]:  # type: ignore[attr-defined]
        heading = getattr(result, "heading", lambda: "")()
        plan = lay_out_plan(result.plan(), width)  # type: ignore[attr-defined]
        return f"{line(heading)}\n{plan}" if heading else plan
    if hasattr(result, "narrow") and _natural_width(result) > width:
        result = result.narrow()  # a matrix too wide to read: what it says, in rows
    return _for_people(result, _aligned, lambda title: line(f"{title}:"), line)


def _natural_width(result: Result) -> int:
    """How wide a result's table is with no cell wrapped (two spaces between columns)."""
    columns, rows = _cells(result)
    widths = [max(len(c), *(len(row[i]) for row in rows)) for i, c in enumerate(columns)]
    return sum(widths) + 2 * (len(widths) - 1)


def _for_people(
    result: Result,
    draw: Callable[[Any], str],
    titled: Callable[[str], str],
    line: Callable[[str], str] = lambda text: text,
) -> str:
    parts = []
    heading = getattr(result, "heading", None)
    if heading is not None and heading():
        parts.append(line(heading()))
    when_empty = getattr(result, "when_empty", None)
    if when_empty is not None and not result.table()[1]:  # type: ignore[attr-defined]
        parts.append(line(when_empty()))
    else:
        parts.append(draw(result))
    for title, cells in getattr(result, "sections", list)():
        parts.append(f"\n{titled(title)}\n{draw(_Rows(cells))}")
    return "\n".join(parts)


def _heads(result: Result, columns: tuple[str, ...]) -> tuple[str, ...]:
    """The column heads for people: the result's own words for them where it has some
    (a query's variables in plain words)."""
    heads = getattr(result, "heads", None)
    return heads(columns) if heads is not None else columns


class _Rows:
    """A section's cells, as a result the renderers draw."""

    def __init__(self, cells: tuple[tuple[str, ...], list[tuple[Any, ...]]]):
        self.cells = cells

    def table(self) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        return self.cells

    def to_json(self) -> Any:
        return None


def _aligned(result: Result) -> str:
    from careergraph.exports.layout import lay_out, terminal_width

    columns, rows = result.table()  # type: ignore[attr-defined]
    return lay_out(_heads(result, columns), rows, terminal_width())


def render_csv(result: Result) -> str:
    """RFC 4180 CSV with a header row; a result's sections (match's learning order) follow,
    each after an empty line, with a header row of its own."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for number, (columns, rows) in enumerate(_tables(result)):
        if number:
            buffer.write("\n")
        writer.writerow(columns)
        writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")


def render_tsv(result: Result) -> str:
    """Tab-separated values with a header row; tabs and line breaks in cells become spaces;
    sections follow as in CSV."""
    return "\n\n".join(
        "\n".join("\t".join(" ".join(c.split()) for c in row) for row in [list(columns), *rows])
        for columns, rows in _tables(result)
    )


def _tables(result: Result) -> list[tuple[tuple[str, ...], list[list[str]]]]:
    """The result's table and its sections' tables, as text cells."""
    sections = [_cells(_Rows(cells)) for _, cells in getattr(result, "sections", list)()]
    return [_cells(result), *sections]


def render_markdown(result: Result) -> str:
    """A GitHub-flavoured Markdown table, with the result's heading, note for no rows and
    further sections (headed ``###``)."""
    return _for_people(result, _markdown_table, lambda title: f"### {title}\n")


def _markdown_table(result: Result) -> str:
    columns, rows = _cells(result)
    columns = _heads(result, columns)

    def line(cells: list[str] | tuple[str, ...]) -> str:
        escaped = (" ".join(c.split()).replace("\\", "\\\\").replace("|", "\\|") for c in cells)
        return "| " + " | ".join(escaped) + " |"

    return "\n".join([line(columns), line(["---"] * len(columns))] + [line(r) for r in rows])
