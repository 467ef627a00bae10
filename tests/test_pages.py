"""Pages a person keeps: the career report (HTML and Markdown) and the result pages of match,
similar and path, read in a real browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browsers import open_watched
from conftest import invoke

PAYLOADS = [
    "</script><script>window.__pwned = 'script';</script>",
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    "<a href=\"javascript:window.__pwned='href'\">[link](http://x)</a> **bold** | pipe",
]
PLAN = ("--role", "Junior Linux Admin", "--target", "MLOps Engineer")
# What a page holds, read in the browser: what ran or loaded, and the smallest text drawn.
READ = """() => {
  const texts = [...document.querySelectorAll('body *')].filter(e =>
    [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && e.offsetParent);
  const sizes = texts.map(e => parseFloat(getComputedStyle(e).fontSize) *
    (e.closest('svg') ? e.closest('svg').getBoundingClientRect().width /
                        e.closest('svg').viewBox.baseVal.width : 1));
  return {
    pwned: window.__pwned === undefined ? null : window.__pwned,
    scripts: document.querySelectorAll('script').length,
    images: document.querySelectorAll('img').length,
    links: document.querySelectorAll('a').length,
    smallest: Math.min(...sizes),
    headings: [...document.querySelectorAll('h2')].map(h => h.textContent),
    bars: document.querySelectorAll('.bar').length,
    rungs: document.querySelectorAll('svg rect[fill="#2a9d8f"]').length,
    text: document.body.innerText,
    wide: document.documentElement.scrollWidth > window.innerWidth,
  };
}"""


def read_page(browser, path: Path) -> dict:
    """Open a page from disk at a laptop's width; what it holds, and what it asked for."""
    page, errors, requests = open_watched(browser, path)
    found = page.evaluate(READ)
    page.close()
    return {**found, "errors": errors, "requests": requests}


def test_a_report_is_one_page_with_fits_path_salaries_and_sources(browser, tmp_path):
    target = tmp_path / "plan.html"
    result = invoke("report", "Bash", "Linux", "Python", *PLAN, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert f"wrote {target}" in result.stderr and not result.stdout
    page = read_page(browser, target)
    assert page["errors"] == [] and page["requests"] == [] and page["scripts"] == 0
    assert page["smallest"] >= 12 and not page["wide"]
    assert page["headings"][:4] == [
        "In short",
        "Roles that fit best",
        "What to learn next",
        "Roles nearest to Junior Linux Admin",
    ]
    assert "The path to MLOps Engineer" in page["headings"]
    assert "Certifications and time" in page["headings"]
    assert page["bars"] == 10  # five roles that fit, five nearest roles
    assert page["rungs"] == 3  # Junior Linux Admin, Build Engineer, MLOps Engineer
    text = page["text"]
    assert "MLOps Engineer is 2 steps away from Junior Linux Admin; learn first" in text
    assert "RHCE" in text and "800 USD" in text and "3-5 years" in text
    assert "lines 126-141 of DevOps vs MLOps: A Comprehensive Analysis" in text


def test_a_report_in_markdown_says_the_same(tmp_path):
    result = invoke("report", "Bash", "Linux", *PLAN, "--format", "md")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Career plan: Junior Linux Admin to MLOps Engineer\n")
    for heading in ("## In short", "## Roles that fit best", "## The path to MLOps Engineer"):
        assert heading in text
    assert "| Build Engineer | 80,000-110,000 USD |" in text  # the salary ladder, as a table
    assert "## Where this comes from" in text
    written = tmp_path / "plan.md"
    assert invoke("report", "Bash", "Linux", *PLAN, "-o", str(written)).exit_code == 0
    assert written.read_text("utf-8") == text


def test_a_report_from_skills_alone_starts_where_they_fit_best():
    result = invoke("report", "Kubernetes, Terraform, Prometheus", "--target", "DevOps Architect")
    assert result.exit_code == 0, result.stderr
    assert "## Roles nearest" not in result.stdout  # no role given
    assert (
        "DevOps Architect is" in result.stdout
        and "## The path to DevOps Architect" in result.stdout
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((), "report needs your skills"),
        (("--role", "Junior Linux Admin", "--target", "Kubernetes"), "Kubernetes"),
        (("Bash", "--target", "qwxzzy"), "qwxzzy"),
        (("Bash", "--source", "mine"), "--source 'mine' names no source"),
    ],
)
def test_a_report_refuses_bad_input_and_writes_nothing(tmp_path, args, said):
    target = tmp_path / "plan.html"
    result = invoke("report", *args, "-o", str(target))
    assert result.exit_code == 2 and said in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "heading"),
    [
        (("match", "Kubernetes", "Terraform", "Prometheus"), "Roles that fit best"),
        (("similar", "Junior Linux Admin", "--limit", "5"), "Roles nearest to Junior Linux Admin"),
        (("path", "Junior Linux Admin", "MLOps Engineer", "-k", "2"), "Path 1"),
    ],
)
def test_result_pages_hold_the_answer(browser, tmp_path, args, heading):
    target = tmp_path / "page.html"
    result = invoke(*args, "--html", str(target))
    assert result.exit_code == 0, result.stderr
    page = read_page(browser, target)
    assert heading in page["headings"] and page["smallest"] >= 12
    assert page["errors"] == [] and page["requests"] == [] and page["scripts"] == 0
    assert "Where this comes from" in page["text"]


def test_the_path_page_carries_the_plan(browser, tmp_path):
    target = tmp_path / "plan.html"
    result = invoke("path", "Junior Linux Admin", "MLOps Engineer", "--html", str(target))
    page = read_page(browser, target)
    asked = invoke("path", "Junior Linux Admin", "MLOps Engineer", "--format", "json")
    steps = json.loads(asked.stdout)["paths"][0]["steps"]
    assert result.exit_code == 0 and page["rungs"] == len(steps) + 1
    for step in steps:  # each step's move, the first things to learn, its pay change
        assert f"{step['from']['label']} → {step['to']['label']}" in page["text"]
        assert step["acquire"][0]["label"] in page["text"]
        assert f"(pay {step['pay_change']})" in page["text"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    labels = [json.dumps(p) for p in PAYLOADS]
    turtle = f"""
@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/evil/> .
@prefix level: <https://w3id.org/careergraph/id/level/> .
@prefix tool: <https://w3id.org/careergraph/id/tool/> .
ex:role a cg:Role ; skos:prefLabel {labels[0]} ; cg:level level:entry ;
    cg:requiresSkill ex:skill, tool:kubernetes .
ex:other a cg:Role ; skos:prefLabel {labels[1]} ; cg:level level:entry ;
    cg:requiresSkill ex:skill .
ex:skill a cg:Skill ; skos:prefLabel {labels[2]} .
"""
    data = tmp_path_factory.mktemp("hostile") / "evil.ttl"
    data.write_text(turtle, encoding="utf-8")
    return data


@pytest.mark.parametrize("command", ["match", "similar", "report-html", "report-md"])
def test_hostile_labels_stay_text_on_every_page(browser, tmp_path, hostile, command):
    asked = {
        "match": ("match", "Kubernetes", "--html"),
        "similar": ("similar", "https://example.org/evil/role", "--html"),
        "report-html": ("report", "Kubernetes", "--role", "https://example.org/evil/role", "-o"),
        "report-md": ("report", "Kubernetes", "--role", "https://example.org/evil/role", "-o"),
    }[command]
    target = tmp_path / ("page.md" if command == "report-md" else "page.html")
    result = invoke("--data", str(hostile), *asked, str(target))
    assert result.exit_code == 0, result.stderr
    if command == "report-md":
        text = target.read_text("utf-8")
        assert re.search(r"(?<!\\)<", text) is None  # every < escaped: no markup
        assert "\\<script>" in text
        assert "\\*\\*bold\\*\\*" in text and "\\| pipe" in text
        return
    page = read_page(browser, target)
    assert page["pwned"] is None and page["scripts"] == 0
    assert page["images"] == 0 and page["links"] == 0 and page["errors"] == []
    assert any(payload in page["text"] for payload in PAYLOADS)
