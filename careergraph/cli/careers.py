"""The career commands: overlap, path and match."""

from __future__ import annotations

import re

import click

from careergraph.cli.context import (
    Settings,
    emit,
    format_option,
    pass_settings,
    read_text,
    report,
    source_option,
    write_output,
)
from careergraph.graph.choices import COMPARED


@click.command()
@click.argument("names", nargs=-1, metavar="NAME NAME [NAME]...")
@click.option(
    "--kind",
    type=click.Choice(COMPARED),
    default="all",
    show_default=True,
    help="Compare skills, tools, or both (with integration points).",
)
@click.option("--by", "by_alias", type=click.Choice(COMPARED), hidden=True)  # the old name
@click.option(
    "--matrix",
    metavar="KIND",
    help="Instead of NAMEs: the pairwise similarity of every role (or track).",
)
@click.option("--html", "html_path", metavar="FILE", help="Also draw the overlap in FILE.")
@source_option("the taxonomies of the names; --matrix: builtin")
@format_option()
@pass_settings
def overlap(
    settings: Settings,
    names: tuple[str, ...],
    kind: str,
    by_alias: str | None,
    matrix: str | None,
    html_path: str | None,
    format_name: str,
) -> None:
    """What two or more roles, tracks or skill areas share, what only one of them has, and
    their similarity (a weighted Jaccard: see `careergraph similar`), with why each has each
    item.

    A role's skills are its own, its track's (core skill areas, the guru's mind-map branches,
    shared integration points) and those of the role it varies; an area brings its skills
    and their tools, and a tool the skill it is used for.

    \b
    Examples:
      careergraph overlap "Linux Guru" "Python Guru"
      careergraph overlap DevOps MLOps --kind tools --format json
      careergraph overlap --matrix roles --format csv
      careergraph overlap DevOps MLOps --html shared.html
    """
    graph, kind = settings.graph(), by_alias or kind
    if matrix is not None:
        if names:
            raise click.UsageError("give NAMEs or --matrix KIND, not both")
        emit(graph.similarity_matrix(matrix, kind), format_name)
        return
    if len(names) < 2:
        raise click.UsageError("overlap needs two or more NAMEs (or --matrix KIND)")
    result = graph.overlap(names, kind)
    if html_path:
        _draw(graph.overlap_view(result), html_path)
    emit(result, format_name)


def _draw(view, path: str) -> None:
    """Write ``view`` as an HTML page at ``path``, saying what a cut left out."""
    from careergraph.exports import render

    if view.note:
        report(f"the {view.name} view was {view.note}")
    write_output(path, render(view, "html", "view"), "html")


def _keep_page(graph, result, path: str) -> None:
    """Write ``result``'s page (with where its facts come from) as HTML at ``path``."""
    from dataclasses import replace

    from careergraph.exports import render

    page = replace(result.page(), sources=graph.provenance(result.roles_shown()))
    write_output(path, render(page, "html"), "html")


def _relations(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


@click.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option(
    "-k", "k", type=int, default=1, show_default=True, help="How many paths (at most 50)."
)
@click.option(
    "--via",
    metavar="RELATIONS",
    callback=_relations,
    help="Only these kinds of step, comma-separated: promotion, transition, "
    "specialisation, match, broader, narrower, sibling, similar.",
)
@click.option(
    "--max-steps",
    type=int,
    help="Only paths of at most this many steps (6 unless given; 12 at most).",
)
@click.option(
    "--no-pay-cut", is_flag=True, help="Only moves where the pay does not fall (where it is known)."
)
@click.option(
    "--html",
    "html_path",
    metavar="FILE",
    help="Also write the plan as a page to keep: each step, the salary along the way.",
)
@source_option()
@format_option()
@pass_settings
def path(
    settings: Settings,
    source: str,
    target: str,
    k: int,
    via: tuple[str, ...] | None,
    max_steps: int | None,
    no_pay_cut: bool,
    html_path: str | None,
    format_name: str,
) -> None:
    """The cheapest ways from one role to another, step by step, of at most 6 steps:
    promotions, the career transitions the source states, moves between variants, between a
    built-in role and its ESCO occupation (match), along ESCO's hierarchy of occupations (to
    the broader one, a narrower one, a sibling), and to roles with similar skills. Each step
    says the five things most worth learning first (JSON: all of them), what carries over,
    the salary before and after and whether pay rises or falls, and the certifications and
    time the source ties to the track it enters.

    A step costs 3 (promotion, specialisation, match, broader, narrower), 3.5 (transition,
    sibling) or 5 (similar), plus twice the share of what the next role needs that this one
    lacks (each skill weighted by its specificity, log N/df; a tool half), plus 1 where pay
    falls: short paths through neighbouring roles. A similar move under the viable
    similarity (calibrated on the data: 0.12 on ESCO) is a stretch and costs 6 more. Exit
    status 1 when there is no path, saying why.

    \b
    Examples:
      careergraph path "Junior DevOps Engineer" "DevOps Architect"
      careergraph path "Junior Linux Admin" "MLOps Engineer" -k 3 --format json
      careergraph path "Junior Python Developer" "ML Engineer" --via transition
      careergraph path "Junior Linux Admin" "MLOps Engineer" --no-pay-cut
      careergraph path "Junior Linux Admin" "MLOps Engineer" --html plan.html
    """
    graph = settings.graph()
    result = graph.path(source, target, k, via, max_steps, no_pay_cut)
    if html_path:
        _keep_page(graph, result, html_path)
    emit(result, format_name)


def skill_options(command):
    """The options that say what a person has: --skills-file, --text and --track (match
    and report)."""
    for option in reversed(
        (
            click.option(
                "--skills-file",
                metavar="FILE",
                help="Read skills and tools from FILE, one or a comma-separated list per line "
                "('#' at a line's start or after a space starts a comment; '-': stdin).",
            ),
            click.option(
                "--text",
                "text_file",
                metavar="FILE",
                help="Find the skills and tools in FILE: a CV, a profile, a job ad ('-': stdin).",
            ),
            click.option(
                "--track",
                "tracks",
                metavar="NAME",
                multiple=True,
                help="Count every skill and tool a track calls for (repeatable).",
            ),
        )
    ):
        command = option(command)
    return command


def _person(
    skills: tuple[str, ...], skills_file: str | None, text_file: str | None
) -> tuple[list[str], str | None]:
    """The names a person gives (arguments and --skills-file) and the text they give."""
    names = list(skills)
    if skills_file:
        names += [kept for line in read_text(skills_file).splitlines() if (kept := _content(line))]
    return names, read_text(text_file) if text_file else None


@click.command()
@click.argument("skills", nargs=-1, metavar="SKILL...")
@skill_options
@click.option("--limit", type=click.IntRange(min=1), help="Show only the best N roles.")
@click.option(
    "--html", "html_path", metavar="FILE", help="Also write the roles that fit as a page to keep."
)
@source_option()
@format_option()
@pass_settings
def match(
    settings: Settings,
    skills: tuple[str, ...],
    skills_file: str | None,
    text_file: str | None,
    tracks: tuple[str, ...],
    limit: int | None,
    html_path: str | None,
    format_name: str,
) -> None:
    """The roles that fit a set of skills, skill areas and tools, best first (10 unless
    --limit): each role's fit, which blends relevance (how much of your skills it uses) and
    readiness (how much of its needs you have), each skill weighted by how specific it is;
    what is missing; and a learning order (what raises the roles' fit most, and what it
    completes). A tool covers the skill it is used for, an area what is under it; a
    narrower skill is half credit toward the broader one a role lists.

    Names are read as people write them: any case, aliases (k8s, js, CI/CD), ESCO's hidden
    labels (leadership), short forms (budgets), small typos; a comma-separated list in one
    argument is cut at its commas. A name read past its exact label is said on stderr, and
    one that cannot be read is skipped with the closest candidates: the answer uses the
    rest (exit 2 only when nothing is read). A track counts as everything it calls for
    only when --track names it, or when a name is nothing but a track (with a note).

    \b
    Examples:
      careergraph match Kubernetes Terraform Prometheus
      careergraph match "python, sql, k8s, docker"
      careergraph match --skills-file my-skills.txt --limit 5 --format json
      careergraph match --text my-cv.txt
      careergraph match Python --track DevOps
    """
    names, text = _person(skills, skills_file, text_file)
    if not names and text is None and not tracks:
        raise click.UsageError("match needs at least one SKILL, --skills-file, --text or --track")
    graph = settings.graph()
    result = graph.match(names, limit, text=text, tracks=tracks)
    if html_path:
        _keep_page(graph, result, html_path)
    emit(result, format_name)


def _content(line: str) -> str:
    """A line of a skills file without its comment: '#' at its start or after white space
    (so that C# stays C#).

    >>> _content("C#  # my first language"), _content("# a comment"), _content(" Go ")
    ('C#', '', 'Go')
    """
    return re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip()


@click.command()
@click.argument("name")
@click.option(
    "--limit", type=int, default=10, show_default=True, help="How many roles (of each taxonomy)."
)
@click.option(
    "--html", "html_path", metavar="FILE", help="Also write the nearest roles as a page to keep."
)
@source_option()
@format_option()
@pass_settings
def similar(
    settings: Settings, name: str, limit: int, html_path: str | None, format_name: str
) -> None:
    """The roles nearest to a role (built-in or imported), most similar first, each with
    what both call for and what it calls for that the first does not: the roles of its own
    taxonomy, or of --source (with all: the --limit nearest built-in roles and the --limit
    nearest ESCO occupations).

    The similarity is a weighted Jaccard of the two roles' skills and tools: each weighs how
    specific it is (a skill half of all roles list says little), an optional skill half,
    and a skill lends a fifth of its weight to the one above it. A built-in role and an
    ESCO occupation are compared on the ESCO skills the built-in items are linked to. The
    roles are ranked by closeness: the similarity, plus 0.5 for the broader occupation or a
    narrower one in ESCO's hierarchy and 0.25 for a sibling; roles of the same skills come
    nearest level first ("same skills, one level up").

    \b
    Examples:
      careergraph similar "DevOps Engineer"
      careergraph similar "MLOps Engineer" --limit 5 --format json
    """
    graph = settings.graph()
    result = graph.similar(name, limit)
    if html_path and result.similar:
        _keep_page(graph, result, html_path)
    emit(result, format_name, empty=f"no role is like {name}")


@click.command("report")
@click.argument("skills", nargs=-1, metavar="[SKILL]...")
@skill_options
@click.option("--role", metavar="NAME", help="Your role now.")
@click.option("--target", metavar="NAME", help="The role you aim at.")
@click.option(
    "--limit",
    type=click.IntRange(1, 20),
    default=5,
    show_default=True,
    help="How many roles that fit, and nearest roles.",
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["md", "html"]),
    help="md, or html (the default where -o ends in .html).",
)
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE.")
@source_option()
@pass_settings
def report_command(
    settings: Settings,
    skills: tuple[str, ...],
    skills_file: str | None,
    text_file: str | None,
    tracks: tuple[str, ...],
    role: str | None,
    target: str | None,
    limit: int,
    format_name: str | None,
    output: str | None,
) -> None:
    """A one-page career plan to keep or send to a mentor: the roles your skills fit best
    (with fit bars), the roles nearest to yours, the path to the role you aim at with the
    few things to learn first at each step, the salary along it, the certifications with
    their prices and the time the source gives, and where each fact comes from. HTML (one
    self-contained page that prints as it shows) or Markdown.

    Your skills are read as match reads them (names, --skills-file, --text); without
    --role, the path starts from the role your skills fit best.

    \b
    Examples:
      careergraph report --role "Junior Linux Admin" --target "MLOps Engineer" -o plan.html
      careergraph report --text my-cv.txt --target "MLOps Engineer" -o plan.md
      careergraph report "python, sql, docker" --format md
    """
    from careergraph.exports import render

    names, text = _person(skills, skills_file, text_file)
    if not (names or text is not None or tracks or role):
        raise click.UsageError(
            "report needs your skills (SKILLs, --skills-file, --text, --track) or your --role"
        )
    chosen = format_name or ("html" if (output or "").lower().endswith(".html") else "md")
    plan = settings.graph().report(
        names, text=text, tracks=tracks, role=role, target=target, limit=limit
    )
    write_output(output, render(plan.page(), chosen), chosen)


COMMANDS = (overlap, path, match, similar, report_command)
