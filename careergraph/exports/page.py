"""A :class:`~careergraph.graph.pages.Page` as a self-contained HTML page or as
Markdown.

The HTML page runs no script at all and loads nothing: its Content-Security-Policy allows
inline styles only, every word of the data is escaped, and the charts are inline SVG and
CSS. It prints on A4 as it shows (sections do not break across pages where they fit).
Text is at least 13 px: nothing to zoom for.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from careergraph.graph.pages import Bars, Facts, Ladder, Rows, Text

if TYPE_CHECKING:
    from careergraph.graph.pages import Block, Page

_STYLE = """
:root { color-scheme: light; --ink: #1d2733; --soft: #5b6b7a; --line: #d8dee4;
        --bar: #457b9d; --band: #2a9d8f; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; }
h1 { font-size: 1.9rem; margin: 0 0 .2rem; }
.subtitle { color: var(--soft); margin: 0 0 1.5rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem;
     margin: 2rem 0 .8rem; }
section { break-inside: avoid; }
p.lead { font-size: 1.15rem; background: #f1f6f9; border-left: 4px solid var(--bar);
         padding: .6rem .9rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; color: var(--soft); }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
         border-bottom: 1px solid var(--line); }
th { font-weight: 600; }
.bars { display: grid; grid-template-columns: minmax(10rem, 16rem) 1fr; gap: .45rem 1rem;
        align-items: center; margin: .6rem 0; }
.bar { height: 1.1rem; background: #e9eef2; border-radius: 3px; position: relative; }
.bar > span { display: block; height: 100%; background: var(--bar); border-radius: 3px; }
.bar-note { font-size: .85rem; color: var(--soft); grid-column: 2; margin-top: -.3rem; }
svg text { font: 14px system-ui, sans-serif; fill: var(--ink); }
.sources { color: var(--soft); font-size: .9rem; margin-top: 2.5rem; }
@media print { body { padding: 0; max-width: none; } h2 { margin-top: 1.2rem; } }
"""
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
MARKDOWN_WIDTH = 100  # paragraphs of Markdown are wrapped to this (tables cannot be)


def render_page_html(page: Page) -> bytes:
    """The page as UTF-8 HTML: one file, no script, nothing fetched."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(page.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(page.title)}</h1>",
        f'<p class="subtitle">{_e(page.subtitle)}</p>' if page.subtitle else "",
    ]
    for section in page.sections:
        parts.append(f"<section><h2>{_e(section.heading)}</h2>")
        parts.extend(_html_block(block) for block in section.blocks)
        parts.append("</section>")
    if page.sources:
        items = "".join(f"<li>{_e(source)}</li>" for source in page.sources)
        parts.append(f'<footer class="sources"><h2>Where this comes from</h2><ul>{items}</ul>')
        parts.append("</footer>")
    parts.append("</body></html>\n")
    return "\n".join(part for part in parts if part).encode("utf-8")


def render_page_markdown(page: Page) -> str:
    """The page as GitHub-flavoured Markdown (charts as tables with text bars)."""
    parts = [f"# {_m(page.title)}"]
    if page.subtitle:
        parts.append(f"*{_m(page.subtitle)}*")
    for section in page.sections:
        parts.append(f"## {_m(section.heading)}")
        parts.extend(_markdown_block(block) for block in section.blocks)
    if page.sources:
        parts.append("## Where this comes from")
        parts.append("\n".join(f"- {_m(source)}" for source in page.sources))
    return "\n\n".join(parts) + "\n"


def _html_block(block: Block) -> str:
    if isinstance(block, Text):
        return f'<p class="lead">{_e(block.text)}</p>' if block.lead else f"<p>{_e(block.text)}</p>"
    if isinstance(block, Facts):
        pairs = "".join(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in block.pairs)
        return f"<dl>{pairs}</dl>"
    if isinstance(block, Rows):
        head = "".join(f"<th>{_e(column)}</th>" for column in block.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in block.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if isinstance(block, Bars):
        rows = []
        for bar in block.bars:
            width = max(0.0, min(1.0, bar.value)) * 100
            rows.append(
                f"<div>{_e(bar.label)}</div>"
                f'<div class="bar" title="{_e(bar.note)}"><span style="width:{width:.1f}%">'
                "</span></div>"
            )
            if bar.note:
                rows.append(f'<div class="bar-note">{_e(bar.note)}</div>')
        return f'<div class="bars">{"".join(rows)}</div>'
    return _ladder_svg(block)


def _ladder_svg(ladder: Ladder) -> str:
    """The salary ranges along a path as horizontal bars on one scale, in SVG: the role, its
    range drawn, its range in words."""
    known = [r for r in ladder.rungs if r.low is not None]
    if not known:
        return "<p>No salary is stated for these roles.</p>"
    low = min(r.low or 0 for r in known) * 0.8
    high = max(r.high or r.low or 0 for r in known) * 1.05
    names, bars, words, row = 250, 390, 190, 34
    scale = bars / ((high - low) or 1)
    lines = []
    for index, rung in enumerate(ladder.rungs):
        y = 8 + index * row
        lines.append(f'<text x="0" y="{y + 17}">{_e(_clipped(rung.label, 30))}</text>')
        lines.append(
            f'<rect x="{names}" y="{y + 10}" width="{bars}" height="2" fill="#e9eef2"></rect>'
        )
        if rung.low is None:
            lines.append(f'<text x="{names + bars + 12}" y="{y + 17}">not stated</text>')
            continue
        x = names + (rung.low - low) * scale
        span = max(((rung.high or rung.low) - rung.low) * scale, 6)
        lines.append(
            f'<rect x="{x:.1f}" y="{y + 2}" width="{span:.1f}" height="20" rx="3" '
            'fill="#2a9d8f"></rect>'
        )
        lines.append(f'<text x="{names + bars + 12}" y="{y + 17}">{_e(rung.words)}</text>')
    width, height = names + bars + words, 16 + len(ladder.rungs) * row
    return (
        f'<svg role="img" aria-label="Salary along the path" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" style="max-width:100%;height:auto">'
        f"{''.join(lines)}</svg>"
    )


def _markdown_block(block: Block) -> str:
    if isinstance(block, Text):
        return _wrapped(f"**{_m(block.text)}**" if block.lead else _m(block.text))
    if isinstance(block, Facts):
        lines = (f"- **{_m(name)}**: {_m(value)}" for name, value in block.pairs)
        return "\n".join(_wrapped(line, "  ") for line in lines)
    if isinstance(block, Rows):
        return _markdown_table(block.columns, block.rows)
    if isinstance(block, Bars):
        rows = [
            (bar.label, _text_bar(bar.value) + f" {bar.value:.2f}", bar.note) for bar in block.bars
        ]
        return _markdown_table(block.columns, rows)
    rows = [(rung.label, rung.words or "not stated") for rung in block.rungs]
    return _markdown_table(("role", "yearly salary"), rows)


def _markdown_table(columns: tuple[str, ...], rows) -> str:
    def line(cells) -> str:
        escaped = (_m(" ".join(str(cell).split())).replace("|", "\\|") for cell in cells)
        return "| " + " | ".join(escaped) + " |"

    return "\n".join([line(columns), line(["---"] * len(columns)), *(line(r) for r in rows)])


def _wrapped(text: str, indent: str = "") -> str:
    """A paragraph of Markdown in lines of at most ``MARKDOWN_WIDTH`` (soft breaks: it reads
    the same), long words kept whole."""
    import textwrap

    return textwrap.fill(
        text,
        MARKDOWN_WIDTH,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _text_bar(value: float, width: int = 10) -> str:
    """A bar of block characters: ``█████░░░░░`` for 0.5."""
    filled = round(max(0.0, min(1.0, value)) * width)
    return "█" * filled + "░" * (width - filled)


def _clipped(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _m(text: object) -> str:
    """Text for Markdown: markup characters escaped, so a label stays a label."""
    escaped = str(text).replace("\\", "\\\\")
    for char in "*_`[]<#":
        escaped = escaped.replace(char, "\\" + char)
    return escaped
