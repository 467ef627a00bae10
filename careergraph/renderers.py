"""Text renderers: one registry from format name to a function that renders a result.

Every result object offers ``to_json()``; those made of rows also offer ``table()``. A new
output format is one more entry in ``RENDERERS``, available to every command at once.
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
    """Aligned columns for people, with a header line."""
    columns, rows = _cells(result)
    rows = [[" ".join(cell.split()) for cell in row] for row in rows]
    widths = [max([len(c)] + [len(row[i]) for row in rows]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return "\n".join(lines)


def render_csv(result: Result) -> str:
    """RFC 4180 CSV with a header row."""
    import csv
    import io

    columns, rows = _cells(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")


def render_tsv(result: Result) -> str:
    """Tab-separated values with a header row; tabs and line breaks in cells become spaces."""
    columns, rows = _cells(result)
    return "\n".join("\t".join(" ".join(c.split()) for c in row) for row in [list(columns), *rows])


def render_markdown(result: Result) -> str:
    """A GitHub-flavoured Markdown table."""
    columns, rows = _cells(result)

    def line(cells: list[str] | tuple[str, ...]) -> str:
        escaped = (" ".join(c.split()).replace("\\", "\\\\").replace("|", "\\|") for c in cells)
        return "| " + " | ".join(escaped) + " |"

    return "\n".join([line(columns), line(["---"] * len(columns))] + [line(r) for r in rows])


RENDERERS: dict[str, Callable[[Result], str]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "tsv": render_tsv,
    "md": render_markdown,
}
ROW_FORMATS = tuple(RENDERERS)


def render(result: Result, format_name: str) -> str:
    """Render ``result`` in the named format: the result's own renderer for formats that a
    standard fixes (``renderers``, such as the W3C SPARQL results), else the generic one."""
    own = getattr(result, "renderers", {})
    return (own.get(format_name) or RENDERERS[format_name])(result)
