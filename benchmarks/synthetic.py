"""Synthetic graphs in the ontology's shape, of a chosen size, for the benchmarks.

Tracks with core skill areas and career transitions between them, three career levels, roles
that require skills, skills under areas, tools used for skills: the same classes and
properties as the built-in graph, in the same proportions. About a fifth of the triples are
role-skill links, and a track has about eight roles, two or three per level, as the built-in
tracks do: a bigger graph has more tracks, not more crowded ones. Each track leads to the
next and, every other one, to a random track (the built-in tracks state one or two
transitions each).

    .venv/bin/python benchmarks/synthetic.py 1000000 synthetic.nt [ROLES_PER_TRACK]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

CG = "https://w3id.org/careergraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
BASE = "https://example.org/synthetic/"


def write_synthetic(path: Path, triples: int, seed: int = 1, track_roles: int = 8) -> Path:
    """Write about ``triples`` N-Triples lines to ``path`` (exactly that many, give or take
    one entity's worth), with about ``track_roles`` roles per track (a crowded graph: more)."""
    chance = random.Random(seed)
    tracks = max(2, triples // (10 * track_roles))  # a role takes ten triples
    areas = max(4, triples // 2_000)
    skills = max(10, triples // 40)
    tools = max(10, triples // 60)
    written = 0

    def line(handle, subject: str, predicate: str, value: str | int, literal: bool = False) -> None:
        nonlocal written
        obj = f'"{value}"' if literal else f"<{value}>"
        if isinstance(value, int):
            obj = f'"{value}"^^<http://www.w3.org/2001/XMLSchema#integer>'
        handle.write(f"<{subject}> <{predicate}> {obj} .\n")
        written += 1

    with path.open("w", encoding="utf-8") as handle:
        for rank, level in enumerate(("entry", "mid", "senior"), 1):
            iri = f"{BASE}level/{level}"
            line(handle, iri, RDF_TYPE, CG + "CareerLevel")
            line(handle, iri, SKOS + "prefLabel", f"{level.title()} Level", literal=True)
            line(handle, iri, CG + "rank", rank)
            line(handle, iri, SKOS + "inScheme", f"{BASE}scheme/levels")
        for t in range(tracks):
            line(handle, f"{BASE}track/{t}", RDF_TYPE, CG + "Track")
            line(handle, f"{BASE}track/{t}", SKOS + "prefLabel", f"Track {t}", literal=True)
            towards = [(t + 1) % tracks] + ([chance.randrange(tracks)] if t % 2 == 0 else [])
            for n, other in enumerate(towards):
                iri = f"{BASE}transition/{t}-{n}"
                line(handle, iri, RDF_TYPE, CG + "CareerTransition")
                line(handle, iri, SKOS + "prefLabel", f"Track {t} to {other}", literal=True)
                line(handle, iri, CG + "fromTrack", f"{BASE}track/{t}")
                line(handle, iri, CG + "towards", f"{BASE}track/{other}")
        for a in range(areas):
            iri = f"{BASE}area/{a}"
            line(handle, iri, RDF_TYPE, CG + "SkillArea")
            line(handle, iri, SKOS + "prefLabel", f"Area {a}", literal=True)
            line(handle, f"{BASE}track/{a % tracks}", CG + "coreSkill", iri)
        for s in range(skills):
            iri = f"{BASE}skill/{s}"
            line(handle, iri, RDF_TYPE, CG + "Skill")
            line(handle, iri, SKOS + "prefLabel", f"Skill {s}", literal=True)
            line(handle, iri, SKOS + "broader", f"{BASE}area/{s % areas}")
        for o in range(tools):
            iri = f"{BASE}tool/{o}"
            line(handle, iri, RDF_TYPE, CG + "Tool")
            line(handle, iri, SKOS + "prefLabel", f"Tool {o}", literal=True)
            line(handle, iri, CG + "usedFor", f"{BASE}skill/{chance.randrange(skills)}")
        role = 0
        while written < triples:
            iri = f"{BASE}role/{role}"
            line(handle, iri, RDF_TYPE, CG + "Role")
            line(handle, iri, SKOS + "prefLabel", f"Role {role}", literal=True)
            line(handle, iri, CG + "track", f"{BASE}track/{role % tracks}")
            line(handle, iri, CG + "level", f"{BASE}level/{('entry', 'mid', 'senior')[role % 3]}")
            for _ in range(6):
                line(handle, iri, CG + "requiresSkill", f"{BASE}skill/{chance.randrange(skills)}")
            role += 1
    return path


if __name__ == "__main__":
    size, target = int(sys.argv[1]), Path(sys.argv[2])
    write_synthetic(target, size, track_roles=int(sys.argv[3]) if len(sys.argv) > 3 else 8)
    print(f"wrote {target}", file=sys.stderr)
