"""People's words: how careergraph reads names as people write them, on the full ESCO,
against plain look-ups computed in the same run on the same cases (``quality.py`` prints it).

Cases, each drawn at random with the seed (the rules were set on seeds 1 and 7):

- **alternative labels**: 5 essential skills of a random occupation (one with at least 5),
  each named by a random alternative label (its preferred label where it has none);
- **short forms**: the same draw, each skill named the short way people write it, lower case
  (:func:`short_form`: "manage budgets" is "budgets", "Python (computer programming)" is
  "python");
- **job titles with one typo**: a random occupation's preferred label with one random edit
  (a letter dropped, added, changed, or two swapped) in a word of 4 letters or more;
- **hidden labels**: random ESCO hidden labels of skills (1 name each);
- **hand-typed lists**: ``people.toml``, skill lists written by hand with the answers a coach
  would accept, before any was run, and ``people-fresh.toml``, five more written after every
  rule was set, ``people-23.toml``, five written after issue 23, ``people-25.toml``, five
  after issue 25's import, and ``people-25b.toml``, five after issue 25 was finished;
  **CVs**: ``cv/*.txt`` through ``match --text``.

For the lists of names, careergraph reads them as ``match`` does (:meth:`read_skills`: what
cannot be read is skipped) and ranks by match's fit; "answered as typed" is the share of
queries that get an answer at all (a refusal is an answer of zero, for every ranker). The
baselines rank with the plain IDF sum of ``quality.idf_baseline``:

- **exact label**: a name is every skill that has it as a label, any case (preferred labels
  first, else alternative or hidden ones); a name that is none is dropped;
- **+ containment**: a name that is no label is every skill with a label holding all of its
  words, those of the fewest words.
"""

from __future__ import annotations

import csv
import io
import random
import re
import statistics
import time
import tomllib
import zipfile
from collections import defaultdict
from pathlib import Path

from careergraph.graph.careergraph import ROLE_KINDS
from careergraph.graph.careers.matching import fits
from careergraph.graph.resolution.readings import Reading

HERE = Path(__file__).parent
K = 5
_FUNCTION_WORDS = {"a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "the",
                   "to", "with", "about"}  # fmt: skip
_WORD = re.compile(r"[^\W_]+[+#]*")


class Labels:
    """ESCO's skills by label, read from the CSV export: the plain baselines' look-up."""

    def __init__(self, esco_folder: str):
        self.rows = {row["conceptUri"]: row for row in _csv(esco_folder, "skills_en.csv")}
        self.occupation_rows = list(_csv(esco_folder, "occupations_en.csv"))
        self.by_label: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.words_of: dict[str, set[str]] = {}
        for iri, row in self.rows.items():
            for tier, column in ((1, "preferredLabel"), (2, "altLabels"), (4, "hiddenLabels")):
                for label in _lines(row[column]):
                    key = " ".join(label.split()).casefold()
                    self.by_label[key][tier].add(iri)
                    self.words_of[key] = set(_WORD.findall(key))
        self.by_word: dict[str, set[str]] = defaultdict(set)
        for key, found in self.words_of.items():
            for word in found:
                self.by_word[word].add(key)

    def alternatives(self, skill: str) -> list[str]:
        return _lines(self.rows[skill]["altLabels"]) or [self.rows[skill]["preferredLabel"]]

    def hidden(self) -> list[tuple[str, str]]:
        return [(s, label) for s, row in self.rows.items() for label in _lines(row["hiddenLabels"])]

    def exact(self, name: str) -> set[str]:
        tiers = self.by_label.get(" ".join(name.split()).casefold(), {})
        return next((tiers[t] for t in sorted(tiers) if tiers[t]), set())

    def containing(self, name: str) -> set[str]:
        wanted = set(_WORD.findall(name.casefold()))
        if not wanted:
            return set()
        keys = set.intersection(*(self.by_word.get(w, set()) for w in wanted))
        if not keys:
            return set()
        fewest = min(len(self.words_of[k]) for k in keys)
        return {
            s
            for k in keys
            if len(self.words_of[k]) == fewest
            for t in self.by_label[k].values()
            for s in t
        }


def short_form(label: str, skill_type: str) -> str:
    """A skill named the short way people write it, in lower case: without the label's
    qualifier, without the verb a competence starts with, without the words before the
    first noun ("with regulations").

    >>> short_form("comply with regulations", "skill/competence")
    'regulations'
    >>> short_form("Python (computer programming)", "knowledge")
    'python'
    """
    words = re.sub(r"\s*\([^()]*\)\s*$", "", label).casefold().split()
    if skill_type == "skill/competence" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[0] in _FUNCTION_WORDS:
        words = words[1:]
    return " ".join(words)


def with_a_typo(title: str, rnd: random.Random) -> str | None:
    """The title with one random edit in a word of 4 letters or more (None if it has none)."""
    spans = [m.span() for m in re.finditer(r"[^\W\d_]{4,}", title)]
    if not spans:
        return None
    start, end = rnd.choice(spans)
    at = rnd.randrange(start, end)
    letter = rnd.choice("abcdefghijklmnopqrstuvwxyz")
    edit = rnd.choice(("drop", "add", "change", "swap"))
    if edit == "drop":
        typed = title[:at] + title[at + 1 :]
    elif edit == "add":
        typed = title[:at] + letter + title[at:]
    elif edit == "change":
        typed = title[:at] + (letter if letter != title[at].lower() else "z") + title[at + 1 :]
    else:
        at = min(at, end - 2)
        typed = title[:at] + title[at + 1] + title[at] + title[at + 2 :]
    return typed if typed.casefold() != title.casefold() else None


# ---- the figures -------------------------------------------------------------------------------


def name_lists(esco, labels: Labels, seed: int, cases: int, how: str) -> dict[str, dict]:
    """Careergraph and the baselines on ``cases`` random occupations' skills named ``how``
    (``alternative`` or ``short``): answered as typed, names read right, MRR@20, hit@10."""
    from quality import idf_baseline, middle_rank

    rnd = random.Random(f"{seed}-words-{how}")
    pool = [r for r in esco.occupations if len(esco.essential[r]) >= K]
    figures: dict[str, dict] = {
        n: defaultdict(list) for n in ("careergraph", "exact", "containment")
    }
    seconds = []
    for _ in range(cases):
        target = rnd.choice(pool)
        skills = rnd.sample(sorted(esco.essential[target]), K)
        if how == "alternative":
            names = [rnd.choice(labels.alternatives(s)) for s in skills]
        else:
            names = [short_form(labels.rows[s]["preferredLabel"], labels.rows[s]["skillType"])
                     for s in skills]  # fmt: skip
        started = time.perf_counter()
        readings, _ = esco.graph.read_skills(names)
        ranking = fits(esco.graph.careers, readings) if readings else {}
        seconds.append(time.perf_counter() - started)
        read = [{e.iri for e in r.entities} for r in readings]
        right = sum(1 for s in skills if any(s in found for found in read))
        _count(figures["careergraph"], ranking, target, bool(readings), right, middle_rank)
        for name, look_up in (("exact", labels.exact), ("containment", _with_containment(labels))):
            found = [look_up(n) for n in names]
            query = [s for skills_ in found for s in skills_]
            right = sum(1 for s, f in zip(skills, found, strict=True) if s in f)
            ranking = idf_baseline(esco, query) if query else {}
            _count(figures[name], ranking, target, bool(query), right, middle_rank)
    result = {name: _summed(found, cases) for name, found in figures.items()}
    result["careergraph"]["median_s"] = statistics.median(seconds)
    return result


def _with_containment(labels: Labels):
    return lambda name: labels.exact(name) or labels.containing(name)


def _count(found, ranking, target, answered, right, middle_rank) -> None:
    rank = middle_rank(ranking, target) if answered else None
    found["answered"].append(answered)
    found["right"].append(right / K)
    found["rr"].append(1 / rank if rank and rank <= 20 else 0.0)
    found["hit10"].append(bool(rank and rank <= 10))


def _summed(found, cases) -> dict:
    return {key: sum(values) / cases for key, values in found.items()}


def typos(esco, labels: Labels, seed: int, cases: int) -> dict[str, float]:
    """Job titles with one typo: the share read as the right occupation by careergraph (the
    ladder among roles and occupations) and by the old first suggestion (the closest name
    by the search's score)."""
    rnd = random.Random(f"{seed}-words-typo")
    graph, names = esco.graph, esco.graph.names
    right = suggested = tried = 0
    for _ in range(cases * 3):
        if tried == cases:
            break
        occupation = rnd.choice(esco.occupations)
        typed = with_a_typo(names.label(occupation), rnd)
        if typed is None:
            continue
        tried += 1
        reading = graph.read_name(typed, ROLE_KINDS, "role")
        right += isinstance(reading, Reading) and reading.entities[0].iri == occupation
        first = names.closest_iris(typed, lambda i: i in graph.careers.roles, 1)
        suggested += bool(first) and first[0] == occupation
    return {"careergraph": right / tried, "first suggestion": suggested / tried, "cases": tried}


def hidden_labels(esco, labels: Labels, seed: int, cases: int) -> dict[str, float]:
    """Random hidden labels of skills that occupations list: the share read as their skill."""
    rnd = random.Random(f"{seed}-words-hidden")
    pool = [(s, label) for s, label in labels.hidden() if s in esco.idf]
    drawn = rnd.sample(pool, min(cases, len(pool)))
    right = 0
    for skill, label in drawn:
        reading = esco.graph.read_name(label, ("esco-skill",), "skill")
        right += isinstance(reading, Reading) and skill in {e.iri for e in reading.entities}
    return {"careergraph": right / len(drawn), "cases": len(drawn)}


ALIASES = {  # what each common alias should read as (label of the entity)
    "k8s": "Kubernetes", "postgres": "PostgreSQL", "js": "JavaScript", "ts": "TypeScript",
    "ML": "machine learning", "AI": "principles of artificial intelligence",
    "CI/CD": "CI/CD", "cicd": "CI/CD", "IaC": "Infrastructure as Code", "GCP": "GCP",
    "excel": "use spreadsheets software", "sklearn": "Scikit-learn",
}  # fmt: skip


def aliases(esco) -> dict[str, float]:
    """The common aliases: the share read as the entity meant."""
    right = 0
    for alias, meant in ALIASES.items():
        reading = esco.graph.read_name(alias, ("skill", "tool", "skill-area", "esco-skill"))
        right += isinstance(reading, Reading) and meant in [e.label for e in reading.entities]
    return {"careergraph": right / len(ALIASES), "cases": len(ALIASES)}


# The later ones held out.
HAND_TYPED = (
    "people.toml",
    "people-fresh.toml",
    "people-23.toml",
    "people-25.toml",
    "people-25b.toml",
)


def hand_typed(esco, labels: Labels, file: str = HAND_TYPED[0]) -> list[dict]:
    """Each list of ``file``: answered as typed, and the best rank of an answer a
    coach accepts, for careergraph and the baselines."""
    from quality import idf_baseline

    graph = esco.graph
    by_label = {graph.names.label(r): r for r in graph.careers.roles}
    rows = []
    for person in tomllib.loads((HERE / file).read_text("utf-8"))["person"]:
        names = [n.strip() for n in person["skills"].split(",") if n.strip()]
        accepted = {by_label[a] for a in person["accept"] if a in by_label}
        readings, skipped = graph.read_skills(names)
        ranked = fits(graph.careers, readings) if readings else {}
        row = {"job": person["job"], "names": len(names), "read": len(names) - len(skipped),
               "careergraph": _best_rank(ranked, accepted)}  # fmt: skip
        for name, look_up in (("exact", labels.exact), ("containment", _with_containment(labels))):
            query = [s for n in names for s in look_up(n)]
            row[name] = _best_rank(idf_baseline(esco, query), accepted) if query else None
        rows.append(row)
    return rows


def _best_rank(ranking: dict[str, float], accepted: set[str]) -> float | None:
    """The best rank of an accepted answer, ties at their middle (as every rank here: an
    order among equal scores would be the order of a set)."""
    from quality import middle_rank

    ranks = [middle_rank(ranking, answer) for answer in accepted if answer in ranking]
    return min(ranks, default=None)


def cvs(esco) -> list[dict]:
    """Each CV of ``cv/``: the skills ``match --text`` finds, how long it takes, and the top
    three roles."""
    rows = []
    for path in sorted((HERE / "cv").glob("*.txt")):
        text = path.read_text("utf-8")
        started = time.perf_counter()
        result = esco.graph.match([], text=text, limit=3)
        took = time.perf_counter() - started
        found = [e.label for r in result.readings for e in r.entities]
        rows.append({"cv": path.name, "found": found, "seconds": took,
                     "top": [m.role.label for m in result.roles]})  # fmt: skip
    return rows


def report(esco, esco_folder: str, seed: int, cases: int) -> None:
    """Print the tables of people's words (Markdown)."""
    labels = Labels(esco_folder)
    print(f"\n### People's words (seed {seed}, {cases} cases a row)\n")
    print("| names | ranker | answered as typed | names read right | MRR@20 | hit@10 |")
    print("|---|---|---:|---:|---:|---:|")
    for how in ("alternative", "short"):
        result = name_lists(esco, labels, seed, cases, how)
        for name in ("careergraph", "exact", "containment"):
            f = result[name]
            print(f"| {how} labels | {name} | {f['answered']:.3f} | {f['right']:.3f} |"
                  f" {f['rr']:.3f} | {f['hit10']:.3f} |", flush=True)  # fmt: skip
        seconds = result["careergraph"]["median_s"]
        print(f"| {how} labels | careergraph median s a query | {seconds:.3f} | | | |")
    typo = typos(esco, labels, seed, cases)
    hidden = hidden_labels(esco, labels, seed, cases)
    alias = aliases(esco)
    print("\n| names | measure | careergraph | baseline |\n|---|---|---:|---:|")
    right, first = typo["careergraph"], typo["first suggestion"]
    print(f"| job titles with one typo ({typo['cases']}) | right occupation | {right:.3f} |"
          f" {first:.3f} (first suggestion) |")  # fmt: skip
    print(f"| hidden labels ({hidden['cases']}) | right skill | {hidden['careergraph']:.3f} | |")
    print(f"| common aliases ({alias['cases']}) | right entity | {alias['careergraph']:.3f} | |")
    for file in HAND_TYPED:
        rows = hand_typed(esco, labels, file)
        print(f"\n| {file} | names read | careergraph | exact label | + containment |")
        print("|---|---:|---:|---:|---:|")
        for row in rows:
            ranks = [row[n] for n in ("careergraph", "exact", "containment")]
            shown = ["-" if r is None else f"{r:g}" for r in ranks]
            print(f"| {row['job']} | {row['read']} of {row['names']} | {' | '.join(shown)} |")
        for name in ("careergraph", "exact", "containment"):
            answered = sum(
                1 for r in rows if r[name] is not None or (name == "careergraph" and r["read"])
            )
            top10 = sum(1 for r in rows if r[name] is not None and r[name] <= 10)
            print(f"\n{name}: answered as typed {answered} of {len(rows)}; an accepted answer"
                  f" in the top 10 for {top10} of {len(rows)}", end="")  # fmt: skip
        print()
    print()
    for row in cvs(esco):
        print(f"\n{row['cv']}: {len(row['found'])} found in {row['seconds']:.2f} s: "
              f"{', '.join(row['found'])}; top roles: {', '.join(row['top'])}")  # fmt: skip


def _csv(folder: str, name: str):
    path = Path(folder)
    for archive in sorted(path.glob("*.zip")):
        with zipfile.ZipFile(archive) as opened:
            members = [m for m in opened.namelist() if Path(m).name == name]
            if members:
                text = opened.read(members[0]).decode("utf-8")
                yield from csv.DictReader(io.StringIO(text, newline=""))
                return
    yield from csv.DictReader((path / name).open(encoding="utf-8", newline=""))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
