"""The quality of careergraph's answers on a real taxonomy (the full ESCO), against plain
baselines computed in the same run on the same random, held-out cases.

- match, skill-subset retrieval: take k essential skills of a random ESCO occupation, pass
  them (as IRIs) to match's ranking, find that occupation's rank: MRR@20 and hit@10, clean
  and noisy (a share of the k replaced by random skills). Baseline: the sum of log(N/df)
  over the query skills an occupation lists, essential 1, optional 0.5.
- similar and path: see ``moves_quality.py`` (against the weighted Jaccard, TF-IDF and the
  fewest steps on a plain graph of nearest occupations);
- names as people write them: see ``people_words.py``.

Ranks count ties at their middle (a tie of three for first is rank 2), for every ranker. The
seed is not the one the weights were set on. Beside each match figure, the **ceiling**: what
ranking by the posterior of the benchmark's own draw scores (:func:`ceiling`), the best any
ranker can do on the same queries. Prints a Markdown table.

    .venv/bin/python benchmarks/quality.py [--esco ../shared/data/esco] [--seed 2026]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from careergraph import CareerGraph
from careergraph.graph.careers.matching import fits
from careergraph.graph.sources.esco import import_esco
from careergraph.namespaces import ESCO, SKOS

OCCUPATION = "http://data.europa.eu/esco/occupation/"


class Esco:
    """The ESCO occupations of a graph, with their essential and optional skills."""

    def __init__(self, graph: CareerGraph):
        self.graph, facts = graph, graph.careers
        essential = facts.links[ESCO + "relatedEssentialSkill"]
        optional = facts.links[ESCO + "relatedOptionalSkill"]
        self.occupations = sorted(r for r in facts.roles if r.startswith(OCCUPATION))
        self.essential = {r: set(essential.get(r, ())) for r in self.occupations}
        self.optional = {r: set(optional.get(r, ())) - self.essential[r] for r in self.occupations}
        listed = Counter(s for r in self.occupations for s in self.essential[r] | self.optional[r])
        self.skills = sorted(listed)
        self.idf = {s: math.log(len(self.occupations) / n) for s, n in listed.items()}
        self.broader = facts.links.get(SKOS + "broader", {})

    def unit_group(self, occupation: str) -> str | None:
        """The ISCO unit group an occupation falls under, through its broader occupations."""
        seen = set()
        while occupation not in seen:
            seen.add(occupation)
            parents = self.broader.get(occupation, ())
            group = next((p for p in parents if "/isco/" in p), None)
            if group:
                return group
            occupation = next((p for p in parents if p.startswith(OCCUPATION)), occupation)
        return None

    def parent(self, occupation: str) -> str | None:
        return next((p for p in self.broader.get(occupation, ()) if p.startswith(OCCUPATION)), None)


def middle_rank(scores: dict[str, float], target: str) -> float | None:
    if target not in scores:
        return None
    mine = scores[target]
    better = sum(1 for value in scores.values() if value > mine)
    tied = sum(1 for value in scores.values() if value == mine) - 1
    return 1 + better + tied / 2


def idf_baseline(esco: Esco, query: list[str]) -> dict[str, float]:
    holders: dict[str, float] = defaultdict(float)
    for skill in query:
        weight = esco.idf.get(skill, 0.0)
        for occupation in esco.by_essential.get(skill, ()):
            holders[occupation] += weight
        for occupation in esco.by_optional.get(skill, ()):
            holders[occupation] += 0.5 * weight
    return holders


def ceiling(esco: Esco, query: list[str], real: int) -> dict[str, float]:
    """The best any ranker can do on these queries: the posterior of the draw itself. A
    query is ``real`` essential skills of an occupation of ``n`` (a uniform subset) and
    random ones, so an occupation with ``m`` of the query's skills among its essential ones
    is the target with odds ``C(m, real) / C(n, real)``; ranking by the posterior maximises
    the expected reciprocal rank."""

    def log_choose(n: int, r: int) -> float:
        return math.lgamma(n + 1) - math.lgamma(r + 1) - math.lgamma(n - r + 1)

    shared: dict[str, int] = defaultdict(int)
    for skill in set(query):
        for occupation in esco.by_essential.get(skill, ()):
            shared[occupation] += 1
    return {
        occupation: log_choose(m, real) - log_choose(len(esco.essential[occupation]), real)
        for occupation, m in shared.items()
        if m >= real
    }


def retrieval(esco: Esco, seed: int, k: int, noise: int, cases: int) -> dict[str, tuple]:
    rnd = random.Random(f"{seed}-{k}-{noise}")
    pool = [r for r in esco.occupations if len(esco.essential[r]) >= k]
    ranks: dict[str, list] = {"careergraph": [], "baseline": [], "ceiling": []}
    for _ in range(cases):
        target = rnd.choice(pool)
        query = rnd.sample(sorted(esco.essential[target]), k)
        for i in range(noise):
            query[i] = rnd.choice(esco.skills)
        ranks["careergraph"].append(middle_rank(fits(esco.graph.careers, query), target))
        ranks["baseline"].append(middle_rank(idf_baseline(esco, query), target))
        ranks["ceiling"].append(middle_rank(ceiling(esco, query, k - noise), target))
    return {
        name: (
            sum(1 / r for r in found if r and r <= 20) / cases,
            sum(1 for r in found if r and r <= 10) / cases,
        )
        for name, found in ranks.items()
    }


def weighted_vector(esco: Esco, occupation: str) -> dict[str, float]:
    vector = {s: esco.idf[s] for s in esco.essential[occupation]}
    for skill in esco.optional[occupation]:
        vector.setdefault(skill, 0.5 * esco.idf[skill])
    return vector


def baseline_nearest(esco: Esco, occupation: str, limit: int) -> list[str]:
    mine = weighted_vector(esco, occupation)
    candidates = set()
    for skill in mine:
        candidates |= esco.by_essential.get(skill, set()) | esco.by_optional.get(skill, set())
    candidates.discard(occupation)
    scored = []
    for other in candidates:
        theirs = weighted_vector(esco, other)
        low = sum(min(v, theirs[s]) for s, v in mine.items() if s in theirs)
        high = sum(mine.values()) + sum(theirs.values()) - low
        scored.append((-low / high, other))
    return [other for _, other in sorted(scored)[:limit]]


SECTIONS = ("match", "similar", "path", "words")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco"
    parser.add_argument("--esco", default=str(default))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--path-cases", type=int, default=40)
    parser.add_argument("--only", default=",".join(SECTIONS), help="sections, comma-separated")
    options = parser.parse_args()
    sections = set(options.only.split(","))
    if not Path(options.esco).is_dir():
        print(f"skipped: the full ESCO data is not at {options.esco}", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as folder:
        import_esco(options.esco, folder)
        graph = CareerGraph.open(persist=folder, imported=folder)
        esco = Esco(graph)
        esco.by_essential = defaultdict(set)
        esco.by_optional = defaultdict(set)
        for occupation in esco.occupations:
            for skill in esco.essential[occupation]:
                esco.by_essential[skill].add(occupation)
            for skill in esco.optional[occupation]:
                esco.by_optional[skill].add(occupation)
        print(f"ESCO: {len(esco.occupations):,} occupations, {len(esco.skills):,} skills listed;"
              f" seed {options.seed}\n")  # fmt: skip
        print("| answer | measure | careergraph | baseline | ratio | ceiling |")
        print("|---|---|---:|---:|---:|---:|")
        if "match" in sections:
            for k, noise in ((3, 0), (5, 0), (10, 0), (3, 1), (5, 2), (10, 4)):
                result = retrieval(esco, options.seed, k, noise, options.cases)
                variant = f"k={k}, " + (f"{noise} of {k} random" if noise else "clean")
                for index, measure in enumerate(("MRR@20", "hit@10")):
                    ours, base = result["careergraph"][index], result["baseline"][index]
                    best = result["ceiling"][index]
                    print(f"| match ({variant}) | {measure} | {ours:.3f} | {base:.3f} |"
                          f" {ours / base:.2f} | {best:.3f} |", flush=True)  # fmt: skip
        if "similar" in sections or "path" in sections:
            from moves_quality import report as moves_report

            moves_report(esco, options.esco, options.seed, options.cases, options.path_cases)
        if "words" in sections:
            from people_words import report

            report(esco, options.esco, options.seed, options.cases)


if __name__ == "__main__":
    main()
