"""Moves and neighbours on the full ESCO, against plain baselines computed in the same run
on the same random, held-out cases (``quality.py`` prints them; issue 22).

- **similar**: for random occupations, the share of the 10 nearest ESCO occupations in the
  same ISCO unit group, and how often the occupation's broader ESCO occupation is among them
  (over those that have one). Baselines: the weighted Jaccard of the skills (IDF weights,
  optional skills half), and TF-IDF cosine over each occupation's description and the
  labels of its essential and optional skills.
- **path**: random pairs of ESCO occupations, half within one ISCO major group and half
  across: the share answered (within ``PATH_GIVE_UP`` seconds), the mean number of steps,
  the share of steps that stay within one ISCO sub-major (2-digit) group, and p50/p95 time.
  Baseline: the fewest steps on a plain graph where each occupation leads to its 20
  nearest by the weighted Jaccard above.

ISCO codes are the ground truth here; careergraph's similarity never reads them (its
hierarchy is ESCO's broader and narrower occupations).
"""

from __future__ import annotations

import itertools
import math
import os
import random
import re
import signal
import statistics
import time
from collections import Counter, defaultdict

from careergraph.errors import NotFoundError
from careergraph.exports import render

PATH_GIVE_UP = 10.0
NEAREST = 20  # the baseline's moves: each occupation's 20 nearest by weighted Jaccard
_TOKEN = re.compile(r"[a-z]{3,}")
_STOP = frozenset(
    {
        *("the", "and", "for", "with", "from", "that", "this", "are", "their", "such"),
        *("other", "into", "use", "using", "used", "work", "which", "they", "them", "can"),
        *("may", "will", "within", "also", "its", "has", "have", "been"),
    }
)


def isco_code(esco, occupation: str) -> str | None:
    """The 4-digit ISCO code of an occupation's unit group."""
    group = esco.unit_group(occupation)
    return group.rsplit("/", 1)[1].lstrip("C") if group else None


class Texts:
    """TF-IDF vectors of each occupation's description and skill labels (a baseline)."""

    def __init__(self, esco, labels):
        rows = {row["conceptUri"]: row for row in labels.occupation_rows}
        skill_label = {s: row["preferredLabel"] for s, row in labels.rows.items()}
        counts: dict[str, Counter] = {}
        for occupation in esco.occupations:
            row = rows.get(occupation, {})
            skills = esco.essential[occupation] | esco.optional[occupation]
            text = " ".join([row.get("description", ""), *(skill_label.get(s, "") for s in skills)])
            counts[occupation] = Counter(t for t in _TOKEN.findall(text.lower()) if t not in _STOP)
        frequency = Counter(term for found in counts.values() for term in found)
        total = len(counts)
        self.vectors: dict[str, dict[str, float]] = {}
        self.postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for occupation, found in counts.items():
            weights = {
                t: (1 + math.log(n)) * math.log(total / frequency[t]) for t, n in found.items()
            }
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            vector = {t: w / norm for t, w in weights.items()}
            self.vectors[occupation] = vector
            for term, weight in vector.items():
                self.postings[term].append((occupation, weight))

    def nearest(self, occupation: str, limit: int) -> list[str]:
        scores: dict[str, float] = defaultdict(float)
        for term, weight in self.vectors[occupation].items():
            for other, theirs in self.postings[term]:
                scores[other] += weight * theirs
        scores.pop(occupation, None)
        return sorted(scores, key=lambda o: (-scores[o], o))[:limit]


def similar_figures(esco, texts: Texts, seed: int, cases: int) -> dict[str, tuple]:
    """ISCO unit-group share of the 10 nearest, broader in the 10 nearest (and over how
    many), median seconds: careergraph's similar and the two baselines."""
    from quality import baseline_nearest

    rnd = random.Random(f"{seed}-similar")
    sample = rnd.sample(esco.occupations, cases)
    graph = esco.graph

    def careergraph(occupation: str) -> list[str]:
        result = graph.similar(f"<{occupation}>", limit=10)
        return [s.role.iri for s in result.similar if s.role.iri in esco.essential][:10]

    rankers = {
        "careergraph": careergraph,
        "weighted Jaccard": lambda r: baseline_nearest(esco, r, 10),
        "TF-IDF": lambda r: texts.nearest(r, 10),
    }
    found = {}
    for name, ranker in rankers.items():
        shares, broader, seconds = [], [], []
        for occupation in sample:
            started = time.perf_counter()
            top = ranker(occupation)
            seconds.append(time.perf_counter() - started)
            group = esco.unit_group(occupation)
            shares.append(sum(1 for o in top if esco.unit_group(o) == group) / 10)
            if esco.parent(occupation):
                broader.append(esco.parent(occupation) in top)
        found[name] = (
            statistics.mean(shares),
            statistics.mean(broader),
            len(broader),
            statistics.median(seconds),
        )
    return found


class _GaveUp(Exception):
    pass


def path_figures(
    esco, seed: int, cases: int, max_steps: int | None = None
) -> dict[str, dict[str, dict[str, float]]]:
    """For pairs within one ISCO major group and across: careergraph's paths (of at most
    ``max_steps``, path's own bound unless given) and the fewest-steps baseline, answered,
    mean steps, steps within one 2-digit group, times."""
    import networkx as nx
    from quality import baseline_nearest

    plain = nx.DiGraph()
    for occupation in esco.occupations:
        plain.add_edges_from((occupation, o) for o in baseline_nearest(esco, occupation, NEAREST))
    codes = {o: isco_code(esco, o) for o in esco.occupations}
    coded = [o for o in esco.occupations if codes[o]]
    rnd = random.Random(f"{seed}-path")
    pairs: dict[str, list[tuple[str, str]]] = {"within a major group": [], "across": []}
    while min(len(p) for p in pairs.values()) < cases:
        source, target = rnd.sample(coded, 2)
        kind = "within a major group" if codes[source][0] == codes[target][0] else "across"
        if len(pairs[kind]) < cases:
            pairs[kind].append((source, target))

    def give_up(signum, frame):
        raise _GaveUp

    signal.signal(signal.SIGALRM, give_up)
    figures: dict[str, dict[str, dict[str, float]]] = {}
    for kind, drawn in pairs.items():
        ours: list[list[str] | None] = []
        seconds, lines = [], []
        for source, target in drawn:
            started = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, PATH_GIVE_UP)
            try:
                result = esco.graph.path(f"<{source}>", f"<{target}>", max_steps=max_steps)
                steps = result.paths[0].steps
                ours.append([source, *(step.target.iri for step in steps)])
                lines.append(_plan_lines(result))
            except (NotFoundError, _GaveUp):
                ours.append(None)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            seconds.append(time.perf_counter() - started)
        theirs = []
        for source, target in drawn:
            try:
                theirs.append(nx.shortest_path(plain, source, target))
            except nx.NetworkXNoPath:
                theirs.append(None)
        both = [i for i in range(len(drawn)) if ours[i] and theirs[i]]
        seconds.sort()
        figures[kind] = {
            "careergraph": {
                **_path_measures(ours, codes, both),
                "p50 s": statistics.median(seconds),
                "p95 s": seconds[min(len(seconds) - 1, math.ceil(0.95 * len(seconds)) - 1)],
                "plan lines, most": max(lines, default=0),
            },
            "fewest steps": _path_measures(theirs, codes, both),
        }
    return figures


def _plan_lines(result) -> int:
    """How many lines the plan of a path takes at 100 columns."""
    os.environ["COLUMNS"] = "100"
    try:
        return len(render(result, "table").splitlines())
    finally:
        del os.environ["COLUMNS"]


def hierarchy_figures(esco, seed: int, cases: int) -> dict[str, tuple[float, float, int]]:
    """Random narrower occupations to their broader one, and random pairs of siblings (one
    broader occupation): the share answered within 1 and 2 steps, and how many pairs."""
    children: dict[str, list[str]] = defaultdict(list)
    for occupation in esco.occupations:
        if esco.parent(occupation):
            children[esco.parent(occupation)].append(occupation)
    rnd = random.Random(f"{seed}-hierarchy")
    narrower = sorted(o for kids in children.values() for o in kids)
    families = sorted(parent for parent, kids in children.items() if len(kids) > 1)
    drawn = {
        "narrower to broader": [(o, esco.parent(o)) for o in rnd.sample(narrower, cases)],
        "siblings": [
            tuple(rnd.sample(sorted(children[rnd.choice(families)]), 2)) for _ in range(cases)
        ],
    }
    figures = {}
    for kind, pairs in drawn.items():
        steps = []
        for source, target in pairs:
            try:
                result = esco.graph.path(f"<{source}>", f"<{target}>")
                steps.append(len(result.paths[0].steps))
            except NotFoundError:
                steps.append(math.inf)
        figures[kind] = (
            sum(s <= 1 for s in steps) / cases,
            sum(s <= 2 for s in steps) / cases,
            cases,
        )
    return figures


def _path_measures(found: list[list[str] | None], codes: dict, both: list[int]) -> dict:
    answered = [p for p in found if p]
    steps = [(a, b) for p in answered for a, b in itertools.pairwise(p)]
    within = [codes.get(a, "")[:2] == codes.get(b, "")[:2] for a, b in steps]
    return {
        "answered": len(answered) / len(found),
        "mean steps": statistics.mean(len(p) - 1 for p in answered) if answered else 0.0,
        "mean steps, pairs both answer": (
            statistics.mean(len(found[i]) - 1 for i in both) if both else 0.0
        ),
        "steps within a 2-digit group": sum(within) / len(within) if within else 0.0,
    }


def report(esco, esco_folder: str, seed: int, cases: int, path_cases: int) -> None:
    """Print the tables of similar and path (Markdown)."""
    from people_words import Labels

    texts = Texts(esco, Labels(esco_folder))
    figures = similar_figures(esco, texts, seed, cases)
    print(f"\n### similar (seed {seed}, {cases} occupations)\n")
    print("| ranker | same ISCO unit group in top 10 | broader in top 10 | median s |")
    print("|---|---:|---:|---:|")
    for name, (share, broader, over, seconds) in figures.items():
        print(f"| {name} | {share:.3f} | {broader:.3f} (of {over}) | {seconds:.3f} |")
    print(f"\n### ESCO's hierarchy as moves (seed {seed})\n")
    print("| pairs | in 1 step | in at most 2 steps | pairs |")
    print("|---|---:|---:|---:|")
    for kind, (one, two, over) in hierarchy_figures(esco, seed, path_cases).items():
        print(f"| {kind} | {one:.2f} | {two:.2f} | {over} |", flush=True)
    paths = path_figures(esco, seed, path_cases)
    print(f"\n### path (seed {seed}, {path_cases} random pairs of each kind)\n")
    print("| pairs | ranker | answered | mean steps | mean steps (pairs both answer) |"
          " steps within a 2-digit group | p50 s | p95 s | plan lines, most |")  # fmt: skip
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind, rows in paths.items():
        for name, f in rows.items():
            times = (
                f" {f['p50 s']:.2f} | {f['p95 s']:.2f} | {f['plan lines, most']} |"
                if "p50 s" in f
                else " | | |"
            )
            print(f"| {kind} | {name} | {f['answered']:.2f} | {f['mean steps']:.2f} |"
                  f" {f['mean steps, pairs both answer']:.2f} |"
                  f" {f['steps within a 2-digit group']:.2f} |{times}", flush=True)  # fmt: skip
