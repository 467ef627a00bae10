"""Tables for people that fit the terminal.

A table is laid out in the width of the terminal: the ``COLUMNS`` variable where it is set,
else the terminal's width when standard output is one; output to a file or a pipe is never
cut. Where the columns are wider than that, the widest give way first (each keeps at least
``MIN_WIDTH`` characters, or its own width if less), but a column of single words (ids,
figures) keeps its width while the columns of prose can give way instead: an id cut in two
cannot be copied. A long cell then wraps onto more lines,
and a list of names (:class:`~careergraph.graph.results.Items`) shows as many as fit in
``LIST_LINES`` lines and says how many more there are. Machine formats (json, csv, tsv, md)
never come here: they are never cut.

Control characters in a cell (escape sequences, bidirectional overrides) are shown escaped,
``\\x1b``, so that the data never controls the terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Sequence

from careergraph.graph.results import Count, Iri, Items, short_id

MIN_WIDTH = 10
LIST_LINES = 3
GAP = "  "
# C0 and C1 controls, DEL, and the invisible format characters that reorder or hide text.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def terminal_width(stream=None) -> int | None:
    """The width to lay tables out in: ``COLUMNS`` where set to a positive number, else
    the terminal's when ``stream`` (standard output unless given) is one; None (no limit)
    otherwise."""
    value = os.environ.get("COLUMNS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        if (stream or sys.stdout).isatty():
            return shutil.get_terminal_size().columns
    except (AttributeError, ValueError, OSError):  # a closed or replaced stream
        pass
    return None


def printable(text: str) -> str:
    """``text`` on one line, with runs of white space as one space, control characters
    escaped, and letters composed (NFC: a decomposed "é" is one column, as it shows).

    >>> printable("a\\tb\\n c\\x1b[2J")
    'a b c\\\\x1b[2J'
    >>> len(printable("Be\\u0301la"))
    4
    """
    return _CONTROL.sub(_escaped, unicodedata.normalize("NFC", " ".join(text.split())))


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def wrapped(text: str, width: int | None) -> str:
    """A line of text (a heading, a note) made printable and wrapped in ``width``.

    >>> print(wrapped("Roles nearest to Junior Linux Admin:", 20))
    Roles nearest to
    Junior Linux Admin:
    """
    shown = printable(text)
    return "\n".join(_wrap(shown, width)) if width else shown


def lay_out(columns: Sequence[str], rows: Sequence[Sequence[object]], width: int | None) -> str:
    """The table as aligned text in ``width`` characters (None: as wide as it is).

    >>> print(lay_out(("name", "tools"), [("Ann", Items(["Git", "Bash", "Awk"]))], 16))
    name  tools
    ----  ----------
    Ann   Git, Bash,
          Awk
    """
    head = [printable(c) for c in columns]
    body = [[_text(cell) for cell in row] for row in rows]
    natural = [max([len(c), *(len(row[i]) for row in body)]) for i, c in enumerate(head)]
    if width is None:  # nothing cut; a column padded up to PADDED_UP_TO, longer cells overflow
        pads = [min(n, PADDED_UP_TO) for n in natural]
        lines = [_padded(head, pads), GAP.join("-" * w for w in pads)]
        return "\n".join(lines + [_padded(row, pads) for row in body])
    solid = [all(" " not in row[i] for row in body) for i in range(len(head))]
    widths = column_widths(natural, width - len(GAP) * (len(head) - 1), solid)
    lines = _block(head, widths, [None] * len(head))
    lines.append(GAP.join("-" * w for w in widths))
    for row, raw in zip(body, rows, strict=True):
        lines += _block(row, widths, [c if isinstance(c, Items) else None for c in raw])
    return "\n".join(lines)


PADDED_UP_TO = 200  # characters a column is padded to where nothing is cut (a pipe, a file)


def _padded(cells: list[str], pads: list[int]) -> str:
    """One row on one line, each cell padded to its column (a longer one as it is: a 10 MB
    label does not make every row 10 MB).

    >>> _padded(["a", "bb"], [3, 2])
    'a    bb'
    """
    return GAP.join(cell.ljust(pad) for cell, pad in zip(cells, pads, strict=True)).rstrip()


def column_widths(natural: list[int], budget: int | None, solid: Sequence[bool] = ()) -> list[int]:
    """Each column's width: its natural one where all fit in ``budget``; else the widest
    give way first, down to a common cap, and what is left over goes back to them. A
    ``solid`` column (of single words) keeps its natural width where the others can give
    way enough, each down to ``MIN_WIDTH``.

    >>> column_widths([4, 30, 50], 60)
    [4, 28, 28]
    >>> column_widths([4, 30, 40], 60, [False, False, True])
    [4, 16, 40]
    >>> column_widths([4, 30, 50], None)
    [4, 30, 50]
    """
    if budget is None or sum(natural) <= budget:
        return list(natural)
    if any(solid):
        kept = sum(n for n, keep in zip(natural, solid, strict=True) if keep)
        rest = [n for n, keep in zip(natural, solid, strict=True) if not keep]
        if sum(min(n, MIN_WIDTH) for n in rest) <= budget - kept:
            given = iter(column_widths(rest, budget - kept))
            return [n if keep else next(given) for n, keep in zip(natural, solid, strict=True)]
    floors = [min(n, MIN_WIDTH) for n in natural]
    if sum(floors) > budget:  # too many columns: share the width out evenly
        floors = [min(n, max(1, budget // len(natural))) for n in natural]
    low, high = 0, max(natural)
    while low < high:  # the largest cap with which every column fits
        cap = (low + high + 1) // 2
        if sum(min(n, max(cap, f)) for n, f in zip(natural, floors, strict=True)) <= budget:
            low = cap
        else:
            high = cap - 1
    widths = [min(n, max(low, f)) for n, f in zip(natural, floors, strict=True)]
    spare = budget - sum(widths)
    for index in sorted(range(len(widths)), key=lambda i: -natural[i]):
        given = min(spare, natural[index] - widths[index])
        widths[index] += max(given, 0)
        spare -= max(given, 0)
    return widths


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Items):
        return printable(", ".join(cell))
    if isinstance(cell, Iri):
        return printable(short_id(cell))
    if isinstance(cell, Count):
        return f"{cell:,}"
    return printable(str(cell))


CELL_LINES = 12  # the most lines a cell of text takes in a terminal


def _block(cells: list[str], widths: list[int], lists: list[Items | None]) -> list[str]:
    """One row as lines: each cell wrapped in its width, padded to the row's height."""
    wrapped = [
        _listed(items, width) if items is not None and len(text) > width else _cut(text, width)
        for text, width, items in zip(cells, widths, lists, strict=True)
    ]
    height = max(len(lines) for lines in wrapped)
    return [
        GAP.join(
            (lines[i] if i < len(lines) else "").ljust(width)
            for lines, width in zip(wrapped, widths, strict=True)
        ).rstrip()
        for i in range(height)
    ]


def _cut(text: str, width: int) -> list[str]:
    """A cell of text wrapped in ``width``, in at most ``CELL_LINES`` lines: a longer one
    ends with how long it is (the other formats have it whole).

    >>> _cut("x" * 1000, 20)[-2:]
    ['xxxxxxxxxxxxxxxxxxxx', '… (1,000 characters)']
    """
    if len(text) <= width * CELL_LINES:
        lines = _wrap(text, width)
        if len(lines) <= CELL_LINES:
            return lines
    lines = _wrap(text[: width * CELL_LINES], width)[: CELL_LINES - 1]
    return [*lines, f"… ({len(text):,} characters)"[:width]]


def _wrap(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def _listed(items: Items, width: int) -> list[str]:
    """As many of the names as fit in ``LIST_LINES`` lines, then how many more (at least
    the first name, cut short if it alone is longer).

    >>> _listed(Items(["Ansible", "Bash", "Chef", "Git"]), 12)
    ['Ansible,', 'Bash, Chef,', 'Git']
    >>> _listed(Items(["a" * 40, "b"]), 10)
    ['aaaaaaaaaa', 'aaaaaaaaaa', 'aaaaaaaaa…']
    """
    names = [printable(name) for name in items]
    room, shown = width * LIST_LINES, 1
    while shown < len(names) and len(", ".join(names[: shown + 1])) < room:
        shown += 1
    while True:
        more = len(names) - shown
        lines = _wrap(", ".join(names[:shown]) + (f" and {more} more" if more else ""), width)
        if len(lines) <= LIST_LINES:
            return lines
        if shown == 1:  # the first name alone does not fit
            return [*lines[: LIST_LINES - 1], lines[LIST_LINES - 1][: width - 1] + "…"]
        shown -= 1


Block = tuple[str, Sequence[tuple[str, object]]]


def lay_out_plan(blocks: Sequence[Block], width: int | None) -> str:
    """Titled blocks of ``field: value`` lines (path's plan), each value wrapped under
    itself in ``width``, a list of names shortened as in a table.

    >>> print(lay_out_plan([("Step 1", [("learn", Items(["Git", "Bash", "Awk"]))])], 20))
    Step 1
      learn  Git, Bash,
             Awk
    """
    lines: list[str] = []
    for title, fields in blocks:
        if lines and not fields:  # a block without fields heads what follows
            lines.append("")
        lines += _wrap(printable(title), width) if width else [printable(title)]
        indent = max((len(name) for name, _ in fields), default=0) + 4
        room = max(width - indent, MIN_WIDTH) if width else None
        for name, value in fields:
            text = _text(value)
            if room is None:
                wrapped = [text]
            elif isinstance(value, Items) and len(text) > room:
                wrapped = _listed(value, room)
            else:
                wrapped = _wrap(text, room)
            lines.append(f"  {name.ljust(indent - 4)}  {wrapped[0]}".rstrip())
            lines += [" " * indent + more for more in wrapped[1:]]
    return "\n".join(lines)
