"""The performance targets of careergraph's command line, measured as whole processes.

Each figure is the median of several runs of a fresh process, next to a baseline run in the
same benchmark: a bare ``python -c pass``, and a naive script that imports rdflib, parses the
same Turtle files and runs the same SPARQL. Peak memory is the largest resident set of the
runs (from the kernel's accounting of each child). Prints a Markdown table.

    .venv/bin/python benchmarks/commands.py [--runs 5] [--esco ../shared/data/esco]
                                            [--synthetic 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import resources
from pathlib import Path

from synthetic import write_synthetic

PYTHON = sys.executable
CAREERGRAPH = [PYTHON, "-m", "careergraph"]


GIVE_UP = 60.0  # seconds after which a run is stopped and reported as "> 60 s"


def run(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds and peak resident kilobytes of one run; a failing run stops the benchmark,
    one slower than ``GIVE_UP`` is stopped and counts as infinitely slow."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > GIVE_UP:
            process.kill()
            os.wait4(process.pid, 0)
            return float("inf"), 0
        time.sleep(0.002)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_maxrss


def measure(command: list[str], env: dict[str, str], runs: int) -> tuple[float, int]:
    """Median seconds and peak kilobytes over ``runs`` runs, after one warm-up run (a run
    that gives up is not repeated)."""
    if run(command, env)[0] == float("inf"):
        return float("inf"), 0
    results = [run(command, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


class Report:
    """Rows of the results table, printed as they come."""

    def __init__(self) -> None:
        print("| target | median s | baseline | baseline s | ratio | limit | peak MB | met |")
        print("|---|---:|---|---:|---:|---:|---:|:-:|")

    def row(self, name: str, seconds: float, peak: int, baseline: tuple[str, float] | None,
            limit: str, met: bool) -> None:  # fmt: skip
        base_name, base_seconds = baseline or ("", 0.0)
        ratio = f"{seconds / base_seconds:.1f}x" if base_seconds else ""
        base = f"{base_seconds:.3f}" if base_seconds else ""
        shown = f"{seconds:.3f}" if seconds != float("inf") else f"> {GIVE_UP:.0f}"
        print(f"| {name} | {shown} | {base_name} | {base} | {ratio} | {limit} |"
              f" {peak / 1024:.0f} | {'yes' if met else '**no**'} |", flush=True)  # fmt: skip


def naive_baseline(query: str) -> list[str]:
    """A script doing the naive thing: import rdflib, parse the Turtle, run the SPARQL."""
    folder = resources.files("careergraph.ontology")
    data = sorted(str(p) for p in (folder / "data").iterdir() if p.name.endswith(".ttl"))
    files = [str(folder / "schema.ttl"), *data]
    script = (
        "import rdflib\n"
        "g = rdflib.Graph()\n"
        f"for f in {files!r}: g.parse(f)\n"
        f"list(g.query({query!r}))\n"
    )
    return [PYTHON, "-c", script]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--esco", default=str(Path(__file__).resolve().parents[2] / "shared" /
                                              "data" / "esco"))  # fmt: skip
    parser.add_argument("--synthetic", default="10000,100000,1000000")
    options = parser.parse_args()
    runs = options.runs
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "CAREERGRAPH_STORE": str(Path(folder) / "store")}
        report = Report()
        bare, _ = measure([PYTHON, "-c", "pass"], env, runs)
        report.row("python -c pass", bare, 0, None, "", True)
        for args in (["--help"], ["--version"]):
            seconds, peak = measure([*CAREERGRAPH, *args], env, runs)
            report.row(f"careergraph {args[0]}", seconds, peak, ("bare", bare), "6x",
                       seconds <= 6 * bare)  # fmt: skip
        show_query = (
            "SELECT ?p ?o WHERE { <https://w3id.org/careergraph/id/role/mlops-architect> ?p ?o }"
        )
        naive, _ = measure(naive_baseline(show_query), env, runs)
        report.row("naive rdflib script", naive, 0, None, "", True)
        commands = {
            "show": ["show", "MLOps Architect"],
            "list": ["list", "roles", "--track", "MLOps"],
            "search": ["search", "kubernetes"],
            "overlap": ["overlap", "DevOps", "MLOps"],
            "query": ["query", show_query],
        }
        for name, args in commands.items():
            seconds, peak = measure([*CAREERGRAPH, *args], env, runs)
            met = seconds <= 10 * bare and naive / seconds >= 4
            report.row(f"{name} (built-in)", seconds, peak, ("bare", bare),
                       f"10x; naive/{name} {naive / seconds:.1f} >= 4", met)  # fmt: skip
        path = ["path", "Junior Linux Admin", "MLOps Engineer"]
        seconds, peak = measure([*CAREERGRAPH, *path], env, runs)
        report.row("path (built-in)", seconds, peak, ("bare", bare), "30x", seconds <= 30 * bare)
        if Path(options.esco).is_dir():
            esco(report, env, runs, options.esco)
        sizes = [int(s) for s in options.synthetic.split(",") if s]
        for size in sizes:
            synthetic(report, env, max(1, runs // 2), Path(folder), size)
        if 100_000 in sizes:
            crowded(report, env, max(1, runs // 2), Path(folder))


def _scratch(env: dict[str, str], name: str) -> str:
    """A file in the benchmark's temporary folder (beside its store)."""
    return str(Path(env["CAREERGRAPH_STORE"]).parent / name)


def esco(report: Report, env: dict[str, str], runs: int, path: str) -> None:
    seconds, peak = run([*CAREERGRAPH, "import", "esco", path], env)
    report.row("import esco (once)", seconds, peak, None, "60 s", seconds <= 60)
    seconds, peak = run([*CAREERGRAPH, "stats"], env)
    report.row("first call after import (builds the store)", seconds, peak, None, "", True)
    targets = {
        "show (ESCO)": (["show", "ICT change and configuration manager"], 0.5),
        "overlap (ESCO)": (["overlap", "software developer", "web developer"], 0.5),
        "query (ESCO)": (["query", "-n", "tool-roles"], 0.5),
        "path (ESCO)": (["path", "software developer", "web developer"], 2.0),
        "match (ESCO)": (["match", "Python (computer programming)", "--limit", "5"], 1.0),
        "match, names as people type them (ESCO)": (
            ["match", "python, sql, k8s, docker, leadership, budgets, qwxz", "--limit", "5"],
            0.5,
        ),
        "match --text, a one-page CV (ESCO)": (
            ["match", "--text", str(Path(__file__).parent / "cv" / "devops-engineer.txt")],
            1.0,
        ),
        "similar (ESCO)": (["similar", "data scientist"], 0.5),
        "similar, built-in to ESCO": (["similar", "DevOps Engineer"], 0.5),
        "path, built-in to ESCO": (["path", "Junior Linux Admin", "data scientist"], 2.0),
        "focus html (ESCO)": (
            # Into the benchmark's folder: a careergraph before 2026-12 renamed its output over
            # whatever -o named, and -o /dev/null run as root replaced the device.
            ["export", "html", "--focus", "software developer", "-o", _scratch(env, "focus.html")],
            2.0,
        ),
    }
    for name, (args, limit) in targets.items():
        seconds, peak = measure([*CAREERGRAPH, *args], env, runs)
        report.row(name, seconds, peak, None, f"{limit} s", seconds <= limit)
    endpoint(report, env, runs)
    run([*CAREERGRAPH, "import", "remove", "esco"], env)


def endpoint(report: Report, env: dict[str, str], runs: int) -> None:
    """The built-in graph plus ESCO behind a local Oxigraph server (``oxigraph serve``, the
    test extra), each command beside the same command run locally."""
    export = _scratch(env, "esco-all.nt")
    run([*CAREERGRAPH, "export", "nt", "-o", export], env)
    server = Path(PYTHON).parent / "oxigraph"
    location = _scratch(env, "oxigraph")
    subprocess.run([server, "load", "--location", location, "--file", export], check=True,
                   capture_output=True)  # fmt: skip
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([server, "serve", "--location", location, "--bind",
                                f"127.0.0.1:{port}"], stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/query"
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        remote = [*CAREERGRAPH, "--endpoint", url]
        seconds, peak = run([*remote, "stats"], env)
        report.row("endpoint: stats, no names needed", seconds, peak, None, "", True)
        nothing_kept = {
            "list roles": ["list", "roles"],
            "search": ["search", "kubernetes"],
            "named query with a parameter": [
                "query",
                "-n",
                "role-skills",
                "-p",
                "role=Python Guru",
            ],
        }
        for name, args in nothing_kept.items():  # names asked for as needed, every time
            seconds, peak = measure([*CAREERGRAPH, "--no-store", "--endpoint", url, *args], env,
                                    runs)  # fmt: skip
            report.row(f"endpoint, nothing kept: {name}", seconds, peak, None, "2 s",
                       seconds <= 2.0)  # fmt: skip
        seconds, peak = run([*remote, "show", "MLOps Architect"], env)
        report.row("endpoint: first career command (reads names and facts once)", seconds,
                   peak, None, "", True)  # fmt: skip
        targets = {
            "show": (["show", "MLOps Architect"], 2.0),
            "list roles": (["list", "roles"], 2.0),
            "search": (["search", "kubernetes"], 2.0),
            "overlap": (["overlap", "DevOps Engineer", "MLOps Engineer"], 2.0),
            "path (built-in roles)": (["path", "Junior Linux Admin", "MLOps Engineer"], 2.0),
            "match": (["match", "Kubernetes", "Terraform", "Bash"], 2.0),
            "named query with a parameter": (
                ["query", "-n", "role-skills", "-p", "role=Python Guru"],
                2.0,
            ),
            "path (ESCO occupations)": (["path", "software developer", "web developer"], 5.0),
        }
        for name, (args, limit) in targets.items():
            local, _ = measure([*CAREERGRAPH, *args], env, runs)
            seconds, peak = measure([*remote, *args], env, runs)
            report.row(f"endpoint: {name}", seconds, peak, ("local", local), f"{limit} s",
                       seconds <= limit)  # fmt: skip
    finally:
        process.terminate()
        process.wait()


def synthetic(report: Report, env: dict[str, str], runs: int, folder: Path, size: int) -> None:
    data = write_synthetic(folder / f"synthetic-{size}.nt", size)
    base = [*CAREERGRAPH, "--no-builtin", "--data", str(data)]
    seconds, peak = run([*base, "stats"], env)
    report.row(f"load {size:,} triples (builds the store)", seconds, peak, None,
               "30 s, 1.5 GB at 1M", seconds <= 30 and peak < 1.5 * 1024 * 1024)  # fmt: skip
    targets = {
        "show": ["show", "Role 1"],
        "list": ["list", "roles", "--track", "Track 1"],
        "search": ["search", "Skill 12"],
        "overlap": ["overlap", "Role 1", "Role 2"],
        "query": ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?r cg:requiresSkill ?s }"],
        "path": ["path", "Role 1", "Role 2"],
        "match": ["match", "Skill 1", "Skill 2"],  # no --limit: the default bounds it
    }
    for name, args in targets.items():
        seconds, peak = measure([*base, *args], env, runs)
        report.row(f"{name} ({size:,} triples)", seconds, peak, None, "2 s", seconds <= 2.0)
    with data.open(encoding="utf-8") as lines:
        roles = sum(line.endswith("#Role> .\n") for line in lines)
    seconds, peak = run([*base, "path", "Role 0", f"Role {roles - 1}"], env)
    report.row(f"path across {roles:,} roles (not a target)", seconds, peak, None, "", True)


def crowded(report: Report, env: dict[str, str], runs: int, folder: Path) -> None:
    """Not a target: path where a track has thousands of roles (1,455 per level)."""
    data = write_synthetic(folder / "crowded.nt", 100_000, track_roles=4_400)
    base = [*CAREERGRAPH, "--no-builtin", "--data", str(data)]
    run([*base, "stats"], env)
    seconds, peak = measure([*base, "path", "Role 1", "Role 2"], env, runs)
    report.row("path (100,000 triples, 1,455 roles per level)", seconds, peak, None, "", True)


if __name__ == "__main__":
    main()
